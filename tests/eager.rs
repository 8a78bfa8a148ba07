//! Streams connect eagerly and lose nothing: emissions before the first poll are queued in
//! order, and the default buffer is unbounded.

mod common;

use common::{block_on, Emitter};
use futures::StreamExt;
use glib_signal_stream::{prelude::*, BufferPolicy};

#[test]
fn emission_before_first_poll_is_delivered() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(7);
    assert_eq!(block_on(ticks.next()), Some((7,)));
}

#[test]
fn handler_is_connected_when_connect_returns() {
    let obj = Emitter::new();
    let _ticks = obj.connect_stream("tick");
    assert!(obj.has_handler("tick"));
}

#[test]
fn untyped_items_are_the_parameters_without_the_emitter() {
    let obj = Emitter::new();
    let mut triples = obj.connect_stream("triple");
    obj.triple(3, "three", true);
    let args = block_on(triples.next()).unwrap();
    assert_eq!(args.len(), 3);
    assert_eq!(args[0].get::<i32>().unwrap(), 3);
    assert_eq!(args[1].get::<String>().unwrap(), "three");
    assert!(args[2].get::<bool>().unwrap());
}

#[test]
fn items_arrive_in_emission_order() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    for n in [5, 3, 9, 1] {
        obj.tick(n);
    }
    drop(obj);
    let items: Vec<u64> = block_on(ticks.map(|(n,)| n).collect());
    assert_eq!(items, [5, 3, 9, 1]);
}

#[test]
fn default_policy_is_unbounded() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    assert_eq!(ticks.policy(), BufferPolicy::Unbounded);
}

#[test]
fn million_emissions_before_first_poll_all_arrive_in_order() {
    const COUNT: u64 = 1_000_000;
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    for n in 0..COUNT {
        obj.tick(n);
    }
    assert_eq!(ticks.len(), COUNT as usize);
    assert_eq!(ticks.dropped_count(), 0);
    drop(obj);

    let mut expected = 0;
    block_on(ticks.for_each(|(n,)| {
        assert_eq!(n, expected, "item out of order or lost");
        expected += 1;
        futures::future::ready(())
    }));
    assert_eq!(expected, COUNT);
}

#[test]
fn emissions_between_polls_are_queued() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    assert_eq!(block_on(ticks.next()), Some((1,)));
    obj.tick(2);
    obj.tick(3);
    assert_eq!(ticks.len(), 2);
    assert_eq!(block_on(ticks.next()), Some((2,)));
    assert_eq!(block_on(ticks.next()), Some((3,)));
}
