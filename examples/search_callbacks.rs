//! Search-as-you-type with callbacks, as a GTK application is written without signal
//! streams: a timer restarted on every change, and a search whose handle must be kept to
//! cancel it when a newer query comes. Compare with `search.rs`, the same program written
//! with signal streams.
//!
//! A `gtk::Application`, its handlers written as gtk4-rs's examples write them: widgets
//! captured with `clone!(#[weak] ..)`, so that a pending timer keeps nothing alive once the
//! window is closed.
//!
//! It prints `searching: QUERY` when a search starts and `results for QUERY: ...` when one
//! completes; a search cancelled by a newer query prints no results. Once the window is
//! closed it prints `closed: window and N widgets finalized` (or what is still alive, and it
//! exits with 1).
//!
//! ```sh
//! cargo run --example search_callbacks
//! ```

use std::{cell::RefCell, rc::Rc, time::Duration};

use glib::clone;
use gtk4 as gtk;
use gtk4::prelude::*;

#[path = "shared/closing.rs"]
mod closing;
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
    entry: gtk::Entry,
    results: gtk::Label,
}

fn build_ui(app: &gtk::Application, title: &str) -> Ui {
    let entry = gtk::Entry::new();
    let results = gtk::Label::new(None);
    let column = gtk::Box::new(gtk::Orientation::Vertical, 12);
    column.append(&entry);
    column.append(&results);
    let window = gtk::ApplicationWindow::builder()
        .application(app)
        .title(title)
        .default_width(300)
        .child(&column)
        .build();
    // A header bar, as most GTK 4 applications have: its close button is there also where
    // no window manager decorates windows.
    window.set_titlebar(Some(&gtk::HeaderBar::new()));
    window.present();
    test_hook::print_geometry(window.upcast_ref(), &[("entry", entry.upcast_ref())]);
    Ui { entry, results }
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

fn build_window(app: &gtk::Application) {
    let ui = build_ui(app, "gss search callbacks");
    let pending = Rc::new(RefCell::new(Pending::default()));
    ui.entry.connect_changed(clone!(
        #[weak(rename_to = label)]
        ui.results,
        move |entry| {
            if let Some(typing) = pending.borrow_mut().typing.take() {
                typing.remove();
            }
            let query = entry.text().to_string();
            let typing = glib::timeout_add_local_once(
                TYPING_PAUSE,
                clone!(
                    #[weak]
                    label,
                    #[strong(rename_to = pending_ref)]
                    pending,
                    move || {
                        let mut pending = pending_ref.borrow_mut();
                        // This timer has fired: its id is no longer valid.
                        pending.typing = None;
                        if query.is_empty() {
                            return;
                        }
                        if let Some(search) = pending.search.take() {
                            search.remove();
                        }
                        pending.search = Some(search(
                            query,
                            clone!(
                                #[weak]
                                label,
                                #[strong]
                                pending_ref,
                                move |query, found| {
                                    pending_ref.borrow_mut().search = None;
                                    let found = found.join(", ");
                                    println!("results for {query}: {found}");
                                    label.set_label(&found);
                                }
                            ),
                        ));
                    }
                ),
            );
            pending.borrow_mut().typing = Some(typing);
        }
    ));
}

fn main() -> glib::ExitCode {
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssSearchCallbacks")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    app.connect_activate(build_window);
    closing::report_when_closed(&app);
    app.run()
}
