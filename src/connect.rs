//! Connect-time work: parsing `signal::detail`, looking the signal up, checking the
//! requested item and return types against its definition, and connecting the closure.
//!
//! Everything that can go wrong goes wrong here, as a [`ConnectError`], so that the emission
//! path has nothing left to check.

use std::{cell::RefCell, rc::Rc};

use glib::{prelude::*, subclass::SignalId, Quark, SignalFlags, SignalHandlerId};

use crate::{
    args::{SignalArgs, SignalReturn},
    error::{ConnectError, ConnectErrorKind},
    raw::is_instantiatable,
    trampoline::SignalInfo,
};

/// A signal of a given instance, resolved and queried; cheap to clone (see [`CACHE`]).
#[derive(Clone)]
pub(crate) struct Resolved(Rc<ResolvedSignal>);

pub(crate) struct ResolvedSignal {
    id: SignalId,
    detail: Option<Quark>,
    pub(crate) info: SignalInfo,
    params: Vec<glib::Type>,
}

impl std::ops::Deref for Resolved {
    type Target = ResolvedSignal;
    fn deref(&self) -> &ResolvedSignal {
        &self.0
    }
}

/// How many signals each thread remembers.
const CACHE_SIZE: usize = 16;

/// The signals resolved lately on this thread, by instance type and `signal` string.
///
/// Connecting the same signal of the same type again (a stream per row of a list, a stream
/// per request) then skips the name lookup, the query and the detail checks: a type's
/// signals, and properties for `notify::name`, are fixed once its class is initialized, which
/// it is for an existing instance. Only successes are remembered.
#[derive(Default)]
struct Cache {
    entries: Vec<(glib::Type, Box<str>, Resolved)>,
    next: usize,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// Whether GLib accepts `name` as a signal or property name (`g_signal_is_valid_name`,
/// `g_param_spec_is_valid_name`): an ASCII letter, then ASCII letters, digits, `-` or `_`.
///
/// Checked before any lookup: GLib warns about an invalid name instead of just failing.
pub(crate) fn is_valid_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Parses `"signal"` or `"signal::detail"` and looks it up on `obj`'s type.
pub(crate) fn resolve(obj: &glib::Object, signal: &str) -> Result<Resolved, ConnectError> {
    let type_ = obj.type_();
    let cached = CACHE.try_with(|cache| {
        let cache = cache.try_borrow().ok()?;
        cache
            .entries
            .iter()
            .find(|(t, s, _)| *t == type_ && **s == *signal)
            .map(|(_, _, resolved)| resolved.clone())
    });
    if let Ok(Some(resolved)) = cached {
        return Ok(resolved);
    }
    let resolved = resolve_in(type_, signal, |name| Some(obj.find_property(name)))?;
    let _ = CACHE.try_with(|cache| {
        if let Ok(mut cache) = cache.try_borrow_mut() {
            let entry = (type_, Box::from(signal), resolved.clone());
            if cache.entries.len() < CACHE_SIZE {
                cache.entries.push(entry);
            } else {
                let i = cache.next;
                cache.entries[i] = entry;
                cache.next = (i + 1) % CACHE_SIZE;
            }
        }
    });
    Ok(resolved)
}

/// Parses `"signal"` or `"signal::detail"` and looks it up on `type_`, whose class or
/// interface must be initialized (it is for a type with an instance).
///
/// `find_property` looks up the property that `notify::name` names (`Some(None)`: there is
/// none), or answers `None` when it cannot tell (then the detail is accepted as given).
pub(crate) fn resolve_in(
    type_: glib::Type,
    signal: &str,
    find_property: impl FnOnce(&str) -> Option<Option<glib::ParamSpec>>,
) -> Result<Resolved, ConnectError> {
    let type_name = type_.name();
    // A byte search: `str::split_once("::")` builds a substring searcher on every connect.
    let parsed = match signal.bytes().position(|b| b == b':') {
        Some(i) if signal.as_bytes().get(i + 1) == Some(&b':') => {
            Some((&signal[..i], Some(&signal[i + 2..])))
        }
        Some(_) => None,
        None => Some((signal, None)),
    };
    // GLib reads names as C strings: "tick\0x" would silently mean "tick".
    let well_formed = |(name, detail): &(&str, Option<&str>)| {
        !signal.contains('\0')
            && !name.is_empty()
            && !name.contains(':')
            && !detail.is_some_and(|d| d.is_empty() || d.contains(':'))
    };
    let Some((name, detail)) = parsed.filter(well_formed) else {
        return Err(ConnectError::new(
            type_name.to_owned(),
            ConnectErrorKind::MalformedDetail {
                signal: signal.to_owned(),
            },
        ));
    };
    let unknown = || {
        ConnectError::new(
            type_name.to_owned(),
            ConnectErrorKind::UnknownSignal {
                signal: signal.to_owned(),
            },
        )
    };
    // `g_signal_lookup` logs a critical for a type that can have no signals (`gchararray`,
    // `GVariant`), where a refusal is all that is called for.
    let can_have_signals = type_.is_a(glib::Type::INTERFACE) || is_instantiatable(type_);
    if !is_valid_name(name) || !can_have_signals {
        return Err(unknown());
    }
    let id = SignalId::lookup(name, type_).ok_or_else(unknown)?;
    let query = id.query();
    let detail = match detail {
        None => None,
        Some(detail) => {
            if !query.flags().contains(SignalFlags::DETAILED) {
                return Err(ConnectError::new(
                    type_name.to_owned(),
                    ConnectErrorKind::DetailNotSupported {
                        signal: name.to_owned(),
                        detail: detail.to_owned(),
                    },
                ));
            }
            if query.signal_name() == "notify" {
                // `notify::name` with a name the type does not have would never fire: say so.
                let found = if is_valid_name(detail) {
                    find_property(detail)
                } else {
                    Some(None)
                };
                match found {
                    Some(None) => {
                        return Err(ConnectError::new(
                            type_name.to_owned(),
                            ConnectErrorKind::UnknownProperty {
                                property: detail.to_owned(),
                            },
                        ))
                    }
                    // GObject notifies with the canonical name (`max-level`), while lookups
                    // also accept `max_level`: connect with the canonical one, or it would
                    // never fire.
                    Some(Some(pspec)) => Some(Quark::from_str(pspec.name())),
                    None => Some(Quark::from_str(detail)),
                }
            } else {
                Some(Quark::from_str(detail))
            }
        }
    };
    Ok(Resolved(Rc::new(ResolvedSignal {
        id,
        detail,
        info: SignalInfo {
            type_name,
            signal: query.signal_name(),
            return_type: query.return_type().type_(),
        },
        params: query.param_types().iter().map(|t| t.type_()).collect(),
    })))
}

impl Resolved {
    /// Checks that `A` can hold this signal's parameters.
    pub(crate) fn check_args<A: SignalArgs>(&self) -> Result<(), ConnectError> {
        let params = &self.params[..];
        let accepted = A::accepts_types(params);
        if accepted {
            return Ok(());
        }
        Err(ConnectError::new(
            self.info.type_name.to_owned(),
            ConnectErrorKind::ArgumentMismatch {
                signal: self.info.signal.to_owned(),
                expected: params.iter().map(|t| t.name().to_owned()).collect(),
                requested: A::expected_types()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, name)| name)
                    .collect(),
            },
        ))
    }

    /// Refuses signals whose handlers must return a value: they need a return-value handler.
    pub(crate) fn check_no_return(&self) -> Result<(), ConnectError> {
        if self.info.return_type == glib::Type::UNIT {
            Ok(())
        } else {
            Err(ConnectError::new(
                self.info.type_name.to_owned(),
                ConnectErrorKind::NeedsReturnValue {
                    signal: self.info.signal.to_owned(),
                    return_type: self.info.return_type.name().to_owned(),
                },
            ))
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
            Err(ConnectError::new(
                self.info.type_name.to_owned(),
                ConnectErrorKind::ReturnTypeMismatch {
                    signal: self.info.signal.to_owned(),
                    expected: expected.name().to_owned(),
                    requested: R::type_name(),
                },
            ))
        }
    }

    /// The signal and the detail it was resolved with.
    pub(crate) fn signal(&self) -> (SignalId, Option<Quark>) {
        (self.id, self.detail)
    }

    /// Connects `closure` to this signal on `obj` (which the signal was resolved for).
    #[doc(alias = "g_signal_connect_closure_by_id")]
    pub(crate) fn connect(
        &self,
        obj: &glib::Object,
        after: bool,
        closure: glib::Closure,
    ) -> SignalHandlerId {
        crate::raw::connect_closure(obj, self.id, self.detail, after, &closure)
    }
}
