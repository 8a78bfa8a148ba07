//! Dropping a stream or a future disconnects its handler at once.

mod common;

use common::Emitter;
use glib_signal_stream::prelude::*;

#[test]
fn dropping_stream_disconnects_handler() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream("tick");
    drop(ticks);
    assert!(!obj.has_handler("tick"));
}

#[test]
fn dropping_typed_stream_disconnects_handler() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    drop(ticks);
    assert!(!obj.has_handler("tick"));
}

#[test]
fn dropping_send_stream_disconnects_handler() {
    let obj = Emitter::new();
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();
    drop(ticks);
    assert!(!obj.has_handler("tick"));
}

#[test]
fn dropping_stream_with_return_disconnects_handler() {
    let obj = Emitter::new();
    let asks = obj.signal_stream_builder("ask").answer(|_| true).build();
    drop(asks);
    assert!(!obj.has_handler("ask"));
}

#[test]
fn dropping_stream_with_queued_items_disconnects_handler() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    obj.tick(2);
    drop(ticks);
    assert!(!obj.has_handler("tick"));
}

#[test]
fn dropping_pending_future_disconnects_handler() {
    let obj = Emitter::new();
    let next_tick = obj.signal_future("tick");
    assert!(obj.has_handler("tick"));
    drop(next_tick);
    assert!(!obj.has_handler("tick"));
}

#[test]
fn dropping_property_stream_disconnects_notify_handler() {
    let obj = Emitter::new();
    let levels = obj.property_stream::<i32>("level");
    drop(levels);
    assert!(!obj.has_handler("notify"));
}

#[test]
fn disconnect_keeps_queued_items_then_ends() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    ticks.disconnect();
    assert!(!obj.has_handler("tick"));
    assert!(!ticks.is_connected());
    obj.tick(2);
    let items: Vec<(u64,)> = common::block_on(futures::StreamExt::collect(ticks));
    assert_eq!(items, [(1,)]);
}
