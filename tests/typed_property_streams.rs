//! The generated `<property>_stream` methods: typed items (an `Option` where the property may
//! be NULL), the current value first and then the latest after changes, and the names of
//! property streams that would collide with a signal stream.
#![cfg(feature = "gtk")]

use futures::{FutureExt, StreamExt};
use glib_signal_stream::{prelude::*, PropertyStream};
use gtk4::prelude::*;

/// The item `stream` has ready now, without waiting for anything.
fn ready<T>(stream: &mut PropertyStream<T>) -> Option<T> {
    stream.next().now_or_never().flatten()
}

#[gtk4::test]
fn entry_text_stream_yields_the_current_text_then_the_latest() {
    let entry = gtk4::Entry::new();
    entry.set_text("draft");
    let mut text = entry.text_stream();
    assert_eq!(ready(&mut text), Some(String::from("draft")));
    entry.set_text("second");
    entry.set_text("final");
    assert_eq!(ready(&mut text), Some(String::from("final")));
    assert_eq!(ready(&mut text), None);
}

#[gtk4::test]
fn switch_active_stream_yields_bools() {
    let switch = gtk4::Switch::new();
    let mut active = switch.active_stream();
    assert_eq!(ready(&mut active), Some(false));
    switch.set_active(true);
    assert_eq!(ready(&mut active), Some(true));
}

#[gtk4::test]
fn adjustment_value_stream_yields_f64() {
    let adjustment = gtk4::Adjustment::new(2.0, 0.0, 10.0, 1.0, 1.0, 0.0);
    let mut value = adjustment.value_stream();
    assert_eq!(ready(&mut value), Some(2.0));
    adjustment.set_value(7.5);
    assert_eq!(ready(&mut value), Some(7.5));
}

#[gtk4::test]
fn button_label_stream_yields_none_while_the_label_is_unset() {
    let button = gtk4::Button::new();
    let mut label: PropertyStream<Option<String>> = button.label_stream();
    assert_eq!(ready(&mut label), Some(None));
    button.set_label("Save");
    assert_eq!(ready(&mut label), Some(Some(String::from("Save"))));
}

#[gtk4::test]
fn window_title_stream_yields_an_option() {
    let window = gtk4::Window::new();
    let mut title: PropertyStream<Option<String>> = window.title_stream();
    assert_eq!(ready(&mut title), Some(None));
    window.set_title(Some("Notes"));
    assert_eq!(ready(&mut title), Some(Some(String::from("Notes"))));
    window.destroy();
}

#[gtk4::test]
fn inherited_property_streams_apply_to_subclasses() {
    // `GtkWidget:sensitive`, streamed on a button.
    let button = gtk4::Button::new();
    let mut sensitive = button.sensitive_stream();
    assert_eq!(ready(&mut sensitive), Some(true));
    button.set_sensitive(false);
    assert_eq!(ready(&mut sensitive), Some(false));
}

#[gtk4::test]
#[allow(deprecated)] // `GtkDropTarget:drop` is deprecated since GTK 4.4, and so its stream.
fn property_colliding_with_a_signal_is_streamed_as_property_stream() {
    // `GtkDropTarget` has a `drop` signal (`drop_stream`) and a `drop` property.
    let target = gtk4::DropTarget::new(glib::Type::STRING, gtk4::gdk::DragAction::COPY);
    let mut drop: PropertyStream<Option<gtk4::gdk::Drop>> = target.drop_property_stream();
    assert_eq!(ready(&mut drop), Some(None));
}

#[gtk4::test]
fn property_stream_ends_when_the_object_is_disposed() {
    let window = gtk4::Window::new();
    let mut title = window.title_stream();
    assert_eq!(ready(&mut title), Some(None));
    window.destroy();
    drop(window);
    assert_eq!(title.next().now_or_never(), Some(None));
}
