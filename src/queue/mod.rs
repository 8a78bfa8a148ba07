//! The queue between a signal handler and its stream: the [`Buffer`] (pure logic, with its
//! [`BufferPolicy`]) and the two locks around it, local (`Rc<RefCell<_>>`, no atomics) and
//! threaded (`Arc<Mutex<_>>`), and the sending half that the signal handler owns.
//!
//! No user data (item, waker) is ever dropped while the lock is held: the buffer hands back
//! whatever it removes, and the functions here drop it once the lock is released. Dropping a
//! waker or an item may finalize the emitter, which destroys the handler, whose [`Sender`]
//! then takes the lock again to close the queue.

mod buffer;
mod in_order;
#[cfg(all(test, glib_signal_stream_loom))]
mod loom_tests;

use std::{
    cell::RefCell,
    fmt,
    marker::PhantomData,
    rc::Rc,
    task::{Context, Poll},
};

#[cfg(glib_signal_stream_loom)]
use loom::sync::{Arc, Mutex};
#[cfg(not(glib_signal_stream_loom))]
use std::sync::{Arc, Mutex, PoisonError};

pub use buffer::BufferPolicy;
use buffer::Popped;
pub(crate) use buffer::{Buffer, Pushed};
pub(crate) use in_order::InOrder;

/// Where a stream's handler may run and where the stream may go.
///
/// [`Local`] (the default) streams are not `Send` and their handler only runs on the thread
/// that connected; [`Threaded`] streams accept emissions from any thread and are `Send` when
/// their items are. This trait cannot be implemented outside this crate.
#[allow(private_bounds)] // `QueueLock` is the crate's own: it names crate-private types
pub trait Flavor: QueueLock + 'static {
    /// The emitter's Rust type, as [`emitter`](crate::SignalStream::emitter) hands it out:
    /// `glib::Object` for local streams (which stay on the connecting thread), the emitter's
    /// own `Send + Sync` type for threaded ones.
    type Emitter: glib::prelude::ObjectType;
}

/// The flavor of streams whose emitter lives on the connecting thread (GTK widgets, most GIO
/// objects): no locks or atomics, items need not be `Send`.
#[derive(Debug)]
pub enum Local {}

/// The flavor of streams fed from any thread (GIO worker threads, GStreamer streaming
/// threads): the queue sits behind a `Mutex`, and the stream is `Send` when its items are.
///
/// `O` is the emitter's Rust type, which must be `Send + Sync`: the stream may release its
/// reference to the emitter, or hand it out, on any thread.
pub struct Threaded<O = glib::Object> {
    never: std::convert::Infallible,
    emitter: PhantomData<fn() -> O>,
}

impl<O> fmt::Debug for Threaded<O> {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = &self.emitter;
        match self.never {}
    }
}

impl Flavor for Local {
    type Emitter = glib::Object;
}

impl<O: glib::prelude::ObjectType + Send + Sync> Flavor for Threaded<O> {
    type Emitter = O;
}

/// The lock around the buffer: what differs between the flavors.
pub(crate) trait QueueLock {
    type Queue<T>: Clone;

    fn new_queue<T>(policy: BufferPolicy) -> Self::Queue<T>;

    /// Runs `f` with the buffer locked; `None` only if the buffer is already borrowed on
    /// this thread (re-entrancy), which callers treat as "busy". `f` must not drop user data.
    fn try_with<T, R>(queue: &Self::Queue<T>, f: impl FnOnce(&mut Buffer<T>) -> R) -> Option<R>;

    /// The next item, `Ready(None)` once the queue is closed and drained, or `Pending` with
    /// `cx`'s waker registered. A busy queue (re-entrant poll) asks to be polled again.
    #[inline]
    fn pop_or_register<T>(queue: &Self::Queue<T>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        match Self::try_with(queue, |b| b.pop_or_register(cx.waker())) {
            Some(Popped::Item(item)) => Poll::Ready(Some(item)),
            Some(Popped::Closed) => Poll::Ready(None),
            Some(Popped::Registered(replaced)) => {
                drop(replaced); // outside the lock
                Poll::Pending
            }
            None => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    /// A queued item, if taking it costs no more than a pop: the fast path of a poll, before
    /// [`pop_or_register`](Self::pop_or_register). `None` says nothing about the queue.
    #[inline]
    fn try_pop<T>(queue: &Self::Queue<T>) -> Option<T> {
        let _ = queue;
        None
    }

    /// [`Buffer::try_append`] if the queue can be reached without a call; otherwise, or if
    /// the buffer says no, `item` back. The emission's fast path.
    #[inline]
    fn try_append<T>(queue: &Self::Queue<T>, item: T) -> Result<(), T> {
        let _ = queue;
        Err(item)
    }

    /// Marks the consumer gone; what was queued is dropped outside the lock.
    fn abandon<T>(queue: &Self::Queue<T>) {
        let abandoned = Self::try_with(queue, Buffer::abandon);
        drop(abandoned);
    }
}

impl QueueLock for Local {
    type Queue<T> = Rc<RefCell<Buffer<T>>>;

    fn new_queue<T>(policy: BufferPolicy) -> Self::Queue<T> {
        Rc::new(RefCell::new(Buffer::new(policy)))
    }

    #[inline]
    fn try_with<T, R>(queue: &Self::Queue<T>, f: impl FnOnce(&mut Buffer<T>) -> R) -> Option<R> {
        queue.try_borrow_mut().ok().map(|mut b| f(&mut b))
    }

    /// A borrow and a pop; an empty queue is left to `pop_or_register`, which registers the
    /// waker under the same borrow it finds the queue empty in. (A threaded queue does not
    /// take this path: it would lock twice for an empty queue.)
    #[inline]
    fn try_pop<T>(queue: &Self::Queue<T>) -> Option<T> {
        queue.try_borrow_mut().ok()?.pop()
    }

    #[inline]
    fn try_append<T>(queue: &Self::Queue<T>, item: T) -> Result<(), T> {
        match queue.try_borrow_mut() {
            Ok(mut buffer) => buffer.try_append(item),
            Err(_) => Err(item),
        }
    }
}

impl<O: 'static> QueueLock for Threaded<O> {
    type Queue<T> = Arc<Mutex<Buffer<T>>>;

    fn new_queue<T>(policy: BufferPolicy) -> Self::Queue<T> {
        Arc::new(Mutex::new(Buffer::new(policy)))
    }

    #[inline]
    fn try_with<T, R>(queue: &Self::Queue<T>, f: impl FnOnce(&mut Buffer<T>) -> R) -> Option<R> {
        // Nothing panics and no user code runs while the lock is held, so poisoning cannot
        // happen; recover anyway rather than panic on an emission path.
        #[cfg(not(glib_signal_stream_loom))]
        let mut guard = queue.lock().unwrap_or_else(PoisonError::into_inner);
        #[cfg(glib_signal_stream_loom)]
        let mut guard = queue.lock().unwrap();
        Some(f(&mut guard))
    }
}

/// Reports an item discarded because its queue was in use (a re-entrant emission).
#[cold]
#[inline(never)]
fn busy() {
    glib::g_critical!(
        crate::LOG_DOMAIN,
        "signal emitted re-entrantly while its stream's queue was in use; item discarded"
    );
}

/// Queues `item` into `queue` unless something is queued already (see
/// [`Buffer::push_if_empty`]): for a stream's first item, queued after its handler is
/// connected, which must not overtake or replace an item that handler queued meanwhile.
pub(crate) fn send_if_empty<T, F: QueueLock>(queue: &F::Queue<T>, item: T) {
    match F::try_with(queue, |b| b.push_if_empty(item)) {
        Some(Ok(pushed)) => pushed.finish(),
        Some(Err(item)) => drop(item), // outside the lock
        None => glib::g_critical!(
            crate::LOG_DOMAIN,
            "a stream's first item was queued while its queue was in use; item discarded"
        ),
    }
}

/// The handler's half: pushes items, and closes the queue when the handler is destroyed
/// (disconnected, or its emitter disposed), which ends the stream.
pub(crate) struct Sender<T, F: QueueLock> {
    queue: F::Queue<T>,
}

impl<T, F: QueueLock> Sender<T, F> {
    pub(crate) fn new(queue: F::Queue<T>) -> Self {
        Self { queue }
    }

    /// Queues `item` according to the policy. Never blocks and never panics: a gone stream
    /// or a busy queue just discards the item.
    #[inline]
    pub(crate) fn send(&self, item: T) {
        match F::try_with(&self.queue, |b| b.push(item)) {
            Some(pushed) => pushed.finish(),
            None => glib::g_critical!(
                crate::LOG_DOMAIN,
                "signal emitted re-entrantly while its stream's queue was in use; item discarded"
            ),
        }
    }

    /// Queues `item` if that needs no call (see [`QueueLock::try_append`]); otherwise hands
    /// it back, for [`send`](Self::send).
    #[inline]
    pub(crate) fn try_append(&self, item: T) -> Result<(), T> {
        F::try_append(&self.queue, item)
    }

    /// Queues `item` like [`send`](Self::send), but leaves waking the consumer and dropping a
    /// discarded item to the caller ([`Pushed::finish`], once it holds no lock).
    #[inline]
    pub(crate) fn push(&self, item: T) -> Pushed<T> {
        let mut item = Some(item);
        match F::try_with(&self.queue, |b| item.take().map(|item| b.push(item))) {
            Some(Some(pushed)) => pushed,
            // A busy queue: the item goes back to the caller, to be dropped once it holds no
            // lock (`InOrder` calls this with its places locked).
            _ => {
                busy();
                Pushed {
                    wake: None,
                    discarded: item,
                }
            }
        }
    }
}

impl<T, F: QueueLock> Drop for Sender<T, F> {
    fn drop(&mut self) {
        match F::try_with(&self.queue, Buffer::close) {
            Some(Some(waker)) => waker.wake(),
            Some(None) => {}
            // Only user code can hold the queue while a handler is destroyed, and none runs
            // with the queue borrowed (see the module doc).
            None => glib::g_critical!(
                crate::LOG_DOMAIN,
                "a signal stream's handler was destroyed while its queue was in use; the \
                 stream may not end"
            ),
        }
    }
}
