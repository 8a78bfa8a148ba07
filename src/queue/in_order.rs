//! Delivering items in the order their emissions began while a handler runs inside each
//! emission: the handler may emit the same signal (or another signal of the same stream)
//! again, and the nested emission's item must still come after the outer one.

use std::sync::{Mutex, PoisonError};

/// The places reserved by the emissions whose handlers are running.
///
/// The outermost emission's item is sent as soon as its handler returns. Every emission that
/// begins while a handler runs (nested inside it, or on another thread) reserves a place
/// before its own handler runs; those items are sent, in the order of their places, once no
/// handler of this stream is running any more.
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

    /// Runs `handler` with `item`, then hands `item` and those of the emissions nested inside
    /// the handler to `send`, in the order the emissions began; returns the handler's result.
    ///
    /// The outermost emission needs no place (its item always comes first): only nested
    /// emissions, and emissions from other threads that overlap it, reserve one.
    #[inline]
    pub(crate) fn run<R>(&self, item: T, handler: impl FnOnce(&T) -> R, send: impl Fn(T)) -> R {
        // No user code runs and nothing is dropped with `state` locked, so it is never
        // poisoned and never locked re-entrantly.
        let lock = || self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let place = {
            let mut state = lock();
            state.running += 1;
            (state.running > 1).then(|| {
                state.places.push(None);
                state.places.len() - 1
            })
        };
        let answer = handler(&item);
        let item = match place {
            None => {
                send(item);
                None
            }
            Some(place) => Some((place, item)),
        };
        let ready = {
            let mut state = lock();
            if let Some((place, item)) = item {
                // `place` is in bounds: `places` is only emptied once no handler runs.
                match state.places.get_mut(place) {
                    Some(slot) => *slot = Some(item),
                    None => state.places.push(Some(item)),
                }
            }
            state.running -= 1;
            if state.running == 0 {
                std::mem::take(&mut state.places)
            } else {
                Vec::new()
            }
        };
        // Sent without the lock held: a waker or a discarded item may run any code.
        for item in ready.into_iter().flatten() {
            send(item);
        }
        answer
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::InOrder;

    #[test]
    fn nested_runs_come_after_the_one_that_runs_them_in_the_order_they_began() {
        let order = InOrder::new();
        let sent = RefCell::new(Vec::new());
        let send = |item| sent.borrow_mut().push(item);
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
        assert_eq!(*sent.borrow(), [1, 2, 3, 4]);
        // Nothing is left over for the next emission.
        order.run(5, |_| (), send);
        assert_eq!(*sent.borrow(), [1, 2, 3, 4, 5]);
    }
}
