//! The parameters that gtk4-rs's `connect_*` methods type more richly than the GIR (by its gir
//! configuration or by hand)
//! (`gtk::ResponseType` for `GtkDialog::response`'s `gint`, `gtk::ListItem` for the list item
//! factory's `GObject`): the items of the `<signal>_stream` methods, their `_stream_with`
//! forms and the events enums follow them.

use crate::{
    rust::RustType,
    write::{Method, TypeStreams},
};

/// Where gtk4-rs's `connect_*` methods give a signal's only parameter a richer type
/// than the GIR: (GIR class, signal, Rust type, conversion from the GIR's type). Without a
/// conversion, the type is a subclass of the declared object type, checked on each emission.
const OVERRIDES: [(&str, &str, &str, Option<&str>); 7] = [
    (
        "Dialog",
        "response",
        "gtk4::ResponseType",
        Some("crate::auto_support::response_type"),
    ),
    (
        "InfoBar",
        "response",
        "gtk4::ResponseType",
        Some("crate::auto_support::response_type"),
    ),
    (
        "NativeDialog",
        "response",
        "gtk4::ResponseType",
        Some("crate::auto_support::response_type"),
    ),
    ("SignalListItemFactory", "bind", "gtk4::ListItem", None),
    ("SignalListItemFactory", "setup", "gtk4::ListItem", None),
    ("SignalListItemFactory", "teardown", "gtk4::ListItem", None),
    ("SignalListItemFactory", "unbind", "gtk4::ListItem", None),
];

/// A method's item, after [`OVERRIDES`].
pub struct Item {
    /// The item's types, in order.
    pub types: Vec<RustType>,
    /// The GIR's item tuple and the conversion, when the item is converted.
    pub convert: Option<(String, &'static str)>,
}

pub fn item(ty: &TypeStreams<'_>, m: &Method) -> Item {
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

pub fn tuple(types: impl Iterator<Item = String>) -> String {
    let types: Vec<_> = types.collect();
    match types.len() {
        1 => format!("({},)", types[0]),
        _ => format!("({})", types.join(", ")),
    }
}

/// The names the generated closures bind `m`'s parameters to: the GIR's (`response_id`), as
/// Rust identifiers; `a0`, `a1`, ... only for a parameter the GIR leaves unnamed.
pub fn vars(m: &Method) -> Vec<String> {
    m.params
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            if name.is_empty() {
                format!("a{i}")
            } else {
                crate::module::ident(name)
            }
        })
        .collect()
}

/// `|(id, x): (GIR types)| (f(id), x)`: the conversion of a converted item.
pub fn conversion(gir: &str, f: &str, m: &Method) -> String {
    let vars = vars(m);
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
            "crate::auto_support::stream_map({obj}, {signal}, {})",
            conversion(&gir, f, m)
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
