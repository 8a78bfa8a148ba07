//! [`SignalStreamExt`]: signal and property streams on every GObject.

use glib::{prelude::*, value::FromValue, Value};

use crate::{
    args::{SignalArgs, SignalReturn},
    builder::SignalStreamBuilder,
    error::{or_panic, ConnectError},
    events::SignalEvents,
    future::{SendSignalFuture, SignalFuture},
    many::ManySignalStream,
    many_builder::ManySignalStreamBuilder,
    property::{PropertyStream, SendPropertyStream},
    raw::as_object,
    stream::{SendSignalStream, SignalStream},
};

/// Signal streams, signal futures and property streams, for every [`glib::Object`] type.
///
/// `signal` is a signal name, optionally with a detail (`"notify::label"`). Each method
/// checks the signal and the requested types when connecting: the `try_` forms return the
/// [`ConnectError`], the others panic with its message, like `glib`'s own `connect`.
pub trait SignalStreamExt: ObjectType {
    /// A builder for a signal stream with options (run after the class handler, buffer
    /// policy), for any item type and flavor.
    fn signal_stream_builder<'a>(&'a self, signal: &'a str) -> SignalStreamBuilder<'a, Self> {
        SignalStreamBuilder::new(self, signal)
    }

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
    /// handlers must return a value (use
    /// [`connect_stream_with_return`](Self::connect_stream_with_return)).
    #[doc(alias = "g_signal_connect_closure")]
    fn try_connect_stream(&self, signal: &str) -> Result<SignalStream<Vec<Value>>, ConnectError> {
        self.signal_stream_builder(signal).try_build()
    }

    /// Connects a stream for a signal whose handlers return a value.
    ///
    /// `handler` runs synchronously inside each emission with the parameter values (without
    /// the emitter: capture a weak reference if it needs one); its result is returned to the
    /// emitter, and the values are also queued on the stream. `R` is checked against the
    /// signal's return type.
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_with_return`](Self::try_connect_stream_with_return) would fail.
    #[track_caller]
    fn connect_stream_with_return<R, M, H>(
        &self,
        signal: &str,
        handler: H,
    ) -> SignalStream<Vec<Value>>
    where
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&[Value]) -> R + 'static,
    {
        self.signal_stream_builder(signal)
            .build_with_return(move |args: &Vec<Value>| handler(args))
    }

    /// Fallible form of [`connect_stream_with_return`](Self::connect_stream_with_return).
    fn try_connect_stream_with_return<R, M, H>(
        &self,
        signal: &str,
        handler: H,
    ) -> Result<SignalStream<Vec<Value>>, ConnectError>
    where
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&[Value]) -> R + 'static,
    {
        self.signal_stream_builder(signal)
            .try_build_with_return(move |args: &Vec<Value>| handler(args))
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
        self.signal_stream_builder(signal).build()
    }

    /// Fallible form of [`connect_stream_typed`](Self::connect_stream_typed); fails also
    /// with [`ConnectErrorKind::ArgumentMismatch`](crate::ConnectErrorKind::ArgumentMismatch) when `A` does not fit the parameters.
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
    fn try_connect_stream_typed<A: SignalArgs>(
        &self,
        signal: &str,
    ) -> Result<SignalStream<A>, ConnectError> {
        self.signal_stream_builder(signal).try_build()
    }

    /// Connects a typed stream whose `handler` answers the emitter (for example
    /// [`glib::Propagation`] for GTK's `close-request` and `key-pressed`, `bool` for
    /// `GSocketService::incoming`). Both `A` and `R` are checked now.
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_typed_with_return`](Self::try_connect_stream_typed_with_return)
    /// would fail.
    #[track_caller]
    fn connect_stream_typed_with_return<A, R, M, H>(
        &self,
        signal: &str,
        handler: H,
    ) -> SignalStream<A>
    where
        A: SignalArgs,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + 'static,
    {
        self.signal_stream_builder(signal)
            .build_with_return(handler)
    }

    /// Fallible form of
    /// [`connect_stream_typed_with_return`](Self::connect_stream_typed_with_return).
    fn try_connect_stream_typed_with_return<A, R, M, H>(
        &self,
        signal: &str,
        handler: H,
    ) -> Result<SignalStream<A>, ConnectError>
    where
        A: SignalArgs,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + 'static,
    {
        self.signal_stream_builder(signal)
            .try_build_with_return(handler)
    }

    /// Connects a [`SendSignalStream`]: its handler accepts emissions from any thread, and the
    /// stream can be polled from any thread or executor.
    ///
    /// Use it for emitters that fire on other threads (GIO worker threads, GStreamer
    /// streaming threads); use the local streams for GTK widgets and objects used on one
    /// thread: they need no lock.
    ///
    /// The emitter's Rust type must be `Send + Sync`: the stream may release its reference
    /// to the emitter, and [`emitter`](SignalStream::emitter) hands it out, on any thread.
    /// A subclass whose implementation is not `Send` (it holds an `Rc`) is refused at
    /// compile time:
    ///
    /// ```compile_fail,E0277
    /// # use glib::subclass::prelude::*;
    /// # use glib_signal_stream::prelude::*;
    /// # mod imp {
    /// #     use glib::subclass::prelude::*;
    /// #     #[derive(Default)]
    /// #     pub struct Local(pub std::rc::Rc<()>);
    /// #     #[glib::object_subclass]
    /// #     impl ObjectSubclass for Local {
    /// #         const NAME: &'static str = "DocLocalEmitter";
    /// #         type Type = super::Local;
    /// #     }
    /// #     impl ObjectImpl for Local {}
    /// # }
    /// glib::wrapper! { pub struct Local(ObjectSubclass<imp::Local>); }
    ///
    /// # fn main() {
    /// let obj = glib::Object::new::<Local>();
    /// let _stream = obj.connect_stream_send::<(glib::ParamSpec,)>("notify"); // Local: !Send
    /// # }
    /// ```
    ///
    /// while the same subclass with `Send + Sync` state compiles:
    ///
    /// ```
    /// # use glib::subclass::prelude::*;
    /// # use glib_signal_stream::prelude::*;
    /// # mod imp {
    /// #     use glib::subclass::prelude::*;
    /// #     #[derive(Default)]
    /// #     pub struct Shared(pub std::sync::Arc<()>);
    /// #     #[glib::object_subclass]
    /// #     impl ObjectSubclass for Shared {
    /// #         const NAME: &'static str = "DocSharedEmitter";
    /// #         type Type = super::Shared;
    /// #     }
    /// #     impl ObjectImpl for Shared {}
    /// # }
    /// glib::wrapper! { pub struct Shared(ObjectSubclass<imp::Shared>); }
    ///
    /// # fn main() {
    /// let obj = glib::Object::new::<Shared>();
    /// let stream = obj.connect_stream_send::<(glib::ParamSpec,)>("notify");
    /// let emitter: Option<Shared> = stream.emitter(); // its own type, on any thread
    /// assert_eq!(emitter.as_ref(), Some(&obj));
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_send`](Self::try_connect_stream_send) would fail.
    ///
    /// ```
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let cancellable = gio::Cancellable::new(); // `Send + Sync`
    /// let cancelled = cancellable.connect_stream_send::<()>("cancelled");
    /// let worker = cancellable.clone();
    /// std::thread::spawn(move || worker.cancel()).join().unwrap();
    /// let count = std::thread::spawn(move || futures::executor::block_on_stream(cancelled).take(1).count())
    ///     .join()
    ///     .unwrap();
    /// assert_eq!(count, 1);
    /// ```
    #[track_caller]
    fn connect_stream_send<A: SignalArgs + Send>(&self, signal: &str) -> SendSignalStream<A, Self>
    where
        Self: Send + Sync,
    {
        self.signal_stream_builder(signal).build_send()
    }

    /// Fallible form of [`connect_stream_send`](Self::connect_stream_send).
    fn try_connect_stream_send<A: SignalArgs + Send>(
        &self,
        signal: &str,
    ) -> Result<SendSignalStream<A, Self>, ConnectError>
    where
        Self: Send + Sync,
    {
        self.signal_stream_builder(signal).try_build_send()
    }

    /// A [`SendSignalStream`] whose `handler` answers the emitter on whatever thread emits
    /// (so it is `Send + Sync`); see
    /// [`connect_stream_typed_with_return`](Self::connect_stream_typed_with_return).
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_send_with_return`](Self::try_connect_stream_send_with_return)
    /// would fail.
    #[track_caller]
    fn connect_stream_send_with_return<A, R, M, H>(
        &self,
        signal: &str,
        handler: H,
    ) -> SendSignalStream<A, Self>
    where
        Self: Send + Sync,
        A: SignalArgs + Send,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + Send + Sync + 'static,
    {
        self.signal_stream_builder(signal)
            .build_send_with_return(handler)
    }

    /// Fallible form of [`connect_stream_send_with_return`](Self::connect_stream_send_with_return).
    fn try_connect_stream_send_with_return<A, R, M, H>(
        &self,
        signal: &str,
        handler: H,
    ) -> Result<SendSignalStream<A, Self>, ConnectError>
    where
        Self: Send + Sync,
        A: SignalArgs + Send,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + Send + Sync + 'static,
    {
        self.signal_stream_builder(signal)
            .try_build_send_with_return(handler)
    }

    /// A [`SendSignalFuture`] resolving to the next emission of `signal` on any thread, or
    /// `None` if the emitter is disposed first; it can be awaited on any executor.
    ///
    /// ```
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let cancellable = gio::Cancellable::new(); // `Send + Sync`
    /// let cancelled = cancellable.signal_future_send::<()>("cancelled");
    /// let worker = cancellable.clone();
    /// std::thread::spawn(move || worker.cancel()).join().unwrap();
    /// assert_eq!(futures::executor::block_on(cancelled), Some(()));
    /// ```
    ///
    /// # Panics
    ///
    /// If [`try_signal_future_send`](Self::try_signal_future_send) would fail.
    #[track_caller]
    fn signal_future_send<A: SignalArgs + Send>(&self, signal: &str) -> SendSignalFuture<A, Self>
    where
        Self: Send + Sync,
    {
        self.signal_stream_builder(signal).build_future_send()
    }

    /// Fallible form of [`signal_future_send`](Self::signal_future_send).
    fn try_signal_future_send<A: SignalArgs + Send>(
        &self,
        signal: &str,
    ) -> Result<SendSignalFuture<A, Self>, ConnectError>
    where
        Self: Send + Sync,
    {
        self.signal_stream_builder(signal).try_build_future_send()
    }

    /// A future resolving to the next emission's parameter values, or `None` if the emitter
    /// is disposed first. See [`SignalFuture`].
    ///
    /// # Panics
    ///
    /// If [`try_signal_future`](Self::try_signal_future) would fail.
    #[track_caller]
    fn signal_future(&self, signal: &str) -> SignalFuture<Vec<Value>> {
        self.signal_stream_builder(signal).build_future()
    }

    /// Fallible form of [`signal_future`](Self::signal_future).
    fn try_signal_future(&self, signal: &str) -> Result<SignalFuture<Vec<Value>>, ConnectError> {
        self.signal_stream_builder(signal).try_build_future()
    }

    /// A stream of property `name`'s value: the current value, then the latest value after
    /// changes. See [`PropertyStream`].
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
    fn try_property_stream<T>(&self, name: &str) -> Result<PropertyStream<T>, ConnectError>
    where
        T: for<'a> FromValue<'a> + StaticType + 'static,
    {
        PropertyStream::connect(as_object(self), name)
    }

    // Several signals in one stream, and handlers that act inside the emission (issue 18).

    /// Connects one stream of several signals of this object, in emission order: each item
    /// is the index of its signal in `signals` and the parameter values (without the emitter).
    ///
    /// Each signal gets its handler and the same checks as
    /// [`connect_stream`](Self::connect_stream); all are checked before any is connected. The
    /// stream disconnects every handler when dropped and ends when the emitter is disposed.
    /// See [`ManySignalStream`]; for items of your own type (an enum), see
    /// [`signal_stream_many_builder`](Self::signal_stream_many_builder).
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_many`](Self::try_connect_stream_many) would fail.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let cancellable = gio::Cancellable::new();
    /// let mut events = cancellable.connect_stream_many(&["cancelled", "notify"]);
    /// cancellable.cancel();
    /// drop(cancellable);
    /// let (index, params) = glib::MainContext::default().block_on(events.next()).unwrap();
    /// assert_eq!((index, params.len()), (0, 0));
    /// ```
    #[doc(alias = "g_signal_connect_closure")]
    #[track_caller]
    fn connect_stream_many(&self, signals: &[&str]) -> ManySignalStream<(usize, Vec<Value>)> {
        or_panic(self.try_connect_stream_many(signals))
    }

    /// Fallible form of [`connect_stream_many`](Self::connect_stream_many): fails with the
    /// first signal that [`try_connect_stream`](Self::try_connect_stream) would refuse, or
    /// with [`ConnectErrorKind::NoSignal`](crate::ConnectErrorKind::NoSignal) for an empty slice; then nothing is connected.
    #[doc(alias = "g_signal_connect_closure")]
    fn try_connect_stream_many(
        &self,
        signals: &[&str],
    ) -> Result<ManySignalStream<(usize, Vec<Value>)>, ConnectError> {
        indexed(self.signal_stream_many_builder(), signals).try_build()
    }

    /// Like [`connect_stream_many`](Self::connect_stream_many), and `handler` runs inside each
    /// emission with the signal's index and parameters, before the emission returns (for work
    /// the emitter expects done by then: a list item factory's `setup` and `bind`); the item
    /// is then queued.
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_many_with`](Self::try_connect_stream_many_with) would fail.
    #[track_caller]
    fn connect_stream_many_with<H>(
        &self,
        signals: &[&str],
        handler: H,
    ) -> ManySignalStream<(usize, Vec<Value>)>
    where
        H: Fn(usize, &[Value]) + 'static,
    {
        or_panic(self.try_connect_stream_many_with(signals, handler))
    }

    /// Fallible form of [`connect_stream_many_with`](Self::connect_stream_many_with).
    fn try_connect_stream_many_with<H>(
        &self,
        signals: &[&str],
        handler: H,
    ) -> Result<ManySignalStream<(usize, Vec<Value>)>, ConnectError>
    where
        H: Fn(usize, &[Value]) + 'static,
    {
        indexed(self.signal_stream_many_builder(), signals)
            .try_build_with(move |(index, params): &(usize, Vec<Value>)| handler(*index, params))
    }

    /// A builder for one stream of several signals whose items are of your own type (an enum
    /// with a variant per signal, for example). See [`ManySignalStreamBuilder`].
    fn signal_stream_many_builder<T: 'static>(&self) -> ManySignalStreamBuilder<'_, T> {
        ManySignalStreamBuilder::new(as_object(self))
    }

    /// One ordered stream of the signals of `E::Emitter` (a type this object is), as `E`'s
    /// variants: for example `factory.events_stream::<SignalListItemFactoryEvent>()`. See
    /// [`SignalEvents`] and [`connect_stream_many`](Self::connect_stream_many).
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
        E::add_signals(self.signal_stream_many_builder()).try_build()
    }

    /// Like [`events_stream`](Self::events_stream), and `handler` runs inside each emission
    /// with its item, before the emission returns; see
    /// [`ManySignalStreamBuilder::build_with`].
    ///
    /// # Panics
    ///
    /// If [`try_events_stream_with`](Self::try_events_stream_with) would fail.
    #[track_caller]
    fn events_stream_with<E, H>(&self, handler: H) -> ManySignalStream<E>
    where
        E: SignalEvents,
        H: Fn(&E) + 'static,
        Self: IsA<E::Emitter>,
    {
        or_panic(self.try_events_stream_with(handler))
    }

    /// Fallible form of [`events_stream_with`](Self::events_stream_with).
    fn try_events_stream_with<E, H>(&self, handler: H) -> Result<ManySignalStream<E>, ConnectError>
    where
        E: SignalEvents,
        H: Fn(&E) + 'static,
        Self: IsA<E::Emitter>,
    {
        E::add_signals(self.signal_stream_many_builder()).try_build_with(handler)
    }

    /// Connects a stream of `signal` whose `handler` runs inside each emission, before it
    /// returns, with the parameter values; the values are then queued on the stream.
    ///
    /// React later with a stream, act now with a handler: use this for a signal that returns
    /// nothing but whose emitter expects work done during the emission (`GApplication`'s
    /// `activate` must add a window before `run()` checks for one). For signals that return a
    /// value, use [`connect_stream_with_return`](Self::connect_stream_with_return).
    ///
    /// Items are queued in the order their emissions began, also when the handler emits the
    /// same signal again (the outer item comes first).
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_with`](Self::try_connect_stream_with) would fail.
    ///
    /// ```
    /// use std::{cell::Cell, rc::Rc};
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("open", None);
    /// let opened = Rc::new(Cell::new(0));
    /// let activations = action.connect_stream_with("activate", {
    ///     let opened = opened.clone();
    ///     move |_params| opened.set(opened.get() + 1)
    /// });
    /// action.activate(None);
    /// assert_eq!(opened.get(), 1); // done inside the emission
    /// assert_eq!(activations.len(), 1); // and queued
    /// ```
    #[track_caller]
    fn connect_stream_with<H>(&self, signal: &str, handler: H) -> SignalStream<Vec<Value>>
    where
        H: Fn(&[Value]) + 'static,
    {
        or_panic(self.try_connect_stream_with(signal, handler))
    }

    /// Fallible form of [`connect_stream_with`](Self::connect_stream_with): fails where
    /// [`try_connect_stream`](Self::try_connect_stream) does, a signal that needs a return
    /// value with [`ConnectErrorKind::ReturnTypeMismatch`](crate::ConnectErrorKind::ReturnTypeMismatch) (the handler returns `()`).
    fn try_connect_stream_with<H>(
        &self,
        signal: &str,
        handler: H,
    ) -> Result<SignalStream<Vec<Value>>, ConnectError>
    where
        H: Fn(&[Value]) + 'static,
    {
        self.signal_stream_builder(signal)
            .try_build_with_return(move |args: &Vec<Value>| handler(args))
    }

    /// Typed form of [`connect_stream_with`](Self::connect_stream_with): `A` is checked as in
    /// [`connect_stream_typed`](Self::connect_stream_typed).
    ///
    /// # Panics
    ///
    /// If [`try_connect_stream_typed_with`](Self::try_connect_stream_typed_with) would fail.
    #[track_caller]
    fn connect_stream_typed_with<A, H>(&self, signal: &str, handler: H) -> SignalStream<A>
    where
        A: SignalArgs,
        H: Fn(&A) + 'static,
    {
        or_panic(self.try_connect_stream_typed_with(signal, handler))
    }

    /// Fallible form of [`connect_stream_typed_with`](Self::connect_stream_typed_with).
    fn try_connect_stream_typed_with<A, H>(
        &self,
        signal: &str,
        handler: H,
    ) -> Result<SignalStream<A>, ConnectError>
    where
        A: SignalArgs,
        H: Fn(&A) + 'static,
    {
        self.signal_stream_builder(signal)
            .try_build_with_return(handler)
    }

    /// A [`SendPropertyStream`] of property `name`: like
    /// [`property_stream`](Self::property_stream), but the property may change on any thread
    /// and the stream can be polled on any executor.
    ///
    /// # Panics
    ///
    /// If [`try_property_stream_send`](Self::try_property_stream_send) would fail.
    #[doc(alias = "notify")]
    #[track_caller]
    fn property_stream_send<T>(&self, name: &str) -> SendPropertyStream<T, Self>
    where
        Self: Send + Sync,
        T: for<'a> FromValue<'a> + StaticType + Send + 'static,
    {
        or_panic(self.try_property_stream_send(name))
    }

    /// Fallible form of [`property_stream_send`](Self::property_stream_send).
    fn try_property_stream_send<T>(
        &self,
        name: &str,
    ) -> Result<SendPropertyStream<T, Self>, ConnectError>
    where
        Self: Send + Sync,
        T: for<'a> FromValue<'a> + StaticType + Send + 'static,
    {
        PropertyStream::connect_send(self, name)
    }
}

impl<O: ObjectType> SignalStreamExt for O {}

/// Adds each of `signals` to `builder`, its items tagged with the signal's index.
fn indexed<'a>(
    mut builder: ManySignalStreamBuilder<'a, (usize, Vec<Value>)>,
    signals: &[&str],
) -> ManySignalStreamBuilder<'a, (usize, Vec<Value>)> {
    for (index, signal) in signals.iter().enumerate() {
        builder = builder.signal(signal, move |params: Vec<Value>| (index, params));
    }
    builder
}
