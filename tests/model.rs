//! Model-based test: random sequences of connects, emissions, polls, drops, disposals and
//! re-entrant emissions on a few emitters, checked step by step against a plain model of what
//! each stream must yield.
//!
//! The model is deliberately naive: every stream gets exactly the emissions made on its
//! emitter between its connect and its drop (or its emitter's disposal), in the order GLib runs
//! the handlers (connection order, a nested emission running to completion inside the handler
//! that started it). After every operation the test also checks that no handler outlives its
//! stream and that no stream keeps its emitter alive.

mod support;

use std::{collections::VecDeque, task::Poll};

use glib::{prelude::*, Value};
use glib_signal_stream::{
    prelude::*, PropertyStream, SendSignalStream, SignalFuture, SignalStream,
};
use proptest::prelude::*;
use support::{poll_future_once, poll_once, value_of, Emitter};

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
    /// `connect_stream_send::<(u64,)>("tick")`.
    Send,
    /// `connect_stream_with_return("tick", ..)` whose handler emits `tick` again, once.
    Reentrant,
}

#[derive(Debug, Clone)]
enum Op {
    Connect { emitter: usize, kind: Kind },
    Emit { emitter: usize },
    SetCount { emitter: usize, value: u64 },
    Poll { stream: usize, times: usize },
    Disconnect { stream: usize },
    DropStream { stream: usize },
    DropEmitter { emitter: usize },
    RunDispose { emitter: usize },
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Dynamic),
        Just(Kind::Typed),
        Just(Kind::Future),
        Just(Kind::Property),
        Just(Kind::Send),
        Just(Kind::Reentrant),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    // Indices are reduced modulo what exists when the operation runs.
    prop_oneof![
        4 => (0..EMITTERS, kind()).prop_map(|(emitter, kind)| Op::Connect { emitter, kind }),
        5 => (0..EMITTERS).prop_map(|emitter| Op::Emit { emitter }),
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
    Send(SendSignalStream<(u64,)>),
    Reentrant(SignalStream<Vec<Value>>),
}

impl Real {
    fn connect(emitter: &Emitter, kind: Kind) -> Self {
        match kind {
            Kind::Dynamic => Self::Dynamic(emitter.connect_stream("tick")),
            Kind::Typed => Self::Typed(emitter.connect_stream_typed::<(u64,)>("tick")),
            Kind::Future => Self::Future(emitter.signal_future("tick")),
            Kind::Property => Self::Property(emitter.property_stream::<u64>("count")),
            Kind::Send => Self::Send(emitter.connect_stream_send::<(u64,)>("tick")),
            Kind::Reentrant => {
                let weak = emitter.downgrade();
                Self::Reentrant(emitter.connect_stream_with_return("tick", move |args| {
                    let v = value_of(args);
                    if v < NESTED {
                        if let Some(emitter) = weak.upgrade() {
                            emitter.tick(v + NESTED);
                        }
                    }
                }))
            }
        }
    }

    fn poll(&mut self) -> Poll<Option<u64>> {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => poll_once(s).map(|i| i.map(|a| value_of(&a))),
            Self::Typed(s) => poll_once(s).map(|i| i.map(|(v,)| v)),
            Self::Send(s) => poll_once(s).map(|i| i.map(|(v,)| v)),
            Self::Property(s) => poll_once(s),
            Self::Future(f) => poll_future_once(f).map(|i| i.map(|a| value_of(&a))),
        }
    }

    fn is_connected(&self) -> bool {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => s.is_connected(),
            Self::Typed(s) => s.is_connected(),
            Self::Send(s) => s.is_connected(),
            Self::Property(s) => s.is_connected(),
            Self::Future(f) => f.is_connected(),
        }
    }

    /// Queued items, for the kinds that tell.
    fn len(&self) -> Option<usize> {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => Some(s.len()),
            Self::Typed(s) => Some(s.len()),
            Self::Send(s) => Some(s.len()),
            Self::Property(_) | Self::Future(_) => None,
        }
    }

    /// `SignalStream::disconnect`, for the kinds that have it.
    fn disconnect(&mut self) -> bool {
        match self {
            Self::Dynamic(s) | Self::Reentrant(s) => s.disconnect(),
            Self::Typed(s) => s.disconnect(),
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
                let mut queue = VecDeque::new();
                if kind == Kind::Property {
                    queue.push_back(obj.count()); // the current value comes first
                }
                let expected = Expected {
                    emitter,
                    kind,
                    queue,
                    connected: true,
                    closed: false,
                    done: false,
                };
                self.streams.push(Some((real, expected)));
            }
            Op::Emit { emitter } => {
                let Some(obj) = self.slots[emitter].emitter.clone() else {
                    return Ok(());
                };
                self.next_value += 1;
                let v = self.next_value;
                self.expect_tick(emitter, v);
                obj.tick(v);
            }
            Op::SetCount { emitter, value } => {
                let Some(obj) = self.slots[emitter].emitter.clone() else {
                    return Ok(());
                };
                for (_, exp) in self.streams.iter_mut().flatten() {
                    if exp.emitter == emitter && exp.kind == Kind::Property && exp.connected {
                        // Latest: the new value replaces whatever was not consumed yet.
                        exp.queue.clear();
                        exp.queue.push_back(value);
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

    /// GLib runs `tick`'s handlers in connection order; a re-entrant one emits first (its
    /// handler runs before its item is queued), and that nested emission reaches every
    /// handler still connected before the outer one goes on.
    fn expect_tick(&mut self, emitter: usize, v: u64) {
        for i in 0..self.streams.len() {
            let Some((_, exp)) = &self.streams[i] else {
                continue;
            };
            if exp.emitter != emitter || exp.kind == Kind::Property || !exp.connected {
                continue;
            }
            if exp.kind == Kind::Reentrant && v < NESTED {
                self.expect_tick(emitter, v + NESTED);
            }
            let (_, exp) = self.streams[i].as_mut().unwrap();
            exp.queue.push_back(v);
            if exp.kind == Kind::Future {
                exp.connected = false; // it disconnects inside its first emission
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
            if let Some(len) = real.len() {
                prop_assert_eq!(len, exp.queue.len(), "stream {} queue length", i);
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
                obj.has_tick_handler(),
                live(false),
                "tick handlers of {}",
                e
            );
            prop_assert_eq!(
                obj.has_count_handler(),
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
                prop_assert!(!obj.has_tick_handler(), "tick handler left on {}", e);
                prop_assert!(!obj.has_count_handler(), "notify handler left on {}", e);
            }
            prop_assert!(slot.weak.upgrade().is_none(), "emitter {} kept alive", e);
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn streams_follow_the_model(ops in prop::collection::vec(op(), 1..60)) {
        let mut world = World::new();
        for op in &ops {
            world.run(op)?;
        }
        world.finish()?;
    }
}
