//! What the generated typed streams (`gtk_streams::auto`, `gio_streams::auto` and their
//! `events`) call: each generated method is a call to one of these, so that the hundreds of
//! methods stay one-liners and nothing is compiled for a signal or property nobody streams.
//! `mapped` holds the streams whose items gtk4-rs types more richly than the signal,
//! `response` the conversion of GTK's dialogs' responses.

#[cfg(feature = "gtk")]
mod mapped;
#[cfg(feature = "gtk")]
mod response;

use std::borrow::Cow;

use glib::{prelude::*, value::FromValue};

#[cfg(feature = "gtk")]
pub(crate) use self::mapped::{stream_map, stream_map_with};
#[cfg(feature = "gtk")]
pub(crate) use self::response::response_type;
use crate::{
    args::{SignalArgs, SignalReturn},
    ext::SignalStreamExt,
    property::{PropertyStream, SendPropertyStream},
    stream::{SendSignalStream, SignalStream},
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
    obj.signal_stream_builder(signal)
        .typed()
        .answer(handler)
        .build()
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

/// A typed [`SendPropertyStream`] of `property` on `obj`, a `Send + Sync` emitter; panics
/// with the [`ConnectError`](crate::ConnectError) message if it cannot be connected.
#[track_caller]
pub(crate) fn property_send<O, T>(obj: &O, property: &str) -> SendPropertyStream<T, O>
where
    O: glib::prelude::ObjectType + Send + Sync,
    T: for<'a> FromValue<'a> + StaticType + Send + 'static,
{
    let notify = format!("notify::{property}");
    obj.signal_stream_builder(&notify).property().send().build()
}

/// A typed [`SendSignalStream`] of `signal` on `obj`, a `Send + Sync` emitter; panics with the
/// [`ConnectError`](crate::ConnectError) message if it cannot be connected.
#[track_caller]
pub(crate) fn send_stream<O, A>(obj: &O, signal: &str) -> SendSignalStream<A, O>
where
    O: glib::prelude::ObjectType + Send + Sync,
    A: SignalArgs + Send,
{
    obj.signal_stream_builder(signal).typed().send().build()
}

/// A typed [`SendSignalStream`] of `signal` on `obj` whose `handler` answers the emitter on
/// whatever thread emits (for `()`, runs there: the `_stream_with` forms).
#[track_caller]
pub(crate) fn send_stream_with_return<O, A, R, M>(
    obj: &O,
    signal: &str,
    handler: impl Fn(&A) -> R + Send + Sync + 'static,
) -> SendSignalStream<A, O>
where
    O: glib::prelude::ObjectType + Send + Sync,
    A: SignalArgs + Send,
    R: SignalReturn<M>,
    M: 'static,
{
    obj.signal_stream_builder(signal)
        .typed()
        .answer(handler)
        .send()
        .build()
}
