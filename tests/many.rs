//! Several signals of one object in one stream (the many builder: `signals`, `signal`,
//! `events`): one queue, items in emission order across signals, the checks, lifetime and policies of
//! `connect_stream`.

mod common;

use std::{cell::RefCell, rc::Rc};

use common::{block_on, Emitter};
use futures::{stream::FusedStream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::{prelude::*, BufferPolicy, ConnectErrorKind};

/// The signal indexes of every item, until the stream ends.
fn indexes(stream: impl futures::Stream<Item = (usize, Vec<glib::Value>)> + Unpin) -> Vec<usize> {
    block_on(stream.map(|(index, _)| index).collect())
}

#[test]
fn items_follow_emission_order_across_signals() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick", "changed"])
        .build();
    obj.tick(1);
    obj.ping();
    obj.change("a", "x");
    obj.tick(2);
    obj.ping();
    drop(obj);
    assert_eq!(indexes(events), [1, 0, 2, 1, 0]);
}

#[test]
fn items_carry_their_signals_parameters() {
    let obj = Emitter::new();
    let mut events = obj
        .signal_stream_many_builder()
        .signals(&["tick", "triple"])
        .build();
    obj.triple(7, "seven", true);
    obj.tick(3);
    block_on(async {
        let (index, params) = events.next().await.unwrap();
        assert_eq!(index, 1);
        assert_eq!(params[0].get::<i32>(), Ok(7));
        assert_eq!(params[1].get::<String>().as_deref(), Ok("seven"));
        assert_eq!(params[2].get::<bool>(), Ok(true));
        let (index, params) = events.next().await.unwrap();
        assert_eq!((index, params[0].get::<u64>()), (0, Ok(3)));
    });
}

#[test]
fn emission_from_inside_a_later_handler_is_queued_after_the_outer_one() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .build();
    // Connected after the stream's handlers: it runs once "ping" is queued.
    obj.connect_local("ping", false, |args| {
        let obj = args[0].get::<Emitter>().unwrap();
        obj.tick(1);
        None
    });
    obj.ping();
    obj.tick(2);
    drop(obj);
    assert_eq!(indexes(events), [0, 1, 1]);
}

#[test]
fn emission_from_inside_an_earlier_handler_is_queued_first() {
    let obj = Emitter::new();
    // Connected before the stream's handlers: the inner "tick" runs its handlers first.
    obj.connect_local("ping", false, |args| {
        let obj = args[0].get::<Emitter>().unwrap();
        obj.tick(1);
        None
    });
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .build();
    obj.ping();
    drop(obj);
    assert_eq!(indexes(events), [1, 0]);
}

#[test]
fn handler_runs_inside_the_emission() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "stage"])
        .handler(move |&(index, _)| {
            if index == 1 {
                if let Some(obj) = weak.upgrade() {
                    obj.record("handler");
                }
            }
        })
        .build();
    assert_eq!(obj.stage(), ["handler", "class"]);
    drop(obj);
    assert_eq!(indexes(events), [1]);
}

#[test]
fn many_with_queues_an_emission_from_inside_its_handler_after_the_one_that_runs_it() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .handler({
            let seen = seen.clone();
            move |&(index, ref params)| {
                seen.borrow_mut().push(index);
                if index == 0 {
                    if let Some(obj) = weak.upgrade() {
                        obj.tick(1); // nested twice: the inner tick's handler emits another
                    }
                } else if params[0].get::<u64>() == Ok(1) {
                    if let Some(obj) = weak.upgrade() {
                        obj.tick(2);
                    }
                }
            }
        })
        .build();
    obj.ping();
    obj.tick(3);
    drop(obj);
    assert_eq!(*seen.borrow(), [0, 1, 1, 1]);
    let items: Vec<(usize, u64)> = block_on(
        events
            .map(|(index, params)| (index, params.first().map_or(0, |v| v.get().unwrap())))
            .collect(),
    );
    assert_eq!(items, [(0, 0), (1, 1), (1, 2), (1, 3)]);
}

#[test]
fn unknown_signal_connects_nothing() {
    let obj = Emitter::new();
    let err = obj
        .signal_stream_many_builder()
        .signals(&["ping", "pong"])
        .try_build()
        .unwrap_err();
    assert!(matches!(err.kind(), ConnectErrorKind::UnknownSignal { signal } if signal == "pong"));
    assert!(!obj.has_handler("ping"));
}

#[test]
fn signal_needing_a_return_value_connects_nothing() {
    let obj = Emitter::new();
    let err = obj
        .signal_stream_many_builder()
        .signals(&["tick", "ask"])
        .try_build()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::NeedsReturnValue { .. }),
        "{err:?}"
    );
    assert!(!obj.has_handler("tick"));
}

#[test]
fn empty_signal_list_is_refused() {
    let obj = Emitter::new();
    let err = obj
        .signal_stream_many_builder()
        .signals(&[])
        .try_build()
        .unwrap_err();
    assert!(matches!(err.kind(), ConnectErrorKind::NoSignal), "{err:?}");
    assert_eq!(
        err.to_string(),
        "no signal given for a stream of several signals of type 'SignalStreamTestEmitter'"
    );
}

#[test]
#[should_panic(expected = "signal 'pong' not found on type 'SignalStreamTestEmitter'")]
fn panicking_form_panics_with_the_error() {
    let obj = Emitter::new();
    let _events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "pong"])
        .build();
}

#[test]
fn typed_item_mismatch_connects_nothing() {
    let obj = Emitter::new();
    let err = obj
        .signal_stream_many_builder::<u64>()
        .signal("ping", |()| 0)
        .signal("tick", |(s,): (String,)| s.len() as u64)
        .try_build()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{err:?}"
    );
    assert!(!obj.has_handler("ping"));
}

#[test]
fn dropping_the_stream_disconnects_every_handler() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick", "changed"])
        .build();
    obj.tick(1);
    drop(events);
    assert!(!obj.has_handler("ping"));
    assert!(!obj.has_handler("tick"));
    assert!(!obj.has_handler("changed"));
}

#[test]
fn disconnect_keeps_what_is_queued_then_ends() {
    let obj = Emitter::new();
    let mut events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .build();
    obj.tick(1);
    events.disconnect();
    obj.ping();
    assert!(!obj.has_handler("ping"));
    assert!(!obj.has_handler("tick"));
    assert_eq!(indexes(events), [1]);
}

#[test]
fn stream_does_not_keep_the_emitter_alive() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .build();
    obj.ping();
    let weak = obj.downgrade();
    drop(obj);
    assert!(weak.upgrade().is_none());
    drop(events);
}

#[test]
fn stream_ends_when_the_emitter_is_disposed() {
    let obj = Emitter::new();
    let mut events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .build();
    obj.tick(1);
    obj.dispose_now();
    block_on(async {
        assert_eq!(events.next().await.map(|(index, _)| index), Some(1));
        assert!(events.next().await.is_none());
    });
    assert!(events.is_terminated());
}

#[test]
fn policy_applies_to_the_one_queue() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signal("ping", |()| "ping")
        .signal("tick", |(_,): (u64,)| "tick")
        .policy(BufferPolicy::Latest)
        .build();
    obj.tick(1);
    obj.ping();
    assert_eq!(events.len(), 1);
    assert_eq!(events.dropped_count(), 1);
    drop(obj);
    assert_eq!(block_on(events.collect::<Vec<_>>()), ["ping"]);
}

#[test]
fn builder_items_are_of_the_callers_type() {
    #[derive(Debug, PartialEq)]
    enum Event {
        Ping,
        Tick(u64),
    }
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signal("ping", |()| Event::Ping)
        .signal("tick", |(n,)| Event::Tick(n))
        .build();
    obj.tick(4);
    obj.ping();
    drop(obj);
    assert_eq!(
        block_on(events.collect::<Vec<_>>()),
        [Event::Tick(4), Event::Ping]
    );
}

#[test]
fn events_with_a_handler_connect_every_signal_of_the_events_type() {
    #[derive(Debug, PartialEq)]
    enum EmitterEvent {
        Ping,
        Tick(u64),
    }
    impl glib_signal_stream::SignalEvents for EmitterEvent {
        type Emitter = Emitter;
        fn add_signals(
            builder: glib_signal_stream::ManySignalStreamBuilder<'_, Self>,
        ) -> glib_signal_stream::ManySignalStreamBuilder<'_, Self> {
            builder
                .signal("ping", |()| Self::Ping)
                .signal("tick", |(n,)| Self::Tick(n))
        }
    }
    let obj = Emitter::new();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let events = obj
        .signal_stream_many_builder::<EmitterEvent>()
        .events()
        .handler({
            let seen = seen.clone();
            move |event| seen.borrow_mut().push(format!("{event:?}"))
        })
        .build();
    obj.tick(3);
    obj.ping();
    // The handler ran inside each emission, before the stream was polled.
    assert_eq!(*seen.borrow(), ["Tick(3)", "Ping"]);
    drop(obj);
    assert_eq!(
        block_on(events.collect::<Vec<_>>()),
        [EmitterEvent::Tick(3), EmitterEvent::Ping]
    );
}

#[test]
fn signals_are_indexed_among_every_signal_added() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signal("ping", |params: Vec<glib::Value>| (7, params))
        .signals(&["tick"])
        .signals(&["changed"])
        .build();
    obj.change("a", "x");
    obj.tick(1);
    obj.ping();
    drop(obj);
    assert_eq!(indexes(events), [2, 1, 7]);
}

#[test]
fn after_runs_the_handlers_after_the_class_handler() {
    let obj = Emitter::new();
    let weak = obj.downgrade();
    let _events = obj
        .signal_stream_many_builder()
        .signal("stage", |()| ())
        .after(true)
        .handler(move |()| {
            if let Some(obj) = weak.upgrade() {
                obj.record("handler");
            }
        })
        .build();
    assert_eq!(obj.stage(), ["class", "handler"]);
}

#[test]
fn emission_from_another_thread_is_dropped_with_critical() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .build();
    let ((), criticals) = common::criticals_during(|| {
        std::thread::scope(|scope| {
            scope.spawn(|| obj.tick(1));
        })
    });
    obj.ping();
    assert_eq!(criticals.len(), 1, "{criticals:?}");
    assert!(criticals[0].contains("'tick'") && criticals[0].contains("another thread"));
    drop(obj);
    assert_eq!(indexes(events), [0]);
}

#[test]
fn stream_dropped_from_its_own_handler_disconnects_every_handler() {
    type Slot =
        Rc<RefCell<Option<glib_signal_stream::ManySignalStream<(usize, Vec<glib::Value>)>>>>;
    let obj = Emitter::new();
    let slot: Slot = Rc::new(RefCell::new(None));
    let stream = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .handler({
            let slot = slot.clone();
            move |_| {
                let taken = slot.borrow_mut().take();
                drop(taken);
            }
        })
        .build();
    *slot.borrow_mut() = Some(stream);
    obj.ping();
    assert!(slot.borrow().is_none());
    assert!(!obj.has_handler("ping"));
    assert!(!obj.has_handler("tick"));
    obj.tick(1); // nothing left to reach: no crash
}

#[test]
fn merging_one_stream_per_signal_loses_the_order_that_one_stream_keeps() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick").map(|_| 1);
    let pings = obj.connect_stream_typed::<()>("ping").map(|_| 0);
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .build();
    obj.tick(1);
    obj.tick(2);
    obj.ping();
    drop(obj);
    // `select` polls its streams in turn: a queued ping overtakes the second tick.
    let merged: Vec<usize> = block_on(futures::stream::select(ticks, pings).collect());
    assert_eq!(merged, [1, 0, 1]);
    assert_eq!(indexes(events), [1, 1, 0]);
}

#[test]
fn a_detail_selects_its_emissions_as_in_connect_stream() {
    let obj = Emitter::new();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["changed::a", "ping"])
        .build();
    obj.change("b", "x");
    obj.change("a", "y");
    obj.ping();
    drop(obj);
    assert_eq!(indexes(events), [0, 1]);
}

#[test]
fn dropping_the_stream_frees_what_its_handler_holds() {
    let obj = Emitter::new();
    let held = glib::Object::new::<glib::Object>();
    let weak = held.downgrade();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick", "changed"])
        .handler(move |_| {
            let _ = &held;
        })
        .build();
    assert!(weak.upgrade().is_some());
    drop(events);
    // Every handler shares what the handler holds: all of them were destroyed.
    assert!(weak.upgrade().is_none());
}

#[test]
fn disposing_the_emitter_frees_what_the_handler_holds() {
    let obj = Emitter::new();
    let held = glib::Object::new::<glib::Object>();
    let weak = held.downgrade();
    let events = obj
        .signal_stream_many_builder()
        .signals(&["ping", "tick"])
        .handler(move |_| {
            let _ = &held;
        })
        .build();
    obj.dispose_now();
    assert!(weak.upgrade().is_none());
    assert_eq!(indexes(events), []);
}
