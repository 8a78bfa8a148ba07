//! Reading GIR files: the types of every namespace (to resolve parameter types) and the
//! classes and interfaces with their signals and properties.

use std::{collections::HashMap, fs, path::Path};

use roxmltree::Node;

const CORE: &str = "http://www.gtk.org/introspection/core/1.0";
const GLIB: &str = "http://www.gtk.org/introspection/glib/1.0";

/// What a GIR type name stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Class,
    Interface,
    /// A record or union with a GType: a boxed type.
    Boxed,
    /// A record without a GType: no `glib::Value` can hold it.
    PlainRecord,
    /// An enumeration or bitfield; `registered` if it has a GType.
    Enum {
        registered: bool,
    },
    Callback,
    Alias(String),
}

#[derive(Clone, Debug)]
pub struct TypeInfo {
    pub kind: Kind,
    /// The `version` attribute: the library version that added the type.
    pub version: Option<String>,
}

/// A parameter or return value's type, as written in the GIR.
#[derive(Clone, Debug)]
pub struct TypeRef {
    /// The type name (`gboolean`, `Widget`, `Gdk.ModifierType`), `None` for arrays and
    /// anything else that is not a plain `<type>`.
    pub name: Option<String>,
    /// What the GIR has instead of a plain `<type>` (`array`, `varargs`), for reports.
    pub other: Option<String>,
    pub nullable: bool,
    /// `in`, `out` or `inout`.
    pub direction: String,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub ty: TypeRef,
}

#[derive(Clone, Debug)]
pub struct Signal {
    pub name: String,
    pub detailed: bool,
    pub introspectable: bool,
    pub params: Vec<Param>,
    /// `None` for `void`.
    pub ret: Option<TypeRef>,
    /// The `version` attribute: the library version that added the signal.
    pub version: Option<String>,
    /// The `deprecated-version` (or `""`) if the GIR marks it deprecated.
    pub deprecated: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Property {
    pub name: String,
    pub readable: bool,
    pub ty: TypeRef,
    /// The `version` attribute: the library version that added the property.
    pub version: Option<String>,
    /// The `deprecated-version` (or `""`) if the GIR marks it deprecated.
    pub deprecated: Option<String>,
    /// Whether it has a getter method (the `getter` attribute), and whether that getter's
    /// return value is annotated `nullable`.
    pub getter: Option<bool>,
}

#[derive(Clone, Debug)]
pub struct Class {
    pub name: String,
    pub interface: bool,
    pub abstract_: bool,
    pub version: Option<String>,
    /// The C type name (`GtkButton`).
    pub c_type: String,
    /// Whether it has a `new` constructor without parameters.
    pub plain_new: bool,
    /// The parent class, qualified (`Gtk.Widget`).
    pub parent: Option<String>,
    /// The interfaces it implements (or, for an interface, requires), qualified.
    pub implements: Vec<String>,
    pub signals: Vec<Signal>,
    pub properties: Vec<Property>,
    /// The `deprecated-version` (or `""`) if the GIR marks the whole type deprecated.
    pub deprecated: Option<String>,
}

/// Every namespace read so far.
#[derive(Default)]
pub struct Index {
    /// `Namespace.Name` to what it is.
    pub types: HashMap<String, TypeInfo>,
    /// Namespace to its classes and interfaces, in file order.
    pub classes: HashMap<String, Vec<Class>>,
}

impl Index {
    /// A class or interface by qualified name.
    pub fn class(&self, name: &str) -> Option<&Class> {
        let (ns, short) = name.split_once('.')?;
        self.classes.get(ns)?.iter().find(|c| c.name == short)
    }

    /// Whether instances of `name` are instances of `ancestor` (both qualified): the class
    /// itself, a parent class, or an interface of either.
    pub fn is_a(&self, name: &str, ancestor: &str) -> bool {
        name == ancestor
            || self.class(name).is_some_and(|c| {
                c.parent
                    .iter()
                    .chain(&c.implements)
                    .any(|up| self.is_a(up, ancestor))
            })
    }

    pub fn load(&mut self, path: &Path) -> Result<(), String> {
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc =
            roxmltree::Document::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let ns = doc
            .root_element()
            .children()
            .find(|n| n.has_tag_name((CORE, "namespace")))
            .ok_or_else(|| format!("{}: no namespace", path.display()))?;
        let ns_name = ns.attribute("name").unwrap_or_default().to_owned();
        let mut classes = Vec::new();
        for node in ns.children().filter(Node::is_element) {
            let Some(name) = node.attribute("name") else {
                continue;
            };
            let registered = node.attribute((GLIB, "get-type")).is_some();
            let kind = match node.tag_name().name() {
                "class" => Kind::Class,
                "interface" => Kind::Interface,
                "record" | "union" if node.attribute((GLIB, "is-gtype-struct-for")).is_some() => {
                    continue
                }
                "record" | "union" if registered => Kind::Boxed,
                "record" | "union" => Kind::PlainRecord,
                "enumeration" | "bitfield" => Kind::Enum { registered },
                "callback" => Kind::Callback,
                "alias" => {
                    let target = child(node, "type").and_then(|t| t.attribute("name"));
                    Kind::Alias(qualify(&ns_name, target.unwrap_or("none")))
                }
                _ => continue,
            };
            let version = node.attribute("version").map(str::to_owned);
            if matches!(kind, Kind::Class | Kind::Interface) {
                classes.push(Class {
                    name: name.to_owned(),
                    interface: kind == Kind::Interface,
                    abstract_: node.attribute("abstract") == Some("1"),
                    version: version.clone(),
                    c_type: node
                        .attribute((GLIB, "type-name"))
                        .unwrap_or(name)
                        .to_owned(),
                    plain_new: has_plain_new(node),
                    parent: node.attribute("parent").map(|p| qualify(&ns_name, p)),
                    implements: node
                        .children()
                        .filter(|n| {
                            n.has_tag_name((CORE, "implements"))
                                || n.has_tag_name((CORE, "prerequisite"))
                        })
                        .filter_map(|n| n.attribute("name"))
                        .map(|n| qualify(&ns_name, n))
                        .collect(),
                    signals: node
                        .children()
                        .filter(|n| n.has_tag_name((GLIB, "signal")))
                        .map(signal)
                        .collect(),
                    properties: node
                        .children()
                        .filter(|n| n.has_tag_name((CORE, "property")))
                        .map(|p| property(node, p))
                        .collect(),
                    deprecated: deprecated(node),
                });
            }
            self.types
                .insert(qualify(&ns_name, name), TypeInfo { kind, version });
        }
        self.classes.insert(ns_name, classes);
        Ok(())
    }
}

/// `Namespace.Name` for a name as written in namespace `ns`.
pub fn qualify(ns: &str, name: &str) -> String {
    // `GType` is a fundamental type of every namespace, like `gint`.
    if name.contains('.') || name == "GType" || !name.starts_with(|c: char| c.is_ascii_uppercase())
    {
        name.to_owned()
    } else {
        format!("{ns}.{name}")
    }
}

fn child<'a, 'i>(node: Node<'a, 'i>, tag: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((CORE, tag)))
}

fn has_plain_new(class: Node<'_, '_>) -> bool {
    class.children().any(|n| {
        n.has_tag_name((CORE, "constructor"))
            && n.attribute("name") == Some("new")
            && child(n, "parameters").is_none_or(|p| !p.children().any(|c| c.is_element()))
    })
}

fn signal(node: Node<'_, '_>) -> Signal {
    let params = child(node, "parameters")
        .map(|ps| {
            ps.children()
                .filter(|p| p.has_tag_name((CORE, "parameter")))
                .map(|p| Param {
                    name: p.attribute("name").unwrap_or("arg").to_owned(),
                    ty: type_ref(p),
                })
                .collect()
        })
        .unwrap_or_default();
    let ret = child(node, "return-value")
        .map(type_ref)
        .filter(|t| t.name.as_deref() != Some("none"));
    Signal {
        name: node.attribute("name").unwrap_or_default().to_owned(),
        detailed: node.attribute("detailed") == Some("1"),
        introspectable: node.attribute("introspectable") != Some("0"),
        params,
        ret,
        version: node.attribute("version").map(str::to_owned),
        deprecated: deprecated(node),
    }
}

/// A `<property>` of `class`.
fn property(class: Node<'_, '_>, node: Node<'_, '_>) -> Property {
    let getter = node.attribute("getter").map(|getter| {
        class
            .children()
            .find(|m| m.has_tag_name((CORE, "method")) && m.attribute("name") == Some(getter))
            .and_then(|m| child(m, "return-value"))
            .is_some_and(|r| r.attribute("nullable") == Some("1"))
    });
    Property {
        name: node.attribute("name").unwrap_or_default().to_owned(),
        readable: node.attribute("readable") != Some("0"),
        ty: type_ref(node),
        version: node.attribute("version").map(str::to_owned),
        deprecated: deprecated(node),
        getter,
    }
}

fn deprecated(node: Node<'_, '_>) -> Option<String> {
    (node.attribute("deprecated") == Some("1")).then(|| {
        node.attribute("deprecated-version")
            .unwrap_or("")
            .to_owned()
    })
}

fn type_ref(node: Node<'_, '_>) -> TypeRef {
    let ty = node
        .children()
        .filter(Node::is_element)
        .find(|n| !matches!(n.tag_name().name(), "doc" | "doc-deprecated" | "attribute"));
    let plain = ty.filter(|t| t.has_tag_name((CORE, "type")));
    TypeRef {
        name: plain
            .and_then(|t| t.attribute("name"))
            .map(str::to_owned)
            .or_else(|| ty.filter(|t| is_strv(*t)).map(|_| "strv".to_owned())),
        other: match (plain, ty) {
            (None, Some(t)) if !is_strv(t) => Some(t.tag_name().name().to_owned()),
            _ => None,
        },
        nullable: node.attribute("nullable") == Some("1")
            || node.attribute("allow-none") == Some("1"),
        direction: node.attribute("direction").unwrap_or("in").to_owned(),
    }
}

/// Whether `node` is a `NULL`-terminated array of strings (`GStrv`, `G_TYPE_STRV` in a
/// signal): an `<array>` of `utf8` that is neither a named container nor sized by a length
/// parameter.
fn is_strv(node: Node<'_, '_>) -> bool {
    node.has_tag_name((CORE, "array"))
        && node.attribute("name").is_none()
        && node.attribute("length").is_none()
        && child(node, "type").and_then(|t| t.attribute("name")) == Some("utf8")
}
