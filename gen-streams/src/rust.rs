//! From GIR types to the Rust types gtk4-rs and gio use for them, and the few choices
//! gtk4-rs makes by hand (`glib::Propagation`, `gdk::Key`).

use crate::{
    gates::Gates,
    gir::{qualify, Index, Kind, TypeRef},
};

/// How a handler receives a value of the item tuple.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    /// Numbers, enums, flags: by value.
    Copy,
    /// Objects, boxed types, variants: by reference.
    Ref,
    /// Strings: as `&str`.
    Str,
    /// `GValue`s, held as `glib::BoxedValue`: as `&glib::Value`.
    Value,
    /// String arrays, held as `Vec<String>`: as `&[String]`.
    StrV,
}

#[derive(Clone, Debug)]
pub struct RustType {
    /// The Rust type without `Option`.
    pub path: String,
    pub pass: Pass,
    pub nullable: bool,
    /// The version features the type needs (a GTK type new in 4.6: `gtk_v4_6`).
    pub gates: Gates,
}

impl RustType {
    fn plain(path: &str, pass: Pass) -> Self {
        Self {
            path: path.to_owned(),
            pass,
            nullable: false,
            gates: Gates::default(),
        }
    }

    /// The type in the stream's item tuple (and of a handler's return value).
    pub fn owned(&self) -> String {
        if self.nullable {
            format!("Option<{}>", self.path)
        } else {
            self.path.clone()
        }
    }

    /// The type a handler receives.
    pub fn borrowed(&self) -> String {
        let inner = match self.pass {
            Pass::Copy => return self.path.clone(),
            Pass::Ref => format!("&{}", self.path),
            Pass::Str => "&str".to_owned(),
            Pass::Value => "&glib::Value".to_owned(),
            Pass::StrV => "&[String]".to_owned(),
        };
        if self.nullable {
            format!("Option<{inner}>")
        } else {
            inner
        }
    }

    /// The expression passing item field `var` (a reference) to a handler.
    pub fn pass(&self, var: &str) -> String {
        match (self.pass, self.nullable) {
            (Pass::Copy, _) => format!("*{var}"),
            (Pass::Ref, false) => var.to_owned(),
            (Pass::Ref, true) => format!("{var}.as_ref()"),
            (Pass::Str, false) => format!("{var}.as_str()"),
            (Pass::Str, true) => format!("{var}.as_deref()"),
            (Pass::Value, false) => format!("&{var}.0"),
            (Pass::Value, true) => format!("{var}.as_ref().map(|v| &v.0)"),
            (Pass::StrV, false) => format!("{var}.as_slice()"),
            (Pass::StrV, true) => format!("{var}.as_deref()"),
        }
    }
}

/// Signals whose `gboolean` return gtk4-rs or libadwaita-rs types as `glib::Propagation`
/// (the rest are `bool`): GIR class name and signal name, as in gtk4-rs 0.11's and
/// libadwaita-rs 0.9's `connect_*` methods.
const PROPAGATION: [(&str, &str); 20] = [
    ("AboutDialog", "activate-link"),
    ("EntryCompletion", "cursor-on-match"),
    ("EntryCompletion", "insert-prefix"),
    ("EntryCompletion", "match-selected"),
    ("EventControllerKey", "key-pressed"),
    ("EventControllerKey", "modifiers"),
    ("EventControllerLegacy", "event"),
    ("EventControllerScroll", "scroll"),
    ("GLArea", "render"),
    ("Label", "activate-link"),
    ("LinkButton", "activate-link"),
    ("Range", "change-value"),
    ("SpinButton", "output"),
    // libadwaita-rs 0.9.
    ("TabView", "close-page"),
    ("Switch", "state-set"),
    ("TreeView", "test-collapse-row"),
    ("TreeView", "test-expand-row"),
    ("Widget", "keynav-failed"),
    ("Widget", "mnemonic-activate"),
    ("Window", "close-request"),
];

/// Whether `class::signal`'s `gboolean` return is a `glib::Propagation`.
pub fn is_propagation(class: &str, signal: &str) -> bool {
    PROPAGATION.contains(&(class, signal))
}

/// Key signals whose `keyval` gtk4-rs types as `gdk::Key` (which is `FromValue` and
/// `StaticType` as a `guint`).
pub fn is_keyval(class: &str, signal: &str, param: &str) -> bool {
    class == "EventControllerKey"
        && matches!(signal, "key-pressed" | "key-released")
        && param == "keyval"
}

/// The Rust path of namespace `ns`'s types, seen from the generated code.
fn crate_path(ns: &str) -> Option<&'static str> {
    Some(match ns {
        "Gtk" => "gtk4",
        "Gdk" => "gtk4::gdk",
        "Gsk" => "gtk4::gsk",
        "Graphene" => "gtk4::graphene",
        "Pango" => "gtk4::pango",
        "GdkPixbuf" => "gtk4::gdk_pixbuf",
        "cairo" => "gtk4::cairo",
        "Gio" => "gio",
        "GLib" | "GObject" => "glib",
        "Adw" => "adw",
        _ => return None,
    })
}

/// The Rust path of a class or interface `name` of namespace `ns`.
pub fn class_path(ns: &str, name: &str) -> String {
    format!(
        "{}::{name}",
        crate_path(ns).expect("generated namespaces have crates")
    )
}

/// Maps a parameter or return type written in namespace `ns`; `Err` says why it cannot be.
pub fn map_type(index: &Index, ns: &str, ty: &TypeRef) -> Result<RustType, String> {
    if ty.direction != "in" {
        return Err(format!("`{}` parameter", ty.direction));
    }
    let Some(name) = &ty.name else {
        let what = ty.other.as_deref().unwrap_or("untyped");
        return Err(format!(
            "{what} parameter: no typed `glib::Value` conversion"
        ));
    };
    let mut mapped = map_name(index, &qualify(ns, name))?;
    mapped.nullable = ty.nullable && mapped.pass != Pass::Copy;
    Ok(mapped)
}

/// Maps a property's type written in namespace `ns`. `Option` unless the value is a number,
/// enum or string array, or the property has a getter whose return value the GIR does not
/// annotate `nullable`: a string, object or boxed property without a getter may be NULL.
pub fn map_property(
    index: &Index,
    ns: &str,
    ty: &TypeRef,
    getter: Option<bool>,
) -> Result<RustType, String> {
    let Some(name) = &ty.name else {
        let what = ty.other.as_deref().unwrap_or("untyped");
        return Err(format!(
            "{what} property: no typed `glib::Value` conversion"
        ));
    };
    let mut mapped = map_name(index, &qualify(ns, name))?;
    mapped.nullable = !matches!(mapped.pass, Pass::Copy | Pass::StrV) && getter.unwrap_or(true);
    Ok(mapped)
}

/// Types whose Rust binding cannot be read from a `glib::Value` (no `FromValue`).
const NO_FROM_VALUE: [&str; 1] = ["Gdk.Event"];

fn map_name(index: &Index, name: &str) -> Result<RustType, String> {
    if NO_FROM_VALUE.contains(&name) {
        return Err(format!(
            "`{name}`: its Rust binding does not implement `FromValue`"
        ));
    }
    let scalar = |path| Ok(RustType::plain(path, Pass::Copy));
    match name {
        "gboolean" => return scalar("bool"),
        "gint" | "gint32" => return scalar("i32"),
        "guint" | "guint32" | "gunichar" => return scalar("u32"),
        "gint64" => return scalar("i64"),
        "guint64" => return scalar("u64"),
        "gdouble" => return scalar("f64"),
        "gfloat" => return scalar("f32"),
        "gchar" | "gint8" => return scalar("i8"),
        "glong" => return scalar("glib::ILong"),
        "gulong" => return scalar("glib::ULong"),
        "guchar" | "guint8" => return scalar("u8"),
        "GType" => return scalar("glib::Type"),
        "utf8" => return Ok(RustType::plain("String", Pass::Str)),
        "strv" => return Ok(RustType::plain("Vec<String>", Pass::StrV)),
        "gpointer" | "gconstpointer" => return Err("raw pointer (`gpointer`) parameter".into()),
        "filename" => return Err("file name parameter: not a `glib::Value` string".into()),
        "GObject.Object" => return Ok(RustType::plain("glib::Object", Pass::Ref)),
        "GObject.Value" => return Ok(RustType::plain("glib::BoxedValue", Pass::Value)),
        _ => {}
    }
    let Some((ns, short)) = name.split_once('.') else {
        return Err(format!("`{name}` has no Rust binding here"));
    };
    let info = index
        .types
        .get(name)
        .ok_or_else(|| format!("`{name}` is not in the GIR files read"))?;
    let mut gates = Gates::default();
    gates.need_gir(ns, short, info.version.as_deref())?;
    let path = crate_path(ns)
        .map(|krate| format!("{krate}::{short}"))
        .ok_or_else(|| format!("`{name}`: no Rust crate for namespace {ns}"))?;
    let with_gates = |mut ty: RustType| {
        ty.gates = gates.clone();
        Ok(ty)
    };
    match &info.kind {
        Kind::Class | Kind::Interface | Kind::Boxed => {
            with_gates(RustType::plain(&path, Pass::Ref))
        }
        Kind::Enum { registered: true } => with_gates(RustType::plain(&path, Pass::Copy)),
        Kind::Enum { registered: false } => {
            Err(format!("`{name}` has no GType: no `glib::Value` holds it"))
        }
        Kind::PlainRecord => Err(format!(
            "`{name}` is a record without GType (a raw pointer)"
        )),
        Kind::Callback => Err(format!("`{name}` is a callback")),
        Kind::Alias(target) => map_name(index, target),
    }
}
