//! The tie between a stream or future and its signal handler: disconnects on drop.

use std::fmt;

use glib::{prelude::*, SignalHandlerId};

use crate::emitter_ref::EmitterRef;

/// Owns one connected handler through a weak reference to its emitter (of Rust type `O`), and
/// disconnects it when dropped. Never keeps the emitter alive.
pub(crate) struct Connection<O> {
    emitter: EmitterRef<O>,
    handler: Option<SignalHandlerId>,
}

impl<O: ObjectType> Connection<O> {
    pub(crate) fn new(emitter: &O, handler: SignalHandlerId) -> Self {
        Self {
            emitter: EmitterRef::new(emitter),
            handler: Some(handler),
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
