//! The queue between a signal handler and its stream, and the policies that bound it.

use std::{collections::VecDeque, num::NonZeroUsize, task::Waker};

/// What a signal stream keeps when its consumer falls behind.
///
/// The handler never blocks the emitter: a policy only decides which queued items survive.
/// Every item a policy discards is counted (see `dropped_count` on the streams).
///
/// | policy | keeps | discards |
/// |---|---|---|
/// | [`Unbounded`](Self::Unbounded) (default) | every item, in order | nothing |
/// | [`DropOldest(n)`](Self::DropOldest) | the `n` most recent items, in order | the oldest queued item, to make room |
/// | [`DropNewest(n)`](Self::DropNewest) | the first `n` items queued since the consumer last caught up | each new item while `n` are queued |
/// | [`Latest`](Self::Latest) | only the most recent item | every older item |
///
/// # Example
///
/// ```
/// use glib_signal_stream::BufferPolicy;
/// use std::num::NonZeroUsize;
///
/// let policy = BufferPolicy::DropOldest(NonZeroUsize::new(64).unwrap());
/// assert_eq!(policy.capacity(), Some(64));
/// assert_eq!(BufferPolicy::default(), BufferPolicy::Unbounded);
/// assert_eq!(BufferPolicy::Latest.capacity(), Some(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum BufferPolicy {
    /// Keep everything (the default). Memory grows with the backlog.
    #[default]
    Unbounded,
    /// Keep at most `n` items; a new item evicts the oldest queued one.
    DropOldest(NonZeroUsize),
    /// Keep at most `n` items; while `n` are queued, new items are discarded.
    DropNewest(NonZeroUsize),
    /// Keep only the most recent item (like a `watch` channel).
    Latest,
}

impl BufferPolicy {
    /// The most items this policy queues at once, or `None` for [`Unbounded`](Self::Unbounded).
    pub fn capacity(&self) -> Option<usize> {
        match *self {
            Self::Unbounded => None,
            Self::DropOldest(n) | Self::DropNewest(n) => Some(n.get()),
            Self::Latest => Some(1),
        }
    }
}

/// What a push did, for the caller to act on once it no longer holds the queue's lock:
/// waking the consumer or dropping an item can run arbitrary code (an object's dispose
/// may emit a signal into this very queue).
#[must_use]
pub(crate) struct Pushed<T> {
    pub(crate) wake: Option<Waker>,
    pub(crate) discarded: Option<T>,
}

impl<T> Pushed<T> {
    /// Wakes the consumer and drops the discarded item. Call without holding the lock.
    #[inline]
    pub(crate) fn finish(self) {
        drop(self.discarded);
        if let Some(waker) = self.wake {
            waker.wake();
        }
    }
}

/// The queue shared by a handler (producer) and a stream (consumer).
///
/// It is the same for local and `Send` streams: they differ only in the lock around it
/// (`RefCell` or `Mutex`).
#[allow(unreachable_pub)]
pub struct Buffer<T> {
    items: VecDeque<T>,
    policy: BufferPolicy,
    dropped: u64,
    waker: Option<Waker>,
    /// The handler is gone (disconnected, or the emitter disposed): no item will come.
    closed: bool,
    /// The stream is gone: items are refused at once.
    abandoned: bool,
}

impl<T> Buffer<T> {
    pub(crate) fn new(policy: BufferPolicy) -> Self {
        Self {
            items: VecDeque::new(),
            policy,
            dropped: 0,
            waker: None,
            closed: false,
            abandoned: false,
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, item: T) -> Pushed<T> {
        if self.abandoned || self.closed {
            return Pushed {
                wake: None,
                discarded: Some(item),
            };
        }
        let discarded = match self.policy {
            BufferPolicy::Unbounded => {
                self.items.push_back(item);
                None
            }
            BufferPolicy::DropOldest(n) => self.push_evicting(item, n.get()),
            BufferPolicy::Latest => self.push_evicting(item, 1),
            BufferPolicy::DropNewest(n) => {
                if self.items.len() < n.get() {
                    self.items.push_back(item);
                    None
                } else {
                    self.dropped += 1;
                    // Full: the consumer was already woken by the item that filled it.
                    return Pushed {
                        wake: None,
                        discarded: Some(item),
                    };
                }
            }
        };
        Pushed {
            wake: self.waker.take(),
            discarded,
        }
    }

    #[inline]
    fn push_evicting(&mut self, item: T, capacity: usize) -> Option<T> {
        let evicted = if self.items.len() >= capacity {
            self.dropped += 1;
            self.items.pop_front()
        } else {
            None
        };
        self.items.push_back(item);
        evicted
    }

    /// The next item; or `Ok(None)` once closed and drained; or `Err(())` after registering
    /// `waker` to be woken by the next push or by closing.
    ///
    /// The caller holds the lock for the whole call, so no push can slip in between finding
    /// the queue empty and registering the waker (the lost-wakeup race).
    #[inline]
    pub(crate) fn pop_or_register(&mut self, waker: &Waker) -> Result<Option<T>, ()> {
        if let Some(item) = self.items.pop_front() {
            return Ok(Some(item));
        }
        if self.closed {
            return Ok(None);
        }
        match &mut self.waker {
            Some(w) if w.will_wake(waker) => {}
            slot => *slot = Some(waker.clone()),
        }
        Err(())
    }

    /// Marks the producer gone; returns the waker to wake (outside the lock).
    pub(crate) fn close(&mut self) -> Option<Waker> {
        self.closed = true;
        self.waker.take()
    }

    /// Marks the consumer gone and hands back what was queued, to be dropped outside the lock.
    pub(crate) fn abandon(&mut self) -> VecDeque<T> {
        self.abandoned = true;
        self.waker = None;
        std::mem::take(&mut self.items)
    }

    /// The next queued item, without registering a waker.
    pub(crate) fn pop(&mut self) -> Option<T> {
        self.items.pop_front()
    }

    /// Hands back what is queued, to be dropped outside the lock; the queue stays open.
    pub(crate) fn take_queued(&mut self) -> VecDeque<T> {
        std::mem::take(&mut self.items)
    }

    /// Switches policy, applying it to what is already queued; returns the discarded items.
    pub(crate) fn set_policy(&mut self, policy: BufferPolicy) -> Vec<T> {
        self.policy = policy;
        let mut discarded = Vec::new();
        if let Some(cap) = policy.capacity() {
            while self.items.len() > cap {
                let item = match policy {
                    BufferPolicy::DropNewest(_) => self.items.pop_back(),
                    _ => self.items.pop_front(),
                };
                discarded.extend(item);
                self.dropped += 1;
            }
        }
        discarded
    }

    pub(crate) fn policy(&self) -> BufferPolicy {
        self.policy
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.closed
    }
}

impl<T> std::fmt::Debug for Buffer<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Buffer")
            .field("len", &self.items.len())
            .field("policy", &self.policy)
            .field("dropped", &self.dropped)
            .field("closed", &self.closed)
            .finish()
    }
}
