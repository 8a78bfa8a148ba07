//! [`SignalStreamExt`]: signal and property streams on every GObject.

use glib::{prelude::*, value::FromValue, Value};

use crate::{
    args::SignalArgs,
    builder::SignalStreamBuilder,
    error::{or_panic, ConnectError},
    events::SignalEvents,
    future::SignalFuture,
    many::ManySignalStream,
    many_builder::ManySignalStreamBuilder,
    property::PropertyStream,
    raw::as_object,
    stream::SignalStream,
};

/// Signal streams, signal futures and property streams, for every [`glib::Object`] type.
///
/// Four shortcuts for the everyday cases, each with its `try_` form, and two builders for
/// everything else:
///
/// | to get | shortcut | with options |
/// |---|---|---|
/// | every emission's parameter values | [`connect_stream`](Self::connect_stream) | [`signal_stream_builder`](Self::signal_stream_builder) |
/// | every emission, typed | [`connect_stream_typed`](Self::connect_stream_typed) | `.typed::<A>()` |
/// | the next emission | [`signal_future`](Self::signal_future) | `.future()` |
/// | a property's values | [`property_stream`](Self::property_stream) | `signal_stream_builder("notify::name").property::<T>()` |
/// | several signals, in emission order | [`events_stream`](Self::events_stream) | [`signal_stream_many_builder`](Self::signal_stream_many_builder) |
///
/// The builders set one axis per method: run after the class handler, the buffer policy, a
/// handler inside the emission, an answer to the emitter, emissions from any thread (`Send`).
///
/// `signal` is a signal name, optionally with a detail (`"notify::label"`). Each method
/// checks the signal and the requested types when connecting: the `try_` forms return the
/// [`ConnectError`], the others panic with its message, like `glib`'s own `connect`.
pub trait SignalStreamExt: ObjectType {
    /// Connects a stream of `signal`'s emissions, each item the parameter values in order
    /// (without the emitter).
    ///
    /// The handler is connected before this returns; it holds the emitter weakly and is
    /// disconnected when the stream is dropped; the stream ends when the emitter is
    /// disposed. See [`SignalStream`].
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream`](Self::try_connect_stream) would fail, with its message.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("open", Some(glib::VariantTy::STRING));
    /// let mut activations = action.connect_stream("activate");
    /// action.activate(Some(&"README.md".to_variant()));
    ///
    /// let args = glib::MainContext::default().block_on(activations.next()).unwrap();
    /// let param = args[0].get::<Option<glib::Variant>>().unwrap().unwrap();
    /// assert_eq!(param.str(), Some("README.md"));
    /// ```
    #[doc(alias = "g_signal_connect_closure")]
    #[track_caller]
    fn connect_stream(&self, signal: &str) -> SignalStream<Vec<Value>> {
        self.signal_stream_builder(signal).build()
    }

    /// Fallible form of [`connect_stream`](Self::connect_stream).
    ///
    /// Fails if the signal does not exist, its detail is malformed or not supported, or its
    /// handlers must return a value (answer it with the builder's
    /// [`answer`](SignalStreamBuilder::answer)).
    #[doc(alias = "g_signal_connect_closure")]
    fn try_connect_stream(&self, signal: &str) -> Result<SignalStream<Vec<Value>>, ConnectError> {
        self.signal_stream_builder(signal).try_build()
    }

    /// Connects a stream of typed items: `A` is a tuple of the parameters' Rust types,
    /// checked against the signal's definition now.
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_typed`](Self::try_connect_stream_typed) would fail.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("zoom", Some(glib::VariantTy::INT32));
    /// let mut zooms = action.connect_stream_typed::<(Option<glib::Variant>,)>("activate");
    /// action.activate(Some(&150i32.to_variant()));
    /// drop(action);
    /// let (level,) = glib::MainContext::default().block_on(zooms.next()).unwrap();
    /// assert_eq!(level.and_then(|v| v.get::<i32>()), Some(150));
    /// ```
    #[doc(alias = "g_signal_connect_closure")]
    #[track_caller]
    fn connect_stream_typed<A: SignalArgs>(&self, signal: &str) -> SignalStream<A> {
        self.signal_stream_builder(signal).typed().build()
    }

    /// Fallible form of [`connect_stream_typed`](Self::connect_stream_typed); fails also
    /// with [`ConnectErrorKind::ArgumentMismatch`](crate::ConnectErrorKind::ArgumentMismatch)
    /// when `A` does not fit the parameters.
    ///
    /// ```
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("zoom", None);
    /// let err = action.try_connect_stream_typed::<(u32,)>("activate").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "signal 'activate' of type 'GSimpleAction' has parameters (GVariant); requested (u32)"
    /// );
    /// ```
    #[doc(alias = "g_signal_connect_closure")]
    fn try_connect_stream_typed<A: SignalArgs>(
        &self,
        signal: &str,
    ) -> Result<SignalStream<A>, ConnectError> {
        self.signal_stream_builder(signal).typed().try_build()
    }

    /// A future resolving to the next emission's parameter values, or `None` if the emitter
    /// is disposed first. See [`SignalFuture`]; typed, or on any thread, with
    /// [`signal_stream_builder`](Self::signal_stream_builder)`(signal).future()`.
    ///
    /// # Panics
    ///
    /// If [`try_signal_future`](Self::try_signal_future) would fail.
    #[track_caller]
    fn signal_future(&self, signal: &str) -> SignalFuture<Vec<Value>> {
        self.signal_stream_builder(signal).future().build()
    }

    /// Fallible form of [`signal_future`](Self::signal_future).
    fn try_signal_future(&self, signal: &str) -> Result<SignalFuture<Vec<Value>>, ConnectError> {
        self.signal_stream_builder(signal).future().try_build()
    }

    /// A stream of property `name`'s value: the current value, then the latest value after
    /// changes. See [`PropertyStream`]; on any thread with
    /// `signal_stream_builder("notify::name").property::<T>().send()`.
    ///
    /// For a property that may be `NULL` (a string, an object), request an `Option<T>`: a
    /// `NULL` that `T` cannot hold is not delivered and logs a critical in
    /// [`LOG_DOMAIN`](crate::LOG_DOMAIN).
    ///
    /// # Panics
    ///
    /// If [`try_property_stream`](Self::try_property_stream) would fail.
    #[doc(alias = "notify")]
    #[track_caller]
    fn property_stream<T>(&self, name: &str) -> PropertyStream<T>
    where
        T: for<'a> FromValue<'a> + StaticType + 'static,
    {
        or_panic(self.try_property_stream(name))
    }

    /// Fallible form of [`property_stream`](Self::property_stream): fails if the property does
    /// not exist, is not readable, or does not hold a `T`.
    #[doc(alias = "notify")]
    fn try_property_stream<T>(&self, name: &str) -> Result<PropertyStream<T>, ConnectError>
    where
        T: for<'a> FromValue<'a> + StaticType + 'static,
    {
        PropertyStream::connect(as_object(self), name, false)
    }

    /// One ordered stream of the signals of `E::Emitter` (a type this object is), as `E`'s
    /// variants: for example `factory.events_stream::<SignalListItemFactoryEvent>()`. See
    /// [`SignalEvents`]; with a handler or other options,
    /// [`signal_stream_many_builder`](Self::signal_stream_many_builder)`().events()`.
    ///
    /// # Panics
    ///
    /// If [`try_events_stream`](Self::try_events_stream) would fail.
    #[track_caller]
    fn events_stream<E: SignalEvents>(&self) -> ManySignalStream<E>
    where
        Self: IsA<E::Emitter>,
    {
        or_panic(self.try_events_stream())
    }

    /// Fallible form of [`events_stream`](Self::events_stream).
    fn try_events_stream<E: SignalEvents>(&self) -> Result<ManySignalStream<E>, ConnectError>
    where
        Self: IsA<E::Emitter>,
    {
        self.signal_stream_many_builder().events().try_build()
    }

    /// A builder for one signal with options, one per method: run after the class handler,
    /// buffer policy, typed items, a handler inside the emission, an answer to the emitter,
    /// emissions from any thread, the next emission only, a property's values. See
    /// [`SignalStreamBuilder`].
    fn signal_stream_builder<'a>(&'a self, signal: &'a str) -> SignalStreamBuilder<'a, Self> {
        SignalStreamBuilder::new(self, signal)
    }

    /// A builder for one stream of several signals, in emission order, whose items are of your
    /// own type (an enum with a variant per signal), the signals' indices and values, or a
    /// [`SignalEvents`] type's. See [`ManySignalStreamBuilder`].
    fn signal_stream_many_builder<T: 'static>(&self) -> ManySignalStreamBuilder<'_, T, Self> {
        ManySignalStreamBuilder::new(self)
    }
}

impl<O: ObjectType> SignalStreamExt for O {}
