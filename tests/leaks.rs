//! Leak checks by counting: after many connect / emit / drop cycles of every kind, no handler
//! is left and every reference count is back where it started. (`scripts/leak-check.sh` runs
//! the same cycles under valgrind for the memory GLib's counters cannot see.)

mod common;

use common::{
    churn::{churn, CYCLE_KINDS},
    ref_count, Emitter,
};
use glib::prelude::*;

const CYCLES: usize = 100_000;

#[test]
fn cycles_leave_no_handler_connected() {
    let emitter = Emitter::new();
    let payload = glib::Object::new::<glib::Object>();
    churn(&emitter, &payload, CYCLES);
    assert!(!emitter.has_handler("tick"));
    assert!(!emitter.has_handler("carry"));
    assert!(!emitter.has_handler("ask"));
    assert!(!emitter.has_handler("notify::count"));
}

#[test]
fn cycles_give_back_every_reference() {
    let emitter = Emitter::new();
    let payload = glib::Object::new::<glib::Object>();
    let (emitter_refs, payload_refs) = (ref_count(&emitter), ref_count(&payload));
    churn(&emitter, &payload, CYCLES);
    assert_eq!(ref_count(&emitter), emitter_refs);
    assert_eq!(ref_count(&payload), payload_refs);
}

#[test]
fn emitter_is_finalized_after_cycles() {
    let emitter = Emitter::new();
    let payload = glib::Object::new::<glib::Object>();
    churn(&emitter, &payload, CYCLE_KINDS * 10);
    let weak = emitter.downgrade();
    drop(emitter);
    assert!(weak.upgrade().is_none());
}
