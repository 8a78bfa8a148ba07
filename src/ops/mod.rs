//! Operators on any [`Stream`] that a GTK application needs and `futures-util` does not
//! have: tying a stream to an object's life, and timing on GLib's clock and main loop.
//!
//! One type per file, named after the method that returns it; [`GlibStreamExt`] (in the
//! [prelude](crate::prelude)) returns them all.

use std::{future::Future, time::Duration};

use futures_core::Stream;

// Tied to an object's life (with_weak, take_until_disposed): module lines.
mod disposal;
pub(crate) use disposal::DisposalWatch;
mod take_until_disposed;
mod tie;
mod with_weak;
pub use take_until_disposed::TakeUntilDisposed;
pub use tie::Tie;
pub use with_weak::WithWeak;

// On GLib's clock and main loop (debounce, throttle, map_latest, ...): module lines.
mod debounce;
mod idle_timeout;
mod map_latest;
mod stream_set;
mod throttle;
mod timer;

pub use debounce::Debounce;
pub use idle_timeout::IdleTimeout;
pub use map_latest::MapLatest;
pub use stream_set::{StreamSet, StreamSetHandle};
pub use throttle::Throttle;

/// Operators for every [`Stream`], ours or not: tied to an object's life, or timed by GLib
/// (sources on the thread-default main context, as `glib::timeout_future` does).
pub trait GlibStreamExt: Stream + Sized {
    // Tied to an object's life (with_weak, take_until_disposed): methods.

    /// Ties this stream to `obj` without holding it: each item comes as `(obj, item)`, with
    /// `obj` upgraded for that item only, and the stream ends as soon as `obj` is disposed,
    /// also when no item comes (the task awaiting it is woken by the disposal).
    ///
    /// `objects` is `&obj`, or a tuple of up to four (`(&entry, &label)`, items then
    /// `((entry, label), item)`), which ends the stream with the first of them to go (see
    /// [`Tie`]). In a subclass, pass `self.obj()` itself.
    ///
    /// This is how a window's task reaches its window or widgets without keeping them alive:
    /// connect the streams, then move only the streams into the task (see the crate's
    /// "Lifetimes in a GTK application"). Between two items the task holds nothing; while it
    /// handles one, it holds `obj` like any local variable.
    ///
    /// Disposal is seen through a weak-reference notify, which GObject runs in `obj`'s dispose:
    /// on its last unref, or on `g_object_run_dispose`. It is registered once per object and
    /// shared by every stream tied to it; dropping a stream only leaves that record, so it
    /// never races with a disposal. The stream is local (not `Send`), like the widgets it is
    /// made for; a `Send + Sync` `obj` may still be disposed on another thread, which wakes
    /// the task and ends the stream, also while the stream is being dropped.
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
    fn with_weak<T: Tie>(self, objects: T) -> WithWeak<Self, T::Objects> {
        WithWeak::new(self, objects)
    }

    /// Ends this stream as soon as `obj` is disposed, also when no item comes (the task
    /// awaiting it is woken by the disposal). `obj` is held weakly; items queued in this
    /// stream when `obj` goes are dropped with it. Like [`with_weak`](Self::with_weak),
    /// `objects` may be a tuple: the stream then ends with the first of them to go.
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
    fn take_until_disposed<T: Tie>(self, objects: T) -> TakeUntilDisposed<Self, T::Objects> {
        TakeUntilDisposed::new(self, objects)
    }

    /// Keeps this stream alive without a consumer: a task on the thread-default main context
    /// takes and drops its items until it ends. For a stream connected only for its handler
    /// (a `_with` form), in one call: dropped, the stream would disconnect that handler.
    ///
    /// A signal stream ends when its emitter is disposed, and the task with it; the task
    /// never holds the emitter. Dropping the returned handle does not stop the task;
    /// [`abort`](glib::JoinHandle::abort) does.
    ///
    /// ```
    /// use std::{cell::Cell, rc::Rc};
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let context = glib::MainContext::default();
    /// let _owner = context.acquire().unwrap();
    /// let cancellable = gio::Cancellable::new();
    /// let seen = Rc::new(Cell::new(0));
    /// let counter = seen.clone();
    /// let task = cancellable
    ///     .signal_stream_builder("cancelled").handler(move |_| counter.set(counter.get() + 1)).build()
    ///     .detach();
    /// cancellable.cancel(); // the handler runs inside the emission
    /// assert_eq!(seen.get(), 1);
    /// drop(cancellable); // disposed: the stream ends, and the task
    /// assert!(context.block_on(task).is_ok()); // ended
    /// ```
    fn detach(self) -> glib::JoinHandle<()>
    where
        Self: 'static,
    {
        let mut stream = Box::pin(self);
        glib::spawn_future_local(async move { while next_item(&mut stream).await.is_some() {} })
    }

    // On GLib's clock and main loop (debounce, throttle, map_latest, ...): methods.

    /// Yields an item once the stream has been quiet for `quiet` after it: of a burst of
    /// items closer together than `quiet`, only the last comes out, `quiet` after the burst.
    /// When the stream ends, the item still waiting is yielded at once, then the end.
    ///
    /// Timed by GLib: one timeout source on the thread-default main context, attached on
    /// first use and re-armed (not re-created) for each burst; polled on another context, it
    /// moves there. Something must run that context: on an executor that pushes none
    /// (`futures::executor`), the thread-default is the global default context, which the
    /// application's main loop runs.
    ///
    /// ```
    /// use std::time::Duration;
    /// use futures_util::{stream, StreamExt};
    /// use glib_signal_stream::prelude::*;
    ///
    /// // A burst of keystrokes: only the text after the last one is searched for.
    /// let typed = stream::iter(["g", "gl", "gli", "glib"]);
    /// let queries = typed.debounce(Duration::from_millis(10));
    /// let queries: Vec<_> = glib::MainContext::default().block_on(queries.collect());
    /// assert_eq!(queries, ["glib"]);
    /// ```
    #[doc(alias = "debounceTime")]
    fn debounce(self, quiet: Duration) -> Debounce<Self> {
        Debounce::new(self, quiet)
    }

    /// Yields at most one item per `period`: the first item of a burst at once, then, at the
    /// end of the period, the latest item that came during it (which starts a new period).
    /// Items in between are dropped.
    ///
    /// The trailing item is delivered so that the last state of a burst (a slider's final
    /// value, a window's final size) is never lost; when the stream ends, the trailing item
    /// is yielded at once, then the end. Timed as [`debounce`](Self::debounce) is.
    ///
    /// ```
    /// use std::time::Duration;
    /// use futures_util::{stream, StreamExt};
    /// use glib_signal_stream::prelude::*;
    ///
    /// // A slider dragged through five values in a burst: the first and the last.
    /// let values = stream::iter([1, 2, 3, 4, 5]);
    /// let sampled = values.throttle(Duration::from_secs(1));
    /// let sampled: Vec<_> = glib::MainContext::default().block_on(sampled.collect());
    /// assert_eq!(sampled, [1, 5]);
    /// ```
    #[doc(alias = "throttleTime")]
    fn throttle(self, period: Duration) -> Throttle<Self> {
        Throttle::new(self, period)
    }

    /// Runs the future `f` returns for each item, and yields the outputs of those that
    /// complete, in order. A new item drops (cancels) the future still running for the
    /// previous one before `f` is called for the new one. Of the items already queued when
    /// the stream is polled, only the latest gets a future.
    ///
    /// The stream ends once the underlying stream has ended and the last future completed.
    ///
    /// ```
    /// use std::time::Duration;
    /// use futures_util::{stream, StreamExt};
    /// use glib_signal_stream::prelude::*;
    ///
    /// // A slow lookup per query: a newer query cancels the older lookup.
    /// let queries = stream::iter(["g", "glib"]);
    /// let results = queries.map_latest(|query| async move {
    ///     glib::timeout_future(Duration::from_millis(10)).await;
    ///     format!("results for {query}")
    /// });
    /// let results: Vec<_> = glib::MainContext::default().block_on(results.collect());
    /// assert_eq!(results, ["results for glib"]);
    /// ```
    #[doc(alias = "switchMap")]
    #[doc(alias = "mapLatest")]
    fn map_latest<Fut, F>(self, f: F) -> MapLatest<Self, Fut, F>
    where
        F: FnMut(Self::Item) -> Fut,
        Fut: Future,
    {
        MapLatest::new(self, f)
    }

    /// Yields `Some(item)` for each item, and `None` once no item came for `idle`: from the
    /// first poll, and again after each item (counted from the consumer's next poll, once it
    /// has handled the item). One `None` per quiet spell; the stream ends with the underlying
    /// one. Timed as [`debounce`](Self::debounce) is.
    ///
    /// ```
    /// use std::time::Duration;
    /// use futures_util::{stream, StreamExt};
    /// use glib_signal_stream::prelude::*;
    ///
    /// // Two clicks, then nothing: an idle notice after them, and none before them.
    /// let clicks = stream::iter(["plus", "plus"]).chain(stream::pending());
    /// let events = clicks.idle_timeout(Duration::from_millis(10)).take(3);
    /// let events: Vec<_> = glib::MainContext::default().block_on(events.collect());
    /// assert_eq!(events, [Some("plus"), Some("plus"), None]);
    /// ```
    #[doc(alias = "timeout")]
    fn idle_timeout(self, idle: Duration) -> IdleTimeout<Self> {
        IdleTimeout::new(self, idle)
    }
}

impl<S: Stream> GlibStreamExt for S {}

/// The next item of `stream` (`StreamExt::next`, without `futures-util`).
fn next_item<S: Stream + ?Sized>(
    stream: &mut std::pin::Pin<Box<S>>,
) -> impl Future<Output = Option<S::Item>> + '_ {
    std::future::poll_fn(move |cx| stream.as_mut().poll_next(cx))
}
