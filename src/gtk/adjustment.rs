//! [`AdjustmentStreamExt`]: `GtkAdjustment::value-changed` as a stream.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::Adjustment`] (the model behind scales, scroll bars and spin
/// buttons).
pub trait AdjustmentStreamExt: IsA<gtk4::Adjustment> {
    /// A stream of the `value-changed` signal: one `()` each time the value changes; read
    /// [`value`](gtk4::prelude::AdjustmentExt::value) for the new value (or use
    /// `property_stream::<f64>("value")` to get it as the item).
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let adjustment = gtk4::Adjustment::new(50.0, 0.0, 100.0, 1.0, 10.0, 0.0);
    /// let mut changes = adjustment.value_changed_stream();
    /// glib::spawn_future_local(async move {
    ///     while changes.next().await.is_some() {
    ///         println!("volume {}", adjustment.value());
    ///     }
    /// });
    /// ```
    #[doc(alias = "value-changed")]
    fn value_changed_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gtk4::Adjustment>()
            .connect_stream_typed("value-changed")
    }
}

impl<O: IsA<gtk4::Adjustment>> AdjustmentStreamExt for O {}
