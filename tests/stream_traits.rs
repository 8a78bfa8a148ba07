//! `SignalStream` is a `Stream`, `FusedStream` and `Unpin`, with an exact `size_hint` and a
//! `Debug` that does not need `T: Debug`.

mod common;

use common::{block_on, Emitter, Token};
use futures::{
    stream::{FusedStream, Stream},
    StreamExt,
};
use glib::prelude::*;
use glib_signal_stream::{prelude::*, SendSignalStream, SignalStream};

fn assert_stream<S: Stream + FusedStream + Unpin>(_: &S) {}

#[test]
fn signal_stream_is_fused_unpin_stream() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    assert_stream(&ticks);
    let untyped = obj.connect_stream("tick");
    assert_stream(&untyped);
}

#[test]
fn send_signal_stream_is_send_fused_unpin_stream() {
    fn assert_send<S: Send>(_: &S) {}
    let obj = Emitter::new();
    let ticks: SendSignalStream<(u64,), Emitter> =
        obj.signal_stream_builder("tick").typed().send().build();
    assert_stream(&ticks);
    assert_send(&ticks);
}

#[test]
fn size_hint_counts_queued_items_with_no_upper_bound_while_connected() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    obj.tick(2);
    assert_eq!(ticks.size_hint(), (2, None));
}

#[test]
fn size_hint_is_exact_once_emitter_disposed() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(1);
    obj.tick(2);
    drop(obj);
    assert_eq!(ticks.size_hint(), (2, Some(2)));
}

#[test]
fn size_hint_is_zero_once_terminated() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    drop(obj);
    assert_eq!(block_on(ticks.next()), None);
    assert_eq!(ticks.size_hint(), (0, Some(0)));
}

#[test]
fn terminated_stream_keeps_returning_none() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    drop(obj);
    assert_eq!(block_on(ticks.next()), None);
    assert_eq!(block_on(ticks.next()), None);
    assert!(ticks.is_terminated());
}

#[test]
fn debug_needs_no_debug_items_and_shows_queued_count() {
    let obj = Emitter::new();
    let tokens: SignalStream<(Token,)> = obj.connect_stream_typed("token");
    for n in 0..3 {
        obj.emit_by_name::<()>("token", &[&Token(n)]);
    }
    let debug = format!("{tokens:?}");
    assert!(debug.starts_with("SignalStream"), "{debug}");
    assert!(debug.contains("queued: 3"), "{debug}");
}

#[test]
fn usable_in_select_macro() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    let mut pings = obj.connect_stream_typed::<()>("ping");
    obj.ping();
    let got = block_on(async {
        futures::select! {
            tick = ticks.next() => format!("tick {tick:?}"),
            ping = pings.next() => format!("ping {ping:?}"),
        }
    });
    assert_eq!(got, "ping Some(())");
}
