//! [`ButtonStreamExt`]: `GtkButton::clicked` as a stream.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::Button`] and its subclasses.
pub trait ButtonStreamExt: IsA<gtk4::Button> {
    /// A stream of the button's `clicked` signal: one `()` per click (by pointer, keyboard,
    /// or [`emit_clicked`](gtk4::prelude::ButtonExt::emit_clicked)).
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let button = gtk4::Button::with_label("Save");
    /// let mut clicks = button.clicked_stream();
    /// glib::spawn_future_local(async move {
    ///     while clicks.next().await.is_some() {
    ///         println!("saving");
    ///     }
    /// });
    /// ```
    #[doc(alias = "clicked")]
    fn clicked_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gtk4::Button>()
            .connect_stream_typed("clicked")
    }
}

impl<O: IsA<gtk4::Button>> ButtonStreamExt for O {}
