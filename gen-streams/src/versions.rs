//! The pinned input, `gen-streams/versions.txt`: the GTK, GLib and libadwaita versions, a
//! checksum of each GIR file, and the gtk4, gio and libadwaita crate versions (whose sources give the doc links) the
//! committed code was generated from. The generator refuses other input
//! (another distribution's GIR files would silently change the generated API) unless asked to
//! pin it anew with `--repin`.

use std::{fs, path::Path, process::Command};

use crate::links::locked_version;

/// Where the pin is recorded, relative to the repository root.
pub const FILE: &str = "gen-streams/versions.txt";

/// The input found on this machine.
pub struct Versions {
    /// `pkg-config --modversion gtk4`.
    pub gtk: String,
    /// `pkg-config --modversion glib-2.0`.
    pub glib: String,
    /// `pkg-config --modversion libadwaita-1`.
    pub adw: String,
    /// `(file name, size, FNV-1a 64 checksum)` of each GIR file read.
    files: Vec<(String, usize, u64)>,
    /// `(crate, version)` of the bindings in `Cargo.lock`.
    bindings: Vec<(String, String)>,
}

impl Versions {
    /// Reads the versions and checksums of `files` in `dir`, and the versions of the binding
    /// crates in `lock` (the text of `Cargo.lock`).
    pub fn read(dir: &Path, files: &[&str], lock: &str) -> Result<Self, String> {
        let files = files
            .iter()
            .map(|name| {
                let path = dir.join(name);
                let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(((*name).to_owned(), bytes.len(), fnv1a(&bytes)))
            })
            .collect::<Result<_, String>>()?;
        let bindings = ["gtk4", "gio", "libadwaita"]
            .iter()
            .map(|krate| Ok(((*krate).to_owned(), locked_version(lock, krate)?.to_owned())))
            .collect::<Result<_, String>>()?;
        Ok(Self {
            gtk: modversion("gtk4")?,
            glib: modversion("glib-2.0")?,
            adw: modversion("libadwaita-1")?,
            files,
            bindings,
        })
    }

    /// The contents of `versions.txt` for this input.
    pub fn render(&self) -> String {
        let mut out = format!(
            "# The input of gen-streams: the library versions, the GIR files (size, FNV-1a 64) and\n\
             # the binding crates (Cargo.lock) the committed code was generated from.\n\
             # `cargo run -p gen-streams` fails on other input; `cargo run -p gen-streams -- --repin`\n\
             # pins new input (review the diff).\n\
             GTK {}\nGLib {}\nlibadwaita {}\n",
            self.gtk, self.glib, self.adw
        );
        for (name, size, sum) in &self.files {
            out.push_str(&format!("{name} {size} {sum:016x}\n"));
        }
        for (krate, version) in &self.bindings {
            out.push_str(&format!("crate {krate} {version}\n"));
        }
        out
    }

    /// `Err` with the differences if `recorded` (the committed `versions.txt`) pins other input.
    pub fn check(&self, recorded: &str) -> Result<(), String> {
        let now = self.render();
        let strip = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_owned)
                .collect()
        };
        let (now, recorded) = (strip(&now), strip(recorded));
        let differences: Vec<String> = now
            .iter()
            .filter(|l| !recorded.contains(l))
            .map(|l| format!("  found    {l}"))
            .chain(
                recorded
                    .iter()
                    .filter(|l| !now.contains(l))
                    .map(|l| format!("  recorded {l}")),
            )
            .collect();
        if differences.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "the GIR input differs from {FILE}:\n{}\nrun `cargo run -p gen-streams -- --repin` \
                 to generate from it and pin it",
                differences.join("\n")
            ))
        }
    }
}

fn modversion(package: &str) -> Result<String, String> {
    let out = Command::new("pkg-config")
        .args(["--modversion", package])
        .output()
        .map_err(|e| format!("pkg-config: {e}"))?;
    if !out.status.success() {
        return Err(format!("pkg-config --modversion {package} failed"));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// FNV-1a, 64 bits: enough to notice a changed file, without a dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned() -> Versions {
        Versions {
            gtk: "4.8.3".into(),
            glib: "2.74.6".into(),
            adw: "1.2.2".into(),
            files: vec![("Gtk-4.0.gir".into(), 10, 0xabc)],
            bindings: vec![("gtk4".into(), "0.11.5".into())],
        }
    }

    #[test]
    fn same_input_passes() {
        assert_eq!(pinned().check(&pinned().render()), Ok(()));
    }

    #[test]
    fn other_library_version_is_refused() {
        let mut newer = pinned();
        newer.gtk = "4.10.0".into();
        let err = newer.check(&pinned().render()).unwrap_err();
        assert!(err.contains("found    GTK 4.10.0"), "{err}");
        assert!(err.contains("recorded GTK 4.8.3"), "{err}");
    }

    #[test]
    fn changed_gir_file_is_refused() {
        let mut changed = pinned();
        changed.files[0].2 = 0xdef;
        assert!(changed.check(&pinned().render()).is_err());
    }

    #[test]
    fn other_binding_crate_version_is_refused() {
        let mut bumped = pinned();
        bumped.bindings[0].1 = "0.11.6".into();
        assert!(bumped.check(&pinned().render()).is_err());
    }

    #[test]
    fn checksum_tells_files_apart() {
        assert_ne!(
            fnv1a(b"<property name=\"label\"/>"),
            fnv1a(b"<property name=\"title\"/>")
        );
    }
}
