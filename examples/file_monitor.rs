//! File changes in a directory as a stream (GIO, no GTK).
//!
//! Watches the directory given as first argument and prints one line per change event
//! (`Created notes.txt`, `ChangesDoneHint notes.txt`, ...) until the number of events given as
//! second argument (default: run until interrupted).
//!
//! ```sh
//! cargo run --no-default-features --features gio --example file_monitor -- /tmp 5
//! touch /tmp/hello   # in another terminal
//! ```

use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::prelude::*;

fn name(file: &gio::File) -> String {
    file.basename()
        .map(|name| name.display().to_string())
        .unwrap_or_default()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: file_monitor DIR [EVENTS]");
    let max_events: Option<usize> = args
        .next()
        .map(|arg| arg.parse().expect("EVENTS is a number"));

    let monitor = gio::File::for_path(&dir)
        .monitor_directory(gio::FileMonitorFlags::NONE, gio::Cancellable::NONE)
        .unwrap_or_else(|err| panic!("cannot watch {dir}: {err}"));
    let events = monitor.changed_stream();
    println!("watching {dir}");

    let mut events = events.take(max_events.unwrap_or(usize::MAX));
    let count = glib::MainContext::default().block_on(async {
        let mut count = 0;
        while let Some((file, other, event)) = events.next().await {
            count += 1;
            match other {
                Some(other) => println!("{event:?} {} {}", name(&file), name(&other)),
                None => println!("{event:?} {}", name(&file)),
            }
        }
        count
    });
    println!("done after {count} events");
}
