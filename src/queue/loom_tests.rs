//! Model checks of the threaded queue under every interleaving loom explores:
//! `RUSTFLAGS="--cfg glib_signal_stream_loom" cargo test --release --lib --no-default-features
//! queue::loom_tests` (in its own target directory: the flag rebuilds every dependency).
//!
//! `loom::future::block_on` parks until woken, so a lost wakeup (an item pushed, or the queue
//! closed, between the consumer finding it empty and registering its waker) is reported as a
//! deadlock.

use std::future::poll_fn;

use loom::{future::block_on, thread};

use super::{BufferPolicy, QueueLock, Sender, Threaded};

type Flavor = Threaded<glib::Object>;

#[test]
fn every_item_arrives_in_order_and_closing_wakes_the_consumer() {
    loom::model(|| {
        let queue = Flavor::new_queue::<u32>(BufferPolicy::Unbounded);
        let sender = Sender::<u32, Flavor>::new(queue.clone());
        let producer = thread::spawn(move || {
            sender.send(1);
            sender.send(2);
            drop(sender); // closes the queue
        });
        let items = block_on(async {
            let mut items = Vec::new();
            while let Some(item) = poll_fn(|cx| Flavor::pop_or_register(&queue, cx)).await {
                items.push(item);
            }
            items
        });
        producer.join().unwrap();
        assert_eq!(items, [1, 2]);
    });
}

#[test]
fn a_bounded_queue_counts_what_it_discards() {
    loom::model(|| {
        let cap = std::num::NonZeroUsize::new(1).unwrap();
        let queue = Flavor::new_queue::<u32>(BufferPolicy::DropOldest(cap));
        let sender = Sender::<u32, Flavor>::new(queue.clone());
        let producer = thread::spawn(move || {
            sender.send(1);
            sender.send(2);
        });
        let received = block_on(async {
            let mut received = 0;
            while poll_fn(|cx| Flavor::pop_or_register(&queue, cx))
                .await
                .is_some()
            {
                received += 1;
            }
            received
        });
        producer.join().unwrap();
        let dropped = Flavor::try_with(&queue, |b| b.dropped()).unwrap();
        assert_eq!(received + dropped, 2);
    });
}

#[test]
fn abandoning_while_the_producer_sends_loses_nothing_but_the_items() {
    loom::model(|| {
        let queue = Flavor::new_queue::<u32>(BufferPolicy::Unbounded);
        let sender = Sender::<u32, Flavor>::new(queue.clone());
        let producer = thread::spawn(move || {
            sender.send(1);
            drop(sender);
        });
        Flavor::abandon(&queue);
        producer.join().unwrap();
        let (len, closed) = Flavor::try_with(&queue, |b| (b.len(), b.is_closed())).unwrap();
        assert_eq!((len, closed), (0, true));
    });
}
