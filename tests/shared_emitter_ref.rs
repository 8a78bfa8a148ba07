//! The streams of one emitter share one weak reference (kept in the emitter's qdata): each
//! still disconnects only its own handler, none keeps the emitter alive, and all end when it
//! is disposed, in whatever order they are dropped.
//!
//! Tests run on parallel threads: each uses its own `MainContext`, not the default one.

use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::prelude::*;

fn activations(
    action: &gio::SimpleAction,
) -> glib_signal_stream::SignalStream<(Option<glib::Variant>,)> {
    action.connect_stream_typed::<(Option<glib::Variant>,)>("activate")
}

#[test]
fn dropping_one_stream_leaves_the_others_connected() {
    let action = gio::SimpleAction::new("a", None);
    let mut streams: Vec<_> = (0..5).map(|_| activations(&action)).collect();
    drop(streams.remove(2));
    drop(streams.remove(0));
    action.activate(None);
    for s in &streams {
        assert!(s.is_connected());
        assert_eq!(s.len(), 1);
        assert_eq!(
            s.emitter().as_ref(),
            Some(action.upcast_ref::<glib::Object>())
        );
    }
}

#[test]
fn streams_do_not_keep_the_emitter_alive_and_all_end() {
    let action = gio::SimpleAction::new("a", None);
    let weak = action.downgrade();
    let mut streams: Vec<_> = (0..4).map(|_| activations(&action)).collect();
    action.activate(None);
    drop(action);
    assert!(weak.upgrade().is_none(), "a stream kept the emitter alive");
    glib::MainContext::new().block_on(async {
        for s in &mut streams {
            assert!(!s.is_connected());
            assert!(s.emitter().is_none());
            assert!(s.next().await.is_some());
            assert!(s.next().await.is_none());
        }
    });
}

#[test]
fn many_streams_dropped_in_any_order() {
    let action = gio::SimpleAction::new("a", None);
    let mut streams: Vec<_> = (0..200).map(|_| Some(activations(&action))).collect();
    // An order that is neither FIFO nor LIFO.
    for i in (0..200).map(|i| (i * 77) % 200) {
        drop(streams[i].take());
    }
    // Every handler is gone, and new streams still work.
    let fresh = activations(&action);
    action.activate(None);
    assert_eq!(fresh.len(), 1);
}

#[test]
fn a_new_emitter_at_a_reused_address_gets_its_own_reference() {
    for _ in 0..100 {
        let action = gio::SimpleAction::new("a", None);
        let mut stream = activations(&action);
        action.activate(None);
        drop(action);
        let got = glib::MainContext::new().block_on(async {
            let first = stream.next().await.is_some();
            first && stream.next().await.is_none()
        });
        assert!(got);
    }
}

#[test]
fn send_streams_share_it_across_threads() {
    let action = gio::Cancellable::new(); // a `Send + Sync` emitter
    let a = action
        .signal_stream_builder("cancelled")
        .typed::<()>()
        .send()
        .build();
    let b = action
        .signal_stream_builder("cancelled")
        .typed::<()>()
        .send()
        .build();
    action.cancel();
    let counts = std::thread::spawn(move || {
        let connected = a.is_connected();
        drop(a); // disconnects from another thread
        (connected, b.len())
    })
    .join()
    .unwrap();
    assert_eq!(counts, (true, 1));
    drop(action);
}
