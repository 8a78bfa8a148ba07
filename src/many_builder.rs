//! [`ManySignalStreamBuilder`]: one handler per signal, all feeding one queue in emission
//! order, with an optional handler that runs inside each emission.

use std::{fmt, rc::Rc};

use glib::{prelude::*, RustClosure, Value};

use crate::{
    args::SignalArgs,
    connect::{resolve, Resolved},
    connection::Connection,
    error::{or_panic, ConnectError, ConnectErrorKind},
    many::ManySignalStream,
    queue::{BufferPolicy, InOrder, Local, QueueLock, Sender},
    stream::SignalStream,
    thread_bound::ThreadBound,
    trampoline::{closure, Receive},
};

/// Connects a [`ManySignalStream`] of items of your own type: each signal is added with the
/// function that makes an item from its typed parameters.
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
pub struct ManySignalStreamBuilder<'a, T> {
    obj: &'a glib::Object,
    after: bool,
    policy: BufferPolicy,
    signals: Vec<Pending<T>>,
    error: Option<ConnectError>,
}

/// A signal resolved and checked, with the closure to connect to it once all are.
struct Pending<T> {
    resolved: Resolved,
    closure: Box<dyn FnOnce(Rc<Feed<T>>) -> RustClosure>,
}

impl<'a, T: 'static> ManySignalStreamBuilder<'a, T> {
    pub(crate) fn new(obj: &'a glib::Object) -> Self {
        Self {
            obj,
            after: false,
            policy: BufferPolicy::Unbounded,
            signals: Vec::new(),
            error: None,
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

    /// Connects every signal added. Fails with the first signal's error, or
    /// [`ConnectErrorKind::NoSignal`](crate::ConnectErrorKind::NoSignal) if none was added; then nothing is connected.
    #[doc(alias = "g_signal_connect_closure")]
    pub fn try_build(self) -> Result<ManySignalStream<T>, ConnectError> {
        self.connect(None)
    }

    /// Like [`try_build`](Self::try_build), but panics with the error's message.
    #[track_caller]
    pub fn build(self) -> ManySignalStream<T> {
        or_panic(self.try_build())
    }

    /// Like [`try_build`](Self::try_build), and `handler` runs synchronously inside every
    /// emission with its item, before the emission returns (for work the emitter expects
    /// done by then); the item is then queued.
    ///
    /// Items keep the order in which the emissions started: an emission made from inside
    /// `handler` is queued after the one that runs it.
    pub fn try_build_with<H>(self, handler: H) -> Result<ManySignalStream<T>, ConnectError>
    where
        H: Fn(&T) + 'static,
    {
        self.connect(Some(Box::new(handler)))
    }

    /// Like [`try_build_with`](Self::try_build_with), but panics with the error's message.
    #[track_caller]
    pub fn build_with<H>(self, handler: H) -> ManySignalStream<T>
    where
        H: Fn(&T) + 'static,
    {
        or_panic(self.try_build_with(handler))
    }

    fn connect(self, handler: Option<Handler<T>>) -> Result<ManySignalStream<T>, ConnectError> {
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
            handler,
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

impl<T> fmt::Debug for ManySignalStreamBuilder<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManySignalStreamBuilder")
            .field("type", &self.obj.type_())
            .field("signals", &self.signals.len())
            .field("after", &self.after)
            .field("policy", &self.policy)
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
    #[inline]
    fn receive(&self, _emitter: &Value, item: A) -> Option<Value> {
        self.feed.deliver((self.map)(item));
        None
    }
}
