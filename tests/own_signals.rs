//! Signals declared with `#[signals]` on our own subclass, against GLib's semantics: the class
//! handler's stage, accumulators, `no_recurse`, details, action signals emitted by name, and a
//! subclass using its parent's signals.

mod common;

use std::{cell::RefCell, rc::Rc};

use futures_util::{FutureExt, StreamExt};
use gio::prelude::*;
use glib::subclass::prelude::*;
use glib_signal_stream::prelude::*;

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Downloader {
        pub log: RefCell<Vec<String>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Downloader {
        const NAME: &'static str = "OwnSignalsDownloader";
        type Type = super::Downloader;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Downloader)]
    impl Downloader {
        #[signal(run_last)]
        fn progress(&self, percent: u32);

        #[signal(run_last)]
        fn finished(&self, path: &str) {
            self.log.borrow_mut().push(format!("class finished {path}"));
        }

        #[signal(run_first)]
        fn started(&self) {
            self.log.borrow_mut().push("class started".into());
        }

        #[signal(run_last, accumulator = glib_signal_stream::accumulator::first_stop_wins)]
        fn confirm_overwrite(&self, path: &str) -> bool {
            self.log.borrow_mut().push(format!("class confirm {path}"));
            false
        }

        #[signal(run_last, no_recurse)]
        fn changed(&self);

        #[signal(run_last, detailed, action)]
        fn retry(&self);

        #[signal(run_last)]
        fn watched(
            &self,
            event: gio::FileMonitorEvent,
            flags: glib::BindingFlags,
            state: glib::Variant,
            when: &glib::DateTime,
            then: Option<&glib::DateTime>,
            note: Option<&str>,
        );

        #[signal(run_last, name = "file-added")]
        fn added(&self, file: Option<&gio::File>, size: u64);

        #[signal(run_last, accumulator = glib_signal_stream::accumulator::first_stop_wins)]
        fn close_request(&self) -> glib::Propagation {
            glib::Propagation::Proceed
        }
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Downloader {}

    #[derive(Default)]
    pub struct Special;

    #[glib::object_subclass]
    impl ObjectSubclass for Special {
        const NAME: &'static str = "OwnSignalsSpecial";
        type Type = super::Special;
        type ParentType = super::Downloader;
    }

    impl ObjectImpl for Special {}

    unsafe impl<T: ObjectImpl> IsSubclassable<T> for super::Downloader {}
}

/// An interface declaring a signal, and a class implementing it.
mod iface_imp {
    use super::*;

    /// The interface's class struct: nothing but GLib's header.
    #[derive(Clone, Copy)]
    #[repr(C)]
    pub struct NamedInterface {
        parent: glib::gobject_ffi::GTypeInterface,
    }

    // SAFETY: `NamedInterface` is `repr(C)` and starts with `GTypeInterface`, as GLib's
    // interface structs must (glib's own interface tests declare theirs the same way).
    unsafe impl InterfaceStruct for NamedInterface {
        type Type = Named;
    }

    pub enum Named {}

    #[glib::object_interface]
    #[glib_signal_stream::derived_signals]
    impl ObjectInterface for Named {
        const NAME: &'static str = "OwnSignalsNamed";
        type Interface = NamedInterface;
        type Prerequisites = (glib::Object,);
    }

    #[glib_signal_stream::signals(wrapper_type = super::Named, interface)]
    impl Named {
        #[signal(run_last)]
        fn renamed(&self, name: &str);
    }

    #[derive(Default)]
    pub struct Person;

    #[glib::object_subclass]
    impl ObjectSubclass for Person {
        const NAME: &'static str = "OwnSignalsPerson";
        type Type = super::Person;
        type Interfaces = (super::Named,);
    }

    impl ObjectImpl for Person {}
}

glib::wrapper! {
    pub struct Named(ObjectInterface<iface_imp::Named>);
}

// SAFETY: the interface has no virtual functions to fill in, so any class may implement it.
unsafe impl<T: ObjectSubclass> IsImplementable<T> for Named {}

glib::wrapper! {
    pub struct Person(ObjectSubclass<iface_imp::Person>) @implements Named;
}

/// A `Send + Sync` type (no interior state), for the Send forms.
mod shared_imp {
    use super::*;

    #[derive(Default)]
    pub struct Meter;

    #[glib::object_subclass]
    impl ObjectSubclass for Meter {
        const NAME: &'static str = "OwnSignalsMeter";
        type Type = super::Meter;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Meter)]
    impl Meter {
        #[signal(run_last)]
        fn reading(&self, value: u64);

        #[signal(run_last)]
        fn accept(&self, value: u64) -> bool;
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Meter {}
}

glib::wrapper! {
    pub struct Meter(ObjectSubclass<shared_imp::Meter>);
}

glib::wrapper! {
    pub struct Downloader(ObjectSubclass<imp::Downloader>);
}

glib::wrapper! {
    pub struct Special(ObjectSubclass<imp::Special>) @extends Downloader;
}

use imp::DownloaderSignalsExt;

fn drain<T>(stream: &mut (impl futures_core::Stream<Item = T> + Unpin)) -> Vec<T> {
    std::iter::from_fn(|| stream.next().now_or_never().flatten()).collect()
}

#[test]
fn emit_connect_and_stream_carry_typed_parameters() {
    let d: Downloader = glib::Object::new();
    let seen = Rc::new(RefCell::new(Vec::new()));
    d.connect_progress({
        let seen = seen.clone();
        move |_, percent| seen.borrow_mut().push(format!("progress {percent}"))
    });
    let mut progress = d.progress_stream();
    d.emit_progress(10);
    d.emit_progress(20);
    assert_eq!(*seen.borrow(), ["progress 10", "progress 20"]);
    assert_eq!(drain(&mut progress), [(10,), (20,)]);

    let mut added = d.file_added_stream();
    let file = gio::File::for_path("/tmp/a");
    d.emit_file_added(Some(&file), 7);
    d.emit_file_added(None, 0);
    let items = drain(&mut added);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].0.as_ref().and_then(|f| f.path()), file.path());
    assert_eq!(items[0].1, 7);
    assert!(items[1].0.is_none());
}

#[test]
fn the_class_handler_runs_at_the_stage_its_flag_says() {
    let d: Downloader = glib::Object::new();
    let order = Rc::new(RefCell::new(Vec::new()));
    let imp_log = |d: &Downloader| d.imp().log.borrow().clone();

    // run_last: user handlers, then the class handler, then handlers connected `after`.
    d.connect_finished({
        let order = order.clone();
        move |d, path| {
            order.borrow_mut().push(format!("user {path}"));
            assert!(
                d.imp().log.borrow().is_empty(),
                "the class handler ran first"
            );
        }
    });
    d.connect_local("finished", true, {
        let order = order.clone();
        move |values| {
            let d = values[0].get::<Downloader>().unwrap();
            assert_eq!(d.imp().log.borrow().len(), 1, "the class handler ran");
            order.borrow_mut().push("after".into());
            None
        }
    });
    d.emit_finished("a.bin");
    assert_eq!(*order.borrow(), ["user a.bin", "after"]);
    assert_eq!(imp_log(&d), ["class finished a.bin"]);

    // run_first: the class handler before any user handler.
    d.connect_started(|d| {
        assert_eq!(d.imp().log.borrow().last().unwrap(), "class started");
    });
    d.emit_started();
    assert_eq!(imp_log(&d).len(), 2);
}

#[test]
fn the_first_handler_that_stops_wins_and_the_class_handler_answers_otherwise() {
    let d: Downloader = glib::Object::new();
    // No user handler: the class handler answers.
    assert!(!d.emit_confirm_overwrite("a"));
    assert_eq!(d.imp().log.borrow().len(), 1);

    let later = Rc::new(RefCell::new(0));
    d.connect_confirm_overwrite(|_, path| path == "keep");
    d.connect_confirm_overwrite({
        let later = later.clone();
        move |_, _| {
            *later.borrow_mut() += 1;
            false
        }
    });
    // The first handler stops: neither the second nor the class handler runs.
    assert!(d.emit_confirm_overwrite("keep"));
    assert_eq!(*later.borrow(), 0);
    assert_eq!(d.imp().log.borrow().len(), 1);
    // It does not: all run, the class handler's answer is the last.
    assert!(!d.emit_confirm_overwrite("other"));
    assert_eq!(*later.borrow(), 1);
    assert_eq!(d.imp().log.borrow().len(), 2);
}

#[test]
fn an_answering_stream_answers_inside_the_emission_and_queues_the_item() {
    let d: Downloader = glib::Object::new();
    let mut requests = d.close_request_stream(|_| glib::Propagation::Stop);
    assert_eq!(d.emit_close_request(), glib::Propagation::Stop);
    assert_eq!(drain(&mut requests), [()]);
    drop(requests);
    assert_eq!(d.emit_close_request(), glib::Propagation::Proceed);

    let mut confirms = d.confirm_overwrite_stream(|(path,): &(String,)| path == "yes");
    assert!(d.emit_confirm_overwrite("yes"));
    assert_eq!(drain(&mut confirms), [("yes".to_owned(),)]);
}

#[test]
fn no_recurse_restarts_the_emission_instead_of_nesting_it() {
    let d: Downloader = glib::Object::new();
    let depth = Rc::new(RefCell::new((0, 0, 0))); // (current, deepest, calls)
    d.connect_changed({
        let depth = depth.clone();
        move |d| {
            let first = {
                let mut depth = depth.borrow_mut();
                depth.0 += 1;
                depth.1 = depth.1.max(depth.0);
                depth.2 += 1;
                depth.2 == 1
            };
            if first {
                d.emit_changed(); // restarts the running emission once this handler returns
            }
            depth.borrow_mut().0 -= 1;
        }
    });
    d.emit_changed();
    let (_, deepest, calls) = *depth.borrow();
    assert_eq!(calls, 2);
    assert_eq!(deepest, 1, "the second run did not nest inside the first");
}

#[test]
fn a_detail_narrows_connects_streams_and_futures() {
    let d: Downloader = glib::Object::new();
    let mut net = d.retry_stream(Some("net"));
    let mut all = d.retry_stream(None);
    let mut next_disk = d.retry_future(Some("disk"));
    d.emit_retry(Some("net"));
    d.emit_retry(Some("disk"));
    d.emit_retry(None);
    assert_eq!(drain(&mut net).len(), 1);
    assert_eq!(drain(&mut all).len(), 3);
    assert_eq!((&mut next_disk).now_or_never(), Some(Some(())));
}

#[test]
fn an_action_signal_is_emitted_by_name() {
    let d: Downloader = glib::Object::new();
    let mut retries = d.retry_stream(None);
    d.emit_by_name::<()>("retry", &[]);
    assert_eq!(drain(&mut retries), [()]);
    let flags = glib::subclass::SignalId::lookup("retry", Downloader::static_type())
        .unwrap()
        .query()
        .flags();
    assert!(flags.contains(glib::SignalFlags::ACTION | glib::SignalFlags::DETAILED));
}

#[test]
fn a_subclass_has_its_parents_signals() {
    let s: Special = glib::Object::new();
    let mut progress = s.progress_stream();
    s.connect_progress(|s, _| assert!(s.is::<Special>()));
    s.emit_progress(5);
    assert_eq!(drain(&mut progress), [(5,)]);
}

#[test]
fn the_stream_ends_when_the_emitter_is_disposed() {
    let d: Downloader = glib::Object::new();
    let weak = d.downgrade();
    let mut progress = d.progress_stream();
    d.emit_progress(1);
    drop(d);
    assert!(
        weak.upgrade().is_none(),
        "the stream does not hold the emitter"
    );
    let ctx = glib::MainContext::default();
    assert_eq!(ctx.block_on(progress.next()), Some((1,)));
    assert_eq!(ctx.block_on(progress.next()), None);
}

/// A caller going around the types (C, or `emit_by_name`) passes NULL for a `&str`: the
/// typed handler is not called, the emission logs a critical and gets the default answer,
/// nothing panics.
#[test]
fn an_emission_the_typed_handler_cannot_read_is_a_critical_not_a_panic() {
    let d: Downloader = glib::Object::new();
    let calls = Rc::new(RefCell::new(0));
    d.connect_confirm_overwrite({
        let calls = calls.clone();
        move |_, _path| {
            *calls.borrow_mut() += 1;
            true
        }
    });
    let (answer, criticals) = common::criticals_during(|| {
        d.emit_by_name::<bool>("confirm-overwrite", &[&None::<String>])
    });
    assert_eq!(*calls.borrow(), 0);
    assert!(!answer, "the default answer, false");
    assert!(
        criticals
            .iter()
            .any(|c| c.contains("'confirm-overwrite'") && c.contains("not delivered")),
        "{criticals:?}"
    );
}

/// A `Send + Sync` type's Send forms take emissions from a worker thread: the stream gets
/// every item in order, the answering handler answers on the worker, the future resolves.
#[test]
fn a_send_types_send_streams_take_emissions_from_a_worker_thread() {
    let meter: Meter = glib::Object::new();
    let readings = meter.reading_stream_send();
    let next = meter.reading_future_send();
    let answers = meter.accept_stream_send(|(value,)| value % 2 == 0);
    let worker = meter.clone();
    let accepted = std::thread::spawn(move || {
        (0..100u64)
            .map(|i| {
                worker.emit_reading(i);
                worker.emit_accept(i)
            })
            .filter(|accepted| *accepted)
            .count()
    })
    .join()
    .unwrap();
    assert_eq!(accepted, 50);
    assert_eq!(futures::executor::block_on(next), Some((0,)));
    drop(meter); // the last reference: disposed, so the streams end after what they got
    let got: Vec<u64> = futures::executor::block_on(readings.map(|(v,)| v).collect());
    assert_eq!(got, (0..100).collect::<Vec<_>>());
    let asked = futures::executor::block_on(answers.count());
    assert_eq!(asked, 100);
}

/// `<Wrapper>Event` has a variant per signal that returns nothing, and `events_stream` yields
/// them in emission order, with their parameters.
#[test]
fn the_event_enum_streams_every_plain_signal_in_emission_order() {
    let d: Downloader = glib::Object::new();
    let mut events = d.events_stream::<imp::DownloaderEvent>();
    d.emit_started();
    d.emit_progress(40);
    d.emit_file_added(None, 3);
    d.emit_finished("/tmp/b");
    d.emit_confirm_overwrite("/tmp/b"); // returns a value: not an event
    let got = drain(&mut events);
    let names: Vec<String> = got.iter().map(|e| format!("{e:?}")).collect();
    assert_eq!(names, ["Started", "Progress", "FileAdded", "Finished"]);
    assert!(matches!(got[1], imp::DownloaderEvent::Progress(40)));
    assert!(matches!(got[2], imp::DownloaderEvent::FileAdded(None, 3)));
    assert!(matches!(&got[3], imp::DownloaderEvent::Finished(path) if path == "/tmp/b"));
}

/// A signal declared on an interface: an implementing class connects, emits and streams it
/// through the interface's extension trait.
#[test]
fn an_interfaces_signal_is_typed_on_every_implementor() {
    use iface_imp::NamedSignalsExt;

    let person: Person = glib::Object::new();
    let seen = Rc::new(RefCell::new(Vec::new()));
    person.connect_renamed({
        let seen = seen.clone();
        move |_, name| seen.borrow_mut().push(name.to_owned())
    });
    let mut renamed = person.renamed_stream();
    person.emit_renamed("Ada");
    person.upcast_ref::<Named>().emit_renamed("Grace");
    assert_eq!(*seen.borrow(), ["Ada", "Grace"]);
    assert_eq!(
        drain(&mut renamed),
        [("Ada".to_owned(),), ("Grace".to_owned(),)]
    );
}

/// Enums, flags, a `Variant`, boxed types (by reference, and optional) and optional strings
/// go through connect, emit and streams typed.
#[test]
fn enums_flags_variants_and_boxed_parameters_are_typed() {
    let d: Downloader = glib::Object::new();
    let seen = Rc::new(RefCell::new(Vec::new()));
    d.connect_watched({
        let seen = seen.clone();
        move |_, event, flags, state, when, then, note| {
            seen.borrow_mut().push(format!(
                "{event:?} {flags:?} {state} {} {} {note:?}",
                when.year(),
                then.is_some()
            ))
        }
    });
    let mut watched = d.watched_stream();
    let when = glib::DateTime::from_utc(2026, 12, 7, 10, 0, 0.0).unwrap();
    d.emit_watched(
        gio::FileMonitorEvent::Created,
        glib::BindingFlags::SYNC_CREATE,
        7u32.to_variant(),
        &when,
        None,
        Some("new"),
    );
    assert_eq!(
        *seen.borrow(),
        ["Created BindingFlags(SYNC_CREATE) uint32 7 2026 false Some(\"new\")"]
    );
    let items = drain(&mut watched);
    assert_eq!(items.len(), 1);
    let (event, flags, state, at, then, note) = &items[0];
    assert_eq!(*event, gio::FileMonitorEvent::Created);
    assert_eq!(*flags, glib::BindingFlags::SYNC_CREATE);
    assert_eq!(state.get::<u32>(), Some(7));
    assert_eq!(at, &when);
    assert!(then.is_none());
    assert_eq!(note.as_deref(), Some("new"));
}
