//! The leak tests' connect / emit / drop cycles: every kind of stream and every way one
//! ends (`tests/leaks.rs`, and `examples/leak_check.rs` under valgrind).

use super::{drain, poll_future_once, poll_once, value_of, Emitter};

/// How many different kinds of cycle [`churn`] rotates through.
pub const CYCLE_KINDS: usize = 11;

/// Runs `cycles` connect / emit / drop cycles on `emitter`, rotating through every kind of
/// stream and every way a stream ends, with `payload` carried in items. Afterwards nothing
/// should be connected and every reference should be back: that is what the leak tests check.
pub fn churn(emitter: &Emitter, payload: &glib::Object, cycles: usize) {
    use futures::FutureExt;
    use glib_signal_stream::{prelude::*, BufferPolicy};
    use std::{num::NonZeroUsize, task::Poll};

    for i in 0..cycles {
        let n = i as u64;
        match i % CYCLE_KINDS {
            // Dropped with an item still queued.
            0 => {
                let stream = emitter.connect_stream("tick");
                emitter.tick(n);
                assert_eq!(stream.len(), 1);
            }
            // Partly consumed.
            1 => {
                let mut stream = emitter.connect_stream_typed::<(u64,)>("tick");
                emitter.tick(n);
                emitter.tick(n + 1);
                assert_eq!(poll_once(&mut stream), Poll::Ready(Some((n,))));
            }
            // A future that resolves (and disconnected itself inside the emission).
            2 => {
                let future = emitter.signal_future("tick");
                emitter.tick(n);
                let args = future.now_or_never().expect("resolved").expect("an item");
                assert_eq!(value_of(&args), n);
            }
            // A future dropped while pending.
            3 => {
                let mut future = emitter.signal_future("tick");
                assert!(poll_future_once(&mut future).is_pending());
            }
            // A property stream.
            4 => {
                let mut stream = emitter.property_stream::<u64>("count");
                emitter.set_count(n);
                assert_eq!(poll_once(&mut stream), Poll::Ready(Some(n)));
            }
            // A Send stream.
            5 => {
                let stream = emitter
                    .signal_stream_builder("tick")
                    .typed::<(u64,)>()
                    .send()
                    .build();
                emitter.tick(n);
                assert_eq!(stream.len(), 1);
            }
            // Items holding an object, dropped unconsumed with the stream.
            6 => {
                let stream = emitter.connect_stream_typed::<(glib::Object,)>("carry");
                emitter.carry(payload);
                emitter.carry(payload);
                assert_eq!(stream.len(), 2);
            }
            // A return-value handler answering the emitter.
            7 => {
                let stream = emitter
                    .signal_stream_builder("ask")
                    .answer(|_| true)
                    .build();
                assert!(emitter.ask(i as i32));
                assert_eq!(stream.len(), 1);
            }
            // A bounded policy evicting items that hold an object.
            8 => {
                let one = NonZeroUsize::MIN;
                let stream = emitter
                    .signal_stream_builder("carry")
                    .policy(BufferPolicy::DropOldest(one))
                    .typed::<(glib::Object,)>()
                    .build();
                for _ in 0..3 {
                    emitter.carry(payload);
                }
                assert_eq!(stream.dropped_count(), 2);
            }
            // Disconnected by hand, then drained to its end.
            9 => {
                let mut stream = emitter.connect_stream("tick");
                emitter.tick(n);
                stream.disconnect();
                let (items, ended) = drain(&mut stream);
                assert_eq!((items.len(), ended), (1, true));
            }
            // A short-lived emitter disposed under its stream, which ends after its item.
            _ => {
                let short = Emitter::new();
                let mut stream = short.connect_stream_typed::<(glib::Object,)>("carry");
                short.carry(payload);
                drop(short);
                let (items, ended) = drain(&mut stream);
                assert_eq!((items.len(), ended), (1, true));
            }
        }
    }
}
