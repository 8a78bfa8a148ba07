//! [`StreamSet`]: one stream merging a set of streams that grows while it is polled.

use std::{
    cell::RefCell,
    fmt,
    pin::Pin,
    rc::{Rc, Weak},
    task::{Context, Poll, Waker},
};

use futures_core::{stream::FusedStream, Stream};

type Member<T> = Pin<Box<dyn Stream<Item = T>>>;

/// A stream of the items of every stream inserted into it, in the order each yields them,
/// from a set that grows while it is polled.
///
/// Streams are inserted through a [`StreamSetHandle`] (from [`handle`](Self::handle)), which
/// can be cloned into the callbacks that create widgets: a `ListBox` model's create-row
/// function, a `ListView` factory's `bind`. A stream leaves the set (and is dropped) as soon
/// as it ends, so a removed row's stream, which ends when the row is disposed, leaves no trace.
///
/// # End of stream
///
/// The set ends once every handle is dropped and every stream in it has ended. While a
/// handle lives, an empty set waits for streams to be inserted.
///
/// # Threads
///
/// The set and its handles are local (not `Send`), like the widgets whose streams they hold,
/// and so are the streams they accept. There is no `Send` variant: the callbacks that insert
/// (a factory's `bind`, a create-row function) run on the thread of their widgets, which is
/// the thread polling the set; a stream fed from other threads
/// ([`SendSignalStream`](crate::SendSignalStream)) can still be inserted there.
///
/// # Cost
///
/// When woken, the set polls each of its streams once, starting after the one that last
/// yielded so that a busy stream cannot starve the others: meant for the tens or hundreds of
/// streams of a user interface.
///
/// # Example
///
/// ```
/// use futures_util::{stream, StreamExt};
/// use glib_signal_stream::StreamSet;
///
/// let mut set = StreamSet::new();
/// let handle = set.handle();
/// handle.insert(stream::iter([1, 2]));
/// handle.insert(stream::iter([10]));
/// drop(handle); // no more streams: the set ends once these have
///
/// let mut items = glib::MainContext::default().block_on(set.collect::<Vec<_>>());
/// items.sort();
/// assert_eq!(items, [1, 2, 10]);
/// ```
#[must_use = "streams do nothing unless polled, and dropping the set drops its streams (a signal stream disconnects its handler)"]
pub struct StreamSet<T> {
    streams: Vec<Member<T>>,
    /// Where the next poll starts, for fairness.
    next: usize,
    /// Shared with the handles, which hold it weakly: their number is its weak count.
    shared: Rc<RefCell<Shared<T>>>,
    done: bool,
}

struct Shared<T> {
    inserted: Vec<Member<T>>,
    waker: Option<Waker>,
}

/// Inserts streams into a [`StreamSet`]; cloneable, and usable from callbacks.
///
/// Once the set is dropped, inserted streams are dropped at once.
pub struct StreamSetHandle<T> {
    shared: Weak<RefCell<Shared<T>>>,
}

impl<T> StreamSet<T> {
    /// An empty set, with no handle yet.
    pub fn new() -> Self {
        Self {
            streams: Vec::new(),
            next: 0,
            shared: Rc::new(RefCell::new(Shared {
                inserted: Vec::new(),
                waker: None,
            })),
            done: false,
        }
    }

    /// A handle to insert streams into this set. The set does not end while a handle lives.
    pub fn handle(&self) -> StreamSetHandle<T> {
        StreamSetHandle {
            shared: Rc::downgrade(&self.shared),
        }
    }

    /// Inserts `stream` into the set.
    pub fn insert(&mut self, stream: impl Stream<Item = T> + 'static) {
        self.streams.push(Box::pin(stream));
    }

    /// How many streams the set holds (those inserted through a handle count from the next
    /// poll on).
    pub fn len(&self) -> usize {
        self.streams.len()
    }

    /// Whether the set holds no stream.
    pub fn is_empty(&self) -> bool {
        self.streams.is_empty()
    }

    /// Moves the streams inserted through handles into the set, and registers `waker` for
    /// the next insertion.
    fn take_inserted(&mut self, waker: &Waker) {
        let replaced = {
            let mut shared = self.shared.borrow_mut();
            self.streams.append(&mut shared.inserted);
            match &mut shared.waker {
                Some(w) if w.will_wake(waker) => None,
                slot => slot.replace(waker.clone()),
            }
        };
        // A waker is user data: dropped once the borrow is released.
        drop(replaced);
    }
}

impl<T> Default for StreamSet<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Stream for StreamSet<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.done {
            return Poll::Ready(None);
        }
        loop {
            self.take_inserted(cx.waker());
            let this = &mut *self;
            // Each stream is polled once per pass, in turn from `next`: one that ends is
            // removed in place (`remove`, not `swap_remove`), so the streams not yet polled
            // keep their turn and none is skipped. A skipped one that has an item queued and
            // registered no waker (its last poll yielded) would wait for an unrelated wake-up.
            let mut unpolled = this.streams.len();
            let mut index = this.next;
            while unpolled > 0 {
                if index >= this.streams.len() {
                    index = 0;
                }
                unpolled -= 1;
                // A stream's poll may insert through a handle: `shared` is not borrowed here.
                match this.streams[index].as_mut().poll_next(cx) {
                    Poll::Ready(Some(item)) => {
                        this.next = index + 1;
                        return Poll::Ready(Some(item));
                    }
                    Poll::Ready(None) => {
                        // Dropped here, outside any borrow: it may release a widget.
                        drop(this.streams.remove(index));
                    }
                    Poll::Pending => index += 1,
                }
            }
            if !self.shared.borrow().inserted.is_empty() {
                // Inserted while the streams were polled: poll those too.
                continue;
            }
            if self.streams.is_empty() && Rc::weak_count(&self.shared) == 0 {
                self.done = true;
                return Poll::Ready(None);
            }
            return Poll::Pending;
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl<T> FusedStream for StreamSet<T> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<T> Drop for StreamSet<T> {
    fn drop(&mut self) {
        // Streams inserted but never polled are dropped outside the borrow.
        let inserted = std::mem::take(&mut self.shared.borrow_mut().inserted);
        drop(inserted);
    }
}

impl<T> fmt::Debug for StreamSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamSet")
            .field("streams", &self.streams.len())
            .field("handles", &Rc::weak_count(&self.shared))
            .field("done", &self.done)
            .finish()
    }
}

impl<T> StreamSetHandle<T> {
    /// Inserts `stream` into the set, which polls it from its next poll on. If the set is
    /// gone, `stream` is dropped.
    pub fn insert(&self, stream: impl Stream<Item = T> + 'static) {
        let Some(shared) = self.shared.upgrade() else {
            return;
        };
        let waker = match shared.try_borrow_mut() {
            Ok(mut shared) => {
                shared.inserted.push(Box::pin(stream));
                shared.waker.take()
            }
            // Borrowed only for an instant by the set's own poll, which cannot run an
            // insertion: unreachable in practice, and not worth a panic.
            Err(_) => {
                glib::g_critical!(
                    crate::LOG_DOMAIN,
                    "StreamSetHandle::insert called while the set was busy; stream dropped"
                );
                None
            }
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Whether the set still exists.
    pub fn is_set_alive(&self) -> bool {
        self.shared.strong_count() > 0
    }
}

impl<T> Clone for StreamSetHandle<T> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
        }
    }
}

impl<T> Drop for StreamSetHandle<T> {
    fn drop(&mut self) {
        // The last handle: the set may end now, wake it to find out.
        if self.shared.weak_count() == 1 {
            let waker = self
                .shared
                .upgrade()
                .and_then(|shared| shared.try_borrow_mut().ok()?.waker.take());
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    }
}

impl<T> fmt::Debug for StreamSetHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamSetHandle")
            .field("set_alive", &self.is_set_alive())
            .finish()
    }
}
