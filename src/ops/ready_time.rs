//! Re-arming a GLib source: `g_source_set_ready_time`, which glib 0.22 does not wrap.

#![allow(unsafe_code)]

use glib::translate::ToGlibPtr;

/// Makes `source` dispatch once the monotonic clock reaches `ready_time` (µs, as
/// [`glib::monotonic_time`]); `-1` means never, `0` at once. Wakes its main context if needed.
#[doc(alias = "g_source_set_ready_time")]
pub(crate) fn set_ready_time(source: &glib::Source, ready_time: i64) {
    // SAFETY: `source` is a live GSource (the wrapper holds a reference for the whole call),
    // and g_source_set_ready_time accepts any source, attached or destroyed, from any thread.
    unsafe { glib::ffi::g_source_set_ready_time(source.to_glib_none().0, ready_time) }
}
