//! [`IdleTimeout`]: the stream's items, and a `None` whenever it has been quiet for a while.

use std::{
    fmt,
    pin::Pin,
    task::{Context, Poll},
    time::Duration,
};

use futures_core::{stream::FusedStream, Stream};
use pin_project_lite::pin_project;

use super::timer::Timer;

pin_project! {
    /// Stream for the [`idle_timeout`](super::GlibStreamExt::idle_timeout) method.
    #[must_use = "streams do nothing unless polled, and dropping one drops the stream it wraps (a signal stream disconnects its handler)"]
    pub struct IdleTimeout<St> {
        #[pin]
        stream: St,
        idle: Duration,
        // When the stream counts as idle (µs, monotonic); `None` once that was reported,
        // until the next item.
        due: Option<i64>,
        // No deadline yet: it starts at the first poll.
        started: bool,
        done: bool,
        timer: Timer,
    }
}

impl<St: Stream> IdleTimeout<St> {
    pub(super) fn new(stream: St, idle: Duration) -> Self {
        Self {
            stream,
            idle,
            due: None,
            started: false,
            done: false,
            timer: Timer::new(),
        }
    }

    /// How long the stream must be quiet to yield `None`.
    pub fn idle_period(&self) -> Duration {
        self.idle
    }

    /// The underlying stream.
    pub fn get_ref(&self) -> &St {
        &self.stream
    }

    /// The underlying stream, mutably.
    pub fn get_mut(&mut self) -> &mut St {
        &mut self.stream
    }

    /// The underlying stream, pinned.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut St> {
        self.project().stream
    }

    /// The underlying stream.
    pub fn into_inner(self) -> St {
        self.stream
    }
}

impl<St: Stream> Stream for IdleTimeout<St> {
    type Item = Option<St::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        if !*this.started {
            *this.started = true;
            *this.due = Some(Timer::deadline_after(*this.idle));
        }
        match this.stream.poll_next(cx) {
            Poll::Ready(Some(item)) => {
                // The deadline is set again when the consumer comes back for more: the quiet
                // period starts once the item is handled.
                *this.due = None;
                *this.started = false;
                return Poll::Ready(Some(Some(item)));
            }
            Poll::Ready(None) => {
                this.timer.disarm();
                *this.done = true;
                return Poll::Ready(None);
            }
            Poll::Pending => {}
        }
        let Some(due) = *this.due else {
            return Poll::Pending;
        };
        match this.timer.poll_until(due, cx) {
            Poll::Ready(()) => {
                // Reported once; the next item starts a new quiet period.
                *this.due = None;
                Poll::Ready(Some(None))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        // Between two items, at most one `None`.
        let (lower, upper) = self.stream.size_hint();
        (lower, upper.and_then(|u| u.checked_mul(2)?.checked_add(1)))
    }
}

impl<St: Stream> FusedStream for IdleTimeout<St> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<St> fmt::Debug for IdleTimeout<St> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdleTimeout")
            .field("idle", &self.idle)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
