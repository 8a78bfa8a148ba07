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
    connect::{is_valid_name, resolve, Resolved},
    connection::Connection,
    error::{ConnectError, ConnectErrorKind},
    queue::{send_if_empty, BufferPolicy, Flavor, Local, QueueLock, Sender, Threaded},
    stream::SignalStream,
    thread_bound::ThreadBound,
    trampoline::{closure, AnyThread, Receive},
};

/// A stream of a property's values: the current value first, then the new value after each
/// change (`notify::name`).
///
/// Created by [`property_stream`](crate::prelude::SignalStreamExt::property_stream). It keeps
/// only the latest value ([`BufferPolicy::Latest`]): if the property changes ten times before
/// the consumer polls, the consumer sees the latest value once, and memory stays bounded
/// whatever the emitter does. It ends when the object is disposed.
///
/// # NULL
///
/// A property that may be `NULL` (a string, an object, a boxed type) is best streamed as an
/// `Option<T>`: a `NULL` that the requested `T` cannot hold (`String`) is not delivered and
/// logs a critical in [`LOG_DOMAIN`](crate::LOG_DOMAIN).
///
/// # Threads
///
/// A local `PropertyStream<T>` reads the property on the connecting thread only. A
/// [`SendPropertyStream`] (from
/// `signal_stream_builder("notify::name").property::<T>().send()`, for a `Send + Sync`
/// object) reads it on whatever thread notifies.
///
/// Either connects its `notify` handler first and reads the current value after, so a change
/// made meanwhile (on another thread) is either that value or notified; the value read is
/// queued only if no notification has queued a newer one. GLib runs `notify` handlers of one
/// property one emission at a time (`G_SIGNAL_NO_RECURSE`, across threads), so values are
/// queued in the order they were read and the stream never ends at a stale value.
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
#[must_use = "dropping a signal stream disconnects its handler: keep the stream, or poll it in a task"]
pub struct PropertyStream<T, F: Flavor = Local>(SignalStream<T, F>);

/// A [`PropertyStream`] of a `Send + Sync` object of Rust type `O`, notified on any thread.
pub type SendPropertyStream<T, O = glib::Object> = PropertyStream<T, Threaded<O>>;

/// The property a stream reads, through the `GParamSpec` found when connecting.
#[derive(Clone)]
struct Property {
    pspec: glib::ParamSpec,
    type_name: &'static str,
}

impl Property {
    /// The property's value as a `T`, or a critical when it is a `NULL` a `T` cannot hold.
    fn read<T>(&self, obj: &glib::Object) -> Option<T>
    where
        T: for<'a> FromValue<'a> + 'static,
    {
        let value = crate::raw::property_value(obj, &self.pspec);
        match value.get::<T>() {
            Ok(value) => Some(value),
            Err(_) => {
                glib::g_critical!(
                    crate::LOG_DOMAIN,
                    "property '{}' of '{}' is NULL, which the stream's {} cannot hold (use an \
                     Option); the value is dropped from the stream",
                    self.pspec.name(),
                    self.type_name,
                    rust_type_name::<T>()
                );
                None
            }
        }
    }

    /// Queues the value a stream starts with, read once its `notify` handler is connected: a
    /// change made meanwhile (on another thread, for a [`SendPropertyStream`]) is then either
    /// seen by this read or notified to the handler. The value is queued only if the handler
    /// has not queued one already, which is at least as new.
    fn send_first<T, F>(&self, obj: &glib::Object, queue: &F::Queue<T>)
    where
        T: for<'a> FromValue<'a> + 'static,
        F: QueueLock,
    {
        if let Some(current) = self.read(obj) {
            send_if_empty::<T, F>(queue, current);
        }
    }
}

/// Reads the property in each `notify` emission, and queues its value.
struct ReadProperty<T, F: QueueLock> {
    sender: Sender<T, F>,
    property: Property,
}

impl<T, F> Receive<(glib::ParamSpec,)> for ReadProperty<T, F>
where
    T: for<'a> FromValue<'a> + 'static,
    F: QueueLock + 'static,
{
    const ANSWERS: bool = false;

    fn receive(&self, emitter: &Value, (pspec,): (glib::ParamSpec,)) -> Option<Value> {
        if pspec != self.property.pspec {
            // `g_object_notify_by_pspec` with another class's pspec of the same name.
            glib::g_critical!(
                crate::LOG_DOMAIN,
                "'notify::{}' of '{}' emitted with a GParamSpec of '{}', not the object's own; \
                 ignored by its property stream",
                self.property.pspec.name(),
                self.property.type_name,
                pspec.owner_type().name()
            );
            return None;
        }
        if let Some(value) = emitter
            .get::<glib::Object>()
            .ok()
            .and_then(|obj| self.property.read(&obj))
        {
            self.sender.send(value);
        }
        None
    }
}

/// Checks that `obj` has a readable property `property` holding a `T`; resolves its `notify`.
fn check<T: StaticType>(
    obj: &glib::Object,
    property: &str,
) -> Result<(glib::ParamSpec, Resolved), ConnectError> {
    let type_name = obj.type_().name();
    // GLib warns about names it considers invalid: refuse them before asking.
    let pspec = is_valid_name(property)
        .then(|| obj.find_property(property))
        .flatten()
        .ok_or_else(|| {
            ConnectError::new(
                type_name.to_owned(),
                ConnectErrorKind::UnknownProperty {
                    property: property.to_owned(),
                },
            )
        })?;
    if !pspec.flags().contains(ParamFlags::READABLE) {
        return Err(ConnectError::new(
            type_name.to_owned(),
            ConnectErrorKind::PropertyNotReadable {
                property: property.to_owned(),
            },
        ));
    }
    if !pspec.value_type().is_a(T::static_type()) {
        return Err(ConnectError::new(
            type_name.to_owned(),
            ConnectErrorKind::PropertyTypeMismatch {
                property: property.to_owned(),
                expected: pspec.value_type().name().to_owned(),
                requested: rust_type_name::<T>(),
            },
        ));
    }
    // Canonical name: `notify` details use it, and `property` may use `_` for `-`.
    let resolved = resolve(obj, &format!("notify::{}", pspec.name()))?;
    Ok((pspec, resolved))
}

impl<T> PropertyStream<T>
where
    T: for<'a> FromValue<'a> + StaticType + 'static,
{
    pub(crate) fn connect(
        obj: &glib::Object,
        property: &str,
        after: bool,
    ) -> Result<Self, ConnectError> {
        let (pspec, resolved) = check::<T>(obj, property)?;
        let queue = Local::new_queue(BufferPolicy::Latest);
        let property = Property {
            pspec,
            type_name: obj.type_().name(),
        };
        let reader = ReadProperty::<T, Local> {
            sender: Sender::new(queue.clone()),
            property: property.clone(),
        };
        let handler = resolved.connect(
            obj,
            after,
            closure(ThreadBound::new(reader), resolved.info.clone()),
        );
        property.send_first::<T, Local>(obj, &queue);
        Ok(Self(SignalStream::new(
            queue,
            Connection::new(obj, handler, &resolved),
        )))
    }
}

impl<T, O> PropertyStream<T, Threaded<O>>
where
    T: for<'a> FromValue<'a> + StaticType + Send + 'static,
    O: ObjectType + Send + Sync,
{
    pub(crate) fn connect_send(
        emitter: &O,
        property: &str,
        after: bool,
    ) -> Result<Self, ConnectError> {
        let obj = crate::raw::as_object(emitter);
        let (pspec, resolved) = check::<T>(obj, property)?;
        let queue = Threaded::<O>::new_queue(BufferPolicy::Latest);
        let property = Property {
            pspec,
            type_name: obj.type_().name(),
        };
        let reader = ReadProperty::<T, Threaded<O>> {
            sender: Sender::new(queue.clone()),
            property: property.clone(),
        };
        let handler = resolved.connect(
            obj,
            after,
            closure(AnyThread(reader), resolved.info.clone()),
        );
        property.send_first::<T, Threaded<O>>(obj, &queue);
        Ok(Self(SignalStream::new(
            queue,
            Connection::new(emitter, handler, &resolved),
        )))
    }
}

impl<T, F: Flavor> PropertyStream<T, F> {
    /// How many values were replaced by newer ones before the consumer saw them.
    pub fn dropped_count(&self) -> u64 {
        self.0.dropped_count()
    }

    /// The object, if it is still alive.
    pub fn emitter(&self) -> Option<F::Emitter> {
        self.0.emitter()
    }

    /// Whether the `notify` handler is still connected.
    pub fn is_connected(&self) -> bool {
        self.0.is_connected()
    }

    /// The underlying signal stream (with [`BufferPolicy::Latest`]).
    pub fn into_inner(self) -> SignalStream<T, F> {
        self.0
    }
}

impl<T, F: Flavor> Stream for PropertyStream<T, F> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        Pin::new(&mut self.0).poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl<T, F: Flavor> FusedStream for PropertyStream<T, F> {
    fn is_terminated(&self) -> bool {
        self.0.is_terminated()
    }
}

impl<T, F: Flavor> fmt::Debug for PropertyStream<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PropertyStream").field(&self.0).finish()
    }
}
