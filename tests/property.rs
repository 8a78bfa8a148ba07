//! Property streams: the current value first, then only the latest value after changes; the
//! stream ends when the object is disposed.

mod common;

use common::{block_on, Emitter};
use futures::{stream::FusedStream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn first_item_is_current_value() {
    let obj = Emitter::new();
    obj.set_property("level", 3);
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(block_on(levels.next()), Some(3));
}

#[test]
fn change_after_first_item_is_delivered() {
    let obj = Emitter::new();
    let mut labels = obj.property_stream::<String>("label");
    assert_eq!(block_on(labels.next()), Some(String::new()));
    obj.set_property("label", "hello");
    assert_eq!(block_on(labels.next()), Some("hello".to_owned()));
}

#[test]
fn many_changes_before_poll_yield_only_latest_value() {
    let obj = Emitter::new();
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(block_on(levels.next()), Some(0));
    for level in 1..=100 {
        obj.set_property("level", level);
    }
    assert_eq!(block_on(levels.next()), Some(100));
    assert_eq!(levels.dropped_count(), 99);
}

#[test]
fn changes_before_first_poll_replace_the_initial_value() {
    let obj = Emitter::new();
    let mut levels = obj.property_stream::<i32>("level");
    obj.set_property("level", 1);
    obj.set_property("level", 2);
    assert_eq!(block_on(levels.next()), Some(2));
}

#[test]
fn changes_of_other_properties_are_not_delivered() {
    let obj = Emitter::new();
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(block_on(levels.next()), Some(0));
    obj.set_property("label", "unrelated");
    obj.set_property("secret", 7u32);
    drop(obj);
    assert_eq!(block_on(levels.next()), None);
}

#[test]
fn ends_when_object_disposed() {
    let obj = Emitter::new();
    obj.set_property("level", 4);
    let mut levels = obj.property_stream::<i32>("level");
    drop(obj);
    block_on(async {
        assert_eq!(levels.next().await, Some(4));
        assert_eq!(levels.next().await, None);
    });
    assert!(levels.is_terminated());
}

#[test]
fn property_stream_as_signal_stream_keeps_latest_policy() {
    let obj = Emitter::new();
    let levels = obj.property_stream::<i32>("level").into_inner();
    obj.set_property("level", 1);
    obj.set_property("level", 2);
    assert_eq!(levels.len(), 1);
    assert_eq!(levels.policy(), glib_signal_stream::BufferPolicy::Latest);
}
