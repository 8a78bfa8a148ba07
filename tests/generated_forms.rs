//! The generated forms of issue 18: `events_stream::<TypeEvent>()` (one ordered stream of a
//! type's signals), `<signal>_stream_with(handler)` (a handler inside the emission), and items
//! typed like gtk4-rs's (`ResponseType`, `ListItem`).
#![cfg(feature = "gio")]

mod common;

use std::{cell::RefCell, rc::Rc};

use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn events_stream_yields_a_types_signals_as_variants_in_emission_order() {
    let action = gio::SimpleAction::new_stateful("mode", None, &1i32.to_variant());
    let events = action.events_stream::<SimpleActionEvent>();
    action.activate(None);
    action.change_state(&2i32.to_variant());
    action.activate(None);
    drop(action);
    let events: Vec<String> = common::block_on(events.collect::<Vec<_>>())
        .into_iter()
        .map(|event| match event {
            SimpleActionEvent::Activate(param) => {
                format!("activate {:?}", param.map(|v| v.get::<i32>()))
            }
            SimpleActionEvent::ChangeState(value) => {
                format!("change-state {:?}", value.and_then(|v| v.get::<i32>()))
            }
        })
        .collect();
    assert_eq!(
        events,
        ["activate None", "change-state Some(2)", "activate None"]
    );
}

#[test]
fn generated_stream_with_runs_its_handler_inside_the_emission() {
    let action = gio::SimpleAction::new("open", Some(glib::VariantTy::INT32));
    let seen = Rc::new(RefCell::new(Vec::new()));
    let activations = action.activate_stream_with({
        let seen = seen.clone();
        move |param| seen.borrow_mut().push(param.and_then(|v| v.get::<i32>()))
    });
    action.activate(Some(&7i32.to_variant()));
    assert_eq!(*seen.borrow(), [Some(7)]);
    assert_eq!(activations.len(), 1);
}

#[cfg(feature = "gtk")]
mod gtk {
    use super::*;
    use gtk4::{prelude::*, ResponseType};

    #[gtk4::test]
    fn dialog_response_stream_yields_response_types() {
        let dialog = gtk4::Dialog::new();
        let responses = dialog.response_stream();
        dialog.response(ResponseType::Ok);
        dialog.response(ResponseType::Other(3));
        dialog.response(ResponseType::DeleteEvent);
        dialog.destroy();
        let responses: Vec<ResponseType> = futures::executor::block_on(
            responses
                .take(3)
                .map(|(response,)| response)
                .collect::<Vec<_>>(),
        );
        assert_eq!(
            responses,
            [
                ResponseType::Ok,
                ResponseType::Other(3),
                ResponseType::DeleteEvent
            ]
        );
    }

    /// One rule for item types: what a generated stream yields for a parameter, the generic
    /// typed form accepts for it (a `gint` response id as `ResponseType`), converted alike.
    #[gtk4::test]
    fn the_generic_typed_form_accepts_what_the_generated_stream_yields() {
        assert_eq!(
            glib_signal_stream::check_signal::<(ResponseType,)>(
                gtk4::Dialog::static_type(),
                "response"
            ),
            Ok(())
        );
        let dialog = gtk4::Dialog::new();
        let generated = dialog.response_stream();
        let generic = dialog.connect_stream_typed::<(ResponseType,)>("response");
        let ids = dialog.connect_stream_typed::<(i32,)>("response");
        for response in [
            ResponseType::Ok,
            ResponseType::Other(3),
            ResponseType::__Unknown(-100),
        ] {
            dialog.response(response);
        }
        dialog.destroy();
        let (generated, generic, ids) = futures::executor::block_on(async {
            (
                generated.take(3).collect::<Vec<_>>().await,
                generic.take(3).collect::<Vec<_>>().await,
                ids.take(3).map(|(id,)| id).collect::<Vec<_>>().await,
            )
        });
        assert_eq!(generic, generated);
        assert_eq!(ids, [-5, 3, -100]);
    }

    #[gtk4::test]
    fn info_bar_response_stream_with_handler_sees_the_response_type() {
        let bar = gtk4::InfoBar::new();
        let seen = Rc::new(RefCell::new(Vec::new()));
        let responses = bar.response_stream_with({
            let seen = seen.clone();
            move |response| seen.borrow_mut().push(response)
        });
        bar.response(ResponseType::Cancel);
        assert_eq!(*seen.borrow(), [ResponseType::Cancel]);
        assert_eq!(responses.len(), 1);
    }

    #[gtk4::test]
    fn button_clicked_stream_with_runs_its_handler_inside_the_emission() {
        let button = gtk4::Button::new();
        let clicks = Rc::new(RefCell::new(0));
        let _clicked = button.clicked_stream_with({
            let clicks = clicks.clone();
            move || *clicks.borrow_mut() += 1
        });
        button.emit_clicked();
        assert_eq!(*clicks.borrow(), 1);
    }

    #[gtk4::test]
    fn factory_events_are_list_items_and_another_object_is_dropped_with_critical() {
        let factory = gtk4::SignalListItemFactory::new();
        let events = factory.events_stream::<SignalListItemFactoryEvent>();
        let item = glib::Object::new::<gtk4::ListItem>();
        factory.emit_by_name::<()>("setup", &[&item]);
        let ((), criticals) = common::criticals_during(|| {
            factory.emit_by_name::<()>("bind", &[&glib::Object::new::<glib::Object>()])
        });
        factory.emit_by_name::<()>("bind", &[&item]);
        factory.emit_by_name::<()>("unbind", &[&item]);
        drop(factory);
        assert_eq!(criticals.len(), 1, "{criticals:?}");
        assert!(criticals[0].contains("'bind'") && criticals[0].contains("did not convert"));
        let kinds: Vec<&str> = futures::executor::block_on(events.collect::<Vec<_>>())
            .into_iter()
            .map(|event| match event {
                SignalListItemFactoryEvent::Setup(got) => {
                    assert_eq!(got, item);
                    "setup"
                }
                SignalListItemFactoryEvent::Bind(_) => "bind",
                SignalListItemFactoryEvent::Unbind(_) => "unbind",
                SignalListItemFactoryEvent::Teardown(_) => "teardown",
            })
            .collect();
        assert_eq!(kinds, ["setup", "bind", "unbind"]);
    }
}
