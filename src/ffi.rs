//! The crate's only `unsafe` code: a thread-checked cell for local handler state, and the
//! handle to the emitter that every stream keeps to disconnect its handler.
//!
//! Everything here is small on purpose; the rest of the crate is safe code.

use std::mem::ManuallyDrop;

use glib::{
    prelude::*,
    translate::{IntoGlib, ToGlibPtr},
    SignalHandlerId, WeakRef,
};

/// A value that may only be touched on the thread that created it.
///
/// Local streams keep their queue (`Rc`) and the user's handler (not `Send`) in the signal
/// closure, which glib requires to be `Send + Sync`. This cell makes that sound: access from
/// another thread yields `None` instead of the value, and a drop on another thread leaks it
/// (with a critical) rather than touching it.
pub(crate) struct ThreadBound<T> {
    owner: usize,
    value: ManuallyDrop<T>,
}

// SAFETY: the inner value is only ever reached through `get`, which checks that the caller is
// on the owning thread, and `Drop` only drops it on that thread; on any other thread the value
// is neither read nor dropped, so it is never shared or moved across threads in a way `T`
// would have to allow.
unsafe impl<T> Send for ThreadBound<T> {}
// SAFETY: as above: `&ThreadBound<T>` gives no access to `T` off the owning thread.
unsafe impl<T> Sync for ThreadBound<T> {}

impl<T> ThreadBound<T> {
    pub(crate) fn new(value: T) -> Self {
        Self {
            owner: glib::thread_guard::thread_id(),
            value: ManuallyDrop::new(value),
        }
    }

    /// The value, or `None` when called on another thread than the one that created it.
    #[inline]
    pub(crate) fn get(&self) -> Option<&T> {
        (glib::thread_guard::thread_id() == self.owner).then_some(&*self.value)
    }
}

impl<T> Drop for ThreadBound<T> {
    fn drop(&mut self) {
        if glib::thread_guard::thread_id() == self.owner {
            // SAFETY: we are on the owning thread, and `value` is never used again.
            unsafe { ManuallyDrop::drop(&mut self.value) }
        } else {
            glib::g_critical!(
                crate::LOG_DOMAIN,
                "a local signal stream's handler was destroyed on another thread than the one \
                 that connected it; its state is leaked and the stream will not end. \
                 Use a Send stream (`connect_stream_send`) for emitters on other threads."
            );
        }
    }
}

/// A weak reference to the emitter, usable from any thread, that knows how to disconnect one
/// handler. Streams hold this and never a strong reference.
pub(crate) struct EmitterRef(WeakRef<glib::Object>);

// SAFETY: `GWeakRef` is thread-safe (`g_weak_ref_get` and `g_weak_ref_clear` take GObject's
// weak-ref lock). The upgraded object is used only for `g_signal_handler_is_connected` and
// `g_signal_handler_disconnect`, which are thread-safe in GObject, and then released.
unsafe impl Send for EmitterRef {}
// SAFETY: see `Send`: every method takes `&self` and uses only thread-safe GObject calls.
unsafe impl Sync for EmitterRef {}

impl EmitterRef {
    pub(crate) fn new(obj: &glib::Object) -> Self {
        Self(obj.downgrade())
    }

    /// The emitter if it is still alive.
    pub(crate) fn upgrade(&self) -> Option<glib::Object> {
        self.0.upgrade()
    }

    /// Disconnects `handler` if the emitter is alive and the handler still connected (GLib
    /// disconnects every handler itself when the emitter is disposed).
    pub(crate) fn disconnect(&self, handler: SignalHandlerId) {
        if let Some(obj) = self.0.upgrade() {
            if is_connected(&obj, &handler) {
                obj.disconnect(handler);
            }
        }
    }

    /// Whether `handler` is still connected (false once the emitter is gone).
    pub(crate) fn is_connected(&self, handler: &SignalHandlerId) -> bool {
        self.0
            .upgrade()
            .is_some_and(|obj| is_connected(&obj, handler))
    }
}

#[doc(alias = "g_signal_handler_is_connected")]
fn is_connected(obj: &glib::Object, handler: &SignalHandlerId) -> bool {
    // SAFETY: `obj` is a valid, strongly held instance; `as_raw` only reads the id.
    unsafe {
        gobject_sys::g_signal_handler_is_connected(obj.to_glib_none().0, handler.as_raw()) != 0
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
