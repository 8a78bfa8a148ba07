//! Synchronous handlers for any signal (`connect_stream_with`, `connect_stream_typed_with`):
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
    let _stages = obj.connect_stream_with("stage", move |_| {
        if let Some(obj) = weak.upgrade() {
            obj.record("handler");
        }
    });
    assert_eq!(obj.stage(), ["handler", "class"]);
}

#[test]
fn items_still_reach_the_stream() {
    let obj = Emitter::new();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let ticks = obj.connect_stream_typed_with::<(u64,), _>("tick", {
        let seen = seen.clone();
        move |(n,)| seen.borrow_mut().push(*n)
    });
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
    let _triples = obj.connect_stream_with("triple", {
        let seen = seen.clone();
        move |params| seen.borrow_mut().push(params[1].get::<String>().unwrap())
    });
    obj.triple(1, "one", false);
    assert_eq!(*seen.borrow(), ["one"]);
}

#[test]
fn handler_form_on_a_signal_with_a_return_value_is_refused() {
    let obj = Emitter::new();
    let err = obj.try_connect_stream_with("ask", |_| ()).unwrap_err();
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
        .try_connect_stream_typed_with::<(String,), _>("tick", |_| ())
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
    let activations = app.connect_stream_with("activate", {
        let ran = ran.clone();
        move |_| *ran.borrow_mut() += 1
    });
    app.run_with_args::<&str>(&[]);
    assert_eq!(*ran.borrow(), 1);
    assert_eq!(activations.len(), 1);
}

#[test]
fn emission_from_inside_the_handler_is_queued_after_the_one_that_runs_it() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let ticks = obj.connect_stream_typed_with::<(u64,), _>("tick", move |(n,)| {
        if *n == 1 {
            if let Some(obj) = weak.upgrade() {
                obj.tick(2);
            }
        }
    });
    obj.tick(1);
    drop(obj);
    // Queued in the order the emissions began, as `connect_stream_many_with` does.
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
                .connect_stream_typed_with::<(u64,), _>("tick", {
                    let seen = seen.clone();
                    move |&(n,)| seen.borrow_mut().push(n)
                })
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
