//! [`PropertyStream`]: a property's value now and after every change.

use std::{
    fmt,
    pin::Pin,
    task::{Context, Poll},
};

use futures_core::{stream::FusedStream, Stream};
use glib::{prelude::*, value::FromValue, ParamFlags, Value};

use crate::{
    args::rust_type_name,
    buffer::BufferPolicy,
    channel::{sealed::Sealed, Local, Sender},
    connect::resolve,
    connection::Connection,
    error::ConnectError,
    ffi::ThreadBound,
    stream::SignalStream,
    trampoline::{closure, Receive},
};

/// A stream of a property's values: the current value first, then the new value after each
/// change (`notify::name`).
///
/// Created by [`property_stream`](crate::prelude::SignalStreamExt::property_stream). It keeps
/// only the latest value ([`BufferPolicy::Latest`]): if the property changes ten times before
/// the consumer polls, the consumer sees the latest value once, and memory stays bounded
/// whatever the emitter does. It ends when the object is disposed.
///
/// ```
/// use futures_util::StreamExt;
/// use gio::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// let action = gio::SimpleAction::new("save", None);
/// let mut enabled = action.property_stream::<bool>("enabled");
/// glib::MainContext::default().block_on(async {
///     assert_eq!(enabled.next().await, Some(true)); // the current value
///     action.set_enabled(false);
///     action.set_enabled(true);
///     action.set_enabled(false);
///     assert_eq!(enabled.next().await, Some(false)); // only the latest
///     assert_eq!(enabled.dropped_count(), 2);
/// });
/// ```
#[must_use = "streams do nothing unless polled"]
pub struct PropertyStream<T>(SignalStream<T>);

/// Reads the property in each `notify` emission and keeps the latest value.
struct Latest<T> {
    sender: Sender<T, Local>,
}

impl<T> Receive<(glib::ParamSpec,)> for Latest<T>
where
    T: for<'a> FromValue<'a> + 'static,
{
    fn receive(&self, emitter: &Value, (pspec,): (glib::ParamSpec,)) -> Option<Value> {
        // The property was checked to exist, be readable and hold a `T` when connecting.
        if let Ok(obj) = emitter.get::<glib::Object>() {
            if let Ok(value) = obj.property_value(pspec.name()).get::<T>() {
                self.sender.send(value);
            }
        }
        None
    }
}

impl<T> PropertyStream<T>
where
    T: for<'a> FromValue<'a> + StaticType + 'static,
{
    pub(crate) fn connect(obj: &glib::Object, property: &str) -> Result<Self, ConnectError> {
        let type_name = obj.type_().name();
        // GLib reads names as C strings: "count\0x" would silently mean "count".
        let pspec = (!property.contains('\0'))
            .then(|| obj.find_property(property))
            .flatten()
            .ok_or_else(|| ConnectError::UnknownProperty {
                type_name: type_name.to_owned(),
                property: property.to_owned(),
            })?;
        if !pspec.flags().contains(ParamFlags::READABLE) {
            return Err(ConnectError::PropertyNotReadable {
                type_name: type_name.to_owned(),
                property: property.to_owned(),
            });
        }
        if !pspec.value_type().is_a(T::static_type()) {
            return Err(ConnectError::PropertyTypeMismatch {
                type_name: type_name.to_owned(),
                property: property.to_owned(),
                expected: pspec.value_type().name().to_owned(),
                requested: rust_type_name::<T>(),
            });
        }
        // Canonical name: `notify` details use it, and `property` may use `_` for `-`.
        let resolved = resolve(obj, &format!("notify::{}", pspec.name()))?;
        let current = obj.property_value(pspec.name()).get::<T>();

        let queue = Local::new_queue(BufferPolicy::Latest);
        let sender = Sender::new(queue.clone());
        if let Ok(current) = current {
            sender.send(current);
        }
        let state = ThreadBound::new(Latest { sender });
        let handler = resolved.connect(obj, false, closure(state, resolved.info.clone()));
        Ok(Self(SignalStream::new(
            queue,
            Connection::new(obj, handler),
        )))
    }
}

impl<T> PropertyStream<T> {
    /// How many values were replaced by newer ones before the consumer saw them.
    pub fn dropped_count(&self) -> u64 {
        self.0.dropped_count()
    }

    /// The object, if it is still alive.
    pub fn emitter(&self) -> Option<glib::Object> {
        self.0.emitter()
    }

    /// Whether the `notify` handler is still connected.
    pub fn is_connected(&self) -> bool {
        self.0.is_connected()
    }

    /// The underlying signal stream (with [`BufferPolicy::Latest`]).
    pub fn into_inner(self) -> SignalStream<T> {
        self.0
    }
}

impl<T> Stream for PropertyStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        Pin::new(&mut self.0).poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T> FusedStream for PropertyStream<T> {
    fn is_terminated(&self) -> bool {
        self.0.is_terminated()
    }
}

impl<T> fmt::Debug for PropertyStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PropertyStream").field(&self.0).finish()
    }
}
