//! The generated files: one module per type with its trait and the `mod.rs` files (with the
//! test and the report from `test.rs` and `report.rs`).

use std::{collections::HashMap, fmt::Write, path::PathBuf};

use crate::{
    gir::{Class, Index, Signal},
    report::Report,
    rust::{self, RustType},
    test::TestFile,
    Target, TARGETS,
};

/// Classes that introspection lists but gtk4 0.11 and gio 0.22 do not bind, with the reason.
const UNBOUND: [(&str, &str); 1] = [(
    "GUnixMountMonitor",
    "gio 0.22 does not bind it (Unix-only GIO API, kept out of the `gio` crate)",
)];

/// The types whose Rust binding is `Send + Sync` and whose signals' parameters are `Send`:
/// their streams accept emissions from any thread (`SendSignalStream`, `Self: Send + Sync`);
/// every other type's streams are local. `GDBusObjectManagerClient` is `Send + Sync` too, but
/// its signals carry a `gio::DBusObjectProxy`, whose binding is not `Send`.
const SEND_SYNC: [&str; 3] = ["GCancellable", "GDBusConnection", "GDBusProxy"];

/// Whether `class`'s streams are `Send` (see [`SEND_SYNC`]).
pub fn is_send_sync(class: &Class) -> bool {
    SEND_SYNC.contains(&class.c_type.as_str())
}

/// The rule, stated in the documentation of each `Send` type's trait.
const SEND_RULE: &str = "///\n\
    /// Its Rust binding and its signals' parameters are `Send + Sync`, so its streams accept\n\
    /// emissions from any thread: they are [`SendSignalStream`]s, which any executor can poll.\n\
    /// The streams of every other type are local [`SignalStream`](crate::SignalStream)s.\n";

/// What a handler returns.
pub enum Ret {
    Propagation,
    Value(RustType),
}

impl Ret {
    pub fn path(&self) -> String {
        match self {
            Ret::Propagation => "glib::Propagation".to_owned(),
            Ret::Value(ty) => ty.owned(),
        }
    }
}

/// One generated `<signal>_stream` method.
pub struct Method {
    pub signal: String,
    pub name: String,
    pub params: Vec<(String, RustType)>,
    pub ret: Option<Ret>,
    pub detailed: bool,
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
pub struct TypeStreams<'a> {
    pub class: &'a Class,
    pub path: String,
    pub trait_name: String,
    pub module: String,
    pub methods: Vec<Method>,
}

/// A signal that is not generated, and why.
pub struct Skipped {
    pub what: String,
    pub reason: String,
}

/// `(path relative to the repository root, contents)` of every generated file.
///
/// `docs` replaces the generated documentation of some methods: `Namespace.Type.signal` to
/// Markdown (see `docs/README.md`).
pub fn generate(
    index: &Index,
    docs: &HashMap<String, String>,
) -> Result<Vec<(PathBuf, String)>, String> {
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
                module(target, ty, docs),
            ));
        }
        files.push((
            PathBuf::from(target.dir).join("mod.rs"),
            mod_rs(target, &types),
        ));
        let connected = test.add(index, target, &types);
        report.add(target, total, &types, skipped, connected);
    }
    files.push((PathBuf::from("tests/generated_signals.rs"), test.finish()));
    files.push((PathBuf::from("gen-streams/REPORT.md"), report.finish()));
    Ok(files)
}

pub fn class_binding(target: &Target, class: &Class) -> Result<(), String> {
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

fn module(target: &Target, ty: &TypeStreams<'_>, docs: &HashMap<String, String>) -> String {
    let send = is_send_sync(ty.class);
    let prefix = if send { "send_" } else { "" };
    let mut helpers = Vec::new();
    if ty.methods.iter().any(|m| m.ret.is_none()) {
        helpers.push(format!("{prefix}stream"));
    }
    if ty.methods.iter().any(|m| m.ret.is_some()) {
        helpers.push(format!("{prefix}stream_with_return"));
    }
    if ty.methods.iter().any(|m| m.detailed) {
        helpers.push("detailed".to_owned());
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
         use crate::{{typed::{{{}}}, {}}};\n\n\
         /// Typed signal streams for [`{path}`] and its {kind}.\n{rule}\
         pub trait {name}: IsA<{path}> {{\n",
        helpers.join(", "),
        if send {
            "SendSignalStream"
        } else {
            "SignalStream"
        },
        path = ty.path,
        name = ty.trait_name,
        rule = if send { SEND_RULE } else { "" },
    );
    for m in &ty.methods {
        let doc = docs.get(&format!("{}.{}.{}", target.ns, ty.class.name, m.signal));
        out.push_str(&method_source(ty, m, doc.map(String::as_str)));
    }
    let _ = write!(
        out,
        "}}\n\nimpl<O: IsA<{path}>> {name} for O {{}}\n",
        path = ty.path,
        name = ty.trait_name
    );
    out
}

fn method_source(ty: &TypeStreams<'_>, m: &Method, doc: Option<&str>) -> String {
    let mut out = match doc {
        Some(doc) => doc_comment(doc),
        None => generated_doc(ty, m),
    };
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
    let send = is_send_sync(ty.class);
    let (obj, stream_type, prefix, bounds, where_self) = if send {
        (
            "self".to_owned(),
            format!("SendSignalStream<{item}, Self>"),
            "send_",
            " + Send + Sync",
            "    Self: Send + Sync,\n",
        )
    } else {
        (obj, format!("SignalStream<{item}>"), "", "", "")
    };
    match &m.ret {
        None => {
            let where_clause = if send {
                format!("\nwhere\n{where_self}")
            } else {
                " ".to_owned()
            };
            let _ = write!(
                out,
                "fn {}(&self{detail_arg}) -> {stream_type}{where_clause}{{\n    {prefix}stream({obj}, {signal})\n}}\n\n",
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
                "fn {name}<F>(&self{detail_arg}, handler: F) -> {stream_type}\n\
                 where\n{where_self}    F: {handler}{bounds} + 'static,\n{{\n    \
                 {prefix}stream_with_return({obj}, {signal}, move |{pattern}: &{item}| handler({args}))\n}}\n\n",
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

/// The documentation of a method without hand-written documentation.
fn generated_doc(ty: &TypeStreams<'_>, m: &Method) -> String {
    let mut out = String::new();
    let c_name = format!("{}::{}", ty.class.c_type, m.signal);
    let _ = writeln!(out, "/// A stream of `{c_name}`.");
    if m.params.is_empty() {
        out.push_str("///\n/// The signal has no parameters: each item is `()`.\n");
    } else {
        let names: Vec<_> = m.params.iter().map(|(n, _)| format!("`{n}`")).collect();
        let _ = if names.len() == 1 {
            writeln!(
                out,
                "///\n/// Each item holds the signal's parameter {}.",
                names[0]
            )
        } else {
            let names = names.join(", ");
            writeln!(
                out,
                "///\n/// Each item holds the signal's parameters ({names})."
            )
        };
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
    out
}

/// Markdown as a `///` comment.
fn doc_comment(doc: &str) -> String {
    doc.trim_end()
        .lines()
        .map(|line| format!("///{}{line}\n", if line.is_empty() { "" } else { " " }))
        .collect()
}
