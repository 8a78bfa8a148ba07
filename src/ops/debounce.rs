//! [`Debounce`]: an item once the stream has been quiet for a while.

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
    /// Stream for the [`debounce`](super::GlibStreamExt::debounce) method.
    #[must_use = "streams do nothing unless polled, and dropping one drops the stream it wraps (a signal stream disconnects its handler)"]
    pub struct Debounce<St: Stream> {
        #[pin]
        stream: St,
        quiet: Duration,
        // The latest item, waiting for the stream to be quiet.
        pending: Option<St::Item>,
        // When `pending` is due (µs, monotonic); set when the stream was last seen empty.
        due: Option<i64>,
        stream_done: bool,
        done: bool,
        timer: Timer,
    }
}

impl<St: Stream> Debounce<St> {
    pub(super) fn new(stream: St, quiet: Duration) -> Self {
        Self {
            stream,
            quiet,
            pending: None,
            due: None,
            stream_done: false,
            done: false,
            timer: Timer::new(),
        }
    }

    /// The quiet period an item waits for.
    pub fn quiet_period(&self) -> Duration {
        self.quiet
    }

    /// The underlying stream.
    pub fn get_ref(&self) -> &St {
        &self.stream
    }

    /// The underlying stream, mutably; taking items from it directly bypasses the debounce.
    pub fn get_mut(&mut self) -> &mut St {
        &mut self.stream
    }

    /// The underlying stream, pinned.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut St> {
        self.project().stream
    }

    /// The underlying stream; an item waiting for quiet is dropped.
    pub fn into_inner(self) -> St {
        self.stream
    }
}

impl<St: Stream> Stream for Debounce<St> {
    type Item = St::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<St::Item>> {
        let mut this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        // Take everything queued: a burst replaces `pending` item by item, without touching
        // the clock or the timer.
        let mut received = false;
        while !*this.stream_done {
            match this.stream.as_mut().poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    *this.pending = Some(item);
                    received = true;
                }
                Poll::Ready(None) => *this.stream_done = true,
                Poll::Pending => break,
            }
        }
        if *this.stream_done {
            // Flush the last item at once, then end.
            this.timer.disarm();
            return match this.pending.take() {
                Some(item) => Poll::Ready(Some(item)),
                None => {
                    *this.done = true;
                    Poll::Ready(None)
                }
            };
        }
        if this.pending.is_none() {
            return Poll::Pending;
        }
        // The quiet period starts when the stream was last seen with an item.
        if received {
            *this.due = None;
        }
        let due = *this
            .due
            .get_or_insert_with(|| Timer::deadline_after(*this.quiet));
        match this.timer.poll_until(due, cx) {
            Poll::Ready(()) => {
                *this.due = None;
                Poll::Ready(this.pending.take())
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let pending = usize::from(self.pending.is_some());
        // Any number of the stream's items may be merged into one.
        let (_, upper) = self.stream.size_hint();
        (
            usize::from(self.stream_done && pending == 1),
            upper.and_then(|u| u.checked_add(pending)),
        )
    }
}

impl<St: Stream> FusedStream for Debounce<St> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<St: Stream> fmt::Debug for Debounce<St> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Debounce")
            .field("quiet", &self.quiet)
            .field("pending", &self.pending.is_some())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
