//! [`MapLatest`]: a future per item, the newer item cancelling the older one's future.

use std::{
    fmt,
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

use futures_core::{stream::FusedStream, Stream};
use pin_project_lite::pin_project;

pin_project! {
    /// Stream for the [`map_latest`](super::GlibStreamExt::map_latest) method.
    #[must_use = "streams do nothing unless polled, and dropping one drops the stream it wraps (a signal stream disconnects its handler)"]
    pub struct MapLatest<St, Fut, F> {
        #[pin]
        stream: St,
        f: F,
        // The future of the latest item, while it runs.
        #[pin]
        running: Option<Fut>,
        stream_done: bool,
    }
}

impl<St, Fut, F> MapLatest<St, Fut, F>
where
    St: Stream,
    F: FnMut(St::Item) -> Fut,
    Fut: Future,
{
    pub(super) fn new(stream: St, f: F) -> Self {
        Self {
            stream,
            f,
            running: None,
            stream_done: false,
        }
    }

    /// Whether the future of the latest item is still running.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
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

    /// The underlying stream; the running future, if any, is dropped.
    pub fn into_inner(self) -> St {
        self.stream
    }
}

impl<St, Fut, F> Stream for MapLatest<St, Fut, F>
where
    St: Stream,
    F: FnMut(St::Item) -> Fut,
    Fut: Future,
{
    type Item = Fut::Output;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Fut::Output>> {
        let mut this = self.project();
        // Drain what is ready: of a backlog, only the latest item gets a future.
        let mut latest = None;
        while !*this.stream_done {
            match this.stream.as_mut().poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    // Cancel the older future as soon as a newer item is seen.
                    this.running.set(None);
                    latest = Some(item);
                }
                Poll::Ready(None) => *this.stream_done = true,
                Poll::Pending => break,
            }
        }
        if let Some(item) = latest {
            this.running.set(Some((this.f)(item)));
        }
        if let Some(future) = this.running.as_mut().as_pin_mut() {
            if let Poll::Ready(output) = future.poll(cx) {
                this.running.set(None);
                return Poll::Ready(Some(output));
            }
            return Poll::Pending;
        }
        if *this.stream_done {
            Poll::Ready(None)
        } else {
            Poll::Pending
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let running = usize::from(self.running.is_some());
        if self.stream_done {
            return (0, Some(running));
        }
        // Any item may cancel the one before.
        let (_, upper) = self.stream.size_hint();
        (0, upper.and_then(|u| u.checked_add(running)))
    }
}

impl<St, Fut, F> FusedStream for MapLatest<St, Fut, F>
where
    St: Stream,
    F: FnMut(St::Item) -> Fut,
    Fut: Future,
{
    fn is_terminated(&self) -> bool {
        self.stream_done && self.running.is_none()
    }
}

impl<St, Fut, F> fmt::Debug for MapLatest<St, Fut, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapLatest")
            .field("running", &self.running.is_some())
            .field("stream_done", &self.stream_done)
            .finish_non_exhaustive()
    }
}
