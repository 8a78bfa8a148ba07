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

#![warn(missing_docs, missing_debug_implementations, rust_2018_idioms)]
#![deny(unsafe_op_in_unsafe_fn)]
// `unsafe` lives only in the files that allow it, each named for its concept:
// `thread_bound.rs`, `emitter_ref.rs` and `raw.rs`.
#![deny(unsafe_code)]

mod args;
mod builder;
mod check;
mod connect;
mod connection;
mod emitter_ref;
mod error;
mod ext;
mod future;
#[cfg(feature = "gio")]
mod gio;
#[cfg(feature = "gtk")]
mod gtk;
mod ops;
mod property;
mod queue;
mod raw;
mod stream;
mod thread_bound;
mod trampoline;
#[cfg(feature = "gio")]
mod typed;

pub use args::{marker, SignalArgs, SignalReturn};
pub use builder::SignalStreamBuilder;
pub use check::{check_signal, check_signal_with_return};
pub use error::ConnectError;
pub use future::{SendSignalFuture, SignalFuture};
pub use ops::GlibStreamExt;
pub use property::{PropertyStream, SendPropertyStream};
pub use queue::{BufferPolicy, Flavor, Local, Threaded};
pub use stream::{SendSignalStream, SignalStream};

/// The log domain of the criticals this crate emits (an emission it could not deliver).
pub const LOG_DOMAIN: &str = "glib-signal-stream";

/// Brings the extension traits into scope: `use glib_signal_stream::prelude::*;`.
pub mod prelude {
    pub use crate::ext::SignalStreamExt;
    #[cfg(feature = "gio")]
    pub use crate::gio::*;
    #[cfg(feature = "gtk")]
    pub use crate::gtk::*;
    pub use crate::ops::GlibStreamExt;
}
