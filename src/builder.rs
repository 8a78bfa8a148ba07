//! [`SignalStreamBuilder`]: every way of connecting one signal, one axis per method.
//!
//! The shortcuts of [`SignalStreamExt`](crate::prelude::SignalStreamExt)
//! (`connect_stream`, `connect_stream_typed`, `signal_future`, `property_stream`) are this
//! builder with the defaults; everything else is one more method on it.

use std::{
    fmt,
    marker::PhantomData,
    num::NonZeroUsize,
    sync::{atomic::AtomicU64, Arc},
};

use glib::{prelude::*, value::FromValue, Value};

use crate::{
    args::{marker::ByUnit, SignalArgs, SignalReturn},
    connect::{resolve, Resolved},
    connection::Connection,
    error::{or_panic, ConnectError, ConnectErrorKind},
    future::{Once, SignalFuture},
    property::PropertyStream,
    queue::{BufferPolicy, Local, QueueLock, Sender, Threaded},
    stream::SignalStream,
    thread_bound::ThreadBound,
    trampoline::{closure, Access, Answer, AnyThread, Forward, Receive},
};

/// Connects a signal stream, a signal future or a property stream, one option per method.
///
/// Created by [`signal_stream_builder`](crate::prelude::SignalStreamExt::signal_stream_builder);
/// [`build`](Self::build) (or [`try_build`](Self::try_build)) connects. Each method sets one
/// axis, in any order, and the type keeps track of the choices:
///
/// | method | axis | default |
/// |---|---|---|
/// | [`after`](Self::after) | run after the class handler (`G_CONNECT_AFTER`) | before |
/// | [`policy`](Self::policy) | what the queue does when the consumer is slow | [`BufferPolicy::Unbounded`] |
/// | [`typed`](Self::typed) | the item: a tuple of the parameters' Rust types, checked now | `Vec<glib::Value>` |
/// | [`handler`](Self::handler) | a handler that runs inside each emission, then the item is queued | none |
/// | [`answer`](Self::answer) | the same, and its result answers the emitter (`close-request`) | none |
/// | [`send`](Self::send) | emissions from any thread, a `Send` stream | the connecting thread only |
/// | [`future`](Self::future) | only the next emission, as a future | every emission, as a stream |
/// | [`property`](Self::property) | the property's value (for `notify::<name>`) | the parameters |
///
/// What `build` returns follows: [`SignalStream<A>`](SignalStream),
/// [`SendSignalStream<A, O>`](crate::SendSignalStream) after `send`,
/// [`SignalFuture<A>`](SignalFuture) after `future`, [`PropertyStream<T>`] after `property`,
/// and their `Send` forms after both.
///
/// ```
/// use futures_util::StreamExt;
/// use gio::prelude::*;
/// use glib_signal_stream::{prelude::*, BufferPolicy};
///
/// let action = gio::SimpleAction::new("go", Some(glib::VariantTy::INT32));
/// let mut latest = action
///     .signal_stream_builder("activate")
///     .after(true) // G_CONNECT_AFTER
///     .policy(BufferPolicy::Latest)
///     .typed::<(Option<glib::Variant>,)>()
///     .build();
/// action.activate(Some(&1i32.to_variant()));
/// action.activate(Some(&2i32.to_variant()));
/// drop(action); // the stream ends after what is queued: the example cannot hang
/// let (param,) = glib::MainContext::default().block_on(latest.next()).unwrap();
/// assert_eq!(param.and_then(|v| v.get::<i32>()), Some(2));
/// ```
///
/// A signal whose handlers return a value is answered inside the emission:
///
/// ```
/// use gio::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// let service = gio::SocketService::new();
/// let incoming = service
///     .signal_stream_builder("incoming")
///     .typed::<(gio::SocketConnection, Option<glib::Object>)>()
///     .answer(|_| true) // handled: no other handler runs
///     .build();
/// assert_eq!(incoming.len(), 0);
/// ```
///
/// `O` is the emitter's Rust type: [`send`](Self::send) needs it to be `Send + Sync`, since a
/// `Send` stream may release the emitter, or hand it out, on any thread.
#[must_use = "the builder does nothing until `build` is called"]
pub struct SignalStreamBuilder<'a, O = glib::Object, A = Vec<Value>, K = Queued, F = Local> {
    obj: &'a O,
    signal: &'a str,
    after: bool,
    policy: BufferPolicy,
    kind: K,
    _item: PhantomData<fn() -> (A, F)>,
}

/// What a [`SignalStreamBuilder`] connects by default: a stream whose handler queues every
/// emission's item.
#[derive(Debug, Clone, Copy, Default)]
pub struct Queued;

/// A [`SignalStreamBuilder`] whose handler `H` runs inside each emission and answers the
/// emitter with an `R` (`()` for none), set by [`handler`](SignalStreamBuilder::handler) or
/// [`answer`](SignalStreamBuilder::answer).
pub struct Handled<H, R, M> {
    handler: H,
    _answer: PhantomData<fn() -> (R, M)>,
}

impl<H, R, M> fmt::Debug for Handled<H, R, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handled")
            .field("answer", &std::any::type_name::<R>())
            .finish_non_exhaustive()
    }
}

/// A [`SignalStreamBuilder`] for only the next emission, a [`SignalFuture`], set by
/// [`future`](SignalStreamBuilder::future).
#[derive(Debug, Clone, Copy, Default)]
pub struct NextEmission;

/// A [`SignalStreamBuilder`] of a property's values, a [`PropertyStream<T>`], set by
/// [`property`](SignalStreamBuilder::property).
pub struct PropertyValue<T>(PhantomData<fn() -> T>);

impl<T> fmt::Debug for PropertyValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PropertyValue")
            .field(&std::any::type_name::<T>())
            .finish()
    }
}

/// The kinds whose item type [`typed`](SignalStreamBuilder::typed) may still change: no
/// handler has been given one yet.
pub trait Untyped: sealed::Sealed {}
impl Untyped for Queued {}
impl Untyped for NextEmission {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Queued {}
    impl Sealed for super::NextEmission {}
}

impl<'a, O: ObjectType> SignalStreamBuilder<'a, O> {
    pub(crate) fn new(obj: &'a O, signal: &'a str) -> Self {
        Self {
            obj,
            signal,
            after: false,
            policy: BufferPolicy::Unbounded,
            kind: Queued,
            _item: PhantomData,
        }
    }
}

impl<'a, O: ObjectType, A, K, F> SignalStreamBuilder<'a, O, A, K, F> {
    /// Runs the handler after the signal's class handler (`G_CONNECT_AFTER`) instead of before.
    #[doc(alias = "G_CONNECT_AFTER")]
    pub fn after(mut self, after: bool) -> Self {
        self.after = after;
        self
    }

    /// The buffer policy of the stream's queue (default [`BufferPolicy::Unbounded`]). A future
    /// holds one item and a property stream the latest value whatever the policy.
    pub fn policy(mut self, policy: BufferPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Connects, or returns why not: the signal does not exist, its detail is malformed or not
    /// supported, the item type does not fit the parameters, the signal needs a return value
    /// and no [`answer`](Self::answer) gives one, or the answer's type is not the signal's.
    /// Nothing is connected then.
    #[doc(alias = "g_signal_connect_closure")]
    pub fn try_build(self) -> Result<K::Output, ConnectError>
    where
        K: Build<O, A, F>,
    {
        let parts = Parts {
            obj: self.obj,
            signal: self.signal,
            after: self.after,
            policy: self.policy,
        };
        self.kind.connect(parts)
    }

    /// Like [`try_build`](Self::try_build), but panics with the error's message.
    #[doc(alias = "g_signal_connect_closure")]
    #[track_caller]
    pub fn build(self) -> K::Output
    where
        K: Build<O, A, F>,
    {
        or_panic(self.try_build())
    }

    /// The same options, with the kind `kind` makes of this one's.
    fn with<B, L, G>(self, kind: impl FnOnce(K) -> L) -> SignalStreamBuilder<'a, O, B, L, G> {
        SignalStreamBuilder {
            obj: self.obj,
            signal: self.signal,
            after: self.after,
            policy: self.policy,
            kind: kind(self.kind),
            _item: PhantomData,
        }
    }
}

impl<'a, O: ObjectType, A, K: Untyped, F> SignalStreamBuilder<'a, O, A, K, F> {
    /// Items of type `B`, a tuple of the parameters' Rust types (`(u32, gtk::Widget)`), checked
    /// against the signal's definition when connecting; without it, items are the parameter
    /// values, a `Vec<glib::Value>`.
    pub fn typed<B: SignalArgs>(self) -> SignalStreamBuilder<'a, O, B, K, F> {
        self.with(|kind| kind)
    }
}

impl<'a, O: ObjectType, A: SignalArgs, F> SignalStreamBuilder<'a, O, A, Queued, F> {
    /// A handler that runs synchronously inside each emission with the item, before the
    /// emission returns; the item is then queued.
    ///
    /// React later with the stream, act now with the handler: for a signal whose emitter
    /// expects work done during the emission (`GApplication::activate` must add a window
    /// before `run()` checks for one; a list item factory's `setup`). Items are queued in the
    /// order their emissions began, also when the handler emits the same signal again.
    ///
    /// ```
    /// use std::{cell::Cell, rc::Rc};
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("open", None);
    /// let opened = Rc::new(Cell::new(0));
    /// let activations = action
    ///     .signal_stream_builder("activate")
    ///     .handler({
    ///         let opened = opened.clone();
    ///         move |_params| opened.set(opened.get() + 1)
    ///     })
    ///     .build();
    /// action.activate(None);
    /// assert_eq!(opened.get(), 1); // done inside the emission
    /// assert_eq!(activations.len(), 1); // and queued
    /// ```
    pub fn handler<H>(self, handler: H) -> SignalStreamBuilder<'a, O, A, Handled<H, (), ByUnit>, F>
    where
        H: Fn(&A) + 'static,
    {
        self.answer(handler)
    }

    /// A handler that runs inside each emission, as [`handler`](Self::handler), and whose
    /// result answers the emitter: [`glib::Propagation`] for GTK's `close-request` and
    /// `key-pressed`, `bool` for `GSocketService::incoming`. `R` is checked against the
    /// signal's return type when connecting.
    ///
    /// The handler gets the item, not the emitter: capture a weak reference if it needs one.
    pub fn answer<H, R, M>(self, handler: H) -> SignalStreamBuilder<'a, O, A, Handled<H, R, M>, F>
    where
        H: Fn(&A) -> R + 'static,
        R: SignalReturn<M>,
        M: 'static,
    {
        self.with(|Queued| Handled {
            handler,
            _answer: PhantomData,
        })
    }

    /// Only the next emission, as a [`SignalFuture`]: it resolves to `Some(item)` on the next
    /// emission and disconnects inside it, or to `None` if the emitter is disposed first.
    pub fn future(self) -> SignalStreamBuilder<'a, O, A, NextEmission, F> {
        self.with(|Queued| NextEmission)
    }
}

impl<'a, O: ObjectType, F> SignalStreamBuilder<'a, O, Vec<Value>, Queued, F> {
    /// The values of the property this `notify::<name>` signal is about, as a
    /// [`PropertyStream<T>`]: the current value first, then the latest value after changes.
    /// [`property_stream`](crate::prelude::SignalStreamExt::property_stream) is this, from the
    /// property's name.
    ///
    /// Connecting fails with [`ConnectErrorKind::NotPropertyNotify`] for another signal, and as
    /// `property_stream` does for the property.
    #[doc(alias = "notify")]
    pub fn property<T>(self) -> SignalStreamBuilder<'a, O, Vec<Value>, PropertyValue<T>, F>
    where
        T: for<'v> FromValue<'v> + StaticType + 'static,
    {
        self.with(|Queued| PropertyValue(PhantomData))
    }
}

impl<'a, O: ObjectType, A, K> SignalStreamBuilder<'a, O, A, K, Local> {
    /// Accepts emissions from any thread, and builds a stream (or future) that is `Send` when
    /// its item is, polled on any thread or executor.
    ///
    /// For emitters that fire on other threads (GIO worker threads, GStreamer streaming
    /// threads); GTK widgets and objects used on one thread need no lock, and keep the local
    /// default. The emitter's Rust type must be `Send + Sync`, and the handler, if any,
    /// `Send + Sync`: a subclass whose implementation holds an `Rc` is refused at compile time.
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
    /// let _stream = obj.signal_stream_builder("notify").send(); // Local: !Send
    /// # }
    /// ```
    ///
    /// while the same subclass with `Send + Sync` state compiles, and its stream hands out the
    /// emitter as its own type on any thread:
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
    /// let stream = obj.signal_stream_builder("notify").typed::<(glib::ParamSpec,)>().send().build();
    /// let emitter: Option<Shared> = stream.emitter();
    /// assert_eq!(emitter.as_ref(), Some(&obj));
    /// # }
    /// ```
    ///
    /// A cancellation on a worker thread, seen by a stream and a future polled on others:
    ///
    /// ```
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let cancellable = gio::Cancellable::new(); // `Send + Sync`
    /// let cancelled = cancellable.signal_stream_builder("cancelled").typed::<()>().send().build();
    /// let next = cancellable.signal_stream_builder("cancelled").typed::<()>().send().future().build();
    /// let worker = cancellable.clone();
    /// std::thread::spawn(move || worker.cancel()).join().unwrap();
    /// let count = std::thread::spawn(move || futures::executor::block_on_stream(cancelled).take(1).count())
    ///     .join()
    ///     .unwrap();
    /// assert_eq!(count, 1);
    /// assert_eq!(futures::executor::block_on(next), Some(()));
    /// ```
    pub fn send(self) -> SignalStreamBuilder<'a, O, A, K, Threaded<O>>
    where
        O: Send + Sync,
    {
        self.with(|kind| kind)
    }
}

impl<O: ObjectType, A, K: fmt::Debug, F> fmt::Debug for SignalStreamBuilder<'_, O, A, K, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignalStreamBuilder")
            .field("type", &crate::raw::as_object(self.obj).type_())
            .field("signal", &self.signal)
            .field("item", &std::any::type_name::<A>())
            .field("after", &self.after)
            .field("policy", &self.policy)
            .field("kind", &self.kind)
            .field("threads", &std::any::type_name::<F>())
            .finish()
    }
}

/// What [`SignalStreamBuilder::build`] connects for a builder of kind `Self`, flavor `F`, item
/// `A` and emitter `O`, and returns ([`Output`](Self::Output)). Implemented for each valid
/// combination; it cannot be implemented outside this crate.
#[diagnostic::on_unimplemented(
    message = "a signal stream builder of kind `{Self}` for items `{A}` cannot be built on `{F}`",
    note = "after `send()`, the item must be `Send` and a handler `Send + Sync`"
)]
pub trait Build<O, A, F>: Sized {
    /// The stream or future `build` returns.
    type Output;

    #[doc(hidden)]
    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError>;
}

/// The options every kind shares, handed to [`Build::connect`].
pub(crate) struct Parts<'a, O> {
    obj: &'a O,
    signal: &'a str,
    after: bool,
    policy: BufferPolicy,
}

impl<O: ObjectType> Parts<'_, O> {
    fn object(&self) -> &glib::Object {
        crate::raw::as_object(self.obj)
    }

    fn resolve<A: SignalArgs>(&self) -> Result<Resolved, ConnectError> {
        let resolved = resolve(self.object(), self.signal)?;
        resolved.check_args::<A>()?;
        Ok(resolved)
    }

    fn connect<A, G>(&self, resolved: &Resolved, state: G) -> glib::SignalHandlerId
    where
        A: SignalArgs,
        G: Access,
        G::Target: Receive<A>,
    {
        resolved.connect(
            self.object(),
            self.after,
            closure(state, resolved.info.clone()),
        )
    }

    fn local_stream<A, R>(
        &self,
        resolved: &Resolved,
        receiver: impl FnOnce(Sender<A, Local>) -> R,
    ) -> SignalStream<A>
    where
        A: SignalArgs,
        R: Receive<A>,
    {
        let queue = Local::new_queue(self.policy);
        let state = ThreadBound::new(receiver(Sender::new(queue.clone())));
        let handler = self.connect(resolved, state);
        SignalStream::new(queue, Connection::new(self.object(), handler, resolved))
    }

    fn send_stream<A, R>(
        &self,
        resolved: &Resolved,
        receiver: impl FnOnce(Sender<A, Threaded<O>>) -> R,
    ) -> SignalStream<A, Threaded<O>>
    where
        O: Send + Sync,
        A: SignalArgs + Send,
        R: Receive<A> + Send + Sync,
    {
        let queue = Threaded::<O>::new_queue(self.policy);
        let state = AnyThread(receiver(Sender::new(queue.clone())));
        let handler = self.connect(resolved, state);
        SignalStream::new(queue, Connection::new(self.obj, handler, resolved))
    }

    /// The property a `notify::<name>` signal is about.
    fn property(&self) -> Result<&str, ConnectError> {
        self.signal
            .strip_prefix("notify::")
            .filter(|name| !name.is_empty())
            .ok_or_else(|| {
                ConnectError::new(
                    self.object().type_().name(),
                    ConnectErrorKind::NotPropertyNotify {
                        signal: self.signal.to_owned(),
                    },
                )
            })
    }
}

impl<O: ObjectType, A: SignalArgs> Build<O, A, Local> for Queued {
    type Output = SignalStream<A>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        let resolved = parts.resolve::<A>()?;
        resolved.check_no_return()?;
        Ok(parts.local_stream(&resolved, Forward))
    }
}

impl<O, A> Build<O, A, Threaded<O>> for Queued
where
    O: ObjectType + Send + Sync,
    A: SignalArgs + Send,
{
    type Output = SignalStream<A, Threaded<O>>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        let resolved = parts.resolve::<A>()?;
        resolved.check_no_return()?;
        Ok(parts.send_stream(&resolved, Forward))
    }
}

impl<O, A, H, R, M> Build<O, A, Local> for Handled<H, R, M>
where
    O: ObjectType,
    A: SignalArgs,
    H: Fn(&A) -> R + 'static,
    R: SignalReturn<M>,
    M: 'static,
{
    type Output = SignalStream<A>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        let resolved = parts.resolve::<A>()?;
        resolved.check_return::<R, M>()?;
        Ok(parts.local_stream(&resolved, |sender| Answer::new(sender, self.handler)))
    }
}

impl<O, A, H, R, M> Build<O, A, Threaded<O>> for Handled<H, R, M>
where
    O: ObjectType + Send + Sync,
    A: SignalArgs + Send,
    H: Fn(&A) -> R + Send + Sync + 'static,
    R: SignalReturn<M>,
    M: 'static,
{
    type Output = SignalStream<A, Threaded<O>>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        let resolved = parts.resolve::<A>()?;
        resolved.check_return::<R, M>()?;
        Ok(parts.send_stream(&resolved, |sender| Answer::new(sender, self.handler)))
    }
}

impl<O: ObjectType, A: SignalArgs> Build<O, A, Local> for NextEmission {
    type Output = SignalFuture<A>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        let resolved = parts.resolve::<A>()?;
        resolved.check_no_return()?;
        let queue = Local::new_queue(BufferPolicy::DropNewest(NonZeroUsize::MIN));
        let handler = Arc::new(AtomicU64::new(0));
        let state = ThreadBound::new(Once::new(
            Sender::<A, Local>::new(queue.clone()),
            handler.clone(),
        ));
        let id = parts.connect(&resolved, state);
        Ok(SignalFuture::new(
            queue,
            parts.object(),
            id,
            &resolved,
            handler,
        ))
    }
}

impl<O, A> Build<O, A, Threaded<O>> for NextEmission
where
    O: ObjectType + Send + Sync,
    A: SignalArgs + Send,
{
    type Output = SignalFuture<A, Threaded<O>>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        let resolved = parts.resolve::<A>()?;
        resolved.check_no_return()?;
        let queue = Threaded::<O>::new_queue(BufferPolicy::DropNewest(NonZeroUsize::MIN));
        let handler = Arc::new(AtomicU64::new(0));
        let state = AnyThread(Once::<A, Threaded<O>>::new(
            Sender::new(queue.clone()),
            handler.clone(),
        ));
        let id = parts.connect(&resolved, state);
        Ok(SignalFuture::new(queue, parts.obj, id, &resolved, handler))
    }
}

impl<O, T> Build<O, Vec<Value>, Local> for PropertyValue<T>
where
    O: ObjectType,
    T: for<'v> FromValue<'v> + StaticType + 'static,
{
    type Output = PropertyStream<T>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        PropertyStream::connect(parts.object(), parts.property()?, parts.after)
    }
}

impl<O, T> Build<O, Vec<Value>, Threaded<O>> for PropertyValue<T>
where
    O: ObjectType + Send + Sync,
    T: for<'v> FromValue<'v> + StaticType + Send + 'static,
{
    type Output = PropertyStream<T, Threaded<O>>;

    #[allow(private_interfaces)]
    fn connect(self, parts: Parts<'_, O>) -> Result<Self::Output, ConnectError> {
        PropertyStream::connect_send(parts.obj, parts.property()?, parts.after)
    }
}
