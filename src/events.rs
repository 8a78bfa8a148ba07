//! [`SignalEvents`]: an item type with one variant per signal of a type, for
//! [`events_stream`](crate::prelude::SignalStreamExt::events_stream).
//!
//! Generated for every GTK 4 and GIO class and interface (`ButtonEvent`,
//! `SignalListItemFactoryEvent`, ...: the signals of the type itself that return nothing), and
//! implementable for your own types.

use crate::many_builder::ManySignalStreamBuilder;

/// An enum of the signals of [`Emitter`](Self::Emitter), one variant per signal, holding the
/// signal's typed parameters; the items of one ordered stream of all of them.
///
/// ```
/// use futures_util::StreamExt;
/// use gio::prelude::*;
/// use glib_signal_stream::{prelude::*, ManySignalStreamBuilder, SignalEvents};
///
/// #[derive(Debug, PartialEq)]
/// enum ActionEvent {
///     Activate,
///     ChangeState(Option<glib::Variant>),
/// }
///
/// impl SignalEvents for ActionEvent {
///     type Emitter = gio::SimpleAction;
///     fn add_signals(builder: ManySignalStreamBuilder<'_, Self>) -> ManySignalStreamBuilder<'_, Self> {
///         builder
///             .signal("activate", |_: (Option<glib::Variant>,)| Self::Activate)
///             .signal("change-state", |(value,)| Self::ChangeState(value))
///     }
/// }
///
/// let action = gio::SimpleAction::new_stateful("mode", None, &1i32.to_variant());
/// let events = action.events_stream::<ActionEvent>();
/// action.activate(None);
/// action.change_state(&2i32.to_variant());
/// drop(action);
/// let events: Vec<ActionEvent> = glib::MainContext::default().block_on(events.collect());
/// assert_eq!(events, [ActionEvent::Activate, ActionEvent::ChangeState(Some(2i32.to_variant()))]);
/// ```
pub trait SignalEvents: Sized + 'static {
    /// The type whose signals these are.
    type Emitter: glib::object::ObjectType;

    /// Adds every signal to `builder`, each with the function that makes its variant.
    fn add_signals(builder: ManySignalStreamBuilder<'_, Self>)
        -> ManySignalStreamBuilder<'_, Self>;
}
