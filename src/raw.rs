//! Raw GObject calls the bindings do not offer in the form needed: connect by signal id,
//! handler checks by raw id, interface initialization and interface property lookup without
//! an instance, reading a property through its `GParamSpec`, copying plain-data `GValue`s, and
//! re-arming a GLib source (`g_source_set_ready_time`, for the timed operators).
#![allow(unsafe_code)]

use glib::{
    subclass::SignalId,
    translate::{from_glib, IntoGlib, ToGlibPtr, ToGlibPtrMut},
    Quark, SignalHandlerId,
};

/// `obj` as a `glib::Object`, without the runtime type check of `dynamic_cast_ref` (which
/// costs a `g_type_is_a` per call on the connect path).
#[inline]
pub(crate) fn as_object<O: glib::prelude::ObjectType>(obj: &O) -> &glib::Object {
    // SAFETY: every `ObjectType` is a `GObject` instance, which is what `glib::Object` wraps.
    unsafe { glib::prelude::Cast::unsafe_cast_ref(obj) }
}

/// The raw id of `handler`.
pub(crate) fn handler_id(handler: &SignalHandlerId) -> std::ffi::c_ulong {
    // SAFETY: reading the id has no precondition; the caller only passes it back to GLib for
    // the emitter it was connected to.
    unsafe { handler.as_raw() }
}

/// Whether the handler of raw id `handler` is connected to `obj`.
#[doc(alias = "g_signal_handler_is_connected")]
pub(crate) fn is_connected(obj: &glib::Object, handler: std::ffi::c_ulong) -> bool {
    // SAFETY: `obj` is a valid, strongly held instance; any id may be asked about.
    unsafe { gobject_sys::g_signal_handler_is_connected(obj.to_glib_none().0, handler) != 0 }
}

/// Disconnects the handler of raw id `handler` from `obj` if it is still connected.
#[doc(alias = "g_signal_handler_disconnect")]
pub(crate) fn disconnect(obj: &glib::Object, handler: std::ffi::c_ulong) {
    if handler != 0 && is_connected(obj, handler) {
        // SAFETY: `obj` is a valid instance and `handler` one of its connected handlers
        // (checked just above, on this thread; only this crate disconnects it).
        unsafe { gobject_sys::g_signal_handler_disconnect(obj.to_glib_none().0, handler) }
    }
}

/// Reads property `pspec` of `obj`, where `pspec` was found on `obj`'s class. GLib looks it
/// up again by its (static) name; a failure is a GLib warning and an unset value, never a
/// panic.
#[doc(alias = "g_object_get_property")]
pub(crate) fn property_value(obj: &glib::Object, pspec: &glib::ParamSpec) -> glib::Value {
    let mut value = glib::Value::from_type(pspec.value_type());
    let raw: *mut gobject_sys::GParamSpec = pspec.to_glib_none().0;
    // SAFETY: `obj` is a valid instance, `raw` a valid `GParamSpec` (held by `pspec`) whose
    // `name` is a NUL-terminated string it owns, and `value` an initialized `GValue` of the
    // property's type, as GLib requires.
    unsafe {
        gobject_sys::g_object_get_property(
            obj.to_glib_none().0,
            (*raw).name,
            value.to_glib_none_mut().0,
        )
    };
    value
}

/// Whether instances of `type_` can exist (`G_TYPE_IS_INSTANTIATABLE`): the types GLib's
/// signal lookup accepts, besides interfaces. It logs a critical for any other.
#[doc(alias = "G_TYPE_IS_INSTANTIATABLE")]
pub(crate) fn is_instantiatable(type_: glib::Type) -> bool {
    // SAFETY: `g_type_test_flags` accepts any type id, registered or not (it answers false
    // for an unknown one), and only reads the type's flags.
    unsafe {
        gobject_sys::g_type_test_flags(type_.into_glib(), gobject_sys::G_TYPE_FLAG_INSTANTIATABLE)
            != 0
    }
}

/// Initializes interface `type_`'s default vtable, where its signals and properties are
/// installed, so that they can be looked up without an instance. A no-op for other types.
///
/// Static types are never unloaded, so the reference is dropped at once.
#[doc(alias = "g_type_default_interface_ref")]
pub(crate) fn init_interface(type_: glib::Type) {
    if !type_.is_a(glib::Type::INTERFACE) {
        return;
    }
    // SAFETY: `type_` is a registered interface type (checked above), which is what both
    // calls require; the vtable pointer is only handed back to GLib.
    unsafe {
        let vtable = gobject_sys::g_type_default_interface_ref(type_.into_glib());
        gobject_sys::g_type_default_interface_unref(vtable);
    }
}

/// Connects `closure` to signal `id` (with `detail`) of `obj`.
///
/// `ObjectExt::connect_closure_id` would query the signal again and check the instance type on
/// every connect; `resolve` has already looked the signal up on `obj`'s own type.
#[doc(alias = "g_signal_connect_closure_by_id")]
pub(crate) fn connect_closure(
    obj: &glib::Object,
    id: SignalId,
    detail: Option<Quark>,
    after: bool,
    closure: &glib::Closure,
) -> SignalHandlerId {
    // SAFETY: `obj` is a valid instance and `id` a signal looked up on its type (so the instance
    // type check of `g_signal_connect_closure_by_id` holds); `closure` is a valid closure that
    // GLib references (and sinks) for the handler's lifetime.
    let handler = unsafe {
        gobject_sys::g_signal_connect_closure_by_id(
            obj.to_glib_none().0,
            id.into_glib(),
            detail.map_or(0, |q| q.into_glib()),
            closure.to_glib_none().0,
            after.into_glib(),
        )
    };
    // GLib returns 0 only for a signal or detail the instance does not have, which `resolve`
    // rules out: this is a connect-time check, never reached on an emission.
    assert_ne!(handler, 0, "GLib refused to connect the signal handler");
    // SAFETY: a non-zero handler id of `obj`.
    unsafe { from_glib(handler) }
}

/// Clones one emission's parameter values (for `Vec<glib::Value>` items).
///
/// `Value::clone` runs `g_value_init` and `g_value_copy`, each looking up the type's value
/// table. For GLib's fundamental plain-data types that is a copy of the `GValue`'s bytes, done
/// here directly; every other type goes through `Value::clone`.
#[inline]
pub(crate) fn clone_values(values: &[glib::Value]) -> Vec<glib::Value> {
    values
        .iter()
        .map(|value| {
            if is_plain_data(value.type_()) {
                // SAFETY: a `glib::Value` is a `GValue` held inline. For these fundamental types
                // the `GValue` owns nothing (`g_value_copy` copies `data[0]` by value and
                // `g_value_unset` frees nothing), so a bitwise copy is an independent,
                // initialized `GValue` of the same type, and both copies may be dropped.
                unsafe { std::ptr::read(value) }
            } else {
                value.clone()
            }
        })
        .collect()
}

/// The fundamental types whose `GValue` is plain data: numbers, `gboolean`, `gchar`.
#[inline]
fn is_plain_data(type_: glib::Type) -> bool {
    use glib::Type;
    matches!(
        type_,
        Type::I8
            | Type::U8
            | Type::BOOL
            | Type::I32
            | Type::U32
            | Type::I_LONG
            | Type::U_LONG
            | Type::I64
            | Type::U64
            | Type::F32
            | Type::F64
    )
}

/// `type_`'s property `name`, if `type_` is an interface that installs it, looked up without an
/// instance (glib's `Interface::<T>::from_type` needs the interface's Rust type;
/// [`check_property`](crate::check_property) has only its GType).
#[doc(alias = "g_object_interface_find_property")]
pub(crate) fn find_interface_property(type_: glib::Type, name: &str) -> Option<glib::ParamSpec> {
    use glib::prelude::*;
    // GLib reads the name as a C string: "count\0x" would silently mean "count".
    if !type_.is_a(glib::Type::INTERFACE) || name.contains('\0') {
        return None;
    }
    // Interfaces install their properties into a pool that `GObject`'s class initialization
    // creates: before it, the lookup and the interface's own initialization fail.
    let _object_class = glib::object::Class::<glib::Object>::from_type(glib::Object::static_type());
    // SAFETY: `type_` is a registered interface type (checked above), which is what
    // `g_type_default_interface_ref` requires; the returned vtable stays referenced (and valid)
    // until the unref, after the lookup, which takes a NUL-terminated name that outlives the
    // call. The found `GParamSpec` is referenced by `from_glib_none` before the unref.
    unsafe {
        let vtable = gobject_sys::g_type_default_interface_ref(type_.into_glib());
        let pspec = gobject_sys::g_object_interface_find_property(vtable, name.to_glib_none().0);
        let pspec: Option<glib::ParamSpec> = glib::translate::from_glib_none(pspec);
        gobject_sys::g_type_default_interface_unref(vtable);
        pspec
    }
}

/// Makes `source` dispatch once the monotonic clock reaches `ready_time` (µs, as
/// [`glib::monotonic_time`]); `-1` means never, `0` at once. Wakes its main context if needed.
/// glib 0.22 does not wrap it.
#[doc(alias = "g_source_set_ready_time")]
pub(crate) fn set_ready_time(source: &glib::Source, ready_time: i64) {
    // SAFETY: `source` is a live GSource (the wrapper holds a reference for the whole call),
    // and g_source_set_ready_time accepts any source, attached or destroyed, from any thread.
    unsafe { glib::ffi::g_source_set_ready_time(source.to_glib_none().0, ready_time) }
}

#[cfg(test)]
mod tests {
    use glib::prelude::*;

    #[test]
    fn clone_values_copies_plain_data_and_clones_the_rest() {
        let obj = glib::Object::new::<glib::Object>();
        let values = [
            7u64.to_value(),
            (-3i32).to_value(),
            true.to_value(),
            2.5f64.to_value(),
            "text".to_value(),
            obj.to_value(),
            None::<glib::Object>.to_value(),
        ];
        let copies = super::clone_values(&values);
        drop(values); // the copies own their data
        assert_eq!(copies[0].get::<u64>(), Ok(7));
        assert_eq!(copies[1].get::<i32>(), Ok(-3));
        assert_eq!(copies[2].get::<bool>(), Ok(true));
        assert_eq!(copies[3].get::<f64>(), Ok(2.5));
        assert_eq!(copies[4].get::<String>().as_deref(), Ok("text"));
        assert_eq!(copies[5].get::<glib::Object>().as_ref(), Ok(&obj));
        assert_eq!(copies[6].get::<Option<glib::Object>>(), Ok(None));
        assert_eq!(obj.ref_count(), 2); // `obj` and the copy
        drop(copies);
        assert_eq!(obj.ref_count(), 1);
    }
}
