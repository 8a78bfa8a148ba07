//! A GObject made for the reliability tests: no GTK, every kind of signal the crate handles.
//!
//! `GssEmitter` has
//! - `tick(u64)`: a plain signal without return value or detail;
//! - `carry(GObject)`: a signal whose items hold an object reference;
//! - `ask(u64) -> bool`: a signal whose handlers must answer the emitter (`false` without one);
//! - `count`: a readable and writable `u64` property (every set notifies, even to the same
//!   value);
//! - `secret`: a write-only `u64` property.
//!
//! Its state is atomic, so the emitter is `Send + Sync` and can be emitted from other threads.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use glib::prelude::*;

mod imp {
    use std::sync::{
        atomic::{AtomicU64, Ordering},
        OnceLock,
    };

    use glib::{prelude::*, subclass::prelude::*, subclass::Signal, ParamSpec, Value};

    #[derive(Default)]
    pub struct Emitter {
        pub(super) count: AtomicU64,
        pub(super) secret: AtomicU64,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Emitter {
        const NAME: &'static str = "GssEmitter";
        type Type = super::Emitter;
    }

    impl ObjectImpl for Emitter {
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
            PROPERTIES.get_or_init(|| {
                vec![
                    glib::ParamSpecUInt64::builder("count").build(),
                    glib::ParamSpecUInt64::builder("secret")
                        .write_only()
                        .build(),
                ]
            })
        }

        fn set_property(&self, _id: usize, value: &Value, pspec: &ParamSpec) {
            let value = value.get::<u64>().expect("checked by GObject");
            match pspec.name() {
                "count" => self.count.store(value, Ordering::SeqCst),
                "secret" => self.secret.store(value, Ordering::SeqCst),
                name => unreachable!("no property {name}"),
            }
        }

        fn property(&self, _id: usize, pspec: &ParamSpec) -> Value {
            match pspec.name() {
                "count" => self.count.load(Ordering::SeqCst).to_value(),
                name => unreachable!("property {name} is not readable"),
            }
        }
    }
}

glib::wrapper! {
    /// The test emitter; see the module docs.
    pub struct Emitter(ObjectSubclass<imp::Emitter>);
}

impl Default for Emitter {
    fn default() -> Self {
        Self::new()
    }
}

impl Emitter {
    pub fn new() -> Self {
        glib::Object::new()
    }

    /// Emits `tick(n)`.
    pub fn tick(&self, n: u64) {
        self.emit_by_name::<()>("tick", &[&n]);
    }

    /// Emits `carry(payload)`: items of its streams hold a reference to `payload`.
    pub fn carry(&self, payload: &glib::Object) {
        self.emit_by_name::<()>("carry", &[payload]);
    }

    /// Emits `ask(n)` and returns the answer of the last handler (`false` without handler).
    pub fn ask(&self, n: u64) -> bool {
        self.emit_by_name::<bool>("ask", &[&n])
    }

    /// Sets `count`, which emits `notify::count`.
    pub fn set_count(&self, n: u64) {
        self.set_property("count", n);
    }

    /// Disposes the emitter now, while references to it remain (what GTK's `destroy()` does to
    /// a widget): GObject destroys every signal handler, then the object stays usable.
    #[doc(alias = "g_object_run_dispose")]
    pub fn dispose_now(&self) {
        // SAFETY: `run_dispose` is unsafe because C implementations may misbehave when used
        // after dispose. This type's state is two atomics that dispose does not touch, and its
        // dispose is GObject's own (destroy the handlers, clear weak references), so the
        // object stays fully usable afterwards. This is the test suite's only `unsafe`.
        unsafe { self.run_dispose() }
    }

    pub fn count(&self) -> u64 {
        self.property("count")
    }

    /// Whether any handler is connected to `tick` (blocked ones included).
    pub fn has_tick_handler(&self) -> bool {
        self.has_handler("tick", None)
    }

    /// Whether any handler is connected to `carry`.
    pub fn has_carry_handler(&self) -> bool {
        self.has_handler("carry", None)
    }

    /// Whether any handler is connected to `ask`.
    pub fn has_ask_handler(&self) -> bool {
        self.has_handler("ask", None)
    }

    /// Whether any handler would see `notify::count`.
    pub fn has_count_handler(&self) -> bool {
        self.has_handler("notify", Some("count"))
    }

    fn has_handler(&self, signal: &str, detail: Option<&str>) -> bool {
        let id = glib::subclass::SignalId::lookup(signal, Self::static_type())
            .expect("the emitter has this signal");
        glib::signal::signal_has_handler_pending(self, id, detail.map(glib::Quark::from_str), true)
    }
}

/// Polls `stream` once with a waker that does nothing: the test drives the stream itself.
pub fn poll_once<S: futures::Stream + Unpin>(stream: &mut S) -> std::task::Poll<Option<S::Item>> {
    let waker = futures::task::noop_waker();
    let mut cx = std::task::Context::from_waker(&waker);
    std::pin::Pin::new(stream).poll_next(&mut cx)
}

/// Polls `future` once with a waker that does nothing.
pub fn poll_future_once<F: std::future::Future + Unpin>(
    future: &mut F,
) -> std::task::Poll<F::Output> {
    let waker = futures::task::noop_waker();
    let mut cx = std::task::Context::from_waker(&waker);
    std::pin::Pin::new(future).poll(&mut cx)
}

/// The `u64` an untyped item (`tick`'s or `ask`'s parameters) carries.
pub fn value_of(args: &[glib::Value]) -> u64 {
    assert_eq!(args.len(), 1, "one parameter, without the emitter");
    args[0].get::<u64>().expect("a u64 parameter")
}

/// Everything `stream` yields without waiting, and whether it then ended (`Ready(None)`) or is
/// waiting for more (`Pending`).
pub fn drain<S: futures::Stream + Unpin>(stream: &mut S) -> (Vec<S::Item>, bool) {
    let mut items = Vec::new();
    loop {
        match poll_once(stream) {
            std::task::Poll::Ready(Some(item)) => items.push(item),
            std::task::Poll::Ready(None) => return (items, true),
            std::task::Poll::Pending => return (items, false),
        }
    }
}

/// `obj`'s strong reference count, for leak checks.
pub fn ref_count(obj: &impl IsA<glib::Object>) -> u32 {
    obj.upcast_ref::<glib::Object>().ref_count()
}

/// How many different kinds of cycle [`churn`] rotates through.
pub const CYCLE_KINDS: usize = 11;

/// Runs `cycles` connect / emit / drop cycles on `emitter`, rotating through every kind of
/// stream and every way a stream ends, with `payload` carried in items. Afterwards nothing
/// should be connected and every reference should be back: that is what the leak tests check.
pub fn churn(emitter: &Emitter, payload: &glib::Object, cycles: usize) {
    use futures::FutureExt;
    use glib_signal_stream::{prelude::*, BufferPolicy};
    use std::{num::NonZeroUsize, task::Poll};

    for i in 0..cycles {
        let n = i as u64;
        match i % CYCLE_KINDS {
            // Dropped with an item still queued.
            0 => {
                let stream = emitter.connect_stream("tick");
                emitter.tick(n);
                assert_eq!(stream.len(), 1);
            }
            // Partly consumed.
            1 => {
                let mut stream = emitter.connect_stream_typed::<(u64,)>("tick");
                emitter.tick(n);
                emitter.tick(n + 1);
                assert_eq!(poll_once(&mut stream), Poll::Ready(Some((n,))));
            }
            // A future that resolves (and disconnected itself inside the emission).
            2 => {
                let future = emitter.signal_future("tick");
                emitter.tick(n);
                let args = future.now_or_never().expect("resolved").expect("an item");
                assert_eq!(value_of(&args), n);
            }
            // A future dropped while pending.
            3 => {
                let mut future = emitter.signal_future("tick");
                assert!(poll_future_once(&mut future).is_pending());
            }
            // A property stream.
            4 => {
                let mut stream = emitter.property_stream::<u64>("count");
                emitter.set_count(n);
                assert_eq!(poll_once(&mut stream), Poll::Ready(Some(n)));
            }
            // A Send stream.
            5 => {
                let stream = emitter.connect_stream_send::<(u64,)>("tick");
                emitter.tick(n);
                assert_eq!(stream.len(), 1);
            }
            // Items holding an object, dropped unconsumed with the stream.
            6 => {
                let stream = emitter.connect_stream_typed::<(glib::Object,)>("carry");
                emitter.carry(payload);
                emitter.carry(payload);
                assert_eq!(stream.len(), 2);
            }
            // A return-value handler answering the emitter.
            7 => {
                let stream = emitter.connect_stream_with_return("ask", |_| true);
                assert!(emitter.ask(n));
                assert_eq!(stream.len(), 1);
            }
            // A bounded policy evicting items that hold an object.
            8 => {
                let one = NonZeroUsize::MIN;
                let stream = emitter
                    .signal_stream_builder("carry")
                    .policy(BufferPolicy::DropOldest(one))
                    .build::<(glib::Object,)>();
                for _ in 0..3 {
                    emitter.carry(payload);
                }
                assert_eq!(stream.dropped_count(), 2);
            }
            // Disconnected by hand, then drained to its end.
            9 => {
                let mut stream = emitter.connect_stream("tick");
                emitter.tick(n);
                stream.disconnect();
                let (items, ended) = drain(&mut stream);
                assert_eq!((items.len(), ended), (1, true));
            }
            // A short-lived emitter disposed under its stream, which ends after its item.
            _ => {
                let short = Emitter::new();
                let mut stream = short.connect_stream_typed::<(glib::Object,)>("carry");
                short.carry(payload);
                drop(short);
                let (items, ended) = drain(&mut stream);
                assert_eq!((items.len(), ended), (1, true));
            }
        }
    }
}
