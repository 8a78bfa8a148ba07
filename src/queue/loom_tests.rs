//! Model checks of the threaded queue under every interleaving loom explores:
//! `RUSTFLAGS="--cfg glib_signal_stream_loom" cargo test --release --lib --no-default-features
//! queue::loom_tests` (in its own target directory: the flag rebuilds every dependency).
//!
//! `loom::future::block_on` parks until woken, so a lost wakeup (an item pushed, or the queue
//! closed, between the consumer finding it empty and registering its waker) is reported as a
//! deadlock.

use std::future::poll_fn;

use loom::{future::block_on, thread};

use super::{send_if_empty, Arc, BufferPolicy, InOrder, QueueLock, Sender, Threaded};

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

/// Two threads emit, with a return-value handler ([`InOrder`]): one thread's items stay in
/// its order even when the other thread, the last handler to return, queues the place the
/// first one reserved while the first goes on emitting.
#[test]
fn answered_emissions_keep_each_threads_order() {
    loom::model(|| {
        let queue = Flavor::new_queue::<u32>(BufferPolicy::Unbounded);
        let sender = Arc::new(Sender::<u32, Flavor>::new(queue.clone()));
        let order = Arc::new(InOrder::new());
        let other = thread::spawn({
            let (sender, order) = (sender.clone(), order.clone());
            move || order.run(10, |_| (), &*sender)
        });
        order.run(1, |_| (), &*sender);
        order.run(2, |_| (), &*sender);
        other.join().unwrap();
        let items = Vec::from(Flavor::try_with(&queue, |b| b.take_queued()).unwrap());
        let mine: Vec<u32> = items.iter().copied().filter(|&n| n < 10).collect();
        assert_eq!(mine, [1, 2], "all items: {items:?}");
        assert_eq!(items.len(), 3);
    });
}

/// A property stream connects while another thread changes the property: the stream's
/// handler is connected, then the value read and queued unless the handler queued one.
/// Whatever the interleaving, the latest value queued is the property's last.
///
/// GLib connects a handler and looks up an emission's handlers under its signal lock: that
/// lock is `connected` here (loom models `SeqCst` atomics as acquire/release only, which would
/// not order the two threads' accesses the way the lock does).
#[test]
fn a_property_changed_while_its_stream_connects_ends_at_its_last_value() {
    use loom::sync::{
        atomic::{AtomicU32, Ordering::SeqCst},
        Mutex,
    };

    loom::model(|| {
        let property = Arc::new(AtomicU32::new(0));
        let connected = Arc::new(Mutex::new(false));
        let queue = Flavor::new_queue::<u32>(BufferPolicy::Latest);
        // The handler's: it lives as long as the connection, not one emission.
        let sender = Arc::new(Sender::<u32, Flavor>::new(queue.clone()));
        let setter = thread::spawn({
            let (property, connected, sender) =
                (property.clone(), connected.clone(), sender.clone());
            move || {
                // `set_property` stores the value, then emits `notify` to the handlers
                // connected by then, which read the property.
                property.store(7, SeqCst);
                if *connected.lock().unwrap() {
                    sender.send(property.load(SeqCst));
                }
            }
        });
        *connected.lock().unwrap() = true;
        send_if_empty::<u32, Flavor>(&queue, property.load(SeqCst));
        setter.join().unwrap();
        let latest = Flavor::try_with(&queue, |b| b.pop()).unwrap();
        assert_eq!(latest, Some(7));
    });
}
