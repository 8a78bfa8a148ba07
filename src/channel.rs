//! The two flavors of queue behind a stream: local (`Rc<RefCell<_>>`, no atomics) and
//! threaded (`Arc<Mutex<_>>`, `Send`), and the sending half that the signal handler owns.

use std::{
    cell::RefCell,
    rc::Rc,
    sync::{Arc, Mutex, PoisonError},
};

use crate::buffer::{Buffer, BufferPolicy};

/// Where a stream's handler may run and where the stream may go.
///
/// [`Local`] (the default) streams are not `Send` and their handler only runs on the thread
/// that connected; [`Threaded`] streams accept emissions from any thread and are `Send` when
/// their items are. This trait is sealed.
pub trait Flavor: sealed::Sealed + 'static {}

/// The flavor of streams whose emitter lives on the connecting thread (GTK widgets, most GIO
/// objects): no locks or atomics, items need not be `Send`.
#[derive(Debug)]
pub enum Local {}

/// The flavor of streams fed from any thread (GIO worker threads, GStreamer streaming
/// threads): the queue sits behind a `Mutex`, and the stream is `Send` when its items are.
#[derive(Debug)]
pub enum Threaded {}

impl Flavor for Local {}
impl Flavor for Threaded {}

pub(crate) mod sealed {
    use super::*;

    /// The lock around the buffer. Not public: the operations take crate-private types.
    pub trait Sealed {
        type Queue<T>: Clone;
        fn new_queue<T>(policy: BufferPolicy) -> Self::Queue<T>;
        /// Runs `f` with the buffer locked; `None` only if the buffer is already borrowed on
        /// this thread (re-entrancy from a waker or a drop), which callers treat as "busy".
        fn with<T, R>(queue: &Self::Queue<T>, f: impl FnOnce(&mut Buffer<T>) -> R) -> Option<R>;
    }

    impl Sealed for Local {
        type Queue<T> = Rc<RefCell<Buffer<T>>>;
        fn new_queue<T>(policy: BufferPolicy) -> Self::Queue<T> {
            Rc::new(RefCell::new(Buffer::new(policy)))
        }
        #[inline]
        fn with<T, R>(queue: &Self::Queue<T>, f: impl FnOnce(&mut Buffer<T>) -> R) -> Option<R> {
            queue.try_borrow_mut().ok().map(|mut b| f(&mut b))
        }
    }

    impl Sealed for Threaded {
        type Queue<T> = Arc<Mutex<Buffer<T>>>;
        fn new_queue<T>(policy: BufferPolicy) -> Self::Queue<T> {
            Arc::new(Mutex::new(Buffer::new(policy)))
        }
        #[inline]
        fn with<T, R>(queue: &Self::Queue<T>, f: impl FnOnce(&mut Buffer<T>) -> R) -> Option<R> {
            // Nothing panics while the lock is held, so poisoning cannot happen; recover anyway
            // rather than panic on an emission path.
            let mut guard = queue.lock().unwrap_or_else(PoisonError::into_inner);
            Some(f(&mut guard))
        }
    }
}

/// The handler's half: pushes items, and closes the queue when the handler is destroyed
/// (disconnected, or its emitter disposed), which ends the stream.
pub(crate) struct Sender<T, F: Flavor> {
    queue: F::Queue<T>,
}

impl<T, F: Flavor> Sender<T, F> {
    pub(crate) fn new(queue: F::Queue<T>) -> Self {
        Self { queue }
    }

    /// Queues `item` according to the policy. Never blocks and never panics: a gone stream
    /// or a busy queue just discards the item.
    #[inline]
    pub(crate) fn send(&self, item: T) {
        match F::with(&self.queue, |b| b.push(item)) {
            Some(pushed) => pushed.finish(),
            None => glib::g_critical!(
                crate::LOG_DOMAIN,
                "signal emitted re-entrantly while its stream's queue was in use; item discarded"
            ),
        }
    }
}

impl<T, F: Flavor> Drop for Sender<T, F> {
    fn drop(&mut self) {
        if let Some(Some(waker)) = F::with(&self.queue, Buffer::close) {
            waker.wake();
        }
    }
}
