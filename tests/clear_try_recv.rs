//! `SignalStream::clear` (discard what is queued) and `SignalStream::try_recv` (the next
//! queued item without waiting).

mod common;

use common::{block_on, Emitter};
use futures::StreamExt;
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn clear_discards_the_queued_items_and_returns_how_many() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    for n in 0..3 {
        obj.tick(n);
    }
    assert_eq!(ticks.clear(), 3);
    assert!(ticks.is_empty());
    assert_eq!(ticks.clear(), 0);
}

#[test]
fn clear_keeps_the_stream_connected_for_later_emissions() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    ticks.clear();
    obj.tick(2);
    assert_eq!(block_on(ticks.next()), Some((2,)));
}

#[test]
fn cleared_items_are_not_counted_as_dropped() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    ticks.clear();
    assert_eq!(ticks.dropped_count(), 0);
}

#[test]
fn clear_drops_the_items_after_releasing_the_queue() {
    let obj = Emitter::new();
    let mut objects = obj.connect_stream_typed::<(glib::Object,)>("carry");
    let item = glib::Object::new::<glib::Object>();
    // Finalizing the cleared item emits into the same stream: it must find the queue free.
    item.add_weak_ref_notify_local({
        let obj = obj.clone();
        move || obj.emit_by_name::<()>("carry", &[&glib::Object::new::<glib::Object>()])
    });
    obj.emit_by_name::<()>("carry", &[&item]);
    drop(item);
    assert_eq!(objects.clear(), 1);
    assert_eq!(
        objects.len(),
        1,
        "the emission from the dropped item was queued"
    );
}

#[test]
fn try_recv_returns_the_queued_items_in_order_then_none() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    obj.tick(2);
    assert_eq!(ticks.try_recv(), Some((1,)));
    assert_eq!(ticks.try_recv(), Some((2,)));
    assert_eq!(ticks.try_recv(), None);
}

#[test]
fn try_recv_on_an_empty_queue_returns_none_at_once() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    // No main context runs here: a waiting call would hang the test.
    assert_eq!(ticks.try_recv(), None);
    obj.tick(3);
    assert_eq!(ticks.try_recv(), Some((3,)));
}
