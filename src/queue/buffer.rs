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
    /// Nothing to do: no consumer to wake, nothing discarded.
    pub(crate) fn none() -> Self {
        Self {
            wake: None,
            discarded: None,
        }
    }

    /// Wakes the consumer and drops the discarded item. Call without holding the lock.
    #[inline]
    pub(crate) fn finish(self) {
        drop(self.discarded);
        if let Some(waker) = self.wake {
            waker.wake();
        }
    }
}

/// What [`Buffer::pop_or_register`] found.
pub(crate) enum Popped<T> {
    /// The next item.
    Item(T),
    /// Nothing queued, and nothing will be: the handler is gone.
    Closed,
    /// Nothing queued; the waker is registered, and the one it replaced handed back.
    Registered(Option<Waker>),
}

/// The queue shared by a handler (producer) and a stream (consumer).
///
/// It is the same for local and `Send` streams: they differ only in the lock around it
/// (`RefCell` or `Mutex`). It never drops user data (items, wakers) itself: every method
/// that removes one hands it back, for the caller to drop once the lock is released.
pub(crate) struct Buffer<T> {
    items: VecDeque<T>,
    policy: BufferPolicy,
    dropped: u64,
    waker: Option<Waker>,
    /// The handler is gone (disconnected, or the emitter disposed): no item will come.
    closed: bool,
    /// The stream is gone: items are refused at once.
    abandoned: bool,
    /// Open and unbounded: a push just appends, the one test an emission makes.
    appends: bool,
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
            appends: policy == BufferPolicy::Unbounded,
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, item: T) -> Pushed<T> {
        if self.appends {
            self.items.push_back(item);
            // Tested before taking: most pushes find no consumer waiting (it is busy, or
            // drains a batch), and a test is cheaper than moving an empty `Option<Waker>`.
            let wake = if self.waker.is_some() {
                self.waker.take()
            } else {
                None
            };
            return Pushed {
                wake,
                discarded: None,
            };
        }
        self.push_bounded(item)
    }

    /// Appends `item` if that is all a [`push`](Self::push) would do: the queue is open and
    /// unbounded, has room without growing, and no waker is registered. Otherwise hands
    /// `item` back untouched. The emission's fast path, which makes no call.
    #[inline]
    pub(crate) fn try_append(&mut self, item: T) -> Result<(), T> {
        if self.appends && self.waker.is_none() && self.items.len() < self.items.capacity() {
            self.items.push_back(item);
            Ok(())
        } else {
            Err(item)
        }
    }

    /// [`push`](Self::push) under a bounded policy, or into a closed or abandoned queue.
    #[inline(never)]
    fn push_bounded(&mut self, item: T) -> Pushed<T> {
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

    /// Recomputes [`appends`](Self::appends) after the policy or the state changed.
    fn update_appends(&mut self) {
        self.appends = self.policy == BufferPolicy::Unbounded && !self.closed && !self.abandoned;
    }

    /// Queues `item` only if nothing is queued (and the stream is open); otherwise hands it
    /// back, to be dropped outside the lock. For a first item that must not overtake, or
    /// replace, one a handler queued meanwhile: a property's value read after connecting its
    /// `notify` handler is older than any value that handler queued.
    pub(crate) fn push_if_empty(&mut self, item: T) -> Result<Pushed<T>, T> {
        if self.items.is_empty() {
            Ok(self.push(item))
        } else {
            Err(item)
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

    /// The next item, or, if none is queued, whether the queue is closed, or else `waker`
    /// registered to be woken by the next push or by closing, with the waker it replaced, to
    /// be dropped outside the lock: a waker may own the last reference to the emitter, whose
    /// finalization closes this very queue.
    ///
    /// The caller holds the lock for the whole call, so no push can slip in between finding
    /// the queue empty and registering the waker (the lost-wakeup race).
    #[inline]
    pub(crate) fn pop_or_register(&mut self, waker: &Waker) -> Popped<T> {
        match self.items.pop_front() {
            Some(item) => Popped::Item(item),
            None => self.empty(waker),
        }
    }

    /// [`pop_or_register`](Self::pop_or_register) on an empty queue: out of line, so that
    /// taking a queued item, the common case of a poll, stays a few instructions.
    #[inline(never)]
    fn empty(&mut self, waker: &Waker) -> Popped<T> {
        if self.closed {
            return Popped::Closed;
        }
        match &self.waker {
            Some(w) if w.will_wake(waker) => Popped::Registered(None),
            _ => Popped::Registered(self.waker.replace(waker.clone())),
        }
    }

    /// Marks the producer gone; returns the waker to wake (outside the lock).
    pub(crate) fn close(&mut self) -> Option<Waker> {
        self.closed = true;
        self.update_appends();
        self.waker.take()
    }

    /// Marks the consumer gone and hands back what was queued and the registered waker, to be
    /// dropped outside the lock.
    pub(crate) fn abandon(&mut self) -> (VecDeque<T>, Option<Waker>) {
        self.abandoned = true;
        self.update_appends();
        (std::mem::take(&mut self.items), self.waker.take())
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
        self.update_appends();
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

#[cfg(test)]
mod tests {
    use std::{
        num::NonZeroUsize,
        sync::{
            atomic::{AtomicUsize, Ordering},
            Arc,
        },
        task::{Wake, Waker},
    };

    use super::{Buffer, BufferPolicy, Popped};

    /// A waker that counts its wakes.
    struct Counter(AtomicUsize);

    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn counter() -> (Arc<Counter>, Waker) {
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        (counter.clone(), Waker::from(counter))
    }

    fn cap(n: usize) -> NonZeroUsize {
        NonZeroUsize::new(n).unwrap()
    }

    fn drain<T>(buffer: &mut Buffer<T>) -> Vec<T> {
        let waker = Waker::noop();
        let mut items = Vec::new();
        while let Popped::Item(item) = buffer.pop_or_register(waker) {
            items.push(item);
        }
        items
    }

    #[test]
    fn unbounded_keeps_everything_in_order() {
        let mut buffer = Buffer::new(BufferPolicy::Unbounded);
        for i in 0..5 {
            buffer.push(i).finish();
        }
        assert_eq!(drain(&mut buffer), [0, 1, 2, 3, 4]);
        assert_eq!(buffer.dropped(), 0);
    }

    #[test]
    fn drop_oldest_keeps_the_most_recent_and_hands_back_the_evicted() {
        let mut buffer = Buffer::new(BufferPolicy::DropOldest(cap(2)));
        assert!(buffer.push(1).discarded.is_none());
        assert!(buffer.push(2).discarded.is_none());
        assert_eq!(buffer.push(3).discarded, Some(1));
        assert_eq!(drain(&mut buffer), [2, 3]);
        assert_eq!(buffer.dropped(), 1);
    }

    #[test]
    fn drop_newest_refuses_items_while_full() {
        let mut buffer = Buffer::new(BufferPolicy::DropNewest(cap(2)));
        for i in 1..=4 {
            buffer.push(i).finish();
        }
        assert_eq!(drain(&mut buffer), [1, 2]);
        assert_eq!(buffer.dropped(), 2);
    }

    #[test]
    fn latest_keeps_one() {
        let mut buffer = Buffer::new(BufferPolicy::Latest);
        for i in 1..=3 {
            buffer.push(i).finish();
        }
        assert_eq!(drain(&mut buffer), [3]);
        assert_eq!(buffer.dropped(), 2);
    }

    #[test]
    fn try_append_only_appends_where_a_push_would_do_nothing_else() {
        let mut buffer = Buffer::new(BufferPolicy::Unbounded);
        assert_eq!(buffer.try_append(1), Err(1), "no room without growing");
        buffer.push(1).finish();
        while buffer.items.len() < buffer.items.capacity() {
            assert_eq!(buffer.try_append(2), Ok(()));
        }
        assert_eq!(
            buffer.try_append(3),
            Err(3),
            "full: a push would grow the queue"
        );
        let _ = drain(&mut buffer);
        let (count, waker) = counter();
        assert!(matches!(
            buffer.pop_or_register(&waker),
            Popped::Registered(_)
        ));
        assert_eq!(
            buffer.try_append(4),
            Err(4),
            "a push would hand back the waker"
        );
        buffer.push(4).finish();
        assert_eq!(count.0.load(Ordering::SeqCst), 1);
        assert_eq!(buffer.try_append(5), Ok(()));
        buffer.close();
        assert_eq!(buffer.try_append(6), Err(6), "closed");

        let mut bounded = Buffer::new(BufferPolicy::DropOldest(cap(8)));
        bounded.push(1).finish();
        assert_eq!(bounded.try_append(2), Err(2), "a bounded policy may evict");
    }

    #[test]
    fn a_push_hands_back_the_registered_waker_once() {
        let (count, waker) = counter();
        let mut buffer = Buffer::new(BufferPolicy::Unbounded);
        assert!(matches!(
            buffer.pop_or_register(&waker),
            Popped::Registered(None)
        ));
        buffer.push(1).finish();
        buffer.push(2).finish();
        assert_eq!(count.0.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn registering_another_waker_hands_back_the_replaced_one() {
        let (_, first) = counter();
        let (_, second) = counter();
        let mut buffer = Buffer::<u8>::new(BufferPolicy::Unbounded);
        let _ = buffer.pop_or_register(&first);
        let Popped::Registered(replaced) = buffer.pop_or_register(&second) else {
            panic!("an empty open queue registers the waker");
        };
        assert!(replaced.is_some_and(|w| w.will_wake(&first)));
        assert!(
            matches!(buffer.pop_or_register(&second), Popped::Registered(None)),
            "the same waker is kept, not replaced"
        );
    }

    #[test]
    fn close_hands_back_the_waker_and_ends_after_the_queued_items() {
        let (_, waker) = counter();
        let mut buffer = Buffer::new(BufferPolicy::Unbounded);
        let _ = buffer.pop_or_register(&waker);
        buffer.push(1).finish();
        let _ = buffer.pop_or_register(&waker);
        let _ = buffer.pop_or_register(&waker);
        assert!(buffer.close().is_some());
        assert!(matches!(buffer.pop_or_register(&waker), Popped::Closed));
    }

    #[test]
    fn abandon_hands_back_items_and_waker_and_refuses_later_pushes() {
        let (_, waker) = counter();
        let mut buffer = Buffer::new(BufferPolicy::Unbounded);
        buffer.push(1).finish();
        buffer.push(2).finish();
        let _ = drain(&mut buffer);
        let _ = buffer.pop_or_register(&waker);
        buffer.push(3).finish();
        let (items, registered) = buffer.abandon();
        assert_eq!(Vec::from(items), [3]);
        assert!(registered.is_none(), "the push took the waker");
        assert_eq!(buffer.push(4).discarded, Some(4));
        assert_eq!(buffer.len(), 0);
    }

    #[test]
    fn set_policy_applies_to_what_is_queued() {
        let mut buffer = Buffer::new(BufferPolicy::Unbounded);
        for i in 1..=4 {
            buffer.push(i).finish();
        }
        assert_eq!(buffer.set_policy(BufferPolicy::DropNewest(cap(2))), [4, 3]);
        assert_eq!(buffer.set_policy(BufferPolicy::Latest), [1]);
        assert_eq!(drain(&mut buffer), [2]);
        assert_eq!(buffer.dropped(), 3);
    }
}
