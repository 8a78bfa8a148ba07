//! Connect-time checks without an instance: does a type have this signal, with these
//! parameter and return types?
//!
//! The typed streams are generated from introspection data; these functions let a test
//! verify each of them against the running library, for abstract types and interfaces too.

use glib::{object::Class, prelude::*};

use crate::{
    args::{SignalArgs, SignalReturn},
    connect::{resolve_in, Resolved},
    error::ConnectError,
    raw::init_interface,
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
/// [`connect_stream_typed_with_return`](crate::prelude::SignalStreamExt::connect_stream_typed_with_return)).
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
