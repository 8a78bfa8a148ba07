//! GObject signals as [`futures`](https://docs.rs/futures) streams.
//!
//! `glib` already makes [`glib::MainContext`] a futures executor, GLib sources futures and
//! streams (`glib::timeout_future`, `glib::interval_stream`) and every GIO operation a
//! `*_future`. This crate does the same for GObject signals: a signal fires many times, so
//! it becomes a [`Stream`](futures_core::Stream).
//!
//! ```
//! use futures_util::StreamExt;
//! use gio::prelude::*;
//! use glib_signal_stream::prelude::*;
//!
//! let action = gio::SimpleAction::new("count", None);
//! let mut activations = action.connect_stream_typed::<(Option<glib::Variant>,)>("activate");
//!
//! for _ in 0..3 {
//!     action.activate(None);
//! }
//! drop(action); // disposed: the stream ends once drained
//!
//! let count = glib::MainContext::default().block_on(async {
//!     let mut count = 0;
//!     while let Some((_param,)) = activations.next().await {
//!         count += 1;
//!     }
//!     count
//! });
//! assert_eq!(count, 3);
//! ```
//!
//! # The API on one page
//!
//! Everything hangs off [`SignalStreamExt`](prelude::SignalStreamExt), implemented for every
//! GObject: four shortcuts for the everyday cases, each with a `try_` form returning
//! [`ConnectError`] beside the one that panics, and two builders for everything else, each of
//! whose methods sets one option.
//!
//! | you want | write |
//! |---|---|
//! | every emission, as parameter values | `obj.connect_stream("signal")` |
//! | every emission, typed | `obj.connect_stream_typed::<(u32, String)>("signal")` |
//! | the next emission | `obj.signal_future("signal")` |
//! | a property's value now and after each change | `obj.property_stream::<T>("name")` |
//! | a type's signals in one ordered stream | `obj.events_stream::<ButtonEvent>()` |
//! | anything else about one signal | `obj.signal_stream_builder("signal")`, then any of `.after(true)`, `.policy(..)`, `.typed::<A>()`, `.handler(h)`, `.answer(h)`, `.send()`, `.future()`, `.property::<T>()`; then `.build()` |
//! | several signals of one object in one stream | `obj.signal_stream_many_builder()`, then `.signal(name, map)`, `.signals(&[..])` or `.events()`, any of `.after`, `.policy`, `.handler`; then `.build()` |
//! | a GTK or GIO signal or property, typed | the generated `button.clicked_stream()`, `entry.text_stream()`, ... |
//! | a signal of your own type | [`#[signals]`](macro@signals): `downloader.file_added_stream()` |
//! | a task that ends with its window | [`window.spawn_local(future)`](prelude::SpawnLocalExt::spawn_local) |
//! | time and lifetime operators | [`GlibStreamExt`]: `debounce`, `throttle`, `take_until_disposed`, ... |
//!
//! The builder's [`SignalStreamBuilder`] page maps every option to what `build` returns.
//!
//! # What a stream guarantees
//!
//! - **Eager:** the handler is connected when the stream is created; emissions before the
//!   first poll are queued, in order, and none is lost with the default buffer.
//! - **Weak:** a stream never keeps its emitter alive, and no item holds the emitter.
//! - **Disconnect on drop:** dropping a stream or future disconnects its handler at once.
//! - **End on dispose:** when the emitter is disposed, the stream yields what is queued, then
//!   ends.
//! - **Checked when connecting:** unknown signals, bad details, wrong item or return types
//!   are a [`ConnectError`] from the `try_` forms (a panic from the others); nothing on the
//!   emission path panics.
//!
//! # Return values
//!
//! An emitter needs a handler's return value synchronously, so it cannot come from the
//! stream's consumer. Signals such as `close-request` take a return-value handler that
//! answers inside the emission while the values still flow into the stream:
//! [`signal_stream_builder(signal).answer(handler)`](SignalStreamBuilder::answer).
//!
//! # Lifetimes in a GTK application
//!
//! A stream ends when its emitter is *disposed*, and in GTK 4 that is not when a window
//! closes but when the last reference to it goes:
//!
//! - **A child widget** is disposed once it is removed from its parent (or its window is
//!   disposed) and no Rust reference to it remains.
//! - **A toplevel window**: `destroy()` (or a `close-request` that proceeds) removes it from
//!   GTK's list of toplevels, but does not dispose it while Rust code still references it.
//!   The window, its widgets, their handlers and every stream of them then live on.
//! - **A `gtk::Application`** is disposed only after `run()` returns and `main` drops it: a
//!   stream of the application in a window's task outlives the window unless tied to it
//!   ([`take_until_disposed`](GlibStreamExt::take_until_disposed)).
//!
//! So a task that holds its window (a `clone()` moved into `glib::spawn_future_local`, or
//! `glib::clone!(#[weak] window, async move { .. })`, which upgrades once and keeps the strong
//! reference for the whole task) keeps the window alive: its streams never end, the task never
//! completes, the window leaks. **Spawn a window's tasks on the window**:
//! [`window.spawn_local(future)`](prelude::SpawnLocalExt::spawn_local) drops the task, with
//! what it captured, when the window is destroyed or closed, a widget's task when its window
//! is or when it leaves the window for good, and any other object's when it is disposed. The
//! task may then hold the window and its widgets and await streams of longer-lived objects.
//!
//! ```no_run
//! # #[cfg(feature = "gtk")] {
//! use futures_util::StreamExt;
//! use glib_signal_stream::prelude::*;
//! use gtk4::prelude::*;
//!
//! # gtk4::init().unwrap();
//! # async fn confirm_discard(_: &gtk4::Window) -> bool { true }
//! let window = gtk4::Window::new();
//! let mut close_requests = window.close_request_stream(|| glib::Propagation::Stop);
//! window.spawn_local(glib::clone!(
//!     #[strong]
//!     window,
//!     async move {
//!         // The task holds the window; destroying the window drops the task.
//!         while close_requests.next().await.is_some() {
//!             if confirm_discard(&window).await {
//!                 window.destroy();
//!             }
//!         }
//!     }
//! ));
//! window.present();
//! # }
//! ```
//!
//! Where a stream should not hold an object, [`with_weak`](GlibStreamExt::with_weak) gives
//! each item with the objects, upgraded for that item only, and
//! [`take_until_disposed`](GlibStreamExt::take_until_disposed) ends a stream when an object
//! is disposed.
//!
//! `examples/app` is a whole application written this way (a window subclass whose tasks
//! are spawned on the window in `constructed`); its end-to-end test opens and closes 20
//! windows through real input and checks that each window, its widgets and its tasks are
//! freed. `tests/gtk_lifetimes.rs` checks each statement above, the leak included, and
//! `tests/spawn_local.rs` each rule of `spawn_local`.
//!
//! # React later with a stream, act now with a handler
//!
//! A stream's consumer runs after the emission has returned, in a later main-loop iteration.
//! That is right for reacting, and too late for work the emitter expects done before the
//! emission returns. Each stream form has a handler form whose handler runs inside the
//! emission while the items still reach the stream: the builders'
//! [`handler`](SignalStreamBuilder::handler) (and
//! [`ManySignalStreamBuilder::handler`]), and [`answer`](SignalStreamBuilder::answer) for
//! signals that return a value. Everyday signals that need one:
//!
//! - `GtkSignalListItemFactory` `setup`, `bind`, `unbind`, `teardown`: build, fill and
//!   release the row widget; GTK lays the row out as soon as they return. One ordered stream
//!   of the four with a handler (`examples/list_view.rs`).
//! - `GApplication` `startup`, `activate`, `open`, `shutdown`: set up, add a window, clean up
//!   before `run()` goes on or returns. `command-line`, `handle-local-options`: return-value
//!   handler.
//! - `GtkWidget` and `GtkGLArea` `realize`, `unrealize`, GL `resize`: resources tied to the
//!   surface or the GL context, current only then; `GtkGLArea::render`: return-value handler.
//! - Gestures' `pressed`, `drag-begin`, ...: claim the sequence (`set_state`).
//! - `GtkDragSource` `drag-begin`: set the icon; `prepare`, and `GtkDropTarget` `accept`,
//!   `enter`, `motion`, `drop`: return-value handlers.
//! - `GtkWidget::query-tooltip`, `GtkEventControllerKey::key-pressed`,
//!   `GtkSpinButton::output`: return-value handlers.
//! - `GtkPrintOperation` `begin-print`, `draw-page`: set the page count, draw the page.
//!
//! Several signals of one object keep their order only in one stream:
//! [`signal_stream_many_builder`](prelude::SignalStreamExt::signal_stream_many_builder)
//! connects a handler per signal feeding one queue ([`ManySignalStream`]).
//!
//! # `select!` over streams
//!
//! With `futures::select!`, `next()` resolves to `None` when a stream ends: match `Some(..)`
//! for an item, or a dialog destroyed without an answer counts as one. Once every stream has
//! ended, only a `complete =>` branch is left to run (without one, `select!` panics).
//!
//! ```
//! use futures::{select, StreamExt};
//! use gio::prelude::*;
//! use glib_signal_stream::prelude::*;
//!
//! #[derive(Debug, PartialEq)]
//! enum Answer {
//!     Ok,
//!     Cancel,
//!     Dismissed,
//! }
//!
//! type Activations = glib_signal_stream::SignalStream<(Option<glib::Variant>,)>;
//!
//! async fn answer(mut oks: Activations, mut cancels: Activations) -> Answer {
//!     loop {
//!         select! {
//!             // `Some` is an activation; `None` is the end of the stream, not an answer.
//!             item = oks.next() => if item.is_some() { return Answer::Ok },
//!             item = cancels.next() => if item.is_some() { return Answer::Cancel },
//!             // Both streams have ended: their actions are gone, nobody answered.
//!             complete => return Answer::Dismissed,
//!         }
//!     }
//! }
//!
//! let ctx = glib::MainContext::default();
//! let activations = |action: &gio::SimpleAction| {
//!     action.connect_stream_typed::<(Option<glib::Variant>,)>("activate")
//! };
//!
//! let (ok, cancel) = (gio::SimpleAction::new("ok", None), gio::SimpleAction::new("cancel", None));
//! let (oks, cancels) = (activations(&ok), activations(&cancel));
//! cancel.activate(None);
//! assert_eq!(ctx.block_on(answer(oks, cancels)), Answer::Cancel);
//!
//! let (ok, cancel) = (gio::SimpleAction::new("ok", None), gio::SimpleAction::new("cancel", None));
//! let (oks, cancels) = (activations(&ok), activations(&cancel));
//! drop((ok, cancel)); // disposed without an answer: both streams end
//! assert_eq!(ctx.block_on(answer(oks, cancels)), Answer::Dismissed);
//! ```
//!
//! # Threads
//!
//! A `SignalStream` (from `connect_stream`, `connect_stream_typed`, ...) is local: use it for
//! GTK widgets and for objects used on one thread. It takes no lock, and its items and
//! return-value handler need not be `Send`. Its handler runs only on the thread that connected
//! it: an emission from another thread is not delivered (the emitter gets the return type's
//! default value) and logs a critical in the `glib-signal-stream` domain
//! (`glib_signal_stream::LOG_DOMAIN`) instead of panicking.
//!
//! A `SendSignalStream` (`signal_stream_builder(..).typed::<A>().send().build()`)
//! takes emissions from any thread (GIO worker threads, GStreamer streaming threads) and can
//! be polled on any thread or executor, for example `futures::executor::block_on` on a plain
//! thread while a GLib main loop runs elsewhere. Items from one emitting thread keep their
//! order, with a return-value handler too; nothing is lost with the default buffer, and a
//! bounded buffer counts every item it discards (`tests/stress.rs`: three threads emitting
//! into every `Send` form while the consumer drops and reconnects). A `Send` property stream
//! connects its `notify` handler before it reads the current value, so a change made on another
//! thread meanwhile is delivered. It needs `Send` items and a `Mutex`.
//!
//! The rules of the `Send` flavour:
//!
//! - **The emitter's Rust type must be `Send + Sync`.** A `Send` stream may release its reference
//!   to the emitter on any thread, and `emitter()` hands it out there with its own type
//!   (`SendSignalStream<A, O>`, `Option<O>`). A subclass whose implementation holds an `Rc` or a
//!   `Cell` is refused at compile time (a `compile_fail` doc test of
//!   [`send`](SignalStreamBuilder::send));
//!   GTK widgets and most GIO objects are not `Send` either: their streams are local.
//! - **Every form has a `Send` sibling:** `.send()` on the builder, with any other option: a
//!   `Send + Sync` handler or answer (run on whatever thread emits), `.future()`,
//!   `.property::<T>()` (`tests/threads.rs` emits from several threads and consumes on
//!   `futures::executor::block_on` on a plain thread).
//! - **Generated streams:** one rule for signal and property streams. A stream of a GIO type
//!   whose Rust binding is `Send + Sync` (`gio::Cancellable`, `gio::DBusConnection`,
//!   `gio::DBusProxy`, `gio::DBusObjectManagerClient`) is a `Send` stream when its items are
//!   `Send`: `cancellable.cancelled_stream()` yields when `cancel()` runs on a worker, and
//!   `proxy.g_default_timeout_stream()` when `set_default_timeout` runs on one
//!   (`tests/gio_send_streams.rs`). Their `_stream_with` handler forms follow the same rule: the
//!   handler is then `Send + Sync` and runs on the emitting thread. A stream of such a type
//!   whose items are not `Send` stays local and says so in its docs:
//!   `gio::DBusObjectManagerClient`'s two signals carry a `gio::DBusObjectProxy`, and
//!   `gio::DBusConnection`'s `stream` property is a `gio::IOStream`. The events streams
//!   (`events_stream::<CancellableEvent>()`) are local `ManySignalStream`s for every type.
//!   Every other generated stream (GTK's, and the other GIO types') is local.
//!
//! A local stream whose emitter is finalized on another thread (a `GTask` dropping the last
//! reference) still ends: its handler's state is sent back to the thread-default main context
//! of the thread that connected it, and dropped there the next time that thread iterates it.
//! Only if that context is never iterated again by the connecting thread is the state leaked,
//! with a critical.
//!
//! Neither flavour drops an item, a waker or a handler while its queue is locked or borrowed:
//! a waker or an item may own the last reference to the emitter, whose finalization closes the
//! very queue (`tests/wakers.rs`). The threaded queue is model-checked with
//! [loom](https://docs.rs/loom) (`src/queue/loom_tests.rs`, run by `.ci/run`).
//!
//! # Generated streams
//!
//! Every GTK 4 and GIO signal has a typed stream: one `<Type>StreamExt` trait per class and
//! interface (`ButtonStreamExt`, `EditableStreamExt`, `FileMonitorStreamExt`, ...; GTK's
//! `Application` is `GtkApplicationStreamExt`), one `<signal>_stream` method per signal, all in
//! the prelude. Items are tuples of the types gtk4-rs and gio use for the parameters, with
//! `Option` where the introspection data says a parameter may be `NULL`. Signals that need an
//! answer take a handler shaped like gtk4-rs's (`close_request_stream(|| glib::Propagation::Stop)`);
//! detailed signals take `detail: Option<&str>`. GIO's streams need only the `gio` feature.
//!
//! Every readable property has a typed stream too, in the same traits: `<property>_stream()`,
//! with the semantics of `property_stream` (the current value first, then the latest after
//! changes): `entry.text_stream()` yields `String`, `switch.active_stream()` `bool`,
//! `adjustment.value_stream()` `f64`. The item is an `Option` where the property may be NULL:
//! the getter's return value is annotated `nullable` (`button.label_stream()` and
//! `window.title_stream()` yield `Option<String>`), or a string, object or boxed property has
//! no getter. One naming rule: if some type has both a property and a signal of the same name
//! (its own, or through its ancestors and interfaces), the property's stream is
//! `<property>_property_stream` and `<name>_stream` stays the signal's
//! (`drop_target.drop_property_stream()`, `connection.closed_property_stream()`). The streams
//! of GIO's `Send + Sync` types (`gio::Cancellable`, the D-Bus connection, proxy and object
//! manager client) are `SendSignalStream`s and `SendPropertyStream`s where their items are
//! `Send` (see [Threads](#threads)); every other generated stream is local.
//!
//! The generated code is shaped like gir's own: each module's header names the GIR files and
//! the GTK and GLib versions they came with, closures and docs use the GIR's parameter names,
//! `#[doc(alias)]` names the signal or property, `#[deprecated]` follows the GIR, and the docs
//! link to the matching gtk4-rs or gio `connect_*` method instead of copying GTK's prose.
//!
//! Beside them, for each type with signals that return nothing: a `<Type>StreamWithExt` trait
//! with `<signal>_stream_with(handler)`, whose handler runs inside the emission (the items still
//! reach the stream), and a `<Type>Event` enum with a variant per signal of the type itself, for
//! one ordered stream of them all: `factory.events_stream::<SignalListItemFactoryEvent>()`
//! (`signal_stream_many_builder().events().handler(h)` adds a handler). Where gtk4-rs's `connect_*` give a parameter a richer
//! type than the introspection data, so do the streams: `response_stream()` of `Dialog`,
//! `InfoBar` and `NativeDialog` yields `gtk::ResponseType` (the signal declares an `int`), and the
//! `SignalListItemFactory` streams yield `gtk::ListItem` (declared `GObject`). Any typed stream may
//! ask for a subclass of an object parameter this way: accepted when connecting, checked on each
//! emission, an instance of another type dropped with a critical.
//!
//! The methods are generated by `gen-streams` (a workspace member) from
//! `/usr/share/gir-1.0/Gtk-4.0.gir`, `Gio-2.0.gir` and `Adw-1.gir` into `src/gtk_streams/auto/`,
//! `src/gio_streams/auto/` and `src/adw_streams/auto/`:
//!
//! ```text
//! cargo run -p gen-streams              # regenerate after changing the generator
//! cargo run -p gen-streams -- --check   # what CI runs: fails if the committed code differs
//! cargo run -p gen-streams -- --repin   # generate from other GIR files and pin them
//! scripts/stream-coverage.sh            # compare with gtk4-rs's and gio's own connect_* methods
//! ```
//!
//! `tests/generated_signals.rs` (also generated) checks each method against the running
//! libraries with `check_signal`: the signal exists on the trait's type and the item and return
//! types pass the connect-time checks. 280 of the 436 methods are also connected for real, on an
//! instance of their type (or, for abstract classes and interfaces, of a type that is one) made
//! without arguments.
//!
//! The input is pinned: `gen-streams/versions.txt` records the GTK and GLib versions
//! (`pkg-config`), a checksum of each GIR file, and the gtk4 and gio crate versions of
//! `Cargo.lock` (whose sources tell which types and `connect_*` methods exist), and the
//! generator (so `--check`, in CI) refuses other input until it is pinned with `--repin`.
//!
//! `tests/generated_properties.rs` (generated) checks each property stream with
//! `check_property`: the property exists on the trait's type, is readable and holds the item
//! type; 782 of them are also read on an instance, where the current value must arrive (a NULL
//! would be lost in a stream whose item is not an `Option`).
//!
//! Coverage (Debian 12: GTK 4.8, GLib 2.74, libadwaita 1.2; `cargo run -p gen-streams` writes
//! these counts, and the instance counts above, to `gen-streams/REPORT.md`). Streams of API
//! newer than the bindings' base versions (GTK 4.0, GLib 2.56, libadwaita 1.0) are generated
//! behind this crate's version features, as the bindings are behind theirs; they are counted
//! as typed streams, and in brackets:
//!
//! | | signals | typed streams (behind a version feature) | skipped |
//! |---|---|---|---|
//! | `Gtk-4.0.gir` | 342 | 337 (7) | 5 |
//! | `Gio-2.0.gir` | 81 | 76 (4) | 5 |
//! | `Adw-1.gir` | 23 | 23 (5) | 0 |
//!
//! | | readable properties | typed streams (behind a version feature) | redeclared | skipped |
//! |---|---|---|---|---|
//! | `Gtk-4.0.gir` | 1147 | 1143 (58) | 1 | 3 |
//! | `Gio-2.0.gir` | 259 | 226 (21) | 12 | 21 |
//! | `Adw-1.gir` | 254 | 253 (42) | 1 | 0 |
//!
//! A redeclared property (`GSimpleAction:enabled` redeclares `GAction:enabled`) has no second
//! method: the ancestor's stream applies. The skipped signals and properties, and why (arrays
//! other than string arrays, `out` and `inout` parameters, raw pointers, types without a
//! binding), are listed in the report.
//!
//! Against what gtk4-rs 0.11 and gio 0.22 bind as `connect_*` methods in their `auto/` modules
//! (`scripts/stream-coverage.sh`, which lists every pair not covered): signals, gtk4 319 of 329
//! (type, signal) pairs, gio 70 of 72; `connect_<property>_notify`, gtk4 1051 of 1204 (type,
//! property) pairs, gio 131 of 145. Of gtk4's 10 signals not covered, 8 are newer than GTK 4.8;
//! the other two are `GtkEventControllerLegacy::event` (`gdk::Event` has no `FromValue`) and
//! `GtkTreeModel::rows-reordered` (not introspectable).
//!
//! # Cargo features
//!
//! - `gtk` (default): typed streams for every GTK 4 signal (`clicked_stream()`, ...), in
//!   the prelude; implies `gio`.
//! - `gio`: typed streams for every GIO signal. With neither, only `glib` is needed.
//! - `adw`: typed streams for every libadwaita signal and property (libadwaita-rs 0.9,
//!   imported as `adw`); implies `gtk`.
//! - `gtk_v4_2` … `gtk_v4_8`, `gio_v2_58` … `gio_v2_74`, `adw_v1_1`, `adw_v1_2`: the streams
//!   of API newer than GTK 4.0, GLib 2.56 and libadwaita 1.0, behind these features as their
//!   bindings are behind gtk4-rs's, gio's and libadwaita-rs's `vX_Y` features (each enables
//!   the binding's feature and the one below it).
//!
//! The typed streams are generated from GTK's and GIO's introspection data; [`check_signal`]
//! verifies a stream's types against a signal without an instance, as their test does.
//! Every readable property has a typed stream too (`entry.text_stream()` yields `String`,
//! `button.label_stream()` `Option<String>`), checked the same way with [`check_property`].

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
#![deny(unsafe_op_in_unsafe_fn)]
// `unsafe` lives only in the files that allow it, each named for its concept:
// `thread_bound.rs`, `emitter_ref.rs`, `raw.rs` and `marshal.rs`.
#![deny(unsafe_code)]

pub mod accumulator;
#[cfg(feature = "adw")]
mod adw_streams;
mod args;
#[cfg(feature = "gio")]
mod auto_support;
pub mod builder;
mod check;
mod connect;
mod connection;
mod emitter_ref;
mod error;
mod events;
mod ext;
mod future;
#[cfg(feature = "gio")]
mod gio_streams;
#[cfg(feature = "gtk")]
mod gtk_streams;
mod leak_check;
mod live;
mod macro_support;
mod many;
mod many_builder;
mod marshal;
mod ops;
mod property;
mod queue;
mod raw;
mod spawn;
mod stream;
mod thread_bound;
mod trampoline;

pub use args::{marker, SignalArgs, SignalReturn};
pub use builder::SignalStreamBuilder;
pub use check::check_property;
pub use check::{check_signal, check_signal_with_return};
pub use error::{ConnectError, ConnectErrorKind};
pub use events::SignalEvents;
pub use future::{SendSignalFuture, SignalFuture};
pub use leak_check::{LeakCheck, Leaks};

/// What the code the [`signals`] macro generates calls; not public API.
#[doc(hidden)]
pub mod __macro {
    pub use crate::macro_support::*;
}
pub use many::ManySignalStream;
pub use many_builder::ManySignalStreamBuilder;
pub use ops::GlibStreamExt;
pub use ops::{
    Debounce, IdleTimeout, MapLatest, StreamSet, StreamSetHandle, TakeUntilDisposed, Throttle, Tie,
    WithWeak,
};
pub use property::{PropertyStream, SendPropertyStream};
pub use queue::{BufferPolicy, Flavor, Local, Threaded};
pub use spawn::SpawnLocalExt;
pub use stream::{SendSignalStream, SignalStream};

/// The log domain of the criticals this crate emits (an emission it could not deliver).
pub const LOG_DOMAIN: &str = "glib-signal-stream";

/// Brings the extension traits into scope: `use glib_signal_stream::prelude::*;`.
pub mod prelude {
    #[cfg(feature = "adw")]
    pub use crate::adw_streams::*;
    pub use crate::ext::SignalStreamExt;
    #[cfg(feature = "gio")]
    pub use crate::gio_streams::*;
    #[cfg(feature = "gtk")]
    pub use crate::gtk_streams::*;
    pub use crate::ops::GlibStreamExt;
    pub use crate::spawn::SpawnLocalExt;
}

/// Declares the signals of a GObject subclass, with every type checked by the compiler.
///
/// On the implementation type's own `impl` block, with the wrapper type as argument. Each
/// function marked `#[signal(..)]` is a signal: its parameters after `&self` are the signal's
/// parameters and its return type the signal's; a body is the signal's class handler, no body
/// means none. The signal's name is the function's with `_` as `-`, or `name = ".."`.
///
/// `#[signal(..)]` takes GLib's flags (`run_first`, `run_last`, `run_cleanup`,
/// `no_recurse`, `detailed`, `action`, `no_hooks`, `must_collect`, `deprecated`),
/// `name = ".."` and `accumulator = ..` (an expression of glib's accumulator type,
/// `Fn(&SignalInvocationHint, Value, &Value) -> ControlFlow<Value, Value>`). Parameters are
/// written as a handler takes them: `&str` (a `String` in stream items), `&T` for objects and
/// boxed types, `Option<&str>`, `Option<&T>`, and any other `glib` value type by value.
///
/// The block gains `derived_signals()`, which [`derived_signals`] puts into
/// `ObjectImpl::signals()`, and typed methods, named after the signal (`file-added` gives
/// `connect_file_added`): inherent methods of the wrapper, reachable with no import beyond
/// [`prelude`], and the same in an extension trait `<Wrapper>SignalsExt`, defined beside the
/// block and implemented for every subclass (import it where a subclass calls them). For each
/// signal:
///
/// - `connect_<name>(f)`: `f` gets the emitter and the parameters as declared, returns the
///   declared type; a `SignalHandlerId`.
/// - `emit_<name>(params..)`: emits through the signal's id (no lookup by name) and returns
///   what the handlers answered.
/// - `<name>_stream()`, `<name>_stream_with(handler)` and `<name>_future()` for a signal that
///   returns nothing; `<name>_stream(handler)` with a handler that answers for one that
///   returns a value. Items are tuples of the owned parameter types.
/// - `<name>_stream_send()` and `<name>_future_send()` (or `<name>_stream_send(handler)`),
///   fed from whatever thread emits, callable on a `Send + Sync` type (for any other type the
///   call does not compile).
/// - A `detail: Option<&str>` first argument on each of them for a `detailed` signal.
///
/// On an interface's block, `#[signals(wrapper_type = .., interface)]` declares the
/// interface's signals (without bodies: an interface's signal has no class handler here), and
/// `#[derived_signals]` goes on its `impl ObjectInterface`; every implementor gets the methods
/// through `<Interface>SignalsExt`.
///
/// Beside the block, an enum `<Wrapper>Event` has a variant per signal that returns nothing
/// (`file-added` gives `FileAdded(..)`, with the owned parameters) and implements
/// [`SignalEvents`]: `obj.events_stream::<imp::DownloaderEvent>()` is one stream of them all,
/// in emission order, as for the generated GTK and GIO types. Its `Debug` prints the variant.
///
/// ```
/// use futures_util::StreamExt;
/// use glib::subclass::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// mod imp {
///     use super::*;
///
///     #[derive(Default)]
///     pub struct Downloader;
///
///     #[glib::object_subclass]
///     impl ObjectSubclass for Downloader {
///         const NAME: &'static str = "DocDownloader";
///         type Type = super::Downloader;
///     }
///
///     #[glib_signal_stream::signals(wrapper_type = super::Downloader)]
///     impl Downloader {
///         #[signal(run_last)]
///         fn progress(&self, percent: u32);
///
///         /// A body is the class handler: here, the answer when no handler answers.
///         #[signal(run_last)]
///         fn confirm_overwrite(&self, path: &str) -> bool {
///             path.ends_with(".tmp")
///         }
///     }
///
///     #[glib_signal_stream::derived_signals]
///     impl ObjectImpl for Downloader {}
/// }
///
/// glib::wrapper! {
///     pub struct Downloader(ObjectSubclass<imp::Downloader>);
/// }
///
/// fn main() {
///     let downloader: Downloader = glib::Object::new();
///     let progress = downloader.progress_stream();
///     downloader.emit_progress(50);
///     downloader.emit_progress(100);
///     assert!(downloader.emit_confirm_overwrite("a.tmp"));
///     assert!(!downloader.emit_confirm_overwrite("a.txt"));
///     drop(downloader); // disposed: the stream ends after its queued items
///     let seen: Vec<(u32,)> = glib::MainContext::default().block_on(progress.collect());
///     assert_eq!(seen, [(50,), (100,)]);
/// }
/// ```
pub use glib_signal_stream_macros::signals;

/// Fills `ObjectImpl::signals()` with the signals declared by [`signals`]: on
/// `impl ObjectImpl for T`, as glib's `derived_properties` fills `properties()`.
pub use glib_signal_stream_macros::derived_signals;
