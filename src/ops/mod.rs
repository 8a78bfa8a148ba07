//! Operators on any [`Stream`] that a GTK application needs and `futures-util` does not
//! have: tying a stream to an object's life, and timing on GLib's clock and main loop.
//!
//! One type per file, named after the method that returns it; [`GlibStreamExt`] (in the
//! [prelude](crate::prelude)) returns them all.

use futures_core::Stream;

// Tied to an object's life (with_weak, take_until_disposed): module lines.
mod disposal;
mod take_until_disposed;
mod with_weak;
pub use take_until_disposed::TakeUntilDisposed;
pub use with_weak::WithWeak;

// On GLib's clock and main loop (debounce, throttle, map_latest, ...): module lines.

/// Operators for every [`Stream`], ours or not: tied to an object's life, or timed by GLib
/// (sources on the thread-default main context, as `glib::timeout_future` does).
pub trait GlibStreamExt: Stream + Sized {
    // Tied to an object's life (with_weak, take_until_disposed): methods.

    /// Ties this stream to `obj` without holding it: each item comes as `(obj, item)`, with
    /// `obj` upgraded for that item only, and the stream ends as soon as `obj` is disposed,
    /// also when no item comes (the task awaiting it is woken by the disposal).
    ///
    /// This is how a window's task reaches its window or widgets without keeping them alive:
    /// connect the streams, then move only the streams into the task (see the crate's
    /// "Lifetimes in a GTK application"). Between two items the task holds nothing; while it
    /// handles one, it holds `obj` like any local variable.
    ///
    /// Disposal is seen through a weak-reference notify, which GObject runs in `obj`'s dispose:
    /// on its last unref, or on `g_object_run_dispose`. Dropping the stream removes it. The
    /// stream is local (not `Send`), like the widgets it is made for; a `Send + Sync` `obj` may
    /// still be disposed on another thread, which wakes the task and ends the stream.
    ///
    /// ```
    /// use futures_util::{stream, StreamExt};
    /// use glib_signal_stream::prelude::*;
    ///
    /// let label = glib::Object::new::<glib::Object>(); // stands for a widget
    /// let mut items = stream::iter(["a", "b"]).with_weak(&label);
    /// let context = glib::MainContext::default();
    /// let (obj, item) = context.block_on(items.next()).unwrap();
    /// assert_eq!((&obj, item), (&label, "a"));
    /// drop(obj);
    ///
    /// drop(label); // disposed: no more items, although "b" is there
    /// assert_eq!(context.block_on(items.next()), None);
    /// ```
    #[doc(alias = "g_signal_connect_object")]
    fn with_weak<O: glib::object::ObjectType>(self, obj: &O) -> WithWeak<Self, O> {
        WithWeak::new(self, obj)
    }

    /// Ends this stream as soon as `obj` is disposed, also when no item comes (the task
    /// awaiting it is woken by the disposal). `obj` is held weakly; items queued in this
    /// stream when `obj` goes are dropped with it.
    ///
    /// For a stream whose emitter is another object than `obj`: a model's, an application's
    /// or a timer's stream in a window's task, which must end with the window. (A stream of
    /// `obj`'s own signals already ends, after what is queued, when `obj` is disposed.)
    ///
    /// Disposal is seen as for [`with_weak`](Self::with_weak).
    ///
    /// ```
    /// use std::time::Duration;
    /// use futures_util::StreamExt;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let window = glib::Object::new::<glib::Object>(); // stands for a window
    /// let ticks = glib::interval_stream(Duration::from_millis(1)).take_until_disposed(&window);
    /// let context = glib::MainContext::default();
    /// let task = context.spawn_local(ticks.count());
    /// drop(window); // disposed: the task ends, woken by the disposal
    /// assert_eq!(context.block_on(task).unwrap(), 0);
    /// ```
    #[doc(alias = "g_object_weak_ref")]
    fn take_until_disposed<O: glib::object::ObjectType>(
        self,
        obj: &O,
    ) -> TakeUntilDisposed<Self, O> {
        TakeUntilDisposed::new(self, obj)
    }

    // On GLib's clock and main loop (debounce, throttle, map_latest, ...): methods.
}

impl<S: Stream> GlibStreamExt for S {}
