//! [`SignalFuture`]: the next emission of a signal, as a future.

use std::{
    fmt,
    future::Future,
    pin::Pin,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    task::{Context, Poll},
};

use futures_core::future::FusedFuture;
use glib::{SignalHandlerId, Value};

use crate::{
    connection::Connection,
    queue::{Flavor, Local, QueueLock, Sender, Threaded},
    trampoline::Receive,
};

/// A future that resolves to the next emission of a signal.
///
/// Created by [`signal_future`](crate::prelude::SignalStreamExt::signal_future). It connects
/// at once, so an emission that happens before the first poll is not missed. It resolves to
/// `Some(item)` on the next emission and disconnects its handler inside that emission, or to
/// `None` if the emitter is disposed first. Dropping it disconnects the handler.
///
/// Awaiting a fresh future in a loop misses the emissions that happen between two awaits:
/// use a [`SignalStream`](crate::SignalStream) to see every emission.
///
/// A [`SendSignalFuture`] (from
/// `signal_stream_builder(..).send().future()`) resolves on
/// an emission on any thread and can be awaited on any executor.
///
/// ```
/// use gio::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// let cancellable = gio::Cancellable::new();
/// let cancelled = cancellable.signal_future("cancelled");
/// cancellable.cancel();
/// drop(cancellable); // had it not fired, the future would resolve to None
/// let args = glib::MainContext::default().block_on(cancelled);
/// assert_eq!(args.map(|args| args.len()), Some(0));
/// ```
#[must_use = "dropping a signal future disconnects its handler: `.await` it, or poll it in a task"]
pub struct SignalFuture<T, F: Flavor = Local> {
    queue: F::Queue<T>,
    connection: Connection<F::Emitter>,
    /// The handler's raw id until the first of the handler and the future disconnects it.
    handler: Arc<AtomicU64>,
    done: bool,
}

/// A [`SignalFuture`] resolved from any thread, whose emitter has the `Send + Sync` Rust
/// type `O`; `Send` when its item is.
pub type SendSignalFuture<T, O = glib::Object> = SignalFuture<T, Threaded<O>>;

/// Queues the first item and disconnects its own handler within that emission.
pub(crate) struct Once<T, F: QueueLock> {
    sender: Sender<T, F>,
    handler: Arc<AtomicU64>,
}

impl<T, F: QueueLock> Once<T, F> {
    pub(crate) fn new(sender: Sender<T, F>, handler: Arc<AtomicU64>) -> Self {
        Self { sender, handler }
    }
}

impl<T: 'static, F: QueueLock + 'static> Receive<T> for Once<T, F> {
    const ANSWERS: bool = false;

    fn receive(&self, emitter: &Value, item: T) -> Option<Value> {
        self.sender.send(item);
        let id = self.handler.swap(0, Ordering::AcqRel);
        #[allow(clippy::useless_conversion)] // `c_ulong` is `u32` on some targets
        if let (Ok(id), Ok(emitter)) = (id.try_into(), emitter.get::<glib::Object>()) {
            if id != 0 {
                crate::raw::disconnect(&emitter, id);
            }
        }
        None
    }
}

impl<T, F: Flavor> SignalFuture<T, F> {
    /// A future over `queue`, fed by a [`Once`] sharing `handler`, whose id it stores.
    pub(crate) fn new(
        queue: F::Queue<T>,
        emitter: &F::Emitter,
        id: SignalHandlerId,
        resolved: &crate::connect::Resolved,
        handler: Arc<AtomicU64>,
    ) -> Self {
        #[allow(clippy::useless_conversion)] // `c_ulong` is `u32` on some targets
        let raw = u64::from(crate::raw::handler_id(&id));
        handler.store(raw, Ordering::Release);
        Self {
            queue,
            connection: Connection::new(emitter, id, resolved),
            handler,
            done: false,
        }
    }
}

impl<T, F: Flavor> SignalFuture<T, F> {
    /// Whether the handler is still connected (it is until the first emission).
    pub fn is_connected(&self) -> bool {
        self.connection.is_connected()
    }
}

impl<T, F: Flavor> Future for SignalFuture<T, F> {
    type Output = Option<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.done {
            return Poll::Ready(None);
        }
        let next = F::pop_or_register(&self.queue, cx);
        if next.is_ready() {
            self.done = true;
        }
        next
    }
}

impl<T, F: Flavor> FusedFuture for SignalFuture<T, F> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<T, F: Flavor> Unpin for SignalFuture<T, F> {}

impl<T, F: Flavor> Drop for SignalFuture<T, F> {
    fn drop(&mut self) {
        if self.handler.swap(0, Ordering::AcqRel) != 0 {
            self.connection.disconnect();
        } else {
            self.connection.forget(); // the handler disconnected itself
        }
        F::abandon(&self.queue);
    }
}

impl<T, F: Flavor> fmt::Debug for SignalFuture<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignalFuture")
            .field("connected", &self.is_connected())
            .field("done", &self.done)
            .finish()
    }
}
