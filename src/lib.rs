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
//! [`connect_stream_with_return`](prelude::SignalStreamExt::connect_stream_with_return).
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
//! emission while the items still reach the stream:
//! [`connect_stream_with`](prelude::SignalStreamExt::connect_stream_with),
//! [`connect_stream_typed_with`](prelude::SignalStreamExt::connect_stream_typed_with),
//! [`connect_stream_many_with`](prelude::SignalStreamExt::connect_stream_many_with), and
//! the return-value handlers for signals that return a value. Everyday signals that need one:
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
//! [`connect_stream_many`](prelude::SignalStreamExt::connect_stream_many) connects a handler
//! per signal feeding one queue ([`ManySignalStream`]).
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
//! [`SignalStream`] is local: its handler runs only on the connecting thread (an emission
//! from another thread is dropped with a critical). [`SendSignalStream`] accepts emissions
//! from any thread and can be polled anywhere; its emitter's Rust type must be `Send + Sync`,
//! since it may release the emitter, or hand it out, on any thread.
//!
//! The generated streams follow one rule: those of the GIO types whose Rust binding and
//! signal parameters are `Send + Sync` (`gio::Cancellable`, `gio::DBusConnection`,
//! `gio::DBusProxy`) are `Send` streams; all others are local.
//!
//! # Cargo features
//!
//! - `gtk` (default): typed streams for every GTK 4 signal (`clicked_stream()`, ...), in
//!   the prelude; implies `gio`.
//! - `gio`: typed streams for every GIO signal. With neither, only `glib` is needed.
//!
//! The typed streams are generated from GTK's and GIO's introspection data; [`check_signal`]
//! verifies a stream's types against a signal without an instance, as their test does.
//! Every readable property has a typed stream too (`entry.text_stream()` yields `String`,
//! `button.label_stream()` `Option<String>`), checked the same way with [`check_property`].

#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
#![deny(unsafe_op_in_unsafe_fn)]
// `unsafe` lives only in the files that allow it, each named for its concept:
// `thread_bound.rs`, `emitter_ref.rs` and `raw.rs`.
#![deny(unsafe_code)]

mod args;
#[cfg(feature = "gio")]
mod auto_support;
mod builder;
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
mod many;
mod many_builder;
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
    pub use crate::ext::SignalStreamExt;
    #[cfg(feature = "gio")]
    pub use crate::gio_streams::*;
    #[cfg(feature = "gtk")]
    pub use crate::gtk_streams::*;
    pub use crate::ops::GlibStreamExt;
    pub use crate::spawn::SpawnLocalExt;
}
