//! Generates glib-signal-stream's typed streams from the GObject-Introspection files of GTK 4,
//! GIO and libadwaita: one `<Type>StreamExt` trait per class and interface, one `<signal>_stream`
//! method per signal and one `<property>_stream` method per readable property, tests
//! checking each of them against the running libraries, and a report of what could not be
//! wrapped and why. Beside them (`events.rs`): an events enum and a
//! `<Type>StreamWithExt` trait of handler forms per type, and their test.
//!
//! Run from the repository root: `cargo run -p gen-streams` writes the files,
//! `cargo run -p gen-streams -- --check` regenerates into a temporary directory and fails if
//! the committed files differ. Both refuse input (GIR files, binding crate versions) other than
//! that pinned in `versions.txt`; `cargo run -p gen-streams -- --repin` generates from it and
//! pins it.

mod events;
mod gates;
mod gir;
mod links;
mod module;
mod overrides;
mod property;
mod report;
mod rust;
mod send;
mod test;
mod versions;
mod write;

use std::{
    collections::HashMap,
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use gir::Index;
use links::Links;
use versions::Versions;

/// Where the introspection files are (Debian: `libgtk-4-dev`, `libglib2.0-dev` and
/// `libadwaita-1-dev`).
const GIR_DIR: &str = "/usr/share/gir-1.0";

/// One generated namespace.
pub struct Target {
    /// The GIR namespace (`Gtk`).
    pub ns: &'static str,
    /// The GIR file it comes from.
    pub file: &'static str,
    /// Where the generated modules go, relative to the repository root.
    pub dir: &'static str,
    /// The library's cargo feature that enables it.
    pub feature: &'static str,
}

pub const TARGETS: [Target; 3] = [
    Target {
        ns: "Gio",
        file: "Gio-2.0.gir",
        dir: "src/gio_streams/auto",
        feature: "gio",
    },
    Target {
        ns: "Gtk",
        file: "Gtk-4.0.gir",
        dir: "src/gtk_streams/auto",
        feature: "gtk",
    },
    Target {
        ns: "Adw",
        file: "Adw-1.gir",
        dir: "src/adw_streams/auto",
        feature: "adw",
    },
];

/// The files read only to resolve type names.
const DEPENDENCIES: [&str; 8] = [
    "GLib-2.0.gir",
    "GObject-2.0.gir",
    "Gdk-4.0.gir",
    "Gsk-4.0.gir",
    "GdkPixbuf-2.0.gir",
    "Graphene-1.0.gir",
    "Pango-1.0.gir",
    "cairo-1.0.gir",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (check, repin) = match args.as_slice() {
        [] => (false, false),
        [flag] if flag == "--check" => (true, false),
        [flag] if flag == "--repin" => (false, true),
        _ => {
            eprintln!("usage: cargo run -p gen-streams [-- --check | --repin]");
            return ExitCode::from(2);
        }
    };
    match run(check, repin) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("gen-streams: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Generates everything; with `check`, into a temporary directory compared with the
/// repository. Returns whether the repository is up to date (always true without `check`).
/// Fails if the GIR input is not the one pinned in `versions.txt`, unless `repin`.
fn run(check: bool, repin: bool) -> Result<bool, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("gen-streams lives in the repository")
        .to_path_buf();
    let gir_files: Vec<&str> = TARGETS.iter().map(|t| t.file).chain(DEPENDENCIES).collect();
    let lock =
        fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let versions = Versions::read(Path::new(GIR_DIR), &gir_files, &lock)?;
    if !repin {
        let pinned = root.join(versions::FILE);
        let recorded =
            fs::read_to_string(&pinned).map_err(|e| format!("{}: {e}", pinned.display()))?;
        versions.check(&recorded)?;
    }
    let mut index = Index::default();
    for file in &gir_files {
        index.load(&Path::new(GIR_DIR).join(file))?;
    }
    let docs = read_docs(&root.join("gen-streams/docs"))?;
    let links = Links::read(&root)?;
    let mut files = write::generate(&index, &docs, &links, &versions)?;
    files.push((PathBuf::from(versions::FILE), versions.render()));

    let out = if check {
        std::env::temp_dir().join(format!("gen-streams-{}", std::process::id()))
    } else {
        root.clone()
    };
    if !check {
        for target in &TARGETS {
            // Types that no longer have signals must not leave stale modules behind.
            let dir = root.join(target.dir);
            if dir.exists() {
                fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            let dir = root.join(events::dir(target));
            if dir.exists() {
                fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
        }
    }
    let mut written = Vec::new();
    for (path, text) in &files {
        let path = out.join(path);
        fs::create_dir_all(path.parent().expect("generated files are in folders"))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        if path.extension().is_some_and(|e| e == "rs") {
            written.push(path);
        }
    }
    rustfmt(&written)?;
    if !check {
        println!("gen-streams: wrote {} files", files.len());
        return Ok(true);
    }

    let mut up_to_date = true;
    for (path, _) in &files {
        let fresh = fs::read_to_string(out.join(path)).map_err(|e| e.to_string())?;
        if fs::read_to_string(root.join(path)).ok().as_deref() != Some(fresh.as_str()) {
            eprintln!("gen-streams: {} is not up to date", path.display());
            up_to_date = false;
        }
    }
    let dirs = TARGETS
        .iter()
        .flat_map(|target| [PathBuf::from(target.dir), events::dir(target)]);
    for dir in dirs {
        for entry in fs::read_dir(root.join(dir)).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let relative = path.strip_prefix(&root).expect("listed under the root");
            if !files.iter().any(|(p, _)| p == relative) {
                eprintln!(
                    "gen-streams: {} is not generated any more",
                    relative.display()
                );
                up_to_date = false;
            }
        }
    }
    fs::remove_dir_all(&out).map_err(|e| e.to_string())?;
    if !up_to_date {
        eprintln!("gen-streams: run `cargo run -p gen-streams` and commit the result");
    }
    Ok(up_to_date)
}

/// The hand-written method documentation: `docs/<Namespace>.<Type>.<signal>.md`.
fn read_docs(dir: &Path) -> Result<HashMap<String, String>, String> {
    let mut docs = HashMap::new();
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if let Some(key) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".md"))
        {
            if key != "README" {
                let text =
                    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                docs.insert(key.to_owned(), text);
            }
        }
    }
    Ok(docs)
}

fn rustfmt(files: &[PathBuf]) -> Result<(), String> {
    let status = std::process::Command::new("rustfmt")
        .args(["--edition", "2021"])
        .args(files)
        .status()
        .map_err(|e| format!("rustfmt: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("rustfmt failed: {status}"))
    }
}
