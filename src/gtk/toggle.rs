//! [`ToggleButtonStreamExt`] and [`CheckButtonStreamExt`]: the `toggled` signals as streams.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::ToggleButton`].
pub trait ToggleButtonStreamExt: IsA<gtk4::ToggleButton> {
    /// A stream of the `toggled` signal: one `()` each time the `active` state changes;
    /// read [`is_active`](gtk4::prelude::ToggleButtonExt::is_active) for the new state (or
    /// use `property_stream::<bool>("active")` to get it as the item).
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let toggle = gtk4::ToggleButton::with_label("Bold");
    /// let mut toggles = toggle.toggled_stream();
    /// glib::spawn_future_local(async move {
    ///     while toggles.next().await.is_some() {
    ///         println!("bold: {}", toggle.is_active());
    ///     }
    /// });
    /// ```
    #[doc(alias = "toggled")]
    fn toggled_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gtk4::ToggleButton>()
            .connect_stream_typed("toggled")
    }
}

impl<O: IsA<gtk4::ToggleButton>> ToggleButtonStreamExt for O {}

/// Signal streams for [`gtk4::CheckButton`] (check boxes and radio buttons).
pub trait CheckButtonStreamExt: IsA<gtk4::CheckButton> {
    /// A stream of the `toggled` signal: one `()` each time the `active` state changes;
    /// read [`is_active`](gtk4::prelude::CheckButtonExt::is_active) for the new state.
    ///
    /// In a radio group, both the button turned on and the one turned off emit `toggled`.
    #[doc(alias = "toggled")]
    fn toggled_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gtk4::CheckButton>()
            .connect_stream_typed("toggled")
    }
}

impl<O: IsA<gtk4::CheckButton>> CheckButtonStreamExt for O {}
