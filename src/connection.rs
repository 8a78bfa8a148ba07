//! The tie between a stream or future and its signal handler: disconnects on drop.

use std::fmt;

use glib::{prelude::*, SignalHandlerId};

use crate::{connect::Resolved, emitter_ref::EmitterRef, live::Live};

/// Owns one connected handler through a weak reference to its emitter (of Rust type `O`), and
/// disconnects it when dropped. Never keeps the emitter alive.
pub(crate) struct Connection<O> {
    emitter: EmitterRef<O>,
    handler: Option<SignalHandlerId>,
    // What `LeakCheck` reports while the connection lives (debug builds).
    _live: Live,
}

impl<O: ObjectType> Connection<O> {
    /// Owns `handler`, connected to `resolved` on `emitter`.
    pub(crate) fn new(emitter: &O, handler: SignalHandlerId, resolved: &Resolved) -> Self {
        let emitter_ref = EmitterRef::new(emitter);
        let (signal, detail) = resolved.signal();
        let live = Live::register(crate::raw::as_object(emitter), &emitter_ref, signal, detail);
        Self {
            emitter: emitter_ref,
            handler: Some(handler),
            _live: live,
        }
    }

    pub(crate) fn emitter(&self) -> Option<O> {
        self.emitter.upgrade()
    }
}

impl<O> Connection<O> {
    /// Disconnects now (idempotent; the handler id is consumed on the first call).
    pub(crate) fn disconnect(&mut self) {
        if let Some(handler) = self.handler.take() {
            self.emitter.disconnect(handler);
        }
    }

    /// Forgets the handler without disconnecting it (it was disconnected elsewhere).
    pub(crate) fn forget(&mut self) {
        self.handler = None;
    }

    pub(crate) fn is_connected(&self) -> bool {
        self.handler
            .as_ref()
            .is_some_and(|h| self.emitter.is_connected(h))
    }
}

impl<O> Drop for Connection<O> {
    fn drop(&mut self) {
        self.disconnect();
    }
}

impl<O> fmt::Debug for Connection<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("handler", &self.handler)
            .finish_non_exhaustive()
    }
}
