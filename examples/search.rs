//! Search-as-you-type with signal streams: the entry's text, debounced, each query handed to
//! a slow search that a newer query cancels. Compare with `search_callbacks.rs`, the same
//! program written with callbacks.
//!
//! It prints `searching: QUERY` when a search starts and `results for QUERY: ...` when one
//! completes; a search cancelled by a newer query prints no results.
//!
//! ```sh
//! cargo run --example search
//! ```

use std::{pin::pin, time::Duration};

use futures::{future, select, StreamExt};
use glib_signal_stream::prelude::*;
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

fn main() {
    gtk::init().expect("GTK needs a display");
    let ui = build_ui("gss search");

    let results = ui
        .entry
        .property_stream::<String>("text")
        .debounce(TYPING_PAUSE)
        .filter(|query| future::ready(!query.is_empty()))
        .map_latest(search);
    let mut results = pin!(results);
    let mut closed = ui
        .window
        .close_request_stream(|| glib::Propagation::Proceed);

    glib::MainContext::default().block_on(async {
        loop {
            select! {
                result = results.next() => if let Some((query, found)) = result {
                    let found = found.join(", ");
                    println!("results for {query}: {found}");
                    ui.results.set_label(&found);
                },
                _ = closed.next() => break,
            }
        }
    });
}
