//! What the tests share: the one GObject fixture ([`Emitter`]), the one safety timeout
//! ([`within`], [`block_on`], [`receive_within`]), the one way to capture criticals
//! ([`criticals_during`]), the one panic capture ([`panic_message`]), polling helpers, the
//! leak tests' [`churn`](churn::churn) and the one X input driver ([`driver`]). Include it
//! with `mod common;`.
//!
//! Each test binary uses only part of this module.
#![allow(dead_code)]

pub mod churn;
pub mod driver;
mod emitter;

use std::{
    future::Future,
    panic::{catch_unwind, AssertUnwindSafe},
    pin::Pin,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    task::{Context, Poll, Waker},
    time::Duration,
};

use futures::{future::Either, task::ArcWake};
use glib::prelude::*;

pub use emitter::*;

/// How long a test waits for something that should happen at once before it fails: a safety
/// net against a hang, never a measurement.
pub const SAFETY_TIMEOUT: Duration = Duration::from_secs(60);

/// Awaits `future`; fails the test, naming `what` it waited for, if it has not completed
/// within [`SAFETY_TIMEOUT`].
pub async fn within<F: Future>(what: &str, future: F) -> F::Output {
    let timeout = glib::timeout_future(SAFETY_TIMEOUT);
    match futures::future::select(std::pin::pin!(future), timeout).await {
        Either::Left((output, _)) => output,
        Either::Right(((), _)) => panic!("timed out after {SAFETY_TIMEOUT:?} waiting for {what}"),
    }
}

/// Receives what another thread sends on `results`; fails the test, naming `what` it waited
/// for, if nothing comes within [`SAFETY_TIMEOUT`].
pub fn receive_within<T>(what: &str, results: &std::sync::mpsc::Receiver<T>) -> T {
    results.recv_timeout(SAFETY_TIMEOUT).unwrap_or_else(|err| {
        panic!("timed out after {SAFETY_TIMEOUT:?} waiting for {what}: {err}")
    })
}

/// Runs `future` on a fresh GLib main context (thread-default while it runs), bounded by
/// [`within`].
pub fn block_on<F: Future>(future: F) -> F::Output {
    glib::MainContext::new().block_on(within("end of the test's future", future))
}

/// Runs `f` and returns the criticals logged meanwhile in the crate's log domain. Log handlers
/// are process-wide, so the tests that capture take turns.
pub fn criticals_during<R>(f: impl FnOnce() -> R) -> (R, Vec<String>) {
    static TURN: Mutex<()> = Mutex::new(());
    let _turn = TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let criticals = Arc::new(Mutex::new(Vec::new()));
    let handler = glib::log_set_handler(
        Some(glib_signal_stream::LOG_DOMAIN),
        glib::LogLevels::LEVEL_CRITICAL,
        false,
        false,
        {
            let criticals = criticals.clone();
            move |_domain, _level, message| criticals.lock().unwrap().push(message.to_owned())
        },
    );
    let result = catch_unwind(AssertUnwindSafe(f));
    glib::log_remove_handler(Some(glib_signal_stream::LOG_DOMAIN), handler);
    let criticals = std::mem::take(&mut *criticals.lock().unwrap());
    match result {
        Ok(result) => (result, criticals),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Runs `f`, which must panic, and returns its panic message.
#[track_caller]
pub fn panic_message<R>(f: impl FnOnce() -> R) -> String {
    let Err(payload) = catch_unwind(AssertUnwindSafe(|| drop(f()))) else {
        panic!("expected a panic");
    };
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .expect("a string panic message")
}

/// Polls `stream` once with a waker that does nothing: the test drives the stream itself.
pub fn poll_once<S: futures::Stream + Unpin>(stream: &mut S) -> Poll<Option<S::Item>> {
    let waker = futures::task::noop_waker();
    Pin::new(stream).poll_next(&mut Context::from_waker(&waker))
}

/// Polls `future` once with a waker that does nothing.
pub fn poll_future_once<F: Future + Unpin>(future: &mut F) -> Poll<F::Output> {
    let waker = futures::task::noop_waker();
    Pin::new(future).poll(&mut Context::from_waker(&waker))
}

/// Everything `stream` yields without waiting, and whether it then ended (`Ready(None)`) or is
/// waiting for more (`Pending`).
pub fn drain<S: futures::Stream + Unpin>(stream: &mut S) -> (Vec<S::Item>, bool) {
    let mut items = Vec::new();
    loop {
        match poll_once(stream) {
            Poll::Ready(Some(item)) => items.push(item),
            Poll::Ready(None) => return (items, true),
            Poll::Pending => return (items, false),
        }
    }
}

/// The `u64` an untyped `tick` item carries.
pub fn value_of(args: &[glib::Value]) -> u64 {
    assert_eq!(args.len(), 1, "one parameter, without the emitter");
    args[0].get::<u64>().expect("a u64 parameter")
}

/// A waker that counts how often it was woken.
#[derive(Default)]
pub struct WakeCounter(AtomicUsize);

impl ArcWake for WakeCounter {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.fetch_add(1, Ordering::SeqCst);
    }
}

impl WakeCounter {
    /// A new counter, and a waker that counts into it.
    pub fn waker() -> (Arc<Self>, Waker) {
        let counter = Arc::new(Self::default());
        (counter.clone(), futures::task::waker(counter))
    }

    /// How often the waker was woken so far.
    pub fn wakes(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// `obj`'s strong reference count, for leak checks.
pub fn ref_count(obj: &impl IsA<glib::Object>) -> u32 {
    obj.upcast_ref::<glib::Object>().ref_count()
}
