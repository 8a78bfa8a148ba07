//! Search-as-you-type with callbacks, as a GTK application is written without signal
//! streams: a timer restarted on every change, and a search whose handle must be kept to
//! cancel it when a newer query comes. Compare with `search.rs`, the same program written
//! with signal streams.
//!
//! It prints `searching: QUERY` when a search starts and `results for QUERY: ...` when one
//! completes; a search cancelled by a newer query prints no results.
//!
//! ```sh
//! cargo run --example search_callbacks
//! ```

use std::{cell::RefCell, rc::Rc, time::Duration};

use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

const WORDS: &[&str] = &[
    "apple",
    "apricot",
    "avocado",
    "banana",
    "blackberry",
    "blueberry",
    "cherry",
    "coconut",
    "grape",
    "grapefruit",
    "lemon",
    "lime",
    "mango",
    "melon",
];
/// How long typing must pause before the text is searched for.
const TYPING_PAUSE: Duration = Duration::from_millis(300);
/// How long a search takes, as a database or a web service would.
const SEARCH_TIME: Duration = Duration::from_millis(1500);

struct Ui {
    window: gtk::Window,
    entry: gtk::Entry,
    results: gtk::Label,
}

fn build_ui(title: &str) -> Ui {
    let entry = gtk::Entry::new();
    let results = gtk::Label::new(None);
    let column = gtk::Box::new(gtk::Orientation::Vertical, 12);
    column.append(&entry);
    column.append(&results);
    let window = gtk::Window::builder()
        .title(title)
        .default_width(300)
        .child(&column)
        .build();
    window.present();
    test_hook::print_geometry(&window, &[("entry", entry.upcast_ref())]);
    Ui {
        window,
        entry,
        results,
    }
}

/// Starts looking for the words starting with `query`; `done` gets them after a while,
/// unless the returned source is removed first.
fn search(query: String, done: impl FnOnce(String, Vec<&'static str>) + 'static) -> glib::SourceId {
    println!("searching: {query}");
    glib::timeout_add_local_once(SEARCH_TIME, move || {
        let found = WORDS
            .iter()
            .copied()
            .filter(|word| word.starts_with(&query))
            .collect();
        done(query, found);
    })
}

/// The timer waiting for typing to pause, and the search running, each while there is one.
#[derive(Default)]
struct Pending {
    typing: Option<glib::SourceId>,
    search: Option<glib::SourceId>,
}

fn main() {
    gtk::init().expect("GTK needs a display");
    let ui = build_ui("gss search callbacks");
    let main_loop = glib::MainLoop::new(None, false);

    let pending = Rc::new(RefCell::new(Pending::default()));
    let results = ui.results.clone();
    ui.entry.connect_changed(move |entry| {
        if let Some(typing) = pending.borrow_mut().typing.take() {
            typing.remove();
        }
        let query = entry.text().to_string();
        let pending_ref = pending.clone();
        let results = results.clone();
        let typing = glib::timeout_add_local_once(TYPING_PAUSE, move || {
            let mut pending = pending_ref.borrow_mut();
            // This timer has fired: its id is no longer valid.
            pending.typing = None;
            if query.is_empty() {
                return;
            }
            if let Some(search) = pending.search.take() {
                search.remove();
            }
            let pending_ref = pending_ref.clone();
            pending.search = Some(search(query, move |query, found| {
                pending_ref.borrow_mut().search = None;
                let found = found.join(", ");
                println!("results for {query}: {found}");
                results.set_label(&found);
            }));
        });
        pending.borrow_mut().typing = Some(typing);
    });
    ui.window.connect_close_request({
        let main_loop = main_loop.clone();
        move |_| {
            main_loop.quit();
            glib::Propagation::Proceed
        }
    });

    main_loop.run();
}
