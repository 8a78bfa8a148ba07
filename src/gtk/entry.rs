//! [`EntryStreamExt`]: `GtkEntry::activate` as a stream.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::Entry`].
pub trait EntryStreamExt: IsA<gtk4::Entry> {
    /// A stream of the entry's `activate` signal: one `()` each time the user presses
    /// Enter in it.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let entry = gtk4::Entry::new();
    /// let mut submits = entry.activate_stream();
    /// glib::spawn_future_local(async move {
    ///     while submits.next().await.is_some() {
    ///         println!("search for {}", entry.text());
    ///     }
    /// });
    /// ```
    #[doc(alias = "activate")]
    fn activate_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gtk4::Entry>()
            .connect_stream_typed("activate")
    }
}

impl<O: IsA<gtk4::Entry>> EntryStreamExt for O {}
