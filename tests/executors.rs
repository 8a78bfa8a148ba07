//! Signal streams run on glib's `MainContext` executor and compose with `futures`
//! combinators and `select!`.

mod common;

use std::time::Duration;

use common::{block_on, Emitter};
use futures::{stream, FutureExt, StreamExt};
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn consumed_by_task_spawned_on_main_context() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let context = glib::MainContext::new();
    let consumer = context.spawn_local(ticks.map(|(n,)| n).take(3).collect::<Vec<_>>());
    for n in 1..=3 {
        obj.tick(n);
    }
    assert_eq!(context.block_on(consumer).unwrap(), [1, 2, 3]);
}

#[test]
fn consumed_by_spawn_future_local_while_another_task_emits() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let items = block_on(async move {
        let consumer = glib::spawn_future_local(ticks.map(|(n,)| n).collect::<Vec<_>>());
        glib::spawn_future_local(async move {
            // Let the consumer wait on an empty queue first.
            glib::timeout_future(Duration::ZERO).await;
            obj.tick(1);
            obj.tick(2);
            drop(obj); // the stream ends
        });
        consumer.await.unwrap()
    });
    assert_eq!(items, [1, 2]);
}

#[test]
fn map_filter_take_combinators() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    for n in 0..10 {
        obj.tick(n);
    }
    let odd_squares: Vec<u64> = block_on(
        ticks
            .map(|(n,)| n)
            .filter(|n| futures::future::ready(n % 2 == 1))
            .map(|n| n * n)
            .take(3)
            .collect(),
    );
    assert_eq!(odd_squares, [1, 9, 25]);
}

#[test]
fn zip_pairs_two_signal_streams() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let labels = obj.connect_stream_typed::<(String,)>("changed");
    obj.tick(1);
    obj.emit_by_name::<()>("changed", &[&"one"]);
    obj.tick(2);
    obj.emit_by_name::<()>("changed", &[&"two"]);
    drop(obj);
    let pairs: Vec<(u64, String)> =
        block_on(ticks.zip(labels).map(|((n,), (s,))| (n, s)).collect());
    assert_eq!(pairs, [(1, "one".to_owned()), (2, "two".to_owned())]);
}

#[test]
fn select_combinator_merges_two_signal_streams() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick").map(|(n,)| n);
    let pings = obj.connect_stream_typed::<()>("ping").map(|()| 0);
    obj.tick(1);
    obj.ping();
    obj.tick(2);
    drop(obj);
    let mut merged: Vec<u64> = block_on(stream::select(ticks, pings).collect());
    merged.sort_unstable();
    assert_eq!(merged, [0, 1, 2]);
}

#[test]
fn select_macro_takes_the_stream_that_fired() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let mut pings = obj.connect_stream_typed::<()>("ping");
    obj.tick(5);
    let fired = block_on(async {
        futures::select! {
            tick = ticks.next() => Some(tick),
            _ = pings.next() => None,
        }
    });
    assert_eq!(fired, Some(Some((5,))));
}

#[test]
fn select_macro_takes_the_timeout_when_no_stream_fires() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let mut pings = obj.connect_stream_typed::<()>("ping");
    let timed_out = block_on(async {
        let mut timeout = glib::timeout_future(Duration::from_millis(10)).fuse();
        futures::select! {
            _ = ticks.next() => false,
            _ = pings.next() => false,
            () = timeout => true,
        }
    });
    assert!(timed_out);
    assert!(ticks.is_connected() && pings.is_connected());
}

#[test]
fn select_macro_loop_drains_both_streams_until_complete() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let mut pings = obj.connect_stream_typed::<()>("ping");
    obj.tick(1);
    obj.ping();
    obj.tick(2);
    drop(obj);
    let (tick_count, ping_count) = block_on(async {
        let (mut tick_count, mut ping_count) = (0, 0);
        loop {
            futures::select! {
                tick = ticks.next() => if tick.is_some() { tick_count += 1 },
                ping = pings.next() => if ping.is_some() { ping_count += 1 },
                complete => break,
            }
        }
        (tick_count, ping_count)
    });
    assert_eq!((tick_count, ping_count), (2, 1));
}
