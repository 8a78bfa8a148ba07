//! Watching an object for its disposal without holding it: what `with_weak` and
//! `take_until_disposed` share.
//!
//! GObject has no "disposed" signal. A weak-reference notify (`g_object_weak_ref`) is the hook:
//! GObject runs it in the object's dispose, both on the last unref and on
//! `g_object_run_dispose` (what `gtk_widget_destroy` did in GTK 3). It holds no reference.

use std::{
    fmt,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    task::{Context, Waker},
};

use glib::{
    object::{ObjectType, WeakRefNotify},
    prelude::*,
};

/// What the weak-reference notify shares with the stream: whether the object was disposed,
/// and the waker of the task polling the stream. `Send + Sync`, so that the notify may run on
/// whichever thread disposes the object (a `Send + Sync` object may be disposed anywhere).
#[derive(Default)]
struct Shared {
    disposed: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Shared {
    /// Runs inside the object's dispose.
    fn notify(&self) {
        self.disposed.store(true, Ordering::Release);
        // Take the waker out, release the lock, then wake: no user code under the lock.
        let waker = self
            .waker
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// A registration that marks the object disposed and wakes the registered task. Holds the
/// object only weakly; dropping it removes the registration from a living object.
pub(crate) struct DisposalWatch<O: ObjectType> {
    // `None` only while dropping.
    notify: Option<WeakRefNotify<O>>,
    shared: Arc<Shared>,
}

impl<O: ObjectType> DisposalWatch<O> {
    pub(crate) fn new(obj: &O) -> Self {
        let shared = Arc::new(Shared::default());
        let notified = shared.clone();
        let notify = obj.add_weak_ref_notify(move || notified.notify());
        Self {
            notify: Some(notify),
            shared,
        }
    }

    /// Whether the object has been disposed. If not, the task of `cx` is woken when it is.
    pub(crate) fn poll_disposed(&self, cx: &mut Context<'_>) -> bool {
        if self.is_disposed() {
            return true;
        }
        let old = {
            let mut waker = self
                .shared
                .waker
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match &*waker {
                Some(old) if old.will_wake(cx.waker()) => None,
                _ => waker.replace(cx.waker().clone()),
            }
        };
        // The previous waker is dropped outside the lock.
        drop(old);
        // Checked again after registering: a dispose between the first check and the
        // registration found no waker to wake.
        self.is_disposed()
    }

    /// Whether the object has been disposed, without registering a waker.
    pub(crate) fn is_disposed(&self) -> bool {
        self.shared.disposed.load(Ordering::Acquire)
    }

    /// The object, if it is alive and not disposed.
    pub(crate) fn upgrade(&self) -> Option<O> {
        if self.is_disposed() {
            return None;
        }
        self.notify.as_ref()?.upgrade()
    }
}

impl<O: ObjectType> Drop for DisposalWatch<O> {
    fn drop(&mut self) {
        let Some(notify) = self.notify.take() else {
            return;
        };
        // Once the notify has run, GObject has forgotten the registration and freed its
        // closure: `disconnect` would unregister it a second time. Dropping `notify` without
        // `disconnect` then only drops its weak reference.
        if !self.is_disposed() {
            notify.disconnect();
        }
    }
}

impl<O: ObjectType> fmt::Debug for DisposalWatch<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DisposalWatch")
            .field("type", &O::static_type())
            .field("disposed", &self.is_disposed())
            .finish()
    }
}
