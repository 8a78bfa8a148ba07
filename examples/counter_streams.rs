//! A counter with +, − and reset buttons that goes back to 0 after 5 s without a click,
//! written with signal streams. Compare with `counter_callbacks.rs`, the same app written
//! with callbacks: the UI code is the same, the logic is one loop instead of shared state.
//!
//! ```sh
//! cargo run --example counter_streams
//! GSS_IDLE_MS=2000 cargo run --example counter_streams   # idle reset after 2 s
//! ```

use std::time::Duration;

use futures::{select, stream, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

struct Ui {
    window: gtk::Window,
    label: gtk::Label,
    plus: gtk::Button,
    minus: gtk::Button,
    reset: gtk::Button,
}

fn build_ui(title: &str) -> Ui {
    let label = gtk::Label::new(Some("0"));
    let plus = gtk::Button::with_label("+");
    let minus = gtk::Button::with_label("−");
    let reset = gtk::Button::with_label("reset");
    let row = gtk::Box::new(gtk::Orientation::Horizontal, 6);
    row.set_homogeneous(true);
    for button in [&minus, &plus, &reset] {
        row.append(button);
    }
    let column = gtk::Box::new(gtk::Orientation::Vertical, 12);
    column.append(&label);
    column.append(&row);
    let window = gtk::Window::builder()
        .title(title)
        .default_width(300)
        .child(&column)
        .build();
    // A header bar, as most GTK 4 applications have: its close button is there also where
    // no window manager decorates windows.
    window.set_titlebar(Some(&gtk::HeaderBar::new()));
    window.present();
    test_hook::print_geometry(
        &window,
        &[
            ("plus", plus.upcast_ref()),
            ("minus", minus.upcast_ref()),
            ("reset", reset.upcast_ref()),
        ],
    );
    Ui {
        window,
        label,
        plus,
        minus,
        reset,
    }
}

fn main() {
    let idle = Duration::from_millis(
        std::env::var("GSS_IDLE_MS").map_or(5_000, |ms| ms.parse().expect("GSS_IDLE_MS")),
    );
    gtk::init().expect("GTK needs a display");
    let ui = build_ui("gss counter streams");

    let plus = ui.plus.clicked_stream().map(|_| "plus");
    let minus = ui.minus.clicked_stream().map(|_| "minus");
    let reset = ui.reset.clicked_stream().map(|_| "reset");
    // Every click, and a `None` after `idle` without one.
    let mut clicks = stream::select(stream::select(plus, minus), reset).idle_timeout(idle);
    let mut closed = ui
        .window
        .close_request_stream(|| glib::Propagation::Proceed);

    glib::MainContext::default().block_on(async {
        let mut count = 0;
        loop {
            let why = select! {
                click = clicks.next() => match click {
                    Some(Some(why)) => why,
                    Some(None) if count != 0 => "idle reset",
                    _ => continue,
                },
                _ = closed.next() => break,
            };
            count = match why {
                "plus" => count + 1,
                "minus" => count - 1,
                _ => 0,
            };
            ui.label.set_label(&count.to_string());
            println!("count {count} ({why})");
        }
    });
    println!("window closed");
}
