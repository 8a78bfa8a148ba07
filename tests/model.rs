//! Model-based test: random sequences of connects, emissions, polls, drops, disposals and
//! re-entrant emissions on a few emitters, checked step by step against a plain model of what
//! each stream must yield.
//!
//! The model is deliberately naive: every stream gets exactly the emissions made on its
//! emitter between its connect and its drop (or its emitter's disposal), in the order GLib runs
//! the handlers (connection order, `after` handlers last, a nested emission running to
//! completion inside the handler that started it), minus what its buffer policy discards. An
//! emission from another thread reaches only `Send` streams, and each local handler it meets
//! logs one critical. After every operation the test also checks that no handler outlives its
//! stream, that no stream keeps its emitter alive, and that no other critical was logged.

mod common;

use std::{collections::VecDeque, num::NonZeroUsize, task::Poll};

use common::{criticals_during, poll_future_once, poll_once, value_of, Emitter};
use glib::{prelude::*, Value};
use glib_signal_stream::{
    prelude::*, BufferPolicy, PropertyStream, SendSignalStream, SignalFuture, SignalStream,
};
use proptest::prelude::*;

/// Emitters each case starts with.
const EMITTERS: usize = 3;
/// A re-entrant consumer re-emits `v + NESTED` for every outer emission `v < NESTED`; nested
/// values are never re-emitted, which bounds the recursion.
const NESTED: u64 = 1 << 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `connect_stream("tick")`.
    Dynamic,
    /// `connect_stream_typed::<(u64,)>("tick")`.
    Typed,
    /// `signal_future("tick")`.
    Future,
    /// `property_stream::<u64>("count")`.
    Property,
    /// `signal_stream_builder("tick").typed::<(u64,)>().send()`.
    Send,
    /// `signal_stream_builder("tick").answer(..)` whose handler emits `tick` again, once.
    Reentrant,
    /// `signal_stream_builder("tick").after(after).policy(policy).typed::<(u64,)>().build()`.
    Built { policy: BufferPolicy, after: bool },
}

impl Kind {
    /// Whether its handler runs on any thread.
    fn is_send(self) -> bool {
        self == Kind::Send
    }

    /// Whether its handler is connected with `G_CONNECT_AFTER`.
    fn is_after(self) -> bool {
        matches!(self, Kind::Built { after: true, .. })
    }
}

#[derive(Debug, Clone)]
enum Op {
    Connect { emitter: usize, kind: Kind },
    Emit { emitter: usize },
    EmitFromThread { emitter: usize },
    SetPolicy { stream: usize, policy: BufferPolicy },
    SetCount { emitter: usize, value: u64 },
    Poll { stream: usize, times: usize },
    Disconnect { stream: usize },
    DropStream { stream: usize },
    DropEmitter { emitter: usize },
    RunDispose { emitter: usize },
}

fn policy() -> impl Strategy<Value = BufferPolicy> {
    let n = (1..4usize).prop_map(|n| NonZeroUsize::new(n).unwrap());
    prop_oneof![
        Just(BufferPolicy::Unbounded),
        n.clone().prop_map(BufferPolicy::DropOldest),
        n.prop_map(BufferPolicy::DropNewest),
        Just(BufferPolicy::Latest),
    ]
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Dynamic),
        Just(Kind::Typed),
        Just(Kind::Future),
        Just(Kind::Property),
        Just(Kind::Send),
        Just(Kind::Reentrant),
        (policy(), any::<bool>()).prop_map(|(policy, after)| Kind::Built { policy, after }),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    // Indices are reduced modulo what exists when the operation runs.
    prop_oneof![
        4 => (0..EMITTERS, kind()).prop_map(|(emitter, kind)| Op::Connect { emitter, kind }),
        5 => (0..EMITTERS).prop_map(|emitter| Op::Emit { emitter }),
        1 => (0..EMITTERS).prop_map(|emitter| Op::EmitFromThread { emitter }),
        1 => (0..64usize, policy()).prop_map(|(stream, policy)| Op::SetPolicy { stream, policy }),
        2 => (0..EMITTERS, 0..4u64).prop_map(|(emitter, value)| Op::SetCount { emitter, value }),
        4 => (0..64usize, 1..4usize).prop_map(|(stream, times)| Op::Poll { stream, times }),
        1 => (0..64usize).prop_map(|stream| Op::Disconnect { stream }),
        2 => (0..64usize).prop_map(|stream| Op::DropStream { stream }),
        1 => (0..EMITTERS).prop_map(|emitter| Op::DropEmitter { emitter }),
        1 => (0..EMITTERS).prop_map(|emitter| Op::RunDispose { emitter }),
    ]
}

/// A live stream or future under test.
enum Real {
    Dynamic(SignalStream<Vec<Value>>),
    Typed(SignalStream<(u64,)>),
    Future(SignalFuture<Vec<Value>>),
    Property(PropertyStream<u64>),
    Send(SendSignalStream<(u64,), Emitter>),
    Reentrant(SignalStream<Vec<Value>>),
    Built(SignalStream<(u64,)>),
}

impl Real {
    fn connect(emitter: &Emitter, kind: Kind) -> Self {
        match kind {
            Kind::Dynamic => Self::Dynamic(emitter.connect_stream("tick")),
            Kind::Typed => Self::Typed(emitter.connect_stream_typed::<(u64,)>("tick")),
            Kind::Future => Self::Future(emitter.signal_future("tick")),
            Kind::Property => Self::Property(emitter.property_stream::<u64>("count")),
            Kind::Send => Self::Send(
                emitter
                    .signal_stream_builder("tick")
                    .typed::<(u64,)>()
                    .send()
                    .build(),
            ),
            Kind::Reentrant => {
                let weak = emitter.downgrade();
                Self::Reentrant(
                    emitter
                        .signal_stream_builder("tick")
                        .answer(move |args| {
                            let v = value_of(args);
                            if v < NESTED {
                                if let Some(emitter) = weak.upgrade() {
                                    emitter.tick(v + NESTED);
                                }
                            }
                        })
                        .build(),
                )
            }
            Kind::Built { policy, after } => Self::Built(
                emitter
                    .signal_stream_builder("tick")
                    .after(after)
                    .policy(policy)
                    .typed::<(u64,)>()
                    .build(),
            ),
        }
    }

    fn poll(&mut self) -> Poll<Option<u64>> {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => poll_once(s).map(|i| i.map(|a| value_of(&a))),
            Self::Typed(s) | Self::Built(s) => poll_once(s).map(|i| i.map(|(v,)| v)),
            Self::Send(s) => poll_once(s).map(|i| i.map(|(v,)| v)),
            Self::Property(s) => poll_once(s),
            Self::Future(f) => poll_future_once(f).map(|i| i.map(|a| value_of(&a))),
        }
    }

    fn is_connected(&self) -> bool {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => s.is_connected(),
            Self::Typed(s) | Self::Built(s) => s.is_connected(),
            Self::Send(s) => s.is_connected(),
            Self::Property(s) => s.is_connected(),
            Self::Future(f) => f.is_connected(),
        }
    }

    /// Queued items and items discarded by the policy, for the kinds that tell.
    fn counts(&self) -> Option<(usize, u64)> {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => Some((s.len(), s.dropped_count())),
            Self::Typed(s) | Self::Built(s) => Some((s.len(), s.dropped_count())),
            Self::Send(s) => Some((s.len(), s.dropped_count())),
            Self::Property(_) | Self::Future(_) => None,
        }
    }

    /// Items replaced by newer ones, for property streams.
    fn property_dropped(&self) -> Option<u64> {
        match self {
            Self::Property(s) => Some(s.dropped_count()),
            _ => None,
        }
    }

    /// `SignalStream::set_policy`, for the kinds that have it.
    fn set_policy(&mut self, policy: BufferPolicy) -> bool {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => s.set_policy(policy),
            Self::Typed(s) | Self::Built(s) => s.set_policy(policy),
            Self::Send(s) => s.set_policy(policy),
            Self::Property(_) | Self::Future(_) => return false,
        }
        true
    }

    /// `SignalStream::disconnect`, for the kinds that have it.
    fn disconnect(&mut self) -> bool {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => s.disconnect(),
            Self::Typed(s) | Self::Built(s) => s.disconnect(),
            Self::Send(s) => s.disconnect(),
            Self::Property(_) | Self::Future(_) => return false,
        }
        true
    }
}

/// What the model expects of one stream.
#[derive(Debug)]
struct Expected {
    emitter: usize,
    kind: Kind,
    queue: VecDeque<u64>,
    /// Its handler is connected: emissions reach it.
    connected: bool,
    /// Its handler is gone (disconnected or the emitter disposed): it ends once drained.
    closed: bool,
    /// A future that resolved: it yields nothing more.
    done: bool,
    policy: BufferPolicy,
    /// Items the policy discarded.
    dropped: u64,
}

impl Expected {
    /// Queues `v` as the buffer policy says.
    fn push(&mut self, v: u64) {
        match self.policy.capacity() {
            Some(cap) if self.queue.len() >= cap => {
                self.dropped += 1;
                if !matches!(self.policy, BufferPolicy::DropNewest(_)) {
                    self.queue.pop_front();
                    self.queue.push_back(v);
                }
            }
            _ => self.queue.push_back(v),
        }
    }

    /// Switches policy, discarding what the new one would not have kept.
    fn set_policy(&mut self, policy: BufferPolicy) {
        self.policy = policy;
        while policy.capacity().is_some_and(|cap| self.queue.len() > cap) {
            self.dropped += 1;
            match policy {
                BufferPolicy::DropNewest(_) => self.queue.pop_back(),
                _ => self.queue.pop_front(),
            };
        }
    }
}

/// One emitter in the model: the object while the test holds it, and a weak reference to check
/// that nothing else keeps it alive.
struct Slot {
    emitter: Option<Emitter>,
    weak: glib::WeakRef<Emitter>,
}

#[derive(Default)]
struct World {
    slots: Vec<Slot>,
    /// How many criticals the model expects in the crate's domain.
    expected_criticals: usize,
    /// In connection order, which is the order GLib runs the handlers of one signal.
    streams: Vec<Option<(Real, Expected)>>,
    next_value: u64,
}

impl World {
    fn new() -> Self {
        let slots = (0..EMITTERS)
            .map(|_| {
                let emitter = Emitter::new();
                Slot {
                    weak: emitter.downgrade(),
                    emitter: Some(emitter),
                }
            })
            .collect();
        Self {
            slots,
            ..Self::default()
        }
    }

    /// The index of the `n`-th live stream (modulo how many there are).
    fn live_stream(&self, n: usize) -> Option<usize> {
        let live: Vec<usize> = (0..self.streams.len())
            .filter(|&i| self.streams[i].is_some())
            .collect();
        (!live.is_empty()).then(|| live[n % live.len()])
    }

    fn run(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match *op {
            Op::Connect { emitter, kind } => {
                let Some(obj) = self.slots[emitter].emitter.clone() else {
                    return Ok(());
                };
                let real = Real::connect(&obj, kind);
                let policy = match kind {
                    Kind::Property => BufferPolicy::Latest,
                    Kind::Future => BufferPolicy::DropNewest(NonZeroUsize::MIN),
                    Kind::Built { policy, .. } => policy,
                    _ => BufferPolicy::Unbounded,
                };
                let mut expected = Expected {
                    emitter,
                    kind,
                    queue: VecDeque::new(),
                    connected: true,
                    closed: false,
                    done: false,
                    policy,
                    dropped: 0,
                };
                if kind == Kind::Property {
                    expected.push(obj.count()); // the current value comes first
                }
                self.streams.push(Some((real, expected)));
            }
            Op::Emit { emitter } => {
                let Some(obj) = self.slots[emitter].emitter.clone() else {
                    return Ok(());
                };
                self.next_value += 1;
                let v = self.next_value;
                self.expect_tick(emitter, v, false);
                obj.tick(v);
            }
            Op::EmitFromThread { emitter } => {
                let Some(obj) = self.slots[emitter].emitter.clone() else {
                    return Ok(());
                };
                self.next_value += 1;
                let v = self.next_value;
                self.expect_tick(emitter, v, true);
                std::thread::scope(|scope| {
                    scope
                        .spawn(|| obj.tick(v))
                        .join()
                        .expect("emission panicked");
                });
            }
            Op::SetPolicy { stream, policy } => {
                let Some(i) = self.live_stream(stream) else {
                    return Ok(());
                };
                let (real, exp) = self.streams[i].as_mut().unwrap();
                if real.set_policy(policy) {
                    exp.set_policy(policy);
                }
            }
            Op::SetCount { emitter, value } => {
                let Some(obj) = self.slots[emitter].emitter.clone() else {
                    return Ok(());
                };
                for (_, exp) in self.streams.iter_mut().flatten() {
                    if exp.emitter == emitter && exp.kind == Kind::Property && exp.connected {
                        // Latest: the new value replaces whatever was not consumed yet.
                        exp.push(value);
                    }
                }
                obj.set_count(value);
            }
            Op::Poll { stream, times } => {
                let Some(i) = self.live_stream(stream) else {
                    return Ok(());
                };
                let (real, exp) = self.streams[i].as_mut().unwrap();
                for _ in 0..times {
                    let want = if exp.done {
                        Poll::Ready(None)
                    } else if let Some(v) = exp.queue.pop_front() {
                        Poll::Ready(Some(v))
                    } else if exp.closed {
                        Poll::Ready(None)
                    } else {
                        Poll::Pending
                    };
                    if exp.kind == Kind::Future && want.is_ready() {
                        exp.done = true;
                    }
                    let got = real.poll();
                    prop_assert_eq!(got, want, "poll of stream {} ({:?})", i, exp.kind);
                }
            }
            Op::Disconnect { stream } => {
                let Some(i) = self.live_stream(stream) else {
                    return Ok(());
                };
                let (real, exp) = self.streams[i].as_mut().unwrap();
                if real.disconnect() {
                    exp.connected = false;
                    exp.closed = true;
                }
            }
            Op::DropStream { stream } => {
                let Some(i) = self.live_stream(stream) else {
                    return Ok(());
                };
                self.streams[i] = None;
            }
            Op::DropEmitter { emitter } => {
                let Some(obj) = self.slots[emitter].emitter.take() else {
                    return Ok(());
                };
                drop(obj);
                self.expect_disposed(emitter);
                prop_assert!(
                    self.slots[emitter].weak.upgrade().is_none(),
                    "emitter {} outlived its last reference",
                    emitter
                );
            }
            Op::RunDispose { emitter } => {
                let Some(obj) = self.slots[emitter].emitter.clone() else {
                    return Ok(());
                };
                obj.dispose_now();
                self.expect_disposed(emitter);
            }
        }
        self.check()
    }

    /// GLib runs `tick`'s handlers in connection order, the `after` ones last; a re-entrant
    /// one emits again from its handler, and that nested emission reaches every handler still
    /// connected before the outer one goes on; the re-entrant stream itself queues its items
    /// in the order the emissions began (the outer item first). From another
    /// thread (`foreign`), local handlers do not run and log a critical each.
    fn expect_tick(&mut self, emitter: usize, v: u64, foreign: bool) {
        for after in [false, true] {
            for i in 0..self.streams.len() {
                let Some((_, exp)) = &self.streams[i] else {
                    continue;
                };
                let reached = exp.emitter == emitter
                    && exp.kind != Kind::Property
                    && exp.kind.is_after() == after
                    && exp.connected;
                if !reached {
                    continue;
                }
                if foreign && !exp.kind.is_send() {
                    self.expected_criticals += 1;
                    continue;
                }
                let reentrant = exp.kind == Kind::Reentrant && v < NESTED;
                let (_, exp) = self.streams[i].as_mut().unwrap();
                exp.push(v);
                if exp.kind == Kind::Future {
                    exp.connected = false; // it disconnects inside its first emission
                }
                if reentrant {
                    self.expect_tick(emitter, v + NESTED, foreign);
                }
            }
        }
    }

    fn expect_disposed(&mut self, emitter: usize) {
        for (_, exp) in self.streams.iter_mut().flatten() {
            if exp.emitter == emitter {
                exp.connected = false;
                exp.closed = true;
            }
        }
    }

    /// Invariants that hold between any two operations.
    fn check(&self) -> Result<(), TestCaseError> {
        for (i, (real, exp)) in self
            .streams
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (i, s)))
        {
            prop_assert_eq!(real.is_connected(), exp.connected, "stream {} connected", i);
            if let Some(counts) = real.counts() {
                let want = (exp.queue.len(), exp.dropped);
                prop_assert_eq!(counts, want, "stream {} queued and dropped", i);
            }
            if let Some(dropped) = real.property_dropped() {
                prop_assert_eq!(dropped, exp.dropped, "property stream {} dropped", i);
            }
        }
        for (e, slot) in self.slots.iter().enumerate() {
            let Some(obj) = &slot.emitter else {
                prop_assert!(slot.weak.upgrade().is_none(), "emitter {} kept alive", e);
                continue;
            };
            let live = |property: bool| {
                self.streams.iter().flatten().any(|(_, exp)| {
                    exp.emitter == e && exp.connected && (exp.kind == Kind::Property) == property
                })
            };
            prop_assert_eq!(
                obj.has_handler("tick"),
                live(false),
                "tick handlers of {}",
                e
            );
            prop_assert_eq!(
                obj.has_handler("notify::count"),
                live(true),
                "notify handlers of {}",
                e
            );
        }
        Ok(())
    }

    /// Drops every stream, then every emitter: no handler is left, and nothing keeps an
    /// emitter alive.
    fn finish(mut self) -> Result<(), TestCaseError> {
        self.streams.clear();
        for (e, slot) in self.slots.iter_mut().enumerate() {
            if let Some(obj) = slot.emitter.take() {
                prop_assert!(!obj.has_handler("tick"), "tick handler left on {}", e);
                prop_assert!(
                    !obj.has_handler("notify::count"),
                    "notify handler left on {}",
                    e
                );
            }
            prop_assert!(slot.weak.upgrade().is_none(), "emitter {} kept alive", e);
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES overrides, e.g. for a short run under valgrind.
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn streams_follow_the_model(ops in prop::collection::vec(op(), 1..60)) {
        let (expected, criticals) = criticals_during(|| {
            let mut world = World::new();
            for op in &ops {
                world.run(op)?;
            }
            let expected = world.expected_criticals;
            world.finish()?;
            Ok::<_, TestCaseError>(expected)
        });
        let expected = expected?;
        prop_assert_eq!(criticals.len(), expected, "criticals logged: {:?}", criticals);
    }
}
