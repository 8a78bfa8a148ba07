//! Re-entrancy and odd timing: streams dropped, disconnected or disposed from inside their own
//! emission, consumers that emit while consuming, contexts that stop, many streams dropped in
//! any order. None of it may panic, lose an item it promised, or touch another stream.

mod common;

use std::{cell::RefCell, num::NonZeroUsize, rc::Rc, task::Poll};

use common::{drain, poll_future_once, Emitter};
use futures::{future::poll_fn, FutureExt, StreamExt};
use glib::prelude::*;
use glib_signal_stream::{prelude::*, BufferPolicy, SignalFuture, SignalStream};

type Slot<T> = Rc<RefCell<Option<T>>>;

/// Takes what is in `slot` and drops it, without holding the borrow while it drops.
fn empty<T>(slot: &Slot<T>) {
    let taken = slot.borrow_mut().take();
    drop(taken);
}

fn ticks(items: Vec<(u64,)>) -> Vec<u64> {
    items.into_iter().map(|(v,)| v).collect()
}

#[test]
fn stream_dropped_by_an_earlier_handler_disconnects() {
    let emitter = Emitter::new();
    let slot: Slot<SignalStream<(u64,)>> = Rc::new(RefCell::new(None));
    let dropper = emitter.connect_local("tick", false, {
        let slot = slot.clone();
        move |_| {
            empty(&slot);
            None
        }
    });
    *slot.borrow_mut() = Some(emitter.connect_stream_typed::<(u64,)>("tick"));

    emitter.tick(1);

    assert!(slot.borrow().is_none());
    emitter.disconnect(dropper);
    assert!(!emitter.has_handler("tick"));
    emitter.tick(2); // nothing left to reach: no crash
}

#[test]
fn stream_dropped_by_its_own_return_value_handler_disconnects() {
    let emitter = Emitter::new();
    let slot: Slot<SignalStream<Vec<glib::Value>>> = Rc::new(RefCell::new(None));
    let calls = Rc::new(RefCell::new(Vec::new()));
    let stream = emitter
        .signal_stream_builder("ask")
        .answer({
            let (slot, calls) = (slot.clone(), calls.clone());
            move |args| {
                calls.borrow_mut().push(args[0].get::<i32>().unwrap());
                empty(&slot);
                true
            }
        })
        .build();
    *slot.borrow_mut() = Some(stream);

    assert!(
        emitter.ask(1),
        "the handler still answers the emission that dropped it"
    );
    assert!(!emitter.ask(2), "no handler is left to answer");
    assert_eq!(*calls.borrow(), [1]);
    assert!(!emitter.has_handler("ask"));
}

#[test]
fn stream_dropped_by_a_later_handler_keeps_nothing_connected() {
    let emitter = Emitter::new();
    let slot: Slot<SignalStream<(u64,)>> = Rc::new(RefCell::new(None));
    *slot.borrow_mut() = Some(emitter.connect_stream_typed::<(u64,)>("tick"));
    let dropper = emitter.connect_local("tick", false, {
        let slot = slot.clone();
        move |_| {
            empty(&slot);
            None
        }
    });

    emitter.tick(1);

    assert!(slot.borrow().is_none());
    emitter.disconnect(dropper);
    assert!(!emitter.has_handler("tick"));
}

#[test]
fn consumer_that_emits_while_consuming_sees_every_item_in_order() {
    let emitter = Emitter::new();
    let mut stream = emitter.connect_stream_typed::<(u64,)>("tick");
    emitter.tick(0);

    // Each item n emits 2n+1 and 2n+2 (below 63): a breadth-first numbering, so the items
    // arrive in order 0, 1, 2, ... exactly when the queue keeps emission order.
    let seen = glib::MainContext::new().block_on(async {
        let mut seen = Vec::new();
        while let Some((n,)) = stream.next().await {
            seen.push(n);
            for child in [2 * n + 1, 2 * n + 2] {
                if child < 63 {
                    emitter.tick(child);
                }
            }
            if stream.is_empty() {
                break;
            }
        }
        seen
    });

    assert_eq!(seen, (0..63).collect::<Vec<_>>());
}

#[test]
fn dispose_inside_a_handler_ends_every_stream_after_what_it_got() {
    let emitter = Emitter::new();
    let mut before = emitter.connect_stream_typed::<(u64,)>("tick");
    let weak = emitter.downgrade();
    let mut disposer = emitter
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .handler(move |_| {
            if let Some(emitter) = weak.upgrade() {
                emitter.dispose_now();
            }
        })
        .build();
    let mut after = emitter.connect_stream_typed::<(u64,)>("tick");

    emitter.tick(1);
    emitter.tick(2); // disposed: no handler left

    let (before, disposer, after) = (drain(&mut before), drain(&mut disposer), drain(&mut after));
    assert_eq!((ticks(before.0), before.1), (vec![1], true));
    assert_eq!((ticks(disposer.0), disposer.1), (vec![1], true));
    assert_eq!((ticks(after.0), after.1), (vec![], true));
    assert!(!emitter.has_handler("tick"));
}

#[test]
fn disconnect_inside_a_handler_ends_the_stream_after_its_items() {
    let emitter = Emitter::new();
    let stream = Rc::new(RefCell::new(emitter.connect_stream_typed::<(u64,)>("tick")));
    emitter.tick(1);
    let disconnector = emitter.connect_local("tick", false, {
        let stream = stream.clone();
        move |_| {
            stream.borrow_mut().disconnect();
            None
        }
    });

    emitter.tick(2); // reaches the stream first, then disconnects it
    emitter.tick(3);

    let (items, ended) = drain(&mut *stream.borrow_mut());
    assert_eq!((ticks(items), ended), (vec![1, 2], true));
    emitter.disconnect(disconnector);
    assert!(!emitter.has_handler("tick"));
}

#[test]
fn stream_keeps_its_items_after_its_main_context_stops() {
    let emitter = Emitter::new();
    let mut stream = emitter.connect_stream_typed::<(u64,)>("tick");
    let first = glib::MainContext::new();
    // Leaves the first context's waker registered, then the context stops and is dropped.
    first.block_on(poll_fn(|cx| {
        assert!(stream.poll_next_unpin(cx).is_pending());
        Poll::Ready(())
    }));
    drop(first);

    emitter.tick(1); // wakes a task that no context runs any more
    emitter.tick(2);

    assert_eq!(stream.next().now_or_never(), Some(Some((1,))));
    let second = glib::MainContext::new().block_on(stream.next());
    assert_eq!(second, Some((2,)));
    drop(emitter);
    assert_eq!(stream.next().now_or_never(), Some(None));
}

#[test]
fn future_dropped_while_pending_disconnects() {
    let emitter = Emitter::new();
    let mut future = emitter.signal_future("tick");
    assert!(poll_future_once(&mut future).is_pending());

    drop(future);

    assert!(!emitter.has_handler("tick"));
    emitter.tick(1);
}

#[test]
fn future_dropped_by_an_earlier_handler_during_emission_disconnects() {
    let emitter = Emitter::new();
    let slot: Slot<SignalFuture<Vec<glib::Value>>> = Rc::new(RefCell::new(None));
    let dropper = emitter.connect_local("tick", false, {
        let slot = slot.clone();
        move |_| {
            empty(&slot);
            None
        }
    });
    *slot.borrow_mut() = Some(emitter.signal_future("tick"));

    emitter.tick(1);

    assert!(slot.borrow().is_none());
    emitter.disconnect(dropper);
    assert!(!emitter.has_handler("tick"));
}

#[test]
fn dropping_one_of_many_streams_disconnects_only_its_own_handler() {
    const STREAMS: usize = 1_000;
    let emitter = Emitter::new();
    let mut streams: Vec<Option<SignalStream<(u64,)>>> = (0..STREAMS)
        .map(|_| Some(emitter.connect_stream_typed::<(u64,)>("tick")))
        .collect();

    // A fixed pseudo-random order (Fisher-Yates with a small LCG: no dependency needed).
    let mut order: Vec<usize> = (0..STREAMS).collect();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for i in (1..STREAMS).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        order.swap(i, (state >> 33) as usize % (i + 1));
    }

    // Between two drops one emission: every stream must have seen every emission made while
    // it was alive, so a drop that disconnected another stream's handler would show.
    for (n, &victim) in order.iter().enumerate() {
        let mut stream = streams[victim].take().unwrap();
        let (items, ended) = drain(&mut stream);
        let emitted: Vec<u64> = (0..n as u64).collect();
        assert_eq!((ticks(items), ended), (emitted, false), "stream {victim}");
        drop(stream);
        emitter.tick(n as u64);
    }

    assert!(!emitter.has_handler("tick"));
}

/// An object that emits `carry(then)` on `emitter` when it is finalized.
fn carrying_on_finalize(emitter: &Emitter, then: &glib::Object) -> glib::Object {
    let object = glib::Object::new::<glib::Object>();
    let (emitter, then) = (emitter.downgrade(), then.clone());
    // The notification stays registered when its handle is dropped.
    drop(object.add_weak_ref_notify_local(move || {
        if let Some(emitter) = emitter.upgrade() {
            emitter.carry(&then);
        }
    }));
    object
}

#[test]
fn evicted_item_whose_drop_emits_into_the_same_stream_is_not_lost() {
    let emitter = Emitter::new();
    let mut stream = emitter
        .signal_stream_builder("carry")
        .policy(BufferPolicy::DropOldest(NonZeroUsize::MIN))
        .typed::<(glib::Object,)>()
        .build();
    let (second, third) = (
        glib::Object::new::<glib::Object>(),
        glib::Object::new::<glib::Object>(),
    );
    emitter.carry(&carrying_on_finalize(&emitter, &third));

    // Evicts the first item, whose drop emits `third` into the stream while it is being fed.
    emitter.carry(&second);

    let (items, ended) = drain(&mut stream);
    assert_eq!(items, [(third,)]);
    assert!(!ended);
    assert_eq!(stream.dropped_count(), 2);
}

#[test]
fn dropping_a_stream_whose_item_emits_when_dropped_reaches_only_the_others() {
    let emitter = Emitter::new();
    let stream = emitter.connect_stream_typed::<(glib::Object,)>("carry");
    let then = glib::Object::new::<glib::Object>();
    emitter.carry(&carrying_on_finalize(&emitter, &then));
    let mut other = emitter.connect_stream_typed::<(glib::Object,)>("carry");

    drop(stream); // disconnects, then drops its item, which emits `then`

    assert_eq!(drain(&mut other), (vec![(then,)], false));
    drop(other);
    assert!(!emitter.has_handler("carry"));
}
