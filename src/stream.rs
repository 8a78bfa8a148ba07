//! [`SignalStream`]: the items of a connected signal handler, as a `futures` stream.

use std::{
    fmt,
    pin::Pin,
    task::{Context, Poll},
};

use futures_core::{stream::FusedStream, Stream};

use crate::{
    connection::Connection,
    queue::{Buffer, BufferPolicy, Flavor, Local, Threaded},
};

/// A stream of a signal's emissions.
///
/// Created by [`connect_stream`](crate::prelude::SignalStreamExt::connect_stream) and its
/// typed and threaded siblings. The handler is connected when the stream is created, so
/// emissions are queued from then on even before the first poll; each item is one
/// emission's parameters, without the emitter.
///
/// # Disconnection
///
/// Dropping the stream disconnects the handler at once. [`disconnect`](Self::disconnect) does
/// the same but keeps the stream, which then yields what was queued and ends.
///
/// # End of stream
///
/// The stream holds its emitter only through a weak reference and never keeps it alive. When
/// the emitter is disposed (its last reference dropped, or `g_object_run_dispose`), GLib
/// destroys the handler: the stream yields what is still queued, then `None`, and
/// [`is_terminated`](FusedStream::is_terminated) becomes true.
///
/// In GTK 4 a widget is disposed only once its parent and every Rust reference have let it
/// go: `destroy()` on a window still referenced does not dispose it, and a task that holds the
/// window keeps its streams from ending. Move only the streams into a task, never the window;
/// see the crate's "Lifetimes in a GTK application" and
/// [`with_weak`](crate::prelude::GlibStreamExt::with_weak).
///
/// # Threads
///
/// A [`Local`] stream (the default, [`SignalStream<T>`]) uses no locks or atomics. Its handler
/// only runs on the thread that connected it: an emission on another thread is not delivered
/// and logs a critical (`glib-signal-stream` domain) instead of being undefined behaviour. Use a
/// [`Threaded`] stream ([`SendSignalStream<T>`], from
/// [`send`](crate::SignalStreamBuilder::send) on the builder) for emitters
/// on other threads.
///
/// # Buffering
///
/// By default nothing is dropped and the queue grows with the backlog; see [`BufferPolicy`]
/// and [`with_policy`](Self::with_policy) for noisy signals.
///
/// # Example
///
/// ```
/// use futures_util::StreamExt;
/// use gio::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// let cancellable = gio::Cancellable::new();
/// let mut cancelled = cancellable.connect_stream("cancelled");
/// cancellable.cancel(); // queued although nobody polls yet
/// drop(cancellable); // disposed: the stream ends after its queued item
///
/// glib::MainContext::default().block_on(async {
///     assert_eq!(cancelled.next().await.map(|args| args.len()), Some(0));
///     assert!(cancelled.next().await.is_none());
/// });
/// ```
///
/// # Keep it: dropping it disconnects
///
/// A stream connected only for its handler (a `_with` form) must still be kept: written as a
/// statement, it is dropped at once and its handler disconnected. The compiler says so
/// (`#[must_use]`, denied here):
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// use glib_signal_stream::prelude::*;
///
/// let cancellable = gio::Cancellable::new();
/// cancellable.signal_stream_builder("cancelled").handler(|_| println!("cancelled")).build();
/// ```
///
/// The same kept, in one call: [`detach`](crate::GlibStreamExt::detach) hands the stream to
/// a task that drains it until its emitter goes (or keep it in a field beside the object it
/// serves):
///
/// ```
/// #![deny(unused_must_use)]
/// use glib_signal_stream::prelude::*;
///
/// let cancellable = gio::Cancellable::new();
/// cancellable
///     .signal_stream_builder("cancelled").handler(|_| println!("cancelled")).build()
///     .detach();
/// ```
#[must_use = "dropping a signal stream disconnects its handler: keep the stream, or poll it in a task"]
pub struct SignalStream<T, F: Flavor = Local> {
    queue: F::Queue<T>,
    connection: Connection<F::Emitter>,
    terminated: bool,
}

/// A [`SignalStream`] fed from any thread, whose emitter has the `Send + Sync` Rust type `O`;
/// `Send` when its items are.
pub type SendSignalStream<T, O = glib::Object> = SignalStream<T, Threaded<O>>;

impl<T, F: Flavor> SignalStream<T, F> {
    /// `poll_next` past its fast path: the next item, the end, or `Pending` with the waker
    /// registered. Out of line, so that taking a queued item stays short.
    #[inline(never)]
    fn poll_queue(&mut self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.terminated {
            return Poll::Ready(None);
        }
        let next = F::pop_or_register(&self.queue, cx);
        if let Poll::Ready(None) = next {
            self.terminated = true;
        }
        next
    }

    pub(crate) fn new(queue: F::Queue<T>, connection: Connection<F::Emitter>) -> Self {
        Self {
            queue,
            connection,
            terminated: false,
        }
    }

    fn with<R>(&self, f: impl FnOnce(&mut Buffer<T>) -> R) -> Option<R> {
        F::try_with(&self.queue, f)
    }

    /// How many items are queued.
    pub fn len(&self) -> usize {
        self.with(|b| b.len()).unwrap_or(0)
    }

    /// Whether no item is queued.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many items the [`BufferPolicy`] discarded so far.
    pub fn dropped_count(&self) -> u64 {
        self.with(|b| b.dropped()).unwrap_or(0)
    }

    /// The buffer policy in force.
    pub fn policy(&self) -> BufferPolicy {
        self.with(|b| b.policy()).unwrap_or_default()
    }

    /// Switches to `policy`, applying it to the items already queued (those it would not
    /// have kept are discarded and counted).
    pub fn set_policy(&mut self, policy: BufferPolicy) {
        let discarded = self.with(|b| b.set_policy(policy));
        drop(discarded);
    }

    /// This stream with `policy` applied; see [`set_policy`](Self::set_policy).
    ///
    /// ```
    /// use gio::prelude::*;
    /// use glib_signal_stream::{prelude::*, BufferPolicy};
    ///
    /// let action = gio::SimpleAction::new("tick", None);
    /// let latest = action
    ///     .connect_stream_typed::<(Option<glib::Variant>,)>("activate")
    ///     .with_policy(BufferPolicy::Latest);
    /// for _ in 0..10 {
    ///     action.activate(None);
    /// }
    /// assert_eq!(latest.len(), 1);
    /// assert_eq!(latest.dropped_count(), 9);
    /// ```
    pub fn with_policy(mut self, policy: BufferPolicy) -> Self {
        self.set_policy(policy);
        self
    }

    /// Discards every queued item (stale clicks, say) and returns how many there were. Later
    /// emissions are queued as usual; the discarded items do not count as
    /// [dropped](Self::dropped_count) by the policy.
    ///
    /// ```
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("save", None);
    /// let mut saves = action.connect_stream_typed::<(Option<glib::Variant>,)>("activate");
    /// action.activate(None);
    /// action.activate(None);
    /// assert_eq!(saves.clear(), 2);
    /// assert!(saves.is_empty());
    /// ```
    pub fn clear(&mut self) -> usize {
        // Dropped after the lock is released: dropping an item can run arbitrary code.
        let discarded = self.with(Buffer::take_queued).unwrap_or_default();
        let count = discarded.len();
        drop(discarded);
        count
    }

    /// The next queued item now, or `None` if none is queued, without waiting (and without
    /// telling whether the stream has ended: [`is_connected`](Self::is_connected) does).
    ///
    /// ```
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("save", None);
    /// let mut saves = action.connect_stream_typed::<(Option<glib::Variant>,)>("activate");
    /// assert!(saves.try_recv().is_none());
    /// action.activate(None);
    /// assert!(saves.try_recv().is_some());
    /// assert!(saves.try_recv().is_none());
    /// ```
    pub fn try_recv(&mut self) -> Option<T> {
        self.with(Buffer::pop).flatten()
    }

    /// Whether the handler is still connected (false after [`disconnect`](Self::disconnect)
    /// and once the emitter is disposed).
    pub fn is_connected(&self) -> bool {
        self.connection.is_connected()
    }

    /// The emitter, if it is still alive. Handy to tag items when merging the streams of
    /// several emitters.
    ///
    /// A local stream hands out a `glib::Object` (it stays on the connecting thread); a
    /// [`SendSignalStream`] hands out the emitter's own `Send + Sync` type.
    pub fn emitter(&self) -> Option<F::Emitter> {
        self.connection.emitter()
    }

    /// Disconnects the handler now. The stream then yields what is already queued and ends.
    #[doc(alias = "g_signal_handler_disconnect")]
    pub fn disconnect(&mut self) {
        self.connection.disconnect();
    }
}

impl<T, F: Flavor> Stream for SignalStream<T, F> {
    type Item = T;

    #[inline]
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        // A terminated stream's queue is closed and empty, and a closed queue takes no item:
        // the fast path needs no `terminated` test.
        if let Some(item) = F::try_pop(&self.queue) {
            return Poll::Ready(Some(item));
        }
        self.poll_queue(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.terminated {
            return (0, Some(0));
        }
        self.with(|b| (b.len(), b.is_closed().then_some(b.len())))
            .unwrap_or((0, None))
    }
}

impl<T, F: Flavor> FusedStream for SignalStream<T, F> {
    fn is_terminated(&self) -> bool {
        self.terminated
    }
}

impl<T, F: Flavor> Unpin for SignalStream<T, F> {}

impl<T, F: Flavor> Drop for SignalStream<T, F> {
    fn drop(&mut self) {
        self.connection.disconnect();
        // Queued items and the waker are dropped after the lock is released: dropping one may
        // dispose an object whose signals feed this very queue.
        F::abandon(&self.queue);
    }
}

impl<T, F: Flavor> fmt::Debug for SignalStream<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignalStream")
            .field("queued", &self.len())
            .field("dropped", &self.dropped_count())
            .field("policy", &self.policy())
            .field("connected", &self.is_connected())
            .field("terminated", &self.terminated)
            .finish()
    }
}
