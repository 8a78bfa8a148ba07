//! Every `ConnectError`, with its message; the panicking forms panic with the same message
//! and report the caller's location.

mod common;

use std::{
    cell::RefCell,
    panic::{self, AssertUnwindSafe, PanicHookInfo},
    sync::Arc,
    thread,
};

use common::Emitter;
use glib::Value;
use glib_signal_stream::{prelude::*, ConnectError, ConnectErrorKind};

const TYPE: &str = "SignalStreamTestEmitter";

fn stream_error(signal: &str) -> ConnectError {
    Emitter::new().try_connect_stream(signal).unwrap_err()
}

#[test]
fn unknown_signal() {
    let err = stream_error("clicked2");
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::UnknownSignal {
            signal: "clicked2".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("signal 'clicked2' not found on type '{TYPE}'")
    );
}

#[test]
fn empty_detail_is_malformed() {
    let err = stream_error("notify::");
    assert!(
        matches!(err.kind(), ConnectErrorKind::MalformedDetail { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("malformed signal name 'notify::' for type '{TYPE}': expected 'signal' or 'signal::detail'")
    );
}

#[test]
fn single_colon_is_malformed() {
    let err = stream_error("notify:x");
    assert!(
        matches!(err.kind(), ConnectErrorKind::MalformedDetail { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("malformed signal name 'notify:x' for type '{TYPE}': expected 'signal' or 'signal::detail'")
    );
}

#[test]
fn empty_signal_name_is_malformed() {
    let err = stream_error("::x");
    assert!(
        matches!(err.kind(), ConnectErrorKind::MalformedDetail { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "malformed signal name '::x' for type '{TYPE}': expected 'signal' or 'signal::detail'"
        )
    );
}

#[test]
fn detail_on_undetailed_signal_is_refused() {
    let err = stream_error("tick::x");
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::DetailNotSupported {
            signal: "tick".into(),
            detail: "x".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("signal 'tick' of type '{TYPE}' takes no detail, but 'x' was given")
    );
}

#[test]
fn detail_on_detailed_signal_is_accepted() {
    let obj = Emitter::new();
    assert!(obj.try_connect_stream("changed::anything").is_ok());
}

#[test]
fn notify_of_unknown_property() {
    let err = stream_error("notify::nope");
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::UnknownProperty {
            property: "nope".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("property 'nope' not found on type '{TYPE}'")
    );
}

#[test]
fn property_stream_of_unknown_property() {
    let err = Emitter::new()
        .try_property_stream::<i32>("nope")
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::UnknownProperty { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("property 'nope' not found on type '{TYPE}'")
    );
}

#[test]
fn property_stream_of_write_only_property() {
    let err = Emitter::new()
        .try_property_stream::<u32>("secret")
        .unwrap_err();
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::PropertyNotReadable {
            property: "secret".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("property 'secret' of type '{TYPE}' is not readable")
    );
}

#[test]
fn property_stream_of_wrong_type() {
    let err = Emitter::new()
        .try_property_stream::<String>("level")
        .unwrap_err();
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::PropertyTypeMismatch {
            property: "level".into(),
            expected: "gint".into(),
            requested: "String".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("property 'level' of type '{TYPE}' holds gint; requested String")
    );
}

#[test]
fn plain_stream_of_signal_with_return_value() {
    let err = stream_error("ask");
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::NeedsReturnValue {
            signal: "ask".into(),
            return_type: "gboolean".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!(
            "signal 'ask' of type '{TYPE}' needs a return value of type gboolean: \
             use connect_stream_with_return and answer the emitter from the handler"
        )
    );
}

#[test]
fn handler_returning_wrong_type() {
    let err = Emitter::new()
        .try_connect_stream_with_return("compute", |_| true)
        .unwrap_err();
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::ReturnTypeMismatch {
            signal: "compute".into(),
            expected: "gint".into(),
            requested: "bool".into()
        }
    );
    assert_eq!(
        err.to_string(),
        format!("signal 'compute' of type '{TYPE}' returns gint; the handler returns bool")
    );
}

#[test]
fn handler_returning_value_on_void_signal() {
    let err = Emitter::new()
        .try_connect_stream_with_return("tick", |_| 1i32)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("signal 'tick' of type '{TYPE}' returns void; the handler returns i32")
    );
}

#[test]
fn wrong_parameter_count() {
    let err = Emitter::new()
        .try_connect_stream_typed::<(u64, u64)>("tick")
        .unwrap_err();
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::ArgumentMismatch {
            signal: "tick".into(),
            expected: vec!["guint64".into()],
            requested: vec!["u64".into(), "u64".into()]
        }
    );
    assert_eq!(
        err.to_string(),
        format!("signal 'tick' of '{TYPE}' has parameters (guint64); requested (u64, u64)")
    );
}

#[test]
fn wrong_parameter_type() {
    let err = Emitter::new()
        .try_connect_stream_typed::<(i32, String, String)>("triple")
        .unwrap_err();
    assert!(
        matches!(err.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "signal 'triple' of '{TYPE}' has parameters (gint, gchararray, gboolean); \
             requested (i32, String, String)"
        )
    );
}

#[test]
fn wrong_parameter_type_for_send_stream_and_future() {
    let obj = Emitter::new();
    let send = obj
        .try_connect_stream_send::<(String,)>("tick")
        .unwrap_err();
    let future = obj
        .signal_stream_builder("tick")
        .try_build_future::<(String,)>()
        .unwrap_err();
    assert!(
        matches!(send.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{send:?}"
    );
    assert_eq!(send, future);
}

#[test]
fn error_converts_to_bool_error_with_same_message() {
    let err = stream_error("clicked2");
    let bool_error = glib::BoolError::from(err.clone());
    assert_eq!(bool_error.message, err.to_string());
}

// --- The panicking forms ---

/// Runs `f`, which must panic, and returns its panic message.
fn panic_message<R>(f: impl FnOnce() -> R) -> String {
    let payload = match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(_) => panic!("expected a panic"),
        Err(payload) => payload,
    };
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .expect("a string panic payload")
            .to_string(),
    }
}

#[test]
fn connect_stream_panics_with_error_message() {
    let obj = Emitter::new();
    for signal in [
        "clicked2",
        "notify::",
        "notify:x",
        "::x",
        "tick::x",
        "notify::nope",
        "ask",
    ] {
        let expected = obj.try_connect_stream(signal).unwrap_err().to_string();
        assert_eq!(panic_message(|| obj.connect_stream(signal)), expected);
    }
}

#[test]
fn connect_stream_typed_panics_with_error_message() {
    let obj = Emitter::new();
    let expected = obj
        .try_connect_stream_typed::<(String,)>("tick")
        .unwrap_err()
        .to_string();
    assert_eq!(
        panic_message(|| obj.connect_stream_typed::<(String,)>("tick")),
        expected
    );
}

#[test]
fn connect_stream_with_return_panics_with_error_message() {
    let obj = Emitter::new();
    let expected = obj
        .try_connect_stream_with_return("compute", |_| true)
        .unwrap_err()
        .to_string();
    assert_eq!(
        panic_message(|| obj.connect_stream_with_return("compute", |_| true)),
        expected
    );
}

#[test]
fn connect_stream_typed_with_return_panics_with_error_message() {
    let obj = Emitter::new();
    let expected = obj
        .try_connect_stream_typed_with_return::<(i32,), _, _, _>("compute", |_| "no")
        .unwrap_err()
        .to_string();
    assert_eq!(
        panic_message(|| {
            obj.connect_stream_typed_with_return::<(i32,), _, _, _>("compute", |_| "no")
        }),
        expected
    );
}

#[test]
fn connect_stream_send_panics_with_error_message() {
    let obj = Emitter::new();
    let expected = obj
        .try_connect_stream_send::<(u64,)>("ask")
        .unwrap_err()
        .to_string();
    assert_eq!(
        panic_message(|| obj.connect_stream_send::<(u64,)>("ask")),
        expected
    );
}

#[test]
fn signal_future_panics_with_error_message() {
    let obj = Emitter::new();
    let expected = obj.try_signal_future("clicked2").unwrap_err().to_string();
    assert_eq!(panic_message(|| obj.signal_future("clicked2")), expected);
}

#[test]
fn property_stream_panics_with_error_message() {
    let obj = Emitter::new();
    for property in ["nope", "secret"] {
        let expected = obj
            .try_property_stream::<u32>(property)
            .unwrap_err()
            .to_string();
        assert_eq!(
            panic_message(|| obj.property_stream::<u32>(property)),
            expected
        );
    }
}

thread_local! {
    static PANIC_FILE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, which must panic, and returns the file its panic reported.
fn panic_file<R>(f: impl FnOnce() -> R) -> String {
    PANIC_FILE.with(|file| file.borrow_mut().take());
    let _ = panic::catch_unwind(AssertUnwindSafe(f))
        .err()
        .expect("expected a panic");
    PANIC_FILE
        .with(|file| file.borrow_mut().take())
        .expect("the panic had a location")
}

#[test]
fn panics_report_the_callers_location() {
    // Record the locations of this thread's panics; leave other threads' to the old hook.
    let previous: Arc<dyn Fn(&PanicHookInfo<'_>) + Send + Sync> = Arc::from(panic::take_hook());
    let this_thread = thread::current().id();
    let fallback = previous.clone();
    panic::set_hook(Box::new(move |info| {
        if thread::current().id() == this_thread {
            let file = info.location().map(|l| l.file().to_owned());
            PANIC_FILE.with(|slot| *slot.borrow_mut() = file);
        } else {
            fallback(info);
        }
    }));

    let obj = Emitter::new();
    let files = [
        (
            "connect_stream",
            panic_file(|| obj.connect_stream("clicked2")),
        ),
        (
            "connect_stream_typed",
            panic_file(|| obj.connect_stream_typed::<(String,)>("tick")),
        ),
        (
            "connect_stream_with_return",
            panic_file(|| obj.connect_stream_with_return("compute", |_| true)),
        ),
        (
            "connect_stream_typed_with_return",
            panic_file(|| obj.connect_stream_typed_with_return::<(u64,), _, _, _>("tick", |_| 1)),
        ),
        (
            "connect_stream_send",
            panic_file(|| obj.connect_stream_send::<(u64,)>("ask")),
        ),
        (
            "signal_future",
            panic_file(|| obj.signal_future("clicked2")),
        ),
        (
            "property_stream",
            panic_file(|| obj.property_stream::<u32>("nope")),
        ),
        (
            "builder build",
            panic_file(|| obj.signal_stream_builder("nope").build::<Vec<Value>>()),
        ),
        (
            "builder build_send",
            panic_file(|| obj.signal_stream_builder("nope").build_send::<(u64,)>()),
        ),
        (
            "builder build_future",
            panic_file(|| {
                obj.signal_stream_builder("nope")
                    .build_future::<Vec<Value>>()
            }),
        ),
    ];

    let _ours = panic::take_hook();
    panic::set_hook(Box::new(move |info| previous(info)));

    let elsewhere: Vec<String> = files
        .into_iter()
        .filter(|(_, file)| file != file!())
        .map(|(form, file)| format!("{form} at {file}"))
        .collect();
    assert!(
        elsewhere.is_empty(),
        "panics not at the caller: {elsewhere:?}"
    );
}
