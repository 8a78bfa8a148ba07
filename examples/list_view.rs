//! A `ListView` of 10 000 rows whose `SignalListItemFactory` is written with streams. Compare
//! with `list_view_callbacks.rs`, the same program with callbacks.
//!
//! The rule it follows: act now with a handler, react later with a stream. GTK measures and
//! draws a row right after `setup` and `bind` return, so the row's widget must be built and
//! filled inside those emissions: that is the `.handler(..)` of its events stream. What is only
//! bookkeeping (which rows are bound, how many row widgets exist) reads the same emissions
//! later from the stream (`SignalListItemFactoryEvent`s, their list items typed as
//! `gtk::ListItem`), which keeps them in the order GTK emitted them, across the four signals.
//!
//! A `gtk::Application`: the bookkeeping runs in a task spawned on the window
//! (`window.spawn_local`), holding the window strongly; closing the window drops the task.
//!
//! ```sh
//! cargo run --example list_view        # click rows; close the window to quit
//! cargo run --example list_view -- 5   # it quits after 5 activations
//! ```
//!
//! It prints the scroll position (in whole pixels) when it changes, each activated row with
//! the rows bound at that moment, and `done` if it quits after its activations. Once the
//! window is closed it prints `closed: window and N widgets finalized` (or what is still
//! alive, and it exits with 1).

use std::collections::HashMap;

use futures::{select_biased, StreamExt};
use glib::clone;
use glib_signal_stream::prelude::{SignalListItemFactoryEvent as Row, *};
use gtk4 as gtk;
use gtk4::prelude::*;

#[path = "shared/closing.rs"]
mod closing;
mod test_hook;

fn label_of(item: &gtk::ListItem) -> Option<gtk::Label> {
    item.child().and_downcast::<gtk::Label>()
}

fn build_window(app: &gtk::Application, activations: usize) {
    let rows: Vec<String> = (0..10_000).map(|i| format!("Row {i}")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let model = gtk::StringList::new(&rows);

    let factory = gtk::SignalListItemFactory::new();
    // Act now: GTK lays a row out as soon as these emissions return.
    let mut events = factory
        .signal_stream_many_builder()
        .events()
        .handler(|event| match event {
            Row::Setup(item) => item.set_child(Some(&gtk::Label::new(None))),
            Row::Bind(item) => {
                let text = item.item().and_downcast::<gtk::StringObject>();
                if let (Some(label), Some(text)) = (label_of(item), text) {
                    label.set_label(&text.string());
                }
            }
            Row::Unbind(item) => {
                if let Some(label) = label_of(item) {
                    label.set_label("");
                }
            }
            Row::Teardown(_) => {}
        })
        .build();

    let view = gtk::ListView::new(Some(gtk::NoSelection::new(Some(model))), Some(factory));
    view.set_single_click_activate(true);
    let scrolled = gtk::ScrolledWindow::builder()
        .hscrollbar_policy(gtk::PolicyType::Never)
        .child(&view)
        .build();
    let window = gtk::ApplicationWindow::builder()
        .application(app)
        .title("gss list view streams")
        .default_width(300)
        .default_height(400)
        .child(&scrolled)
        .build();
    // A header bar, as most GTK 4 applications have: its close button is there also where
    // no window manager decorates windows.
    window.set_titlebar(Some(&gtk::HeaderBar::new()));
    window.present();
    test_hook::print_geometry(window.upcast_ref(), &[("list", view.upcast_ref())]);

    let mut activated = view.activate_stream();
    let mut scrolls = scrolled.vadjustment().value_changed_stream();
    let adjustment = scrolled.vadjustment();

    window.spawn_local(clone!(
        #[strong]
        window,
        async move {
            // React later: which rows are bound, and how many row widgets exist.
            let mut bound = HashMap::new();
            let mut widgets = 0;
            let mut left = activations;
            let mut shown = String::from("0");
            while left > 0 {
                // Biased towards the factory: its emissions come before the activation that
                // follows them, so the bookkeeping is up to date when a row is activated.
                select_biased! {
                    row = events.next() => match row {
                        Some(Row::Setup(_)) => widgets += 1,
                        Some(Row::Bind(item)) => {
                            bound.insert(item.clone(), item.position());
                        }
                        Some(Row::Unbind(item)) => {
                            bound.remove(&item);
                        }
                        Some(Row::Teardown(_)) => widgets -= 1,
                        None => break,
                    },
                    scrolled = scrolls.next() => if scrolled.is_some() {
                        let now = format!("{:.0}", adjustment.value());
                        if now != shown {
                            println!("scrolled to {now}");
                            shown = now;
                        }
                    },
                    position = activated.next() => if let Some((position,)) = position {
                        let first = bound.values().min().copied().unwrap_or_default();
                        let last = bound.values().max().copied().unwrap_or_default();
                        println!(
                            "activated Row {position}; bound Row {first} to Row {last} \
                             ({} rows, {widgets} row widgets)",
                            bound.len()
                        );
                        left -= 1;
                    },
                }
            }
            window.close();
            println!("done");
        }
    ));
}

fn main() -> glib::ExitCode {
    let activations: usize = std::env::args()
        .nth(1)
        .map_or(usize::MAX, |n| n.parse().expect("a number of activations"));
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssListView")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    app.connect_activate(move |app| build_window(app, activations));
    closing::report_when_closed(&app);
    // The arguments are the example's, not files for the application to open.
    app.run_with_args::<&str>(&[])
}
