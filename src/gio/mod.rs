//! Typed streams for every GIO signal (cargo feature `gio`; no GTK needed).
//!
//! One extension trait per class and interface, `<Type>StreamExt`, with one
//! `<signal>_stream` method per signal, generated from GIO's introspection data by
//! `gen-streams`. All are in [`crate::prelude`].

mod auto;
mod events;

pub use auto::*;
pub use events::*;
