//! [`EmitterRef`]: the weak reference through which a stream reaches its emitter, one
//! `GWeakRef` shared per emitter in the emitter's qdata, with the emitter's disposal record
//! (whether it was disposed, and the tasks to wake when it is).
#![allow(unsafe_code)]

use std::{
    marker::PhantomData,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex, OnceLock, PoisonError,
    },
    task::{Context, Waker},
};

use glib::{
    prelude::*,
    translate::{IntoGlib, ToGlibPtr},
    Quark, SignalHandlerId, WeakRef,
};

/// A weak reference to an emitter of Rust type `O`, that knows how to disconnect one
/// handler. Streams hold this and never a strong reference.
///
/// It is `Send` and `Sync` exactly when `O` is: upgrading it, which may make the calling
/// thread release the last reference to the emitter, only happens on threads where an `O` may
/// be used.
///
/// All the streams (and futures) of one emitter share one `GWeakRef`, kept in the emitter's
/// qdata: a `GWeakRef` per stream would take GObject's global weak-ref lock twice per stream,
/// and `g_weak_ref_clear` walks the emitter's list of weak locations, so dropping `k` streams
/// of one emitter in any but LIFO order would cost O(k²).
pub(crate) struct EmitterRef<O> {
    shared: Arc<SharedWeakRef>,
    emitter: PhantomData<O>,
}

/// The emitter's `GWeakRef` and disposal record, as kept in its qdata.
struct SharedWeakRef {
    weak: WeakRef<glib::Object>,
    disposal: Disposal,
}

/// Whether the object was disposed, and the tasks waiting for that: set by the one
/// weak-reference notify the object's record registers (`forget_shared_ref`), which is never
/// unregistered. A watcher leaves by clearing its slot, without asking GLib: unregistering a
/// weak-reference notify races with a disposal on another thread (GLib takes the notifies
/// out of the object before it runs them, so the unregistration finds nothing and the
/// notify's data is freed twice).
#[derive(Default)]
struct Disposal {
    disposed: AtomicBool,
    watchers: Mutex<Watchers>,
}

/// The wakers of the tasks watching for disposal, by slot; freed slots are reused.
#[derive(Default)]
struct Watchers {
    slots: Vec<Option<Waker>>,
    free: Vec<usize>,
}

impl Disposal {
    fn watchers(&self) -> std::sync::MutexGuard<'_, Watchers> {
        // No user code runs and nothing is dropped under this lock: never poisoned.
        self.watchers.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs in the object's dispose: marks it disposed and wakes every watcher.
    fn notify(&self) {
        self.disposed.store(true, Ordering::Release);
        let wakers: Vec<Waker> = {
            let mut watchers = self.watchers();
            watchers.slots.iter_mut().filter_map(Option::take).collect()
        };
        // Woken (and dropped) outside the lock: a waker may run any code.
        wakers.into_iter().for_each(Waker::wake);
    }
}

// SAFETY: the qdata may release its `Arc` on any thread (the emitter is finalized on any
// thread), and `EmitterRef::new` may be called on any thread where the emitter is used, so
// the `Arc<SharedWeakRef>` must be `Send + Sync`. Clearing or reading a `GWeakRef` is
// thread-safe (GObject's weak-ref lock). The one thing that is not, upgrading and then
// releasing the emitter, only happens through an `EmitterRef<O>`, which is `Send`/`Sync` only
// when the emitter's type `O` is (its `PhantomData<O>`), so it happens only on threads where
// `O` may be released.
unsafe impl Send for SharedWeakRef {}
// SAFETY: see `Send`.
unsafe impl Sync for SharedWeakRef {}

/// A static whose address tells this copy of the crate from any other in the process.
static QUARK_OWNER: u8 = 0;

/// The qdata key under which an emitter keeps its shared weak reference: private to this copy
/// of the crate (its version and the address of one of its statics), so that two copies in
/// one process never take each other's `Arc` for their own.
fn shared_weak_ref_quark() -> Quark {
    static QUARK: OnceLock<Quark> = OnceLock::new();
    *QUARK.get_or_init(|| {
        Quark::from_str(format!(
            "glib-signal-stream-{}-emitter-ref-{:p}",
            env!("CARGO_PKG_VERSION"),
            &QUARK_OWNER
        ))
    })
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

/// `GWeakNotify`, run when the emitter is disposed: marks the record disposed, waking its
/// watchers, and removes it from the qdata. Disposal empties every `GWeakRef` to the emitter,
/// the shared one too; an emitter disposed while still referenced (`g_object_run_dispose`, a
/// destroyed widget) can get new streams, which must not reuse the empty one (they could
/// never disconnect). Streams that still hold it keep an empty weak reference, which is what
/// they need (their handlers were destroyed with the disposal).
unsafe extern "C" fn forget_shared_ref(
    _data: glib::ffi::gpointer,
    instance: *mut gobject_sys::GObject,
) {
    // SAFETY: GLib passes the instance being disposed. Stealing the quark hands over the
    // qdata's strong count of the `Arc` stored under it (`EmitterRef::new`), if any, without
    // running its destroy notify.
    let stored =
        unsafe { gobject_sys::g_object_steal_qdata(instance, shared_weak_ref_quark().into_glib()) };
    if !stored.is_null() {
        // SAFETY: non-null data under this quark is an `Arc::into_raw` of a `SharedWeakRef`,
        // whose count the steal handed to us.
        let shared = unsafe { Arc::from_raw(stored as *const SharedWeakRef) };
        shared.disposal.notify();
    }
}

fn shared_weak_ref(obj: &glib::Object) -> Arc<SharedWeakRef> {
    let quark = shared_weak_ref_quark().into_glib();
    let instance: *mut gobject_sys::GObject = obj.to_glib_none().0;
    // SAFETY: `instance` is valid; `dup_shared_ref` matches what this quark holds.
    let existing = unsafe {
        gobject_sys::g_object_dup_qdata(instance, quark, Some(dup_shared_ref), std::ptr::null_mut())
    };
    if !existing.is_null() {
        // SAFETY: `dup_shared_ref` gave us a strong count of this `Arc`.
        return unsafe { Arc::from_raw(existing as *const SharedWeakRef) };
    }
    let shared = Arc::new(SharedWeakRef {
        weak: obj.downgrade(),
        disposal: Disposal::default(),
    });
    let stored = Arc::into_raw(shared.clone()) as glib::ffi::gpointer;
    // SAFETY: `instance` is valid; the qdata takes `stored`'s strong count and releases it
    // with `drop_shared_ref` when the emitter is finalized. Only an empty slot is filled, so
    // no other stream's `Arc` is released here.
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
            gobject_sys::g_object_weak_ref(instance, Some(forget_shared_ref), std::ptr::null_mut())
        };
    } else {
        // Another thread stored one first: keep ours unshared.
        // SAFETY: `stored` was not taken by the qdata.
        drop(unsafe { Arc::from_raw(stored as *const SharedWeakRef) });
    }
    shared
}

impl<O: ObjectType> EmitterRef<O> {
    pub(crate) fn new(obj: &O) -> Self {
        Self {
            shared: shared_weak_ref(crate::raw::as_object(obj)),
            emitter: PhantomData,
        }
    }

    /// The emitter if it is still alive.
    pub(crate) fn upgrade(&self) -> Option<O> {
        let obj = self.shared.weak.upgrade()?;
        // SAFETY: the weak reference was taken from an `O` (`new`), and an object's type
        // never changes.
        Some(unsafe { obj.unsafe_cast() })
    }
}

impl<O> EmitterRef<O> {
    /// Disconnects `handler` if the emitter is alive and the handler still connected (GLib
    /// disconnects every handler itself when the emitter is disposed).
    pub(crate) fn disconnect(&self, handler: SignalHandlerId) {
        if let Some(obj) = self.shared.weak.upgrade() {
            if crate::raw::is_connected(&obj, crate::raw::handler_id(&handler)) {
                obj.disconnect(handler);
            }
        }
    }

    /// Whether `handler` is still connected (false once the emitter is gone).
    pub(crate) fn is_connected(&self, handler: &SignalHandlerId) -> bool {
        self.shared
            .weak
            .upgrade()
            .is_some_and(|obj| crate::raw::is_connected(&obj, crate::raw::handler_id(handler)))
    }
}

/// Whether an object was disposed, read from its record without any way to reach the object:
/// `Send` and `Sync` whatever the object's type. See [`EmitterRef::disposed_flag`].
#[cfg(debug_assertions)]
#[derive(Clone)]
pub(crate) struct DisposedFlag(Arc<SharedWeakRef>);

#[cfg(debug_assertions)]
impl DisposedFlag {
    /// Whether the object has been disposed (since its record was made).
    pub(crate) fn get(&self) -> bool {
        self.0.disposal.disposed.load(Ordering::Acquire)
    }
}

#[cfg(debug_assertions)]
impl<O> EmitterRef<O> {
    /// The object's disposal flag alone, for a record kept on any thread.
    pub(crate) fn disposed_flag(&self) -> DisposedFlag {
        DisposedFlag(self.shared.clone())
    }
}

/// A task's watch for the disposal of an object, through the object's record: see
/// [`EmitterRef::watch_disposal`].
pub(crate) struct DisposalSlot(usize);

impl<O> EmitterRef<O> {
    /// Starts watching for the object's disposal: a slot for the watching task's waker.
    pub(crate) fn watch_disposal(&self) -> DisposalSlot {
        let mut watchers = self.shared.disposal.watchers();
        let slot = match watchers.free.pop() {
            Some(slot) => slot,
            None => {
                watchers.slots.push(None);
                watchers.slots.len() - 1
            }
        };
        DisposalSlot(slot)
    }

    /// Whether the object has been disposed (since this record was made).
    pub(crate) fn is_disposed(&self) -> bool {
        self.shared.disposal.disposed.load(Ordering::Acquire)
    }

    /// Whether the object has been disposed; if not, `cx`'s task is woken when it is.
    pub(crate) fn poll_disposed(&self, slot: &DisposalSlot, cx: &mut Context<'_>) -> bool {
        if self.is_disposed() {
            return true;
        }
        let replaced = {
            let mut watchers = self.shared.disposal.watchers();
            match &mut watchers.slots[slot.0] {
                Some(waker) if waker.will_wake(cx.waker()) => None,
                waker => waker.replace(cx.waker().clone()),
            }
        };
        // Dropped outside the lock.
        drop(replaced);
        // Checked again after registering: a disposal between the first check and the
        // registration found no waker to wake.
        self.is_disposed()
    }

    /// Stops watching: frees `slot`.
    pub(crate) fn unwatch_disposal(&self, slot: DisposalSlot) {
        let waker = {
            let mut watchers = self.shared.disposal.watchers();
            watchers.free.push(slot.0);
            watchers.slots[slot.0].take()
        };
        drop(waker);
    }
}
