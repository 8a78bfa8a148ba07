//! The error returned by every `try_` form when a connection is refused.

use std::fmt;

/// Why a signal or property stream could not be connected: the emitter's type and what was
/// wrong ([`kind`](Self::kind)).
///
/// Every check happens when connecting, so that a stream that connected can never fail inside
/// an emission. The panicking forms (`connect_stream`, ...) panic with this error's message.
///
/// Each message names the type and the signal or property:
///
/// ```
/// use glib_signal_stream::{prelude::*, ConnectErrorKind};
///
/// let obj = glib::Object::new::<glib::Object>();
/// let err = obj.try_connect_stream("clicked2").unwrap_err();
/// assert_eq!(err.to_string(), "signal 'clicked2' not found on type 'GObject'");
/// assert_eq!(err.type_name(), "GObject");
/// assert!(matches!(err.kind(), ConnectErrorKind::UnknownSignal { .. }));
/// ```
///
/// # What each misuse gets
///
/// Every check happens when connecting: a `try_` form returns a `ConnectError` (the emitter's
/// type name and a `ConnectErrorKind`, the `try_` column below), the other form panics with that
/// error's message, and nothing is left connected. What cannot be checked then
/// (the thread an emission comes from) is never a panic or an abort on the emission path: the
/// emission is dropped from the stream with a critical in the `glib-signal-stream` log domain
/// (`glib_signal_stream::LOG_DOMAIN`). Each row is a test in `tests/misuse.rs`.
///
/// | misuse | `try_` form | panicking form | test |
/// |---|---|---|---|
/// | unknown signal (`"tock"`) | `Err(UnknownSignal)` | panics: `signal 'tock' not found on type 'SignalStreamTestEmitter'` | `unknown_signal_is_refused` |
/// | malformed `signal::detail` (`"notify::"`, `"::count"`, `"notify:count"`, `""`) | `Err(MalformedDetail)` | panics with its message | `malformed_detail_is_refused` |
/// | a NUL or other odd character in a name (`"tick\0"`, `"tïck"`) | `Err(MalformedDetail)` / `Err(UnknownSignal)` / `Err(UnknownProperty)`, never a panic | panics with its message | `odd_characters_in_names_are_refused_without_panic` |
/// | detail on a signal that takes none (`"tick::fast"`) | `Err(DetailNotSupported)` | panics with its message | `detail_on_a_signal_without_details_is_refused` |
/// | `notify::name` for a property the type lacks | `Err(UnknownProperty)` | panics with its message | `notify_detail_naming_no_property_is_refused` |
/// | typed stream with the wrong number of parameters (`(u64, u64)`, `()`) | `Err(ArgumentMismatch)` | panics with its message | `typed_stream_with_wrong_argument_count_is_refused` |
/// | typed stream with a wrong parameter type (`(String,)`, `(glib::Object,)` for a `guint64`) | `Err(ArgumentMismatch)` | panics: `signal 'tick' of type 'SignalStreamTestEmitter' has parameters (guint64); requested (String)` | `typed_stream_with_wrong_argument_type_is_refused` |
/// | return-value handler of the wrong type (`u32` or `()` for a `gboolean`, a value for a void signal) | `Err(ReturnTypeMismatch)` | panics with its message | `return_value_handler_of_the_wrong_type_is_refused` |
/// | signal that needs a return value, connected without a handler (stream, typed, `Send`, future) | `Err(NeedsReturnValue)` | panics with its message | `signal_needing_a_return_value_is_refused_without_handler` |
/// | property stream of a property that does not exist | `Err(UnknownProperty)` | panics with its message | `unknown_property_is_refused` |
/// | `.property::<T>()` on a builder whose signal is not `notify::<property>` (`"tick"`, `"notify"`) | `Err(NotPropertyNotify)` | panics with its message | `property_builder_on_a_signal_other_than_notify_is_refused` |
/// | property stream of a write-only property | `Err(PropertyNotReadable)` | panics with its message | `write_only_property_is_refused` |
/// | property stream of another type (`String` for a `guint64`) | `Err(PropertyTypeMismatch)` | panics with its message | `property_of_another_type_is_refused` |
/// | `NULL` for a parameter typed without `Option` (`(glib::Object,)`) | connects (types match); that emission is dropped with a critical, an `Option` parameter takes it | same | `null_for_a_parameter_that_is_not_an_option_is_dropped_with_a_critical` |
/// | emission from another thread into a local stream | connects (the thread is not known yet); the item is dropped with a critical | same | `emission_on_another_thread_is_dropped_from_a_local_stream_with_a_critical` |
/// | the same, for a signal with a return-value handler | the handler does not run; the emitter gets the return type's default (`false`) and a critical is logged | same | `emission_on_another_thread_gets_the_default_answer_from_a_local_handler` |
/// | a local stream's emitter finalized on another thread | the handler's state is sent back to the connecting thread's main context and dropped there: the stream yields what was queued, then ends | same | `local_stream_whose_emitter_dies_on_another_thread_ends_on_its_own_thread` |
/// | the same, but another thread iterates the connecting thread's main context | the state cannot be dropped where it belongs: it is leaked with a critical, never dropped on the wrong thread | same | `local_handler_state_sent_home_to_a_context_another_thread_iterates_is_leaked_with_a_critical` |
/// | `check_signal` / `check_property` on a type that can have no signals (`glib::Type::STRING`, `glib::Variant::static_type()`) | `Err(UnknownSignal)` / `Err(UnknownProperty)`, checked before GLib sees the type | — | `checks_on_a_type_without_signals_are_refused` |
/// | a name GLib considers invalid (`"bad name"`, `"1tick"`, `"notify::bad name"`) | `Err(UnknownSignal)` / `Err(UnknownProperty)`, checked before GLib sees the name, so GLib neither warns nor logs a critical | panics with its message | `names_glib_considers_invalid_are_refused_before_glib_sees_them` |
/// | a property stream of a non-`Option` type (`String`) for a property that is `NULL` | connects; each `NULL` is not delivered and logs a critical pointing to `Option<T>` (`property_stream::<Option<String>>` delivers it as `None`) | same | `tests/property.rs`: `null_a_string_cannot_hold_is_not_delivered_and_logs_a_critical` |
/// | `notify` emitted with a `GParamSpec` the object does not have | the property stream ignores it with a critical (it reads through the `GParamSpec` found when connecting), never a panic | same | `tests/property.rs`: `notify_with_a_foreign_param_spec_is_ignored_with_a_critical` |
/// | `send()` on a builder whose emitter's Rust type is not `Send + Sync` | does not compile | does not compile | the `compile_fail` doc test of [`SignalStreamBuilder::send`](crate::SignalStreamBuilder::send) |
///
/// The refusal tests also run in a child process with `G_DEBUG=fatal-warnings,fatal-criticals`,
/// where any GLib warning or critical aborts (`refusals_make_glib_neither_warn_nor_log_a_critical`;
/// `glib_warnings_abort_the_fatal_child` proves that the setting takes effect).
///
/// Use a `Send` stream (`signal_stream_builder(..).send()`) for emitters that fire on other
/// threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectError {
    type_name: String,
    kind: ConnectErrorKind,
}

/// What was wrong with a connection request (see [`ConnectError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectErrorKind {
    /// The type has no signal of that name.
    UnknownSignal {
        /// The signal name as given.
        signal: String,
    },
    /// The `signal::detail` string is not well formed (empty detail, stray `:`, ...).
    MalformedDetail {
        /// The string as given.
        signal: String,
    },
    /// A detail was given for a signal that is not `G_SIGNAL_DETAILED`.
    DetailNotSupported {
        /// The signal name.
        signal: String,
        /// The detail as given.
        detail: String,
    },
    /// The type has no property of that name (in a property stream or `notify::name`).
    UnknownProperty {
        /// The property name as given.
        property: String,
    },
    /// The property cannot be read, so it cannot be streamed.
    PropertyNotReadable {
        /// The property name.
        property: String,
    },
    /// The property holds another type than the one requested.
    PropertyTypeMismatch {
        /// The property name.
        property: String,
        /// The property's GType name.
        expected: String,
        /// The requested Rust type.
        requested: String,
    },
    /// The signal's handlers must return a value, so a plain stream cannot be connected.
    NeedsReturnValue {
        /// The signal name.
        signal: String,
        /// The GType name of the value the signal expects.
        return_type: String,
    },
    /// The handler returns another type than the signal expects.
    ReturnTypeMismatch {
        /// The signal name.
        signal: String,
        /// The GType name of the value the signal expects (`void` for none).
        expected: String,
        /// The Rust type the handler returns.
        requested: String,
    },
    /// The requested item type does not match the signal's parameters.
    ArgumentMismatch {
        /// The signal name.
        signal: String,
        /// The GType names of the signal's parameters.
        expected: Vec<String>,
        /// The requested Rust types.
        requested: Vec<String>,
    },
    /// A stream of several signals was asked for with no signal.
    NoSignal,
    /// A property stream was asked of a builder whose signal is not `notify::<property>`.
    NotPropertyNotify {
        /// The signal name as given.
        signal: String,
    },
}

impl ConnectError {
    pub(crate) fn new(type_name: impl Into<String>, kind: ConnectErrorKind) -> Self {
        Self {
            type_name: type_name.into(),
            kind,
        }
    }

    /// The GType name of the emitter (or of the type that was checked).
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// What was wrong.
    pub fn kind(&self) -> &ConnectErrorKind {
        &self.kind
    }
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let type_name = &self.type_name;
        match &self.kind {
            ConnectErrorKind::UnknownSignal { signal } => {
                write!(f, "signal '{signal}' not found on type '{type_name}'")
            }
            ConnectErrorKind::MalformedDetail { signal } => write!(
                f,
                "malformed signal name '{signal}' for type '{type_name}': expected 'signal' or 'signal::detail'"
            ),
            ConnectErrorKind::DetailNotSupported { signal, detail } => write!(
                f,
                "signal '{signal}' of type '{type_name}' takes no detail, but '{detail}' was given"
            ),
            ConnectErrorKind::UnknownProperty { property } => {
                write!(f, "property '{property}' not found on type '{type_name}'")
            }
            ConnectErrorKind::PropertyNotReadable { property } => {
                write!(f, "property '{property}' of type '{type_name}' is not readable")
            }
            ConnectErrorKind::PropertyTypeMismatch { property, expected, requested } => write!(
                f,
                "property '{property}' of type '{type_name}' holds {expected}; requested {requested}"
            ),
            ConnectErrorKind::NeedsReturnValue { signal, return_type } => write!(
                f,
                "signal '{signal}' of type '{type_name}' needs a return value of type {return_type}: \
                 answer the emitter with signal_stream_builder(..).answer(handler)"
            ),
            ConnectErrorKind::ReturnTypeMismatch { signal, expected, requested } => write!(
                f,
                "signal '{signal}' of type '{type_name}' returns {expected}; the handler returns {requested}"
            ),
            ConnectErrorKind::ArgumentMismatch { signal, expected, requested } => write!(
                f,
                "signal '{signal}' of type '{type_name}' has parameters ({}); requested ({})",
                expected.join(", "),
                requested.join(", ")
            ),
            ConnectErrorKind::NoSignal => {
                write!(f, "no signal given for a stream of several signals of type '{type_name}'")
            }
            ConnectErrorKind::NotPropertyNotify { signal } => write!(
                f,
                "a property stream of type '{type_name}' needs the signal 'notify::<property>', \
                 not '{signal}'"
            ),
        }
    }
}

impl std::error::Error for ConnectError {}

impl From<ConnectError> for glib::BoolError {
    fn from(err: ConnectError) -> Self {
        glib::bool_error!("{}", err)
    }
}

/// The value, or a panic with the error's message at the caller's location: the panicking
/// forms are `#[track_caller]` too, so the panic points at the user's code. (A closure, as in
/// `unwrap_or_else(|err| panic!(..))`, would report its own location instead.)
#[track_caller]
pub(crate) fn or_panic<T>(result: Result<T, ConnectError>) -> T {
    match result {
        Ok(value) => value,
        Err(err) => panic!("{err}"),
    }
}
