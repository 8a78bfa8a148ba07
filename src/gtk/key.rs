//! [`EventControllerKeyStreamExt`]: `GtkEventControllerKey::key-pressed` and `::key-released`
//! as streams.

use gtk4::{gdk, prelude::*};

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::EventControllerKey`].
pub trait EventControllerKeyStreamExt: IsA<gtk4::EventControllerKey> {
    /// A stream of the `key-pressed` signal: `(keyval, keycode, state)` for each key press
    /// the controller sees.
    ///
    /// GTK needs the answer during the emission, so `handler` gives it:
    /// [`glib::Propagation::Stop`] if the key is handled (it then goes no further, for
    /// example not into a focused entry), [`glib::Propagation::Proceed`] to let it
    /// propagate. The item is queued either way.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::{gdk, prelude::*};
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let window = gtk4::Window::new();
    /// let keys = gtk4::EventControllerKey::new();
    /// let mut presses = keys.key_pressed_stream(|key, _, _| {
    ///     if key == gdk::Key::Escape {
    ///         glib::Propagation::Stop
    ///     } else {
    ///         glib::Propagation::Proceed
    ///     }
    /// });
    /// window.add_controller(keys);
    /// glib::spawn_future_local(async move {
    ///     while let Some((key, _keycode, state)) = presses.next().await {
    ///         println!("{:?} with {state:?}", key.name());
    ///     }
    /// });
    /// ```
    #[doc(alias = "key-pressed")]
    fn key_pressed_stream<F>(&self, handler: F) -> SignalStream<(gdk::Key, u32, gdk::ModifierType)>
    where
        F: Fn(gdk::Key, u32, gdk::ModifierType) -> glib::Propagation + 'static,
    {
        self.upcast_ref::<gtk4::EventControllerKey>()
            .connect_stream_typed_with_return(
                "key-pressed",
                move |&(key, keycode, state): &(gdk::Key, u32, gdk::ModifierType)| {
                    handler(key, keycode, state)
                },
            )
    }

    /// A stream of the `key-released` signal: `(keyval, keycode, state)` for each key
    /// release the controller sees.
    #[doc(alias = "key-released")]
    fn key_released_stream(&self) -> SignalStream<(gdk::Key, u32, gdk::ModifierType)> {
        self.upcast_ref::<gtk4::EventControllerKey>()
            .connect_stream_typed("key-released")
    }
}

impl<O: IsA<gtk4::EventControllerKey>> EventControllerKeyStreamExt for O {}
