//! Threads: `Send` streams take emissions from any thread and can be polled anywhere; local
//! streams drop (with a critical) what is emitted on another thread.

mod common;

use std::{cell::Cell, rc::Rc, sync::mpsc, thread, time::Duration};

use common::{block_on, critical_logged, Emitter, SAFETY_TIMEOUT};
use futures::StreamExt;
use glib::ControlFlow;
use glib_signal_stream::prelude::*;

/// Waits for a result from another thread; fails the test rather than hang.
fn receive<T>(results: &mpsc::Receiver<T>) -> T {
    results
        .recv_timeout(SAFETY_TIMEOUT)
        .expect("the other thread did not finish in time")
}

#[test]
fn four_threads_emitting_into_one_send_stream_lose_nothing_and_keep_each_threads_order() {
    const THREADS: u64 = 4;
    const PER_THREAD: u64 = 250_000;
    let obj = Emitter::new();
    let ticks = obj.connect_stream_send::<(u64,)>("tick");

    // Consume concurrently on a plain thread; the stream ends when the emitter is disposed.
    let (results, received) = mpsc::channel();
    let consumer = thread::spawn(move || {
        let items: Vec<u64> = futures::executor::block_on(ticks.map(|(n,)| n).collect());
        results.send(items).unwrap();
    });
    thread::scope(|scope| {
        for thread_id in 0..THREADS {
            let obj = &obj;
            scope.spawn(move || {
                for seq in 0..PER_THREAD {
                    obj.tick((thread_id << 32) | seq);
                }
            });
        }
    });
    drop(obj);
    let items = receive(&received);
    consumer.join().unwrap();

    assert_eq!(items.len() as u64, THREADS * PER_THREAD);
    let mut next = [0u64; THREADS as usize];
    for n in items {
        let (thread_id, seq) = ((n >> 32) as usize, n & 0xffff_ffff);
        assert_eq!(
            seq, next[thread_id],
            "thread {thread_id}'s items out of order"
        );
        next[thread_id] += 1;
    }
    assert_eq!(next, [PER_THREAD; THREADS as usize]);
}

#[test]
fn send_stream_polled_on_plain_thread_while_main_loop_emits() {
    const COUNT: u64 = 20;
    let context = glib::MainContext::new();
    let main_loop = glib::MainLoop::new(Some(&context), false);
    let obj = Emitter::new();
    let ticks = obj.connect_stream_send::<(u64,)>("tick");

    let consumer = {
        let main_loop = main_loop.clone();
        thread::spawn(move || {
            let items: Vec<u64> =
                futures::executor::block_on(ticks.map(|(n,)| n).take(COUNT as usize).collect());
            main_loop.quit();
            items
        })
    };
    let emitter = {
        let obj = obj.clone();
        let mut n = 0;
        glib::timeout_source_new(
            Duration::from_millis(1),
            None,
            glib::Priority::DEFAULT,
            move || {
                obj.tick(n);
                n += 1;
                if n == COUNT {
                    ControlFlow::Break
                } else {
                    ControlFlow::Continue
                }
            },
        )
    };
    emitter.attach(Some(&context));
    let safety = {
        let main_loop = main_loop.clone();
        glib::timeout_source_new(SAFETY_TIMEOUT, None, glib::Priority::DEFAULT, move || {
            main_loop.quit();
            ControlFlow::Break
        })
    };
    safety.attach(Some(&context));
    context
        .with_thread_default(|| main_loop.run())
        .expect("the test thread owns its context");
    safety.destroy();
    emitter.destroy();
    drop(obj); // ends the stream if the consumer is still waiting

    let items = consumer.join().unwrap();
    assert_eq!(items, (0..COUNT).collect::<Vec<_>>());
}

#[test]
fn send_stream_dropped_on_another_thread_disconnects() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_send::<(u64,)>("tick");
    thread::spawn(move || drop(ticks)).join().unwrap();
    assert!(!obj.has_handler("tick"));
}

#[test]
fn send_stream_ends_when_emitter_disposed_on_another_thread() {
    let obj = Emitter::new();
    let ticks = obj.connect_stream_send::<(u64,)>("tick");
    thread::spawn(move || {
        obj.tick(1);
        drop(obj);
    })
    .join()
    .unwrap();
    let items: Vec<(u64,)> = block_on(ticks.collect());
    assert_eq!(items, [(1,)]);
}

#[test]
fn local_stream_drops_emission_from_another_thread_with_critical() {
    common::criticals();
    let obj = Emitter::new();
    let ticks = obj.connect_stream_typed::<(u64,)>("tick");
    thread::scope(|scope| {
        scope.spawn(|| obj.tick(1));
    });
    assert_eq!(ticks.len(), 0, "the foreign emission was queued");
    assert!(critical_logged(&["'tick'", "another thread"]));
}

#[test]
fn local_stream_keeps_delivering_own_thread_emissions_after_foreign_one() {
    let obj = Emitter::new();
    let mut triples = obj.connect_stream_typed::<(i32, String, bool)>("triple");
    thread::scope(|scope| {
        scope.spawn(|| obj.triple(1, "foreign", false));
    });
    obj.triple(2, "local", true);
    assert_eq!(
        block_on(triples.next()),
        Some((2, "local".to_owned(), true))
    );
    assert!(triples.is_empty());
}

#[test]
fn foreign_thread_emission_on_local_stream_with_return_gets_default_value() {
    common::criticals();
    let obj = Emitter::new();
    let asks = obj.connect_stream_with_return("ask", |_| true);
    let foreign_answer = thread::scope(|scope| scope.spawn(|| obj.ask(1)).join().unwrap());
    assert!(
        !foreign_answer,
        "the emitter should get the default value (false)"
    );
    assert!(asks.is_empty());
    assert!(critical_logged(&["'ask'", "another thread"]));
    assert!(
        obj.ask(2),
        "emissions on the connecting thread are still answered"
    );
}

#[test]
fn local_return_handler_is_not_called_from_another_thread() {
    let obj = Emitter::new();
    let calls = Rc::new(Cell::new(0));
    let counted = calls.clone();
    let _computes = obj.connect_stream_with_return("compute", move |_| {
        counted.set(counted.get() + 1);
        7
    });
    let foreign_answer = thread::scope(|scope| scope.spawn(|| obj.compute(1)).join().unwrap());
    assert_eq!(foreign_answer, 0);
    assert_eq!(calls.get(), 0);
}
