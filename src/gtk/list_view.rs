//! [`ListViewStreamExt`]: `GtkListView::activate` as a stream.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::ListView`].
pub trait ListViewStreamExt: IsA<gtk4::ListView> {
    /// A stream of the list view's `activate` signal: `(position,)` for each activated row
    /// (double click, or Enter; a single click with `single-click-activate`), the row's
    /// position in the view's model.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let model = gtk4::StringList::new(&["one", "two", "three"]);
    /// let selection = gtk4::SingleSelection::new(Some(model.clone()));
    /// let view = gtk4::ListView::new(Some(selection), None::<gtk4::ListItemFactory>);
    /// let mut activations = view.activate_stream();
    /// glib::spawn_future_local(async move {
    ///     while let Some((position,)) = activations.next().await {
    ///         println!("open {:?}", model.string(position));
    ///     }
    /// });
    /// ```
    #[doc(alias = "activate")]
    fn activate_stream(&self) -> SignalStream<(u32,)> {
        self.upcast_ref::<gtk4::ListView>()
            .connect_stream_typed("activate")
    }
}

impl<O: IsA<gtk4::ListView>> ListViewStreamExt for O {}
