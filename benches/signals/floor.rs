//! The floor: the least any stream over a GLib signal can cost.
//!
//! A hand-written queue over `connect_local`: an `Rc<RefCell<VecDeque<u64>>>` and the
//! consumer's waker, shared by the callback and the stream. No connect-time check, no weak
//! reference to the emitter, no buffer policy, no thread check, no disconnect on drop (the
//! caller keeps the `SignalHandlerId`). It ends when GLib destroys the callback (the emitter
//! disposed, or the handler disconnected), like the crate's streams.

use std::{
    cell::RefCell,
    collections::VecDeque,
    pin::Pin,
    rc::Rc,
    task::{Context, Poll, Waker},
};

use futures::Stream;
use glib::{prelude::*, SignalHandlerId};

#[derive(Default)]
struct Queue {
    items: VecDeque<u64>,
    waker: Option<Waker>,
    closed: bool,
}

/// The callback's half: closes the queue when GLib destroys the callback.
struct Sender(Rc<RefCell<Queue>>);

impl Drop for Sender {
    fn drop(&mut self) {
        let waker = {
            let mut queue = self.0.borrow_mut();
            queue.closed = true;
            queue.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

/// The stream's half.
pub struct FloorStream(Rc<RefCell<Queue>>);

impl FloorStream {
    pub fn len(&self) -> usize {
        self.0.borrow().items.len()
    }
}

/// Connects `signal`, whose first parameter is a `u64`, to a new queue.
pub fn connect(obj: &impl ObjectExt, signal: &str) -> (SignalHandlerId, FloorStream) {
    let queue = Rc::new(RefCell::new(Queue::default()));
    let sender = Sender(queue.clone());
    let id = obj.connect_local(signal, false, move |args| {
        let value = args[1].get::<u64>().unwrap_or_default();
        let waker = {
            let mut queue = sender.0.borrow_mut();
            queue.items.push_back(value);
            queue.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
        None
    });
    (id, FloorStream(queue))
}

impl Stream for FloorStream {
    type Item = u64;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        let mut queue = self.0.borrow_mut();
        if let Some(v) = queue.items.pop_front() {
            Poll::Ready(Some(v))
        } else if queue.closed {
            Poll::Ready(None)
        } else {
            match &queue.waker {
                Some(w) if w.will_wake(cx.waker()) => {}
                _ => queue.waker = Some(cx.waker().clone()),
            }
            Poll::Pending
        }
    }
}
