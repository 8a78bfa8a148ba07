//! [`EditableStreamExt`]: `GtkEditable::changed` as a stream.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for the [`gtk4::Editable`] interface ([`gtk4::Entry`], [`gtk4::Text`],
/// [`gtk4::SpinButton`], [`gtk4::SearchEntry`], ...).
pub trait EditableStreamExt: IsA<gtk4::Editable> {
    /// A stream of the `changed` signal: one `()` each time the text changes (typing,
    /// deleting, [`set_text`](gtk4::prelude::EditableExt::set_text)); read
    /// [`text`](gtk4::prelude::EditableExt::text) for the new contents.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let entry = gtk4::Entry::new();
    /// let mut changes = entry.changed_stream();
    /// glib::spawn_future_local(async move {
    ///     while changes.next().await.is_some() {
    ///         println!("text: {}", entry.text());
    ///     }
    /// });
    /// ```
    #[doc(alias = "changed")]
    fn changed_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gtk4::Editable>()
            .connect_stream_typed("changed")
    }
}

impl<O: IsA<gtk4::Editable>> EditableStreamExt for O {}
