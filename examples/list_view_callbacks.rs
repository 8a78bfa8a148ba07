//! A `ListView` of 10 000 rows whose `SignalListItemFactory` is written with callbacks: the
//! same program as `list_view.rs`, for comparison.
//!
//! A `gtk::Application`, its handlers written as gtk4-rs's examples write them, with
//! `clone!`: the window captured `#[weak]`, the shared state `#[strong]`.
//!
//! ```sh
//! cargo run --example list_view_callbacks        # click rows; close the window to quit
//! cargo run --example list_view_callbacks -- 5   # it quits after 5 activations
//! ```
//!
//! It prints the scroll position (in whole pixels) when it changes, each activated row with
//! the rows bound at that moment, and `done` if it quits after its activations. Once the
//! window is closed it prints `closed: window and N widgets finalized` (or what is still
//! alive, and it exits with 1).

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use glib::clone;
use gtk4 as gtk;
use gtk4::prelude::*;

#[path = "shared/closing.rs"]
mod closing;
mod test_hook;

/// The factory's item as a list item: gtk4-rs gives a `gtk::ListItem`, or with its `v4_8`
/// feature (the crate's `gtk_v4_8`) the `glib::Object` that GTK 4.8 declares.
fn list_item<T: IsA<glib::Object>>(item: &T) -> &gtk::ListItem {
    item.upcast_ref::<glib::Object>()
        .downcast_ref()
        .expect("a list view's factory makes list items")
}

fn label_of(item: &gtk::ListItem) -> Option<gtk::Label> {
    item.child().and_downcast::<gtk::Label>()
}

#[derive(Default)]
struct State {
    bound: HashMap<gtk::ListItem, u32>,
    widgets: i32,
    left: usize,
}

fn build_window(app: &gtk::Application, activations: usize) {
    let rows: Vec<String> = (0..10_000).map(|i| format!("Row {i}")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let model = gtk::StringList::new(&rows);
    let state = Rc::new(RefCell::new(State {
        left: activations,
        ..State::default()
    }));

    let factory = gtk::SignalListItemFactory::new();
    factory.connect_setup(clone!(
        #[strong]
        state,
        move |_, item| {
            list_item(item).set_child(Some(&gtk::Label::new(None)));
            state.borrow_mut().widgets += 1;
        }
    ));
    factory.connect_bind(clone!(
        #[strong]
        state,
        move |_, item| {
            let item = list_item(item);
            let text = item.item().and_downcast::<gtk::StringObject>();
            if let (Some(label), Some(text)) = (label_of(item), text) {
                label.set_label(&text.string());
            }
            state
                .borrow_mut()
                .bound
                .insert(item.clone(), item.position());
        }
    ));
    factory.connect_unbind(clone!(
        #[strong]
        state,
        move |_, item| {
            let item = list_item(item);
            if let Some(label) = label_of(item) {
                label.set_label("");
            }
            state.borrow_mut().bound.remove(item);
        }
    ));
    factory.connect_teardown(clone!(
        #[strong]
        state,
        move |_, _| state.borrow_mut().widgets -= 1
    ));

    let view = gtk::ListView::new(Some(gtk::NoSelection::new(Some(model))), Some(factory));
    view.set_single_click_activate(true);
    let scrolled = gtk::ScrolledWindow::builder()
        .hscrollbar_policy(gtk::PolicyType::Never)
        .child(&view)
        .build();
    let window = gtk::ApplicationWindow::builder()
        .application(app)
        .title("gss list view callbacks")
        .default_width(300)
        .default_height(400)
        .child(&scrolled)
        .build();
    // A header bar, as most GTK 4 applications have: its close button is there also where
    // no window manager decorates windows.
    window.set_titlebar(Some(&gtk::HeaderBar::new()));
    window.present();
    test_hook::print_geometry(window.upcast_ref(), &[("list", view.upcast_ref())]);

    let shown = RefCell::new(String::from("0"));
    scrolled
        .vadjustment()
        .connect_value_changed(move |adjustment| {
            let now = format!("{:.0}", adjustment.value());
            if now != *shown.borrow() {
                println!("scrolled to {now}");
                shown.replace(now);
            }
        });
    view.connect_activate(clone!(
        #[weak]
        window,
        #[strong]
        state,
        move |_, position| {
            let mut state = state.borrow_mut();
            let first = state.bound.values().min().copied().unwrap_or_default();
            let last = state.bound.values().max().copied().unwrap_or_default();
            println!(
                "activated Row {position}; bound Row {first} to Row {last} \
                 ({} rows, {} row widgets)",
                state.bound.len(),
                state.widgets
            );
            state.left -= 1;
            if state.left == 0 {
                window.close();
                println!("done");
            }
        }
    ));
}

fn main() -> glib::ExitCode {
    let activations: usize = std::env::args()
        .nth(1)
        .map_or(usize::MAX, |n| n.parse().expect("a number of activations"));
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssListViewCallbacks")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    app.connect_activate(move |app| build_window(app, activations));
    closing::report_when_closed(&app);
    // The arguments are the example's, not files for the application to open.
    app.run_with_args::<&str>(&[])
}
