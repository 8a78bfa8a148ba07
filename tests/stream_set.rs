//! `StreamSet`: a merged stream whose set of streams grows while it is polled.

mod common;

use std::task::Poll;

use common::{block_on, poll_once, Emitter};
use futures::{stream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::StreamSet;

#[test]
fn set_yields_the_items_of_every_inserted_stream() {
    let a = Emitter::new();
    let b = Emitter::new();
    let mut set = StreamSet::new();
    let handle = set.handle();
    handle.insert(a.ticks());
    handle.insert(b.ticks());
    block_on(async {
        a.tick(1);
        assert_eq!(set.next().await, Some(1));
        b.tick(2);
        assert_eq!(set.next().await, Some(2));
    });
}

#[test]
fn set_keeps_each_streams_order() {
    let a = Emitter::new();
    let b = Emitter::new();
    let mut set = StreamSet::new();
    set.insert(a.ticks());
    set.insert(b.ticks());
    for n in 1..=3 {
        a.tick(n);
        b.tick(10 + n);
    }
    drop((a, b));
    let items = block_on(set.collect::<Vec<_>>());
    let from_a: Vec<_> = items.iter().filter(|&&n| n < 10).collect();
    let from_b: Vec<_> = items.iter().filter(|&&n| n > 10).collect();
    assert_eq!(from_a, [&1, &2, &3]);
    assert_eq!(from_b, [&11, &12, &13]);
}

#[test]
fn a_busy_stream_does_not_starve_the_others() {
    let mut set = StreamSet::new();
    set.insert(stream::repeat(1));
    set.insert(stream::repeat(2));
    let first: Vec<_> = block_on(set.by_ref().take(4).collect());
    assert!(first.contains(&1) && first.contains(&2), "{first:?}");
}

#[test]
fn stream_inserted_from_a_signal_handler_is_polled() {
    let rows = Emitter::new();
    let row = Emitter::new();
    let mut set = StreamSet::new();
    let handle = set.handle();
    // As a ListBox's create-row function would: a callback inserts the new row's stream.
    rows.connect_local("ping", false, {
        let row = row.clone();
        move |_| {
            handle.insert(row.ticks());
            None
        }
    });
    block_on(async {
        assert_eq!(futures::poll!(set.next()), Poll::Pending);
        rows.ping();
        row.tick(5);
        assert_eq!(set.next().await, Some(5));
    });
}

#[test]
fn stream_inserted_while_the_set_waits_wakes_it() {
    let mut set = StreamSet::new();
    let handle = set.handle();
    let items = block_on(async {
        let waiting = set.next();
        // Inserted from a task once the set is waiting on an empty set.
        glib::MainContext::ref_thread_default().spawn_local(async move {
            handle.insert(stream::iter([42]));
        });
        waiting.await
    });
    assert_eq!(items, Some(42));
}

#[test]
fn ended_stream_leaves_the_set_and_is_dropped() {
    let row = Emitter::new();
    let held = glib::Object::new::<glib::Object>();
    let held_weak = held.downgrade();
    let mut set = StreamSet::new();
    let _handle = set.handle();
    // The stream holds `held`, as a row's stream holds what its closure captured.
    set.insert(row.ticks().map(move |n| {
        let _ = &held;
        n
    }));
    row.tick(1);
    row.dispose_now(); // the row is removed: its stream ends
    block_on(async {
        assert_eq!(set.next().await, Some(1));
        assert_eq!(futures::poll!(set.next()), Poll::Pending);
    });
    assert_eq!(set.len(), 0);
    assert!(held_weak.upgrade().is_none());
}

#[test]
fn set_waits_while_a_handle_lives() {
    let mut set = StreamSet::new();
    let handle = set.handle();
    set.insert(stream::iter([1]));
    block_on(async {
        assert_eq!(set.next().await, Some(1));
        assert_eq!(futures::poll!(set.next()), Poll::Pending);
    });
    drop(handle);
}

#[test]
fn set_ends_once_every_handle_is_dropped_and_every_stream_ended() {
    let obj = Emitter::new();
    let mut set = StreamSet::new();
    let handle = set.handle();
    let clone = handle.clone();
    handle.insert(obj.ticks());
    drop(handle);
    block_on(async {
        obj.tick(1);
        assert_eq!(set.next().await, Some(1));
        drop(clone);
        // A stream still runs: not the end yet.
        assert_eq!(futures::poll!(set.next()), Poll::Pending);
        drop(obj);
        assert_eq!(set.next().await, None);
    });
    assert!(futures::stream::FusedStream::is_terminated(&set));
}

#[test]
fn dropping_the_last_handle_ends_a_waiting_empty_set() {
    let mut set = StreamSet::<u64>::new();
    let handle = set.handle();
    block_on(async {
        assert_eq!(futures::poll!(set.next()), Poll::Pending);
        glib::MainContext::ref_thread_default().spawn_local(async move { drop(handle) });
        assert_eq!(set.next().await, None);
    });
}

#[test]
fn insert_after_the_set_is_dropped_drops_the_stream() {
    let set = StreamSet::new();
    let handle = set.handle();
    drop(set);
    let held = glib::Object::new::<glib::Object>();
    let held_weak = held.downgrade();
    handle.insert(stream::iter([held]));
    assert!(!handle.is_set_alive());
    assert!(held_weak.upgrade().is_none());
}

#[test]
fn set_and_handle_are_debug_without_debug_items_and_show_their_state() {
    struct Opaque;
    let mut set = StreamSet::new();
    let handle = set.handle();
    set.insert(stream::iter([Opaque]));
    assert_eq!(
        format!("{set:?}"),
        "StreamSet { streams: 1, handles: 1, done: false }"
    );
    assert_eq!(format!("{handle:?}"), "StreamSetHandle { set_alive: true }");
}

/// A member ends while the set polls after another member's item: every other member is
/// still polled in that pass, so an item queued meanwhile is not left waiting for a wake-up
/// that never comes (the member that yielded registered no waker).
#[test]
fn a_member_ending_does_not_hide_another_members_item() {
    let (a, b, c) = (Emitter::new(), Emitter::new(), Emitter::new());
    let mut set = StreamSet::new();
    for emitter in [&a, &b, &c] {
        set.insert(emitter.ticks());
    }
    assert_eq!(poll_once(&mut set), Poll::Pending);
    b.tick(1);
    assert_eq!(poll_once(&mut set), Poll::Ready(Some(1)));
    drop(a); // its stream ends
    b.tick(2);
    assert_eq!(poll_once(&mut set), Poll::Ready(Some(2)));
    assert_eq!(set.len(), 2);
    drop((b, c));
    assert_eq!(poll_once(&mut set), Poll::Ready(None));
}
