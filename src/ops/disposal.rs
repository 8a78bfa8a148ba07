//! Watching an object for its disposal without holding it: what `with_weak` and
//! `take_until_disposed` share.
//!
//! GObject has no "disposed" signal. A weak-reference notify (`g_object_weak_ref`) is the hook:
//! GObject runs it in the object's dispose, both on the last unref and on
//! `g_object_run_dispose` (what `gtk_widget_destroy` did in GTK 3). It holds no reference.
//! Each object registers one, for the record it shares with its streams
//! ([`EmitterRef`]); a watch is a slot in that record, so dropping a watch never asks GLib to
//! unregister anything (which would race with a disposal on another thread).

use std::{fmt, marker::PhantomData, rc::Rc, task::Context};

use glib::object::ObjectType;

use crate::emitter_ref::{DisposalSlot, EmitterRef};

/// A watch that sees the object disposed and wakes the registered task. Holds the object
/// only weakly; dropping it frees its slot in the object's record.
pub(crate) struct DisposalWatch<O: ObjectType> {
    object: EmitterRef<O>,
    // `None` only while dropping.
    slot: Option<DisposalSlot>,
    /// Local, like the widgets it is made for (the operators' documented contract).
    _local: PhantomData<Rc<()>>,
}

impl<O: ObjectType> DisposalWatch<O> {
    pub(crate) fn new(obj: &O) -> Self {
        let object = EmitterRef::new(obj);
        let slot = Some(object.watch_disposal());
        Self {
            object,
            slot,
            _local: PhantomData,
        }
    }

    /// Whether the object has been disposed. If not, the task of `cx` is woken when it is.
    pub(crate) fn poll_disposed(&self, cx: &mut Context<'_>) -> bool {
        match &self.slot {
            Some(slot) => self.object.poll_disposed(slot, cx),
            None => true,
        }
    }

    /// Whether the object has been disposed, without registering a waker.
    pub(crate) fn is_disposed(&self) -> bool {
        self.object.is_disposed()
    }

    /// The object, if it is alive and not disposed.
    pub(crate) fn upgrade(&self) -> Option<O> {
        if self.is_disposed() {
            return None;
        }
        self.object.upgrade()
    }
}

impl<O: ObjectType> Drop for DisposalWatch<O> {
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take() {
            self.object.unwatch_disposal(slot);
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
