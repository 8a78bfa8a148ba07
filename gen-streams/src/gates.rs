//! Version features: which of glib-signal-stream's `gtk_v4_x`, `gio_v2_xx` and `adw_v1_x`
//! features a generated method needs, and the `#[cfg]` attributes that say so.
//!
//! The rule: an item newer than its library's base version (the GIR's `version` attribute of
//! the type, signal or property, or of a parameter's type), or whose binding gtk4-rs, gio or
//! libadwaita-rs declares behind their own `vX_Y` feature, needs the crate's feature of that
//! version, which enables the binding's. It is generated behind
//! `#[cfg(feature = "..")]` and `#[cfg_attr(docsrs, doc(cfg(..)))]`, as gir does. A version
//! for which the crate has no feature (newer than the libraries of the machine) is a reason
//! to skip the item.

use std::collections::BTreeMap;

/// A library whose API newer than its base version is behind version features.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lib {
    Gio,
    Gtk,
    Adw,
}

impl Lib {
    /// The library of a GIR namespace; `None` for those without version features here.
    pub fn of_namespace(ns: &str) -> Option<Self> {
        match ns {
            "Gio" | "GLib" | "GObject" => Some(Lib::Gio),
            "Gtk" | "Gdk" | "Gsk" => Some(Lib::Gtk),
            "Adw" => Some(Lib::Adw),
            _ => None,
        }
    }

    /// The library of a binding crate (its name in `Cargo.lock`).
    pub fn of_crate(krate: &str) -> Option<Self> {
        match krate {
            "gio" => Some(Lib::Gio),
            "gtk4" => Some(Lib::Gtk),
            "libadwaita" => Some(Lib::Adw),
            _ => None,
        }
    }

    /// The oldest version the bindings cover without cargo features.
    fn base(self) -> (u32, u32) {
        match self {
            Lib::Gio => (2, 56),
            Lib::Gtk => (4, 0),
            Lib::Adw => (1, 0),
        }
    }

    /// The versions glib-signal-stream has a feature for (those of the libraries it is
    /// built and tested against: GLib 2.74, GTK 4.8, libadwaita 1.2).
    fn versions(self) -> &'static [(u32, u32)] {
        match self {
            Lib::Gio => &[
                (2, 58),
                (2, 60),
                (2, 62),
                (2, 64),
                (2, 66),
                (2, 68),
                (2, 70),
                (2, 72),
                (2, 74),
            ],
            Lib::Gtk => &[(4, 2), (4, 4), (4, 6), (4, 8)],
            Lib::Adw => &[(1, 1), (1, 2)],
        }
    }

    /// The prefix of its features (`gtk` in `gtk_v4_8`).
    fn prefix(self) -> &'static str {
        match self {
            Lib::Gio => "gio",
            Lib::Gtk => "gtk",
            Lib::Adw => "adw",
        }
    }

    /// The binding crate, for reasons.
    fn binding(self) -> &'static str {
        match self {
            Lib::Gio => "gio/glib",
            Lib::Gtk => "gtk4",
            Lib::Adw => "libadwaita",
        }
    }
}

/// `"4.8"` as `(4, 8)`.
pub fn parse_version(version: &str) -> (u32, u32) {
    let mut parts = version.split('.').map(|p| p.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The version features an item needs: the newest version per library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gates(BTreeMap<Lib, (u32, u32)>);

impl Gates {
    /// Records that the item needs `lib`'s `version`; `Err(reason)` if the crate has no
    /// feature for it.
    pub fn need(&mut self, lib: Lib, version: (u32, u32), what: &str) -> Result<(), String> {
        if version <= lib.base() {
            return Ok(());
        }
        if !lib.versions().contains(&version) {
            return Err(format!(
                "{what} is new in {}.{}: no `{}_v{}_{}` feature (newer than the libraries \
                 the crate is built against)",
                version.0,
                version.1,
                lib.prefix(),
                version.0,
                version.1
            ));
        }
        let entry = self.0.entry(lib).or_insert(version);
        *entry = (*entry).max(version);
        Ok(())
    }

    /// Records the GIR `version` of `ns`'s item `name`.
    pub fn need_gir(&mut self, ns: &str, name: &str, version: Option<&str>) -> Result<(), String> {
        match (Lib::of_namespace(ns), version) {
            (Some(lib), Some(version)) => {
                self.need(lib, parse_version(version), &format!("`{ns}.{name}`"))
            }
            _ => Ok(()),
        }
    }

    /// Records the binding's own gate, `lib`'s `vX_Y` feature.
    pub fn need_binding(
        &mut self,
        lib: Lib,
        version: (u32, u32),
        path: &str,
    ) -> Result<(), String> {
        self.need(lib, version, "").map_err(|_| {
            format!(
                "`{path}` is behind {}'s feature `v{}_{}`, newer than the libraries the crate \
                 is built against",
                lib.binding(),
                version.0,
                version.1
            )
        })
    }

    pub fn merge(&mut self, other: &Gates) {
        for (&lib, &version) in &other.0 {
            let entry = self.0.entry(lib).or_insert(version);
            *entry = (*entry).max(version);
        }
    }

    pub fn merged(&self, other: &Gates) -> Gates {
        let mut out = self.clone();
        out.merge(other);
        out
    }

    /// Whether every feature `other` needs is enabled when `self`'s are.
    pub fn implies(&self, other: &Gates) -> bool {
        other
            .0
            .iter()
            .all(|(lib, version)| self.0.get(lib).is_some_and(|v| v >= version))
    }

    /// Whether `lib`'s `version` is enabled when `self`'s features are.
    pub fn covers(&self, lib: Lib, version: (u32, u32)) -> bool {
        version <= lib.base() || self.0.get(&lib).is_some_and(|v| *v >= version)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The feature names (`gtk_v4_8`).
    pub fn features(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(lib, (major, minor))| format!("{}_v{major}_{minor}", lib.prefix()))
            .collect()
    }

    /// The `cfg` predicate (`feature = "gtk_v4_8"`), `None` if no feature is needed.
    pub fn predicate(&self) -> Option<String> {
        let features: Vec<_> = self
            .features()
            .into_iter()
            .map(|f| format!("feature = \"{f}\""))
            .collect();
        match features.len() {
            0 => None,
            1 => Some(features[0].clone()),
            _ => Some(format!("all({})", features.join(", "))),
        }
    }

    /// `#[cfg(..)]` and `#[cfg_attr(docsrs, doc(cfg(..)))]` lines for a public item, if
    /// `self` needs more than `outer` (the features of the enclosing module) enables.
    pub fn attrs(&self, outer: &Gates) -> String {
        match self.predicate() {
            Some(p) if !outer.implies(self) => {
                format!("#[cfg({p})]\n#[cfg_attr(docsrs, doc(cfg({p})))]\n")
            }
            _ => String::new(),
        }
    }

    /// A `#[cfg(..)]` line alone (for private items and statements), under the same rule.
    pub fn cfg(&self, outer: &Gates) -> String {
        match self.predicate() {
            Some(p) if !outer.implies(self) => format!("#[cfg({p})]\n"),
            _ => String::new(),
        }
    }
}

/// The imports of `names` under `prefix` (`crate::auto_support`), each with the `cfg`
/// predicate of the item using it (`None` without features): the names needed without
/// features, sorted, and `use` lines for the others, each behind `cfg(any(..))` of the
/// features of the items that use it, so that no import is unused whatever the features.
pub fn uses<'a>(prefix: &str, names: &[(&'a str, Option<String>)]) -> (Vec<&'a str>, String) {
    let mut plain: Vec<&str> = names
        .iter()
        .filter(|(_, p)| p.is_none())
        .map(|(n, _)| *n)
        .collect();
    plain.sort_unstable();
    plain.dedup();
    let mut gated: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, predicate) in names {
        if let (Some(p), false) = (predicate, plain.contains(name)) {
            gated.entry(*name).or_default().push(p);
        }
    }
    let mut out = String::new();
    for (name, mut predicates) in gated {
        predicates.sort_unstable();
        predicates.dedup();
        let p = if predicates.len() == 1 {
            predicates[0].to_owned()
        } else {
            format!("any({})", predicates.join(", "))
        };
        out.push_str(&format!("#[cfg({p})]\nuse {prefix}::{name};\n"));
    }
    (plain, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_version_needs_no_feature() {
        let mut gates = Gates::default();
        gates.need_gir("Gtk", "Button", Some("4.0")).unwrap();
        gates.need_gir("Pango", "Layout", Some("1.50")).unwrap();
        assert!(gates.is_empty());
    }

    #[test]
    fn newer_version_needs_its_feature_and_the_newest_wins() {
        let mut gates = Gates::default();
        gates.need_gir("Gtk", "a", Some("4.4")).unwrap();
        gates.need_gir("Gdk", "b", Some("4.8")).unwrap();
        gates.need_gir("Adw", "c", Some("1.2")).unwrap();
        assert_eq!(gates.features(), ["gtk_v4_8", "adw_v1_2"]);
        assert_eq!(
            gates.predicate().unwrap(),
            "all(feature = \"gtk_v4_8\", feature = \"adw_v1_2\")"
        );
    }

    #[test]
    fn version_without_a_feature_is_a_reason() {
        let err = Gates::default()
            .need_gir("Gtk", "Newer", Some("4.10"))
            .unwrap_err();
        assert!(err.contains("no `gtk_v4_10` feature"), "{err}");
    }

    #[test]
    fn module_gate_covers_its_methods() {
        let mut module = Gates::default();
        module
            .need_gir("Adw", "MessageDialog", Some("1.2"))
            .unwrap();
        let mut method = Gates::default();
        method.need_gir("Adw", "response", Some("1.2")).unwrap();
        assert_eq!(method.attrs(&module), "");
        assert!(method
            .attrs(&Gates::default())
            .starts_with("#[cfg(feature = \"adw_v1_2\")]"));
    }
}
