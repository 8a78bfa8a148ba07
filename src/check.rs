//! Connect-time checks without an instance: does a type have this signal, with these
//! parameter and return types? This readable property, of this type?
//!
//! The typed streams are generated from introspection data; these functions let a test
//! verify each of them against the running library, for abstract types and interfaces too.

use glib::{object::Class, prelude::*, value::FromValue, ParamFlags};

use crate::{
    args::{rust_type_name, SignalArgs, SignalReturn},
    connect::{resolve_in, Resolved},
    error::{ConnectError, ConnectErrorKind},
    raw::{find_interface_property, init_interface},
};

/// Checks, without connecting, that instances of `type_` have `signal` (`"name"` or
/// `"name::detail"`), that `A` fits its parameters and that it needs no return value: the
/// checks [`connect_stream_typed`](crate::prelude::SignalStreamExt::connect_stream_typed)
/// makes.
///
/// `type_` may be a class, abstract or not, or an interface. For `notify::name` on a class,
/// the property must exist; on an interface the detail is not checked.
///
/// ```
/// use glib::prelude::*;
///
/// let activate = glib_signal_stream::check_signal::<(Option<glib::Variant>,)>(
///     gio::SimpleAction::static_type(),
///     "activate",
/// );
/// assert_eq!(activate, Ok(()));
/// ```
pub fn check_signal<A: SignalArgs>(type_: glib::Type, signal: &str) -> Result<(), ConnectError> {
    let resolved = resolve_type::<A>(type_, signal)?;
    resolved.check_no_return()
}

/// Like [`check_signal`], for a signal answered by a handler returning `R` (the checks of
/// [`SignalStreamBuilder::answer`](crate::SignalStreamBuilder::answer)).
pub fn check_signal_with_return<A, R, M>(
    type_: glib::Type,
    signal: &str,
) -> Result<(), ConnectError>
where
    A: SignalArgs,
    R: SignalReturn<M>,
{
    let resolved = resolve_type::<A>(type_, signal)?;
    resolved.check_return::<R, M>()
}

fn resolve_type<A: SignalArgs>(type_: glib::Type, signal: &str) -> Result<Resolved, ConnectError> {
    // Signals are installed by class and interface initialization: reference the class (held
    // until the lookup is done) or initialize the interface first.
    let interface = type_.is_a(glib::Type::INTERFACE);
    let class = (!interface)
        .then(|| Class::<glib::Object>::from_type(type_))
        .flatten();
    if interface {
        init_interface(type_);
    }
    let resolved = resolve_in(type_, signal, |name| {
        class.as_ref().map(|class| class.find_property(name))
    })?;
    resolved.check_args::<A>()?;
    Ok(resolved)
}

/// Checks, without an instance, that instances of `type_` have a readable property
/// `property` holding a `T`: the checks
/// [`property_stream`](crate::prelude::SignalStreamExt::property_stream) makes.
///
/// `type_` may be a class, abstract or not, or an interface.
///
/// ```
/// use glib::prelude::*;
/// use glib_signal_stream::{check_property, ConnectErrorKind};
///
/// let action = gio::SimpleAction::static_type();
/// assert_eq!(check_property::<bool>(action, "enabled"), Ok(()));
/// let err = check_property::<String>(action, "enabled").unwrap_err();
/// assert!(matches!(err.kind(), ConnectErrorKind::PropertyTypeMismatch { .. }));
/// ```
pub fn check_property<T>(type_: glib::Type, property: &str) -> Result<(), ConnectError>
where
    T: for<'a> FromValue<'a> + StaticType,
{
    // The class is referenced (its properties installed) until the lookup is done.
    let pspec = if type_.is_a(glib::Type::INTERFACE) {
        find_interface_property(type_, property)
    } else {
        Class::<glib::Object>::from_type(type_)
            .filter(|_| !property.contains('\0'))
            .and_then(|class| class.find_property(property))
    };
    let type_name = || type_.name().to_owned();
    let pspec = pspec.ok_or_else(|| {
        ConnectError::new(
            type_name(),
            ConnectErrorKind::UnknownProperty {
                property: property.to_owned(),
            },
        )
    })?;
    if !pspec.flags().contains(ParamFlags::READABLE) {
        return Err(ConnectError::new(
            type_name(),
            ConnectErrorKind::PropertyNotReadable {
                property: property.to_owned(),
            },
        ));
    }
    if !pspec.value_type().is_a(T::static_type()) {
        return Err(ConnectError::new(
            type_name(),
            ConnectErrorKind::PropertyTypeMismatch {
                property: property.to_owned(),
                expected: pspec.value_type().name().to_owned(),
                requested: rust_type_name::<T>(),
            },
        ));
    }
    Ok(())
}
