//! The generated files of issue 18, apart from the `<Type>StreamExt` modules: for each type,
//! an enum of its own signals that return nothing (`<Type>Event`, for `events_stream`), and a
//! `<Type>StreamWithExt` trait with a `<signal>_stream_with(handler)` method per such signal,
//! whose handler runs inside the emission. Also the parameters gtk4-rs types more richly
//! than the GIR ([`OVERRIDES`]), used by the `<signal>_stream` methods too.
//!
//! Output: `src/<ns>/events/<type>.rs` and `mod.rs`, and `tests/generated_events.rs`.

use std::{fmt::Write, path::PathBuf};

use crate::{
    rust::RustType,
    write::{Method, TypeStreams},
    Target,
};

/// Where gtk4-rs's manual `connect_*` methods give a signal's only parameter a richer type
/// than the GIR: (GIR class, signal, Rust type, conversion from the GIR's type). Without a
/// conversion, the type is a subclass of the declared object type, checked on each emission.
const OVERRIDES: [(&str, &str, &str, Option<&str>); 7] = [
    (
        "Dialog",
        "response",
        "gtk4::ResponseType",
        Some("crate::gtk::response_type"),
    ),
    (
        "InfoBar",
        "response",
        "gtk4::ResponseType",
        Some("crate::gtk::response_type"),
    ),
    (
        "NativeDialog",
        "response",
        "gtk4::ResponseType",
        Some("crate::gtk::response_type"),
    ),
    ("SignalListItemFactory", "bind", "gtk4::ListItem", None),
    ("SignalListItemFactory", "setup", "gtk4::ListItem", None),
    ("SignalListItemFactory", "teardown", "gtk4::ListItem", None),
    ("SignalListItemFactory", "unbind", "gtk4::ListItem", None),
];

/// A method's item, after [`OVERRIDES`].
struct Item {
    /// The item's types, in order.
    types: Vec<RustType>,
    /// The GIR's item tuple and the conversion, when the item is converted.
    convert: Option<(String, &'static str)>,
}

fn item(ty: &TypeStreams<'_>, m: &Method) -> Item {
    let mut types: Vec<RustType> = m.params.iter().map(|(_, t)| t.clone()).collect();
    let found = OVERRIDES
        .iter()
        .find(|(class, signal, _, _)| *class == ty.class.name && *signal == m.signal);
    let Some((_, _, path, convert)) = found else {
        return Item {
            types,
            convert: None,
        };
    };
    let gir = tuple(types.iter().map(RustType::owned));
    types[0].path = (*path).to_owned();
    Item {
        types,
        convert: convert.map(|f| (gir, f)),
    }
}

fn tuple(types: impl Iterator<Item = String>) -> String {
    let types: Vec<_> = types.collect();
    match types.len() {
        1 => format!("({},)", types[0]),
        _ => format!("({})", types.join(", ")),
    }
}

fn vars(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("a{i}")).collect()
}

/// `|(a0, a1): (GIR types)| (f(a0), a1)`: the conversion of a converted item.
fn conversion(gir: &str, f: &str, n: usize) -> String {
    let vars = vars(n);
    let mut out = vars.clone();
    out[0] = format!("{f}({})", vars[0]);
    format!(
        "|{}: {gir}| {}",
        tuple(vars.into_iter()),
        tuple(out.into_iter())
    )
}

/// The item type and the call of a `<signal>_stream` method without a handler, where
/// [`OVERRIDES`] changes its item; `None` for every other method.
pub fn stream_call(
    ty: &TypeStreams<'_>,
    m: &Method,
    obj: &str,
    signal: &str,
) -> Option<(String, String)> {
    let item = item(ty, m);
    let found = OVERRIDES
        .iter()
        .any(|(class, s, _, _)| *class == ty.class.name && *s == m.signal);
    if !found {
        return None;
    }
    let types = tuple(item.types.iter().map(RustType::owned));
    let call = match item.convert {
        None => format!("stream({obj}, {signal})"),
        Some((gir, f)) => format!(
            "crate::typed_map::stream_map({obj}, {signal}, {})",
            conversion(&gir, f, m.params.len())
        ),
    };
    Some((types, call))
}

/// Whether [`OVERRIDES`] converts the item of `m` (its `<signal>_stream` then calls
/// `stream_map`, not `stream`).
pub fn converted(ty: &TypeStreams<'_>, m: &Method) -> bool {
    item(ty, m).convert.is_some()
}

/// The check of `tests/generated_signals.rs` for a method whose item is converted (checked as
/// the GIR's types, which it is connected as); `None` for the others.
pub fn test_check(ty: &TypeStreams<'_>, m: &Method) -> Option<String> {
    let (gir, _) = item(ty, m).convert?;
    Some(format!(
        "    failures.extend(check_signal::<{gir}>({}::static_type(), \"{}\").err());\n",
        ty.path, m.signal
    ))
}

fn camel(signal: &str) -> String {
    signal
        .split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The methods of `ty` that have an events variant and a `_stream_with` form.
fn void_methods<'a>(ty: &'a TypeStreams<'_>) -> Vec<&'a Method> {
    ty.methods.iter().filter(|m| m.ret.is_none()).collect()
}

/// The events directory of `target` (beside its `auto` directory).
pub fn dir(target: &Target) -> PathBuf {
    PathBuf::from(target.dir)
        .parent()
        .expect("targets are folders under src")
        .join("events")
}

/// The events files of `target`: one module per type with signals that return nothing, and
/// `mod.rs`; and the test lines checking every variant.
pub fn files(
    target: &Target,
    types: &[TypeStreams<'_>],
    test: &mut String,
) -> Vec<(PathBuf, String)> {
    let header = format!(
        "// Generated by gen-streams from {}. DO NOT EDIT.\n\n",
        target.file
    );
    let mut files = Vec::new();
    let mut mod_rs = header.clone();
    let mut uses = String::new();
    let feature = target.feature;
    let attr = if feature == "gtk" {
        "gtk4::test"
    } else {
        "test"
    };
    let _ = write!(
        test,
        "#[cfg(feature = \"{feature}\")]\n#[{attr}]\nfn {}_events_match_their_signals() {{\n    let mut failures = Vec::new();\n",
        target.ns.to_lowercase()
    );
    for ty in types {
        let methods = void_methods(ty);
        if methods.is_empty() {
            continue;
        }
        let enum_name = ty.trait_name.replace("StreamExt", "Event");
        let with_trait = ty.trait_name.replace("StreamExt", "StreamWithExt");
        files.push((
            dir(target).join(format!("{}.rs", ty.module)),
            format!("{header}{}", module(ty, &methods, &enum_name, &with_trait)),
        ));
        let _ = writeln!(mod_rs, "mod {};", ty.module);
        let _ = writeln!(
            uses,
            "pub use self::{}::{{{enum_name}, {with_trait}}};",
            ty.module
        );
        for m in &methods {
            let item = item(ty, m);
            let checked = match &item.convert {
                Some((gir, _)) => gir.clone(),
                None => tuple(item.types.iter().map(RustType::owned)),
            };
            let _ = writeln!(
                test,
                "    failures.extend(check_signal::<{checked}>({}::static_type(), \"{}\").err());",
                ty.path, m.signal
            );
        }
    }
    test.push_str(
        "    assert!(failures.is_empty(), \"{} mismatches:\\n{}\", failures.len(), \
         failures.iter().map(ToString::to_string).collect::<Vec<_>>().join(\"\\n\"));\n}\n\n",
    );
    mod_rs.push('\n');
    mod_rs.push_str(&uses);
    files.push((dir(target).join("mod.rs"), mod_rs));
    files
}

/// `tests/generated_events.rs`, from the test lines of every target.
pub fn test_file(body: &str) -> (PathBuf, String) {
    (
        PathBuf::from("tests/generated_events.rs"),
        format!(
            "// Generated by gen-streams. DO NOT EDIT.\n\n\
             //! Every variant of the generated events enums, checked against the signal it stands for\n\
             //! in the running GIO and GTK: the signal exists on the type and the variant's types pass\n\
             //! the connect-time checks.\n\n\
             #![allow(unused_imports)]\n\n\
             use glib::prelude::*;\n\
             use glib_signal_stream::check_signal;\n\n{body}"
        ),
    )
}

fn module(ty: &TypeStreams<'_>, methods: &[&Method], enum_name: &str, with_trait: &str) -> String {
    let path = &ty.path;
    let mut out = String::new();
    let _ = write!(
        out,
        "use glib::prelude::*;\n\n\
         use crate::{{ManySignalStreamBuilder, SignalEvents, SignalStream}};\n\n\
         /// The signals of [`{path}`] itself that return nothing, one variant each with the\n\
         /// signal's parameters: the items of\n\
         /// [`events_stream::<{enum_name}>()`](crate::prelude::SignalStreamExt::events_stream),\n\
         /// in emission order.\n\
         #[derive(Debug)]\n\
         pub enum {enum_name} {{\n"
    );
    for m in methods {
        let item = item(ty, m);
        let _ = writeln!(out, "    /// `{}::{}`.", ty.class.c_type, m.signal);
        let fields: Vec<String> = item.types.iter().map(RustType::owned).collect();
        if fields.is_empty() {
            let _ = writeln!(out, "    {},", camel(&m.signal));
        } else {
            let _ = writeln!(out, "    {}({}),", camel(&m.signal), fields.join(", "));
        }
    }
    let _ = write!(
        out,
        "}}\n\nimpl SignalEvents for {enum_name} {{\n    type Emitter = {path};\n\n    \
         fn add_signals(builder: ManySignalStreamBuilder<'_, Self>) -> ManySignalStreamBuilder<'_, Self> {{\n        builder\n"
    );
    for m in methods {
        let item = item(ty, m);
        let n = m.params.len();
        let vars = vars(n);
        let variant = camel(&m.signal);
        let make = if n == 0 {
            format!("Self::{variant}")
        } else {
            let mut args = vars.clone();
            if let Some((_, f)) = &item.convert {
                args[0] = format!("{f}({})", vars[0]);
            }
            format!("Self::{variant}({})", args.join(", "))
        };
        let pattern_type = match &item.convert {
            Some((gir, _)) => gir.clone(),
            None => tuple(item.types.iter().map(RustType::owned)),
        };
        let pattern = if n == 0 {
            "()".to_owned()
        } else {
            tuple(vars.iter().cloned())
        };
        let _ = writeln!(
            out,
            "            .signal(\"{}\", |{pattern}: {pattern_type}| {make})",
            m.signal
        );
    }
    out.push_str("    }\n}\n\n");

    let kind = if ty.class.interface {
        "implementors"
    } else {
        "subclasses"
    };
    let _ = write!(
        out,
        "/// Signal streams of [`{path}`] and its {kind} whose handler runs inside each emission,\n\
         /// before it returns, while the items still reach the stream: for work the emitter\n\
         /// expects done by then.\n\
         pub trait {with_trait}: IsA<{path}> {{\n"
    );
    for m in methods {
        out.push_str(&with_method(ty, m));
    }
    let _ = write!(out, "}}\n\nimpl<O: IsA<{path}>> {with_trait} for O {{}}\n");
    out
}

fn with_method(ty: &TypeStreams<'_>, m: &Method) -> String {
    let item = item(ty, m);
    let n = m.params.len();
    let vars = vars(n);
    let item_type = tuple(item.types.iter().map(RustType::owned));
    let handler_args: Vec<String> = item.types.iter().map(RustType::borrowed).collect();
    let pass: Vec<String> = item
        .types
        .iter()
        .zip(&vars)
        .map(|(t, v)| t.pass(v))
        .collect();
    let pattern = if n == 0 {
        "_".to_owned()
    } else {
        tuple(vars.iter().cloned())
    };
    let obj = format!("self.upcast_ref::<{}>().upcast_ref()", ty.path);
    let (signal, detail_arg) = if m.detailed {
        (
            format!("&crate::typed::detailed(\"{}\", detail)", m.signal),
            ", detail: Option<&str>",
        )
    } else {
        (format!("\"{}\"", m.signal), "")
    };
    let handler = format!(
        "move |{pattern}: &{item_type}| handler({})",
        pass.join(", ")
    );
    let call = match &item.convert {
        None => format!("crate::typed::stream_with_return({obj}, {signal}, {handler})"),
        Some((gir, f)) => format!(
            "crate::typed_map::stream_map_with({obj}, {signal}, {}, {handler})",
            conversion(gir, f, n)
        ),
    };
    format!(
        "    /// Like [`{name}`](crate::prelude::{trait_name}::{name}), and `handler` runs inside each\n    \
         /// emission with the parameters, before it returns; the item is then queued.\n    \
         #[doc(alias = \"{signal_name}\")]\n    \
         fn {name}_with<F>(&self{detail_arg}, handler: F) -> SignalStream<{item_type}>\n    \
         where\n        F: Fn({args}) + 'static,\n    {{\n        {call}\n    }}\n\n",
        name = m.name,
        trait_name = ty.trait_name,
        signal_name = m.signal,
        args = handler_args.join(", "),
    )
}
