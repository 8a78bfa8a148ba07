//! Typed streams for every GIO signal and property (cargo feature `gio`; no GTK needed).
//!
//! One extension trait per class and interface, `<Type>StreamExt`, with one
//! `<signal>_stream` method per signal and one `<property>_stream` method per readable
//! property (a [`PropertyStream`](crate::PropertyStream)), generated from GIO's
//! introspection data by `gen-streams`. All are in [`crate::prelude`].
//!
//! The streams of the types whose Rust binding is `Send + Sync` (`gio::Cancellable`,
//! `gio::DBusConnection`, `gio::DBusProxy`, `gio::DBusObjectManagerClient`) are
//! [`SendSignalStream`](crate::SendSignalStream)s and
//! [`SendPropertyStream`](crate::SendPropertyStream)s where their items are `Send`; the
//! others are local.

mod auto;
mod events;

pub use auto::*;
pub use events::*;
