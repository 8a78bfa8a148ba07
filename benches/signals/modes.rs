//! The modes: what is connected to the signal, and a stream of `u64`s whatever the mode.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    /// Nothing connected: what an emission costs anyway, the base the handler costs are
    /// measured above. Batch only (`--profile batch none`), so it is not in [`MODES`].
    NoHandler,
    Callback,
    Floor,
    Channel,
    Dynamic,
    Typed,
    Send,
    DropOldest,
    DropNewest,
    Latest,
}

pub(crate) const MODES: [Mode; 9] = [
    Mode::Callback,
    Mode::Floor,
    Mode::Channel,
    Mode::Dynamic,
    Mode::Typed,
    Mode::Send,
    Mode::DropOldest,
    Mode::DropNewest,
    Mode::Latest,
];

pub(crate) const CAP: usize = 1024;

impl Mode {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mode::NoHandler => "no handler (the emission alone)",
            Mode::Callback => "callback (connect_local)",
            Mode::Floor => "floor: connect_local + Rc<RefCell<VecDeque>> + waker",
            Mode::Channel => "callback + async_channel::unbounded",
            Mode::Dynamic => "connect_stream (Vec<Value>)",
            Mode::Typed => "connect_stream_typed::<(u64,)>",
            Mode::Send => "builder typed::<(u64,)>().send()",
            Mode::DropOldest => "builder DropOldest(1024)",
            Mode::DropNewest => "builder DropNewest(1024)",
            Mode::Latest => "builder Latest",
        }
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            Mode::NoHandler => "none",
            Mode::Callback => "callback",
            Mode::Floor => "floor",
            Mode::Channel => "channel",
            Mode::Dynamic => "dynamic",
            Mode::Typed => "typed",
            Mode::Send => "send",
            Mode::DropOldest => "drop-oldest",
            Mode::DropNewest => "drop-newest",
            Mode::Latest => "latest",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<Mode> {
        std::iter::once(Mode::NoHandler)
            .chain(MODES)
            .find(|m| m.key() == key)
    }

    pub(crate) fn policy(self) -> Option<BufferPolicy> {
        let cap = NonZeroUsize::new(CAP).unwrap();
        match self {
            Mode::DropOldest => Some(BufferPolicy::DropOldest(cap)),
            Mode::DropNewest => Some(BufferPolicy::DropNewest(cap)),
            Mode::Latest => Some(BufferPolicy::Latest),
            _ => None,
        }
    }
}

/// A stream of `u64`s, whatever the mode's item type.
pub(crate) enum AnyStream {
    Floor(floor::FloorStream),
    Dynamic(glib_signal_stream::SignalStream<Vec<glib::Value>>),
    Typed(glib_signal_stream::SignalStream<(u64,)>),
    Send(glib_signal_stream::SendSignalStream<(u64,), Ticker>),
}

impl AnyStream {
    pub(crate) fn connect(obj: &Ticker, mode: Mode) -> AnyStream {
        match mode {
            Mode::Floor => AnyStream::Floor(floor::connect(obj, "tick").1),
            Mode::Dynamic => AnyStream::Dynamic(obj.connect_stream("tick")),
            Mode::Typed => AnyStream::Typed(obj.connect_stream_typed::<(u64,)>("tick")),
            Mode::Send => AnyStream::Send(
                obj.signal_stream_builder("tick")
                    .typed::<(u64,)>()
                    .send()
                    .build(),
            ),
            _ => AnyStream::Typed(
                obj.signal_stream_builder("tick")
                    .policy(mode.policy().expect("a policy mode"))
                    .typed::<(u64,)>()
                    .build(),
            ),
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            AnyStream::Floor(s) => s.len(),
            AnyStream::Dynamic(s) => s.len(),
            AnyStream::Typed(s) => s.len(),
            AnyStream::Send(s) => s.len(),
        }
    }

    pub(crate) fn dropped_count(&self) -> u64 {
        match self {
            AnyStream::Floor(_) => 0,
            AnyStream::Dynamic(s) => s.dropped_count(),
            AnyStream::Typed(s) => s.dropped_count(),
            AnyStream::Send(s) => s.dropped_count(),
        }
    }
}

impl Stream for AnyStream {
    type Item = u64;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        match self.get_mut() {
            AnyStream::Floor(s) => s.poll_next_unpin(cx),
            AnyStream::Dynamic(s) => s.poll_next_unpin(cx).map(|item| {
                item.map(|args| args.first().and_then(|v| v.get::<u64>().ok()).unwrap_or(0))
            }),
            AnyStream::Typed(s) => s.poll_next_unpin(cx).map(|item| item.map(|(v,)| v)),
            AnyStream::Send(s) => s.poll_next_unpin(cx).map(|item| item.map(|(v,)| v)),
        }
    }
}

/// The plain callback of the floor: adds the value to `sum`.
pub(crate) fn connect_callback(obj: &Ticker, sum: &Rc<Cell<u64>>) -> SignalHandlerId {
    let sum = sum.clone();
    obj.connect_local("tick", false, move |args| {
        sum.set(sum.get() + args[1].get::<u64>().unwrap());
        None
    })
}

/// The pattern users write today: a callback sending into an unbounded async channel.
pub(crate) fn connect_channel(obj: &Ticker) -> (SignalHandlerId, async_channel::Receiver<u64>) {
    let (tx, rx) = async_channel::unbounded();
    let id = obj.connect_local("tick", false, move |args| {
        let _ = tx.try_send(args[1].get::<u64>().unwrap());
        None
    });
    (id, rx)
}

/// For the policy modes: what the received items must sum to after `n` emissions with no
/// draining in between, and how many are received.
pub(crate) fn policy_expectation(mode: Mode, n: u64) -> (u64, u64) {
    let cap = CAP as u64;
    match mode {
        Mode::DropOldest => {
            let k = n.min(cap);
            (k, sum_range(n - k + 1, n))
        }
        Mode::DropNewest => {
            let k = n.min(cap);
            (k, sum_range(1, k))
        }
        Mode::Latest => (n.min(1), if n == 0 { 0 } else { n }),
        _ => (n, sum_range(1, n)),
    }
}
