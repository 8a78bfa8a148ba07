//! Confirm before closing: `close-request` is answered `Stop` at once by the return-value
//! handler, then an async confirmation dialog decides whether the window really closes.
//!
//! GTK needs the answer to `close-request` during the emission, so the handler always says
//! "keep the window open"; the request still arrives on the stream, where the program can
//! take its time: show a dialog, await Yes or No, and destroy the window itself.
//!
//! ```sh
//! cargo run --example confirm_close   # close the window (or click "Close…"), answer the dialog
//! ```

use futures::{select, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

/// Shows a modal Yes/No dialog over `parent` and returns the answer (closing it is No).
async fn confirm(parent: &gtk::Window, question: &str) -> bool {
    let yes = gtk::Button::with_label("Yes");
    let no = gtk::Button::with_label("No");
    let buttons = gtk::Box::new(gtk::Orientation::Horizontal, 6);
    buttons.set_halign(gtk::Align::End);
    buttons.append(&no);
    buttons.append(&yes);
    let content = gtk::Box::new(gtk::Orientation::Vertical, 12);
    content.set_margin_top(12);
    content.set_margin_bottom(12);
    content.set_margin_start(12);
    content.set_margin_end(12);
    content.append(&gtk::Label::new(Some(question)));
    content.append(&buttons);
    let dialog = gtk::Window::builder()
        .title("gss confirm")
        .transient_for(parent)
        .modal(true)
        .child(&content)
        .build();

    let mut yes_clicks = yes.clicked_stream();
    let mut no_clicks = no.clicked_stream();
    let mut dismissed = dialog.close_request_stream(|| glib::Propagation::Proceed);
    dialog.present();
    test_hook::print_geometry(
        &dialog,
        &[("yes", yes.upcast_ref()), ("no", no.upcast_ref())],
    );

    let answer = select! {
        _ = yes_clicks.next() => true,
        _ = no_clicks.next() => false,
        _ = dismissed.next() => false,
    };
    dialog.destroy();
    answer
}

fn main() {
    gtk::init().expect("GTK needs a display");

    let close = gtk::Button::with_label("Close…");
    let window = gtk::Window::builder()
        .title("gss confirm close")
        .default_width(320)
        .default_height(200)
        .child(&close)
        .build();
    // The button asks to close the window the same way the window manager does.
    close.connect_clicked(glib::clone!(
        #[weak]
        window,
        move |_| window.close()
    ));
    // The window comes with each request (`with_weak`): the loop never holds it itself.
    let mut close_requests = window
        .close_request_stream(|| glib::Propagation::Stop)
        .with_weak(&window);
    window.present();
    test_hook::print_geometry(&window, &[("close", close.upcast_ref())]);

    glib::MainContext::default().block_on(async {
        while let Some((window, ())) = close_requests.next().await {
            println!("close requested");
            if confirm(&window, "Really close this window?").await {
                println!("closing: confirmed");
                window.destroy();
                break;
            }
            println!("closing: cancelled");
        }
    });
}
