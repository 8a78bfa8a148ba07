//! What the generated typed streams (`gtk::auto`, `gio::auto`) share: each generated method
//! is a call to one of these, so that the hundreds of methods stay one-liners and nothing is
//! compiled for a signal or property nobody streams.

use std::borrow::Cow;

use glib::{prelude::*, value::FromValue};

use crate::{
    args::{SignalArgs, SignalReturn},
    ext::SignalStreamExt,
    property::PropertyStream,
    stream::SignalStream,
};

/// `signal`, or `signal::detail`.
pub(crate) fn detailed<'a>(signal: &'a str, detail: Option<&str>) -> Cow<'a, str> {
    match detail {
        Some(detail) => Cow::Owned(format!("{signal}::{detail}")),
        None => Cow::Borrowed(signal),
    }
}

/// A typed stream of `signal` on `obj`; panics with the [`ConnectError`](crate::ConnectError)
/// message if it cannot be connected.
#[track_caller]
pub(crate) fn stream<A: SignalArgs>(obj: &glib::Object, signal: &str) -> SignalStream<A> {
    obj.connect_stream_typed(signal)
}

/// A typed stream of `signal` on `obj` whose `handler` answers the emitter.
#[track_caller]
pub(crate) fn stream_with_return<A, R, M>(
    obj: &glib::Object,
    signal: &str,
    handler: impl Fn(&A) -> R + 'static,
) -> SignalStream<A>
where
    A: SignalArgs,
    R: SignalReturn<M>,
    M: 'static,
{
    obj.connect_stream_typed_with_return(signal, handler)
}

/// A typed stream of `property` on `obj`; panics with the
/// [`ConnectError`](crate::ConnectError) message if it cannot be connected.
#[track_caller]
pub(crate) fn property<T>(obj: &glib::Object, property: &str) -> PropertyStream<T>
where
    T: for<'a> FromValue<'a> + StaticType + 'static,
{
    obj.property_stream(property)
}
