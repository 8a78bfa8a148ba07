//! `tests/generated_signals.rs` and `tests/generated_properties.rs`: a check of every
//! generated method against the running libraries.

use std::fmt::Write;

use crate::{
    gates::Gates,
    gir::{Class, Index},
    links::Links,
    rust,
    versions::Versions,
    write::{class_binding, Method, Ret, TypeStreams},
    Target,
};

/// `tests/generated_signals.rs`: every method checked against the running library, and
/// connected for real where an instance can be made without arguments.
#[derive(Default)]
pub struct TestFile {
    body: String,
}

impl TestFile {
    /// Adds the test of `target`'s types; returns how many methods it connects for real.
    pub fn add(
        &mut self,
        index: &Index,
        target: &Target,
        types: &[TypeStreams<'_>],
        links: &Links,
    ) -> usize {
        let mut connected = 0;
        let feature = target.feature;
        let ns = target.ns.to_lowercase();
        let _ = write!(
            self.body,
            "#[cfg(feature = \"{feature}\")]\n#[{}]\n\
             fn {ns}_streams_match_their_signals() {{\n{}    let mut failures = Vec::new();\n",
            test_attr(target),
            init(target),
        );
        for ty in types.iter().filter(|ty| !ty.methods.is_empty()) {
            let none = Gates::default();
            let type_cfg = instance_cfg(ty, ty.methods.iter().map(|m| &m.gates));
            for m in &ty.methods {
                let cfg = ty.gates.merged(&m.gates).cfg(&none);
                if let Some(check) = crate::overrides::test_check(ty, m) {
                    self.body.push_str(&cfg);
                    self.body.push_str(&check);
                    continue;
                }
                let method = format!("{}::{}", ty.trait_name, m.name);
                let (check, extra) = match &m.ret {
                    None if m.detailed => ("detailed".to_owned(), String::new()),
                    None => ("plain".to_owned(), String::new()),
                    Some(ret) => (
                        if m.detailed {
                            "detailed_answered"
                        } else {
                            "answered"
                        }
                        .to_owned(),
                        format!(", {}, _, {}", ret.path(), fn_pointer(m, ret)),
                    ),
                };
                let send = if crate::send::signal_is_send(ty.class, m) {
                    "_send"
                } else {
                    ""
                };
                let _ = writeln!(
                    self.body,
                    "    {cfg}failures.extend({check}{send}::<{path}, _{extra}>(\"{signal}\", {method}).err());",
                    path = ty.path,
                    signal = m.signal,
                );
            }
            let Some(instance) = instance_type(index, target, ty, links) else {
                continue;
            };
            connected += ty.methods.len();
            let _ = writeln!(
                self.body,
                "    {type_cfg}let obj = glib::Object::with_type({instance}::static_type()).downcast::<{instance}>().unwrap();",
            );
            for m in &ty.methods {
                let cfg = ty.gates.merged(&m.gates).cfg(&none);
                let detail = if m.detailed { ", None" } else { "" };
                let handler = match m.ret {
                    None => String::new(),
                    Some(_) => format!(
                        ", |{}| unreachable!()",
                        vec!["_"; m.params.len()].join(", ")
                    ),
                };
                let _ = writeln!(
                    self.body,
                    "    {cfg}drop({}::{}(&obj{detail}{handler}));",
                    ty.trait_name, m.name
                );
            }
        }
        self.body.push_str(
            "    assert!(failures.is_empty(), \"{} mismatches:\\n{}\", failures.len(), \
             failures.iter().map(ToString::to_string).collect::<Vec<_>>().join(\"\\n\"));\n}\n\n",
        );
        connected
    }

    /// Adds the property test of `target`'s types; returns how many property streams it
    /// reads for real.
    pub fn add_properties(
        &mut self,
        index: &Index,
        target: &Target,
        types: &[TypeStreams<'_>],
        links: &Links,
    ) -> usize {
        let mut read = 0;
        let feature = target.feature;
        let ns = target.ns.to_lowercase();
        let _ = write!(
            self.body,
            "#[cfg(feature = \"{feature}\")]\n#[{}]\n\
             fn {ns}_property_streams_match_their_properties() {{\n{}    let mut failures = Vec::new();\n",
            test_attr(target),
            init(target),
        );
        for ty in types.iter().filter(|ty| !ty.properties.is_empty()) {
            let none = Gates::default();
            let type_cfg = instance_cfg(ty, ty.properties.iter().map(|p| &p.gates));
            for p in &ty.properties {
                let _ = writeln!(
                    self.body,
                    "    {}failures.extend(checked{send}::<{path}, _>(\"{property}\", {trait_name}::{name}).err());",
                    ty.gates.merged(&p.gates).cfg(&none),
                    send = if p.helper == "property_send" { "_send" } else { "" },
                    path = ty.path,
                    property = p.property,
                    trait_name = ty.trait_name,
                    name = p.name,
                );
            }
            let Some(instance) = instance_type(index, target, ty, links) else {
                continue;
            };
            read += ty.properties.len();
            let _ = writeln!(
                self.body,
                "    {type_cfg}let obj = glib::Object::with_type({instance}::static_type()).downcast::<{instance}>().unwrap();",
            );
            for p in &ty.properties {
                let _ = writeln!(
                    self.body,
                    "    {}failures.extend(current(&obj, \"{}\", {}::{}(&obj)).err());",
                    ty.gates.merged(&p.gates).cfg(&none),
                    p.property,
                    ty.trait_name,
                    p.name
                );
            }
        }
        self.body.push_str(
            "    assert!(failures.is_empty(), \"{} mismatches:\\n{}\", failures.len(), failures.join(\"\\n\"));\n}\n\n",
        );
        read
    }

    pub fn finish_properties(self, versions: &Versions) -> String {
        format!(
            "{}\
             //! Every generated property stream, checked against its property in the running GIO,\n\
             //! GTK and libadwaita: the property exists on the trait's type, is readable and holds\n\
             //! the item type (behind the version features, those newer than the bindings' base).\n\
             //! On types that can be made without arguments, each stream is also read: its\n\
             //! first item, the current value, must be there (a NULL would be missing from a\n\
             //! stream whose item is not an `Option`).\n\n\
             #![cfg(feature = \"gio\")]\n\
             #![allow(deprecated)]\n\n\
             use futures_util::{{FutureExt, StreamExt}};\n\
             use glib::{{prelude::*, value::FromValue}};\n\
             use glib_signal_stream::{{check_property, prelude::*, PropertyStream, SendPropertyStream}};\n\n\
             fn checked<T: StaticType, V: for<'a> FromValue<'a> + StaticType>(\n    property: &str,\n    _method: fn(&T) -> PropertyStream<V>,\n\
             ) -> Result<(), String> {{\n    check_property::<V>(T::static_type(), property).map_err(|e| e.to_string())\n}}\n\n\
             // The streams of `Send + Sync` types whose items are `Send` are `SendPropertyStream`s.\n\
             fn checked_send<T: StaticType + ObjectType + Send + Sync, V: for<'a> FromValue<'a> + StaticType>(\n    property: &str,\n    _method: fn(&T) -> SendPropertyStream<V, T>,\n\
             ) -> Result<(), String> {{\n    check_property::<V>(T::static_type(), property).map_err(|e| e.to_string())\n}}\n\n\
             /// `Err` unless the stream's first item, the value when it was created, is ready.\n\
             fn current<V, S: futures_util::Stream<Item = V> + Unpin>(obj: &impl ObjectType, property: &str, mut stream: S) -> Result<(), String> {{\n    \
             match stream.next().now_or_never() {{\n        Some(Some(_)) => Ok(()),\n        \
             _ => Err(format!(\"{{}}:{{property}}: no current value\", obj.type_().name())),\n    }}\n}}\n\n{}",
            header_of_tests(versions),
            self.body
        )
    }

    pub fn finish(self, versions: &Versions) -> String {
        format!(
            "{}\
             //! Every generated typed stream, checked against the signal it streams in the running\n\
             //! GIO, GTK and libadwaita: the signal exists on the trait's type, and the item and return types\n\
             //! pass the checks made when connecting. Types that can be made without arguments\n\
             //! are also connected for real.\n\n\
             #![cfg(feature = \"gio\")]\n\
             #![allow(clippy::type_complexity, deprecated)]\n\n\
             use glib::prelude::*;\n\
             use glib_signal_stream::{{\n    check_signal, check_signal_with_return, prelude::*, ConnectError, SignalArgs, \
             SendSignalStream, SignalReturn, SignalStream,\n}};\n\n\
             fn plain<T: StaticType, A: SignalArgs>(\n    signal: &str,\n    _method: fn(&T) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal::<A>(T::static_type(), signal)\n}}\n\n\
             fn detailed<T: StaticType, A: SignalArgs>(\n    signal: &str,\n    _method: fn(&T, Option<&str>) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal::<A>(T::static_type(), signal)\n}}\n\n\
             fn answered<T: StaticType, A: SignalArgs, R: SignalReturn<M>, M, H>(\n    signal: &str,\n    _method: fn(&T, H) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal_with_return::<A, R, M>(T::static_type(), signal)\n}}\n\n\
             #[allow(dead_code)]\n\
             fn detailed_answered<T: StaticType, A: SignalArgs, R: SignalReturn<M>, M, H>(\n    signal: &str,\n    _method: fn(&T, Option<&str>, H) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal_with_return::<A, R, M>(T::static_type(), signal)\n}}\n\n\
             // The streams of `Send + Sync` types are `SendSignalStream`s.\n\
             #[allow(dead_code)]\n\
             fn plain_send<T: StaticType + ObjectType + Send + Sync, A: SignalArgs>(\n    signal: &str,\n    _method: fn(&T) -> SendSignalStream<A, T>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal::<A>(T::static_type(), signal)\n}}\n\n\
             #[allow(dead_code)]\n\
             fn detailed_send<T: StaticType + ObjectType + Send + Sync, A: SignalArgs>(\n    signal: &str,\n    _method: fn(&T, Option<&str>) -> SendSignalStream<A, T>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal::<A>(T::static_type(), signal)\n}}\n\n\
             #[allow(dead_code)]\n\
             fn answered_send<T: StaticType + ObjectType + Send + Sync, A: SignalArgs, R: SignalReturn<M>, M, H>(\n    signal: &str,\n    _method: fn(&T, H) -> SendSignalStream<A, T>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal_with_return::<A, R, M>(T::static_type(), signal)\n}}\n\n\
             #[allow(dead_code)]\n\
             fn detailed_answered_send<T: StaticType + ObjectType + Send + Sync, A: SignalArgs, R: SignalReturn<M>, M, H>(\n    signal: &str,\n    _method: fn(&T, Option<&str>, H) -> SendSignalStream<A, T>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal_with_return::<A, R, M>(T::static_type(), signal)\n}}\n\n{}",
            header_of_tests(versions),
            self.body
        )
    }
}

/// The header of a generated test: the three GIR files and their library versions.
fn header_of_tests(versions: &Versions) -> String {
    format!(
        "// Generated by gen-streams from Gio-2.0.gir of GLib {}, Gtk-4.0.gir of GTK {} and\n\
         // Adw-1.gir of libadwaita {}, with types from the GIR files pinned in\n\
         // gen-streams/versions.txt.\n// DO NOT EDIT\n\n",
        versions.glib, versions.gtk, versions.adw
    )
}

/// The test attribute of `target`'s tests: GTK and libadwaita are used from one thread, so
/// theirs run on the thread `gtk4::test` sets up.
fn test_attr(target: &Target) -> &'static str {
    if target.feature == "gio" {
        "test"
    } else {
        "gtk4::test"
    }
}

/// What `target`'s tests call first: `adw::init()` for libadwaita (its style manager and
/// styles), nothing for the others.
fn init(target: &Target) -> &'static str {
    if target.feature == "adw" {
        "    adw::init().expect(\"libadwaita initializes\");\n"
    } else {
        ""
    }
}

/// The `#[cfg]` of the instance `ty`'s methods (of features `gates`) are tried on: where at
/// least one of them is compiled, so that it is never unused.
fn instance_cfg<'a>(ty: &TypeStreams<'_>, gates: impl Iterator<Item = &'a Gates>) -> String {
    let none = Gates::default();
    let mut predicates = Vec::new();
    for gates in gates {
        match ty.gates.merged(gates).predicate() {
            Some(p) if !ty.gates.implies(gates) => predicates.push(p),
            // One method needs no more than the type: the type's own gate.
            _ => return ty.gates.cfg(&none),
        }
    }
    predicates.sort_unstable();
    predicates.dedup();
    match predicates.len() {
        0 => ty.gates.cfg(&none),
        1 => format!("#[cfg({})]\n", predicates[0]),
        _ => format!("#[cfg(any({}))]\n", predicates.join(", ")),
    }
}

/// The handler type of `m` as a function pointer, for naming the method's generic parameter.
fn fn_pointer(m: &Method, ret: &Ret) -> String {
    let args: Vec<_> = m.params.iter().map(|(_, ty)| ty.borrowed()).collect();
    format!("fn({}) -> {}", args.join(", "), ret.path())
}

/// The Rust path of a type to make an instance of for connecting `ty`'s methods for real: the
/// type itself, or else the first class of the namespace that is one, that GObject can make
/// without arguments (a `new` constructor without parameters) and that the bindings have.
fn instance_type(
    index: &Index,
    target: &Target,
    ty: &TypeStreams<'_>,
    links: &Links,
) -> Option<String> {
    let wanted = format!("{}.{}", target.ns, ty.class.name);
    // A class behind more version features than `ty` would leave `ty` untested without them.
    let makeable = |c: &Class| {
        c.plain_new
            && !c.abstract_
            && !c.interface
            && class_binding(target, c, links).is_ok_and(|gates| ty.gates.implies(&gates))
    };
    std::iter::once(ty.class)
        .chain(&index.classes[target.ns])
        .find(|c| makeable(c) && index.is_a(&format!("{}.{}", target.ns, c.name), &wanted))
        .map(|c| rust::class_path(target.ns, &c.name))
}
