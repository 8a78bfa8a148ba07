//! The generated files: one module per type with its trait (its text from `module.rs`), the
//! `mod.rs` files, the tests from `test.rs` and the report from `report.rs`.

use std::{collections::HashMap, path::PathBuf};

use crate::{
    gates::Gates,
    gir::{Class, Index, Signal},
    links::Links,
    module,
    property::{self, PropertyMethod},
    report::Report,
    rust::{self, RustType},
    test::TestFile,
    versions::Versions,
    Target, TARGETS,
};

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
    pub deprecated: Option<String>,
    /// The version features it needs beyond its type's (see [`gates`](crate::gates)).
    pub gates: Gates,
}

impl Method {
    pub fn item(&self) -> String {
        tuple(self.params.iter().map(|(_, ty)| ty.owned()))
    }

    /// The handler's type: `Fn(&gtk4::Widget, u32) -> bool`.
    pub fn handler(&self, ret: &Ret) -> String {
        let args: Vec<_> = self.params.iter().map(|(_, ty)| ty.borrowed()).collect();
        format!("Fn({}) -> {}", args.join(", "), ret.path())
    }
}

pub fn tuple(types: impl Iterator<Item = String>) -> String {
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
    pub properties: Vec<PropertyMethod>,
    /// The version features the type needs (see [`gates`](crate::gates)).
    pub gates: Gates,
}

/// A signal that is not generated, and why.
pub struct Skipped {
    pub what: String,
    pub reason: String,
}

/// `(path relative to the repository root, contents)` of every generated file.
///
/// `docs` replaces the generated documentation of some methods: `Namespace.Type.signal` to
/// Markdown (see `docs/README.md`); `links` are gtk4-rs's and gio's `connect_*` methods;
/// `versions` names the input in each file's header.
pub fn generate(
    index: &Index,
    docs: &HashMap<String, String>,
    links: &Links,
    versions: &Versions,
) -> Result<Vec<(PathBuf, String)>, String> {
    let mut files = Vec::new();
    let mut report = Report::default();
    let mut test = TestFile::default();
    let mut property_test = TestFile::default();
    let mut events_test = String::new();
    let gio_names: Vec<&str> = index.classes["Gio"]
        .iter()
        .filter(|c| !c.signals.is_empty())
        .map(|c| c.name.as_str())
        .collect();
    for target in &TARGETS {
        let mut types = Vec::new();
        let mut skipped = Vec::new();
        let mut skipped_properties = Vec::new();
        let mut inherited = Vec::new();
        let mut total = 0;
        let mut total_properties = 0;
        for class in &index.classes[target.ns] {
            total += class.signals.len();
            let readable = class.properties.iter().filter(|p| p.readable);
            total_properties += readable.clone().count();
            // Names the prelude already has: GIO's (with signals) for GTK's types, GTK's and
            // GIO's for libadwaita's (`AdwApplicationWindowStreamExt`), as libadwaita-rs does.
            let taken = match target.ns {
                "Gio" => false,
                "Gtk" => gio_names.contains(&class.name.as_str()),
                _ => ["Gtk", "Gio"]
                    .iter()
                    .any(|ns| index.classes[*ns].iter().any(|c| c.name == class.name)),
            };
            let trait_prefix = if taken { target.ns } else { "" };
            let class_gates = match class_binding(target, class, links) {
                Ok(gates) => gates,
                Err(reason) => {
                    skipped.extend(class.signals.iter().map(|s| Skipped {
                        what: format!("{}::{}", class.c_type, s.name),
                        reason: reason.clone(),
                    }));
                    skipped_properties.extend(readable.map(|p| Skipped {
                        what: format!("{}:{}", class.c_type, p.name),
                        reason: reason.clone(),
                    }));
                    continue;
                }
            };
            let properties = property::properties(index, target, class, links);
            skipped_properties.extend(properties.skipped);
            inherited.extend(properties.inherited);
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
            if !methods.is_empty() || !properties.methods.is_empty() {
                types.push(TypeStreams {
                    class,
                    path: rust::class_path(target.ns, &class.name),
                    trait_name: format!("{trait_prefix}{}StreamExt", class.name),
                    module: module::ident(&snake(&class.name)),
                    methods,
                    properties: properties.methods,
                    gates: class_gates,
                });
            }
        }
        for ty in &types {
            files.push((
                PathBuf::from(target.dir).join(format!("{}.rs", ty.module)),
                module::module(target, versions, ty, docs, links),
            ));
        }
        files.push((
            PathBuf::from(target.dir).join("mod.rs"),
            module::mod_rs(target, versions, &types),
        ));
        files.extend(crate::events::files(target, &types, &mut events_test));
        let connected = test.add(index, target, &types, links);
        let read = property_test.add_properties(index, target, &types, links);
        report.add(target, total, &types, skipped, connected);
        report.add_gated(target, &types);
        report.add_properties(
            target,
            total_properties,
            &types,
            skipped_properties,
            inherited,
            read,
        );
    }
    files.push((
        PathBuf::from("tests/generated_signals.rs"),
        test.finish(versions),
    ));
    files.push((
        PathBuf::from("tests/generated_properties.rs"),
        property_test.finish_properties(versions),
    ));
    files.push((PathBuf::from("gen-streams/REPORT.md"), report.finish()));
    files.push(crate::events::test_file(&events_test));
    Ok(files)
}

/// The version features `class` needs; `Err(reason)` unless gtk4-rs, gio or libadwaita-rs
/// binds it without cargo features other than version features.
pub fn class_binding(target: &Target, class: &Class, links: &Links) -> Result<Gates, String> {
    let mut gates = Gates::default();
    gates.need_gir(target.ns, &class.name, class.version.as_deref())?;
    let path = rust::class_path(target.ns, &class.name);
    match links.type_gate(&path) {
        None => Err(format!(
            "`{path}` is not a non-generic type of the bindings without cargo features"
        )),
        Some(None) => Ok(gates),
        Some(Some((lib, version))) => {
            gates.need_binding(lib, version, &path)?;
            Ok(gates)
        }
    }
}

fn method(index: &Index, ns: &str, class: &Class, signal: &Signal) -> Result<Method, String> {
    if !signal.introspectable {
        return Err("marked not introspectable".into());
    }
    let mut gates = Gates::default();
    gates.need_gir(ns, &signal.name, signal.version.as_deref())?;
    let mut params = Vec::new();
    for param in &signal.params {
        let ty = if rust::is_keyval(&class.name, &signal.name, &param.name) {
            RustType {
                path: "gtk4::gdk::Key".into(),
                pass: rust::Pass::Copy,
                nullable: false,
                gates: Gates::default(),
            }
        } else {
            rust::map_type(index, ns, &param.ty)
                .map_err(|reason| format!("parameter `{}`: {reason}", param.name))?
        };
        gates.merge(&ty.gates);
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
        Some(ty) => {
            let ty = rust::map_type(index, ns, ty)
                .map_err(|reason| format!("return value: {reason}"))?;
            gates.merge(&ty.gates);
            Some(Ret::Value(ty))
        }
    };
    Ok(Method {
        signal: signal.name.clone(),
        name: format!("{}_stream", signal.name.replace('-', "_")),
        params,
        ret,
        detailed: signal.detailed,
        deprecated: signal.deprecated.clone().or(class.deprecated.clone()),
        gates,
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
