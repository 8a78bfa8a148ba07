//! The generated streams of `Send + Sync` GIO types whose items are `Send` accept emissions
//! from any thread, and any executor can poll them: property streams (`gio::DBusProxy`,
//! `gio::DBusConnection`, over peer-to-peer D-Bus connections on a socket pair: no message
//! bus needed) and the `_stream_with` handler forms (`gio::Cancellable`).
#![cfg(feature = "gio")]

mod common;

use std::{
    os::unix::net::UnixStream,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    thread,
};

use futures::StreamExt;
use gio::prelude::*;
use glib_signal_stream::{prelude::*, SendPropertyStream, SendSignalStream};

/// One end of a peer-to-peer D-Bus connection over `socket`, authenticated as server or client.
fn peer(socket: UnixStream, server_guid: Option<&str>) -> gio::DBusConnection {
    let socket = gio::Socket::from_fd(socket.into()).expect("a socket from a socket pair");
    let stream = socket.connection_factory_create_connection();
    let flags = if server_guid.is_some() {
        gio::DBusConnectionFlags::AUTHENTICATION_SERVER
    } else {
        gio::DBusConnectionFlags::AUTHENTICATION_CLIENT
    };
    gio::DBusConnection::new_sync(&stream, server_guid, flags, None, gio::Cancellable::NONE)
        .expect("a peer-to-peer D-Bus connection")
}

/// The client end of a peer-to-peer D-Bus connection, its server authenticating it on a
/// thread of its own (both ends take part in the handshake).
fn client_connection() -> (gio::DBusConnection, gio::DBusConnection) {
    let (server_socket, client_socket) = UnixStream::pair().expect("a Unix socket pair");
    let guid = gio::dbus_generate_guid();
    let server = thread::spawn(move || peer(server_socket, Some(&guid)));
    let client = peer(client_socket, None);
    (client, server.join().expect("the server end"))
}

/// A proxy that needs no answer from the peer: no properties loaded, no signals subscribed.
fn proxy(connection: &gio::DBusConnection) -> gio::DBusProxy {
    gio::DBusProxy::new_sync(
        connection,
        gio::DBusProxyFlags::DO_NOT_LOAD_PROPERTIES | gio::DBusProxyFlags::DO_NOT_CONNECT_SIGNALS,
        None,
        None,
        "/org/example/Object",
        "org.example.Interface",
        gio::Cancellable::NONE,
    )
    .expect("a proxy on a peer-to-peer connection")
}

#[test]
fn dbus_proxy_property_stream_yields_a_change_made_on_another_thread() {
    let (client, _server) = client_connection();
    let proxy = proxy(&client);
    let timeouts: SendPropertyStream<i32, gio::DBusProxy> = proxy.g_default_timeout_stream();
    // The current value, read on a plain thread of its own executor.
    let (first, mut timeouts) = thread::spawn(move || {
        let mut timeouts = timeouts;
        (common::block_on(timeouts.next()), timeouts)
    })
    .join()
    .unwrap();
    assert_eq!(first, Some(-1), "GDBusProxy's default timeout");
    // Notified on the worker that sets it.
    let worker = proxy.clone();
    thread::spawn(move || worker.set_default_timeout(2500))
        .join()
        .unwrap();
    let changed = thread::spawn(move || common::block_on(timeouts.next()))
        .join()
        .unwrap();
    assert_eq!(changed, Some(2500));
}

#[test]
fn dbus_connection_property_stream_yields_its_current_value_on_another_thread() {
    let (client, _server) = client_connection();
    let guid = client.guid();
    let mut guids = client.guid_stream();
    let first = thread::spawn(move || common::block_on(guids.next()))
        .join()
        .unwrap();
    assert_eq!(first, Some(guid.to_string()));
}

#[test]
fn cancelled_stream_with_runs_its_handler_on_the_thread_that_cancels() {
    let cancellable = gio::Cancellable::new();
    let main_thread = thread::current().id();
    let on_other_threads = Arc::new(AtomicUsize::new(0));
    let counter = on_other_threads.clone();
    let cancelled: SendSignalStream<(), gio::Cancellable> =
        cancellable.cancelled_stream_with(move || {
            if thread::current().id() != main_thread {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
    let worker = cancellable.clone();
    thread::spawn(move || worker.cancel()).join().unwrap();
    assert_eq!(on_other_threads.load(Ordering::SeqCst), 1);
    let mut cancelled = cancelled;
    let item = thread::spawn(move || common::block_on(cancelled.next()))
        .join()
        .unwrap();
    assert_eq!(item, Some(()));
}
