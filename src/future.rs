//! [`SignalFuture`]: the next emission of a signal, as a future.

use std::{
    cell::Cell,
    fmt,
    future::Future,
    num::NonZeroUsize,
    pin::Pin,
    rc::Rc,
    task::{Context, Poll},
};

use futures_core::future::FusedFuture;
use glib::{prelude::*, SignalHandlerId, Value};

use crate::{
    args::SignalArgs,
    buffer::{Buffer, BufferPolicy},
    channel::{sealed::Sealed, Local, Sender},
    connect::Resolved,
    ffi::{EmitterRef, ThreadBound},
    trampoline::{closure, Receive},
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
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct SignalFuture<T> {
    queue: <Local as Sealed>::Queue<T>,
    emitter: EmitterRef,
    handler: Rc<Cell<Option<SignalHandlerId>>>,
    done: bool,
}

/// Queues the first item and disconnects its own handler within that emission.
struct Once<T> {
    sender: Sender<T, Local>,
    handler: Rc<Cell<Option<SignalHandlerId>>>,
}

impl<T: 'static> Receive<T> for Once<T> {
    fn receive(&self, emitter: &Value, item: T) -> Option<Value> {
        self.sender.send(item);
        if let (Some(handler), Ok(emitter)) = (self.handler.take(), emitter.get::<glib::Object>()) {
            emitter.disconnect(handler);
        }
        None
    }
}

impl<T: SignalArgs> SignalFuture<T> {
    pub(crate) fn connect(obj: &glib::Object, resolved: &Resolved, after: bool) -> Self {
        let policy = BufferPolicy::DropNewest(NonZeroUsize::MIN);
        let queue = Local::new_queue(policy);
        let handler = Rc::new(Cell::new(None));
        let state = ThreadBound::new(Once {
            sender: Sender::new(queue.clone()),
            handler: handler.clone(),
        });
        let id = resolved.connect(obj, after, closure(state, resolved.info.clone()));
        handler.set(Some(id));
        Self {
            queue,
            emitter: EmitterRef::new(obj),
            handler,
            done: false,
        }
    }
}

impl<T> SignalFuture<T> {
    /// Whether the handler is still connected (it is until the first emission).
    pub fn is_connected(&self) -> bool {
        let handler = self.handler.take();
        let connected = handler
            .as_ref()
            .is_some_and(|h| self.emitter.is_connected(h));
        self.handler.set(handler);
        connected
    }
}

impl<T> Future for SignalFuture<T> {
    type Output = Option<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.done {
            return Poll::Ready(None);
        }
        match Local::with(&self.queue, |b| b.pop_or_register(cx.waker())) {
            Some(Ok(item)) => {
                self.done = true;
                Poll::Ready(item)
            }
            Some(Err(())) => Poll::Pending,
            None => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }
}

impl<T> FusedFuture for SignalFuture<T> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<T> Unpin for SignalFuture<T> {}

impl<T> Drop for SignalFuture<T> {
    fn drop(&mut self) {
        if let Some(handler) = self.handler.take() {
            self.emitter.disconnect(handler);
        }
        let queued = Local::with(&self.queue, Buffer::abandon);
        drop(queued);
    }
}

impl<T> fmt::Debug for SignalFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignalFuture")
            .field("connected", &self.is_connected())
            .field("done", &self.done)
            .finish()
    }
}
