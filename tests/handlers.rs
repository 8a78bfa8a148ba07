//! Synchronous handlers for any signal (the builder's `.handler(h)`, untyped and typed):
//! the handler acts inside the emission, and the items still reach the stream.

mod common;

use std::{cell::RefCell, rc::Rc};

use common::{block_on, Emitter};
use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::{prelude::*, ConnectErrorKind};

#[test]
fn handler_runs_inside_the_emission_of_a_void_signal() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let _stages = obj
        .signal_stream_builder("stage")
        .handler(move |_| {
            if let Some(obj) = weak.upgrade() {
                obj.record("handler");
            }
        })
        .build();
    assert_eq!(obj.stage(), ["handler", "class"]);
}

#[test]
fn items_still_reach_the_stream() {
    let obj = Emitter::new();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .handler({
            let seen = seen.clone();
            move |(n,)| seen.borrow_mut().push(*n)
        })
        .build();
    obj.tick(1);
    obj.tick(2);
    assert_eq!(*seen.borrow(), [1, 2]);
    drop(obj);
    assert_eq!(block_on(ticks.collect::<Vec<_>>()), [(1,), (2,)]);
}

#[test]
fn untyped_handler_sees_the_parameter_values() {
    let obj = Emitter::new();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let _triples = obj
        .signal_stream_builder("triple")
        .handler({
            let seen = seen.clone();
            move |params| seen.borrow_mut().push(params[1].get::<String>().unwrap())
        })
        .build();
    obj.triple(1, "one", false);
    assert_eq!(*seen.borrow(), ["one"]);
}

#[test]
fn handler_form_on_a_signal_with_a_return_value_is_refused() {
    let obj = Emitter::new();
    let err = obj
        .signal_stream_builder("ask")
        .handler(|_| ())
        .try_build()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{err:?}"
    );
    assert!(!obj.has_handler("ask"));
}

#[test]
fn typed_handler_form_checks_the_item_type() {
    let obj = Emitter::new();
    let err = obj
        .signal_stream_builder("tick")
        .typed::<(String,)>()
        .handler(|_| ())
        .try_build()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{err:?}"
    );
}

#[test]
fn application_activate_handler_runs_before_run_returns() {
    let app = gio::Application::new(None, gio::ApplicationFlags::NON_UNIQUE);
    let ran = Rc::new(RefCell::new(0));
    let activations = app
        .signal_stream_builder("activate")
        .handler({
            let ran = ran.clone();
            move |_| *ran.borrow_mut() += 1
        })
        .build();
    app.run_with_args::<&str>(&[]);
    assert_eq!(*ran.borrow(), 1);
    assert_eq!(activations.len(), 1);
}

#[test]
fn emission_from_inside_the_handler_is_queued_after_the_one_that_runs_it() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .handler(move |(n,)| {
            if *n == 1 {
                if let Some(obj) = weak.upgrade() {
                    obj.tick(2);
                }
            }
        })
        .build();
    obj.tick(1);
    drop(obj);
    // Queued in the order the emissions began, as the many builder's handler does.
    assert_eq!(block_on(ticks.collect::<Vec<_>>()), [(1,), (2,)]);
}

/// A stream connected only for its handler, detached in one call: the handler keeps running
/// with nobody draining the stream by hand, and the task ends with the emitter, which it
/// never holds.
#[test]
fn a_detached_handler_only_stream_keeps_its_handler_until_the_emitter_goes() {
    let context = glib::MainContext::new();
    context
        .with_thread_default(|| {
            let obj = Emitter::new();
            let seen = Rc::new(RefCell::new(Vec::new()));
            let task = obj
                .signal_stream_builder("tick")
                .typed::<(u64,)>()
                .handler({
                    let seen = seen.clone();
                    move |&(n,)| seen.borrow_mut().push(n)
                })
                .build()
                .detach();
            obj.tick(1);
            while context.iteration(false) {}
            obj.tick(2);
            assert_eq!(*seen.borrow(), [1, 2]);
            assert!(obj.has_handler("tick"));
            let weak = obj.downgrade();
            drop(obj);
            assert!(
                weak.upgrade().is_none(),
                "the task does not hold the emitter"
            );
            assert!(context.block_on(task).is_ok(), "the task ended");
        })
        .unwrap();
}
