//! Buffer policies under a burst of emissions before the first poll: exactly the promised
//! items arrive, every discarded item is counted, and the queue never outgrows the policy.

mod common;

use std::{
    cell::{Cell, RefCell},
    num::NonZeroUsize,
    rc::Rc,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    thread,
};

use common::{block_on, Emitter};
use futures::StreamExt;
use glib::prelude::*;
use glib_signal_stream::{prelude::*, BufferPolicy, SendSignalStream, SignalStream};

const BURST: u64 = 100_000;
const N: usize = 16;

fn n() -> NonZeroUsize {
    NonZeroUsize::new(N).unwrap()
}

/// What a burst of `BURST` ticks (0, 1, ...) left in a stream.
struct Burst {
    items: Vec<u64>,
    dropped: u64,
    /// The longest the queue was right after an emission.
    peak_len: usize,
}

/// Emits the burst into a local stream with `policy` before polling it; a handler run after
/// the stream's records the queue's length after each emission.
fn burst_local(policy: BufferPolicy) -> Burst {
    let obj = Emitter::new();
    let stream: SignalStream<(u64,)> = obj
        .signal_stream_builder("tick")
        .policy(policy)
        .typed()
        .build();
    let stream = Rc::new(RefCell::new(Some(stream)));
    let peak_len = Rc::new(Cell::new(0));
    let probe = {
        let (stream, peak_len) = (stream.clone(), peak_len.clone());
        obj.connect_local("tick", true, move |_| {
            if let Some(stream) = stream.borrow().as_ref() {
                peak_len.set(peak_len.get().max(stream.len()));
            }
            None
        })
    };
    for n in 0..BURST {
        obj.tick(n);
    }
    obj.disconnect(probe);
    let stream = stream.borrow_mut().take().unwrap();
    let dropped = stream.dropped_count();
    drop(obj); // the stream ends once drained
    Burst {
        items: block_on(stream.map(|(n,)| n).collect()),
        dropped,
        peak_len: peak_len.get(),
    }
}

/// The same with a `Send` stream, the burst emitted on another thread.
fn burst_send(policy: BufferPolicy) -> Burst {
    let obj = Emitter::new();
    let stream: SendSignalStream<(u64,), Emitter> = obj
        .signal_stream_builder("tick")
        .policy(policy)
        .typed()
        .send()
        .build();
    let stream = Arc::new(Mutex::new(Some(stream)));
    let peak_len = Arc::new(AtomicUsize::new(0));
    let probe = {
        let (stream, peak_len) = (stream.clone(), peak_len.clone());
        obj.connect("tick", true, move |_| {
            if let Some(stream) = stream.lock().unwrap().as_ref() {
                peak_len.fetch_max(stream.len(), Ordering::SeqCst);
            }
            None
        })
    };
    thread::scope(|scope| {
        scope.spawn(|| {
            for n in 0..BURST {
                obj.tick(n);
            }
        });
    });
    obj.disconnect(probe);
    let stream = stream.lock().unwrap().take().unwrap();
    let dropped = stream.dropped_count();
    drop(obj);
    Burst {
        items: block_on(stream.map(|(n,)| n).collect()),
        dropped,
        peak_len: peak_len.load(Ordering::SeqCst),
    }
}

fn range(start: u64, end: u64) -> Vec<u64> {
    (start..end).collect()
}

#[test]
fn unbounded_keeps_every_item_in_order() {
    let burst = burst_local(BufferPolicy::Unbounded);
    assert_eq!(burst.items, range(0, BURST));
    assert_eq!(burst.dropped, 0);
}

#[test]
fn unbounded_queue_grows_with_the_backlog() {
    let burst = burst_local(BufferPolicy::Unbounded);
    assert_eq!(burst.peak_len, BURST as usize);
}

#[test]
fn drop_oldest_keeps_last_n_in_order_and_counts_the_rest() {
    let burst = burst_local(BufferPolicy::DropOldest(n()));
    assert_eq!(burst.items, range(BURST - N as u64, BURST));
    assert_eq!(burst.dropped, BURST - N as u64);
}

#[test]
fn drop_oldest_queue_never_exceeds_n() {
    let burst = burst_local(BufferPolicy::DropOldest(n()));
    assert_eq!(burst.peak_len, N);
}

#[test]
fn drop_newest_keeps_first_n_in_order_and_counts_the_rest() {
    let burst = burst_local(BufferPolicy::DropNewest(n()));
    assert_eq!(burst.items, range(0, N as u64));
    assert_eq!(burst.dropped, BURST - N as u64);
}

#[test]
fn drop_newest_queue_never_exceeds_n() {
    let burst = burst_local(BufferPolicy::DropNewest(n()));
    assert_eq!(burst.peak_len, N);
}

#[test]
fn latest_keeps_only_last_item_and_counts_the_rest() {
    let burst = burst_local(BufferPolicy::Latest);
    assert_eq!(burst.items, [BURST - 1]);
    assert_eq!(burst.dropped, BURST - 1);
}

#[test]
fn latest_queue_never_exceeds_one() {
    let burst = burst_local(BufferPolicy::Latest);
    assert_eq!(burst.peak_len, 1);
}

#[test]
fn send_unbounded_keeps_every_item_in_order() {
    let burst = burst_send(BufferPolicy::Unbounded);
    assert_eq!(burst.items, range(0, BURST));
    assert_eq!(burst.dropped, 0);
    assert_eq!(burst.peak_len, BURST as usize);
}

#[test]
fn send_drop_oldest_keeps_last_n_within_capacity() {
    let burst = burst_send(BufferPolicy::DropOldest(n()));
    assert_eq!(burst.items, range(BURST - N as u64, BURST));
    assert_eq!(burst.dropped, BURST - N as u64);
    assert!(burst.peak_len <= N, "queue reached {}", burst.peak_len);
}

#[test]
fn send_drop_newest_keeps_first_n_within_capacity() {
    let burst = burst_send(BufferPolicy::DropNewest(n()));
    assert_eq!(burst.items, range(0, N as u64));
    assert_eq!(burst.dropped, BURST - N as u64);
    assert!(burst.peak_len <= N, "queue reached {}", burst.peak_len);
}

#[test]
fn send_latest_keeps_last_item_within_capacity() {
    let burst = burst_send(BufferPolicy::Latest);
    assert_eq!(burst.items, [BURST - 1]);
    assert_eq!(burst.dropped, BURST - 1);
    assert!(burst.peak_len <= 1, "queue reached {}", burst.peak_len);
}

#[test]
fn drop_newest_accepts_items_again_once_consumer_caught_up() {
    let obj = Emitter::new();
    let mut ticks = obj
        .signal_stream_builder("tick")
        .policy(BufferPolicy::DropNewest(NonZeroUsize::new(2).unwrap()))
        .typed::<(u64,)>()
        .build();
    for n in 0..5 {
        obj.tick(n);
    }
    assert_eq!(block_on(ticks.next()), Some((0,)));
    assert_eq!(block_on(ticks.next()), Some((1,)));
    for n in 5..10 {
        obj.tick(n);
    }
    drop(obj);
    let rest: Vec<(u64,)> = block_on(ticks.collect());
    assert_eq!(rest, [(5,), (6,)]);
}

// --- Switching policy on a stream with a backlog ---

/// A local stream with ticks 0..10 queued.
fn backlog(obj: &Emitter) -> SignalStream<(u64,)> {
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    for n in 0..10 {
        obj.tick(n);
    }
    ticks
}

fn drain<F: glib_signal_stream::Flavor>(obj: Emitter, stream: SignalStream<(u64,), F>) -> Vec<u64> {
    drop(obj);
    block_on(stream.map(|(n,)| n).collect())
}

#[test]
fn with_policy_drop_oldest_discards_oldest_of_backlog() {
    let obj = Emitter::new();
    let ticks = backlog(&obj).with_policy(BufferPolicy::DropOldest(NonZeroUsize::new(3).unwrap()));
    assert_eq!(ticks.dropped_count(), 7);
    obj.tick(10);
    assert_eq!(ticks.dropped_count(), 8);
    assert_eq!(drain(obj, ticks), [8, 9, 10]);
}

#[test]
fn with_policy_drop_newest_keeps_first_of_backlog() {
    let obj = Emitter::new();
    let ticks = backlog(&obj).with_policy(BufferPolicy::DropNewest(NonZeroUsize::new(3).unwrap()));
    assert_eq!(ticks.dropped_count(), 7);
    obj.tick(10);
    assert_eq!(ticks.dropped_count(), 8);
    assert_eq!(drain(obj, ticks), [0, 1, 2]);
}

#[test]
fn with_policy_latest_keeps_last_of_backlog() {
    let obj = Emitter::new();
    let ticks = backlog(&obj).with_policy(BufferPolicy::Latest);
    assert_eq!(ticks.len(), 1);
    assert_eq!(ticks.dropped_count(), 9);
    assert_eq!(ticks.policy(), BufferPolicy::Latest);
    assert_eq!(drain(obj, ticks), [9]);
}

#[test]
fn with_policy_unbounded_stops_discarding() {
    let obj = Emitter::new();
    let ticks = obj
        .signal_stream_builder("tick")
        .policy(BufferPolicy::Latest)
        .typed::<(u64,)>()
        .build();
    obj.tick(0);
    obj.tick(1);
    let ticks = ticks.with_policy(BufferPolicy::Unbounded);
    obj.tick(2);
    obj.tick(3);
    assert_eq!(ticks.dropped_count(), 1);
    assert_eq!(drain(obj, ticks), [1, 2, 3]);
}

#[test]
fn with_policy_on_send_stream_applies_to_backlog() {
    let obj = Emitter::new();
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();
    thread::scope(|scope| {
        scope.spawn(|| {
            for n in 0..10 {
                obj.tick(n);
            }
        });
    });
    let ticks = ticks.with_policy(BufferPolicy::DropOldest(NonZeroUsize::new(4).unwrap()));
    assert_eq!(ticks.len(), 4);
    assert_eq!(ticks.dropped_count(), 6);
    assert_eq!(drain(obj, ticks), [6, 7, 8, 9]);
}
