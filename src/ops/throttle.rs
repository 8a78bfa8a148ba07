//! [`Throttle`]: at most one item per period.

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
    /// Stream for the [`throttle`](super::GlibStreamExt::throttle) method.
    #[must_use = "streams do nothing unless polled, and dropping one drops the stream it wraps (a signal stream disconnects its handler)"]
    pub struct Throttle<St: Stream> {
        #[pin]
        stream: St,
        period: Duration,
        // The latest item received during the current period, delivered when it ends.
        trailing: Option<St::Item>,
        // When the current period ends (µs, monotonic), while one runs.
        period_end: Option<i64>,
        stream_done: bool,
        done: bool,
        timer: Timer,
    }
}

impl<St: Stream> Throttle<St> {
    pub(super) fn new(stream: St, period: Duration) -> Self {
        Self {
            stream,
            period,
            trailing: None,
            period_end: None,
            stream_done: false,
            done: false,
            timer: Timer::new(),
        }
    }

    /// The period during which at most one item is yielded.
    pub fn period(&self) -> Duration {
        self.period
    }

    /// The underlying stream.
    pub fn get_ref(&self) -> &St {
        &self.stream
    }

    /// The underlying stream, mutably; taking items from it directly bypasses the throttle.
    pub fn get_mut(&mut self) -> &mut St {
        &mut self.stream
    }

    /// The underlying stream, pinned.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut St> {
        self.project().stream
    }

    /// The underlying stream; an item held for the end of the period is dropped.
    pub fn into_inner(self) -> St {
        self.stream
    }
}

impl<St: Stream> Stream for Throttle<St> {
    type Item = St::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<St::Item>> {
        let mut this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        loop {
            if let Some(end) = *this.period_end {
                if glib::monotonic_time() >= end {
                    // The period is over: its trailing item starts the next one; without
                    // one, the next item is yielded at once.
                    *this.period_end = None;
                    this.timer.disarm();
                    if let Some(item) = this.trailing.take() {
                        *this.period_end = Some(Timer::deadline_after(*this.period));
                        return Poll::Ready(Some(item));
                    }
                }
            }
            // Inside a period, items only replace the trailing one.
            while !*this.stream_done {
                match this.stream.as_mut().poll_next(cx) {
                    Poll::Ready(Some(item)) if this.period_end.is_some() => {
                        *this.trailing = Some(item);
                    }
                    Poll::Ready(Some(item)) => {
                        // The first item of a burst: at once, and a period starts.
                        *this.period_end = Some(Timer::deadline_after(*this.period));
                        return Poll::Ready(Some(item));
                    }
                    Poll::Ready(None) => *this.stream_done = true,
                    Poll::Pending => break,
                }
            }
            if *this.stream_done {
                // The trailing item is not held back once the stream has ended.
                this.timer.disarm();
                return match this.trailing.take() {
                    Some(item) => Poll::Ready(Some(item)),
                    None => {
                        *this.done = true;
                        Poll::Ready(None)
                    }
                };
            }
            match *this.period_end {
                // Back to the top once the period is over.
                Some(end) if this.timer.poll_until(end, cx).is_ready() => continue,
                _ => return Poll::Pending,
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let trailing = usize::from(self.trailing.is_some());
        let (_, upper) = self.stream.size_hint();
        (
            usize::from(self.stream_done && trailing == 1),
            upper.and_then(|u| u.checked_add(trailing)),
        )
    }
}

impl<St: Stream> FusedStream for Throttle<St> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<St: Stream> fmt::Debug for Throttle<St> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Throttle")
            .field("period", &self.period)
            .field("trailing", &self.trailing.is_some())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
