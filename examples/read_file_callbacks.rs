//! Reading a file with GIO's callback API, for comparison with `read_file.rs`.
//!
//! The foundation (4 of 4, see the README's "The foundation: GLib's futures"): what glib
//! and gio already make async, which this crate builds on. It does not use this crate.
//!
//! The same program: open the file named by the first argument, read it in 64-byte chunks to
//! stdout, close it. Each step's continuation is a callback, the loop becomes a recursive
//! function, and the main loop must be quit by hand when the last callback runs.
//!
//! ```sh
//! cargo run --example read_file_callbacks -- Cargo.toml
//! ```

use std::io::Write;

use gio::prelude::*;

fn read_chunks(stream: gio::FileInputStream, done: impl FnOnce(Result<(), glib::Error>) + 'static) {
    stream.clone().read_bytes_async(
        64,
        glib::Priority::DEFAULT,
        gio::Cancellable::NONE,
        move |result| match result {
            Err(err) => done(Err(err)),
            Ok(chunk) if chunk.is_empty() => {
                stream.close_async(glib::Priority::DEFAULT, gio::Cancellable::NONE, done)
            }
            Ok(chunk) => {
                std::io::stdout()
                    .write_all(&chunk)
                    .expect("stdout is writable");
                read_chunks(stream, done);
            }
        },
    );
}

fn read_file(path: &str, done: impl FnOnce(Result<(), glib::Error>) + 'static) {
    let file = gio::File::for_path(path);
    file.read_async(
        glib::Priority::DEFAULT,
        gio::Cancellable::NONE,
        move |result| match result {
            Err(err) => done(Err(err)),
            Ok(stream) => read_chunks(stream, done),
        },
    );
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: read_file_callbacks PATH");
    let main_loop = glib::MainLoop::new(None, false);
    let failed = std::rc::Rc::new(std::cell::Cell::new(false));
    read_file(&path, {
        let main_loop = main_loop.clone();
        let failed = failed.clone();
        let path = path.clone();
        move |result| {
            if let Err(err) = result {
                eprintln!("read_file_callbacks: {path}: {err}");
                failed.set(true);
            }
            main_loop.quit();
        }
    });
    main_loop.run();
    if failed.get() {
        std::process::exit(1);
    }
}
