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
                 use connect_stream_with_return and answer the emitter from the handler"
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
