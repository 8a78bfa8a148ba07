//! The emitter every mode uses, the timer, and the checks every scenario makes.

use super::*;

#[path = "../shared/ticker.rs"]
mod shared;
pub(crate) use shared::Ticker;

impl Ticker {
    pub(crate) fn new() -> Self {
        glib::Object::new()
    }
}

/// A point in this thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`).
///
/// The machines this runs on are shared: wall-clock time counts the time other processes
/// hold the CPU, thread CPU time does not. Everything measured runs on this one thread (the
/// main loop polls with a zero timeout while tasks are ready), so nothing is left out.
#[derive(Clone, Copy)]
pub(crate) struct CpuInstant(Duration);

impl CpuInstant {
    pub(crate) fn now() -> Self {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid clock id and a valid out-pointer.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        CpuInstant(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }

    pub(crate) fn elapsed(self) -> Duration {
        CpuInstant::now().0.saturating_sub(self.0)
    }
}

/// Emits `tick(1)`, `tick(2)`, ... `tick(n)` by signal id (the same emission for every mode).
pub(crate) fn emit_all(obj: &Ticker, tick: glib::subclass::SignalId, n: u64) {
    for i in 1..=n {
        obj.emit::<()>(tick, &[&i]);
    }
}

pub(crate) fn tick_id() -> glib::subclass::SignalId {
    // The signal exists once the class is initialized, by the first instance.
    thread_local!(static CLASS: Ticker = Ticker::new());
    CLASS.with(|_| ());
    glib::subclass::SignalId::lookup("tick", Ticker::static_type()).expect("tick")
}

/// Sum of `a..=b`.
pub(crate) fn sum_range(a: u64, b: u64) -> u64 {
    if b < a {
        0
    } else {
        (a + b) * (b - a + 1) / 2
    }
}

pub(crate) fn check(what: &str, got: u64, want: u64) {
    if got != want {
        eprintln!("error: {what}: got {got}, expected {want}");
        std::process::exit(2);
    }
}

pub(crate) trait HasPending {
    fn has_signal_handler_pending(&self, id: glib::subclass::SignalId) -> bool;
}

impl HasPending for Ticker {
    fn has_signal_handler_pending(&self, id: glib::subclass::SignalId) -> bool {
        use glib::translate::IntoGlib;
        // SAFETY: a valid instance and one of its type's signal ids.
        unsafe {
            glib::gobject_ffi::g_signal_has_handler_pending(
                self.as_ptr() as *mut _,
                id.into_glib(),
                0,
                glib::ffi::GFALSE,
            ) != 0
        }
    }
}
