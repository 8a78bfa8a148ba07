//! Reading a file with GIO, written as straight-line async code.
//!
//! The foundation (3 of 4, see the README's "The foundation: GLib's futures"): what glib
//! and gio already make async, which this crate builds on. It does not use this crate.
//!
//! Opens the file named by the first argument, reads it in 64-byte chunks and writes them to
//! stdout, then closes it: `read_future`, `read_bytes_future` and `close_future` awaited one
//! after the other on the GLib main context. Compare with `read_file_callbacks.rs`, the same
//! program written with GIO's callbacks.
//!
//! ```sh
//! cargo run --example read_file -- Cargo.toml
//! ```

use std::io::Write;

use gio::prelude::*;

async fn read_file(path: &str) -> Result<(), glib::Error> {
    let file = gio::File::for_path(path);
    let stream = file.read_future(glib::Priority::DEFAULT).await?;
    let mut stdout = std::io::stdout().lock();
    loop {
        let chunk = stream
            .read_bytes_future(64, glib::Priority::DEFAULT)
            .await?;
        if chunk.is_empty() {
            break;
        }
        stdout.write_all(&chunk).expect("stdout is writable");
    }
    stream.close_future(glib::Priority::DEFAULT).await
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: read_file PATH");
    if let Err(err) = glib::MainContext::default().block_on(read_file(&path)) {
        eprintln!("read_file: {path}: {err}");
        std::process::exit(1);
    }
}
