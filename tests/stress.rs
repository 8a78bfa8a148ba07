//! Stress: threads emit into `Send` streams of every form (plain, bounded, answered,
//! property, future) while the consumer, on another thread, keeps dropping its stream and
//! connecting a new one. Every item is accounted for and each emitting thread's order holds:
//!
//! - within one stream, each thread's items come in the order it emitted them, and a gap
//!   between two of them is an item the buffer policy discarded, counted by `dropped_count`
//!   (an unbounded stream has none);
//! - the stream connected when the threads finish gets each thread's last item;
//! - a signal future gets an emission made after it was connected.
//!
//! (the many builder has no `Send` form: its streams take emissions on the connecting
//! thread only, which `tests/many.rs` and `tests/reentrancy.rs` cover.)
//!
//! Sized by `STRESS_PER_THREAD` (items per emitting thread): small by default, for the debug
//! test run; CI runs it larger in release mode, and `scripts/leak-check.sh` small under
//! valgrind memcheck.

mod common;

use std::num::NonZeroUsize;

use common::Emitter;
use futures::{executor::block_on, Stream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::{prelude::*, BufferPolicy};

const THREADS: u64 = 3;

fn per_thread() -> u64 {
    std::env::var("STRESS_PER_THREAD")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

/// An item's emitting thread and its place among that thread's emissions, in one `u64`.
fn encode(thread: u64, seq: u64) -> u64 {
    (thread << 32) | seq
}

fn decode(n: u64) -> (usize, u64) {
    ((n >> 32) as usize, n & 0xffff_ffff)
}

/// How many items the consumer takes from its `round`th stream before dropping it: 1 to 300,
/// varied without a random source so that a failure replays.
fn chunk(round: u64) -> u64 {
    1 + (round.wrapping_mul(2_654_435_761) >> 7) % 300
}

/// Connects the first stream with `connect`, then runs `emit(obj, thread, seq)` for
/// [`per_thread`] items on each of [`THREADS`] threads while `consume` runs on another
/// thread with that stream and a weak reference to the emitter. The emitter is finalized on
/// whichever thread drops it last, which ends the stream connected then.
fn emitting<S: Send, R: Send>(
    connect: impl FnOnce(&Emitter) -> S,
    emit: impl Fn(&Emitter, u64, u64) + Sync,
    consume: impl FnOnce(S, glib::WeakRef<Emitter>) -> R + Send,
) -> R {
    let obj = Emitter::new();
    let first = connect(&obj);
    let weak = obj.downgrade();
    std::thread::scope(|scope| {
        let consumer = scope.spawn(move || consume(first, weak));
        let emit = &emit;
        for thread in 0..THREADS {
            let obj = obj.clone();
            scope.spawn(move || {
                for seq in 0..per_thread() {
                    emit(&obj, thread, seq);
                }
            });
        }
        drop(obj);
        consumer.join().unwrap()
    })
}

/// What one stream delivered, checked as it comes: each thread's items in order, the gaps
/// between them counted.
#[derive(Default)]
struct Seen {
    last: Vec<Option<u64>>,
    latest: Option<(usize, u64)>,
    gaps: u64,
    items: u64,
}

impl Seen {
    fn new() -> Self {
        Self {
            last: vec![None; THREADS as usize],
            ..Self::default()
        }
    }

    /// Takes `(thread, seq)`; `repeats`: whether the same item may come twice in a row (a
    /// property read twice at the same value).
    #[track_caller]
    fn take(&mut self, (thread, seq): (usize, u64), repeats: bool) {
        let last = &mut self.last[thread];
        if let Some(last) = *last {
            assert!(
                seq > last || (repeats && seq == last),
                "thread {thread}: item {seq} delivered after item {last}"
            );
            self.gaps += seq.saturating_sub(last + 1);
        }
        *last = Some(seq);
        self.latest = Some((thread, seq));
        self.items += 1;
    }

    /// The stream ended with the emitter's finalization, connected while the threads
    /// finished: every thread it saw must end at its last item. (A stream connected after
    /// some thread finished sees none of that thread's items.)
    #[track_caller]
    fn assert_ends_at_the_last_items(&self) {
        for (thread, last) in self.last.iter().enumerate() {
            if let Some(last) = last {
                assert_eq!(*last, per_thread() - 1, "thread {thread}'s last item");
            }
        }
    }
}

/// How the stream connected when the threads finished must end.
#[derive(Clone, Copy)]
enum End {
    /// With each thread's last item (every item is delivered).
    EachThreadsLast,
    /// With one thread's last item: the newest item, which a bounded policy keeps (it may
    /// discard the last items of the other threads), or a property's last value.
    LastItem,
}

/// The consumer of a stream form: takes [`chunk`] items from each stream and checks them
/// with [`Seen`] (`repeats`: whether an item may come twice in a row), connects the next stream through `weak` with `connect`, checks the one it
/// read with `check` (its dropped count against the gaps), and drops it; until a stream ends
/// (the emitter was finalized), which must end as `end` says. Returns how many streams it
/// used and how many items it took.
fn consume<S>(
    first: S,
    weak: glib::WeakRef<Emitter>,
    connect: impl Fn(&Emitter) -> S,
    end: End,
    repeats: bool,
    check: impl Fn(&S, &Seen),
) -> (u64, u64)
where
    S: Stream<Item = u64> + Unpin,
{
    let (mut stream, mut round, mut total) = (first, 0, 0);
    loop {
        let mut seen = Seen::new();
        let mut taken = 0;
        let next = loop {
            match block_on(stream.next()) {
                Some(n) => seen.take(decode(n), repeats),
                None => break None,
            }
            taken += 1;
            // Once the emitter is gone no stream can be connected: this one, connected
            // when the threads finished, is read to its end.
            if taken >= chunk(round) {
                if let Some(obj) = weak.upgrade() {
                    // Connected before this one is dropped: for a moment, both are.
                    break Some(connect(&obj));
                }
            }
        };
        check(&stream, &seen);
        total += seen.items;
        round += 1;
        match next {
            Some(next) => stream = next,
            None => {
                match end {
                    End::EachThreadsLast => seen.assert_ends_at_the_last_items(),
                    // (Connected after the last emission, it has none.)
                    End::LastItem => {
                        if let Some((thread, seq)) = seen.latest {
                            assert_eq!(seq, per_thread() - 1, "thread {thread}'s last item");
                        }
                    }
                }
                return (round, total);
            }
        }
    }
}

/// An unbounded stream loses nothing: no gap, nothing dropped.
fn no_gaps(dropped: u64, seen: &Seen) {
    assert_eq!(seen.gaps, 0, "items missing from an unbounded stream");
    assert_eq!(dropped, 0);
}

#[test]
fn plain_send_streams_lose_nothing_and_keep_each_threads_order() {
    let connect = |obj: &Emitter| {
        obj.signal_stream_builder("tick")
            .typed::<(u64,)>()
            .send()
            .build()
            .map(|(n,)| n)
    };
    let (streams, items) = emitting(
        connect,
        |obj, thread, seq| obj.tick(encode(thread, seq)),
        |first, weak| {
            consume(
                first,
                weak,
                connect,
                End::EachThreadsLast,
                false,
                |stream, seen| no_gaps(stream.get_ref().dropped_count(), seen),
            )
        },
    );
    assert!(items > 0, "{streams} streams, {items} items");
}

#[test]
fn bounded_send_streams_count_every_item_they_discard() {
    let connect = |obj: &Emitter| {
        obj.signal_stream_builder("tick")
            .policy(BufferPolicy::DropOldest(NonZeroUsize::new(8).unwrap()))
            .typed::<(u64,)>()
            .send()
            .build()
            .map(|(n,)| n)
    };
    let (streams, items) = emitting(
        connect,
        |obj, thread, seq| obj.tick(encode(thread, seq)),
        |first, weak| {
            consume(
                first,
                weak,
                connect,
                End::LastItem,
                false,
                |stream, seen| {
                    // Every gap is a discarded item; items discarded at the ends of a
                    // thread's run (before its first, after its last) show as no gap.
                    assert!(
                        seen.gaps <= stream.get_ref().dropped_count(),
                        "{} items missing, {} counted as dropped",
                        seen.gaps,
                        stream.get_ref().dropped_count()
                    );
                },
            )
        },
    );
    assert!(items > 0, "{streams} streams, {items} items");
}

#[test]
fn answered_send_streams_lose_nothing_and_keep_each_threads_order() {
    let connect = |obj: &Emitter| {
        obj.signal_stream_builder("ask")
            .typed::<(i32,)>()
            .answer(|&(n,)| n % 2 == 0)
            .send()
            .build()
            .map(|(n,)| {
                let n = n as u64;
                encode(n / per_thread(), n % per_thread())
            })
    };
    let (streams, items) = emitting(
        connect,
        |obj, thread, seq| {
            let n = (thread * per_thread() + seq) as i32;
            // Answered by the handler, or `false` while no stream is connected.
            let answer = obj.ask(n);
            assert!(!answer || n % 2 == 0, "answer {answer} to {n}");
        },
        |first, weak| {
            consume(
                first,
                weak,
                connect,
                End::EachThreadsLast,
                false,
                |stream, seen| no_gaps(stream.get_ref().dropped_count(), seen),
            )
        },
    );
    assert!(items > 0, "{streams} streams, {items} items");
}

#[test]
fn send_property_streams_keep_each_threads_order_and_end_at_the_last_value() {
    let connect = |obj: &Emitter| {
        obj.signal_stream_builder("notify::count")
            .property::<u64>()
            .send()
            .build()
    };
    let (streams, items) = emitting(
        connect,
        |obj, thread, seq| obj.set_count(encode(thread, seq)),
        |first, weak| {
            // A notification reads the property, which another thread may have set again:
            // values may repeat and skip (counted as dropped only when replaced in the
            // queue), never go back.
            consume(first, weak, connect, End::LastItem, true, |_, _| {})
        },
    );
    assert!(items > 0, "{streams} streams, {items} items");
}

#[test]
fn send_signal_futures_get_an_emission_made_after_they_were_connected() {
    let connect = |obj: &Emitter| {
        obj.signal_stream_builder("tick")
            .typed::<(u64,)>()
            .send()
            .future()
            .build()
    };
    let futures = emitting(
        connect,
        |obj, thread, seq| obj.tick(encode(thread, seq)),
        |first, weak| {
            // Futures one after the other: a later one never gets an earlier emission.
            let mut seen = Seen::new();
            let mut future = first;
            let mut resolved = 0u64;
            loop {
                match block_on(future) {
                    Some((n,)) => seen.take(decode(n), false),
                    None => return resolved,
                }
                resolved += 1;
                let Some(obj) = weak.upgrade() else {
                    return resolved;
                };
                future = connect(&obj);
            }
        },
    );
    assert!(futures > 0);
}
