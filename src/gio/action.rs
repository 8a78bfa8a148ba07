//! [`SimpleActionStreamExt`]: `GSimpleAction::activate` as a stream.

use gio::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gio::SimpleAction`].
pub trait SimpleActionStreamExt: IsA<gio::SimpleAction> {
    /// A stream of the action's `activate` signal: one item per activation, holding the
    /// activation's parameter (`None` for an action without a parameter type).
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let action = gio::SimpleAction::new("open", Some(glib::VariantTy::STRING));
    /// let activations = action.activate_stream();
    /// action.activate(Some(&"a.txt".to_variant()));
    /// action.activate(Some(&"b.txt".to_variant()));
    /// drop(action); // disposed: the stream ends after its queued items
    ///
    /// let names: Vec<String> = glib::MainContext::default().block_on(
    ///     activations
    ///         .filter_map(|(param,)| async move { param.and_then(|p| p.get::<String>()) })
    ///         .collect(),
    /// );
    /// assert_eq!(names, ["a.txt", "b.txt"]);
    /// ```
    #[doc(alias = "activate")]
    fn activate_stream(&self) -> SignalStream<(Option<glib::Variant>,)> {
        self.upcast_ref::<gio::SimpleAction>()
            .connect_stream_typed("activate")
    }
}

impl<O: IsA<gio::SimpleAction>> SimpleActionStreamExt for O {}
