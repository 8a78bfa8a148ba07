//! A counter with +, − and reset buttons that goes back to 0 after 5 s without a click,
//! written with signal streams. Compare with `counter_callbacks.rs`, the same app written
//! with callbacks: the UI code is the same, the logic is one loop instead of shared state.
//!
//! ```sh
//! cargo run --example counter_streams
//! GSS_IDLE_MS=2000 cargo run --example counter_streams   # idle reset after 2 s
//! ```
//! With `GSS_QUIT_ON_IDLE=1`, it closes its window after the idle reset (for the tests).

use std::time::Duration;

use futures::{future::Fuse, select, FutureExt, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

mod common;

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
    window.present();
    common::print_geometry(
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
    let quit_on_idle = std::env::var_os("GSS_QUIT_ON_IDLE").is_some();
    gtk::init().expect("GTK needs a display");
    let ui = build_ui("gss counter streams");

    let mut plus = ui.plus.clicked_stream();
    let mut minus = ui.minus.clicked_stream();
    let mut reset = ui.reset.clicked_stream();
    let mut closed = ui
        .window
        .close_request_stream(|| glib::Propagation::Proceed);

    glib::MainContext::default().block_on(async {
        let mut count = 0;
        loop {
            // Waiting for the next click is also waiting for the idle timeout.
            let mut idle_reset = if count != 0 {
                glib::timeout_future(idle).fuse()
            } else {
                Fuse::terminated()
            };
            let (value, why) = select! {
                _ = plus.next() => (count + 1, "plus"),
                _ = minus.next() => (count - 1, "minus"),
                _ = reset.next() => (0, "reset"),
                _ = idle_reset => (0, "idle reset"),
                _ = closed.next() => break,
            };
            count = value;
            ui.label.set_label(&count.to_string());
            println!("count {count} ({why})");
            if why == "idle reset" && quit_on_idle {
                ui.window.close();
            }
        }
    });
    println!("window closed");
}
