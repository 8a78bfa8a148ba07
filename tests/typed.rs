//! Typed streams: each item is a tuple of the parameters' Rust types, checked when
//! connecting and converted inside the emission.

mod common;

use common::{block_on, Color, Emitter, Mode, Point};
use futures::StreamExt;
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn no_parameters_yields_unit() {
    let obj = Emitter::new();
    let mut pings = obj.connect_stream_typed::<()>("ping");
    obj.ping();
    assert_eq!(block_on(pings.next()), Some(()));
}

#[test]
fn one_parameter_yields_one_tuple() {
    let obj = Emitter::new();
    let mut ticks = obj.connect_stream_typed::<(u64,)>("tick");
    obj.tick(u64::MAX);
    assert_eq!(block_on(ticks.next()), Some((u64::MAX,)));
}

#[test]
fn three_parameters_yield_a_triple() {
    let obj = Emitter::new();
    let mut triples = obj.connect_stream_typed::<(i32, String, bool)>("triple");
    obj.triple(-3, "three", true);
    assert_eq!(
        block_on(triples.next()),
        Some((-3, "three".to_owned(), true))
    );
}

#[test]
fn ten_parameters_yield_a_ten_tuple() {
    type Ten = (i8, u8, i32, u32, i64, u64, f32, f64, bool, String);
    let obj = Emitter::new();
    let mut tens = obj.connect_stream_typed::<Ten>("ten");
    obj.emit_by_name::<()>(
        "ten",
        &[
            &-1i8, &2u8, &-3i32, &4u32, &-5i64, &6u64, &7.5f32, &8.25f64, &true, &"ten",
        ],
    );
    let expected: Ten = (-1, 2, -3, 4, -5, 6, 7.5, 8.25, true, "ten".to_owned());
    assert_eq!(block_on(tens.next()), Some(expected));
}

#[test]
fn object_boxed_enum_flags_string_and_variant_parameters() {
    type Kinds = (glib::Object, Point, Color, Mode, String, glib::Variant);
    let obj = Emitter::new();
    let other = Emitter::new();
    let mut kinds = obj.connect_stream_typed::<Kinds>("kinds");
    let point = Point { x: 1, y: -2 };
    let variant = ("key", 5u32).to_variant();
    obj.emit_by_name::<()>(
        "kinds",
        &[
            &other,
            &point,
            &Color::Blue,
            &(Mode::READ | Mode::WRITE),
            &"text",
            &variant,
        ],
    );
    let (object, got_point, color, mode, text, got_variant) = block_on(kinds.next()).unwrap();
    assert_eq!(object, other.upcast::<glib::Object>());
    assert_eq!(got_point, point);
    assert_eq!(color, Color::Blue);
    assert_eq!(mode, Mode::READ | Mode::WRITE);
    assert_eq!(text, "text");
    assert_eq!(got_variant, variant);
}

#[test]
fn optional_object_parameter_receives_null_as_none() {
    let obj = Emitter::new();
    let mut objects = obj.connect_stream_typed::<(Option<glib::Object>,)>("carry");
    obj.emit_by_name::<()>("carry", &[&None::<glib::Object>]);
    assert_eq!(block_on(objects.next()), Some((None,)));
}

#[test]
fn optional_string_parameter_receives_null_as_none() {
    let obj = Emitter::new();
    let mut changes = obj.connect_stream_typed::<(Option<String>,)>("changed");
    obj.emit_by_name::<()>("changed", &[&None::<String>]);
    obj.emit_by_name::<()>("changed", &[&"set"]);
    assert_eq!(block_on(changes.next()), Some((None,)));
    assert_eq!(block_on(changes.next()), Some((Some("set".to_owned()),)));
}

#[test]
fn object_parameter_accepts_a_subclass_instance() {
    let obj = Emitter::new();
    let other = Emitter::new();
    let mut objects = obj.connect_stream_typed::<(glib::Object,)>("carry");
    obj.emit_by_name::<()>("carry", &[&other]);
    let (object,) = block_on(objects.next()).unwrap();
    assert!(object.downcast::<Emitter>().is_ok());
}

#[test]
fn untyped_stream_accepts_any_signal() {
    let obj = Emitter::new();
    let mut tens = obj.connect_stream("ten");
    obj.emit_by_name::<()>(
        "ten",
        &[
            &0i8, &0u8, &0i32, &0u32, &0i64, &0u64, &0f32, &0f64, &false, &"",
        ],
    );
    assert_eq!(block_on(tens.next()).map(|args| args.len()), Some(10));
}

#[test]
fn object_parameter_may_be_requested_as_a_subclass() {
    let obj = Emitter::new();
    let other = Emitter::new();
    let mut emitters = obj.connect_stream_typed::<(Emitter,)>("carry");
    obj.emit_by_name::<()>("carry", &[&other]);
    assert_eq!(block_on(emitters.next()), Some((other,)));
}

#[test]
fn instance_of_another_type_than_the_requested_subclass_is_dropped_with_critical() {
    let obj = Emitter::new();
    let other = Emitter::new();
    let emitters = obj.connect_stream_typed::<(Emitter,)>("carry");
    let ((), criticals) = common::criticals_during(|| {
        obj.emit_by_name::<()>("carry", &[&glib::Object::new::<glib::Object>()])
    });
    obj.emit_by_name::<()>("carry", &[&other]);
    drop(obj);

    assert_eq!(criticals.len(), 1, "{criticals:?}");
    assert!(criticals[0].contains("'carry'") && criticals[0].contains("did not convert"));
    let items: Vec<(Emitter,)> = block_on(emitters.collect());
    assert_eq!(items, [(other,)]);
}

#[test]
fn subclass_of_an_object_is_refused_for_a_parameter_that_is_no_object() {
    let obj = Emitter::new();
    let err = obj
        .try_connect_stream_typed::<(Emitter,)>("tick")
        .unwrap_err();
    assert!(
        matches!(
            err.kind(),
            glib_signal_stream::ConnectErrorKind::ArgumentMismatch { .. }
        ),
        "{err:?}"
    );
}
