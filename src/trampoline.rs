//! The body that runs inside an emission, shared by every stream kind.
//!
//! It first tries the fast path (`Marshal::marshal_fast`: plain-data items appended to a
//! local queue, no call made), then the full one: it converts the parameters (the emitter
//! excluded), hands them to a [`Receive`]r (a queue, optionally after a return-value
//! handler), and returns the handler's answer to the emitter. It never panics: an emission
//! it cannot deliver (wrong thread, a `NULL` for a non-`Option` parameter) is reported with
//! a critical and answered with the return type's default value.

use std::marker::PhantomData;

use glib::{Type, Value};

use crate::{
    args::{SignalArgs, SignalReturn},
    marshal::Marshal,
    queue::{InOrder, QueueLock, Sender},
    thread_bound::ThreadBound,
};

/// What an emission's converted parameters are handed to.
pub(crate) trait Receive<A>: 'static {
    /// Whether [`receive`](Self::receive) may answer the emitter. `false` for the receivers
    /// that always return `None`: the closure then never touches the return value, and the
    /// emitter keeps the default value GLib initialized it to, the same value
    /// `SignalInfo::default_answer` would give.
    const ANSWERS: bool = true;

    /// Takes one emission; returns the value for the emitter (`None` for void signals).
    fn receive(&self, emitter: &Value, item: A) -> Option<Value>;

    /// Takes one emission if that needs no call and no answer (see
    /// [`Marshal::marshal_fast`]); otherwise hands `item` back, for [`receive`](Self::receive).
    #[inline]
    fn try_receive(&self, item: A) -> Result<(), A> {
        Err(item)
    }
}

/// How the trampoline reaches its receiver: on the owning thread only, or from any thread.
pub(crate) trait Access: Send + Sync + 'static {
    type Target;
    fn get(&self) -> Option<&Self::Target>;
}

impl<T: 'static> Access for ThreadBound<T> {
    type Target = T;
    #[inline]
    fn get(&self) -> Option<&T> {
        ThreadBound::get(self)
    }
}

/// Receiver state that is itself `Send + Sync` (threaded streams).
pub(crate) struct AnyThread<T>(pub(crate) T);

impl<T: Send + Sync + 'static> Access for AnyThread<T> {
    type Target = T;
    #[inline]
    fn get(&self) -> Option<&T> {
        Some(&self.0)
    }
}

/// Queues every item.
pub(crate) struct Forward<T, F: QueueLock>(pub(crate) Sender<T, F>);

impl<T: 'static, F: QueueLock + 'static> Receive<T> for Forward<T, F> {
    const ANSWERS: bool = false;

    #[inline]
    fn receive(&self, _emitter: &Value, item: T) -> Option<Value> {
        self.0.send(item);
        None
    }

    #[inline]
    fn try_receive(&self, item: T) -> Result<(), T> {
        self.0.try_append(item)
    }
}

/// Runs a return-value handler and queues the item; the handler's answer goes to the emitter.
///
/// Items are queued in the order their emissions begin, also when the handler itself emits
/// the signal again ([`InOrder`]).
pub(crate) struct Answer<T, F: QueueLock, H, R, M> {
    sender: Sender<T, F>,
    handler: H,
    order: InOrder<T>,
    _ret: PhantomData<fn() -> (R, M)>,
}

impl<T, F: QueueLock, H, R, M> Answer<T, F, H, R, M> {
    pub(crate) fn new(sender: Sender<T, F>, handler: H) -> Self {
        Self {
            sender,
            handler,
            order: InOrder::new(),
            _ret: PhantomData,
        }
    }
}

impl<T, F, H, R, M> Receive<T> for Answer<T, F, H, R, M>
where
    T: 'static,
    F: QueueLock + 'static,
    H: Fn(&T) -> R + 'static,
    R: SignalReturn<M>,
    M: 'static,
{
    #[inline]
    fn receive(&self, _emitter: &Value, item: T) -> Option<Value> {
        self.order.run(
            item,
            |item| (self.handler)(item).into_return_value(),
            &self.sender,
        )
    }
}

/// Names the signal in diagnostics, and gives the answer for an emission that cannot be
/// delivered.
#[derive(Clone)]
pub(crate) struct SignalInfo {
    pub(crate) type_name: &'static str,
    pub(crate) signal: &'static str,
    pub(crate) return_type: Type,
}

impl SignalInfo {
    fn default_answer(&self) -> Option<Value> {
        (self.return_type != Type::UNIT).then(|| Value::from_type(self.return_type))
    }
}

/// Builds the closure connected to the signal.
pub(crate) fn closure<A, G>(state: G, info: SignalInfo) -> glib::Closure
where
    A: SignalArgs,
    G: Access,
    G::Target: Receive<A>,
{
    crate::marshal::closure(Trampoline {
        state,
        info,
        _args: PhantomData::<fn() -> A>,
    })
}

/// The closure's body: the receiver's state and what names the signal in diagnostics.
struct Trampoline<A, G> {
    state: G,
    info: SignalInfo,
    _args: PhantomData<fn() -> A>,
}

impl<A, G> Marshal for Trampoline<A, G>
where
    A: SignalArgs,
    G: Access,
    G::Target: Receive<A>,
{
    #[inline(always)]
    fn marshal_fast(&self, values: &[Value]) -> bool {
        let (Some(receiver), Some((_emitter, params))) = (self.state.get(), values.split_first())
        else {
            return false;
        };
        // Plain-data items only: they own nothing, so dropping one that is handed back does
        // nothing, and `marshal` converts the parameters again.
        match A::from_plain_values(params) {
            Some(item) => receiver.try_receive(item).is_ok(),
            None => false,
        }
    }

    #[inline]
    fn marshal(&self, values: &[Value]) -> Option<Value> {
        if let (Some(receiver), Some((emitter, params))) = (self.state.get(), values.split_first())
        {
            if let Some(item) = A::from_values(params) {
                return Self::answer(receiver.receive(emitter, item));
            }
        }
        Self::answer(self.undelivered(values))
    }
}

impl<A, G> Trampoline<A, G>
where
    A: SignalArgs,
    G: Access,
    G::Target: Receive<A>,
{
    /// An emission `marshal` did not deliver as it is: on another thread than a local
    /// stream's, or with parameters that need converting or do not convert. Out of line, and
    /// given only what it needs to find out which, so that the common path keeps few values
    /// live.
    #[cold]
    #[inline(never)]
    fn undelivered(&self, values: &[Value]) -> Option<Value> {
        let info = &self.info;
        let Some(receiver) = self.state.get() else {
            return other_thread(info);
        };
        match values.split_first() {
            Some((emitter, params)) => converted(receiver, emitter, params, info),
            None => info.default_answer(),
        }
    }

    /// `answer` if the receiver answers at all: for one that never does, `None` on every
    /// path, so that the marshaller leaves the return value alone without testing it.
    #[inline(always)]
    fn answer(answer: Option<Value>) -> Option<Value> {
        if <G::Target as Receive<A>>::ANSWERS {
            answer
        } else {
            None
        }
    }
}

/// Reports an emission on another thread than a local stream's.
#[cold]
#[inline(never)]
fn other_thread(info: &SignalInfo) -> Option<Value> {
    glib::g_critical!(
        crate::LOG_DOMAIN,
        "signal '{}' of type '{}' emitted on another thread than the one that connected its \
         local stream; the emission is dropped from the stream (use a Send stream, \
         signal_stream_builder(..).send(), for emitters on other threads)",
        info.signal,
        info.type_name
    );
    info.default_answer()
}

/// The emission's slow path: parameters that did not convert as they are (a `NULL`, or a
/// value of another type that converts, `SignalArgs::from_converted_values`).
#[cold]
#[inline(never)]
fn converted<A, R>(
    receiver: &R,
    emitter: &Value,
    params: &[Value],
    info: &SignalInfo,
) -> Option<Value>
where
    A: SignalArgs,
    R: Receive<A> + ?Sized,
{
    match A::from_converted_values(params) {
        Some(item) => receiver.receive(emitter, item),
        None => {
            glib::g_critical!(
                crate::LOG_DOMAIN,
                "signal '{}' of type '{}': a parameter did not convert to the requested \
                     type (NULL for a parameter that is not an Option<T>, or an object of \
                     another type than the requested subclass); the emission is dropped from \
                     the stream",
                info.signal,
                info.type_name
            );
            info.default_answer()
        }
    }
}
