//! Signal accumulators for [`signals`](crate::signals)' `accumulator = ..`.

use std::ops::ControlFlow;

use glib::{subclass::SignalInvocationHint, Value};

/// "The first handler that stops wins", for signals returning `bool` or
/// [`glib::Propagation`] (which GLib carries as a `gboolean`): the emission stops at the
/// first handler (or class handler) that returns `true` / `Propagation::Stop`, and the
/// emitter gets that answer; otherwise the last answer. GTK's own event signals work this way
/// (`g_signal_accumulator_true_handled`).
///
/// ```
/// # use glib_signal_stream::accumulator::first_stop_wins;
/// # use glib::subclass::SignalInvocationHint;
/// let stop: fn(&SignalInvocationHint, glib::Value, &glib::Value) -> _ = first_stop_wins;
/// # let _ = stop;
/// ```
#[doc(alias = "g_signal_accumulator_true_handled")]
pub fn first_stop_wins(
    _hint: &SignalInvocationHint,
    _accumulated: Value,
    handler_return: &Value,
) -> ControlFlow<Value, Value> {
    if handler_return.get::<bool>().unwrap_or(false) {
        ControlFlow::Break(handler_return.clone())
    } else {
        ControlFlow::Continue(handler_return.clone())
    }
}
