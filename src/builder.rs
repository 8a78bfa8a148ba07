//! [`SignalStreamBuilder`]: every way of connecting a signal stream, with its options.
//!
//! The methods of [`SignalStreamExt`](crate::prelude::SignalStreamExt) are shorthands for
//! this builder with default options.

use std::fmt;

use crate::{
    args::{SignalArgs, SignalReturn},
    buffer::BufferPolicy,
    channel::{sealed::Sealed, Flavor, Local, Sender, Threaded},
    connect::{resolve, Resolved},
    connection::Connection,
    error::{or_panic, ConnectError},
    ffi::ThreadBound,
    future::SignalFuture,
    stream::{SendSignalStream, SignalStream},
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
#[must_use = "the builder does nothing until a build method is called"]
pub struct SignalStreamBuilder<'a> {
    obj: &'a glib::Object,
    signal: &'a str,
    after: bool,
    policy: BufferPolicy,
}

impl<'a> SignalStreamBuilder<'a> {
    pub(crate) fn new(obj: &'a glib::Object, signal: &'a str) -> Self {
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
        Ok(self.connect_local(&resolved, Forward))
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
        Ok(self.connect_local(&resolved, |sender| Answer::new(sender, handler)))
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
    pub fn try_build_send<A: SignalArgs + Send>(self) -> Result<SendSignalStream<A>, ConnectError> {
        let resolved = self.resolve::<A>()?;
        resolved.check_no_return()?;
        let queue = Threaded::new_queue(self.policy);
        let state = AnyThread(Forward(Sender::<A, Threaded>::new(queue.clone())));
        Ok(self.finish(&resolved, queue, state))
    }

    /// Like [`try_build_send`](Self::try_build_send), but panics with the error's message.
    #[track_caller]
    pub fn build_send<A: SignalArgs + Send>(self) -> SendSignalStream<A> {
        or_panic(self.try_build_send())
    }

    /// Connects a [`SignalFuture`] that resolves on the next emission. The buffer policy does
    /// not apply.
    pub fn try_build_future<A: SignalArgs>(self) -> Result<SignalFuture<A>, ConnectError> {
        let resolved = self.resolve::<A>()?;
        resolved.check_no_return()?;
        Ok(SignalFuture::connect(self.obj, &resolved, self.after))
    }

    /// Like [`try_build_future`](Self::try_build_future), but panics with the error's message.
    #[track_caller]
    pub fn build_future<A: SignalArgs>(self) -> SignalFuture<A> {
        or_panic(self.try_build_future())
    }

    fn resolve<A: SignalArgs>(&self) -> Result<Resolved, ConnectError> {
        let resolved = resolve(self.obj, self.signal)?;
        resolved.check_args::<A>()?;
        Ok(resolved)
    }

    fn connect_local<A, R>(
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
        self.finish(resolved, queue, state)
    }

    fn finish<A, F, G>(
        &self,
        resolved: &Resolved,
        queue: F::Queue<A>,
        state: G,
    ) -> SignalStream<A, F>
    where
        A: SignalArgs,
        F: Flavor,
        G: Access,
        G::Target: Receive<A>,
    {
        let handler = resolved.connect(self.obj, self.after, closure(state, resolved.info.clone()));
        SignalStream::new(queue, Connection::new(self.obj, handler))
    }
}

impl fmt::Debug for SignalStreamBuilder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignalStreamBuilder")
            .field("type", &self.obj.type_())
            .field("signal", &self.signal)
            .field("after", &self.after)
            .field("policy", &self.policy)
            .finish()
    }
}

use glib::prelude::*;
