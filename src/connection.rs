//! The tie between a stream and its signal handler: disconnects on drop.

use std::fmt;

use glib::SignalHandlerId;

use crate::ffi::EmitterRef;

/// Owns one connected handler through a weak reference to its emitter, and disconnects it when
/// dropped. Never keeps the emitter alive.
pub(crate) struct Connection {
    emitter: EmitterRef,
    handler: Option<SignalHandlerId>,
}

impl Connection {
    pub(crate) fn new(emitter: &glib::Object, handler: SignalHandlerId) -> Self {
        Self {
            emitter: EmitterRef::new(emitter),
            handler: Some(handler),
        }
    }

    /// Disconnects now (idempotent; the handler id is consumed on the first call).
    pub(crate) fn disconnect(&mut self) {
        if let Some(handler) = self.handler.take() {
            self.emitter.disconnect(handler);
        }
    }

    pub(crate) fn is_connected(&self) -> bool {
        self.handler
            .as_ref()
            .is_some_and(|h| self.emitter.is_connected(h))
    }

    pub(crate) fn emitter(&self) -> Option<glib::Object> {
        self.emitter.upgrade()
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.disconnect();
    }
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("handler", &self.handler)
            .finish_non_exhaustive()
    }
}
