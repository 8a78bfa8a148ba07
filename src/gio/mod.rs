//! Typed streams for every GIO signal and property (cargo feature `gio`; no GTK needed).
//!
//! One extension trait per class and interface, `<Type>StreamExt`, with one
//! `<signal>_stream` method per signal and one `<property>_stream` method per readable
//! property (a [`PropertyStream`](crate::PropertyStream)), generated from GIO's
//! introspection data by `gen-streams`. All are in [`crate::prelude`].

mod auto;
mod events;

pub use auto::*;
pub use events::*;
