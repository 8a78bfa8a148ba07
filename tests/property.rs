//! Property streams: the current value first, then only the latest value after changes; the
//! stream ends when the object is disposed.

mod common;

use common::{block_on, Emitter};
use futures::{stream::FusedStream, StreamExt};
use gio::prelude::*;
use glib_signal_stream::prelude::*;

#[test]
fn first_item_is_current_value() {
    let obj = Emitter::new();
    obj.set_property("level", 3);
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(block_on(levels.next()), Some(3));
}

#[test]
fn change_after_first_item_is_delivered() {
    let obj = Emitter::new();
    let mut labels = obj.property_stream::<String>("label");
    assert_eq!(block_on(labels.next()), Some(String::new()));
    obj.set_property("label", "hello");
    assert_eq!(block_on(labels.next()), Some("hello".to_owned()));
}

#[test]
fn many_changes_before_poll_yield_only_latest_value() {
    let obj = Emitter::new();
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(block_on(levels.next()), Some(0));
    for level in 1..=100 {
        obj.set_property("level", level);
    }
    assert_eq!(block_on(levels.next()), Some(100));
    assert_eq!(levels.dropped_count(), 99);
}

#[test]
fn changes_before_first_poll_replace_the_initial_value() {
    let obj = Emitter::new();
    let mut levels = obj.property_stream::<i32>("level");
    obj.set_property("level", 1);
    obj.set_property("level", 2);
    assert_eq!(block_on(levels.next()), Some(2));
}

#[test]
fn changes_of_other_properties_are_not_delivered() {
    let obj = Emitter::new();
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(block_on(levels.next()), Some(0));
    obj.set_property("label", "unrelated");
    obj.set_property("secret", 7u64);
    drop(obj);
    assert_eq!(block_on(levels.next()), None);
}

#[test]
fn ends_when_object_disposed() {
    let obj = Emitter::new();
    obj.set_property("level", 4);
    let mut levels = obj.property_stream::<i32>("level");
    drop(obj);
    block_on(async {
        assert_eq!(levels.next().await, Some(4));
        assert_eq!(levels.next().await, None);
    });
    assert!(levels.is_terminated());
}

#[test]
fn property_stream_as_signal_stream_keeps_latest_policy() {
    let obj = Emitter::new();
    let levels = obj.property_stream::<i32>("level").into_inner();
    obj.set_property("level", 1);
    obj.set_property("level", 2);
    assert_eq!(levels.len(), 1);
    assert_eq!(levels.policy(), glib_signal_stream::BufferPolicy::Latest);
}

/// Guards issue 12, defect 4: a `NULL` that a `String` cannot hold used to vanish silently
/// (NULL → "org.example.A" → NULL yielded only the middle value and logged nothing). It is
/// still not delivered, but each one logs a critical pointing to `Option<T>`.
#[test]
fn null_a_string_cannot_hold_is_not_delivered_and_logs_a_critical() {
    let app = gio::Application::new(None, gio::ApplicationFlags::NON_UNIQUE);
    let ((first, rest), criticals) = common::criticals_during(|| {
        let mut ids = app.property_stream::<String>("application-id"); // NULL now
        app.set_application_id(Some("org.example.A"));
        let first = block_on(ids.next());
        app.set_application_id(None);
        drop(app);
        let rest: Vec<String> = block_on(ids.collect());
        (first, rest)
    });

    assert_eq!(first.as_deref(), Some("org.example.A"));
    assert!(rest.is_empty(), "{rest:?}");
    let about_null: Vec<_> = criticals
        .iter()
        .filter(|m| m.contains("'application-id'") && m.contains("NULL") && m.contains("Option"))
        .collect();
    assert_eq!(about_null.len(), 2, "{criticals:?}");
}

#[test]
fn an_option_stream_delivers_null_as_none() {
    let app = gio::Application::new(None, gio::ApplicationFlags::NON_UNIQUE);
    let ids = app.property_stream::<Option<String>>("application-id");
    app.set_application_id(Some("org.example.A"));
    let first: Vec<_> = block_on(ids.take(1).collect());
    assert_eq!(
        first,
        [Some("org.example.A".to_owned())],
        "the latest value"
    );
    let ids = app.property_stream::<Option<String>>("application-id");
    app.set_application_id(None);
    drop(app);
    assert_eq!(block_on(ids.collect::<Vec<_>>()), [None]);
}

/// Guards issue 12, defect 3: a `notify` emitted with a `GParamSpec` the object does not
/// have used to panic inside the signal marshaller (reading the property by the emitted
/// name) and abort the process. It is ignored with a critical.
#[test]
fn notify_with_a_foreign_param_spec_is_ignored_with_a_critical() {
    let emitter = Emitter::new();
    let (mut levels, criticals) = common::criticals_during(|| {
        let mut levels = emitter.property_stream::<i32>("level");
        assert_eq!(block_on(levels.next()), Some(0));
        let foreign = glib::ParamSpecInt::builder("no-such-property").build();
        let notify = glib::subclass::SignalId::lookup("notify", Emitter::static_type()).unwrap();
        emitter.emit_with_details::<()>(notify, glib::Quark::from_str("level"), &[&foreign]);

        assert!(
            futures::FutureExt::now_or_never(levels.next()).is_none(),
            "nothing delivered"
        );
        levels
    });
    assert!(
        criticals
            .iter()
            .any(|m| m.contains("notify::level") && m.contains("ignored")),
        "{criticals:?}"
    );
    emitter.set_property("level", 3);
    assert_eq!(block_on(levels.next()), Some(3), "the stream still works");
}

/// The property changes while its stream connects (inside the stream's own first read): the
/// stream starts at the new value, not the one it read.
#[test]
fn a_change_made_while_the_stream_connects_is_delivered() {
    let obj = Emitter::new();
    let setter = obj.clone();
    obj.on_next_read(move || setter.set_property("level", 7));
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(obj.property::<i32>("level"), 7);
    assert_eq!(block_on(levels.next()), Some(7));
    assert_eq!(levels.dropped_count(), 0);
}

/// The same for a `Send` stream, the property changed on another thread while it connects.
#[test]
fn a_change_made_on_another_thread_while_a_send_stream_connects_is_delivered() {
    let obj = Emitter::new();
    let setter = obj.clone();
    obj.on_next_read(move || {
        std::thread::spawn(move || setter.set_property("level", 7))
            .join()
            .unwrap();
    });
    let mut levels = obj
        .signal_stream_builder("notify::level")
        .property::<i32>()
        .send()
        .build();
    assert_eq!(obj.property::<i32>("level"), 7);
    assert_eq!(block_on(levels.next()), Some(7));
    assert_eq!(levels.dropped_count(), 0);
}

/// A notification's read of the property is overtaken by a newer change: the stream still
/// ends at the newer value, and the one read earlier counts as dropped. (`notify` is
/// `G_SIGNAL_NO_RECURSE`: GLib runs the newer change's handlers once the running emission's
/// have returned, restarting that emission, also when the change comes from another thread;
/// so a stale value read in a handler is always queued before the newer one.)
#[test]
fn a_stale_read_does_not_replace_a_newer_value() {
    let obj = Emitter::new();
    let mut levels = obj.property_stream::<i32>("level");
    assert_eq!(block_on(levels.next()), Some(0));
    let setter = obj.clone();
    // The handler of the first change reads 1, and before it queues it, 2 is set.
    obj.on_next_read(move || setter.set_property("level", 2));
    obj.set_property("level", 1);
    assert_eq!(obj.property::<i32>("level"), 2);
    assert_eq!(block_on(levels.next()), Some(2));
    assert_eq!(levels.dropped_count(), 1);
}

/// The same for a `Send` stream, the newer change made on another thread.
#[test]
fn a_stale_read_does_not_replace_a_newer_value_set_on_another_thread() {
    let obj = Emitter::new();
    let mut levels = obj
        .signal_stream_builder("notify::level")
        .property::<i32>()
        .send()
        .build();
    assert_eq!(block_on(levels.next()), Some(0));
    let setter = obj.clone();
    obj.on_next_read(move || {
        std::thread::spawn(move || setter.set_property("level", 2))
            .join()
            .unwrap();
    });
    obj.set_property("level", 1);
    assert_eq!(obj.property::<i32>("level"), 2);
    assert_eq!(block_on(levels.next()), Some(2));
    assert_eq!(levels.dropped_count(), 1);
}
