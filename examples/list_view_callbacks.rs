//! A `ListView` of 10 000 rows whose `SignalListItemFactory` is written with callbacks: the
//! same program as `list_view.rs`, for comparison.
//!
//! ```sh
//! cargo run --example list_view_callbacks        # click rows; it quits after 3 activations
//! cargo run --example list_view_callbacks -- 5   # after 5
//! ```
//!
//! It prints the scroll position (in whole pixels) when it changes, and each activated row
//! with the rows bound at that moment.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

fn label_of(item: &gtk::ListItem) -> Option<gtk::Label> {
    item.child().and_downcast::<gtk::Label>()
}

#[derive(Default)]
struct State {
    bound: HashMap<gtk::ListItem, u32>,
    widgets: i32,
    left: usize,
}

fn main() {
    let activations: usize = std::env::args()
        .nth(1)
        .map_or(3, |n| n.parse().expect("a number of activations"));
    gtk::init().expect("GTK needs a display");

    let rows: Vec<String> = (0..10_000).map(|i| format!("Row {i}")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let model = gtk::StringList::new(&rows);
    let state = Rc::new(RefCell::new(State {
        left: activations,
        ..State::default()
    }));

    let factory = gtk::SignalListItemFactory::new();
    factory.connect_setup({
        let state = state.clone();
        move |_, item| {
            item.set_child(Some(&gtk::Label::new(None)));
            state.borrow_mut().widgets += 1;
        }
    });
    factory.connect_bind({
        let state = state.clone();
        move |_, item| {
            let text = item.item().and_downcast::<gtk::StringObject>();
            if let (Some(label), Some(text)) = (label_of(item), text) {
                label.set_label(&text.string());
            }
            state
                .borrow_mut()
                .bound
                .insert(item.clone(), item.position());
        }
    });
    factory.connect_unbind({
        let state = state.clone();
        move |_, item| {
            if let Some(label) = label_of(item) {
                label.set_label("");
            }
            state.borrow_mut().bound.remove(item);
        }
    });
    factory.connect_teardown({
        let state = state.clone();
        move |_, _| state.borrow_mut().widgets -= 1
    });

    let view = gtk::ListView::new(Some(gtk::NoSelection::new(Some(model))), Some(factory));
    view.set_single_click_activate(true);
    let scrolled = gtk::ScrolledWindow::builder()
        .hscrollbar_policy(gtk::PolicyType::Never)
        .child(&view)
        .build();
    let window = gtk::Window::builder()
        .title("gss list view callbacks")
        .default_width(300)
        .default_height(400)
        .child(&scrolled)
        .build();
    window.present();
    test_hook::print_geometry(&window, &[("list", view.upcast_ref())]);

    let main_loop = glib::MainLoop::new(None, false);
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
    view.connect_activate({
        let (state, main_loop) = (state.clone(), main_loop.clone());
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
                main_loop.quit();
            }
        }
    });
    main_loop.run();
    window.close();
    println!("done");
}
