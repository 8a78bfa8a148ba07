//! GLib sources as futures and streams: a timeout is a future, an interval is a stream, and
//! so is a Unix signal.
//!
//! The foundation (2 of 4, see the README's "The foundation: GLib's futures"): what glib
//! and gio already make async, which this crate builds on. It does not use this crate.
//!
//! Waits 100 ms (`glib::timeout_future`), then prints a tick every 200 ms
//! (`glib::interval_stream`) until Ctrl-C (SIGINT, `glib_unix::signal_stream`) ends it
//! cleanly, or until the number of ticks given as argument.
//!
//! ```sh
//! cargo run --example sources        # Ctrl-C to stop
//! cargo run --example sources -- 3   # stops by itself after 3 ticks
//! ```

use std::time::Duration;

use futures::{select, StreamExt};

fn main() {
    let max_ticks: Option<u32> = std::env::args()
        .nth(1)
        .map(|arg| arg.parse().expect("the argument is a number of ticks"));

    glib::MainContext::default().block_on(async {
        glib::timeout_future(Duration::from_millis(100)).await;
        println!("timeout: 100 ms passed");

        // Both sources are attached when select! first polls them, before the first tick.
        let mut interrupts = glib_unix::signal_stream(libc::SIGINT).fuse();
        let mut ticks = glib::interval_stream(Duration::from_millis(200)).fuse();
        let mut count = 0;
        loop {
            select! {
                _ = interrupts.next() => {
                    println!("interrupted after {count} ticks: exiting cleanly");
                    break;
                }
                _ = ticks.next() => {
                    count += 1;
                    println!("tick {count}");
                    if Some(count) == max_ticks {
                        println!("done after {count} ticks");
                        break;
                    }
                }
            }
        }
    });
}
