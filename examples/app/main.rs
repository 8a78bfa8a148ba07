//! A real application: a `gtk::Application` whose `activate` opens windows of a window
//! subclass (`window.rs`), each with its own tasks started in `constructed` the documented
//! way (connect the streams, then move only the streams into the task), so that closing a
//! window frees it and ends its tasks:
//!
//! - clicks counted in a loop,
//! - a `select!` over several streams (a button opening a new window, a button clearing the
//!   entry, Return in the entry),
//! - `close-request` answered at once, then confirmed asynchronously (save, then destroy),
//! - a property stream (the entry's text mirrored on a label).
//!
//! On a desktop it opens a window; "New window" opens more. With no display it starts its own
//! Xvfb and drives itself with real X input (`drive.rs`, with `../shared/xinput.rs`): it
//! opens and closes windows (clicking "New window", then the close button of the window's own title bar), and
//! after each close prints what is left of the closed window.
//!
//! ```sh
//! cargo run --example app
//! env -u DISPLAY cargo run --example app             # the headless, self-driving run
//! env -u DISPLAY GSS_APP_WINDOWS=20 cargo run --example app
//! ```

use gtk4 as gtk;
use gtk4::prelude::*;

mod drive;
#[path = "../shared/headless.rs"]
mod headless;
mod window;
#[path = "../shared/xinput.rs"]
mod xinput;

fn main() -> glib::ExitCode {
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|value| !value.is_empty()));
    if !has_display {
        std::process::exit(headless::run());
    }

    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssApp")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    // An action of the application, which outlives every window: each window's task awaits
    // its stream (`app.reset` clears the entry of every window).
    let reset = gio::SimpleAction::new("reset", None);
    app.add_action(&reset);
    app.set_accels_for_action("app.reset", &["<Control>r"]);
    app.connect_activate(|app| window::AppWindow::new(app).present());
    if std::env::var_os("GSS_DEMO_DRIVE").is_some() {
        drive::attach(&app);
    }
    app.run_with_args::<&str>(&[])
}
