//! The `<property>_stream` methods: which readable properties get one, the item type, and the
//! naming rule for a property stream that would collide with a signal stream.
//!
//! The rule: a property's stream is `<property>_stream`, unless some type has both that
//! property and a signal of the same name (its own, or through its ancestors and interfaces,
//! `GtkDropTarget` `drop`, `GDBusConnection` `closed`); then it is
//! `<property>_property_stream`. A property that a type redeclares from an ancestor or
//! interface (`GSimpleAction` `enabled` from `GAction`) gets no second method: the ancestor's
//! applies.

use crate::{
    gates::Gates,
    gir::{qualify, Class, Index, Kind, Property},
    links::Links,
    rust::{self, RustType},
    send,
    write::Skipped,
    Target,
};

/// Properties whose getter the GIR does not annotate `nullable` but whose value is NULL on a
/// new instance in GTK 4.8 or libadwaita 1.2 (found by `tests/generated_properties.rs`, which reads them): their
/// item is an `Option` all the same. GIR class name and property name.
const NULL_UNANNOTATED: [(&str, &str); 7] = [
    // libadwaita 1.2.
    ("AboutWindow", "translator-credits"),
    ("EventController", "widget"),
    ("FontChooser", "font-features"),
    ("FontChooser", "preview-text"),
    ("IconTheme", "theme-name"),
    ("PrintOperation", "default-page-setup"),
    ("TextView", "extra-menu"),
];

/// One generated `<property>_stream` method.
pub struct PropertyMethod {
    /// The `auto_support` function it calls: `property_send` for a `Send` stream (see
    /// [`send`](crate::send)), else `property`.
    pub helper: &'static str,
    /// The GIR name (`use-underline`).
    pub property: String,
    pub name: String,
    pub ty: RustType,
    pub deprecated: Option<String>,
    /// The version features it needs beyond its type's (see [`gates`](crate::gates)).
    pub gates: Gates,
}

/// What happens to each readable property of `class`.
#[derive(Default)]
pub struct Properties {
    pub methods: Vec<PropertyMethod>,
    pub skipped: Vec<Skipped>,
    /// Redeclared from an ancestor or interface whose method applies.
    pub inherited: Vec<Skipped>,
}

/// The methods of `class`'s readable properties (a class of `target`, already bound).
pub fn properties(index: &Index, target: &Target, class: &Class, links: &Links) -> Properties {
    let qualified = format!("{}.{}", target.ns, class.name);
    let mut out = Properties::default();
    for property in class.properties.iter().filter(|p| p.readable) {
        let what = format!("{}:{}", class.c_type, property.name);
        if let Some(owner) = declared_above(index, &qualified, &property.name) {
            let owner = index
                .class(&owner)
                .map_or(owner.clone(), |c| c.c_type.clone());
            out.inherited.push(Skipped {
                what,
                reason: format!(
                    "redeclares `{owner}:{}`, whose stream applies",
                    property.name
                ),
            });
            continue;
        }
        match method(index, target, &qualified, class, property, links) {
            Ok(m) => out.methods.push(m),
            Err(reason) => out.skipped.push(Skipped { what, reason }),
        }
    }
    out
}

fn method(
    index: &Index,
    target: &Target,
    qualified: &str,
    class: &Class,
    property: &Property,
    links: &Links,
) -> Result<PropertyMethod, String> {
    let mut gates = Gates::default();
    gates.need_gir(target.ns, &property.name, property.version.as_deref())?;
    let getter = if NULL_UNANNOTATED.contains(&(class.name.as_str(), property.name.as_str())) {
        Some(true)
    } else {
        property.getter
    };
    let ty = rust::map_property(index, target.ns, &property.ty, getter)?;
    // An object type of gtk4 or gio (not of their re-exported crates) must be bound.
    let object = property
        .ty
        .name
        .as_deref()
        .and_then(|name| index.types.get(&qualify(target.ns, name)));
    if object.is_some_and(|t| matches!(t.kind, Kind::Class | Kind::Interface))
        && ["gtk4::", "gio::", "adw::"]
            .iter()
            .any(|krate| ty.path.starts_with(krate))
        && ty.path.matches("::").count() == 1
    {
        match links.type_gate(&ty.path) {
            None => {
                return Err(format!(
                    "`{}` is not a type of the bindings without cargo features",
                    ty.path
                ))
            }
            Some(Some((lib, version))) => gates.need_binding(lib, version, &ty.path)?,
            Some(None) => {}
        }
    }
    gates.merge(&ty.gates);
    let base = property.name.replace('-', "_");
    let name = if collides_with_signal(index, qualified, &base) {
        format!("{base}_property_stream")
    } else {
        format!("{base}_stream")
    };
    Ok(PropertyMethod {
        helper: if send::property_is_send(class, &ty) {
            "property_send"
        } else {
            "property"
        },
        property: property.name.clone(),
        name,
        ty,
        deprecated: property.deprecated.clone().or(class.deprecated.clone()),
        gates,
    })
}

/// The ancestor or interface (qualified) of `qualified` that declares readable `property`
/// too, if any.
fn declared_above(index: &Index, qualified: &str, property: &str) -> Option<String> {
    let class = index.class(qualified)?;
    class.parent.iter().chain(&class.implements).find_map(|up| {
        let declares = index.class(up).is_some_and(|c| {
            c.properties
                .iter()
                .any(|p| p.readable && p.name == property)
        });
        if declares {
            Some(up.clone())
        } else {
            declared_above(index, up, property)
        }
    })
}

/// Whether some type is both a `qualified` and a type with a signal whose stream would be
/// `<base>_stream`.
fn collides_with_signal(index: &Index, qualified: &str, base: &str) -> bool {
    let all = || {
        index
            .classes
            .iter()
            .flat_map(|(ns, cs)| cs.iter().map(move |c| (ns, c)))
    };
    all()
        .filter(|(_, c)| c.signals.iter().any(|s| s.name.replace('-', "_") == base))
        .any(|(ns, with_signal)| {
            let with_signal = format!("{ns}.{}", with_signal.name);
            all().any(|(ns, c)| {
                let c = format!("{ns}.{}", c.name);
                index.is_a(&c, qualified) && index.is_a(&c, &with_signal)
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIR: &str = r#"<?xml version="1.0"?>
<repository xmlns="http://www.gtk.org/introspection/core/1.0"
            xmlns:glib="http://www.gtk.org/introspection/glib/1.0">
  <namespace name="Test">
    <interface name="Named" glib:type-name="TestNamed" glib:get-type="x">
      <property name="name"><type name="utf8"/></property>
    </interface>
    <class name="Base" glib:type-name="TestBase" glib:get-type="x">
      <glib:signal name="closed"><return-value><type name="none"/></return-value></glib:signal>
    </class>
    <class name="Child" parent="Base" glib:type-name="TestChild" glib:get-type="x">
      <implements name="Named"/>
      <property name="closed" getter="get_closed"><type name="gboolean"/></property>
      <property name="name" getter="get_name"><type name="utf8"/></property>
      <property name="title" getter="get_title"><type name="utf8"/></property>
      <property name="secret" readable="0"><type name="gint"/></property>
      <method name="get_name"><return-value nullable="1"><type name="utf8"/></return-value></method>
      <method name="get_title"><return-value><type name="utf8"/></return-value></method>
    </class>
  </namespace>
</repository>"#;

    const TARGET: Target = Target {
        ns: "Test",
        file: "Test-1.0.gir",
        dir: "src/test/auto",
        feature: "test",
    };

    fn child() -> Properties {
        of("Test.Child")
    }

    fn of(class: &str) -> Properties {
        static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
        let index = INDEX.get_or_init(|| {
            let path = std::env::temp_dir().join(format!("gen-streams-{}.gir", std::process::id()));
            std::fs::write(&path, GIR).unwrap();
            let mut index = Index::default();
            index.load(&path).unwrap();
            std::fs::remove_file(&path).unwrap();
            index
        });
        let class = index.class(class).unwrap();
        properties(index, &TARGET, class, &Links::default())
    }

    fn method<'a>(props: &'a Properties, property: &str) -> Option<&'a PropertyMethod> {
        props.methods.iter().find(|m| m.property == property)
    }

    #[test]
    fn property_named_like_an_inherited_signal_is_a_property_stream() {
        let props = child();
        assert_eq!(
            method(&props, "closed").unwrap().name,
            "closed_property_stream"
        );
        assert_eq!(method(&props, "title").unwrap().name, "title_stream");
    }

    #[test]
    fn redeclared_interface_property_gets_no_second_method() {
        let props = child();
        assert!(method(&props, "name").is_none());
        assert!(props.inherited[0].what.ends_with(":name"));
    }

    #[test]
    fn item_is_an_option_only_where_the_getter_may_return_null() {
        let props = child();
        assert_eq!(method(&props, "title").unwrap().ty.owned(), "String");
        assert_eq!(method(&props, "closed").unwrap().ty.owned(), "bool");
    }

    #[test]
    fn string_without_a_getter_is_an_option() {
        let props = of("Test.Named");
        assert_eq!(method(&props, "name").unwrap().ty.owned(), "Option<String>");
    }

    #[test]
    fn write_only_properties_get_no_method() {
        let props = child();
        assert!(method(&props, "secret").is_none());
        assert!(props.skipped.is_empty());
    }
}
