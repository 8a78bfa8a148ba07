// After `send()`, the handler runs on whatever thread emits: one that holds an `Rc` is refused,
// with the builder's own message.
use std::rc::Rc;

use gio::prelude::*;
use glib_signal_stream::prelude::*;

fn main() {
    let cancellable = gio::Cancellable::new();
    let seen = Rc::new(std::cell::Cell::new(0));
    let _cancelled = cancellable
        .signal_stream_builder("cancelled")
        .typed::<()>()
        .handler(move |()| seen.set(seen.get() + 1))
        .send()
        .build();
    cancellable.cancel();
}
