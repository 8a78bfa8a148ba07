//! The `connect_*` methods of gtk4-rs and gio, read from their generated sources in the cargo
//! registry, so that each generated method can link to its counterpart: only methods that
//! exist without cargo features are listed (a link to anything else breaks `cargo doc`).

use std::{
    collections::{HashMap, HashSet},
    fs,
    path::{Path, PathBuf},
};

/// The bindings' classes and interfaces, and their `connect_*` methods.
#[derive(Default)]
pub struct Links {
    /// `("gtk4::Button", "connect_clicked")` to the intra-doc path of that method
    /// (`gtk4::prelude::ButtonExt::connect_clicked` or `gtk4::Button::connect_clicked`).
    methods: HashMap<(String, String), String>,
    /// The object, interface and shared types (`gtk4::Button`, `gtk4::Expression`) defined
    /// without cargo features.
    types: HashSet<String>,
}

impl Links {
    /// Reads the sources (`src` and `src/auto`) of the `gtk4` and `gio` versions in
    /// `Cargo.lock`.
    pub fn read(root: &std::path::Path) -> Result<Self, String> {
        let lock = fs::read_to_string(root.join("Cargo.lock")).map_err(|e| e.to_string())?;
        let mut links = Self::default();
        for krate in ["gtk4", "gio"] {
            let src = source_dir(&lock, krate)?.join("src");
            for dir in [src.join("auto"), src] {
                let gated = gated_modules(&dir)?;
                for path in rust_files(&dir)? {
                    let module = path
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or_default();
                    if gated.iter().any(|g| g == module) {
                        continue;
                    }
                    let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
                    links.scan_types(krate, &text);
                    links.scan(krate, &text);
                }
            }
        }
        Ok(links)
    }

    /// The link to `type_path`'s (`gtk4::Button`) method `name`, if it exists.
    pub fn get(&self, type_path: &str, name: &str) -> Option<&str> {
        self.methods
            .get(&(type_path.to_owned(), name.to_owned()))
            .map(String::as_str)
    }

    /// Whether the bindings define `type_path` (`gtk4::Button`) without cargo features.
    pub fn has_type(&self, type_path: &str) -> bool {
        self.types.contains(type_path)
    }

    /// Records the types of the `glib::wrapper!` blocks without a `#[cfg(feature)]`.
    fn scan_types(&mut self, krate: &str, text: &str) {
        let mut gated = false;
        let mut in_wrapper = false;
        for line in text.lines() {
            if feature_gate(line) {
                gated = true;
            } else if line.starts_with("glib::wrapper! {") {
                in_wrapper = !gated;
            } else if line.starts_with('}') {
                in_wrapper = false;
            } else if in_wrapper {
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
                    self.types.insert(format!("{krate}::{name}"));
                }
            }
            if !line.starts_with("#[") && !line.trim().is_empty() {
                gated = false;
            }
        }
    }

    /// Records the `connect_*` methods of one module: those of `impl Type {` and
    /// `pub trait TypeExt: IsA<Type> ... {` blocks (gir's, and the hand-written `ExtManual`
    /// traits) without a `#[cfg(feature)]`. A method both forms have keeps the first found.
    fn scan(&mut self, krate: &str, text: &str) {
        // (type, path prefix of its methods) of the block being read, if available.
        let mut block: Option<(String, String)> = None;
        let mut gated = false;
        for line in text.lines() {
            let trimmed = line.trim_start();
            if feature_gate(trimmed) {
                gated = true;
                continue;
            }
            if trimmed.is_empty() || trimmed.starts_with("#[") || trimmed.starts_with("//") {
                continue;
            }
            if !line.starts_with(' ') {
                block = None;
                if !gated {
                    if let Some(ty) = line
                        .strip_prefix("impl ")
                        .and_then(|l| l.strip_suffix(" {"))
                    {
                        if ty.chars().all(|c| c.is_ascii_alphanumeric()) {
                            block = Some((ty.to_owned(), format!("{krate}::{ty}")));
                        }
                    } else if let Some(decl) = line.strip_prefix("pub trait ") {
                        if let Some((name, rest)) = decl.split_once(": IsA<") {
                            if let Some((ty, _)) = rest.split_once('>') {
                                block = Some((ty.to_owned(), format!("{krate}::prelude::{name}")));
                            }
                        }
                    }
                }
            } else if let Some((ty, prefix)) = &block {
                // Methods are indented once; their bodies and nested trampolines further.
                let decl = line.strip_prefix("    ").filter(|l| !l.starts_with(' '));
                let name = decl
                    .map(|d| d.strip_prefix("pub ").unwrap_or(d))
                    .and_then(|d| d.strip_prefix("fn connect_"))
                    .and_then(|d| d.split(['<', '(']).next());
                if let (Some(name), false) = (name, gated) {
                    let name = format!("connect_{name}");
                    self.methods
                        .entry((format!("{krate}::{ty}"), name.clone()))
                        .or_insert_with(|| format!("{prefix}::{name}"));
                }
            }
            gated = false;
        }
    }
}

/// Whether `line` is a `#[cfg]` needing a cargo feature (the generated code is for Linux:
/// `target_os = "linux"` is not a gate).
fn feature_gate(line: &str) -> bool {
    line.starts_with("#[cfg(") && line.contains("feature") && !line.contains("not(")
}

/// The modules that `dir`'s `mod.rs` or `lib.rs` declares behind a `#[cfg(feature)]`.
fn gated_modules(dir: &Path) -> Result<Vec<String>, String> {
    let root = ["mod.rs", "lib.rs"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
        .ok_or_else(|| format!("{}: no mod.rs or lib.rs", dir.display()))?;
    let text = fs::read_to_string(&root).map_err(|e| e.to_string())?;
    let mut gated = false;
    let mut modules = Vec::new();
    for line in text.lines() {
        if feature_gate(line) {
            gated = true;
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
        if let (Some(module), true) = (module, gated) {
            modules.push(module.to_owned());
        }
        gated = false;
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
        links.scan_types("gtk4", MODULE);
        links.scan("gtk4", MODULE);
        links
    }

    #[test]
    fn trait_methods_link_through_the_prelude() {
        assert_eq!(
            scanned().get("gtk4::Button", "connect_clicked"),
            Some("gtk4::prelude::ButtonExt::connect_clicked")
        );
    }

    #[test]
    fn inherent_methods_link_on_the_type() {
        assert_eq!(
            scanned().get("gtk4::Button", "connect_own"),
            Some("gtk4::Button::connect_own")
        );
        assert_eq!(scanned().get("gtk4::Button", "connect_nested"), None);
    }

    #[test]
    fn methods_behind_a_cargo_feature_are_not_linked() {
        assert_eq!(
            scanned().get("gtk4::Button", "connect_can_shrink_notify"),
            None
        );
    }

    #[test]
    fn types_behind_a_cargo_feature_are_not_bound() {
        assert!(scanned().has_type("gtk4::Button"));
        assert!(!scanned().has_type("gtk4::Newer"));
    }
}
