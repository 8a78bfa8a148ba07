//! Streams tied to an object's life: `with_weak` and `take_until_disposed` hold the object
//! weakly, and end when it is disposed, woken by the disposal itself.

mod common;

use std::{
    sync::Arc,
    task::{Context, Poll},
};

use common::{drain, receive_within, Emitter, WakeCounter};
use futures::{stream, stream::FusedStream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn with_weak_yields_each_item_with_the_object() {
    let emitter = Emitter::new();
    let owner = Emitter::new();
    let mut ticks = emitter
        .connect_stream_typed::<(u64,)>("tick")
        .with_weak(&owner);
    emitter.tick(1);
    emitter.tick(2);
    let (items, ended) = drain(&mut ticks);
    assert!(!ended);
    assert_eq!(items.len(), 2);
    for ((obj, item), n) in items.into_iter().zip([1, 2]) {
        assert_eq!(obj, owner); // typed as the object's own type
        assert_eq!(item, (n,));
    }
}

#[test]
fn with_weak_does_not_keep_the_object_alive() {
    let owner = Emitter::new();
    let weak = owner.downgrade();
    let ticks = stream::pending::<()>().with_weak(&owner);
    drop(owner);
    assert!(weak.upgrade().is_none());
    drop(ticks);
}

#[test]
fn with_weak_ends_when_the_object_is_finalized_without_an_item() {
    let owner = Emitter::new();
    let mut items = stream::pending::<()>().with_weak(&owner);
    let (wakes, waker) = WakeCounter::waker();
    let mut cx = Context::from_waker(&waker);
    assert_eq!(items.poll_next_unpin(&mut cx), Poll::Pending);

    drop(owner);
    assert_eq!(wakes.wakes(), 1, "the disposal woke the task");
    assert_eq!(items.poll_next_unpin(&mut cx), Poll::Ready(None));
    assert!(items.is_terminated());
}

#[test]
fn with_weak_ends_when_the_object_is_disposed_while_referenced() {
    let owner = Emitter::new();
    let emitter = Emitter::new();
    let mut ticks = emitter
        .connect_stream_typed::<(u64,)>("tick")
        .with_weak(&owner);
    emitter.tick(1);
    owner.dispose_now(); // still referenced: what `g_object_run_dispose` does
    emitter.tick(2);
    assert_eq!(drain(&mut ticks), (vec![], true));
}

#[test]
fn with_weak_ends_with_its_stream() {
    let owner = Emitter::new();
    let mut items = stream::iter([1, 2]).with_weak(&owner);
    let (items, ended) = drain(&mut items);
    assert_eq!(items, [(owner.clone(), 1), (owner.clone(), 2)]);
    assert!(ended);
}

#[test]
fn with_weak_dropped_first_leaves_nothing_to_notify() {
    let owner = Emitter::new();
    let items = {
        let mut items = stream::pending::<()>().with_weak(&owner);
        let (wakes, waker) = WakeCounter::waker();
        assert_eq!(
            items.poll_next_unpin(&mut Context::from_waker(&waker)),
            Poll::Pending
        );
        (items, wakes)
    };
    let (items, wakes) = items;
    assert_eq!(Arc::strong_count(&wakes), 2, "the notify holds the waker");
    drop(items);
    // The waker is gone with the watch...
    assert_eq!(Arc::strong_count(&wakes), 1);
    // ...and the disposal runs no notify of ours.
    drop(owner);
    assert_eq!(wakes.wakes(), 0);
}

#[test]
fn with_weak_holds_the_object_only_while_an_item_is_held() {
    let owner = Emitter::new();
    let mut items = stream::iter([(), ()]).with_weak(&owner);
    let refs = owner.ref_count();
    let (obj, ()) = futures::executor::block_on(items.next()).expect("an item");
    assert_eq!(owner.ref_count(), refs + 1);
    drop(obj);
    assert_eq!(owner.ref_count(), refs);
}

#[test]
fn with_weak_ends_when_the_object_is_disposed_on_another_thread() {
    let owner = Emitter::new();
    let mut items = stream::pending::<()>().with_weak(&owner);
    let (wakes, waker) = WakeCounter::waker();
    let mut cx = Context::from_waker(&waker);
    assert_eq!(items.poll_next_unpin(&mut cx), Poll::Pending);

    std::thread::spawn(move || drop(owner))
        .join()
        .expect("the notify ran on the other thread without panicking");
    assert_eq!(wakes.wakes(), 1);
    assert_eq!(items.poll_next_unpin(&mut cx), Poll::Ready(None));
}

#[test]
fn take_until_disposed_passes_items_through() {
    let emitter = Emitter::new();
    let owner = Emitter::new();
    let mut ticks = emitter
        .connect_stream_typed::<(u64,)>("tick")
        .take_until_disposed(&owner);
    emitter.tick(1);
    emitter.tick(2);
    assert_eq!(drain(&mut ticks), (vec![(1,), (2,)], false));
}

#[test]
fn take_until_disposed_ends_when_the_object_is_finalized_without_an_item() {
    let owner = Emitter::new();
    let weak = owner.downgrade();
    let mut items = stream::pending::<()>().take_until_disposed(&owner);
    let (wakes, waker) = WakeCounter::waker();
    let mut cx = Context::from_waker(&waker);
    assert_eq!(items.poll_next_unpin(&mut cx), Poll::Pending);

    drop(owner);
    assert!(weak.upgrade().is_none(), "the stream held the object");
    assert_eq!(wakes.wakes(), 1);
    assert!(items.is_disposed());
    assert_eq!(items.poll_next_unpin(&mut cx), Poll::Ready(None));
    assert!(items.is_terminated());
}

#[test]
fn take_until_disposed_ends_when_the_object_is_disposed_while_referenced() {
    let owner = Emitter::new();
    let mut items = stream::pending::<()>().take_until_disposed(&owner);
    owner.dispose_now();
    assert_eq!(drain(&mut items), (vec![], true));
    drop(items); // after the notify ran: nothing to remove, no critical, no double free
    drop(owner);
}

#[test]
fn take_until_disposed_drops_what_is_queued_when_the_object_goes() {
    let emitter = Emitter::new();
    let owner = Emitter::new();
    let mut ticks = emitter
        .connect_stream_typed::<(u64,)>("tick")
        .take_until_disposed(&owner);
    emitter.tick(1);
    drop(owner);
    assert_eq!(drain(&mut ticks), (vec![], true));
}

/// Dropped on this thread while another thread is disposing the object, after GLib has taken
/// the object's weak-reference notifies out to run them and before it runs ours: the drop
/// unregisters nothing from GLib (there is nothing left to find, and the notify's data is
/// about to be used), so GLib warns of nothing and nothing is freed twice.
#[test]
fn dropped_while_another_thread_disposes_the_object() {
    let warnings = Arc::new(std::sync::Mutex::new(Vec::new()));
    let handler = glib::log_set_handler(
        Some("GLib-GObject"),
        glib::LogLevels::LEVEL_WARNING | glib::LogLevels::LEVEL_CRITICAL,
        false,
        false,
        {
            let warnings = warnings.clone();
            move |_, _, message| warnings.lock().unwrap().push(message.to_owned())
        },
    );
    for tie in ["with_weak", "take_until_disposed"] {
        let owner = Emitter::new();
        let (in_dispose, entered) = std::sync::mpsc::channel();
        let (dropped, may_go_on) = std::sync::mpsc::channel::<()>();
        // Registered first, so GLib runs it first in the dispose: it holds the disposal
        // there until the stream is dropped.
        let hold = owner.add_weak_ref_notify(move || {
            in_dispose.send(()).unwrap();
            may_go_on.recv().unwrap();
        });
        let items: Box<dyn futures::Stream<Item = ()> + Unpin> = match tie {
            "with_weak" => Box::new(stream::pending::<()>().with_weak(&owner).map(|_| ())),
            _ => Box::new(stream::pending::<()>().take_until_disposed(&owner)),
        };
        let disposer = std::thread::spawn({
            let owner = owner.clone();
            move || owner.dispose_now()
        });
        receive_within("the disposal to begin", &entered);
        drop(items);
        dropped.send(()).unwrap();
        disposer.join().unwrap();
        drop(hold); // its notify ran: only its weak reference is left to drop
    }
    glib::log_remove_handler(Some("GLib-GObject"), handler);
    assert_eq!(*warnings.lock().unwrap(), Vec::<String>::new());
}

/// Several objects at once, as a tuple: each item comes with all of them, upgraded.
#[test]
fn with_weak_on_a_tuple_yields_every_object_and_ends_when_any_is_disposed() {
    let emitter = Emitter::new();
    let (entry, label) = (Emitter::new(), glib::Object::new::<glib::Object>());
    let mut ticks = emitter.ticks().with_weak((&entry, &label));
    emitter.tick(1);
    let (items, ended) = drain(&mut ticks);
    assert!(!ended);
    assert_eq!(items, [((entry.clone(), label.clone()), 1)]);
    drop(items);

    let (wakes, waker) = WakeCounter::waker();
    let mut cx = Context::from_waker(&waker);
    assert_eq!(ticks.poll_next_unpin(&mut cx), Poll::Pending);
    let weak = label.downgrade();
    drop(label); // the second object goes: the task is woken and the stream ends
    assert!(weak.upgrade().is_none(), "not kept alive by the stream");
    assert_eq!(wakes.wakes(), 1);
    assert_eq!(ticks.poll_next_unpin(&mut cx), Poll::Ready(None));
    assert!(ticks.is_terminated());
}

#[test]
fn take_until_disposed_on_a_tuple_ends_with_the_first_object_to_go() {
    let emitter = Emitter::new();
    let (window, settings) = (Emitter::new(), Emitter::new());
    let mut ticks = emitter.ticks().take_until_disposed((&window, &settings));
    emitter.tick(1);
    assert_eq!(drain(&mut ticks), (vec![1], false));
    window.dispose_now();
    emitter.tick(2);
    assert_eq!(drain(&mut ticks), (vec![], true));
    assert!(ticks.is_disposed());
}

/// In a subclass, what `self.obj()` returns is taken as it is.
#[test]
fn with_weak_takes_what_self_obj_returns() {
    use glib::subclass::prelude::*;

    let emitter = Emitter::new();
    let owner = Emitter::new();
    let mut ticks = emitter.ticks().with_weak(owner.imp().obj());
    emitter.tick(1);
    assert_eq!(drain(&mut ticks), (vec![(owner.clone(), 1)], false));
    drop(owner);
    assert_eq!(drain(&mut ticks), (vec![], true));
}
