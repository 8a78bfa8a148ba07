//! `SignalFuture`: the next emission, then done.

mod common;

use std::task::Poll;

use common::{block_on, poll_future_once, Emitter};
use futures::future::FusedFuture;
use glib_signal_stream::prelude::*;

#[test]
fn resolves_to_next_emission_arguments() {
    let obj = Emitter::new();
    let next_triple = obj.signal_future("triple");
    obj.triple(1, "one", false);
    let args = block_on(next_triple).unwrap();
    assert_eq!(args[0].get::<i32>().unwrap(), 1);
    assert_eq!(args[1].get::<String>().unwrap(), "one");
    assert!(!args[2].get::<bool>().unwrap());
}

#[test]
fn resolves_to_emission_that_happens_while_pending() {
    let obj = Emitter::new();
    let mut next_tick = obj.signal_future("tick");
    assert!(poll_future_once(&mut next_tick).is_pending());
    obj.tick(4);
    match poll_future_once(&mut next_tick) {
        Poll::Ready(Some(args)) => assert_eq!(args[0].get::<u64>().unwrap(), 4),
        other => panic!("expected the emission, got {other:?}"),
    }
}

#[test]
fn resolves_to_first_of_several_emissions() {
    let obj = Emitter::new();
    let next_tick = obj.signal_future("tick");
    obj.tick(1);
    obj.tick(2);
    let args = block_on(next_tick).unwrap();
    assert_eq!(args[0].get::<u64>().unwrap(), 1);
}

#[test]
fn disconnects_inside_the_emission_before_being_polled() {
    let obj = Emitter::new();
    let next_tick = obj.signal_future("tick");
    obj.tick(1);
    assert!(!obj.has_handler("tick"));
    assert!(!next_tick.is_connected());
}

#[test]
fn resolves_to_none_when_emitter_disposed_first() {
    let obj = Emitter::new();
    let next_tick = obj.signal_future("tick");
    drop(obj);
    assert!(block_on(next_tick).is_none());
}

#[test]
fn resolves_to_none_when_emitter_run_dispose_while_referenced() {
    let obj = Emitter::new();
    let next_tick = obj.signal_future("tick");
    obj.dispose_now();
    assert!(block_on(next_tick).is_none());
}

#[test]
fn dropping_pending_future_disconnects() {
    let obj = Emitter::new();
    let mut next_tick = obj.signal_future("tick");
    assert!(poll_future_once(&mut next_tick).is_pending());
    drop(next_tick);
    assert!(!obj.has_handler("tick"));
}

#[test]
fn is_terminated_after_resolving() {
    let obj = Emitter::new();
    let mut next_tick = obj.signal_future("tick");
    assert!(!next_tick.is_terminated());
    obj.tick(1);
    assert!(poll_future_once(&mut next_tick).is_ready());
    assert!(next_tick.is_terminated());
}

#[test]
fn typed_future_from_builder() {
    let obj = Emitter::new();
    let next_tick = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .future()
        .build();
    obj.tick(8);
    assert_eq!(block_on(next_tick), Some((8,)));
}
