//! Typed streams for everyday GIO signals (cargo feature `gio`).
//!
//! One extension trait per class, each a thin layer over
//! [`connect_stream_typed`](crate::prelude::SignalStreamExt::connect_stream_typed) and
//! [`connect_stream_typed_with_return`](crate::prelude::SignalStreamExt::connect_stream_typed_with_return)
//! with the item type spelled out. All are in [`crate::prelude`].

mod action;
mod application;
mod cancellable;
mod file_monitor;
mod socket_service;

pub use action::SimpleActionStreamExt;
pub use application::ApplicationStreamExt;
pub use cancellable::CancellableStreamExt;
pub use file_monitor::FileMonitorStreamExt;
pub use socket_service::SocketServiceStreamExt;
