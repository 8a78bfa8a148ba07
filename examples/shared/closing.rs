//! The closing check the application examples share: what they show about a window's end.

use glib_signal_stream::LeakCheck;
use gtk4 as gtk;
use gtk4::prelude::*;

/// Once a window is closed, says whether it and every widget it had are gone, or what is
/// still alive (and which tasks spawned on it still run).
pub fn report_when_closed(app: &gtk::Application) {
    app.connect_window_removed(|app, window| {
        let check = LeakCheck::new(window);
        // The application would quit with its last window: it is held until the check.
        let hold = app.hold();
        // An idle runs once nothing more urgent is ready: after what the close woke has run
        // (a task spawned on the window is dropped then).
        glib::idle_add_local_once(move || {
            drop(hold);
            match check.check() {
                Ok(()) => println!("closed: window and {} widgets finalized", check.len() - 1),
                Err(leaks) => {
                    eprintln!("{leaks}");
                    std::process::exit(1);
                }
            }
        });
    });
}
