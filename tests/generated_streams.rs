//! The generated typed streams at work: items, details and return-value handlers, on signals
//! emitted for real; with the version features and `adw`, those of newer GTK and of
//! libadwaita.

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
    // Not the default main context: the GTK tests of this file hold it on their thread.
    let names: Vec<String> = futures::executor::block_on(added.map(|(name,)| name).collect());
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

// The streams of API newer than GTK 4.0, behind the version features.
#[cfg(feature = "gtk_v4_8")]
mod gtk_newer {
    use super::*;

    #[gtk4::test]
    fn property_new_in_gtk_4_8_streams_typed_values() {
        let picture = gtk4::Picture::new();
        let mut fits = picture.content_fit_stream();
        assert_eq!(next(&mut fits), Some(gtk4::ContentFit::Contain));
        picture.set_content_fit(gtk4::ContentFit::Cover);
        assert_eq!(next(&mut fits), Some(gtk4::ContentFit::Cover));
    }

    #[gtk4::test]
    fn property_new_in_gtk_4_4_streams_typed_values() {
        let button = gtk4::MenuButton::new();
        let mut primary = button.primary_stream();
        assert_eq!(next(&mut primary), Some(false));
        button.set_primary(true);
        assert_eq!(next(&mut primary), Some(true));
    }
}

#[cfg(feature = "adw")]
mod adw_streams {
    use super::*;

    fn view_with_a_page() -> (adw::TabView, adw::TabPage) {
        adw::init().expect("libadwaita initializes");
        let view = adw::TabView::new();
        let page = view.append(&gtk4::Label::new(None));
        (view, page)
    }

    #[gtk4::test]
    fn close_page_is_answered_by_the_handler_and_streamed() {
        let (view, page) = view_with_a_page();
        let mut requests = view.close_page_stream(|_| glib::Propagation::Stop);
        view.close_page(&page);
        assert_eq!(next(&mut requests), Some((page.clone(),)));
        assert_eq!(
            view.n_pages(),
            1,
            "Stop keeps the page until close_page_finish"
        );
        view.close_page_finish(&page, true);
        assert_eq!(view.n_pages(), 0);
    }

    #[gtk4::test]
    fn signal_without_an_answer_streams_its_parameters() {
        let (view, _first) = view_with_a_page();
        let mut attached = view.page_attached_stream();
        let second = view.append(&gtk4::Label::new(None));
        assert_eq!(next(&mut attached), Some((second, 1)));
    }

    #[gtk4::test]
    fn property_stream_follows_the_view() {
        let (view, page) = view_with_a_page();
        let mut pages = view.n_pages_stream();
        assert_eq!(next(&mut pages), Some(1));
        view.close_page(&page);
        assert_eq!(next(&mut pages), Some(0));
    }
}
