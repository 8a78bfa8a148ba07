//! The typed GTK streams: connect-time type checks, and real emissions driven by real X input
//! (real clicks and key presses on real windows, through `common::driver`). Run under Xvfb: see `scripts/test.sh`.
#![cfg(feature = "gtk")]

mod common;

use std::{
    cell::{Cell, RefCell},
    collections::HashMap,
    rc::Rc,
};

use common::{driver::window::show, within};
use futures::StreamExt;
use glib_signal_stream::{prelude::*, ConnectErrorKind};
use gtk4::{gdk, prelude::*};

/// The next `n` items of `stream`, failing the test if the stream ends or they do not come.
async fn next_items<S: futures::Stream + Unpin>(
    stream: &mut S,
    n: usize,
    what: &str,
) -> Vec<S::Item> {
    within(what, async {
        let mut items = Vec::with_capacity(n);
        while items.len() < n {
            items.push(
                stream
                    .next()
                    .await
                    .unwrap_or_else(|| panic!("{what}: stream ended")),
            );
        }
        items
    })
    .await
}

// Connect-time checks on GTK signals.

#[gtk4::test]
fn pressed_with_wrong_parameter_type_is_refused() {
    let click = gtk4::GestureClick::new();
    let err = click
        .try_connect_stream_typed::<(u32, f64, f64)>("pressed")
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "signal 'pressed' of type 'GtkGestureClick' has parameters (gint, gdouble, gdouble); requested (u32, f64, f64)"
    );
}

#[gtk4::test]
fn pressed_with_wrong_parameter_count_is_refused() {
    let click = gtk4::GestureClick::new();
    let err = click
        .try_connect_stream_typed::<(i32, f64)>("pressed")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "signal 'pressed' of type 'GtkGestureClick' has parameters (gint, gdouble, gdouble); requested (i32, f64)"
    );
}

#[gtk4::test]
fn key_pressed_with_wrong_state_type_is_refused() {
    let keys = gtk4::EventControllerKey::new();
    let err = keys
        .signal_stream_builder("key-pressed")
        .typed::<(gdk::Key, u32, u32)>()
        .answer(|_| glib::Propagation::Proceed)
        .try_build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "signal 'key-pressed' of type 'GtkEventControllerKey' has parameters (guint, guint, GdkModifierType); requested (Key, u32, u32)"
    );
}

#[gtk4::test]
fn close_request_with_wrong_return_type_is_refused() {
    let window = gtk4::Window::new();
    let err = window
        .signal_stream_builder("close-request")
        .typed::<()>()
        .answer(|_| String::new())
        .try_build()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "signal 'close-request' of type 'GtkWindow' returns gboolean; the handler returns String"
    );
    window.destroy();
}

#[gtk4::test]
fn close_request_with_unit_return_is_refused() {
    let window = gtk4::Window::new();
    let err = window
        .signal_stream_builder("close-request")
        .typed::<()>()
        .answer(|_| ())
        .try_build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "signal 'close-request' of type 'GtkWindow' returns gboolean; the handler returns ()"
    );
    window.destroy();
}

#[gtk4::test]
fn close_request_without_return_handler_is_refused() {
    let window = gtk4::Window::new();
    let err = window
        .try_connect_stream_typed::<()>("close-request")
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::NeedsReturnValue { .. }),
        "{err:?}"
    );
    window.destroy();
}

#[gtk4::test]
fn activate_with_wrong_position_type_is_refused() {
    let view = gtk4::ListView::new(None::<gtk4::SingleSelection>, None::<gtk4::ListItemFactory>);
    let err = view
        .try_connect_stream_typed::<(i64,)>("activate")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "signal 'activate' of type 'GtkListView' has parameters (guint); requested (i64)"
    );
}

// Real emissions from real input.

#[gtk4::test]
async fn clicked_stream_sees_real_click() {
    let window = gtk4::Window::new();
    let button = gtk4::Button::with_label("Click me");
    window.set_child(Some(&button));
    let mut clicks = button.clicked_stream();
    let shown = show(&window, &button).await;

    shown.click(&button).await;
    next_items(&mut clicks, 1, "a click").await;
}

#[gtk4::test]
async fn toggle_button_toggled_stream_sees_real_click() {
    let window = gtk4::Window::new();
    let toggle = gtk4::ToggleButton::with_label("Bold");
    window.set_child(Some(&toggle));
    let mut toggles = toggle.toggled_stream();
    let shown = show(&window, &toggle).await;

    shown.click(&toggle).await;
    next_items(&mut toggles, 1, "a toggle").await;
    assert!(toggle.is_active());
}

#[gtk4::test]
async fn check_button_toggled_stream_sees_real_click() {
    let window = gtk4::Window::new();
    let check = gtk4::CheckButton::with_label("Remember me");
    window.set_child(Some(&check));
    let mut toggles = check.toggled_stream();
    let shown = show(&window, &check).await;

    shown.click(&check).await;
    next_items(&mut toggles, 1, "a toggle").await;
    assert!(check.is_active());
}

/// A window with a 200×100 drawing area holding a click gesture.
fn gesture_window() -> (gtk4::Window, gtk4::DrawingArea, gtk4::GestureClick) {
    let window = gtk4::Window::new();
    let area = gtk4::DrawingArea::new();
    area.set_content_width(200);
    area.set_content_height(100);
    area.set_halign(gtk4::Align::Start);
    area.set_valign(gtk4::Align::Start);
    window.set_child(Some(&area));
    let click = gtk4::GestureClick::new();
    area.add_controller(click.clone());
    (window, area, click)
}

#[gtk4::test]
async fn pressed_stream_sees_real_press_in_widget_coordinates() {
    let (window, area, click) = gesture_window();
    let mut presses = click.pressed_stream();
    let shown = show(&window, &area).await;

    shown.click_at(&area, 30.0, 40.0).await;
    let items = next_items(&mut presses, 1, "a press").await;
    let (n_press, x, y) = items[0];
    assert_eq!(n_press, 1);
    assert!(
        (x - 30.0).abs() <= 1.0 && (y - 40.0).abs() <= 1.0,
        "pressed at {x}, {y}"
    );
}

#[gtk4::test]
async fn released_stream_sees_real_release_in_widget_coordinates() {
    let (window, area, click) = gesture_window();
    let mut releases = click.released_stream();
    let shown = show(&window, &area).await;

    shown.click_at(&area, 120.0, 60.0).await;
    let items = next_items(&mut releases, 1, "a release").await;
    let (n_press, x, y) = items[0];
    assert_eq!(n_press, 1);
    assert!(
        (x - 120.0).abs() <= 1.0 && (y - 60.0).abs() <= 1.0,
        "released at {x}, {y}"
    );
}

/// A window with a focused entry and, on the window, a key controller in the capture phase
/// (it sees keys before the entry).
fn key_window() -> (gtk4::Window, gtk4::Entry, gtk4::EventControllerKey) {
    let window = gtk4::Window::new();
    let entry = gtk4::Entry::new();
    window.set_child(Some(&entry));
    GtkWindowExt::set_focus(&window, Some(&entry));
    let keys = gtk4::EventControllerKey::new();
    keys.set_propagation_phase(gtk4::PropagationPhase::Capture);
    window.add_controller(keys.clone());
    (window, entry, keys)
}

#[gtk4::test]
async fn key_pressed_stream_sees_real_keys() {
    let (window, entry, keys) = key_window();
    let mut presses = keys.key_pressed_stream(|_, _, _| glib::Propagation::Proceed);
    let shown = show(&window, &entry).await;

    shown.focus().await;
    shown.type_text("abc").await;
    let items = next_items(&mut presses, 3, "three key presses").await;
    let keys: Vec<gdk::Key> = items.iter().map(|(key, _, _)| *key).collect();
    assert_eq!(keys, [gdk::Key::a, gdk::Key::b, gdk::Key::c]);
}

#[gtk4::test]
async fn key_released_stream_sees_real_keys() {
    let (window, entry, keys) = key_window();
    let mut releases = keys.key_released_stream();
    let shown = show(&window, &entry).await;

    shown.focus().await;
    shown.keys(&["x", "Escape"]).await;
    let items = next_items(&mut releases, 2, "two key releases").await;
    let keys: Vec<gdk::Key> = items.iter().map(|(key, _, _)| *key).collect();
    assert_eq!(keys, [gdk::Key::x, gdk::Key::Escape]);
}

#[gtk4::test]
async fn key_pressed_answered_stop_keeps_keys_from_focused_entry() {
    let (window, entry, keys) = key_window();
    let answered = Rc::new(Cell::new(0));
    let count = answered.clone();
    let mut presses = keys.key_pressed_stream(move |_, _, _| {
        count.set(count.get() + 1);
        glib::Propagation::Stop
    });
    let mut releases = keys.key_released_stream();
    let shown = show(&window, &entry).await;

    shown.focus().await;
    shown.type_text("abc").await;
    next_items(&mut presses, 3, "three key presses").await;
    // The releases come after the presses were handled (or not) by the entry.
    next_items(&mut releases, 3, "three key releases").await;
    assert_eq!(answered.get(), 3);
    assert_eq!(entry.text(), "");
}

#[gtk4::test]
async fn key_pressed_answered_proceed_lets_keys_reach_focused_entry() {
    let (window, entry, keys) = key_window();
    let mut presses = keys.key_pressed_stream(|_, _, _| glib::Propagation::Proceed);
    let mut releases = keys.key_released_stream();
    let shown = show(&window, &entry).await;

    shown.focus().await;
    shown.type_text("abc").await;
    next_items(&mut presses, 3, "three key presses").await;
    next_items(&mut releases, 3, "three key releases").await;
    assert_eq!(entry.text(), "abc");
}

#[gtk4::test]
async fn editable_changed_stream_sees_real_typing() {
    let window = gtk4::Window::new();
    let entry = gtk4::Entry::new();
    window.set_child(Some(&entry));
    GtkWindowExt::set_focus(&window, Some(&entry));
    let mut changes = entry.changed_stream();
    let shown = show(&window, &entry).await;

    shown.focus().await;
    shown.type_text("hi").await;
    next_items(&mut changes, 2, "two changes").await;
    assert_eq!(entry.text(), "hi");
}

#[gtk4::test]
async fn entry_activate_stream_sees_real_enter() {
    let window = gtk4::Window::new();
    let entry = gtk4::Entry::new();
    window.set_child(Some(&entry));
    GtkWindowExt::set_focus(&window, Some(&entry));
    let mut activations = entry.activate_stream();
    let shown = show(&window, &entry).await;

    shown.focus().await;
    shown.keys(&["Return"]).await;
    next_items(&mut activations, 1, "an activation").await;
}

#[gtk4::test]
async fn adjustment_value_changed_stream_sees_real_arrow_key() {
    let window = gtk4::Window::new();
    let adjustment = gtk4::Adjustment::new(5.0, 0.0, 10.0, 1.0, 5.0, 0.0);
    let spin = gtk4::SpinButton::new(Some(&adjustment), 1.0, 0);
    window.set_child(Some(&spin));
    GtkWindowExt::set_focus(&window, Some(&spin));
    let mut changes = adjustment.value_changed_stream();
    let shown = show(&window, &spin).await;

    shown.focus().await;
    shown.keys(&["Up"]).await;
    next_items(&mut changes, 1, "a value change").await;
    assert_eq!(adjustment.value(), 6.0);
}

#[gtk4::test]
async fn list_view_activate_stream_sees_real_click_on_row() {
    let window = gtk4::Window::new();
    let model = gtk4::StringList::new(&["zero", "one", "two"]);
    let factory = gtk4::SignalListItemFactory::new();
    let rows: Rc<RefCell<HashMap<u32, gtk4::Label>>> = Rc::default();
    factory.connect_setup(|_, item| {
        let item = item.downcast_ref::<gtk4::ListItem>().unwrap();
        item.set_child(Some(&gtk4::Label::new(None)));
    });
    let bound = rows.clone();
    factory.connect_bind(move |_, item| {
        let item = item.downcast_ref::<gtk4::ListItem>().unwrap();
        let label = item.child().and_downcast::<gtk4::Label>().unwrap();
        let text = item.item().and_downcast::<gtk4::StringObject>().unwrap();
        label.set_text(&text.string());
        bound.borrow_mut().insert(item.position(), label);
    });
    let view = gtk4::ListView::new(Some(gtk4::SingleSelection::new(Some(model))), Some(factory));
    view.set_single_click_activate(true);
    window.set_child(Some(&view));
    let mut activations = view.activate_stream();
    let shown = show(&window, &view).await;

    let row = rows.borrow().get(&1).cloned().expect("row 1 is bound");
    shown.click(&row).await;
    let items = next_items(&mut activations, 1, "an activation").await;
    assert_eq!(items, [(1,)]);
}

#[gtk4::test]
async fn close_request_answered_stop_keeps_window_open() {
    let window = gtk4::Window::new();
    let label = gtk4::Label::new(Some("Unsaved changes"));
    window.set_child(Some(&label));
    let mut requests = window.close_request_stream(|| glib::Propagation::Stop);
    let _shown = show(&window, &label).await;

    window.close();
    next_items(&mut requests, 1, "a close request").await;
    assert!(window.is_visible());
    assert!(gtk4::Window::toplevels()
        .into_iter()
        .any(|w| w.ok().as_ref() == Some(window.upcast_ref::<glib::Object>())));
}

#[gtk4::test]
async fn close_request_answered_proceed_closes_window() {
    let window = gtk4::Window::new();
    let label = gtk4::Label::new(Some("Nothing to save"));
    window.set_child(Some(&label));
    let mut requests = window.close_request_stream(|| glib::Propagation::Proceed);
    let _shown = show(&window, &label).await;

    window.close();
    next_items(&mut requests, 1, "a close request").await;
    assert!(!window.is_visible());
}
