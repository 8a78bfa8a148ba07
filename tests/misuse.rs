//! Bad input: every misuse is refused when connecting, by an error from the `try_` form and a
//! panic with the same message from the other form (reported at the caller's location), and
//! leaves nothing connected. Emissions the crate cannot deliver are dropped with a critical,
//! never an abort.

mod common;

use std::{
    cell::RefCell,
    panic::{self, catch_unwind, AssertUnwindSafe, PanicHookInfo},
    sync::Arc,
    thread,
};

use common::{criticals_during, panic_message, Emitter};
use glib::prelude::*;
use glib_signal_stream::{prelude::*, ConnectError, ConnectErrorKind};

/// The fixture's GType name, as errors report it.
const TYPE: &str = "SignalStreamTestEmitter";

/// Checks that `attempt` is refused and that `panicking` panics with the refusal's message;
/// returns the refusal.
fn refused<T>(attempt: Result<T, ConnectError>, panicking: impl FnOnce() -> T) -> ConnectError {
    let Err(err) = attempt else {
        panic!("the try_ form connected");
    };
    assert_eq!(panic_message(panicking), err.to_string());
    err
}

fn assert_nothing_connected(emitter: &Emitter) {
    assert!(!emitter.has_handler("tick"));
    assert!(!emitter.has_handler("ask"));
    assert!(!emitter.has_handler("carry"));
    assert!(!emitter.has_handler("notify::count"));
}

#[test]
fn unknown_signal_is_refused() {
    let emitter = Emitter::new();
    let err = refused(emitter.try_connect_stream("tock"), || {
        emitter.connect_stream("tock")
    });
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::UnknownSignal {
            signal: "tock".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "signal 'tock' not found on type 'SignalStreamTestEmitter'"
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn malformed_detail_is_refused() {
    let emitter = Emitter::new();
    for signal in [
        "notify::",
        "::count",
        "notify:count",
        "notify::a::b",
        "",
        "notify:::count",
    ] {
        let err = refused(emitter.try_connect_stream(signal), || {
            emitter.connect_stream(signal)
        });
        assert!(
            matches!(err.kind(), ConnectErrorKind::MalformedDetail { signal: s, .. } if s == signal),
            "{signal:?}: {err}"
        );
        assert_eq!(
            err.to_string(),
            format!("malformed signal name '{signal}' for type '{TYPE}': expected 'signal' or 'signal::detail'")
        );
    }
    assert_nothing_connected(&emitter);
}

#[test]
fn detail_on_a_signal_without_details_is_refused() {
    let emitter = Emitter::new();
    let err = refused(emitter.try_connect_stream("tick::fast"), || {
        emitter.connect_stream("tick::fast")
    });
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::DetailNotSupported {
            signal: "tick".into(),
            detail: "fast".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        format!("signal 'tick' of type '{TYPE}' takes no detail, but 'fast' was given")
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn notify_detail_naming_no_property_is_refused() {
    let emitter = Emitter::new();
    let err = refused(emitter.try_connect_stream("notify::cuont"), || {
        emitter.connect_stream("notify::cuont")
    });
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::UnknownProperty {
            property: "cuont".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        format!("property 'cuont' not found on type '{TYPE}'")
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn typed_stream_with_wrong_argument_count_is_refused() {
    let emitter = Emitter::new();
    let err = refused(
        emitter.try_connect_stream_typed::<(u64, u64)>("tick"),
        || emitter.connect_stream_typed::<(u64, u64)>("tick"),
    );
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::ArgumentMismatch {
            signal: "tick".into(),
            expected: vec!["guint64".into()],
            requested: vec!["u64".into(), "u64".into()],
        }
    );
    assert_eq!(
        err.to_string(),
        format!("signal 'tick' of type '{TYPE}' has parameters (guint64); requested (u64, u64)")
    );
    let none = refused(emitter.try_connect_stream_typed::<()>("tick"), || {
        emitter.connect_stream_typed::<()>("tick")
    });
    assert!(
        matches!(none.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{none}"
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn typed_stream_with_wrong_argument_type_is_refused() {
    let emitter = Emitter::new();
    let err = refused(
        emitter.try_connect_stream_typed::<(String,)>("tick"),
        || emitter.connect_stream_typed::<(String,)>("tick"),
    );
    assert_eq!(
        err.to_string(),
        "signal 'tick' of type 'SignalStreamTestEmitter' has parameters (guint64); requested (String)"
    );
    let triple = refused(
        emitter.try_connect_stream_typed::<(i32, String, String)>("triple"),
        || emitter.connect_stream_typed::<(i32, String, String)>("triple"),
    );
    assert_eq!(
        triple.to_string(),
        format!(
            "signal 'triple' of type '{TYPE}' has parameters (gint, gchararray, gboolean); \
             requested (i32, String, String)"
        )
    );
    // The Send stream and the future check the same way.
    let send = refused(
        emitter
            .signal_stream_builder("tick")
            .typed::<(String,)>()
            .send()
            .try_build(),
        || {
            emitter
                .signal_stream_builder("tick")
                .typed::<(String,)>()
                .send()
                .build()
        },
    );
    let future = refused(
        emitter
            .signal_stream_builder("tick")
            .typed::<(String,)>()
            .future()
            .try_build(),
        || {
            emitter
                .signal_stream_builder("tick")
                .typed::<(String,)>()
                .future()
                .build()
        },
    );
    assert_eq!([&send, &future], [&err, &err]);
    // Nor is an object: a u64 is not one.
    let object = refused(
        emitter.try_connect_stream_typed::<(glib::Object,)>("tick"),
        || emitter.connect_stream_typed::<(glib::Object,)>("tick"),
    );
    assert!(
        matches!(object.kind(), ConnectErrorKind::ArgumentMismatch { .. }),
        "{object}"
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn return_value_handler_of_the_wrong_type_is_refused() {
    let emitter = Emitter::new();
    let err = refused(
        emitter
            .signal_stream_builder("ask")
            .answer(|_| 1u32)
            .try_build(),
        || {
            emitter
                .signal_stream_builder("ask")
                .answer(|_| 1u32)
                .build()
        },
    );
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::ReturnTypeMismatch {
            signal: "ask".into(),
            expected: "gboolean".into(),
            requested: "u32".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        format!("signal 'ask' of type '{TYPE}' returns gboolean; the handler returns u32")
    );
    let unit = refused(
        emitter
            .signal_stream_builder("ask")
            .answer(|_| ())
            .try_build(),
        || emitter.signal_stream_builder("ask").answer(|_| ()).build(),
    );
    assert!(
        matches!(unit.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{unit}"
    );
    let on_void = refused(
        emitter
            .signal_stream_builder("tick")
            .typed::<(u64,)>()
            .answer(|_| true)
            .try_build(),
        || {
            emitter
                .signal_stream_builder("tick")
                .typed::<(u64,)>()
                .answer(|_| true)
                .build()
        },
    );
    assert!(
        matches!(on_void.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{on_void}"
    );
    let compute = refused(
        emitter
            .signal_stream_builder("compute")
            .answer(|_| true)
            .try_build(),
        || {
            emitter
                .signal_stream_builder("compute")
                .answer(|_| true)
                .build()
        },
    );
    assert_eq!(compute.type_name(), TYPE);
    assert_eq!(
        *compute.kind(),
        ConnectErrorKind::ReturnTypeMismatch {
            signal: "compute".into(),
            expected: "gint".into(),
            requested: "bool".into(),
        }
    );
    let untyped_on_void = refused(
        emitter
            .signal_stream_builder("tick")
            .answer(|_| 1i32)
            .try_build(),
        || {
            emitter
                .signal_stream_builder("tick")
                .answer(|_| 1i32)
                .build()
        },
    );
    assert_eq!(
        untyped_on_void.to_string(),
        format!("signal 'tick' of type '{TYPE}' returns void; the handler returns i32")
    );
    let typed = refused(
        emitter
            .signal_stream_builder("compute")
            .typed::<(i32,)>()
            .answer(|_| "no")
            .try_build(),
        || {
            emitter
                .signal_stream_builder("compute")
                .typed::<(i32,)>()
                .answer(|_| "no")
                .build()
        },
    );
    assert!(
        matches!(typed.kind(), ConnectErrorKind::ReturnTypeMismatch { .. }),
        "{typed}"
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn signal_needing_a_return_value_is_refused_without_handler() {
    let emitter = Emitter::new();
    let err = refused(emitter.try_connect_stream("ask"), || {
        emitter.connect_stream("ask")
    });
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::NeedsReturnValue {
            signal: "ask".into(),
            return_type: "gboolean".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        format!(
            "signal 'ask' of type '{TYPE}' needs a return value of type gboolean: \
             answer the emitter with signal_stream_builder(..).answer(handler)"
        )
    );
    // Every form without a return-value handler says the same.
    let typed = refused(emitter.try_connect_stream_typed::<(i32,)>("ask"), || {
        emitter.connect_stream_typed::<(i32,)>("ask")
    });
    let send = refused(
        emitter
            .signal_stream_builder("ask")
            .typed::<(i32,)>()
            .send()
            .try_build(),
        || {
            emitter
                .signal_stream_builder("ask")
                .typed::<(i32,)>()
                .send()
                .build()
        },
    );
    let future = refused(emitter.try_signal_future("ask"), || {
        emitter.signal_future("ask")
    });
    assert_eq!([typed, send, future], [err.clone(), err.clone(), err]);
    assert_nothing_connected(&emitter);
}

#[test]
fn unknown_property_is_refused() {
    let emitter = Emitter::new();
    let err = refused(emitter.try_property_stream::<u64>("cuont"), || {
        emitter.property_stream::<u64>("cuont")
    });
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::UnknownProperty {
            property: "cuont".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        format!("property 'cuont' not found on type '{TYPE}'")
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn property_builder_on_a_signal_other_than_notify_is_refused() {
    let emitter = Emitter::new();
    for signal in ["tick", "notify", "notify::"] {
        let property = || emitter.signal_stream_builder(signal).property::<u64>();
        let err = refused(property().try_build(), || property().build());
        assert_eq!(
            *err.kind(),
            ConnectErrorKind::NotPropertyNotify {
                signal: signal.into(),
            }
        );
        assert_eq!(
            err.to_string(),
            format!(
                "a property stream of type '{TYPE}' needs the signal 'notify::<property>', \
                 not '{signal}'"
            )
        );
    }
    // `notify::count` is the property stream of `count`.
    let mut count = emitter
        .signal_stream_builder("notify::count")
        .property::<u64>()
        .build();
    emitter.set_property("count", 7u64);
    assert_eq!(
        glib::MainContext::default().block_on(futures::StreamExt::next(&mut count)),
        Some(7)
    );
    drop(count);
    assert_nothing_connected(&emitter);
}

#[test]
fn write_only_property_is_refused() {
    let emitter = Emitter::new();
    let err = refused(emitter.try_property_stream::<u64>("secret"), || {
        emitter.property_stream::<u64>("secret")
    });
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::PropertyNotReadable {
            property: "secret".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        format!("property 'secret' of type '{TYPE}' is not readable")
    );
    assert_nothing_connected(&emitter);
}

#[test]
fn property_of_another_type_is_refused() {
    let emitter = Emitter::new();
    let err = refused(emitter.try_property_stream::<String>("count"), || {
        emitter.property_stream::<String>("count")
    });
    assert_eq!(err.type_name(), TYPE);
    assert_eq!(
        *err.kind(),
        ConnectErrorKind::PropertyTypeMismatch {
            property: "count".into(),
            expected: "guint64".into(),
            requested: "String".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        format!("property 'count' of type '{TYPE}' holds guint64; requested String")
    );
    assert_nothing_connected(&emitter);
}

/// Types that can have neither signals nor properties (not instantiatable, not interfaces)
/// are refused by the checks without an instance before GLib sees them: its lookups log a
/// critical for them (run with fatal criticals by the test below).
#[test]
fn checks_on_a_type_without_signals_are_refused() {
    for type_ in [
        glib::Type::STRING,
        glib::Variant::static_type(),
        glib::Type::INVALID,
    ] {
        let err = glib_signal_stream::check_signal::<()>(type_, "tick").unwrap_err();
        assert_eq!(
            *err.kind(),
            ConnectErrorKind::UnknownSignal {
                signal: "tick".into()
            },
            "{type_}"
        );
        let err = glib_signal_stream::check_property::<u64>(type_, "count").unwrap_err();
        assert_eq!(
            *err.kind(),
            ConnectErrorKind::UnknownProperty {
                property: "count".into()
            },
            "{type_}"
        );
    }
}

#[test]
fn emission_on_another_thread_is_dropped_from_a_local_stream_with_a_critical() {
    let emitter = Emitter::new();
    let stream = emitter.connect_stream_typed::<(u64,)>("tick");

    let ((), criticals) = criticals_during(|| {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| emitter.tick(1));
            other.join().expect("no panic on the other thread");
        })
    });

    assert_eq!(stream.len(), 0, "the emission is dropped");
    assert_eq!(criticals.len(), 1, "{criticals:?}");
    assert!(
        criticals[0].contains("'tick'") && criticals[0].contains("another thread"),
        "{criticals:?}"
    );
    emitter.tick(2);
    assert_eq!(stream.len(), 1, "the stream still works on its own thread");
}

#[test]
fn emission_on_another_thread_gets_the_default_answer_from_a_local_handler() {
    let emitter = Emitter::new();
    let stream = emitter
        .signal_stream_builder("ask")
        .answer(|_| true)
        .build();

    let (answer, criticals) = criticals_during(|| {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| emitter.ask(1));
            other.join().expect("no panic on the other thread")
        })
    });

    assert!(!answer, "the handler did not run: the default answer");
    assert_eq!(stream.len(), 0);
    assert_eq!(criticals.len(), 1, "{criticals:?}");
    assert!(criticals[0].contains("'ask'"), "{criticals:?}");
    assert!(
        emitter.ask(2),
        "the handler still answers on its own thread"
    );
}

/// Guards issue 12, defect 7: a local stream whose emitter's last reference is dropped on
/// another thread (a `GTask` does this) used to leak its handler with a critical and never end.
/// The handler's state is now sent back to the connecting thread's main context and dropped
/// there, which ends the stream.
#[test]
fn local_stream_whose_emitter_dies_on_another_thread_ends_on_its_own_thread() {
    let context = glib::MainContext::new();
    context
        .with_thread_default(|| {
            let emitter = Emitter::new();
            let weak = emitter.downgrade();
            let mut stream = emitter.connect_stream_typed::<(u64,)>("tick");
            emitter.tick(1);

            let ((), criticals) = criticals_during(|| {
                std::thread::scope(|scope| {
                    let other = scope.spawn(move || drop(emitter));
                    other.join().expect("no panic on the other thread");
                })
            });

            assert!(
                weak.upgrade().is_none(),
                "the emitter was finalized on the other thread"
            );
            assert_eq!(criticals, Vec::<String>::new());
            let rest = context.block_on(futures::StreamExt::collect::<Vec<_>>(&mut stream));
            assert_eq!(rest, [(1,)], "the queued item, then the end");
        })
        .unwrap();
}

#[test]
fn null_for_a_parameter_that_is_not_an_option_is_dropped_with_a_critical() {
    let emitter = Emitter::new();
    let strict = emitter.connect_stream_typed::<(glib::Object,)>("carry");
    let lenient = emitter.connect_stream_typed::<(Option<glib::Object>,)>("carry");

    let ((), criticals) =
        criticals_during(|| emitter.emit_by_name::<()>("carry", &[&None::<glib::Object>]));

    assert_eq!(strict.len(), 0, "no item for a NULL it cannot hold");
    assert_eq!(lenient.len(), 1, "an Option parameter takes the NULL");
    assert_eq!(criticals.len(), 1, "{criticals:?}");
    assert!(criticals[0].contains("'carry'"), "{criticals:?}");
    emitter.carry(&glib::Object::new::<glib::Object>());
    assert_eq!(strict.len(), 1, "the stream still takes objects");
}

#[test]
fn odd_characters_in_names_are_refused_without_panic() {
    let emitter = Emitter::new();
    for signal in [
        "ti\0ck",
        "tick\0",
        "tïck",
        "tick ",
        "notify::co\0unt",
        "notify::cöunt",
    ] {
        let attempt = catch_unwind(AssertUnwindSafe(|| {
            emitter.try_connect_stream(signal).err()
        }));
        let err = attempt.unwrap_or_else(|_| panic!("try_connect_stream({signal:?}) panicked"));
        assert!(err.is_some(), "{signal:?} connected");
    }
    for property in ["co\0unt", "cöunt", "count\0"] {
        let attempt = catch_unwind(AssertUnwindSafe(|| {
            emitter.try_property_stream::<u64>(property).err()
        }));
        let err = attempt.unwrap_or_else(|_| panic!("try_property_stream({property:?}) panicked"));
        assert!(err.is_some(), "{property:?} connected");
    }
    assert_nothing_connected(&emitter);
}

/// The one case where a local stream's handler state is still leaked: the connecting thread's
/// main context is iterated by another thread, so the state cannot be dropped where it
/// belongs. It is leaked with a critical, never dropped on the wrong thread.
#[test]
fn local_handler_state_sent_home_to_a_context_another_thread_iterates_is_leaked_with_a_critical() {
    let context = glib::MainContext::new();
    let stream = context
        .with_thread_default(|| {
            let emitter = Emitter::new();
            let stream = emitter.connect_stream_typed::<(u64,)>("tick");
            std::thread::scope(|scope| {
                scope.spawn(move || drop(emitter)).join().unwrap();
            });
            stream
        })
        .unwrap();
    let ((), criticals_then) = criticals_during(|| {
        std::thread::scope(|scope| {
            let context = &context;
            scope
                .spawn(move || while context.iteration(false) {})
                .join()
                .unwrap();
        })
    });
    assert_eq!(criticals_then.len(), 1, "{criticals_then:?}");
    assert!(criticals_then[0].contains("leaked"), "{criticals_then:?}");
    assert!(!stream.is_connected());
}

/// Guards issue 12, defect 6: `try_connect_stream("bad name")` used to make GLib warn
/// ("unable to look up invalid signal name") before refusing. Names are now checked first.
#[test]
fn names_glib_considers_invalid_are_refused_before_glib_sees_them() {
    let emitter = Emitter::new();
    for signal in [
        "bad name",
        "1tick",
        "-tick",
        "notify::bad name",
        "notify::1count",
    ] {
        let err = emitter.try_connect_stream(signal).err();
        assert!(err.is_some(), "{signal:?} connected");
    }
    for property in ["bad name", "1count", "_count"] {
        let err = emitter.try_property_stream::<u64>(property).err();
        assert!(err.is_some(), "{property:?} connected");
    }
    assert_nothing_connected(&emitter);
}

// Beyond the refusals.

#[test]
fn detail_on_detailed_signal_is_accepted() {
    let obj = Emitter::new();
    assert!(obj.try_connect_stream("changed::anything").is_ok());
}

#[test]
fn error_converts_to_bool_error_with_same_message() {
    let err = Emitter::new().try_connect_stream("clicked2").unwrap_err();
    let bool_error = glib::BoolError::from(err.clone());
    assert_eq!(bool_error.message, err.to_string());
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

    thread_local! {
        static PANIC_FILE: RefCell<Option<String>> = const { RefCell::new(None) };
    }
    // The file the panic of `f` reported.
    fn panic_file<R>(f: impl FnOnce() -> R) -> String {
        PANIC_FILE.with(|file| file.borrow_mut().take());
        panic_message(f);
        PANIC_FILE
            .with(|file| file.borrow_mut().take())
            .expect("the panic had a location")
    }

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
            "builder answer",
            panic_file(|| {
                obj.signal_stream_builder("compute")
                    .answer(|_| true)
                    .build()
            }),
        ),
        (
            "builder typed answer",
            panic_file(|| {
                obj.signal_stream_builder("tick")
                    .typed::<(u64,)>()
                    .answer(|_| 1)
                    .build()
            }),
        ),
        (
            "builder typed send",
            panic_file(|| {
                obj.signal_stream_builder("ask")
                    .typed::<(i32,)>()
                    .send()
                    .build()
            }),
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
            "builder",
            panic_file(|| obj.signal_stream_builder("nope").build()),
        ),
        (
            "builder send future",
            panic_file(|| {
                obj.signal_stream_builder("nope")
                    .typed::<(u64,)>()
                    .send()
                    .future()
                    .build()
            }),
        ),
        (
            "builder property send",
            panic_file(|| {
                obj.signal_stream_builder("notify::nope")
                    .property::<u32>()
                    .send()
                    .build()
            }),
        ),
        (
            "many builder",
            panic_file(|| obj.signal_stream_many_builder().signals(&["nope"]).build()),
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

/// Set in the child processes that run tests with GLib's fatal warnings.
const FATAL_CHILD: &str = "GLIB_SIGNAL_STREAM_FATAL_CHILD";

/// Runs this test binary again with `args` and `G_DEBUG=fatal-warnings,fatal-criticals`
/// (GLib reads it when it starts, so it cannot be set from within a running test).
fn run_with_fatal_warnings(args: &[&str]) -> std::process::Output {
    std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args(args)
        .args(["--test-threads=1", "--nocapture"])
        .env("G_DEBUG", "fatal-warnings,fatal-criticals")
        .env(FATAL_CHILD, "1")
        .output()
        .expect("the test binary runs")
}

/// Every refusal test (their names say `refused`) passes in a process where any GLib warning
/// or critical aborts: no refused connect makes GLib warn or log a critical.
#[test]
fn refusals_make_glib_neither_warn_nor_log_a_critical() {
    if std::env::var_os(FATAL_CHILD).is_some() {
        return;
    }
    let child = run_with_fatal_warnings(&["refused"]);
    let stdout = String::from_utf8_lossy(&child.stdout);
    assert!(
        child.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&child.stderr)
    );
    assert!(stdout.contains("_is_refused ... ok"), "{stdout}");
}

/// Proves that the child processes above really abort on a GLib warning: the deliberate one
/// below kills its process.
#[test]
fn glib_warnings_abort_the_fatal_child() {
    if std::env::var_os(FATAL_CHILD).is_some() {
        return;
    }
    let child = run_with_fatal_warnings(&["--ignored", "--exact", "deliberate_glib_warning"]);
    assert!(
        !child.status.success(),
        "the deliberate warning did not abort"
    );
    assert!(String::from_utf8_lossy(&child.stderr).contains("deliberate warning"));
}

#[test]
#[ignore = "run by glib_warnings_abort_the_fatal_child, in a process it expects to abort"]
fn deliberate_glib_warning() {
    glib::g_warning!("glib-signal-stream-tests", "deliberate warning");
}
