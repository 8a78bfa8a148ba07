//! Several event sources in one loop with `futures::select!`: three buttons, an entry's
//! `activate` (Return), the window closing, and an idle timeout.
//!
//! Each turn of the loop waits for whichever comes first and prints it; the timeout is
//! created anew each turn, so it fires only after that long without any event.
//!
//! ```sh
//! cargo run --example select
//! GSS_IDLE_MS=3000 cargo run --example select   # quit after 3 s idle instead of 20 s
//! ```

use std::time::Duration;

use futures::{select, FutureExt, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

fn main() {
    let idle = Duration::from_millis(
        std::env::var("GSS_IDLE_MS").map_or(20_000, |ms| ms.parse().expect("GSS_IDLE_MS")),
    );
    gtk::init().expect("GTK needs a display");

    let buttons = ["red", "green", "blue"].map(gtk::Button::with_label);
    let entry = gtk::Entry::builder()
        .placeholder_text("type, then Return")
        .build();
    let row = gtk::Box::new(gtk::Orientation::Horizontal, 6);
    for button in &buttons {
        row.append(button);
    }
    let column = gtk::Box::new(gtk::Orientation::Vertical, 6);
    column.append(&row);
    column.append(&entry);
    let window = gtk::Window::builder()
        .title("gss select")
        .default_width(360)
        .child(&column)
        .build();

    let [mut red, mut green, mut blue] = buttons.each_ref().map(|button| button.clicked_stream());
    // The entry comes with each Return (`with_weak`): the loop never holds it itself.
    let mut entered = entry.activate_stream().with_weak(&entry);
    let mut closed = window.close_request_stream(|| glib::Propagation::Proceed);

    window.present();
    test_hook::print_geometry(
        &window,
        &[
            ("red", buttons[0].upcast_ref()),
            ("green", buttons[1].upcast_ref()),
            ("blue", buttons[2].upcast_ref()),
            ("entry", entry.upcast_ref()),
        ],
    );

    glib::MainContext::default().block_on(async {
        loop {
            select! {
                _ = red.next() => println!("clicked red"),
                _ = green.next() => println!("clicked green"),
                _ = blue.next() => println!("clicked blue"),
                item = entered.next() => if let Some((entry, ())) = item {
                    println!("entered {:?}", entry.text());
                    entry.set_text("");
                },
                _ = closed.next() => {
                    println!("window closed");
                    break;
                }
                _ = glib::timeout_future(idle).fuse() => {
                    println!("idle for {} ms: quitting", idle.as_millis());
                    break;
                }
            }
        }
    });
    window.destroy();
}
