//! Operators on any [`Stream`] that a GTK application needs and `futures-util` does not
//! have: tying a stream to an object's life, and timing on GLib's clock and main loop.
//!
//! One type per file, named after the method that returns it; [`GlibStreamExt`] (in the
//! [prelude](crate::prelude)) returns them all.

use futures_core::Stream;

// Tied to an object's life (with_weak, take_until_disposed): module lines.

// On GLib's clock and main loop (debounce, throttle, map_latest, ...): module lines.

/// Operators for every [`Stream`], ours or not: tied to an object's life, or timed by GLib
/// (sources on the thread-default main context, as `glib::timeout_future` does).
pub trait GlibStreamExt: Stream + Sized {
    // Tied to an object's life (with_weak, take_until_disposed): methods.

    // On GLib's clock and main loop (debounce, throttle, map_latest, ...): methods.
}

impl<S: Stream> GlibStreamExt for S {}
