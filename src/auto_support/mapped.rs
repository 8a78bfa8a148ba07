//! Typed streams whose items gtk4-rs types more richly than the signal declares
//! (`gtk::ResponseType` for `GtkDialog::response`'s `gint`): connected and checked as the
//! signal's own types, converted by a function inside the emission. For the generated streams.

use glib::Value;

use crate::{
    args::SignalArgs,
    connect::resolve,
    connection::Connection,
    error::{or_panic, ConnectError},
    queue::{BufferPolicy, InOrder, Local, QueueLock, Sender},
    stream::SignalStream,
    thread_bound::ThreadBound,
    trampoline::{closure, Receive},
};

/// A handler that runs inside each emission with the converted item.
type Handler<B> = Box<dyn Fn(&B)>;

/// Converts each item with `map`, runs the optional handler on the result, and queues it.
struct Mapped<B, F> {
    sender: Sender<B, Local>,
    map: F,
    handler: Option<Handler<B>>,
    /// Keeps the items of emissions made from inside the handler after the outer one.
    order: InOrder<B>,
}

impl<A, B, F> Receive<A> for Mapped<B, F>
where
    A: 'static,
    B: 'static,
    F: Fn(A) -> B + 'static,
{
    #[inline]
    fn receive(&self, _emitter: &Value, item: A) -> Option<Value> {
        let item = (self.map)(item);
        match &self.handler {
            Some(handler) => self.order.run(item, handler, &self.sender),
            None => self.sender.send(item),
        }
        None
    }
}

/// A stream of `signal` on `obj`, checked as `A` and yielding `map(A)`; with `handler`, that
/// runs inside each emission with the item before it is queued.
pub(crate) fn try_stream_map<A, B, F>(
    obj: &glib::Object,
    signal: &str,
    map: F,
    handler: Option<Handler<B>>,
) -> Result<SignalStream<B>, ConnectError>
where
    A: SignalArgs,
    B: 'static,
    F: Fn(A) -> B + 'static,
{
    let resolved = resolve(obj, signal)?;
    resolved.check_args::<A>()?;
    resolved.check_no_return()?;
    let queue = Local::new_queue(BufferPolicy::Unbounded);
    let state = ThreadBound::new(Mapped {
        sender: Sender::new(queue.clone()),
        map,
        handler,
        order: InOrder::new(),
    });
    let id = resolved.connect(obj, false, closure::<A, _>(state, resolved.info.clone()));
    Ok(SignalStream::new(
        queue,
        Connection::new(obj, id, &resolved),
    ))
}

/// [`try_stream_map`] without a handler; panics with the error's message.
#[track_caller]
pub(crate) fn stream_map<A, B, F>(obj: &glib::Object, signal: &str, map: F) -> SignalStream<B>
where
    A: SignalArgs,
    B: 'static,
    F: Fn(A) -> B + 'static,
{
    or_panic(try_stream_map(obj, signal, map, None))
}

/// [`try_stream_map`] with a handler; panics with the error's message.
#[track_caller]
pub(crate) fn stream_map_with<A, B, F>(
    obj: &glib::Object,
    signal: &str,
    map: F,
    handler: impl Fn(&B) + 'static,
) -> SignalStream<B>
where
    A: SignalArgs,
    B: 'static,
    F: Fn(A) -> B + 'static,
{
    or_panic(try_stream_map(obj, signal, map, Some(Box::new(handler))))
}
