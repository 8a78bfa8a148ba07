//! Typed streams whose items gtk4-rs types more richly than the signal declares
//! (`gtk::ResponseType` for `GtkDialog::response`'s `gint`): connected and checked as the
//! signal's own types, converted by a function inside the emission. For the generated streams.
//!
//! A stream of one signal of the many builder, whose `signal(name, map)` is exactly that: the
//! same checks, queue, in-order handler and lifetime as every other stream.

use crate::{args::SignalArgs, many_builder::ManySignalStreamBuilder, stream::SignalStream};

/// A stream of `signal` on `obj`, checked as `A` and yielding `map(A)`; panics with the
/// [`ConnectError`](crate::ConnectError) message if it cannot be connected.
#[track_caller]
pub(crate) fn stream_map<A, B, F>(obj: &glib::Object, signal: &str, map: F) -> SignalStream<B>
where
    A: SignalArgs,
    B: 'static,
    F: Fn(A) -> B + 'static,
{
    ManySignalStreamBuilder::new(obj)
        .signal(signal, map)
        .build()
        .into_single()
}

/// [`stream_map`] whose `handler` runs inside each emission with the item before it is queued.
#[track_caller]
pub(crate) fn stream_map_with<A, B, F>(
    obj: &glib::Object,
    signal: &str,
    map: F,
    handler: impl Fn(&B) + 'static,
) -> SignalStream<B>
where
    A: SignalArgs,
    B: 'static,
    F: Fn(A) -> B + 'static,
{
    ManySignalStreamBuilder::new(obj)
        .signal(signal, map)
        .handler(handler)
        .build()
        .into_single()
}
