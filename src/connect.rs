//! Connect-time work: parsing `signal::detail`, looking the signal up, checking the
//! requested item and return types against its definition, and connecting the closure.
//!
//! Everything that can go wrong goes wrong here, as a [`ConnectError`], so that the emission
//! path has nothing left to check.

use glib::{prelude::*, subclass::SignalId, Quark, RustClosure, SignalFlags, SignalHandlerId};

use crate::{
    args::{SignalArgs, SignalReturn},
    error::ConnectError,
    trampoline::SignalInfo,
};

/// A signal of a given instance, resolved and queried.
pub(crate) struct Resolved {
    id: SignalId,
    detail: Option<Quark>,
    pub(crate) info: SignalInfo,
    params: Vec<glib::Type>,
}

/// Parses `"signal"` or `"signal::detail"` and looks it up on `obj`'s type.
pub(crate) fn resolve(obj: &glib::Object, signal: &str) -> Result<Resolved, ConnectError> {
    resolve_in(obj.type_(), signal, |name| {
        Some(obj.find_property(name).is_some())
    })
}

/// Parses `"signal"` or `"signal::detail"` and looks it up on `type_`, whose class or
/// interface must be initialized (it is for a type with an instance).
///
/// `has_property` answers whether `notify::name` names a property, or `None` when it cannot
/// tell (then the detail is accepted).
pub(crate) fn resolve_in(
    type_: glib::Type,
    signal: &str,
    has_property: impl FnOnce(&str) -> Option<bool>,
) -> Result<Resolved, ConnectError> {
    let type_name = type_.name();
    let (name, detail) = match signal.split_once("::") {
        Some((name, detail)) => (name, Some(detail)),
        None => (signal, None),
    };
    let malformed = name.is_empty()
        || name.contains(':')
        || detail.is_some_and(|d| d.is_empty() || d.contains(':'));
    if malformed {
        return Err(ConnectError::MalformedDetail {
            type_name: type_name.to_owned(),
            signal: signal.to_owned(),
        });
    }
    let id = SignalId::lookup(name, type_).ok_or_else(|| ConnectError::UnknownSignal {
        type_name: type_name.to_owned(),
        signal: signal.to_owned(),
    })?;
    let query = id.query();
    let detail = match detail {
        None => None,
        Some(detail) => {
            if !query.flags().contains(SignalFlags::DETAILED) {
                return Err(ConnectError::DetailNotSupported {
                    type_name: type_name.to_owned(),
                    signal: name.to_owned(),
                    detail: detail.to_owned(),
                });
            }
            // `notify::name` with a name the type does not have would never fire: say so.
            if query.signal_name() == "notify" && has_property(detail) == Some(false) {
                return Err(ConnectError::UnknownProperty {
                    type_name: type_name.to_owned(),
                    property: detail.to_owned(),
                });
            }
            Some(Quark::from_str(detail))
        }
    };
    Ok(Resolved {
        id,
        detail,
        info: SignalInfo {
            type_name,
            signal: query.signal_name(),
            return_type: query.return_type().type_(),
        },
        params: query.param_types().iter().map(|t| t.type_()).collect(),
    })
}

impl Resolved {
    /// Checks that `A` can hold this signal's parameters.
    pub(crate) fn check_args<A: SignalArgs>(&self) -> Result<(), ConnectError> {
        let Some(requested) = A::expected_types() else {
            return Ok(());
        };
        let matches = requested.len() == self.params.len()
            && self
                .params
                .iter()
                .zip(&requested)
                .all(|(param, (want, _))| param.is_a(*want));
        if matches {
            Ok(())
        } else {
            Err(ConnectError::ArgumentMismatch {
                type_name: self.info.type_name.to_owned(),
                signal: self.info.signal.to_owned(),
                expected: self.params.iter().map(|t| t.name().to_owned()).collect(),
                requested: requested.into_iter().map(|(_, name)| name).collect(),
            })
        }
    }

    /// Refuses signals whose handlers must return a value: they need a return-value handler.
    pub(crate) fn check_no_return(&self) -> Result<(), ConnectError> {
        if self.info.return_type == glib::Type::UNIT {
            Ok(())
        } else {
            Err(ConnectError::NeedsReturnValue {
                type_name: self.info.type_name.to_owned(),
                signal: self.info.signal.to_owned(),
                return_type: self.info.return_type.name().to_owned(),
            })
        }
    }

    /// Checks that a handler returning `R` can answer this signal.
    pub(crate) fn check_return<R: SignalReturn<M>, M>(&self) -> Result<(), ConnectError> {
        let expected = self.info.return_type;
        let given = R::return_type();
        let ok = if expected == glib::Type::UNIT || given == glib::Type::UNIT {
            expected == given
        } else {
            given.is_a(expected)
        };
        if ok {
            Ok(())
        } else {
            Err(ConnectError::ReturnTypeMismatch {
                type_name: self.info.type_name.to_owned(),
                signal: self.info.signal.to_owned(),
                expected: expected.name().to_owned(),
                requested: R::type_name(),
            })
        }
    }

    /// Connects `closure` to this signal on `obj` (which the signal was resolved for).
    #[doc(alias = "g_signal_connect_closure_by_id")]
    pub(crate) fn connect(
        &self,
        obj: &glib::Object,
        after: bool,
        closure: RustClosure,
    ) -> SignalHandlerId {
        obj.connect_closure_id(self.id, self.detail, after, closure)
    }
}
