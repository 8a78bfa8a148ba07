//! The error returned by every `try_` form when a connection is refused.

use std::fmt;

/// Why a signal or property stream could not be connected.
///
/// Every check happens when connecting, so that a stream that connected can never fail inside
/// an emission. The panicking forms (`connect_stream`, ...) panic with this error's message.
///
/// Each message names the type and the signal or property:
///
/// ```
/// use glib_signal_stream::prelude::*;
///
/// let obj = glib::Object::new::<glib::Object>();
/// let err = obj.try_connect_stream("clicked2").unwrap_err();
/// assert_eq!(err.to_string(), "signal 'clicked2' not found on type 'GObject'");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConnectError {
    /// The type has no signal of that name.
    UnknownSignal {
        /// The emitter's type name.
        type_name: String,
        /// The signal name as given.
        signal: String,
    },
    /// The `signal::detail` string is not well formed (empty detail, stray `:`, ...).
    MalformedDetail {
        /// The emitter's type name.
        type_name: String,
        /// The string as given.
        signal: String,
    },
    /// A detail was given for a signal that is not `G_SIGNAL_DETAILED`.
    DetailNotSupported {
        /// The emitter's type name.
        type_name: String,
        /// The signal name.
        signal: String,
        /// The detail as given.
        detail: String,
    },
    /// The type has no property of that name (in a property stream or `notify::name`).
    UnknownProperty {
        /// The emitter's type name.
        type_name: String,
        /// The property name as given.
        property: String,
    },
    /// The property cannot be read, so it cannot be streamed.
    PropertyNotReadable {
        /// The emitter's type name.
        type_name: String,
        /// The property name.
        property: String,
    },
    /// The property holds another type than the one requested.
    PropertyTypeMismatch {
        /// The emitter's type name.
        type_name: String,
        /// The property name.
        property: String,
        /// The property's GType name.
        expected: String,
        /// The requested Rust type.
        requested: String,
    },
    /// The signal's handlers must return a value, so a plain stream cannot be connected.
    NeedsReturnValue {
        /// The emitter's type name.
        type_name: String,
        /// The signal name.
        signal: String,
        /// The GType name of the value the signal expects.
        return_type: String,
    },
    /// The handler returns another type than the signal expects.
    ReturnTypeMismatch {
        /// The emitter's type name.
        type_name: String,
        /// The signal name.
        signal: String,
        /// The GType name of the value the signal expects (`void` for none).
        expected: String,
        /// The Rust type the handler returns.
        requested: String,
    },
    /// The requested item type does not match the signal's parameters.
    ArgumentMismatch {
        /// The emitter's type name.
        type_name: String,
        /// The signal name.
        signal: String,
        /// The GType names of the signal's parameters.
        expected: Vec<String>,
        /// The requested Rust types.
        requested: Vec<String>,
    },
    /// A stream of several signals was asked for with no signal.
    NoSignal {
        /// The emitter's type name.
        type_name: String,
    },
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownSignal { type_name, signal } => {
                write!(f, "signal '{signal}' not found on type '{type_name}'")
            }
            Self::MalformedDetail { type_name, signal } => write!(
                f,
                "malformed signal name '{signal}' for type '{type_name}': expected 'signal' or 'signal::detail'"
            ),
            Self::DetailNotSupported { type_name, signal, detail } => write!(
                f,
                "signal '{signal}' of type '{type_name}' takes no detail, but '{detail}' was given"
            ),
            Self::UnknownProperty { type_name, property } => {
                write!(f, "property '{property}' not found on type '{type_name}'")
            }
            Self::PropertyNotReadable { type_name, property } => {
                write!(f, "property '{property}' of type '{type_name}' is not readable")
            }
            Self::PropertyTypeMismatch { type_name, property, expected, requested } => write!(
                f,
                "property '{property}' of type '{type_name}' holds {expected}; requested {requested}"
            ),
            Self::NeedsReturnValue { type_name, signal, return_type } => write!(
                f,
                "signal '{signal}' of type '{type_name}' needs a return value of type {return_type}: \
                 use connect_stream_with_return and answer the emitter from the handler"
            ),
            Self::ReturnTypeMismatch { type_name, signal, expected, requested } => write!(
                f,
                "signal '{signal}' of type '{type_name}' returns {expected}; the handler returns {requested}"
            ),
            Self::ArgumentMismatch { type_name, signal, expected, requested } => write!(
                f,
                "signal '{signal}' of '{type_name}' has parameters ({}); requested ({})",
                expected.join(", "),
                requested.join(", ")
            ),
            Self::NoSignal { type_name } => {
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
