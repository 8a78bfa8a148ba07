//! [`WindowStreamExt`]: `GtkWindow::close-request` as a stream.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::Window`] and its subclasses.
pub trait WindowStreamExt: IsA<gtk4::Window> {
    /// A stream of the `close-request` signal: one `()` each time the user (or
    /// [`close`](gtk4::prelude::GtkWindowExt::close)) asks to close the window.
    ///
    /// GTK needs the answer during the emission, so `handler` gives it:
    /// [`glib::Propagation::Stop`] keeps the window open,
    /// [`glib::Propagation::Proceed`] lets it close. The item is queued either way, so the
    /// stream's consumer can, for example, ask "save changes?" and close the window itself.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let window = gtk4::Window::new();
    /// let mut close_requests = window.close_request_stream(|| glib::Propagation::Stop);
    /// let weak = window.downgrade();
    /// glib::spawn_future_local(async move {
    ///     while close_requests.next().await.is_some() {
    ///         // ... ask the user, save ...
    ///         if let Some(window) = weak.upgrade() {
    ///             window.destroy();
    ///         }
    ///     }
    /// });
    /// ```
    #[doc(alias = "close-request")]
    fn close_request_stream<F>(&self, handler: F) -> SignalStream<()>
    where
        F: Fn() -> glib::Propagation + 'static,
    {
        self.upcast_ref::<gtk4::Window>()
            .connect_stream_typed_with_return("close-request", move |_: &()| handler())
    }
}

impl<O: IsA<gtk4::Window>> WindowStreamExt for O {}
