//! [`ThreadBound`]: a value that is only ever touched, and dropped, on the thread that
//! created it, although the cell itself may travel (inside a signal closure, which glib
//! requires to be `Send + Sync`).
#![allow(unsafe_code)]

use std::{
    cell::Cell,
    mem::ManuallyDrop,
    sync::atomic::{AtomicUsize, Ordering},
};

use glib::{ControlFlow, MainContext, Priority};

/// A value that may only be touched on the thread that created it.
///
/// Local streams keep their queue (`Rc`) and the user's handler (not `Send`) in the signal
/// closure. This cell makes that sound: access from another thread yields `None` instead of
/// the value. Dropped on another thread (an emitter finalized on a worker), it sends the value
/// home: an idle source on the creating thread's thread-default main context drops it there,
/// which closes the stream. Only if that source is destroyed without running on the creating
/// thread (the context is never iterated again, or by another thread) is the value leaked,
/// with a critical.
pub(crate) struct ThreadBound<T: 'static> {
    owner: usize,
    value: ManuallyDrop<T>,
    /// Where to send the value if it is dropped on another thread: the creating thread's
    /// thread-default main context (`None`: the global default one).
    home: Option<MainContext>,
    /// Already on its way home: dropped anywhere else, it is leaked.
    parcel: bool,
}

// SAFETY: the inner value is only ever reached through `get`, which checks that the caller is
// on the owning thread, and dropped only on that thread (`Drop` below); on any other thread it
// is neither read nor dropped, only moved as bytes into another `ThreadBound` with the same
// owner, so it is never shared or used across threads in a way `T` would have to allow.
unsafe impl<T: 'static> Send for ThreadBound<T> {}
// SAFETY: as above: `&ThreadBound<T>` gives no access to `T` off the owning thread.
unsafe impl<T: 'static> Sync for ThreadBound<T> {}

impl<T: 'static> ThreadBound<T> {
    pub(crate) fn new(value: T) -> Self {
        Self {
            owner: current_thread(),
            value: ManuallyDrop::new(value),
            // Not `ref_thread_default`, which takes the global default context's lock: that
            // one is found when needed, from any thread.
            home: MainContext::thread_default(),
            parcel: false,
        }
    }

    /// The value, or `None` when called on another thread than the one that created it.
    #[inline]
    pub(crate) fn get(&self) -> Option<&T> {
        self.on_owner().then_some(&*self.value)
    }

    /// Whether the caller is on the owning thread. A thread that never asked for its id
    /// still reads `0`, which no owner has: no need to assign it one here.
    #[inline]
    fn on_owner(&self) -> bool {
        THREAD.get() == self.owner
    }
}

thread_local! {
    /// This thread's id, `0` until first asked for by [`current_thread`].
    static THREAD: Cell<usize> = const { Cell::new(0) };
}

/// The calling thread's id: a number no other thread of the process ever gets (a counter,
/// never reused), as glib's `thread_guard::thread_id` gives, but read inline on every
/// emission: a constant-initialized thread-local without a destructor, so it is also readable
/// while the thread's thread-locals are being destroyed.
#[inline]
fn current_thread() -> usize {
    let id = THREAD.get();
    if id != 0 {
        id
    } else {
        first_thread_id()
    }
}

#[cold]
#[inline(never)]
fn first_thread_id() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    THREAD.set(id);
    id
}

impl<T: 'static> Drop for ThreadBound<T> {
    fn drop(&mut self) {
        if self.on_owner() {
            // SAFETY: we are on the owning thread, and `value` is never used again.
            unsafe { ManuallyDrop::drop(&mut self.value) }
            return;
        }
        if self.parcel {
            glib::g_critical!(
                crate::LOG_DOMAIN,
                "a local signal stream's handler could not be sent back to the thread that \
                 connected it (its main context was not iterated there again); its state is \
                 leaked and the stream will not end"
            );
            return;
        }
        let home = self.home.take().unwrap_or_else(MainContext::default);
        // SAFETY: `value` is moved, untouched, into a cell with the same owner, and never
        // used here again (`self` is being dropped).
        let value = unsafe { ManuallyDrop::take(&mut self.value) };
        let mut parcel = Some(ThreadBound {
            owner: self.owner,
            value: ManuallyDrop::new(value),
            home: None,
            parcel: true,
        });
        // Always deferred (never run here, unlike `MainContext::invoke`): dropped by the
        // owner's context, on the owner's thread if it is the one iterating it.
        let source = glib::idle_source_new(None, Priority::DEFAULT, move || {
            drop(parcel.take());
            ControlFlow::Break
        });
        source.attach(Some(&home));
    }
}

#[cfg(test)]
mod tests {
    use super::current_thread;

    #[test]
    fn each_thread_has_its_own_id_and_keeps_it() {
        let here = current_thread();
        assert_eq!(current_thread(), here);
        let there = std::thread::spawn(|| (current_thread(), current_thread()))
            .join()
            .unwrap();
        assert_eq!(there.0, there.1);
        assert_ne!(there.0, here);
        assert_ne!(here, 0);
    }
}
