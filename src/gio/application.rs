//! [`ApplicationStreamExt`]: `GApplication::activate` and `::shutdown` as streams.

use gio::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gio::Application`] and its subclasses (`gtk4::Application`, ...).
pub trait ApplicationStreamExt: IsA<gio::Application> {
    /// A stream of the `activate` signal: one `()` each time the application is activated
    /// (launched without files, or launched again while running).
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use gio::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// let app = gio::Application::new(None, gio::ApplicationFlags::NON_UNIQUE);
    /// let activations = app.activate_stream();
    /// let shutdowns = app.shutdown_stream();
    /// app.run_with_args::<&str>(&[]); // activates, then quits: nothing holds it
    /// drop(app);
    ///
    /// let ctx = glib::MainContext::default();
    /// assert_eq!(ctx.block_on(activations.count()), 1);
    /// assert_eq!(ctx.block_on(shutdowns.count()), 1);
    /// ```
    #[doc(alias = "activate")]
    fn activate_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gio::Application>()
            .connect_stream_typed("activate")
    }

    /// A stream of the `shutdown` signal: one `()` when the primary instance stops running,
    /// after the main loop has ended.
    ///
    /// The item is queued during the emission but the consumer usually runs later, after
    /// `run()` returned: do clean-up that must happen before exit in
    /// `connect_shutdown` instead.
    #[doc(alias = "shutdown")]
    fn shutdown_stream(&self) -> SignalStream<()> {
        self.upcast_ref::<gio::Application>()
            .connect_stream_typed("shutdown")
    }
}

impl<O: IsA<gio::Application>> ApplicationStreamExt for O {}
