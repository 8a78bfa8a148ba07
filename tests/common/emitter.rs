//! The test fixture: `Emitter`, one GObject whose signals and properties serve every test.
//!
//! Signals: `ping()`, `tick(u64)`, `triple(i32, String, bool)`, `changed::DETAIL(String)`
//! (detailed), `ask(i32) -> bool` and `compute(i32) -> i32` (return values; `false` / `0`
//! without handler), `stage()` (a run-last class handler), `ten(..)` (ten parameters),
//! `kinds(..)` (an object, a boxed, an enum, a flags, a string and a variant), `carry(GObject)`
//! (items that hold an object reference) and `token(Token)` (a boxed type without `Debug`).
//!
//! Properties: `label` (string), `level`, `max-level` (`i32`), `count` (`u64`) and the
//! write-only `secret` (`u64`). Every set notifies, even to the same value.
//!
//! Its state is atomic or locked, so the emitter is `Send + Sync` and can be emitted from
//! other threads.

use glib::{prelude::*, subclass::prelude::*};

/// A GLib enum type, for typed parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, glib::Enum)]
#[enum_type(name = "SignalStreamTestColor")]
pub enum Color {
    #[default]
    Red,
    Green,
    Blue,
}

/// A GLib flags type, for typed parameters.
#[glib::flags(name = "SignalStreamTestMode")]
pub enum Mode {
    READ = 0b01,
    WRITE = 0b10,
}

/// A boxed type, for typed parameters.
#[derive(Debug, Clone, PartialEq, Eq, glib::Boxed)]
#[boxed_type(name = "SignalStreamTestPoint")]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

/// A boxed type that deliberately implements no `Debug`.
#[derive(Clone, PartialEq, Eq, glib::Boxed)]
#[boxed_type(name = "SignalStreamTestToken")]
pub struct Token(pub u32);

mod imp {
    use std::sync::{
        atomic::{AtomicI32, AtomicU64, Ordering},
        Mutex, OnceLock,
    };

    use glib::{
        prelude::*,
        subclass::{prelude::*, Signal},
        ParamSpec, ParamSpecInt, ParamSpecString, ParamSpecUInt64, Value,
    };

    use super::{Color, Mode, Point, Token};

    /// Only `Send + Sync` fields: the wrapper is then `Send + Sync` too, so tests can emit
    /// from other threads.
    #[derive(Default)]
    pub struct Emitter {
        pub label: Mutex<String>,
        pub level: AtomicI32,
        pub max_level: AtomicI32,
        pub count: AtomicU64,
        pub secret: AtomicU64,
        /// What ran during `stage` emissions, in order (the class handler writes "class").
        pub log: Mutex<Vec<&'static str>>,
        /// Run once by the next property read, after reading (see `on_next_read`).
        pub on_read: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Emitter {
        const NAME: &'static str = "SignalStreamTestEmitter";
        type Type = super::Emitter;
    }

    impl ObjectImpl for Emitter {
        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                vec![
                    // 0, 1 and 3 parameters, no return value.
                    Signal::builder("ping").build(),
                    Signal::builder("tick")
                        .param_types([u64::static_type()])
                        .build(),
                    Signal::builder("triple")
                        .param_types([
                            i32::static_type(),
                            String::static_type(),
                            bool::static_type(),
                        ])
                        .build(),
                    // G_SIGNAL_DETAILED.
                    Signal::builder("changed")
                        .param_types([String::static_type()])
                        .detailed()
                        .build(),
                    // Return values.
                    Signal::builder("ask")
                        .param_types([i32::static_type()])
                        .return_type::<bool>()
                        .build(),
                    Signal::builder("compute")
                        .param_types([i32::static_type()])
                        .return_type::<i32>()
                        .build(),
                    // A class handler that runs last, to order handlers against.
                    Signal::builder("stage")
                        .run_last()
                        .class_handler(|values| {
                            let obj = values[0].get::<super::Emitter>().expect("the emitter");
                            obj.imp().log.lock().unwrap().push("class");
                            None
                        })
                        .build(),
                    // Ten parameters.
                    Signal::builder("ten")
                        .param_types([
                            i8::static_type(),
                            u8::static_type(),
                            i32::static_type(),
                            u32::static_type(),
                            i64::static_type(),
                            u64::static_type(),
                            f32::static_type(),
                            f64::static_type(),
                            bool::static_type(),
                            String::static_type(),
                        ])
                        .build(),
                    // An object, a boxed, an enum, a flags, a string and a variant.
                    Signal::builder("kinds")
                        .param_types([
                            glib::Object::static_type(),
                            Point::static_type(),
                            Color::static_type(),
                            Mode::static_type(),
                            String::static_type(),
                            glib::Variant::static_type(),
                        ])
                        .build(),
                    Signal::builder("carry")
                        .param_types([glib::Object::static_type()])
                        .build(),
                    Signal::builder("token")
                        .param_types([Token::static_type()])
                        .build(),
                ]
            })
        }

        fn properties() -> &'static [ParamSpec] {
            static PROPERTIES: OnceLock<Vec<ParamSpec>> = OnceLock::new();
            PROPERTIES.get_or_init(|| {
                vec![
                    ParamSpecString::builder("label").build(),
                    ParamSpecInt::builder("level").build(),
                    ParamSpecInt::builder("max-level").build(),
                    ParamSpecUInt64::builder("count").build(),
                    ParamSpecUInt64::builder("secret").write_only().build(),
                ]
            })
        }

        fn set_property(&self, _id: usize, value: &Value, pspec: &ParamSpec) {
            match pspec.name() {
                "label" => {
                    *self.label.lock().unwrap() =
                        value.get::<Option<String>>().unwrap().unwrap_or_default()
                }
                "level" => self.level.store(value.get().unwrap(), Ordering::SeqCst),
                "max-level" => self.max_level.store(value.get().unwrap(), Ordering::SeqCst),
                "count" => self.count.store(value.get().unwrap(), Ordering::SeqCst),
                "secret" => self.secret.store(value.get().unwrap(), Ordering::SeqCst),
                name => unimplemented!("property {name}"),
            }
        }

        fn property(&self, _id: usize, pspec: &ParamSpec) -> Value {
            let value = match pspec.name() {
                "label" => self.label.lock().unwrap().to_value(),
                "level" => self.level.load(Ordering::SeqCst).to_value(),
                "max-level" => self.max_level.load(Ordering::SeqCst).to_value(),
                "count" => self.count.load(Ordering::SeqCst).to_value(),
                name => unimplemented!("property {name}"),
            };
            let hook = self.on_read.lock().unwrap().take();
            if let Some(hook) = hook {
                hook();
            }
            value
        }
    }
}

glib::wrapper! {
    /// A GObject whose signals and properties tests emit at will; see the module docs.
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

    pub fn ping(&self) {
        self.emit_by_name::<()>("ping", &[]);
    }

    pub fn tick(&self, n: u64) {
        self.emit_by_name::<()>("tick", &[&n]);
    }

    /// A stream of the values of `tick`.
    pub fn ticks(&self) -> impl futures::Stream<Item = u64> + Unpin + 'static {
        use futures::StreamExt;
        use glib_signal_stream::prelude::*;
        self.connect_stream_typed::<(u64,)>("tick").map(|(n,)| n)
    }

    pub fn triple(&self, a: i32, b: &str, c: bool) {
        self.emit_by_name::<()>("triple", &[&a, &b, &c]);
    }

    /// Emits `changed::detail` with `value`.
    pub fn change(&self, detail: &str, value: &str) {
        let id = glib::subclass::SignalId::lookup("changed", Self::static_type()).unwrap();
        self.emit_with_details::<()>(id, glib::Quark::from_str(detail), &[&value]);
    }

    pub fn ask(&self, n: i32) -> bool {
        self.emit_by_name::<bool>("ask", &[&n])
    }

    /// Emits `carry(payload)`: items of its streams hold a reference to `payload`.
    pub fn carry(&self, payload: &glib::Object) {
        self.emit_by_name::<()>("carry", &[payload]);
    }

    pub fn count(&self) -> u64 {
        self.property("count")
    }

    /// Sets `count`, which emits `notify::count`.
    pub fn set_count(&self, n: u64) {
        self.set_property("count", n);
    }

    pub fn compute(&self, n: i32) -> i32 {
        self.emit_by_name::<i32>("compute", &[&n])
    }

    /// Runs `hook` once, in the next read of any property, after the value is read and before
    /// it is returned: a test changes the property there to race with what reads it.
    pub fn on_next_read(&self, hook: impl FnOnce() + Send + 'static) {
        *self.imp().on_read.lock().unwrap() = Some(Box::new(hook));
    }

    /// Records `what` in the log of the current `stage` emission.
    pub fn record(&self, what: &'static str) {
        self.imp().log.lock().unwrap().push(what);
    }

    /// Emits `stage` and returns what ran, in order.
    pub fn stage(&self) -> Vec<&'static str> {
        self.imp().log.lock().unwrap().clear();
        self.emit_by_name::<()>("stage", &[]);
        std::mem::take(&mut *self.imp().log.lock().unwrap())
    }

    /// Disposes the object now while references to it are still held (as a GTK widget's
    /// `destroy` does): GLib destroys every handler.
    pub fn dispose_now(&self) {
        // SAFETY: `run_dispose` is unsafe because an implementation may not expect to be used
        // after dispose. This one keeps no state that dispose invalidates: after it, the object
        // is still a valid GObject with no handlers, and its properties still work.
        unsafe { self.run_dispose() }
    }

    /// Whether any handler would see `signal` (`name` or `name::detail`), blocked ones
    /// included.
    pub fn has_handler(&self, signal: &str) -> bool {
        let (name, detail) = match signal.split_once("::") {
            Some((name, detail)) => (name, Some(glib::Quark::from_str(detail))),
            None => (signal, None),
        };
        let id = glib::subclass::SignalId::lookup(name, Self::static_type())
            .unwrap_or_else(|| panic!("no signal {name}"));
        glib::signal::signal_has_handler_pending(self, id, detail, true)
    }
}
