//! Rows that come and go, their clicks flowing through one [`StreamSet`]: "Add row" appends
//! a row with its own "click" and "remove" buttons; each new row's streams join the set, and
//! a removed row's streams end with the row and leave the set.
//!
//! A `gtk::Application` whose window runs the rows in one task spawned on it
//! (`window.spawn_local`), holding the window and its widgets strongly: closing the window
//! drops the task, and with it everything it held.
//!
//! It prints `added row N`, `clicked row N`, `removed row N`, and `row N: streams ended` once
//! a removed row is gone; once the window is closed, `closed: window and N widgets finalized`
//! (or what is still alive, and it exits with 1).
//!
//! ```sh
//! cargo run --example rows
//! ```

use std::{collections::HashMap, future};

use futures::{stream, StreamExt};
use glib::clone;
use glib_signal_stream::{prelude::*, StreamSet};
use gtk4 as gtk;
use gtk4::prelude::*;

#[path = "shared/closing.rs"]
mod closing;
mod test_hook;

enum Event {
    Add,
    Click(u32),
    Remove(u32),
    Ended(u32),
}

/// A row with its two buttons.
fn build_row(n: u32) -> (gtk::ListBoxRow, gtk::Button, gtk::Button) {
    let click = gtk::Button::with_label("click");
    let remove = gtk::Button::with_label("remove");
    let content = gtk::Box::new(gtk::Orientation::Horizontal, 6);
    content.append(&gtk::Label::new(Some(&format!("row {n}"))));
    content.append(&click);
    content.append(&remove);
    let row = gtk::ListBoxRow::builder().child(&content).build();
    (row, click, remove)
}

/// The rows on screen by number, with their buttons.
type Rows = HashMap<u32, (gtk::ListBoxRow, gtk::Button, gtk::Button)>;

/// For the tests' clicks: where "Add row" and each row's buttons are.
fn show_geometry(window: &gtk::ApplicationWindow, add: &gtk::Button, rows: &Rows) {
    let mut widgets = vec![("add".to_owned(), add.clone().upcast::<gtk::Widget>())];
    for (n, (_, click, remove)) in rows {
        widgets.push((format!("click-{n}"), click.clone().upcast()));
        widgets.push((format!("remove-{n}"), remove.clone().upcast()));
    }
    let named: Vec<(&str, &gtk::Widget)> = widgets.iter().map(|(n, w)| (n.as_str(), w)).collect();
    test_hook::print_geometry(window.upcast_ref(), &named);
}

fn build_window(app: &gtk::Application) {
    let add = gtk::Button::with_label("Add row");
    let list = gtk::ListBox::new();
    let column = gtk::Box::new(gtk::Orientation::Vertical, 6);
    column.append(&add);
    column.append(&list);
    let window = gtk::ApplicationWindow::builder()
        .application(app)
        .title("gss rows")
        .default_width(300)
        .default_height(400)
        .child(&column)
        .build();
    // A header bar, as most GTK 4 applications have: its close button is there also where
    // no window manager decorates windows.
    window.set_titlebar(Some(&gtk::HeaderBar::new()));
    window.present();

    let mut events = StreamSet::new();
    let set = events.handle();
    set.insert(add.clicked_stream().map(|_| Event::Add));

    window.spawn_local(clone!(
        #[strong]
        window,
        #[strong]
        add,
        #[strong]
        list,
        async move {
            // The rows on screen and their buttons.
            let mut rows = Rows::new();
            show_geometry(&window, &add, &rows);

            let mut next_row = 1;
            while let Some(event) = events.next().await {
                match event {
                    Event::Add => {
                        let n = next_row;
                        next_row += 1;
                        let (row, click, remove) = build_row(n);
                        list.append(&row);
                        // The row's streams end when it is disposed; then this one says so.
                        let clicks = click.clicked_stream().map(move |_| Event::Click(n));
                        let removes = remove.clicked_stream().map(move |_| Event::Remove(n));
                        let ended = stream::once(future::ready(Event::Ended(n)));
                        set.insert(stream::select(clicks, removes).chain(ended));
                        rows.insert(n, (row, click, remove));
                        println!("added row {n}");
                        show_geometry(&window, &add, &rows);
                    }
                    Event::Click(n) => println!("clicked row {n}"),
                    Event::Remove(n) => {
                        if let Some((row, _, _)) = rows.remove(&n) {
                            list.remove(&row);
                        }
                        println!("removed row {n}");
                    }
                    Event::Ended(n) => {
                        println!("row {n}: streams ended");
                        show_geometry(&window, &add, &rows);
                    }
                }
            }
        }
    ));
}

fn main() -> glib::ExitCode {
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssRows")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    app.connect_activate(build_window);
    closing::report_when_closed(&app);
    app.run()
}
