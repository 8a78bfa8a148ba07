//! What the generated typed streams (`gtk::auto`, `gio::auto`) share: each generated method
//! is a call to one of these, so that the hundreds of methods stay one-liners and nothing is
//! compiled for a signal nobody streams.

use std::borrow::Cow;

use crate::{
    args::{SignalArgs, SignalReturn},
    ext::SignalStreamExt,
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
