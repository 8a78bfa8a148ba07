//! [`FileMonitorStreamExt`]: `GFileMonitor::changed` as a stream.

use gio::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gio::FileMonitor`].
pub trait FileMonitorStreamExt: IsA<gio::FileMonitor> {
    /// A stream of the monitor's `changed` signal: `(file, other_file, event)` for each
    /// change, where `other_file` is the new name for renames and moves and `None` otherwise.
    ///
    /// GIO emits `changed` from the thread-default main context the monitor was created in,
    /// so create the monitor (and the stream) on the thread that runs that context.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # glib::MainContext::default().block_on(async {
    /// let dir = gio::File::for_path("/tmp");
    /// let monitor = dir
    ///     .monitor_directory(gio::FileMonitorFlags::WATCH_MOVES, gio::Cancellable::NONE)
    ///     .unwrap();
    /// let mut changes = monitor.changed_stream();
    /// while let Some((file, _other, event)) = changes.next().await {
    ///     println!("{event:?}: {}", file.parse_name());
    /// }
    /// # });
    /// ```
    #[doc(alias = "changed")]
    fn changed_stream(
        &self,
    ) -> SignalStream<(gio::File, Option<gio::File>, gio::FileMonitorEvent)> {
        self.upcast_ref::<gio::FileMonitor>()
            .connect_stream_typed("changed")
    }
}

impl<O: IsA<gio::FileMonitor>> FileMonitorStreamExt for O {}
