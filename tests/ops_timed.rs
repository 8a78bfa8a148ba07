//! The operators timed by GLib (`debounce`, `throttle`, `map_latest`, `idle_timeout`), on a
//! real main context.
//!
//! No test measures time: each emits a burst synchronously (all of it queued before the
//! operator sees any), then awaits what comes out, and asserts the items and their order.
//! The periods are short so the tests are quick; `block_on`'s safety timeout only stops a
//! test that would hang.

mod common;

use std::{
    cell::RefCell,
    pin::Pin,
    rc::Rc,
    task::{Context, Poll},
    time::Duration,
};

use common::{block_on, poll_once, Emitter, WakeCounter, SAFETY_TIMEOUT};
use futures::{future, stream, StreamExt};
use glib_signal_stream::prelude::*;

const SHORT: Duration = Duration::from_millis(20);
/// A throttle period long enough that the test's next poll comes inside it even on a busy
/// machine: the items that poll drains are certain to fall in the period.
const PERIOD: Duration = Duration::from_secs(1);

fn burst(obj: &Emitter, items: std::ops::RangeInclusive<u64>) {
    for n in items {
        obj.tick(n);
    }
}

// debounce

#[test]
fn debounce_yields_only_the_last_item_of_a_burst() {
    let obj = Emitter::new();
    let mut debounced = obj.ticks().debounce(SHORT);
    burst(&obj, 1..=5);
    assert_eq!(block_on(debounced.next()), Some(5));
}

#[test]
fn debounce_yields_one_item_per_burst_in_order() {
    let obj = Emitter::new();
    let mut debounced = obj.ticks().debounce(SHORT);
    block_on(async {
        burst(&obj, 1..=3);
        assert_eq!(debounced.next().await, Some(3));
        burst(&obj, 4..=6);
        assert_eq!(debounced.next().await, Some(6));
    });
}

#[test]
fn debounce_flushes_the_waiting_item_when_the_stream_ends() {
    let obj = Emitter::new();
    // An hour: the item can only come out through the flush.
    let debounced = obj.ticks().debounce(Duration::from_secs(3600));
    burst(&obj, 1..=3);
    drop(obj); // disposed: the stream ends after its queued items
    assert_eq!(block_on(debounced.collect::<Vec<_>>()), [3]);
}

/// Polls `stream` on a new main context, then runs that context until the stream's task is
/// woken (or [`SAFETY_TIMEOUT`] passes): whether something on that context woke it.
fn woken_from_a_new_context<S: futures::Stream + Unpin>(stream: &mut S) -> bool {
    let context = glib::MainContext::new();
    context
        .with_thread_default(|| {
            let (counter, waker) = WakeCounter::waker();
            let polled = Pin::new(&mut *stream).poll_next(&mut Context::from_waker(&waker));
            assert!(polled.is_pending());
            let safety =
                glib::timeout_source_new(SAFETY_TIMEOUT, None, glib::Priority::DEFAULT, || {
                    glib::ControlFlow::Break
                });
            safety.attach(Some(&context));
            while counter.wakes() == 0 && !safety.is_destroyed() {
                context.iteration(true);
            }
            safety.destroy();
            counter.wakes() > 0
        })
        .unwrap()
}

/// Armed while polled on one main context, then polled on another (as a `Send` stream
/// moved to another thread's context is): the timer follows it to the context that runs.
#[test]
fn a_timed_operator_polled_on_another_main_context_moves_its_timer_there() {
    let obj = Emitter::new();

    let mut debounced = obj.ticks().debounce(PERIOD);
    obj.tick(1);
    glib::MainContext::new().block_on(async {
        assert_eq!(poll_once(&mut debounced), Poll::Pending); // armed there
    });
    assert!(woken_from_a_new_context(&mut debounced), "debounce");
    assert_eq!(block_on(debounced.next()), Some(1));

    let mut throttled = obj.ticks().throttle(PERIOD);
    obj.tick(2);
    obj.tick(3);
    glib::MainContext::new().block_on(async {
        assert_eq!(throttled.next().await, Some(2));
        assert_eq!(poll_once(&mut throttled), Poll::Pending); // armed there
    });
    assert!(woken_from_a_new_context(&mut throttled), "throttle");
    assert_eq!(block_on(throttled.next()), Some(3));

    let mut idle = obj.ticks().idle_timeout(PERIOD);
    glib::MainContext::new().block_on(async {
        assert_eq!(poll_once(&mut idle), Poll::Pending); // armed there
    });
    assert!(woken_from_a_new_context(&mut idle), "idle_timeout");
    assert_eq!(block_on(idle.next()), Some(None));
}

/// Polled on `futures::executor` (which pushes no main context) on a worker thread, a
/// debounced `Send` stream is timed on the global default context, which the main thread
/// runs, as an application's main loop does.
#[test]
fn a_timed_operator_on_futures_executor_is_timed_by_the_default_context() {
    let obj = Emitter::new();
    let mut debounced = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build()
        .debounce(SHORT);
    obj.tick(1);
    let (sent, received) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        sent.send(futures::executor::block_on(debounced.next()))
            .unwrap();
        glib::MainContext::default().wakeup(); // the main thread's iteration returns
    });
    let context = glib::MainContext::default();
    let _running = context
        .acquire()
        .expect("no other test runs the default context");
    let safety = glib::timeout_source_new(SAFETY_TIMEOUT, None, glib::Priority::DEFAULT, || {
        glib::ControlFlow::Break
    });
    safety.attach(Some(&context));
    let item = loop {
        if let Ok(item) = received.try_recv() {
            break item;
        }
        assert!(
            !safety.is_destroyed(),
            "timed out waiting for the debounced item"
        );
        context.iteration(true);
    };
    safety.destroy();
    worker.join().unwrap();
    assert_eq!(item, Some((1,)));
}

#[test]
fn debounce_of_an_empty_stream_ends() {
    let debounced = stream::empty::<u64>().debounce(SHORT);
    assert_eq!(block_on(debounced.collect::<Vec<_>>()), Vec::<u64>::new());
}

#[test]
fn debounce_is_terminated_after_the_end() {
    use futures::stream::FusedStream;
    let mut debounced = stream::iter([1]).debounce(SHORT);
    assert!(!debounced.is_terminated());
    assert_eq!(block_on(debounced.by_ref().collect::<Vec<_>>()), [1]);
    assert!(debounced.is_terminated());
}

/// The id the thread-default context gives to the next source attached: ids are handed out
/// in sequence, so the difference between two probes counts the sources attached between them.
fn next_source_id() -> u32 {
    let probe = glib::idle_source_new(None, glib::Priority::DEFAULT, || glib::ControlFlow::Break);
    let id = probe.attach(Some(&glib::MainContext::ref_thread_default()));
    probe.destroy();
    id.as_raw()
}

#[test]
fn debounce_rearms_its_one_timer_source_for_every_burst() {
    let obj = Emitter::new();
    let mut debounced = obj.ticks().debounce(SHORT);
    block_on(async {
        // The first burst attaches the timer (and the test's own sources are attached by now).
        burst(&obj, 1..=3);
        assert_eq!(debounced.next().await, Some(3));
        let before = next_source_id();
        for n in [10, 20, 30] {
            burst(&obj, n..=n + 2);
            assert_eq!(debounced.next().await, Some(n + 2));
        }
        // Only the second probe was attached in between: no new timer source.
        assert_eq!(next_source_id(), before + 1);
    });
}

// throttle

#[test]
fn throttle_yields_the_first_item_of_a_burst_and_the_last_at_the_end_of_the_period() {
    let obj = Emitter::new();
    let mut throttled = obj.ticks().throttle(PERIOD);
    block_on(async {
        burst(&obj, 1..=5);
        assert_eq!(throttled.next().await, Some(1));
        assert_eq!(throttled.next().await, Some(5));
    });
}

#[test]
fn throttle_trailing_item_starts_a_new_period() {
    let obj = Emitter::new();
    let mut throttled = obj.ticks().throttle(PERIOD);
    block_on(async {
        burst(&obj, 1..=3);
        assert_eq!(throttled.next().await, Some(1));
        assert_eq!(throttled.next().await, Some(3));
        // Emitted as soon as 3 came out: inside the period 3 started, so 4 is not yielded at
        // once but replaced by 5, the latest of that period.
        burst(&obj, 4..=5);
        assert_eq!(throttled.next().await, Some(5));
    });
}

#[test]
fn throttle_yields_a_lone_item_once() {
    let obj = Emitter::new();
    let mut throttled = obj.ticks().throttle(SHORT);
    block_on(async {
        obj.tick(1);
        assert_eq!(throttled.next().await, Some(1));
        // The period ends with no trailing item; the next burst starts afresh.
        glib::timeout_future(SHORT * 2).await;
        burst(&obj, 2..=3);
        assert_eq!(throttled.next().await, Some(2));
        assert_eq!(throttled.next().await, Some(3));
    });
}

#[test]
fn throttle_holds_items_back_until_the_period_ends() {
    let obj = Emitter::new();
    let mut throttled = obj.ticks().throttle(Duration::from_secs(3600));
    block_on(async {
        burst(&obj, 1..=3);
        assert_eq!(throttled.next().await, Some(1));
        // Within the hour-long period, nothing more comes out.
        assert_eq!(futures::poll!(throttled.next()), std::task::Poll::Pending);
    });
}

#[test]
fn throttle_yields_the_trailing_item_at_once_when_the_stream_ends() {
    let obj = Emitter::new();
    let throttled = obj.ticks().throttle(Duration::from_secs(3600));
    burst(&obj, 1..=4);
    drop(obj);
    assert_eq!(block_on(throttled.collect::<Vec<_>>()), [1, 4]);
}

// map_latest

/// Records when it is dropped before completing: a cancelled search.
struct Cancelled(Rc<RefCell<Vec<String>>>, u64, bool);

impl Drop for Cancelled {
    fn drop(&mut self) {
        if !self.2 {
            self.0.borrow_mut().push(format!("cancelled {}", self.1));
        }
    }
}

#[test]
fn map_latest_yields_each_output_when_the_next_item_comes_after_it() {
    let obj = Emitter::new();
    let mut results = std::pin::pin!(obj.ticks().map_latest(|n| async move {
        glib::timeout_future(SHORT).await;
        n * 10
    }));
    block_on(async {
        for n in 1..=3 {
            obj.tick(n);
            assert_eq!(results.next().await, Some(n * 10));
        }
    });
}

#[test]
fn map_latest_runs_only_the_latest_of_the_items_already_queued() {
    let started = Rc::new(RefCell::new(Vec::new()));
    let results = stream::iter(1..=5).map_latest({
        let started = started.clone();
        move |n| {
            started.borrow_mut().push(n);
            async move { n * 10 }
        }
    });
    assert_eq!(block_on(results.collect::<Vec<_>>()), [50]);
    assert_eq!(*started.borrow(), [5], "a future only for the latest item");
}

#[test]
fn map_latest_cancels_the_running_future_when_an_item_comes() {
    let obj = Emitter::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    let results = obj.ticks().map_latest({
        let log = log.clone();
        move |n| {
            let log = log.clone();
            async move {
                log.borrow_mut().push(format!("start {n}"));
                let mut guard = Cancelled(log.clone(), n, false);
                // Long enough that only a newer item ends it, for every item but the last.
                glib::timeout_future(if n == 3 {
                    SHORT
                } else {
                    Duration::from_secs(3600)
                })
                .await;
                guard.2 = true;
                n * 10
            }
        }
    });
    let mut results = std::pin::pin!(results);
    block_on(async {
        obj.tick(1);
        // The first future starts and waits.
        assert_eq!(futures::poll!(results.next()), std::task::Poll::Pending);
        obj.tick(2);
        obj.tick(3);
        assert_eq!(results.next().await, Some(30));
    });
    assert_eq!(
        *log.borrow(),
        // 2 never started: it was replaced by 3 before the stream was polled again.
        ["start 1", "cancelled 1", "start 3"]
    );
}

#[test]
fn map_latest_ends_once_the_stream_has_ended_and_the_last_future_completed() {
    let results = stream::iter([1, 2]).map_latest(|n| async move {
        glib::timeout_future(SHORT).await;
        n
    });
    assert_eq!(block_on(results.collect::<Vec<_>>()), [2]);
}

#[test]
fn map_latest_drops_the_running_future_when_dropped() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut results = Box::pin(stream::iter([7]).chain(stream::pending()).map_latest({
        let log = log.clone();
        move |n| {
            let guard = Cancelled(log.clone(), n, false);
            async move {
                let _guard = guard;
                future::pending::<()>().await
            }
        }
    }));
    block_on(async { assert_eq!(futures::poll!(results.next()), std::task::Poll::Pending) });
    drop(results);
    assert_eq!(*log.borrow(), ["cancelled 7"]);
}

// idle_timeout

#[test]
fn idle_timeout_yields_none_once_per_quiet_spell() {
    let obj = Emitter::new();
    let mut events = obj.ticks().idle_timeout(SHORT);
    block_on(async {
        // Quiet from the first poll on.
        assert_eq!(events.next().await, Some(None));
        burst(&obj, 1..=2);
        assert_eq!(events.next().await, Some(Some(1)));
        assert_eq!(events.next().await, Some(Some(2)));
        assert_eq!(events.next().await, Some(None));
        obj.tick(3);
        // One `None` per spell: the next event is the item, not a second `None`.
        assert_eq!(events.next().await, Some(Some(3)));
    });
}

#[test]
fn idle_timeout_ends_with_the_stream() {
    let obj = Emitter::new();
    let events = obj.ticks().idle_timeout(Duration::from_secs(3600));
    burst(&obj, 1..=2);
    drop(obj);
    assert_eq!(block_on(events.collect::<Vec<_>>()), [Some(1), Some(2)]);
}

#[test]
fn operators_are_debug_without_debug_items() {
    struct Opaque;
    let items = || stream::iter([Opaque]);
    let shown = format!(
        "{:?} {:?} {:?} {:?}",
        items().debounce(SHORT),
        items().throttle(SHORT),
        items().map_latest(|_| future::ready(Opaque)),
        items().idle_timeout(SHORT),
    );
    assert!(
        shown.contains("Debounce") && shown.contains("MapLatest"),
        "{shown}"
    );
}
