//! Which generated streams accept emissions from any thread: the one list and the one rule
//! that decide it, for signal streams and property streams alike.
//!
//! The rule: a stream is `Send` (a `SendSignalStream` or a `SendPropertyStream`, holding the
//! emitter as `Self: Send + Sync`) when its type's Rust binding is `Send + Sync` ([`SEND_SYNC`])
//! and every value its items carry can be sent to another thread ([`is_send`]). Every other
//! stream is local. A local stream of a `Send + Sync` type is documented as such: it yields
//! only the emissions made on the thread that connected it.

use crate::{
    gir::Class,
    rust::{Pass, RustType},
    write::Method,
};

/// The types whose Rust binding is `Send + Sync` (gio declares `unsafe impl Send` and `Sync`
/// for them), by C type name and Rust path: the ones the threads issue names.
pub const SEND_SYNC: [(&str, &str); 4] = [
    ("GCancellable", "gio::Cancellable"),
    ("GDBusConnection", "gio::DBusConnection"),
    ("GDBusObjectManagerClient", "gio::DBusObjectManagerClient"),
    ("GDBusProxy", "gio::DBusProxy"),
];

/// Whether `class`'s Rust binding is `Send + Sync` (see [`SEND_SYNC`]).
pub fn is_send_sync(class: &Class) -> bool {
    SEND_SYNC.iter().any(|(c_type, _)| *c_type == class.c_type)
}

/// Whether a value of `ty` can be sent to another thread: numbers, enums and flags, strings,
/// string arrays, `glib::Variant`, `glib::Error`, and the objects of [`SEND_SYNC`]. Objects
/// and boxed types otherwise are not `Send` in the bindings, nor is a `GValue`.
///
/// A parameter that is not `Send` cannot be widened to a supertype that is: `glib::Object` is
/// not `Send + Sync` in glib 0.22 (its wrapper holds a raw pointer and declares neither; only
/// subclasses whose bindings say so are), and neither are `GDBusObjectProxy`'s interfaces
/// (`GDBusObject`). `GDBusObjectManagerClient`'s signals therefore stay local.
pub fn is_send(ty: &RustType) -> bool {
    match ty.pass {
        Pass::Copy | Pass::Str | Pass::StrV => true,
        Pass::Value => false,
        Pass::Ref => {
            ["glib::Variant", "glib::Error"].contains(&ty.path.as_str())
                || SEND_SYNC.iter().any(|(_, path)| *path == ty.path)
        }
    }
}

/// Whether `m`, a signal stream of `class`, is `Send`.
pub fn signal_is_send(class: &Class, m: &Method) -> bool {
    is_send_sync(class) && m.params.iter().all(|(_, ty)| is_send(ty))
}

/// Whether the stream of `class`'s property of type `ty` is `Send`.
pub fn property_is_send(class: &Class, ty: &RustType) -> bool {
    is_send_sync(class) && is_send(ty)
}

/// Why a stream of a `Send + Sync` type is local, for its documentation; `None` for a `Send`
/// stream or a type that is not `Send + Sync`.
pub fn local_reason(class: &Class, types: &[&RustType]) -> Option<String> {
    if !is_send_sync(class) {
        return None;
    }
    let not_send: Vec<_> = types
        .iter()
        .filter(|ty| !is_send(ty))
        .map(|ty| format!("`{}`", ty.path))
        .collect();
    (!not_send.is_empty()).then(|| {
        format!(
            "///\n/// Local although the type is `Send + Sync`: its items carry {}, whose binding\n\
             /// is not `Send`. It yields only the emissions made on the thread that connected it.\n",
            not_send.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(path: &str, pass: Pass) -> RustType {
        RustType {
            path: path.to_owned(),
            pass,
            nullable: false,
            gates: Default::default(),
        }
    }

    #[test]
    fn values_and_send_sync_objects_can_be_sent() {
        assert!(is_send(&ty("bool", Pass::Copy)));
        assert!(is_send(&ty("String", Pass::Str)));
        assert!(is_send(&ty("glib::Variant", Pass::Ref)));
        assert!(is_send(&ty("gio::DBusProxy", Pass::Ref)));
    }

    #[test]
    fn other_objects_and_values_cannot() {
        assert!(!is_send(&ty("gio::DBusObjectProxy", Pass::Ref)));
        assert!(!is_send(&ty("glib::Object", Pass::Ref)));
        assert!(!is_send(&ty("glib::BoxedValue", Pass::Value)));
    }
}
