//! The generated files: one module per type with its trait, the `mod.rs` files, the test and
//! the report.

use std::{collections::BTreeMap, fmt::Write, path::PathBuf};

use crate::{
    gir::{Class, Index, Signal},
    rust::{self, RustType},
    Target, TARGETS,
};

/// Classes that introspection lists but gtk4 0.11 and gio 0.22 do not bind, with the reason.
const UNBOUND: [(&str, &str); 1] = [(
    "GUnixMountMonitor",
    "gio 0.22 does not bind it (Unix-only GIO API, kept out of the `gio` crate)",
)];

/// What a handler returns.
enum Ret {
    Propagation,
    Value(RustType),
}

impl Ret {
    fn path(&self) -> String {
        match self {
            Ret::Propagation => "glib::Propagation".to_owned(),
            Ret::Value(ty) => ty.owned(),
        }
    }
}

/// One generated `<signal>_stream` method.
struct Method {
    signal: String,
    name: String,
    params: Vec<(String, RustType)>,
    ret: Option<Ret>,
    detailed: bool,
}

impl Method {
    fn item(&self) -> String {
        tuple(self.params.iter().map(|(_, ty)| ty.owned()))
    }

    /// The handler's type: `Fn(&gtk4::Widget, u32) -> bool`.
    fn handler(&self, ret: &Ret) -> String {
        let args: Vec<_> = self.params.iter().map(|(_, ty)| ty.borrowed()).collect();
        format!("Fn({}) -> {}", args.join(", "), ret.path())
    }
}

fn tuple(types: impl Iterator<Item = String>) -> String {
    let types: Vec<_> = types.collect();
    match types.len() {
        1 => format!("({},)", types[0]),
        _ => format!("({})", types.join(", ")),
    }
}

/// One generated trait.
struct TypeStreams<'a> {
    class: &'a Class,
    path: String,
    trait_name: String,
    module: String,
    methods: Vec<Method>,
}

/// A signal that is not generated, and why.
struct Skipped {
    what: String,
    reason: String,
}

/// `(path relative to the repository root, contents)` of every generated file.
pub fn generate(index: &Index) -> Result<Vec<(PathBuf, String)>, String> {
    let mut files = Vec::new();
    let mut report = Report::default();
    let mut test = TestFile::default();
    let gio_names: Vec<&str> = index.classes["Gio"]
        .iter()
        .filter(|c| !c.signals.is_empty())
        .map(|c| c.name.as_str())
        .collect();
    for target in &TARGETS {
        let mut types = Vec::new();
        let mut skipped = Vec::new();
        let mut total = 0;
        for class in &index.classes[target.ns] {
            total += class.signals.len();
            let trait_prefix = if target.ns != "Gio" && gio_names.contains(&class.name.as_str()) {
                target.ns
            } else {
                ""
            };
            if let Err(reason) = class_binding(target, class) {
                skipped.extend(class.signals.iter().map(|s| Skipped {
                    what: format!("{}::{}", class.c_type, s.name),
                    reason: reason.clone(),
                }));
                continue;
            }
            let mut methods = Vec::new();
            for signal in &class.signals {
                match method(index, target.ns, class, signal) {
                    Ok(m) => methods.push(m),
                    Err(reason) => skipped.push(Skipped {
                        what: format!("{}::{}", class.c_type, signal.name),
                        reason,
                    }),
                }
            }
            if !methods.is_empty() {
                types.push(TypeStreams {
                    class,
                    path: rust::class_path(target.ns, &class.name),
                    trait_name: format!("{trait_prefix}{}StreamExt", class.name),
                    module: snake(&class.name),
                    methods,
                });
            }
        }
        for ty in &types {
            files.push((
                PathBuf::from(target.dir).join(format!("{}.rs", ty.module)),
                module(target, ty),
            ));
        }
        files.push((
            PathBuf::from(target.dir).join("mod.rs"),
            mod_rs(target, &types),
        ));
        test.add(target, &types);
        report.add(target, total, &types, skipped);
    }
    files.push((PathBuf::from("tests/generated_signals.rs"), test.finish()));
    files.push((PathBuf::from("gen-streams/REPORT.md"), report.finish()));
    Ok(files)
}

fn class_binding(target: &Target, class: &Class) -> Result<(), String> {
    rust::check_version(target.ns, &class.name, class.version.as_deref())?;
    match UNBOUND.iter().find(|(name, _)| *name == class.c_type) {
        Some((_, reason)) => Err((*reason).to_owned()),
        None => Ok(()),
    }
}

fn method(index: &Index, ns: &str, class: &Class, signal: &Signal) -> Result<Method, String> {
    if !signal.introspectable {
        return Err("marked not introspectable".into());
    }
    let mut params = Vec::new();
    for param in &signal.params {
        let ty = if rust::is_keyval(&class.name, &signal.name, &param.name) {
            RustType {
                path: "gtk4::gdk::Key".into(),
                pass: rust::Pass::Copy,
                nullable: false,
            }
        } else {
            rust::map_type(index, ns, &param.ty)
                .map_err(|reason| format!("parameter `{}`: {reason}", param.name))?
        };
        params.push((param.name.clone(), ty));
    }
    if params.len() > 12 {
        return Err("more than 12 parameters".into());
    }
    let ret = match &signal.ret {
        None => None,
        Some(ty)
            if ty.name.as_deref() == Some("gboolean")
                && rust::is_propagation(&class.name, &signal.name) =>
        {
            Some(Ret::Propagation)
        }
        Some(ty) => Some(Ret::Value(
            rust::map_type(index, ns, ty).map_err(|reason| format!("return value: {reason}"))?,
        )),
    };
    Ok(Method {
        signal: signal.name.clone(),
        name: format!("{}_stream", signal.name.replace('-', "_")),
        params,
        ret,
        detailed: signal.detailed,
    })
}

/// `snake_case` file name of a type name, as gtk-rs names its modules (`GLArea` to
/// `gl_area`, `DBusProxy` to `dbus_proxy`).
fn snake(name: &str) -> String {
    let name = name.replace("DBus", "Dbus");
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn header(target: &Target) -> String {
    format!(
        "// Generated by gen-streams from {}. DO NOT EDIT.\n\n",
        target.file
    )
}

fn module(target: &Target, ty: &TypeStreams<'_>) -> String {
    let mut helpers = Vec::new();
    if ty.methods.iter().any(|m| m.ret.is_none()) {
        helpers.push("stream");
    }
    if ty.methods.iter().any(|m| m.ret.is_some()) {
        helpers.push("stream_with_return");
    }
    if ty.methods.iter().any(|m| m.detailed) {
        helpers.push("detailed");
    }
    let mut out = header(target);
    let kind = if ty.class.interface {
        "implementors"
    } else {
        "subclasses"
    };
    let _ = write!(
        out,
        "use glib::prelude::*;\n\n\
         use crate::{{typed::{{{}}}, SignalStream}};\n\n\
         /// Typed signal streams for [`{path}`] and its {kind}.\n\
         pub trait {name}: IsA<{path}> {{\n",
        helpers.join(", "),
        path = ty.path,
        name = ty.trait_name,
    );
    for m in &ty.methods {
        out.push_str(&method_source(ty, m));
    }
    let _ = write!(
        out,
        "}}\n\nimpl<O: IsA<{path}>> {name} for O {{}}\n",
        path = ty.path,
        name = ty.trait_name
    );
    out
}

fn method_source(ty: &TypeStreams<'_>, m: &Method) -> String {
    let mut out = String::new();
    let c_name = format!("{}::{}", ty.class.c_type, m.signal);
    let _ = writeln!(out, "/// A stream of `{c_name}`.");
    if m.params.is_empty() {
        out.push_str("///\n/// The signal has no parameters: each item is `()`.\n");
    } else {
        let names: Vec<_> = m.params.iter().map(|(n, _)| format!("`{n}`")).collect();
        let _ = writeln!(
            out,
            "///\n/// Each item holds the parameters {}.",
            names.join(", ")
        );
    }
    if m.ret.is_some() {
        out.push_str(
            "///\n/// `handler` runs inside each emission with the parameters and its result is \
             returned to\n/// the emitter; the item is queued on the stream as well.\n",
        );
    }
    if m.detailed {
        out.push_str("///\n/// With `Some(detail)`, only the emissions for that detail.\n");
    }
    let _ = writeln!(out, "#[doc(alias = \"{}\")]", m.signal);
    let obj = format!("self.upcast_ref::<{}>().upcast_ref()", ty.path);
    let signal = if m.detailed {
        format!("&detailed(\"{}\", detail)", m.signal)
    } else {
        format!("\"{}\"", m.signal)
    };
    let detail_arg = if m.detailed {
        ", detail: Option<&str>"
    } else {
        ""
    };
    let item = m.item();
    match &m.ret {
        None => {
            let _ = write!(
                out,
                "fn {}(&self{detail_arg}) -> SignalStream<{item}> {{\n    stream({obj}, {signal})\n}}\n\n",
                m.name
            );
        }
        Some(ret) => {
            let vars: Vec<_> = (0..m.params.len()).map(|i| format!("a{i}")).collect();
            let pattern = if vars.is_empty() {
                "_".to_owned()
            } else {
                tuple(vars.iter().cloned())
            };
            let args: Vec<_> = m
                .params
                .iter()
                .zip(&vars)
                .map(|((_, ty), v)| ty.pass(v))
                .collect();
            let _ = write!(
                out,
                "fn {name}<F>(&self{detail_arg}, handler: F) -> SignalStream<{item}>\n\
                 where\n    F: {handler} + 'static,\n{{\n    \
                 stream_with_return({obj}, {signal}, move |{pattern}: &{item}| handler({args}))\n}}\n\n",
                name = m.name,
                handler = m.handler(ret),
                args = args.join(", "),
            );
        }
    }
    out
}

fn mod_rs(target: &Target, types: &[TypeStreams<'_>]) -> String {
    let mut out = header(target);
    for ty in types {
        let _ = writeln!(out, "mod {};", ty.module);
    }
    out.push('\n');
    for ty in types {
        let _ = writeln!(out, "pub use self::{}::{};", ty.module, ty.trait_name);
    }
    out
}

/// `tests/generated_signals.rs`: every method checked against the running library, and
/// connected for real where an instance can be made without arguments.
#[derive(Default)]
struct TestFile {
    body: String,
}

impl TestFile {
    fn add(&mut self, target: &Target, types: &[TypeStreams<'_>]) {
        let feature = target.feature;
        let ns = target.ns.to_lowercase();
        // GTK is used from one thread: its tests run on the thread `gtk4::test` sets up.
        let test = if feature == "gtk" {
            "gtk4::test"
        } else {
            "test"
        };
        let _ = write!(
            self.body,
            "#[cfg(feature = \"{feature}\")]\n#[{test}]\n\
             fn {ns}_streams_match_their_signals() {{\n    let mut failures = Vec::new();\n"
        );
        for ty in types {
            for m in &ty.methods {
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
                let _ = writeln!(
                    self.body,
                    "    failures.extend({check}::<{path}, _{extra}>(\"{signal}\", {method}).err());",
                    path = ty.path,
                    signal = m.signal,
                );
            }
            if ty.class.plain_new && !ty.class.abstract_ && !ty.class.interface {
                let _ = writeln!(
                    self.body,
                    "    let obj = glib::Object::with_type({path}::static_type()).downcast::<{path}>().unwrap();",
                    path = ty.path
                );
                for m in &ty.methods {
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
                        "    drop({}::{}(&obj{detail}{handler}));",
                        ty.trait_name, m.name
                    );
                }
            }
        }
        self.body.push_str(
            "    assert!(failures.is_empty(), \"{} mismatches:\\n{}\", failures.len(), \
             failures.iter().map(ToString::to_string).collect::<Vec<_>>().join(\"\\n\"));\n}\n\n",
        );
    }

    fn finish(self) -> String {
        format!(
            "// Generated by gen-streams from {}. DO NOT EDIT.\n\n\
             //! Every generated typed stream, checked against the signal it streams in the running\n\
             //! GIO and GTK: the signal exists on the trait's type, and the item and return types\n\
             //! pass the checks made when connecting. Types that can be made without arguments\n\
             //! are also connected for real.\n\n\
             #![cfg(feature = \"gio\")]\n\
             #![allow(clippy::type_complexity)]\n\n\
             use glib::prelude::*;\n\
             use glib_signal_stream::{{\n    check_signal, check_signal_with_return, prelude::*, ConnectError, SignalArgs, \
             SignalReturn, SignalStream,\n}};\n\n\
             fn plain<T: StaticType, A: SignalArgs>(\n    signal: &str,\n    _method: fn(&T) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal::<A>(T::static_type(), signal)\n}}\n\n\
             fn detailed<T: StaticType, A: SignalArgs>(\n    signal: &str,\n    _method: fn(&T, Option<&str>) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal::<A>(T::static_type(), signal)\n}}\n\n\
             fn answered<T: StaticType, A: SignalArgs, R: SignalReturn<M>, M, H>(\n    signal: &str,\n    _method: fn(&T, H) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal_with_return::<A, R, M>(T::static_type(), signal)\n}}\n\n\
             #[allow(dead_code)]\n\
             fn detailed_answered<T: StaticType, A: SignalArgs, R: SignalReturn<M>, M, H>(\n    signal: &str,\n    _method: fn(&T, Option<&str>, H) -> SignalStream<A>,\n\
             ) -> Result<(), ConnectError> {{\n    check_signal_with_return::<A, R, M>(T::static_type(), signal)\n}}\n\n{}",
            TARGETS.map(|t| t.file).join(" and "),
            self.body
        )
    }
}

/// The handler type of `m` as a function pointer, for naming the method's generic parameter.
fn fn_pointer(m: &Method, ret: &Ret) -> String {
    let args: Vec<_> = m.params.iter().map(|(_, ty)| ty.borrowed()).collect();
    format!("fn({}) -> {}", args.join(", "), ret.path())
}

#[derive(Default)]
struct Report {
    rows: String,
    skipped: String,
    reasons: BTreeMap<String, usize>,
    totals: (usize, usize, usize),
}

impl Report {
    fn add(
        &mut self,
        target: &Target,
        total: usize,
        types: &[TypeStreams<'_>],
        skipped: Vec<Skipped>,
    ) {
        let generated: usize = types.iter().map(|t| t.methods.len()).sum();
        let _ = writeln!(
            self.rows,
            "| {} | {total} | {generated} | {} | {} |",
            target.file,
            skipped.len(),
            types.len()
        );
        self.totals.0 += total;
        self.totals.1 += generated;
        self.totals.2 += skipped.len();
        let _ = writeln!(self.skipped, "\n### {}\n", target.file);
        if skipped.is_empty() {
            self.skipped.push_str("None.\n");
        }
        for s in skipped {
            let _ = writeln!(self.skipped, "- `{}`: {}", s.what, s.reason);
            *self.reasons.entry(category(&s.reason)).or_default() += 1;
        }
    }

    fn finish(self) -> String {
        let mut out = String::from(
            "<!-- Generated by gen-streams. DO NOT EDIT. -->\n\n\
             # Generated typed streams\n\n\
             One `<signal>_stream` method per signal of every class and interface in the GIR \
             files below\n(read from `/usr/share/gir-1.0`), except the signals listed under \
             \"Skipped\".\n\n\
             | GIR file | signals | typed streams | skipped | traits |\n|---|---|---|---|---|\n",
        );
        out.push_str(&self.rows);
        let (total, generated, skipped) = self.totals;
        let _ = writeln!(out, "| total | {total} | {generated} | {skipped} | |");
        out.push_str("\n## Skipped, by reason\n\n| reason | signals |\n|---|---|\n");
        for (reason, count) in &self.reasons {
            let _ = writeln!(out, "| {reason} | {count} |");
        }
        out.push_str("\n## Skipped signals\n");
        out.push_str(&self.skipped);
        out
    }
}

/// A reason without the names in it, to count reasons.
fn category(reason: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for c in reason.chars() {
        if c == '`' {
            in_code = !in_code;
            if in_code {
                out.push_str("`…`");
            }
        } else if !in_code {
            out.push(c);
        }
    }
    out
}
