//! `check_signal` and `check_signal_with_return`: the connect-time checks, from a type.

use glib::prelude::*;
use glib_signal_stream::{check_signal, check_signal_with_return, ConnectErrorKind};

#[test]
fn accepts_a_matching_signal() {
    let activate =
        check_signal::<(Option<glib::Variant>,)>(gio::SimpleAction::static_type(), "activate");
    assert_eq!(activate, Ok(()));
}

#[test]
fn refuses_an_unknown_signal() {
    let err = check_signal::<()>(gio::SimpleAction::static_type(), "clicked").unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::UnknownSignal { .. }),
        "{err}"
    );
}

#[test]
fn refuses_wrong_parameter_types() {
    let err = check_signal::<(u32,)>(gio::SimpleAction::static_type(), "activate").unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{err}"
    );
}

#[test]
fn finds_signals_of_interfaces() {
    // `GListModel` is an interface: its signals are installed by its default vtable.
    let items_changed =
        check_signal::<(u32, u32, u32)>(gio::ListModel::static_type(), "items-changed");
    assert_eq!(items_changed, Ok(()));
}

#[test]
fn refuses_a_signal_that_needs_a_return_value() {
    let err = check_signal::<(gio::SocketConnection, Option<glib::Object>)>(
        gio::SocketService::static_type(),
        "incoming",
    )
    .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::NeedsReturnValue { .. }),
        "{err}"
    );
}

#[test]
fn checks_the_return_type() {
    let type_ = gio::SocketService::static_type();
    type Incoming = (gio::SocketConnection, Option<glib::Object>);
    assert_eq!(
        check_signal_with_return::<Incoming, bool, _>(type_, "incoming"),
        Ok(())
    );
    let err = check_signal_with_return::<Incoming, String, _>(type_, "incoming").unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{err}"
    );
}

#[test]
fn checks_the_property_of_notify_on_a_class() {
    let type_ = gio::SimpleAction::static_type();
    type Notify = (glib::ParamSpec,);
    assert_eq!(check_signal::<Notify>(type_, "notify::enabled"), Ok(()));
    let err = check_signal::<Notify>(type_, "notify::no-such-property").unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::UnknownProperty { .. }),
        "{err}"
    );
}
