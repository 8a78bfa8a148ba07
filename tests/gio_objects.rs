//! Real GIO objects, `notify::` details, and handlers run after the class handler.

mod common;

use std::{cell::RefCell, rc::Rc};

use common::{block_on, Emitter};
use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn cancellable_cancelled() {
    let cancellable = gio::Cancellable::new();
    let mut cancelled = cancellable.connect_stream_typed::<()>("cancelled");
    cancellable.cancel();
    assert_eq!(block_on(cancelled.next()), Some(()));
}

#[test]
fn simple_action_activate_with_variant_parameter() {
    let action = gio::SimpleAction::new("open", Some(glib::VariantTy::STRING));
    let activations = action.connect_stream_typed::<(Option<glib::Variant>,)>("activate");
    action.activate(Some(&"a.txt".to_variant()));
    action.activate(Some(&"b.txt".to_variant()));
    drop(action);
    let names: Vec<String> = block_on(
        activations
            .map(|(param,)| param.and_then(|v| v.get::<String>()).unwrap())
            .collect(),
    );
    assert_eq!(names, ["a.txt", "b.txt"]);
}

#[test]
fn notify_detail_on_subclass_property() {
    let obj = Emitter::new();
    let label_changes = obj.connect_stream_typed::<(glib::ParamSpec,)>("notify::label");
    obj.set_property("label", "one");
    obj.set_property("level", 1); // another property: not delivered
    obj.set_property("label", "two");
    drop(obj);
    let names: Vec<String> = block_on(
        label_changes
            .map(|(pspec,)| pspec.name().to_owned())
            .collect(),
    );
    assert_eq!(names, ["label", "label"]);
}

#[test]
fn notify_detail_with_underscores_fires_for_dashed_property() {
    let obj = Emitter::new();
    let dashed = obj.connect_stream("notify::max-level");
    let underscored = obj.connect_stream("notify::max_level");
    obj.set_property("max-level", 3);
    assert_eq!(dashed.len(), 1);
    assert_eq!(underscored.len(), 1);
}

#[test]
fn property_stream_with_underscores_follows_dashed_property() {
    let obj = Emitter::new();
    let mut max_levels = obj.property_stream::<i32>("max_level");
    assert_eq!(block_on(max_levels.next()), Some(0));
    obj.set_property("max-level", 3);
    assert_eq!(block_on(max_levels.next()), Some(3));
}

#[test]
fn notify_enabled_on_simple_action() {
    let action = gio::SimpleAction::new("save", None);
    let mut enabled_changes = action.connect_stream("notify::enabled");
    action.set_enabled(false);
    assert_eq!(enabled_changes.len(), 1);
    let args = block_on(enabled_changes.next()).unwrap();
    let pspec = args[0].get::<glib::ParamSpec>().unwrap();
    assert_eq!(pspec.name(), "enabled");
}

#[test]
fn detailed_custom_signal_delivers_only_matching_detail() {
    let obj = Emitter::new();
    let colors = obj.connect_stream_typed::<(String,)>("changed::color");
    obj.change("color", "red");
    obj.change("size", "big");
    drop(obj);
    let items: Vec<(String,)> = block_on(colors.collect());
    assert_eq!(items, [("red".to_owned(),)]);
}

#[test]
fn undetailed_connection_receives_every_detail() {
    let obj = Emitter::new();
    let changes = obj.connect_stream_typed::<(String,)>("changed");
    obj.change("color", "red");
    obj.change("size", "big");
    assert_eq!(changes.len(), 2);
}

#[test]
fn stream_handler_runs_before_run_last_class_handler() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let _stream = obj
        .signal_stream_builder("stage")
        .typed::<()>()
        .handler(move |()| {
            weak.upgrade().unwrap().record("stream");
        })
        .build();
    assert_eq!(obj.stage(), ["stream", "class"]);
}

#[test]
fn after_stream_runs_after_class_handler_and_normal_handlers() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    // Connected first, but run after.
    let after = obj
        .signal_stream_builder("stage")
        .after(true)
        .typed::<()>()
        .handler(move |()| weak.upgrade().unwrap().record("after"))
        .build();
    obj.connect_local("stage", false, |values| {
        values[0].get::<Emitter>().unwrap().record("normal");
        None
    });
    assert_eq!(obj.stage(), ["normal", "class", "after"]);
    assert_eq!(after.len(), 1);
}

#[test]
fn after_stream_is_queued_after_a_normal_stream() {
    let obj = Emitter::new();
    let order = Rc::new(RefCell::new(Vec::new()));
    let late_order = order.clone();
    let early_order = order.clone();
    let _late = obj
        .signal_stream_builder("tick")
        .after(true)
        .handler(move |_| late_order.borrow_mut().push("after"))
        .build();
    let _early = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .handler(move |_| early_order.borrow_mut().push("normal"))
        .build();
    obj.tick(1);
    assert_eq!(*order.borrow(), ["normal", "after"]);
}
