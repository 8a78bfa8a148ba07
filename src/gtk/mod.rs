//! Typed streams for everyday GTK 4 signals (cargo feature `gtk`).
//!
//! One extension trait per class or interface, each a thin layer over
//! [`connect_stream_typed`](crate::prelude::SignalStreamExt::connect_stream_typed) and
//! [`connect_stream_typed_with_return`](crate::prelude::SignalStreamExt::connect_stream_typed_with_return)
//! with the item type spelled out. All are in [`crate::prelude`].
//!
//! Widgets are used on GTK's thread only, so these are all local [`SignalStream`](crate::SignalStream)s.

mod adjustment;
mod button;
mod editable;
mod entry;
mod gesture;
mod key;
mod list_view;
mod toggle;
mod window;

pub use adjustment::AdjustmentStreamExt;
pub use button::ButtonStreamExt;
pub use editable::EditableStreamExt;
pub use entry::EntryStreamExt;
pub use gesture::GestureClickStreamExt;
pub use key::EventControllerKeyStreamExt;
pub use list_view::ListViewStreamExt;
pub use toggle::{CheckButtonStreamExt, ToggleButtonStreamExt};
pub use window::WindowStreamExt;
