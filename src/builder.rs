//! [`SignalStreamBuilder`]: every way of connecting a signal stream, with its options.
//!
//! The methods of [`SignalStreamExt`](crate::prelude::SignalStreamExt) are shorthands for
//! this builder with default options.

use std::{
    fmt,
    sync::{atomic::AtomicU64, Arc},
};

use glib::prelude::*;

use crate::{
    args::{SignalArgs, SignalReturn},
    connect::{resolve, Resolved},
    connection::Connection,
    error::{or_panic, ConnectError},
    future::{Once, SendSignalFuture, SignalFuture},
    queue::{BufferPolicy, Local, QueueLock, Sender, Threaded},
    stream::{SendSignalStream, SignalStream},
    thread_bound::ThreadBound,
    trampoline::{closure, Access, Answer, AnyThread, Forward, Receive},
};

/// Connects a signal stream with options: run after the class handler, and a buffer policy.
///
/// Created by [`signal_stream_builder`](crate::prelude::SignalStreamExt::signal_stream_builder).
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
///     .build::<(Option<glib::Variant>,)>();
/// action.activate(Some(&1i32.to_variant()));
/// action.activate(Some(&2i32.to_variant()));
/// drop(action); // the stream ends after what is queued: the example cannot hang
/// let (param,) = glib::MainContext::default().block_on(latest.next()).unwrap();
/// assert_eq!(param.and_then(|v| v.get::<i32>()), Some(2));
/// ```
///
/// `O` is the emitter's Rust type: the `Send` forms (`build_send`, ...) need it to be
/// `Send + Sync`, since their streams may release the emitter, or hand it out, on any thread.
#[must_use = "the builder does nothing until a build method is called"]
pub struct SignalStreamBuilder<'a, O = glib::Object> {
    obj: &'a O,
    signal: &'a str,
    after: bool,
    policy: BufferPolicy,
}

impl<'a, O: ObjectType> SignalStreamBuilder<'a, O> {
    pub(crate) fn new(obj: &'a O, signal: &'a str) -> Self {
        Self {
            obj,
            signal,
            after: false,
            policy: BufferPolicy::Unbounded,
        }
    }

    /// Runs the handler after the signal's class handler (`G_CONNECT_AFTER`) instead of before.
    #[doc(alias = "G_CONNECT_AFTER")]
    pub fn after(mut self, after: bool) -> Self {
        self.after = after;
        self
    }

    /// The buffer policy of the stream (default [`BufferPolicy::Unbounded`]).
    pub fn policy(mut self, policy: BufferPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Connects a stream of `A` (a tuple of parameter types, or `Vec<glib::Value>`).
    ///
    /// Fails if the signal does not exist, the detail is malformed or not supported, `A`
    /// does not match the parameters, or the signal needs a return value.
    #[doc(alias = "g_signal_connect_closure")]
    pub fn try_build<A: SignalArgs>(self) -> Result<SignalStream<A>, ConnectError> {
        let resolved = self.resolve::<A>()?;
        resolved.check_no_return()?;
        Ok(self.local_stream(&resolved, Forward))
    }

    /// Like [`try_build`](Self::try_build), but panics with the error's message.
    #[track_caller]
    pub fn build<A: SignalArgs>(self) -> SignalStream<A> {
        or_panic(self.try_build())
    }

    /// Connects a stream of `A` whose `handler` answers the emitter.
    ///
    /// The handler runs synchronously inside each emission with the item, before the item is
    /// queued; its result is returned to the emitter. Its type `R` is checked against the
    /// signal's return type.
    pub fn try_build_with_return<A, R, M, H>(
        self,
        handler: H,
    ) -> Result<SignalStream<A>, ConnectError>
    where
        A: SignalArgs,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + 'static,
    {
        let resolved = self.resolve::<A>()?;
        resolved.check_return::<R, M>()?;
        Ok(self.local_stream(&resolved, |sender| Answer::new(sender, handler)))
    }

    /// Like [`try_build_with_return`](Self::try_build_with_return), but panics with the
    /// error's message.
    #[track_caller]
    pub fn build_with_return<A, R, M, H>(self, handler: H) -> SignalStream<A>
    where
        A: SignalArgs,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + 'static,
    {
        or_panic(self.try_build_with_return(handler))
    }

    /// Connects a [`SendSignalStream`]: the handler accepts emissions from any thread.
    pub fn try_build_send<A: SignalArgs + Send>(
        self,
    ) -> Result<SendSignalStream<A, O>, ConnectError>
    where
        O: Send + Sync,
    {
        let resolved = self.resolve::<A>()?;
        resolved.check_no_return()?;
        Ok(self.send_stream(&resolved, Forward))
    }

    /// Like [`try_build_send`](Self::try_build_send), but panics with the error's message.
    #[track_caller]
    pub fn build_send<A: SignalArgs + Send>(self) -> SendSignalStream<A, O>
    where
        O: Send + Sync,
    {
        or_panic(self.try_build_send())
    }

    /// Connects a [`SendSignalStream`] whose `handler` answers the emitter, on whatever
    /// thread emits. See [`try_build_with_return`](Self::try_build_with_return).
    pub fn try_build_send_with_return<A, R, M, H>(
        self,
        handler: H,
    ) -> Result<SendSignalStream<A, O>, ConnectError>
    where
        O: Send + Sync,
        A: SignalArgs + Send,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + Send + Sync + 'static,
    {
        let resolved = self.resolve::<A>()?;
        resolved.check_return::<R, M>()?;
        Ok(self.send_stream(&resolved, |sender| Answer::new(sender, handler)))
    }

    /// Like [`try_build_send_with_return`](Self::try_build_send_with_return), but panics with
    /// the error's message.
    #[track_caller]
    pub fn build_send_with_return<A, R, M, H>(self, handler: H) -> SendSignalStream<A, O>
    where
        O: Send + Sync,
        A: SignalArgs + Send,
        R: SignalReturn<M>,
        M: 'static,
        H: Fn(&A) -> R + Send + Sync + 'static,
    {
        or_panic(self.try_build_send_with_return(handler))
    }

    /// Connects a [`SignalFuture`] that resolves on the next emission. The buffer policy does
    /// not apply.
    pub fn try_build_future<A: SignalArgs>(self) -> Result<SignalFuture<A>, ConnectError> {
        let resolved = self.resolve::<A>()?;
        resolved.check_no_return()?;
        let queue = Local::new_queue(BufferPolicy::DropNewest(std::num::NonZeroUsize::MIN));
        let handler = Arc::new(AtomicU64::new(0));
        let state = ThreadBound::new(Once::new(
            Sender::<A, Local>::new(queue.clone()),
            handler.clone(),
        ));
        let id = resolved.connect(
            self.object(),
            self.after,
            closure(state, resolved.info.clone()),
        );
        Ok(SignalFuture::new(
            queue,
            self.object(),
            id,
            &resolved,
            handler,
        ))
    }

    /// Like [`try_build_future`](Self::try_build_future), but panics with the error's message.
    #[track_caller]
    pub fn build_future<A: SignalArgs>(self) -> SignalFuture<A> {
        or_panic(self.try_build_future())
    }

    /// Connects a [`SendSignalFuture`] that resolves on the next emission, on any thread.
    /// The buffer policy does not apply.
    pub fn try_build_future_send<A: SignalArgs + Send>(
        self,
    ) -> Result<SendSignalFuture<A, O>, ConnectError>
    where
        O: Send + Sync,
    {
        let resolved = self.resolve::<A>()?;
        resolved.check_no_return()?;
        let queue = Threaded::<O>::new_queue(BufferPolicy::DropNewest(std::num::NonZeroUsize::MIN));
        let handler = Arc::new(AtomicU64::new(0));
        let state = AnyThread(Once::<A, Threaded<O>>::new(
            Sender::new(queue.clone()),
            handler.clone(),
        ));
        let id = resolved.connect(
            self.object(),
            self.after,
            closure(state, resolved.info.clone()),
        );
        Ok(SignalFuture::new(queue, self.obj, id, &resolved, handler))
    }

    /// Like [`try_build_future_send`](Self::try_build_future_send), but panics with the
    /// error's message.
    #[track_caller]
    pub fn build_future_send<A: SignalArgs + Send>(self) -> SendSignalFuture<A, O>
    where
        O: Send + Sync,
    {
        or_panic(self.try_build_future_send())
    }

    fn object(&self) -> &glib::Object {
        crate::raw::as_object(self.obj)
    }

    fn resolve<A: SignalArgs>(&self) -> Result<Resolved, ConnectError> {
        let resolved = resolve(self.object(), self.signal)?;
        resolved.check_args::<A>()?;
        Ok(resolved)
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
    ) -> SendSignalStream<A, O>
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
}

impl<O: ObjectType> fmt::Debug for SignalStreamBuilder<'_, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignalStreamBuilder")
            .field("type", &self.object().type_())
            .field("signal", &self.signal)
            .field("after", &self.after)
            .field("policy", &self.policy)
            .finish()
    }
}
