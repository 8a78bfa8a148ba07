//! `glib::MainContext` as a futures executor: the ground every signal stream runs on.
//!
//! The foundation (1 of 4, see the README's "The foundation: GLib's futures"): what glib
//! and gio already make async, which this crate builds on. It does not use this crate.
//!
//! Shows `spawn` of a `Send` future from another thread, `spawn_local` of a future that is not
//! `Send`, `block_on` returning a value, and plain `futures` building blocks (`lazy`, oneshot
//! and mpsc channels, combinators) running on GLib's main loop. Exits by itself.
//!
//! ```sh
//! cargo run --example executor
//! ```

use std::{cell::RefCell, rc::Rc, thread};

use futures::{
    channel::{mpsc, oneshot},
    future, FutureExt, StreamExt,
};

fn main() {
    let context = glib::MainContext::default();

    // block_on runs the context until the future completes and hands back its value.
    let answer = context.block_on(future::lazy(|_| 6 * 7));
    println!("block_on: lazy future returned {answer}");

    // A future that is not Send (it holds an Rc) runs on this thread with spawn_local.
    let log = Rc::new(RefCell::new(Vec::new()));
    let local = context.spawn_local({
        let log = Rc::clone(&log);
        async move {
            log.borrow_mut().push("spawn_local ran");
            log.borrow().len()
        }
    });

    // A Send future can be spawned from any thread; it still runs here, on the thread that
    // iterates the context. It reports back through a oneshot channel.
    let (done_tx, done_rx) = oneshot::channel();
    let spawner = thread::spawn({
        let context = context.clone();
        move || {
            context.spawn(async move {
                let name = thread::current().name().unwrap_or("unnamed").to_owned();
                let _ = done_tx.send(name);
            });
        }
    });
    spawner.join().expect("the spawning thread panicked");

    // An mpsc channel fed by a worker thread, consumed as a stream with combinators.
    let (tx, rx) = mpsc::unbounded::<u32>();
    let worker = thread::spawn(move || {
        for n in 1..=5 {
            tx.unbounded_send(n).expect("the receiver is alive");
        }
        // Dropping tx ends the stream.
    });

    let sum = context.block_on(async {
        let ran = local.await.expect("spawn_local future completed");
        println!("spawn_local: {} (log has {ran} entry)", log.borrow()[0]);

        let thread_name = done_rx.await.expect("the spawned future sent its result");
        println!("spawn from another thread: ran on thread '{thread_name}'");

        rx.filter(|n| future::ready(n % 2 == 1))
            .map(|n| n * 10)
            .fold(0, |acc, n| future::ready(acc + n))
            .map(|sum| sum + 1)
            .await
    });
    worker.join().expect("the worker thread panicked");
    println!("mpsc stream: odd numbers of 1..=5, times 10, summed, plus 1 = {sum}");
    println!("done");
}
