// A stream connected for its handler, written as a statement: dropped at once, which
// disconnects the handler. `#[must_use]` says so (denied here, a warning by default).
#![deny(unused_must_use)]

use gio::prelude::*;
use glib_signal_stream::prelude::*;

fn main() {
    let cancellable = gio::Cancellable::new();
    cancellable
        .signal_stream_builder("cancelled")
        .handler(|_| println!("cancelled"))
        .build();
    cancellable.cancel();
}
