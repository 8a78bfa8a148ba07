//! Typed streams for every GTK 4 signal and property (cargo feature `gtk`).
//!
//! One extension trait per class and interface, `<Type>StreamExt`, with one
//! `<signal>_stream` method per signal and one `<property>_stream` method per readable
//! property (a [`PropertyStream`](crate::PropertyStream)), generated from GTK's
//! introspection data by `gen-streams`. All are in [`crate::prelude`].
//!
//! Widgets are used on GTK's thread only, so these are all local
//! [`SignalStream`](crate::SignalStream)s.

mod auto;
mod events;
mod widget_life;

pub use auto::*;
pub use events::*;
pub(crate) use widget_life::{as_widget, WidgetLife};
