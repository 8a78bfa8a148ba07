//! The connected streams and futures, in debug builds: what [`LeakCheck`](crate::LeakCheck)
//! names as possible holders of a leaked object. A stream never holds its emitter, but its
//! handler closure may hold anything, and so may the task that polls it: a stream still
//! connected after its window closed points at the code to look at.
//!
//! Release builds keep no record: [`Live`] is empty there and costs nothing.
// What only debug builds read.
#![cfg_attr(not(debug_assertions), allow(dead_code))]

#[cfg(debug_assertions)]
use std::{
    sync::{Mutex, PoisonError},
    thread::ThreadId,
};

use glib::{subclass::SignalId, Quark};

#[cfg(debug_assertions)]
use crate::emitter_ref::DisposedFlag;
use crate::emitter_ref::EmitterRef;

/// A connected stream or future, as [`LeakCheck`](crate::LeakCheck) reports it.
#[derive(Clone, Debug)]
pub(crate) struct LiveStream {
    /// The emitter's address, to tell whether it is one of the watched objects.
    pub(crate) emitter: usize,
    pub(crate) emitter_type: &'static str,
    signal: SignalId,
    detail: Option<Quark>,
}

impl LiveStream {
    /// `signal::detail`, as it was connected.
    pub(crate) fn signal(&self) -> String {
        match self.detail {
            Some(detail) => format!("{}::{}", self.signal.name(), detail.as_str()),
            None => self.signal.name().to_owned(),
        }
    }
}

#[cfg(debug_assertions)]
struct Record {
    thread: ThreadId,
    stream: LiveStream,
    /// Set when the emitter is disposed: GLib then dropped the handler, and what it held.
    disposed: DisposedFlag,
}

/// The records, by slot; freed slots are reused.
#[cfg(debug_assertions)]
#[derive(Default)]
struct Records {
    slots: Vec<Option<Record>>,
    free: Vec<usize>,
}

/// Every thread's records: a stream may be dropped on another thread than it connected on.
#[cfg(debug_assertions)]
static RECORDS: Mutex<Records> = Mutex::new(Records {
    slots: Vec::new(),
    free: Vec::new(),
});

#[cfg(debug_assertions)]
fn records() -> std::sync::MutexGuard<'static, Records> {
    // No user code runs under this lock, and what a record holds is dropped outside it.
    RECORDS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One connection's record among the live ones, removed when the connection is dropped.
#[derive(Debug)]
pub(crate) struct Live {
    #[cfg(debug_assertions)]
    slot: usize,
}

impl Live {
    /// Records a connection of `signal` (with `detail`) on `emitter`, in debug builds.
    pub(crate) fn register<O>(
        emitter: &glib::Object,
        emitter_ref: &EmitterRef<O>,
        signal: SignalId,
        detail: Option<Quark>,
    ) -> Self {
        #[cfg(debug_assertions)]
        {
            use glib::prelude::*;
            let record = Record {
                thread: std::thread::current().id(),
                stream: LiveStream {
                    emitter: emitter.as_ptr() as usize,
                    emitter_type: emitter.type_().name(),
                    signal,
                    detail,
                },
                disposed: emitter_ref.disposed_flag(),
            };
            let mut records = records();
            let slot = match records.free.pop() {
                Some(slot) => slot,
                None => {
                    records.slots.push(None);
                    records.slots.len() - 1
                }
            };
            records.slots[slot] = Some(record);
            Self { slot }
        }
        #[cfg(not(debug_assertions))]
        {
            let _ = (emitter, emitter_ref, signal, detail);
            Self {}
        }
    }
}

#[cfg(debug_assertions)]
impl Drop for Live {
    fn drop(&mut self) {
        let record = {
            let mut records = records();
            records.free.push(self.slot);
            records.slots[self.slot].take()
        };
        // Dropped outside the lock.
        drop(record);
    }
}

/// The streams and futures connected on this thread whose emitter is not disposed (empty in
/// release builds).
pub(crate) fn connected_here() -> Vec<LiveStream> {
    #[cfg(debug_assertions)]
    {
        let thread = std::thread::current().id();
        records()
            .slots
            .iter()
            .flatten()
            .filter(|r| r.thread == thread && !r.disposed.get())
            .map(|r| r.stream.clone())
            .collect()
    }
    #[cfg(not(debug_assertions))]
    Vec::new()
}
