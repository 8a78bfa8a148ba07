//! Button clicks awaited in a loop: a counter that stops at a limit, then quits.
//!
//! The click handler is not a callback: the program waits for the next click the way it
//! would wait for the next line of a file. Closing the window ends the loop early.
//!
//! ```sh
//! cargo run --example clicks        # click 5 times
//! cargo run --example clicks -- 3   # or 3
//! ```

use futures::StreamExt;
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

fn main() {
    let limit: usize = std::env::args().nth(1).map_or(5, |arg| {
        arg.parse().expect("the argument is a number of clicks")
    });
    gtk::init().expect("GTK needs a display");

    let button = gtk::Button::with_label(&format!("Click me {limit} times"));
    let window = gtk::Window::builder()
        .title("gss clicks")
        .default_width(320)
        .default_height(200)
        .child(&button)
        .build();

    // The window closing is a future too: the clicks stream ends at the limit or then.
    let closed = window
        .close_request_stream(|| glib::Propagation::Proceed)
        .into_future();
    let mut clicks = button.clicked_stream().take(limit).take_until(closed);

    window.present();
    test_hook::print_geometry(&window, &[("button", button.upcast_ref())]);

    let count = glib::MainContext::default().block_on(async {
        let mut count = 0;
        while clicks.next().await.is_some() {
            count += 1;
            println!("clicked {count}");
            button.set_label(&format!("Clicked {count} of {limit}"));
        }
        count
    });
    if count == limit {
        println!("limit reached: quitting");
    } else {
        println!("window closed after {count} clicks");
    }
    window.destroy();
}
