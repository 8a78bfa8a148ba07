//! [`ManySignalStream`]: the emissions of several signals of one object, in one stream, in the
//! order they happened.

use std::{
    fmt,
    pin::Pin,
    task::{Context, Poll},
};

use futures_core::{stream::FusedStream, Stream};

use crate::{connection::Connection, queue::BufferPolicy, stream::SignalStream};

/// A stream of the emissions of several signals of one object, in emission order.
///
/// Created by a [`ManySignalStreamBuilder`](crate::ManySignalStreamBuilder): items of your
/// own type (an enum with one variant per signal), `(index, parameters)` pairs
/// ([`signals`](crate::ManySignalStreamBuilder::signals)), or a
/// [`SignalEvents`](crate::SignalEvents) type's
/// ([`events_stream`](crate::prelude::SignalStreamExt::events_stream)).
///
/// One handler is connected per signal, and all of them feed one queue: an item is queued
/// when its handler runs, so the stream yields the emissions in the order GLib ran the
/// handlers, across signals, including emissions made from inside another handler. Merging
/// one stream per signal (`select!`, `futures::stream::select`) cannot keep that order: each
/// stream is polled in turn, and which one wins is up to the poll order.
///
/// # Disconnection
///
/// Dropping the stream disconnects every handler at once; [`disconnect`](Self::disconnect)
/// does the same but keeps the stream, which then yields what was queued and ends.
///
/// # End of stream
///
/// The stream never keeps its emitter alive. It ends, after what is queued, once every
/// handler is gone: when the emitter is disposed (GLib destroys all its handlers).
///
/// # Threads and buffering
///
/// Like a local [`SignalStream`]: its handlers run only on the connecting thread (an emission
/// from another thread is dropped with a critical), and its [`BufferPolicy`] applies to the
/// one queue, whatever signal an item came from.
///
/// # Example
///
/// ```
/// use futures_util::StreamExt;
/// use gio::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// let action = gio::SimpleAction::new_stateful("mode", None, &1i32.to_variant());
/// let mut events = action.signal_stream_many_builder().signals(&["activate", "change-state"]).build();
/// action.activate(None);
/// action.change_state(&2i32.to_variant());
/// action.activate(None);
/// drop(action); // disposed: the stream ends after what is queued
///
/// let order: Vec<usize> = glib::MainContext::default()
///     .block_on(events.map(|(index, _params)| index).collect());
/// assert_eq!(order, [0, 1, 0]);
/// ```
#[must_use = "dropping a signal stream disconnects its handler: keep the stream, or poll it in a task"]
pub struct ManySignalStream<T> {
    // Declared first, so dropped first: every other handler is disconnected before `stream`
    // disconnects the first one and drops what is queued.
    rest: Vec<Connection<glib::Object>>,
    stream: SignalStream<T>,
}

impl<T> ManySignalStream<T> {
    pub(crate) fn new(stream: SignalStream<T>, rest: Vec<Connection<glib::Object>>) -> Self {
        Self { rest, stream }
    }

    /// The stream of a builder given one signal, which has no other handler to keep (the
    /// generated GTK streams whose items are mapped).
    #[cfg(feature = "gtk")]
    pub(crate) fn into_single(self) -> SignalStream<T> {
        debug_assert!(self.rest.is_empty(), "a stream of several signals");
        self.stream
    }

    /// How many items are queued.
    pub fn len(&self) -> usize {
        self.stream.len()
    }

    /// Whether no item is queued.
    pub fn is_empty(&self) -> bool {
        self.stream.is_empty()
    }

    /// How many items the [`BufferPolicy`] discarded so far.
    pub fn dropped_count(&self) -> u64 {
        self.stream.dropped_count()
    }

    /// The buffer policy in force.
    pub fn policy(&self) -> BufferPolicy {
        self.stream.policy()
    }

    /// Switches to `policy`, applying it to the items already queued.
    pub fn set_policy(&mut self, policy: BufferPolicy) {
        self.stream.set_policy(policy);
    }

    /// This stream with `policy` applied; see [`set_policy`](Self::set_policy).
    pub fn with_policy(mut self, policy: BufferPolicy) -> Self {
        self.set_policy(policy);
        self
    }

    /// Whether any of the handlers is still connected.
    pub fn is_connected(&self) -> bool {
        self.stream.is_connected() || self.rest.iter().any(Connection::is_connected)
    }

    /// The emitter, if it is still alive.
    pub fn emitter(&self) -> Option<glib::Object> {
        self.stream.emitter()
    }

    /// Disconnects every handler now. The stream then yields what is already queued and ends.
    #[doc(alias = "g_signal_handler_disconnect")]
    pub fn disconnect(&mut self) {
        for connection in &mut self.rest {
            connection.disconnect();
        }
        self.stream.disconnect();
    }
}

impl<T> Stream for ManySignalStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        Pin::new(&mut self.stream).poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.stream.size_hint()
    }
}

impl<T> FusedStream for ManySignalStream<T> {
    fn is_terminated(&self) -> bool {
        self.stream.is_terminated()
    }
}

impl<T> Unpin for ManySignalStream<T> {}

impl<T> fmt::Debug for ManySignalStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManySignalStream")
            .field("signals", &(self.rest.len() + 1))
            .field("queued", &self.len())
            .field("dropped", &self.dropped_count())
            .field("policy", &self.policy())
            .field("connected", &self.is_connected())
            .field("terminated", &self.is_terminated())
            .finish()
    }
}
