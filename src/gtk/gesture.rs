//! [`GestureClickStreamExt`]: `GtkGestureClick::pressed` and `::released` as streams.

use gtk4::prelude::*;

use crate::{ext::SignalStreamExt, stream::SignalStream};

/// Signal streams for [`gtk4::GestureClick`].
pub trait GestureClickStreamExt: IsA<gtk4::GestureClick> {
    /// A stream of the `pressed` signal: `(n_press, x, y)` for each button press, where
    /// `n_press` counts presses in a multi-click (2 for a double click) and `x`, `y` are in
    /// the widget's coordinates.
    ///
    /// ```no_run
    /// use futures_util::StreamExt;
    /// use gtk4::prelude::*;
    /// use glib_signal_stream::prelude::*;
    ///
    /// # gtk4::init().unwrap();
    /// let area = gtk4::DrawingArea::new();
    /// let click = gtk4::GestureClick::new();
    /// let mut presses = click.pressed_stream();
    /// area.add_controller(click);
    /// glib::spawn_future_local(async move {
    ///     while let Some((n_press, x, y)) = presses.next().await {
    ///         println!("{n_press} press(es) at {x}, {y}");
    ///     }
    /// });
    /// ```
    #[doc(alias = "pressed")]
    fn pressed_stream(&self) -> SignalStream<(i32, f64, f64)> {
        self.upcast_ref::<gtk4::GestureClick>()
            .connect_stream_typed("pressed")
    }

    /// A stream of the `released` signal: `(n_press, x, y)` for each button release that
    /// ends a press the gesture recognised, in the widget's coordinates.
    #[doc(alias = "released")]
    fn released_stream(&self) -> SignalStream<(i32, f64, f64)> {
        self.upcast_ref::<gtk4::GestureClick>()
            .connect_stream_typed("released")
    }
}

impl<O: IsA<gtk4::GestureClick>> GestureClickStreamExt for O {}
