//! The `connect_*` methods of gtk4-rs, gio and libadwaita-rs, read from their generated
//! sources in the cargo registry, so that each generated method can link to its counterpart,
//! and the types they bind. Items behind the bindings' own version features (`v4_8`) are
//! recorded with that version, so that a method generated behind the matching feature of
//! this crate can use them; items behind any other cargo feature are left out (a link to them
//! breaks `cargo doc`).

use std::{
    collections::HashMap,
    fs,
    path::{Path, PathBuf},
};

use crate::gates::{parse_version, Lib};

/// The binding crates read, and the path of their items seen from the generated code.
const CRATES: [(&str, &str); 3] = [("gtk4", "gtk4"), ("gio", "gio"), ("libadwaita", "adw")];

/// The binding's version feature an item is behind, if any: `(library, version)`.
pub type BindingGate = Option<(Lib, (u32, u32))>;

/// The bindings' classes and interfaces, and their `connect_*` methods.
#[derive(Default)]
pub struct Links {
    /// `("gtk4::Button", "connect_clicked")` to the intra-doc path of that method
    /// (`gtk4::prelude::ButtonExt::connect_clicked` or `gtk4::Button::connect_clicked`) and
    /// its gate.
    methods: HashMap<(String, String), (String, BindingGate)>,
    /// The object, interface and shared types (`gtk4::Button`, `gtk4::Expression`) defined
    /// without cargo features other than version features, and their gate.
    types: HashMap<String, BindingGate>,
}

/// What a `#[cfg(..)]` line asks of the binding's features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gate {
    /// `#[cfg(feature = "vX_Y")]`.
    Version((u32, u32)),
    /// Any other feature (`gtk_v4_10` of libadwaita-rs, `all(..)`): never enabled here.
    Other,
}

/// The later of two gates of the same crate.
fn later(a: BindingGate, b: Option<(u32, u32)>, lib: Lib) -> BindingGate {
    match (a, b) {
        (Some((_, x)), Some(y)) => Some((lib, x.max(y))),
        (a, None) => a,
        (None, Some(y)) => Some((lib, y)),
    }
}

impl Links {
    /// Reads the sources (`src` and `src/auto`) of the `gtk4`, `gio` and `libadwaita`
    /// versions in `Cargo.lock`.
    pub fn read(root: &std::path::Path) -> Result<Self, String> {
        let lock = fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
        let mut links = Self::default();
        for (krate, path) in CRATES {
            let lib = Lib::of_crate(krate).expect("the binding crates have libraries");
            let src = source_dir(&lock, krate)?.join("src");
            for dir in [src.join("auto"), src] {
                let gated = gated_modules(&dir)?;
                for file in rust_files(&dir)? {
                    let module = file
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or_default();
                    let module_gate = match gated.iter().find(|(g, _)| g == module) {
                        None => None,
                        Some((_, Gate::Version(v))) => Some((lib, *v)),
                        Some((_, Gate::Other)) => continue,
                    };
                    let text = fs::read_to_string(&file).map_err(|e| e.to_string())?;
                    links.scan_types(path, lib, module_gate, &text);
                    links.scan(path, lib, module_gate, &text);
                }
            }
        }
        Ok(links)
    }

    /// The link to `type_path`'s (`gtk4::Button`) method `name`, if it exists, and its gate.
    pub fn get(&self, type_path: &str, name: &str) -> Option<(&str, BindingGate)> {
        self.methods
            .get(&(type_path.to_owned(), name.to_owned()))
            .map(|(path, gate)| (path.as_str(), *gate))
    }

    /// `Some(gate)` if the bindings define `type_path` (`gtk4::Button`) without cargo
    /// features other than version features.
    pub fn type_gate(&self, type_path: &str) -> Option<BindingGate> {
        self.types.get(type_path).copied()
    }

    /// Records the types of the `glib::wrapper!` blocks, with their version gate.
    fn scan_types(&mut self, krate: &str, lib: Lib, module: BindingGate, text: &str) {
        let mut gate: Option<Gate> = None;
        let mut wrapper: Option<BindingGate> = None;
        for line in text.lines() {
            if let Some(g) = feature_gate(line) {
                gate = Some(g);
            } else if line.starts_with("glib::wrapper! {") {
                wrapper = match gate {
                    None => Some(module),
                    Some(Gate::Version(v)) => Some(later(module, Some(v), lib)),
                    Some(Gate::Other) => None,
                };
            } else if line.starts_with('}') {
                wrapper = None;
            } else if let Some(wrapper_gate) = wrapper {
                let name = line
                    .trim_start()
                    .strip_prefix("pub struct ")
                    .and_then(|l| l.split_once('('))
                    .filter(|(_, kind)| {
                        ["Object<", "Interface<", "Shared<"]
                            .iter()
                            .any(|k| kind.starts_with(k))
                    });
                if let Some((name, _)) = name {
                    self.types.insert(format!("{krate}::{name}"), wrapper_gate);
                }
            }
            if !line.starts_with("#[") && !line.trim().is_empty() {
                gate = None;
            }
        }
    }

    /// Records the `connect_*` methods of one module: those of `impl Type {` and
    /// `pub trait TypeExt: IsA<Type> ... {` blocks (gir's, and the hand-written `ExtManual`
    /// traits), with their version gate. A method both forms have keeps the first found.
    fn scan(&mut self, krate: &str, lib: Lib, module: BindingGate, text: &str) {
        // (type, path prefix of its methods, gate) of the block being read, if available.
        let mut block: Option<(String, String, BindingGate)> = None;
        let mut gate: Option<Gate> = None;
        for line in text.lines() {
            let trimmed = line.trim_start();
            if let Some(g) = feature_gate(trimmed) {
                gate = Some(g);
                continue;
            }
            if trimmed.is_empty() || trimmed.starts_with("#[") || trimmed.starts_with("//") {
                continue;
            }
            if !line.starts_with(' ') {
                block = None;
                let block_gate = match gate {
                    None => Some(module),
                    Some(Gate::Version(v)) => Some(later(module, Some(v), lib)),
                    Some(Gate::Other) => None,
                };
                if let Some(block_gate) = block_gate {
                    if let Some(ty) = line
                        .strip_prefix("impl ")
                        .and_then(|l| l.strip_suffix(" {"))
                    {
                        if ty.chars().all(|c| c.is_ascii_alphanumeric()) {
                            block = Some((ty.to_owned(), format!("{krate}::{ty}"), block_gate));
                        }
                    } else if let Some(decl) = line.strip_prefix("pub trait ") {
                        if let Some((name, rest)) = decl.split_once(": IsA<") {
                            if let Some((ty, _)) = rest.split_once('>') {
                                block = Some((
                                    ty.to_owned(),
                                    format!("{krate}::prelude::{name}"),
                                    block_gate,
                                ));
                            }
                        }
                    }
                }
            } else if let Some((ty, prefix, block_gate)) = &block {
                // Methods are indented once; their bodies and nested trampolines further.
                let decl = line.strip_prefix("    ").filter(|l| !l.starts_with(' '));
                let name = decl
                    .map(|d| d.strip_prefix("pub ").unwrap_or(d))
                    .and_then(|d| d.strip_prefix("fn connect_"))
                    .and_then(|d| d.split(['<', '(']).next());
                let method_gate = match gate {
                    None => Some(*block_gate),
                    Some(Gate::Version(v)) => Some(later(*block_gate, Some(v), lib)),
                    Some(Gate::Other) => None,
                };
                if let (Some(name), Some(method_gate)) = (name, method_gate) {
                    let name = format!("connect_{name}");
                    self.methods
                        .entry((format!("{krate}::{ty}"), name.clone()))
                        .or_insert_with(|| (format!("{prefix}::{name}"), method_gate));
                }
            }
            gate = None;
        }
    }
}

/// What `line` asks if it is a `#[cfg]` needing a cargo feature (the generated code is for
/// Linux: `target_os = "linux"` is not a gate, nor the `not(..)` of a fallback).
fn feature_gate(line: &str) -> Option<Gate> {
    if !(line.starts_with("#[cfg(") && line.contains("feature") && !line.contains("not(")) {
        return None;
    }
    let version = line
        .strip_prefix("#[cfg(feature = \"v")
        .and_then(|l| l.strip_suffix("\")]"))
        .filter(|v| v.chars().all(|c| c.is_ascii_digit() || c == '_'));
    Some(match version {
        Some(v) => Gate::Version(parse_version(&v.replace('_', "."))),
        None => Gate::Other,
    })
}

/// The modules that `dir`'s `mod.rs` or `lib.rs` declares behind a `#[cfg(feature)]`.
fn gated_modules(dir: &Path) -> Result<Vec<(String, Gate)>, String> {
    let root = ["mod.rs", "lib.rs"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("{}: no mod.rs or lib.rs", dir.display()))?;
    let text = fs::read_to_string(&root).map_err(|e| e.to_string())?;
    let mut gate = None;
    let mut modules = Vec::new();
    for line in text.lines() {
        if let Some(g) = feature_gate(line) {
            gate = Some(g);
            continue;
        }
        if line.starts_with("#[") {
            continue;
        }
        let module = line
            .strip_prefix("pub ")
            .unwrap_or(line)
            .strip_prefix("mod ")
            .and_then(|m| m.strip_suffix(';'));
        if let (Some(module), Some(gate)) = (module, gate) {
            modules.push((module.to_owned(), gate));
        }
        gate = None;
    }
    Ok(modules)
}

/// The `.rs` files directly in `dir`.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// `krate`'s version in `lock` (the text of `Cargo.lock`).
pub fn locked_version<'a>(lock: &'a str, krate: &str) -> Result<&'a str, String> {
    lock.split("[[package]]")
        .find(|p| p.contains(&format!("name = \"{krate}\"\n")))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
        .and_then(|v| v.strip_suffix('"'))
        .ok_or_else(|| format!("Cargo.lock: no {krate}"))
}

/// `$CARGO_HOME/registry/src/*/<krate>-<version>` for the version in `Cargo.lock`.
fn source_dir(lock: &str, krate: &str) -> Result<PathBuf, String> {
    let version = locked_version(lock, krate)?;
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or("neither CARGO_HOME nor HOME is set")?;
    let registry = home.join("registry/src");
    let entries = fs::read_dir(&registry).map_err(|e| format!("{}: {e}", registry.display()))?;
    for entry in entries {
        let dir = entry
            .map_err(|e| e.to_string())?
            .path()
            .join(format!("{krate}-{version}"));
        if dir.is_dir() {
            return Ok(dir);
        }
    }
    Err(format!(
        "{krate} {version} is not in {}: run `cargo fetch` first",
        registry.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULE: &str = r#"glib::wrapper! {
    pub struct Button(Object<ffi::GtkButton, ffi::GtkButtonClass>) @extends Widget;
}

#[cfg(feature = "v4_10")]
glib::wrapper! {
    pub struct Newer(Object<ffi::GtkNewer>);
}

#[cfg(feature = "blueprint")]
glib::wrapper! {
    pub struct Other(Object<ffi::GtkOther>);
}

impl Button {
    pub fn connect_own<F: Fn(&Self) + 'static>(&self, f: F) -> SignalHandlerId {
        unsafe extern "C" fn connect_nested() {}
    }
}

pub trait ButtonExt: IsA<Button> + 'static {
    #[doc(alias = "clicked")]
    fn connect_clicked<F: Fn(&Self) + 'static>(&self, f: F) -> SignalHandlerId {
        todo!()
    }

    #[cfg(feature = "blueprint")]
    fn connect_blueprint<F: Fn(&Self) + 'static>(&self, f: F) -> SignalHandlerId {
        todo!()
    }

    #[cfg(feature = "v4_12")]
    #[cfg_attr(docsrs, doc(cfg(feature = "v4_12")))]
    #[doc(alias = "can-shrink")]
    fn connect_can_shrink_notify<F: Fn(&Self) + 'static>(&self, f: F) -> SignalHandlerId {
        todo!()
    }
}
"#;

    fn scanned() -> Links {
        let mut links = Links::default();
        links.scan_types("gtk4", Lib::Gtk, None, MODULE);
        links.scan("gtk4", Lib::Gtk, None, MODULE);
        links
    }

    #[test]
    fn trait_methods_link_through_the_prelude() {
        assert_eq!(
            scanned().get("gtk4::Button", "connect_clicked"),
            Some(("gtk4::prelude::ButtonExt::connect_clicked", None))
        );
    }

    #[test]
    fn inherent_methods_link_on_the_type() {
        assert_eq!(
            scanned().get("gtk4::Button", "connect_own"),
            Some(("gtk4::Button::connect_own", None))
        );
        assert_eq!(scanned().get("gtk4::Button", "connect_nested"), None);
    }

    #[test]
    fn methods_behind_a_version_feature_carry_it() {
        assert_eq!(
            scanned().get("gtk4::Button", "connect_can_shrink_notify"),
            Some((
                "gtk4::prelude::ButtonExt::connect_can_shrink_notify",
                Some((Lib::Gtk, (4, 12)))
            ))
        );
    }

    #[test]
    fn methods_behind_another_feature_are_not_linked() {
        assert_eq!(scanned().get("gtk4::Button", "connect_blueprint"), None);
    }

    #[test]
    fn types_behind_a_version_feature_carry_it() {
        assert_eq!(scanned().type_gate("gtk4::Button"), Some(None));
        assert_eq!(
            scanned().type_gate("gtk4::Newer"),
            Some(Some((Lib::Gtk, (4, 10))))
        );
        assert_eq!(scanned().type_gate("gtk4::Other"), None);
    }
}
