use std::{
    fmt,
    pin::Pin,
    task::{Context, Poll},
};

use futures_core::{stream::FusedStream, Stream};
use pin_project_lite::pin_project;

use super::tie::{Tie, Watches};

pin_project! {
    /// Stream for the [`with_weak`](super::GlibStreamExt::with_weak) method.
    ///
    /// Holds the object (or objects, `O` a tuple) weakly; each item comes with the object,
    /// upgraded for that item only. Ends as soon as the object (any of them) is disposed,
    /// whether or not an item comes.
    #[must_use = "streams do nothing unless polled, and dropping one drops the stream it wraps (a signal stream disconnects its handler)"]
    pub struct WithWeak<St, O> {
        #[pin]
        stream: St,
        watch: Watches<O>,
        done: bool,
    }
}

impl<St, O> fmt::Debug for WithWeak<St, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithWeak")
            .field("object", &self.watch)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<St: Stream, O> WithWeak<St, O> {
    pub(super) fn new<T: Tie<Objects = O>>(stream: St, objects: T) -> Self {
        Self {
            stream,
            watch: objects.watches(),
            done: false,
        }
    }

    /// The object (or tuple of objects), if every one is still alive and not disposed.
    pub fn object(&self) -> Option<O> {
        self.watch.upgrade()
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

impl<St: Stream, O> FusedStream for WithWeak<St, O> {
    fn is_terminated(&self) -> bool {
        self.done
    }
}

impl<St: Stream, O> Stream for WithWeak<St, O> {
    type Item = (O, St::Item);

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        // The object first: once it is disposed, no item is taken from the stream.
        if this.watch.poll_disposed(cx) {
            *this.done = true;
            return Poll::Ready(None);
        }
        match this.stream.poll_next(cx) {
            Poll::Ready(Some(item)) => match this.watch.upgrade() {
                Some(obj) => Poll::Ready(Some((obj, item))),
                // Finalized between the check and now (on another thread): the item has no
                // object to go with, so it is dropped and the stream ends.
                None => {
                    *this.done = true;
                    Poll::Ready(None)
                }
            },
            Poll::Ready(None) => {
                *this.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            // Any item may be the last: the object can go at any time.
            (0, self.stream.size_hint().1)
        }
    }
}
