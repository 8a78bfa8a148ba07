//! Typed streams for every libadwaita signal and property (cargo feature `adw`).
//!
//! One extension trait per class and interface, `<Type>StreamExt`, with one
//! `<signal>_stream` method per signal and one `<property>_stream` method per readable
//! property (a [`PropertyStream`](crate::PropertyStream)), generated from libadwaita's
//! introspection data by `gen-streams`, like the GTK and GIO ones. All are in
//! [`crate::prelude`]. Types whose name GTK or GIO has too carry an `Adw` prefix
//! (`AdwApplicationWindowStreamExt`), as in libadwaita-rs.
//!
//! API newer than libadwaita 1.0 is behind the `adw_v1_1` and `adw_v1_2` features. Widgets
//! are used on GTK's thread only, so these are all local
//! [`SignalStream`](crate::SignalStream)s.

mod auto;
mod events;

pub use auto::*;
pub use events::*;
