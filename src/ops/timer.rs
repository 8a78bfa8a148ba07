//! The one GLib timer an operator owns, re-armed rather than re-created.

use std::{
    fmt,
    sync::{Arc, Mutex, PoisonError},
    task::{Context, Poll, Waker},
    time::Duration,
};

use crate::raw::set_ready_time;

/// A deadline on GLib's monotonic clock, kept by a single timeout source attached to the
/// thread-default main context on first use (as `glib::timeout_future` does), and moved to
/// another context if the operator is polled there.
///
/// Moving the deadline only calls `g_source_set_ready_time` on the same source: an operator
/// pays one source for its whole life, however many items go through it. The source is
/// destroyed when the timer is dropped.
pub(crate) struct Timer {
    source: Option<glib::Source>,
    /// Woken by the source's callback, on the main context's thread.
    waker: Arc<Mutex<Option<Waker>>>,
    /// The ready time the source was last given, if it may still fire.
    armed: Option<i64>,
}

/// A timeout source's interval is only used once it has fired (GLib then re-arms it that much
/// later); the timer sets its ready time before that can matter.
const FAR: Duration = Duration::from_secs(24 * 60 * 60);

impl Timer {
    pub(crate) fn new() -> Self {
        Self {
            source: None,
            waker: Arc::new(Mutex::new(None)),
            armed: None,
        }
    }

    /// The monotonic time `after` from now, in µs.
    pub(crate) fn deadline_after(after: Duration) -> i64 {
        let after = i64::try_from(after.as_micros()).unwrap_or(i64::MAX);
        glib::monotonic_time().saturating_add(after)
    }

    /// `Ready` once the monotonic clock has reached `deadline`; otherwise arms the source to
    /// wake `cx` then.
    pub(crate) fn poll_until(&mut self, deadline: i64, cx: &mut Context<'_>) -> Poll<()> {
        if glib::monotonic_time() >= deadline {
            self.disarm();
            return Poll::Ready(());
        }
        let replaced = {
            let mut waker = self.waker.lock().unwrap_or_else(PoisonError::into_inner);
            match &mut *waker {
                Some(w) if w.will_wake(cx.waker()) => None,
                slot => slot.replace(cx.waker().clone()),
            }
        };
        // A waker is user data: dropped once the lock is released.
        drop(replaced);
        // Polled on another main context than the one the source is attached to (a `Send`
        // stream moved to another thread's context, a context of its own per `block_on`):
        // that context may never run again, so the source moves to this one. A context that
        // is gone has destroyed the source (whose context GLib then refuses to tell).
        let context = glib::MainContext::ref_thread_default();
        if self.source.as_ref().is_some_and(|source| {
            source.is_destroyed() || source.context().as_ref() != Some(&context)
        }) {
            if let Some(source) = self.source.take() {
                source.destroy();
            }
            self.armed = None;
        }
        let source = self.source.get_or_insert_with(|| {
            let waker = Arc::clone(&self.waker);
            let source = glib::timeout_source_new(FAR, None, glib::Priority::DEFAULT, move || {
                let waker = waker.lock().unwrap_or_else(PoisonError::into_inner).take();
                // Woken outside the lock: the waker may poll the operator at once.
                if let Some(waker) = waker {
                    waker.wake();
                }
                glib::ControlFlow::Continue
            });
            source.attach(Some(&context));
            source
        });
        if self.armed != Some(deadline) {
            set_ready_time(source, deadline);
            self.armed = Some(deadline);
        }
        Poll::Pending
    }

    /// Stops the source from firing (the next `poll_until` re-arms it).
    pub(crate) fn disarm(&mut self) {
        if let (Some(source), Some(_)) = (&self.source, self.armed.take()) {
            set_ready_time(source, -1);
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(source) = self.source.take() {
            source.destroy();
        }
    }
}

impl fmt::Debug for Timer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timer").field("armed", &self.armed).finish()
    }
}
