//! Signals whose handlers return a value: refused by plain streams, answered synchronously by
//! a return-value handler whose items are still queued.

mod common;

use std::{cell::Cell, rc::Rc};

use common::{block_on, Emitter};
use futures::StreamExt;
use glib::prelude::*;
use glib_signal_stream::{prelude::*, ConnectErrorKind};

#[test]
fn plain_stream_on_signal_with_return_value_is_refused() {
    let obj = Emitter::new();
    let err = obj.try_connect_stream("ask").unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::NeedsReturnValue { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains(".answer(handler)"), "{err}");
}

#[test]
fn typed_stream_on_signal_with_return_value_is_refused() {
    let obj = Emitter::new();
    let err = obj.try_connect_stream_typed::<(i32,)>("ask").unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::NeedsReturnValue { .. }),
        "{err:?}"
    );
}

#[test]
fn refused_connection_leaves_no_handler() {
    let obj = Emitter::new();
    let _ = obj.try_connect_stream("ask");
    assert!(!obj.has_handler("ask"));
}

#[test]
fn bool_answer_reaches_emitter() {
    let obj = Emitter::new();
    let _asks = obj
        .signal_stream_builder("ask")
        .answer(|args| args[0].get::<i32>().unwrap() > 0)
        .build();
    assert!(obj.ask(1));
    assert!(!obj.ask(-1));
}

#[test]
fn propagation_answer_reaches_emitter_as_bool() {
    let obj = Emitter::new();
    let _asks = obj
        .signal_stream_builder("ask")
        .answer(|_| glib::Propagation::Stop)
        .build();
    assert!(obj.ask(0));
}

#[test]
fn propagation_proceed_answers_false() {
    let obj = Emitter::new();
    let _asks = obj
        .signal_stream_builder("ask")
        .answer(|_| glib::Propagation::Proceed)
        .build();
    assert!(!obj.ask(0));
}

#[test]
fn i32_answer_reaches_emitter() {
    let obj = Emitter::new();
    let _computes = obj
        .signal_stream_builder("compute")
        .answer(|args| args[0].get::<i32>().unwrap() * 2)
        .build();
    assert_eq!(obj.compute(21), 42);
}

#[test]
fn typed_handler_answer_reaches_emitter() {
    let obj = Emitter::new();
    let _computes = obj
        .signal_stream_builder("compute")
        .typed::<(i32,)>()
        .answer(|(n,)| n + 1)
        .build();
    assert_eq!(obj.compute(41), 42);
}

#[test]
fn answered_emissions_are_also_queued() {
    let obj = Emitter::new();
    let computes = obj
        .signal_stream_builder("compute")
        .typed::<(i32,)>()
        .answer(|(n,)| *n)
        .build();
    obj.compute(1);
    obj.compute(2);
    drop(obj);
    let items: Vec<(i32,)> = block_on(computes.collect());
    assert_eq!(items, [(1,), (2,)]);
}

#[test]
fn untyped_answered_emissions_are_also_queued() {
    let obj = Emitter::new();
    let mut asks = obj.signal_stream_builder("ask").answer(|_| true).build();
    obj.ask(7);
    let args = block_on(asks.next()).unwrap();
    assert_eq!(args[0].get::<i32>().unwrap(), 7);
}

#[test]
fn handler_runs_synchronously_inside_emission() {
    let obj = Emitter::new();
    let calls = Rc::new(Cell::new(0));
    let counted = calls.clone();
    let _asks = obj
        .signal_stream_builder("ask")
        .answer(move |_| {
            counted.set(counted.get() + 1);
            true
        })
        .build();
    obj.ask(1);
    assert_eq!(calls.get(), 1);
    obj.ask(2);
    assert_eq!(calls.get(), 2);
}

#[test]
fn handler_is_not_called_after_stream_dropped() {
    let obj = Emitter::new();
    let calls = Rc::new(Cell::new(0));
    let counted = calls.clone();
    let asks = obj
        .signal_stream_builder("ask")
        .answer(move |_| {
            counted.set(counted.get() + 1);
            true
        })
        .build();
    drop(asks);
    assert!(!obj.ask(1), "no handler: the default answer");
    assert_eq!(calls.get(), 0);
}

#[test]
fn unit_handler_on_void_signal_runs_inside_emission() {
    let obj = Emitter::new();
    let seen = Rc::new(Cell::new(0));
    let recorder = seen.clone();
    let _ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .answer(move |(n,)| {
            recorder.set(*n);
        })
        .build();
    obj.tick(9);
    assert_eq!(seen.get(), 9);
}

#[test]
fn answer_of_wrong_type_is_refused() {
    let obj = Emitter::new();
    let err = obj
        .signal_stream_builder("compute")
        .answer(|_| true)
        .try_build()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{err:?}"
    );
}

/// Guards issue 12, defect 5: a return-value handler that emits the same signal again used to
/// queue the inner emission's item first (`[2, 1]`): items are queued in the order the
/// emissions begin.
#[test]
fn items_are_queued_in_the_order_emissions_begin_when_the_handler_emits_again() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let asks = obj
        .signal_stream_builder("ask")
        .typed::<(i32,)>()
        .answer(move |&(n,)| {
            if n < 3 {
                if let Some(obj) = weak.upgrade() {
                    obj.ask(n + 1); // nested emissions: 2 inside 1, 3 inside 2
                }
            }
            true
        })
        .build();
    assert!(obj.ask(1));
    drop(obj);
    let items: Vec<i32> = block_on(asks.map(|(n,)| n).collect());
    assert_eq!(items, [1, 2, 3]);
}
