//! Connect, emit, drop, in a loop: every kind of stream and every way one ends, for a memory
//! checker. `scripts/leak-check.sh` runs it under valgrind, which must find no block
//! definitely lost. GLib only: the emitter is a small GObject defined below, with a plain
//! signal, a signal carrying an object, a signal whose handlers answer, and a property (atomic,
//! so that it can be `Send` for the Send stream).
//!
//! ```sh
//! cargo run --no-default-features --example leak_check -- 11000
//! ```

use std::{num::NonZeroUsize, task::Poll};

use futures::{FutureExt, Stream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::{prelude::*, BufferPolicy};

mod imp {
    use std::sync::{
        atomic::{AtomicU64, Ordering},
        OnceLock,
    };

    use glib::{prelude::*, subclass::prelude::*, subclass::Signal, ParamSpec, Value};

    #[derive(Default)]
    pub struct Ticker {
        pub(super) count: AtomicU64,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Ticker {
        const NAME: &'static str = "LeakCheckTicker";
        type Type = super::Ticker;
    }

    impl ObjectImpl for Ticker {
        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                vec![
                    Signal::builder("tick")
                        .param_types([u64::static_type()])
                        .build(),
                    Signal::builder("carry")
                        .param_types([glib::Object::static_type()])
                        .build(),
                    Signal::builder("ask")
                        .param_types([u64::static_type()])
                        .return_type::<bool>()
                        .build(),
                ]
            })
        }

        fn properties() -> &'static [ParamSpec] {
            static PROPERTIES: OnceLock<Vec<ParamSpec>> = OnceLock::new();
            PROPERTIES.get_or_init(|| vec![glib::ParamSpecUInt64::builder("count").build()])
        }

        fn set_property(&self, _id: usize, value: &Value, _pspec: &ParamSpec) {
            let value = value.get().expect("checked by GObject");
            self.count.store(value, Ordering::Relaxed);
        }

        fn property(&self, _id: usize, _pspec: &ParamSpec) -> Value {
            self.count.load(Ordering::Relaxed).to_value()
        }
    }
}

glib::wrapper! {
    /// An object with `tick(u64)`, `carry(GObject)`, `ask(u64) -> bool` and a `count`.
    pub struct Ticker(ObjectSubclass<imp::Ticker>);
}

impl Ticker {
    fn tick(&self, n: u64) {
        self.emit_by_name::<()>("tick", &[&n]);
    }

    fn carry(&self, payload: &glib::Object) {
        self.emit_by_name::<()>("carry", &[payload]);
    }

    fn ask(&self, n: u64) -> bool {
        self.emit_by_name::<bool>("ask", &[&n])
    }
}

fn main() {
    let cycles: u64 = std::env::args()
        .nth(1)
        .map(|arg| arg.parse().expect("the number of cycles"))
        .unwrap_or(11_000);
    let ticker = glib::Object::new::<Ticker>();
    let payload = glib::Object::new::<glib::Object>();
    for n in 0..cycles {
        cycle(&ticker, &payload, n);
    }
    // Every handler is gone, and nothing holds the objects any more.
    for signal in ["tick", "carry", "ask", "notify"] {
        let id = glib::subclass::SignalId::lookup(signal, Ticker::static_type()).expect(signal);
        assert!(!glib::signal::signal_has_handler_pending(
            &ticker, id, None, true
        ));
    }
    let weak = (ticker.downgrade(), payload.downgrade());
    drop((ticker, payload));
    assert!(weak.0.upgrade().is_none() && weak.1.upgrade().is_none());
    println!("leak_check: {cycles} cycles done");
}

/// One connect / emit / drop cycle; `n` picks which of eleven kinds.
fn cycle(ticker: &Ticker, payload: &glib::Object, n: u64) {
    match n % 11 {
        // Dropped with an item still queued.
        0 => {
            let stream = ticker.connect_stream("tick");
            ticker.tick(n);
            assert_eq!(stream.len(), 1);
        }
        // Partly consumed.
        1 => {
            let mut stream = ticker.connect_stream_typed::<(u64,)>("tick");
            ticker.tick(n);
            ticker.tick(n + 1);
            assert_eq!(stream.next().now_or_never(), Some(Some((n,))));
        }
        // A future that resolves (it disconnects itself inside the emission).
        2 => {
            let future = ticker.signal_future("tick");
            ticker.tick(n);
            let args = future.now_or_never().expect("resolved").expect("an item");
            assert_eq!(args[0].get::<u64>(), Ok(n));
        }
        // A future dropped while pending.
        3 => {
            let mut future = ticker.signal_future("tick");
            assert!((&mut future).now_or_never().is_none());
        }
        // A property stream.
        4 => {
            let mut stream = ticker.property_stream::<u64>("count");
            ticker.set_property("count", n);
            assert_eq!(stream.next().now_or_never(), Some(Some(n)));
        }
        // A Send stream.
        5 => {
            let stream = ticker
                .signal_stream_builder("tick")
                .typed::<(u64,)>()
                .send()
                .build();
            ticker.tick(n);
            assert_eq!(stream.len(), 1);
        }
        // Items holding an object, dropped unconsumed with the stream.
        6 => {
            let stream = ticker.connect_stream_typed::<(glib::Object,)>("carry");
            ticker.carry(payload);
            ticker.carry(payload);
            assert_eq!(stream.len(), 2);
        }
        // A handler answering the emitter.
        7 => {
            let stream = ticker.signal_stream_builder("ask").answer(|_| true).build();
            assert!(ticker.ask(n));
            assert_eq!(stream.len(), 1);
        }
        // A bounded policy evicting items that hold an object.
        8 => {
            let stream = ticker
                .signal_stream_builder("carry")
                .policy(BufferPolicy::DropOldest(NonZeroUsize::MIN))
                .typed::<(glib::Object,)>()
                .build();
            for _ in 0..3 {
                ticker.carry(payload);
            }
            assert_eq!(stream.dropped_count(), 2);
        }
        // Disconnected by hand, then drained to its end.
        9 => {
            let mut stream = ticker.connect_stream("tick");
            ticker.tick(n);
            stream.disconnect();
            assert_eq!(drain(&mut stream), (1, true));
        }
        // A short-lived emitter finalized under its stream, which ends after its item.
        _ => {
            let short = glib::Object::new::<Ticker>();
            let mut stream = short.connect_stream_typed::<(glib::Object,)>("carry");
            short.carry(payload);
            drop(short);
            assert_eq!(drain(&mut stream), (1, true));
        }
    }
}

/// How many items `stream` yields without waiting, and whether it then ended.
fn drain(stream: &mut (impl Stream + Unpin)) -> (usize, bool) {
    let mut items = 0;
    loop {
        match stream.poll_next_unpin(&mut std::task::Context::from_waker(
            futures::task::noop_waker_ref(),
        )) {
            Poll::Ready(Some(_)) => items += 1,
            Poll::Ready(None) => return (items, true),
            Poll::Pending => return (items, false),
        }
    }
}
