//! [`ManySignalStreamBuilder`]: one handler per signal, all feeding one queue in emission
//! order, with an optional handler that runs inside each emission.

use std::{fmt, marker::PhantomData, rc::Rc};

use glib::{prelude::*, Value};

use crate::{
    args::SignalArgs,
    connect::{resolve, Resolved},
    connection::Connection,
    error::{or_panic, ConnectError, ConnectErrorKind},
    events::SignalEvents,
    many::ManySignalStream,
    queue::{BufferPolicy, InOrder, Local, QueueLock, Sender},
    stream::SignalStream,
    thread_bound::ThreadBound,
    trampoline::{closure, Receive},
};

/// Connects a [`ManySignalStream`]: several signals of one object in one queue, in emission
/// order. Each signal is added with the function that makes an item of your own type from its
/// typed parameters ([`signal`](Self::signal)); [`signals`](Self::signals) adds signals by name
/// with their index and values, [`events`](Self::events) a [`SignalEvents`] type's signals.
/// The options: [`after`](Self::after), [`policy`](Self::policy) and [`handler`](Self::handler).
///
/// Created by
/// [`signal_stream_many_builder`](crate::prelude::SignalStreamExt::signal_stream_many_builder).
/// Every signal is resolved and checked as it is added, but nothing is connected before
/// [`try_build`](Self::try_build): if any signal fails its checks, the first error is returned
/// and no handler is connected.
///
/// ```
/// use futures_util::StreamExt;
/// use gio::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// #[derive(Debug, PartialEq)]
/// enum Event {
///     Activate,
///     ChangeState(i32),
/// }
///
/// let action = gio::SimpleAction::new_stateful("mode", None, &1i32.to_variant());
/// let events = action
///     .signal_stream_many_builder()
///     .signal("activate", |(_,): (Option<glib::Variant>,)| Event::Activate)
///     .signal("change-state", |(value,): (Option<glib::Variant>,)| {
///         Event::ChangeState(value.and_then(|v| v.get()).unwrap_or_default())
///     })
///     .build();
/// action.change_state(&2i32.to_variant());
/// action.activate(None);
/// drop(action);
///
/// let events: Vec<Event> = glib::MainContext::default().block_on(events.collect());
/// assert_eq!(events, [Event::ChangeState(2), Event::Activate]);
/// ```
#[must_use = "the builder does nothing until a build method is called"]
pub struct ManySignalStreamBuilder<'a, T, O = glib::Object> {
    obj: &'a glib::Object,
    after: bool,
    policy: BufferPolicy,
    signals: Vec<Pending<T>>,
    handler: Option<Handler<T>>,
    error: Option<ConnectError>,
    /// The emitter's Rust type, which [`events`](Self::events) checks at compile time.
    emitter: PhantomData<&'a O>,
}

/// A signal resolved and checked, with the closure to connect to it once all are.
struct Pending<T> {
    resolved: Resolved,
    closure: Box<dyn FnOnce(Rc<Feed<T>>) -> glib::Closure>,
}

impl<'a, T: 'static, O: ObjectType> ManySignalStreamBuilder<'a, T, O> {
    pub(crate) fn new(obj: &'a O) -> Self {
        Self {
            obj: crate::raw::as_object(obj),
            after: false,
            policy: BufferPolicy::Unbounded,
            signals: Vec::new(),
            handler: None,
            error: None,
            emitter: PhantomData,
        }
    }

    /// Adds the signals of `T`, a [`SignalEvents`] type of this object's class or of one of
    /// its ancestors or interfaces: what
    /// [`events_stream`](crate::prelude::SignalStreamExt::events_stream) connects.
    pub fn events(self) -> Self
    where
        T: SignalEvents,
        O: IsA<T::Emitter>,
    {
        T::add_signals(self.emitter_as()).emitter_as()
    }

    /// The same builder, for another emitter type.
    fn emitter_as<P>(self) -> ManySignalStreamBuilder<'a, T, P> {
        ManySignalStreamBuilder {
            obj: self.obj,
            after: self.after,
            policy: self.policy,
            signals: self.signals,
            handler: self.handler,
            error: self.error,
            emitter: PhantomData,
        }
    }

    /// Adds `signal` (`"name"` or `"name::detail"`): each emission's parameters, converted to
    /// `A` (a tuple of parameter types, or `Vec<glib::Value>`), become an item through `map`.
    ///
    /// The signal must exist, take no return value, and have parameters that fit `A`;
    /// otherwise the build fails with that error.
    pub fn signal<A, F>(mut self, signal: &str, map: F) -> Self
    where
        A: SignalArgs,
        F: Fn(A) -> T + 'static,
    {
        if self.error.is_some() {
            return self;
        }
        let checked = resolve(self.obj, signal).and_then(|resolved| {
            resolved.check_args::<A>()?;
            resolved.check_no_return()?;
            Ok(resolved)
        });
        match checked {
            Ok(resolved) => {
                let info = resolved.info.clone();
                let closure = Box::new(move |feed| {
                    closure::<A, _>(ThreadBound::new(Tag { feed, map }), info)
                });
                self.signals.push(Pending { resolved, closure });
            }
            Err(err) => self.error = Some(err),
        }
        self
    }

    /// Runs the handlers after the signals' class handlers (`G_CONNECT_AFTER`).
    #[doc(alias = "G_CONNECT_AFTER")]
    pub fn after(mut self, after: bool) -> Self {
        self.after = after;
        self
    }

    /// The buffer policy of the one queue (default [`BufferPolicy::Unbounded`]).
    pub fn policy(mut self, policy: BufferPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// A handler that runs synchronously inside every emission with its item, before the
    /// emission returns (for work the emitter expects done by then: a list item factory's
    /// `setup` and `bind`); the item is then queued.
    ///
    /// Items keep the order in which the emissions started: an emission made from inside
    /// `handler` is queued after the one that runs it.
    pub fn handler<H>(mut self, handler: H) -> Self
    where
        H: Fn(&T) + 'static,
    {
        self.handler = Some(Box::new(handler));
        self
    }

    /// Connects every signal added. Fails with the first signal's error, or
    /// [`ConnectErrorKind::NoSignal`](crate::ConnectErrorKind::NoSignal) if none was added; then nothing is connected.
    #[doc(alias = "g_signal_connect_closure")]
    pub fn try_build(self) -> Result<ManySignalStream<T>, ConnectError> {
        self.connect()
    }

    /// Like [`try_build`](Self::try_build), but panics with the error's message.
    #[track_caller]
    pub fn build(self) -> ManySignalStream<T> {
        or_panic(self.try_build())
    }

    fn connect(self) -> Result<ManySignalStream<T>, ConnectError> {
        if let Some(err) = self.error {
            return Err(err);
        }
        if self.signals.is_empty() {
            return Err(ConnectError::new(
                self.obj.type_().name().to_owned(),
                ConnectErrorKind::NoSignal,
            ));
        }
        let queue = Local::new_queue(self.policy);
        let feed = Rc::new(Feed {
            sender: Sender::new(queue.clone()),
            handler: self.handler,
            order: InOrder::new(),
        });
        let mut connections = Vec::with_capacity(self.signals.len());
        for pending in self.signals {
            let closure = (pending.closure)(feed.clone());
            let handler = pending.resolved.connect(self.obj, self.after, closure);
            connections.push(Connection::new(self.obj, handler, &pending.resolved));
        }
        // From now on only the handlers hold the sender: the queue closes, and the stream
        // ends, when the last of them is destroyed.
        drop(feed);
        let first = connections.remove(0);
        Ok(ManySignalStream::new(
            SignalStream::new(queue, first),
            connections,
        ))
    }
}

impl<'a, O: ObjectType> ManySignalStreamBuilder<'a, (usize, Vec<Value>), O> {
    /// Adds each of `signals` by name, with the same checks as
    /// [`connect_stream`](crate::prelude::SignalStreamExt::connect_stream): each item is the
    /// signal's index among the signals added so far, and its parameter values.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let cancellable = gio::Cancellable::new();
    /// let mut events = cancellable
    ///     .signal_stream_many_builder()
    ///     .signals(&["cancelled", "notify"])
    ///     .build();
    /// cancellable.cancel();
    /// drop(cancellable);
    /// let (index, params) = glib::MainContext::default().block_on(events.next()).unwrap();
    /// assert_eq!((index, params.len()), (0, 0));
    /// ```
    pub fn signals(mut self, signals: &[&str]) -> Self {
        for signal in signals {
            let index = self.signals.len();
            self = self.signal(signal, move |params: Vec<Value>| (index, params));
        }
        self
    }
}

impl<T, O> fmt::Debug for ManySignalStreamBuilder<'_, T, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManySignalStreamBuilder")
            .field("type", &self.obj.type_())
            .field("signals", &self.signals.len())
            .field("after", &self.after)
            .field("policy", &self.policy)
            .field("handler", &self.handler.is_some())
            .field("error", &self.error)
            .finish()
    }
}

/// The handler that runs inside every emission.
type Handler<T> = Box<dyn Fn(&T)>;

/// What every handler of one stream shares: the queue's sender and the optional handler.
struct Feed<T> {
    sender: Sender<T, Local>,
    handler: Option<Handler<T>>,
    /// Keeps the items of emissions made from inside the handler after the outer one.
    order: InOrder<T>,
}

impl<T> Feed<T> {
    fn deliver(&self, item: T) {
        match &self.handler {
            Some(handler) => self.order.run(item, handler, &self.sender),
            None => self.sender.send(item),
        }
    }
}

/// The receiver of one signal: makes the item and hands it to the shared [`Feed`].
struct Tag<T, F> {
    feed: Rc<Feed<T>>,
    map: F,
}

impl<A, T, F> Receive<A> for Tag<T, F>
where
    A: 'static,
    T: 'static,
    F: Fn(A) -> T + 'static,
{
    const ANSWERS: bool = false;

    #[inline]
    fn receive(&self, _emitter: &Value, item: A) -> Option<Value> {
        self.feed.deliver((self.map)(item));
        None
    }
}
