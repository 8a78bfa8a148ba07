//! `check_property`: the checks of a property stream, made on a type without an instance.
#![cfg(feature = "gio")]

mod common;

use glib::prelude::*;
use glib_signal_stream::{check_property, ConnectErrorKind};

#[test]
fn class_property_of_the_right_type_passes() {
    let action = gio::SimpleAction::static_type();
    assert_eq!(check_property::<bool>(action, "enabled"), Ok(()));
}

#[test]
fn interface_property_is_found_without_an_instance() {
    let action = gio::Action::static_type();
    assert_eq!(check_property::<Option<String>>(action, "name"), Ok(()));
}

#[test]
fn wrong_item_type_is_a_type_mismatch() {
    let action = gio::SimpleAction::static_type();
    assert!(matches!(
        check_property::<u32>(action, "enabled").map_err(|err| err.kind().clone()),
        Err(ConnectErrorKind::PropertyTypeMismatch { .. })
    ));
}

#[test]
fn unknown_property_fails_the_check() {
    for type_ in [gio::SimpleAction::static_type(), gio::Action::static_type()] {
        assert!(matches!(
            check_property::<bool>(type_, "no-such-property").map_err(|err| err.kind().clone()),
            Err(ConnectErrorKind::UnknownProperty { .. })
        ));
    }
}

#[test]
fn write_only_property_is_not_readable() {
    assert!(matches!(
        check_property::<u64>(common::Emitter::static_type(), "secret")
            .map_err(|err| err.kind().clone()),
        Err(ConnectErrorKind::PropertyNotReadable { .. })
    ));
}
