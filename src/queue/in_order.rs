//! Delivering items in the order their emissions began while a handler runs inside each
//! emission: the handler may emit the same signal (or another signal of the same stream)
//! again, and the nested emission's item must still come after the outer one.

#[cfg(glib_signal_stream_loom)]
use loom::sync::{Mutex, MutexGuard};
#[cfg(not(glib_signal_stream_loom))]
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{Pushed, QueueLock, Sender};

/// The places reserved by the emissions whose handlers are running.
///
/// The outermost emission's item is queued as soon as its handler returns. Every emission
/// that begins while a handler runs (nested inside it, or on another thread) reserves a place
/// before its own handler runs; those items are queued, in the order of their places, once no
/// handler of this stream is running any more.
///
/// Items are queued with the places locked, so that a thread's next emission cannot overtake
/// its item reserved earlier while another thread is still queuing it; only waking the
/// consumer and dropping what a bounded queue discards (which may run any code) wait until
/// the lock is released.
pub(crate) struct InOrder<T> {
    state: Mutex<Places<T>>,
}

struct Places<T> {
    running: usize,
    places: Vec<Option<T>>,
}

impl<T> InOrder<T> {
    pub(crate) fn new() -> Self {
        Self {
            state: Mutex::new(Places {
                running: 0,
                places: Vec::new(),
            }),
        }
    }

    /// No user code runs and nothing is dropped with `state` locked, so it is never poisoned
    /// and never locked re-entrantly.
    #[inline]
    fn lock(&self) -> MutexGuard<'_, Places<T>> {
        #[cfg(not(glib_signal_stream_loom))]
        return self.state.lock().unwrap_or_else(PoisonError::into_inner);
        #[cfg(glib_signal_stream_loom)]
        return self.state.lock().unwrap();
    }

    /// Runs `handler` with `item`, then queues `item` and those of the emissions nested inside
    /// the handler (or overlapping it on other threads) into `sender`'s queue, in the order the
    /// emissions began; returns the handler's result.
    ///
    /// The outermost emission needs no place (its item always comes first): only nested
    /// emissions, and emissions from other threads that overlap it, reserve one.
    #[inline]
    pub(crate) fn run<R, F: QueueLock>(
        &self,
        item: T,
        handler: impl FnOnce(&T) -> R,
        sender: &Sender<T, F>,
    ) -> R {
        let place = {
            let mut state = self.lock();
            state.running += 1;
            (state.running > 1).then(|| {
                state.places.push(None);
                state.places.len() - 1
            })
        };
        let answer = handler(&item);
        let mut state = self.lock();
        state.running -= 1;
        let pushed = match place {
            None => sender.push(item),
            Some(place) => {
                // `place` is in bounds: `places` is only emptied once no handler runs.
                match state.places.get_mut(place) {
                    Some(slot) => *slot = Some(item),
                    None => state.places.push(Some(item)),
                }
                Pushed::none()
            }
        };
        if state.running > 0 || state.places.is_empty() {
            // The common case: no nested or overlapping emission left to queue.
            drop(state);
            pushed.finish();
            return answer;
        }
        let places = std::mem::take(&mut state.places);
        let ready: Vec<Pushed<T>> = places
            .into_iter()
            .flatten()
            .map(|item| sender.push(item))
            .collect();
        // Without the lock held: a waker or a discarded item may run any code.
        drop(state);
        pushed.finish();
        ready.into_iter().for_each(Pushed::finish);
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::{
        super::{BufferPolicy, Local, QueueLock, Sender},
        InOrder,
    };

    #[test]
    fn nested_runs_come_after_the_one_that_runs_them_in_the_order_they_began() {
        let order = InOrder::new();
        let queue = Local::new_queue(BufferPolicy::Unbounded);
        let send = &Sender::<u32, Local>::new(queue.clone());
        let sent = || Vec::from(Local::try_with(&queue, |b| b.take_queued()).unwrap());
        let answer = order.run(
            1,
            |_| {
                order.run(2, |_| order.run(3, |_| (), send), send);
                order.run(4, |_| (), send);
                "outer"
            },
            send,
        );
        assert_eq!(answer, "outer");
        assert_eq!(sent(), [1, 2, 3, 4]);
        // Nothing is left over for the next emission.
        order.run(5, |_| (), send);
        assert_eq!(sent(), [5]);
    }
}
