//! Threads: `Send` streams take emissions from any thread and can be polled anywhere; local
//! streams drop (with a critical) what is emitted on another thread.

mod common;

use std::{cell::Cell, rc::Rc, sync::mpsc, thread, time::Duration};

use common::{block_on, receive_within, Emitter, SAFETY_TIMEOUT};
use futures::StreamExt;
use glib::prelude::*;
use glib::ControlFlow;
use glib_signal_stream::prelude::*;

#[test]
fn four_threads_emitting_into_one_send_stream_lose_nothing_and_keep_each_threads_order() {
    const THREADS: u64 = 4;
    // scripts/leak-check.sh runs this test under valgrind with fewer items.
    let per_thread: u64 = std::env::var("THREADS_PER_THREAD")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(250_000);
    let obj = Emitter::new();
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();

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
                for seq in 0..per_thread {
                    obj.tick((thread_id << 32) | seq);
                }
            });
        }
    });
    drop(obj);
    let items = receive_within("the items of the four threads", &received);
    consumer.join().unwrap();

    assert_each_threads_order(
        items.into_iter().map(|n| (n >> 32, n & 0xffff_ffff)),
        THREADS,
        per_thread,
    );
}

/// Checks that `items`, as `(thread, seq)`, hold `per_thread` items of each of `threads`
/// threads, each thread's in the order it emitted them.
#[track_caller]
fn assert_each_threads_order(
    items: impl IntoIterator<Item = (u64, u64)>,
    threads: u64,
    per_thread: u64,
) {
    let mut next = vec![0u64; threads as usize];
    for (thread_id, seq) in items {
        let expected = &mut next[thread_id as usize];
        assert_eq!(
            seq, *expected,
            "thread {thread_id}: item {seq} queued where item {expected} was due"
        );
        *expected += 1;
    }
    assert_eq!(next, vec![per_thread; threads as usize]);
}

/// Items of a `Send` stream whose return-value handler runs in each emission keep each
/// emitting thread's order too, while the threads' handlers overlap.
#[test]
fn threads_emitting_into_a_send_stream_with_a_return_value_handler_keep_each_threads_order() {
    const THREADS: u64 = 2;
    const PER_THREAD: u64 = 50_000;
    let obj = Emitter::new();
    let asks = obj
        .signal_stream_builder("ask")
        .typed::<(i32,)>()
        .answer(|&(n,)| n % 2 == 0)
        .send()
        .build();
    let consumer = thread::spawn(move || futures::executor::block_on(asks.collect::<Vec<_>>()));
    thread::scope(|scope| {
        for thread_id in 0..THREADS {
            let obj = &obj;
            scope.spawn(move || {
                for seq in 0..PER_THREAD {
                    let n = (thread_id * PER_THREAD + seq) as i32;
                    assert_eq!(obj.ask(n), n % 2 == 0);
                }
            });
        }
    });
    drop(obj);
    let items = consumer.join().unwrap();
    let items = items.into_iter().map(|(n,)| {
        let n = n as u64;
        (n / PER_THREAD, n % PER_THREAD)
    });
    assert_each_threads_order(items, THREADS, PER_THREAD);
}

#[test]
fn send_stream_polled_on_plain_thread_while_main_loop_emits() {
    const COUNT: u64 = 20;
    let context = glib::MainContext::new();
    let main_loop = glib::MainLoop::new(Some(&context), false);
    let obj = Emitter::new();
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();

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
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();
    obj.tick(1); // an item queued when the stream goes
    thread::spawn(move || drop(ticks)).join().unwrap();
    assert!(!obj.has_handler("tick"));
    obj.tick(2); // nothing left to deliver to
}

#[test]
fn send_stream_ends_when_emitter_disposed_on_another_thread() {
    let obj = Emitter::new();
    let ticks = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .build();
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
fn local_return_handler_is_not_called_from_another_thread() {
    let obj = Emitter::new();
    let calls = Rc::new(Cell::new(0));
    let counted = calls.clone();
    let _computes = obj
        .signal_stream_builder("compute")
        .answer(move |_| {
            counted.set(counted.get() + 1);
            7
        })
        .build();
    let foreign_answer = thread::scope(|scope| scope.spawn(|| obj.compute(1)).join().unwrap());
    assert_eq!(foreign_answer, 0);
    assert_eq!(calls.get(), 0);
}

/// The `Send` flavour's return-value handler answers on whatever thread emits, and the items
/// of every thread reach a stream consumed on yet another thread's executor.
#[test]
fn send_stream_with_return_answers_emissions_from_several_threads() {
    let obj = Emitter::new();
    let asks = obj
        .signal_stream_builder("ask")
        .typed::<(i32,)>()
        .answer(|&(n,)| n % 2 == 0)
        .send()
        .build();
    let answers: Vec<(i32, bool)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|t| {
                let obj = &obj;
                scope.spawn(move || {
                    (t * 10..t * 10 + 5)
                        .map(|n| (n, obj.ask(n)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    drop(obj);
    let mut items =
        thread::spawn(move || futures::executor::block_on(asks.map(|(n,)| n).collect::<Vec<_>>()))
            .join()
            .unwrap();

    assert!(answers.iter().all(|&(n, answer)| answer == (n % 2 == 0)));
    items.sort_unstable();
    let mut expected: Vec<i32> = answers.iter().map(|&(n, _)| n).collect();
    expected.sort_unstable();
    assert_eq!(items, expected);
}

#[test]
fn send_signal_future_resolves_on_an_emission_from_another_thread() {
    let obj = Emitter::new();
    let next_tick = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .future()
        .build();
    let waiter = thread::spawn(move || futures::executor::block_on(next_tick));
    let emitter = obj.clone();
    thread::spawn(move || emitter.tick(7)).join().unwrap();
    assert_eq!(waiter.join().unwrap(), Some((7,)));
}

#[test]
fn send_signal_future_resolves_to_none_when_the_emitter_dies_first() {
    let obj = Emitter::new();
    let next_tick = obj
        .signal_stream_builder("tick")
        .typed::<(u64,)>()
        .send()
        .future()
        .build();
    thread::spawn(move || drop(obj)).join().unwrap();
    let got = thread::spawn(move || futures::executor::block_on(next_tick))
        .join()
        .unwrap();
    assert_eq!(got, None);
}

/// A property changed on several threads: the stream, consumed on another thread's executor,
/// starts with the current value and ends with the last one set.
#[test]
fn send_property_stream_follows_changes_from_several_threads() {
    let obj = Emitter::new();
    let levels = obj
        .signal_stream_builder("notify::level")
        .property::<i32>()
        .send()
        .build();
    thread::scope(|scope| {
        for t in 1..=4 {
            let obj = &obj;
            scope.spawn(move || obj.set_property("level", t));
        }
    });
    let last = obj.property::<i32>("level");
    let emitter = levels.emitter();
    assert_eq!(
        emitter.as_ref(),
        Some(&obj),
        "the emitter, with its own type"
    );
    drop(emitter);
    drop(obj);
    let seen = thread::spawn(move || futures::executor::block_on(levels.collect::<Vec<_>>()))
        .join()
        .unwrap();
    assert_eq!(seen.last(), Some(&last), "{seen:?}");
}

/// A task tied to an object on a worker thread must not register GTK's widget type there:
/// GTK 4 registers it on first use without a lock, so a worker doing it while the GTK thread
/// first uses a widget breaks GTK ("cannot register existing type 'GtkWidget'"). Nothing in
/// this test binary uses GTK, so the type stays unregistered unless `spawn_local` asks for it.
#[test]
fn spawn_local_on_a_worker_thread_leaves_gtk_types_alone() {
    thread::spawn(|| {
        let context = glib::MainContext::new();
        context
            .with_thread_default(|| {
                let obj = Emitter::new();
                let task = obj.spawn_local(async { 7 });
                assert_eq!(context.block_on(task).unwrap(), Some(7));
            })
            .unwrap();
    })
    .join()
    .unwrap();
    assert_eq!(glib::Type::from_name("GtkWidget"), None);
}
