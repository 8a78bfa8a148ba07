//! The generated typed streams at work: items, details and return-value handlers, on signals
//! emitted for real.

#![cfg(feature = "gio")]

use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::prelude::*;

// Emissions are synchronous, so the items are queued before these wait: no main loop needed
// (and the tests, run in parallel, do not compete for the default main context).
fn next<S: futures::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    futures::executor::block_on(stream.next())
}

#[test]
fn generated_stream_yields_typed_items() {
    let action = gio::SimpleAction::new("zoom", Some(glib::VariantTy::INT32));
    let mut activations = action.activate_stream();
    action.activate(Some(&7i32.to_variant()));
    drop(action);
    let (param,) = next(&mut activations).unwrap();
    assert_eq!(param.and_then(|v| v.get::<i32>()), Some(7));
    assert!(
        next(&mut activations).is_none(),
        "ends once the emitter is gone"
    );
}

#[test]
fn detailed_stream_sees_only_its_detail() {
    let group = gio::SimpleActionGroup::new();
    let mut added = group.action_added_stream(Some("open"));
    group.add_action(&gio::SimpleAction::new("save", None));
    group.add_action(&gio::SimpleAction::new("open", None));
    drop(group);
    let (name,) = next(&mut added).unwrap();
    assert_eq!(name, "open");
    assert!(next(&mut added).is_none());
}

#[test]
fn detailed_stream_without_detail_sees_every_emission() {
    let group = gio::SimpleActionGroup::new();
    let added = group.action_added_stream(None);
    group.add_action(&gio::SimpleAction::new("save", None));
    group.add_action(&gio::SimpleAction::new("open", None));
    drop(group);
    let names: Vec<String> =
        glib::MainContext::default().block_on(added.map(|(name,)| name).collect());
    assert_eq!(names, ["save", "open"]);
}

#[test]
fn string_array_parameter_becomes_a_vec() {
    let operation = gio::MountOperation::new();
    let mut questions = operation.ask_question_stream();
    let choices = vec!["Keep".to_owned(), "Replace".to_owned()];
    operation.emit_by_name::<()>("ask-question", &[&"Replace the file?", &choices]);
    drop(operation);
    let (message, offered) = next(&mut questions).unwrap();
    assert_eq!(message, "Replace the file?");
    assert_eq!(offered, choices);
}

#[cfg(feature = "gtk")]
mod gtk {
    use gtk4::{gdk, prelude::*};

    use super::*;

    #[gtk4::test]
    fn handler_answers_the_emitter() {
        let window = gtk4::Window::new();
        let mut requests = window.close_request_stream(|| glib::Propagation::Stop);
        let stopped = window.emit_by_name::<bool>("close-request", &[]);
        assert!(
            stopped,
            "the handler's Propagation::Stop reaches the emitter"
        );
        assert_eq!(next(&mut requests), Some(()));
        window.destroy();
    }

    #[gtk4::test]
    fn key_handler_gets_a_gdk_key() {
        let keys = gtk4::EventControllerKey::new();
        let mut pressed = keys.key_pressed_stream(|key, _code, _state| {
            if key == gdk::Key::Escape {
                glib::Propagation::Stop
            } else {
                glib::Propagation::Proceed
            }
        });
        let stopped = keys.emit_by_name::<bool>(
            "key-pressed",
            &[&gdk::Key::Escape, &9u32, &gdk::ModifierType::SHIFT_MASK],
        );
        assert!(stopped);
        drop(keys);
        let (key, code, state) = next(&mut pressed).unwrap();
        assert_eq!(
            (key, code, state),
            (gdk::Key::Escape, 9, gdk::ModifierType::SHIFT_MASK)
        );
    }

    #[gtk4::test]
    fn value_parameter_reaches_handler_and_stream() {
        let target = gtk4::DropTarget::new(glib::Type::I32, gdk::DragAction::COPY);
        let mut drops = target.drop_stream(|value, _x, _y| value.get::<i32>() == Ok(5));
        let value = glib::BoxedValue(5i32.to_value());
        let accepted = target.emit_by_name::<bool>("drop", &[&value, &1.0f64, &2.0f64]);
        assert!(accepted, "the handler saw the dropped value");
        drop(target);
        let (dropped, x, y) = next(&mut drops).unwrap();
        assert_eq!((dropped.get::<i32>(), x, y), (Ok(5), 1.0, 2.0));
    }
}
