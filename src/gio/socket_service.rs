//! [`SocketServiceStreamExt`]: `GSocketService::incoming` as a stream.

use gio::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gio::SocketService`] (and [`gio::ThreadedSocketService`]).
pub trait SocketServiceStreamExt: IsA<gio::SocketService> {
    /// A stream of the service's `incoming` signal: `(connection, source_object)` for each
    /// accepted connection, `source_object` being the object given when the listening
    /// address was added (`None` if none was).
    ///
    /// `handler` runs inside the emission, before the item is queued, and answers GIO:
    /// `true` if the connection is handled (no other handler runs), `false` to let the
    /// next handler see it. The stream keeps the connection alive as long as its item lives.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # glib::MainContext::default().block_on(async {
    /// let service = gio::SocketService::new();
    /// service.add_inet_port(8080, None::<&glib::Object>).unwrap();
    /// let mut incoming = service.incoming_stream(|_connection, _source| true);
    /// service.start();
    /// while let Some((connection, _source)) = incoming.next().await {
    ///     let output = connection.output_stream();
    ///     output.write_all_future(b"hello\n", glib::Priority::DEFAULT).await.ok();
    /// }
    /// # });
    /// ```
    #[doc(alias = "incoming")]
    fn incoming_stream<F>(
        &self,
        handler: F,
    ) -> SignalStream<(gio::SocketConnection, Option<glib::Object>)>
    where
        F: Fn(&gio::SocketConnection, Option<&glib::Object>) -> bool + 'static,
    {
        self.upcast_ref::<gio::SocketService>()
            .connect_stream_typed_with_return(
                "incoming",
                move |(connection, source): &(gio::SocketConnection, Option<glib::Object>)| {
                    handler(connection, source.as_ref())
                },
            )
    }
}

impl<O: IsA<gio::SocketService>> SocketServiceStreamExt for O {}
