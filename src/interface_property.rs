//! The property an interface installs, looked up without an instance (glib's
//! `Interface::<T>::from_type` needs the interface's Rust type; [`check_property`] has only
//! its GType).
//!
//! [`check_property`]: crate::check_property

use glib::{
    prelude::*,
    translate::{from_glib_none, IntoGlib, ToGlibPtr},
};

/// `type_`'s property `name`, if `type_` is an interface that installs it.
pub(crate) fn find_interface_property(type_: glib::Type, name: &str) -> Option<glib::ParamSpec> {
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
        let pspec: Option<glib::ParamSpec> = from_glib_none(pspec);
        gobject_sys::g_type_default_interface_unref(vtable);
        pspec
    }
}
