//! The typed GIO streams: connect-time type checks and real emissions (files on disk, a TCP
//! client on the loopback interface).
#![cfg(feature = "gio")]

mod common;

use std::{
    cell::Cell,
    future::Future,
    io::Write,
    path::PathBuf,
    rc::Rc,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex,
    },
};

use common::within;
use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::{prelude::*, ConnectErrorKind};

/// Runs `make()`'s future to completion on a fresh main context, thread-default meanwhile so
/// that GIO attaches its sources (file monitors, socket listeners) to it.
fn run<F: Future>(make: impl FnOnce() -> F) -> F::Output {
    let ctx = glib::MainContext::new();
    ctx.with_thread_default(|| ctx.block_on(within("the end of the test", make())))
        .expect("a fresh main context can be acquired")
}

/// Runs `app` once: it activates, then quits since nothing holds it.
///
/// `g_application_run` acquires the global default main context, which only one thread can
/// own at a time: the tests that run applications take turns.
fn run_application(app: &gio::Application) {
    static DEFAULT_CONTEXT: Mutex<()> = Mutex::new(());
    let _turn = DEFAULT_CONTEXT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    app.run_with_args::<&str>(&[]);
}

/// A new empty directory under the system's temporary directory.
fn temp_dir() -> PathBuf {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "glib-signal-stream-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A socket service listening on a free port of 127.0.0.1, and that address.
fn loopback_service(source: Option<&glib::Object>) -> (gio::SocketService, std::net::SocketAddr) {
    let service = gio::SocketService::new();
    let any_port =
        gio::InetSocketAddress::new(&gio::InetAddress::new_loopback(gio::SocketFamily::Ipv4), 0);
    let bound = service
        .add_address(
            &any_port,
            gio::SocketType::Stream,
            gio::SocketProtocol::Tcp,
            source,
        )
        .unwrap()
        .downcast::<gio::InetSocketAddress>()
        .unwrap();
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], bound.port()));
    (service, addr)
}

/// Connects a real TCP client from another thread, sends `hello` and hangs up.
fn connect_client(addr: std::net::SocketAddr) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut client = std::net::TcpStream::connect(addr).expect("connect to the service");
        client.write_all(b"hello").expect("write to the service");
    })
}

// Connect-time checks on GIO signals.

#[test]
fn wrong_parameter_count_is_refused() {
    let action = gio::SimpleAction::new("a", None);
    let err = action
        .try_connect_stream_typed::<(Option<glib::Variant>, u32)>("activate")
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "signal 'activate' of type 'GSimpleAction' has parameters (GVariant); requested (Option<Variant>, u32)"
    );
}

#[test]
fn extra_parameter_on_parameterless_signal_is_refused() {
    let cancellable = gio::Cancellable::new();
    let err = cancellable
        .try_connect_stream_typed::<(bool,)>("cancelled")
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "signal 'cancelled' of type 'GCancellable' has parameters (); requested (bool)"
    );
}

#[test]
fn wrong_parameter_type_is_refused() {
    let (service, _) = loopback_service(None);
    let err = service
        .signal_stream_builder("incoming")
        .typed::<(gio::SocketConnection, String)>()
        .answer(|_| true)
        .try_build()
        .unwrap_err();
    assert_eq!(err.type_name(), "GSocketService");
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::ArgumentMismatch {
            signal: "incoming".into(),
            expected: vec!["GSocketConnection".into(), "GObject".into()],
            requested: vec!["SocketConnection".into(), "String".into()],
        }
    );
    assert_eq!(
        err.to_string(),
        "signal 'incoming' of type 'GSocketService' has parameters (GSocketConnection, GObject); requested (SocketConnection, String)"
    );
}

#[test]
fn wrong_return_type_is_refused() {
    let (service, _) = loopback_service(None);
    let err = service
        .signal_stream_builder("incoming")
        .typed::<(gio::SocketConnection, Option<glib::Object>)>()
        .answer(|_| 1u32)
        .try_build()
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "signal 'incoming' of type 'GSocketService' returns gboolean; the handler returns u32"
    );
}

#[test]
fn missing_return_handler_is_refused() {
    let (service, _) = loopback_service(None);
    let err = service
        .try_connect_stream_typed::<(gio::SocketConnection, Option<glib::Object>)>("incoming")
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::NeedsReturnValue { .. }),
        "{err:?}"
    );
    assert!(err.to_string().starts_with(
        "signal 'incoming' of type 'GSocketService' needs a return value of type gboolean"
    ));
}

#[test]
fn return_handler_on_void_signal_is_refused() {
    let action = gio::SimpleAction::new("a", None);
    let err = action
        .signal_stream_builder("activate")
        .typed::<(Option<glib::Variant>,)>()
        .answer(|_| true)
        .try_build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "signal 'activate' of type 'GSimpleAction' returns void; the handler returns bool"
    );
}

// Real emissions.

#[test]
fn activate_stream_yields_each_parameter() {
    let action = gio::SimpleAction::new("open", Some(glib::VariantTy::STRING));
    let activations = action.activate_stream();
    action.activate(Some(&"a.txt".to_variant()));
    action.activate(Some(&"b.txt".to_variant()));
    drop(action);

    let names: Vec<Option<String>> = run(|| {
        activations
            .map(|(param,)| param.and_then(|p| p.get::<String>()))
            .collect()
    });
    assert_eq!(names, [Some("a.txt".into()), Some("b.txt".into())]);
}

#[test]
fn activate_stream_yields_none_without_parameter_type() {
    let action = gio::SimpleAction::new("quit", None);
    let activations = action.activate_stream();
    action.activate(None);
    drop(action);

    let items: Vec<_> = run(|| activations.collect());
    assert_eq!(items, [(None,)]);
}

#[test]
fn cancelled_stream_yields_once_per_cancellation() {
    let cancellable = gio::Cancellable::new();
    let cancelled = cancellable.cancelled_stream();
    cancellable.cancel();
    cancellable.cancel();
    drop(cancellable);

    assert_eq!(run(|| cancelled.count()), 1);
}

#[test]
fn application_activate_stream_sees_run() {
    let app = gio::Application::new(None, gio::ApplicationFlags::NON_UNIQUE);
    let activations = app.activate_stream();
    run_application(&app);
    drop(app);

    assert_eq!(run(|| activations.count()), 1);
}

#[test]
fn application_shutdown_stream_sees_end_of_run() {
    let app = gio::Application::new(None, gio::ApplicationFlags::NON_UNIQUE);
    let shutdowns = app.shutdown_stream();
    run_application(&app);
    drop(app);

    assert_eq!(run(|| shutdowns.count()), 1);
}

#[test]
fn changed_stream_reports_created_file() {
    let dir = temp_dir();
    let path = dir.join("created.txt");
    run(|| async {
        let monitor = gio::File::for_path(&dir)
            .monitor_directory(gio::FileMonitorFlags::NONE, gio::Cancellable::NONE)
            .unwrap();
        let mut changes = monitor.changed_stream();
        std::fs::write(&path, b"hello").unwrap();

        let (file, other) = within("a Created event", async {
            loop {
                let (file, other, event) = changes.next().await.expect("monitor alive");
                if event == gio::FileMonitorEvent::Created {
                    break (file, other);
                }
            }
        })
        .await;
        assert_eq!(file.path().as_deref(), Some(path.as_path()));
        assert_eq!(other, None);
    });
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn changed_stream_reports_rename_with_other_file() {
    let dir = temp_dir();
    let from = dir.join("from.txt");
    let to = dir.join("to.txt");
    std::fs::write(&from, b"hello").unwrap();
    run(|| async {
        let monitor = gio::File::for_path(&dir)
            .monitor_directory(gio::FileMonitorFlags::WATCH_MOVES, gio::Cancellable::NONE)
            .unwrap();
        let mut changes = monitor.changed_stream();
        std::fs::rename(&from, &to).unwrap();

        let (file, other) = within("a Renamed event", async {
            loop {
                let (file, other, event) = changes.next().await.expect("monitor alive");
                if event == gio::FileMonitorEvent::Renamed {
                    break (file, other);
                }
            }
        })
        .await;
        assert_eq!(file.path().as_deref(), Some(from.as_path()));
        assert_eq!(other.and_then(|f| f.path()).as_deref(), Some(to.as_path()));
    });
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn changed_stream_ends_when_monitor_is_dropped() {
    let dir = temp_dir();
    run(|| async {
        let monitor = gio::File::for_path(&dir)
            .monitor_directory(gio::FileMonitorFlags::NONE, gio::Cancellable::NONE)
            .unwrap();
        let mut changes = monitor.changed_stream();
        drop(monitor);
        assert!(within("the end of the stream", changes.next())
            .await
            .is_none());
    });
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn incoming_stream_and_handler_see_a_real_tcp_client() {
    // The service's sources attach to the thread-default context when it starts: create it
    // inside `run`.
    run(|| async {
        let source = glib::Object::new::<glib::Object>();
        let (service, addr) = loopback_service(Some(&source));
        let handled = Rc::new(Cell::new(0));
        let seen = handled.clone();
        let mut incoming = service.incoming_stream(move |connection, source| {
            if connection.is_connected() && source.is_some() {
                seen.set(seen.get() + 1);
            }
            true
        });
        service.start();

        let client = connect_client(addr);
        let (connection, item_source) = within("an incoming connection", incoming.next())
            .await
            .expect("service alive");
        client.join().expect("the client thread succeeded");

        assert_eq!(handled.get(), 1);
        assert_eq!(item_source.as_ref(), Some(&source));
        let peer = connection
            .remote_address()
            .unwrap()
            .downcast::<gio::InetSocketAddress>()
            .unwrap();
        assert!(peer.address().is_loopback());
        service.stop();
    });
}

/// Connects a real client to a service whose stream handler answers `answer`, with a plain
/// handler connected after it; returns how often that later handler ran.
fn later_handler_calls(answer: bool) -> u32 {
    run(|| async {
        let (service, addr) = loopback_service(None);
        let mut incoming = service.incoming_stream(move |_, _| answer);
        let later_calls = Rc::new(Cell::new(0));
        let calls = later_calls.clone();
        service.connect_incoming(move |_, _, _| {
            calls.set(calls.get() + 1);
            true
        });
        service.start();

        let client = connect_client(addr);
        within("an incoming connection", incoming.next())
            .await
            .expect("service alive");
        client.join().expect("the client thread succeeded");
        service.stop();
        later_calls.get()
    })
}

#[test]
fn incoming_handler_answering_true_stops_later_handlers() {
    assert_eq!(later_handler_calls(true), 0);
}

#[test]
fn incoming_handler_answering_false_lets_later_handlers_run() {
    assert_eq!(later_handler_calls(false), 1);
}

/// Guards issue 12, defect 7: cancelling on a worker thread (the normal use of a cancellable)
/// used to drop the emission from `cancelled_stream()` with a critical, and the consumer
/// waited forever. `gio::Cancellable` is `Send + Sync`: its streams accept any thread.
#[test]
fn cancelled_stream_yields_when_cancel_runs_on_a_worker_thread() {
    let cancellable = gio::Cancellable::new();
    let cancelled = cancellable.cancelled_stream();
    let worker = cancellable.clone();
    std::thread::spawn(move || worker.cancel()).join().unwrap();
    drop(cancellable);
    let count = std::thread::spawn(move || futures::executor::block_on(cancelled.count()))
        .join()
        .unwrap();
    assert_eq!(count, 1);
}
