//! Streams hold their emitter weakly, and end when it is disposed.

mod common;

use common::{block_on, Emitter, WakeCounter};
use std::task::{Context, Poll};

use futures::{stream::FusedStream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn stream_does_not_keep_emitter_alive() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let weak = obj.downgrade();
    drop(obj);
    assert!(weak.upgrade().is_none());
    drop(ticks);
}

#[test]
fn future_does_not_keep_emitter_alive() {
    let obj = Emitter::new();
    let next_tick = obj.signal_future("tick");
    let weak = obj.downgrade();
    drop(obj);
    assert!(weak.upgrade().is_none());
    drop(next_tick);
}

#[test]
fn property_stream_does_not_keep_emitter_alive() {
    let obj = Emitter::new();
    let levels = obj.property_stream::<i32>("level");
    let weak = obj.downgrade();
    drop(obj);
    assert!(weak.upgrade().is_none());
    drop(levels);
}

#[test]
fn queued_items_do_not_keep_emitter_alive() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream("tick");
    obj.tick(1);
    obj.tick(2);
    let weak = obj.downgrade();
    drop(obj);
    assert!(weak.upgrade().is_none());
    assert_eq!(ticks.len(), 2);
}

#[test]
fn stream_yields_queued_items_then_ends_when_emitter_dropped() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    obj.tick(2);
    drop(obj);
    block_on(async {
        assert_eq!(ticks.next().await, Some((1,)));
        assert_eq!(ticks.next().await, Some((2,)));
        assert_eq!(ticks.next().await, None);
    });
    assert!(ticks.is_terminated());
}

#[test]
fn stream_ends_when_emitter_run_dispose_while_referenced() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    obj.dispose_now();
    assert!(!ticks.is_connected());
    block_on(async {
        assert_eq!(ticks.next().await, Some((1,)));
        assert_eq!(ticks.next().await, None);
    });
    assert!(ticks.is_terminated());
    // `obj` is still a valid reference here; it just has no handlers.
    assert!(!obj.has_handler("tick"));
}

#[test]
fn pending_stream_is_woken_and_ends_when_emitter_disposed() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let (wakes, waker) = WakeCounter::waker();
    let mut cx = Context::from_waker(&waker);

    assert!(ticks.poll_next_unpin(&mut cx).is_pending());
    drop(obj);
    assert_ne!(wakes.wakes(), 0, "the consumer was not woken");
    assert_eq!(ticks.poll_next_unpin(&mut cx), Poll::Ready(None));
}

#[test]
fn stream_is_not_terminated_before_it_ends() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    block_on(ticks.next());
    assert!(!ticks.is_terminated());
    assert!(ticks.is_connected());
}

#[test]
fn emitter_accessor_is_none_after_dispose() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream("tick");
    assert_eq!(
        ticks.emitter().as_ref(),
        Some(obj.upcast_ref::<glib::Object>())
    );
    drop(obj);
    assert!(ticks.emitter().is_none());
}

#[test]
fn future_resolves_to_none_when_emitter_disposed() {
    let obj = Emitter::new();
    let next_tick = obj.signal_future("tick");
    drop(obj);
    assert!(block_on(next_tick).is_none());
}

#[test]
fn stream_connected_after_run_dispose_disconnects_on_drop() {
    // Disposal empties every weak reference to the emitter; a stream connected afterwards
    // (the emitter still referenced) must still be able to disconnect its handler.
    let obj = Emitter::new();
    let before = obj.connect_stream("ping");
    obj.dispose_now();
    drop(before);

    let after = obj.connect_stream("ping");
    assert!(after.is_connected());
    assert!(obj.has_handler("ping"));
    drop(after);
    assert!(!obj.has_handler("ping"));
}
