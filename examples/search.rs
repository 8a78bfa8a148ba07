//! Search-as-you-type with signal streams: the entry's text, debounced, each query handed to
//! a slow search that a newer query cancels. Compare with `search_callbacks.rs`, the same
//! program written with callbacks.
//!
//! A `gtk::Application`: the search runs in a task spawned on the window
//! (`window.spawn_local`), holding the results label strongly; closing the window drops the
//! task, the search running with it.
//!
//! It prints `searching: QUERY` when a search starts and `results for QUERY: ...` when one
//! completes; a search cancelled by a newer query prints no results. Once the window is
//! closed it prints `closed: window and N widgets finalized` (or what is still alive, and it
//! exits with 1).
//!
//! ```sh
//! cargo run --example search
//! ```

use std::{pin::pin, time::Duration};

use futures::{future, StreamExt};
use glib::clone;
use glib_signal_stream::prelude::*;
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
    window: gtk::ApplicationWindow,
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
    Ui {
        window,
        entry,
        results,
    }
}

/// The words starting with `query`, after a while.
async fn search(query: String) -> (String, Vec<&'static str>) {
    println!("searching: {query}");
    glib::timeout_future(SEARCH_TIME).await;
    let found = WORDS
        .iter()
        .copied()
        .filter(|word| word.starts_with(&query))
        .collect();
    (query, found)
}

fn build_window(app: &gtk::Application) {
    let ui = build_ui(app, "gss search");
    let results = ui
        .entry
        .property_stream::<String>("text")
        .debounce(TYPING_PAUSE)
        .filter(|query| future::ready(!query.is_empty()))
        .map_latest(search);
    ui.window.spawn_local(clone!(
        #[strong(rename_to = label)]
        ui.results,
        async move {
            let mut results = pin!(results);
            while let Some((query, found)) = results.next().await {
                let found = found.join(", ");
                println!("results for {query}: {found}");
                label.set_label(&found);
            }
        }
    ));
}

fn main() -> glib::ExitCode {
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssSearch")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    app.connect_activate(build_window);
    closing::report_when_closed(&app);
    app.run()
}
