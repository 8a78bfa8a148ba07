//! The crate's only `unsafe` code: a thread-checked cell for local handler state, the handle
//! to the emitter that every stream keeps to disconnect its handler (one weak reference
//! shared per emitter), connecting a closure by signal id, and copying plain-data `GValue`s.
//!
//! Everything here is small on purpose; the rest of the crate is safe code.

use std::{
    mem::ManuallyDrop,
    sync::{Arc, OnceLock},
};

use glib::{
    prelude::*,
    subclass::SignalId,
    translate::{from_glib, IntoGlib, ToGlibPtr},
    Quark, RustClosure, SignalHandlerId, WeakRef,
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
///
/// All the streams (and futures) of one emitter share one `GWeakRef`, kept in the emitter's
/// qdata: a `GWeakRef` per stream would take GObject's global weak-ref lock twice per stream,
/// and `g_weak_ref_clear` walks the emitter's list of weak locations, so dropping `k` streams
/// of one emitter in any but LIFO order would cost O(k²).
pub(crate) struct EmitterRef(Arc<SharedWeakRef>);

/// The emitter's `GWeakRef`, shared between threads.
struct SharedWeakRef(WeakRef<glib::Object>);

// SAFETY: `GWeakRef` is thread-safe (`g_weak_ref_get` and `g_weak_ref_clear` take GObject's
// weak-ref lock). The upgraded object is used only for `g_signal_handler_is_connected` and
// `g_signal_handler_disconnect`, which are thread-safe in GObject, and then released.
unsafe impl Send for SharedWeakRef {}
// SAFETY: see `Send`: it is only upgraded through `&self`, which `GWeakRef` allows from any
// thread.
unsafe impl Sync for SharedWeakRef {}

/// The qdata key under which an emitter keeps its shared weak reference.
fn shared_weak_ref_quark() -> Quark {
    static QUARK: OnceLock<Quark> = OnceLock::new();
    *QUARK.get_or_init(|| Quark::from_str("glib-signal-stream-emitter-ref"))
}

/// `GDuplicateFunc` for the qdata: one more strong count of the shared `Arc`, under the
/// qdata lock (so a concurrent replacement cannot free it in between).
unsafe extern "C" fn dup_shared_ref(
    data: glib::ffi::gpointer,
    _user_data: glib::ffi::gpointer,
) -> glib::ffi::gpointer {
    if !data.is_null() {
        // SAFETY: non-null data under this quark is only ever an `Arc::into_raw` of a
        // `SharedWeakRef` (see `EmitterRef::new`), still owned by the qdata.
        unsafe { Arc::increment_strong_count(data as *const SharedWeakRef) };
    }
    data
}

/// `GDestroyNotify` for the qdata: releases the emitter's own strong count.
unsafe extern "C" fn drop_shared_ref(data: glib::ffi::gpointer) {
    // SAFETY: `data` is the `Arc::into_raw` that `EmitterRef::new` stored, released once here.
    drop(unsafe { Arc::from_raw(data as *const SharedWeakRef) });
}

/// `GWeakNotify`, run when the emitter is disposed. Disposal empties every `GWeakRef` to the
/// emitter, the shared one too; an emitter disposed while still referenced
/// (`g_object_run_dispose`, a destroyed widget) can get new streams, which must not reuse the
/// empty one (they could never disconnect). Removing it from the qdata releases the qdata's
/// count with `drop_shared_ref`; streams that still hold it keep an empty weak reference,
/// which is what they need (their handlers were destroyed with the disposal).
unsafe extern "C" fn forget_shared_ref(
    _data: glib::ffi::gpointer,
    instance: *mut gobject_sys::GObject,
) {
    // SAFETY: GLib passes the instance being disposed; setting the quark to NULL calls the
    // stored destroy notify (`drop_shared_ref`) for the `Arc` this quark holds, if any.
    unsafe {
        gobject_sys::g_object_set_qdata(
            instance,
            shared_weak_ref_quark().into_glib(),
            std::ptr::null_mut(),
        )
    };
}

impl EmitterRef {
    pub(crate) fn new(obj: &glib::Object) -> Self {
        let quark = shared_weak_ref_quark().into_glib();
        let instance: *mut gobject_sys::GObject = obj.to_glib_none().0;
        // SAFETY: `instance` is valid; `dup_shared_ref` matches what this quark holds.
        let existing = unsafe {
            gobject_sys::g_object_dup_qdata(
                instance,
                quark,
                Some(dup_shared_ref),
                std::ptr::null_mut(),
            )
        };
        if !existing.is_null() {
            // SAFETY: `dup_shared_ref` gave us a strong count of this `Arc`.
            return Self(unsafe { Arc::from_raw(existing as *const SharedWeakRef) });
        }
        let shared = Arc::new(SharedWeakRef(obj.downgrade()));
        let stored = Arc::into_raw(shared.clone()) as glib::ffi::gpointer;
        // SAFETY: `instance` is valid; the qdata takes `stored`'s strong count and releases
        // it with `drop_shared_ref` when the emitter is finalized. Only an empty slot is
        // filled, so no other stream's `Arc` is released here.
        let stored_it = unsafe {
            gobject_sys::g_object_replace_qdata(
                instance,
                quark,
                std::ptr::null_mut(),
                stored,
                Some(drop_shared_ref),
                std::ptr::null_mut(),
            )
        } != 0;
        if stored_it {
            // SAFETY: `instance` is valid; `forget_shared_ref` only touches this quark.
            unsafe {
                gobject_sys::g_object_weak_ref(
                    instance,
                    Some(forget_shared_ref),
                    std::ptr::null_mut(),
                )
            };
        } else {
            // Another thread stored one first: keep ours unshared.
            // SAFETY: `stored` was not taken by the qdata.
            drop(unsafe { Arc::from_raw(stored as *const SharedWeakRef) });
        }
        Self(shared)
    }

    /// The emitter if it is still alive.
    pub(crate) fn upgrade(&self) -> Option<glib::Object> {
        self.0 .0.upgrade()
    }

    /// Disconnects `handler` if the emitter is alive and the handler still connected (GLib
    /// disconnects every handler itself when the emitter is disposed).
    pub(crate) fn disconnect(&self, handler: SignalHandlerId) {
        if let Some(obj) = self.upgrade() {
            if is_connected(&obj, &handler) {
                obj.disconnect(handler);
            }
        }
    }

    /// Whether `handler` is still connected (false once the emitter is gone).
    pub(crate) fn is_connected(&self, handler: &SignalHandlerId) -> bool {
        self.upgrade()
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
    closure: &RustClosure,
) -> SignalHandlerId {
    let closure: &glib::Closure = closure.as_ref();
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
