//! [`CancellableStreamExt`]: `GCancellable::cancelled` as a stream.

use gio::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gio::Cancellable`].
pub trait CancellableStreamExt: IsA<gio::Cancellable> {
    /// A stream of the `cancelled` signal: one `()` when the cancellable is cancelled
    /// (cancelling it again emits nothing).
    ///
    /// Unlike [`connect_cancelled`](gio::prelude::CancellableExtManual::connect_cancelled),
    /// the stream does not fire for a cancellable that is already cancelled when connecting.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let cancellable = gio::Cancellable::new();
    /// let cancelled = cancellable.cancelled_stream();
    /// cancellable.cancel();
    /// cancellable.cancel(); // already cancelled: no second emission
    /// drop(cancellable); // disposed: the stream ends after its queued item
    ///
    /// let count = glib::MainContext::default().block_on(cancelled.count());
    /// assert_eq!(count, 1);
    /// ```
    #[doc(alias = "cancelled")]
    fn cancelled_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gio::Cancellable>()
            .connect_stream_typed("cancelled")
    }
}

impl<O: IsA<gio::Cancellable>> CancellableStreamExt for O {}
