//! A waker may own the last reference to the emitter: releasing it finalizes the emitter,
//! which destroys the handler, which closes the very queue the waker was registered in.
//! Guards issue 12, defect 2: the replaced waker used to be dropped with the queue locked, so
//! a local stream could not close and stayed `Pending` forever, and a `Send` stream
//! deadlocked on its own mutex.

mod common;

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    task::{Context, Poll, Wake, Waker},
    thread,
};

use common::{Emitter, SAFETY_TIMEOUT};
use futures::Stream;
use glib::prelude::*;
use glib_signal_stream::prelude::*;

/// A waker that owns a reference to the emitter and does nothing when woken.
struct Holding {
    _emitter: Mutex<Option<Emitter>>,
}

impl Wake for Holding {
    fn wake(self: Arc<Self>) {}
}

/// Polls `stream` once with `waker`.
fn poll_with<S: Stream + Unpin>(stream: &mut S, waker: &Waker) -> Poll<Option<S::Item>> {
    std::pin::Pin::new(stream).poll_next(&mut Context::from_waker(waker))
}

/// Registers a waker owning the only reference to the emitter, then replaces it with a waker
/// that does not: the emitter is finalized when the first one is released. Returns what the
/// stream yields then.
fn replace_the_last_owner_of_the_emitter<S>(
    connect: impl FnOnce(&Emitter) -> S,
) -> Poll<Option<S::Item>>
where
    S: Stream + Unpin,
{
    let emitter = Emitter::new();
    let weak = emitter.downgrade();
    let mut stream = connect(&emitter);
    let holding = Waker::from(Arc::new(Holding {
        _emitter: Mutex::new(Some(emitter)),
    }));
    assert!(poll_with(&mut stream, &holding).is_pending());
    drop(holding); // the queue's registered clone is now the emitter's last owner

    let other = Waker::noop();
    assert!(
        poll_with(&mut stream, other).is_pending(),
        "replaces the waker"
    );
    assert!(
        weak.upgrade().is_none(),
        "releasing the replaced waker finalized the emitter"
    );
    poll_with(&mut stream, other)
}

#[test]
fn a_local_stream_ends_when_its_replaced_waker_held_the_last_emitter_reference() {
    let next = replace_the_last_owner_of_the_emitter(|e| e.connect_stream_typed::<(u64,)>("tick"));
    assert!(matches!(next, Poll::Ready(None)), "the stream ended");
}

#[test]
fn a_send_stream_ends_when_its_replaced_waker_held_the_last_emitter_reference() {
    // A deadlock would hang the test: a watchdog aborts the process with a message instead.
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        thread::spawn(move || {
            let start = std::time::Instant::now();
            while !done.load(Ordering::SeqCst) {
                if start.elapsed() > SAFETY_TIMEOUT {
                    eprintln!("a Send stream deadlocked on its own queue while releasing a waker");
                    std::process::abort();
                }
                thread::sleep(std::time::Duration::from_millis(10));
            }
        })
    };
    let next = replace_the_last_owner_of_the_emitter(|e| {
        e.signal_stream_builder("tick")
            .typed::<(u64,)>()
            .send()
            .build()
    });
    done.store(true, Ordering::SeqCst);
    watchdog.join().unwrap();
    assert!(matches!(next, Poll::Ready(None)), "the stream ended");
}

#[test]
fn dropping_a_stream_whose_waker_held_the_last_emitter_reference_finalizes_it() {
    let emitter = Emitter::new();
    let weak = emitter.downgrade();
    let mut stream = emitter
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();
    let holding = Waker::from(Arc::new(Holding {
        _emitter: Mutex::new(Some(emitter)),
    }));
    assert!(poll_with(&mut stream, &holding).is_pending());
    drop(holding);
    drop(stream); // abandons the queue: the waker is released after the lock
    assert!(weak.upgrade().is_none());
}

/// A waker that drops the stream it was registered by, when woken.
struct Dropping<S> {
    stream: Mutex<Option<S>>,
    dropped: AtomicBool,
}

impl<S: Send + 'static> Wake for Dropping<S> {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let stream = self.stream.lock().unwrap().take();
        drop(stream);
        self.dropped.store(true, Ordering::SeqCst);
    }
}

/// The stream is dropped by its own waker, woken inside the emission that queued an item
/// (on the emitting thread, for a `Send` stream): the handler that is running is
/// disconnected, and later emissions reach nothing.
#[test]
fn a_send_stream_dropped_by_its_own_waker_inside_the_emission_disconnects() {
    let emitter = Emitter::new();
    let stream = emitter
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();
    let waker = Arc::new(Dropping {
        stream: Mutex::new(None),
        dropped: AtomicBool::new(false),
    });
    let mut stream = stream;
    assert_eq!(
        poll_with(&mut stream, &Waker::from(waker.clone())),
        Poll::Pending
    );
    *waker.stream.lock().unwrap() = Some(stream);
    thread::scope(|scope| {
        scope.spawn(|| emitter.tick(1));
    });
    assert!(waker.dropped.load(Ordering::SeqCst));
    assert!(!emitter.has_handler("tick"));
    emitter.tick(2); // reaches nothing, and logs nothing
}
