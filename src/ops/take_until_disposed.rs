use std::{
    fmt,
    pin::Pin,
    task::{Context, Poll},
};

use futures_core::{stream::FusedStream, Stream};
use pin_project_lite::pin_project;

use super::tie::{Tie, Watches};

pin_project! {
    /// Stream for the [`take_until_disposed`](super::GlibStreamExt::take_until_disposed)
    /// method.
    ///
    /// Holds the object (or objects, `O` a tuple) weakly; ends as soon as the object (any of
    /// them) is disposed, whether or not an item comes.
    #[must_use = "streams do nothing unless polled, and dropping one drops the stream it wraps (a signal stream disconnects its handler)"]
    pub struct TakeUntilDisposed<St, O> {
        #[pin]
        stream: St,
        watch: Watches<O>,
        done: bool,
    }
}

impl<St, O> fmt::Debug for TakeUntilDisposed<St, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TakeUntilDisposed")
            .field("object", &self.watch)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<St: Stream, O> TakeUntilDisposed<St, O> {
    pub(super) fn new<T: Tie<Objects = O>>(stream: St, objects: T) -> Self {
        Self {
            stream,
            watch: objects.watches(),
            done: false,
        }
    }

    /// Whether the object has been disposed (then the stream has ended, or will at its next
    /// poll).
    pub fn is_disposed(&self) -> bool {
        self.watch.is_disposed()
    }

    /// Acquires a reference to the underlying stream that this combinator is pulling from.
    pub fn get_ref(&self) -> &St {
        &self.stream
    }

    /// Acquires a mutable reference to the underlying stream that this combinator is pulling
    /// from.
    pub fn get_mut(&mut self) -> &mut St {
        &mut self.stream
    }

    /// Acquires a pinned mutable reference to the underlying stream that this combinator is
    /// pulling from.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut St> {
        self.project().stream
    }

    /// Consumes this combinator, returning the underlying stream (and forgetting the object).
    pub fn into_inner(self) -> St {
        self.stream
    }
}

impl<St: Stream, O> FusedStream for TakeUntilDisposed<St, O> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<St: Stream, O> Stream for TakeUntilDisposed<St, O> {
    type Item = St::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        // The object first, as `futures`' `take_until` polls its future first.
        if this.watch.poll_disposed(cx) {
            *this.done = true;
            return Poll::Ready(None);
        }
        let item = this.stream.poll_next(cx);
        if let Poll::Ready(None) = item {
            *this.done = true;
        }
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, self.stream.size_hint().1)
        }
    }
}
