//! No display: run the example (the demo, the app) on a private Xvfb, where it drives
//! itself (`GSS_DEMO_DRIVE`). Included with `#[path]` by each example that drives itself.

use std::{
    os::unix::net::UnixStream,
    path::Path,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// Starts Xvfb, runs this program on it (driving itself), stops Xvfb; the exit code.
pub fn run() -> i32 {
    let Some((mut xvfb, display)) = start_xvfb() else {
        eprintln!(
            "{}: no display, and Xvfb could not be started (scripts/ensure-deps.sh installs it)",
            program()
        );
        return 1;
    };
    println!("no display: started Xvfb on {display}");
    let status = Command::new(std::env::current_exe().expect("the program's own path"))
        .args(std::env::args_os().skip(1))
        .env("DISPLAY", &display)
        .env("GSS_DEMO_DRIVE", "1")
        .env(
            "GSK_RENDERER",
            std::env::var("GSK_RENDERER").unwrap_or_else(|_| "cairo".into()),
        )
        .env("NO_AT_BRIDGE", "1")
        .status();
    // SIGTERM lets Xvfb remove its socket and lock file.
    let _ = Command::new("kill").arg(xvfb.id().to_string()).status();
    let _ = xvfb.wait();
    println!("stopped Xvfb on {display}");
    match status {
        Ok(status) => status.code().unwrap_or(1),
        Err(err) => {
            eprintln!("{}: cannot re-run itself: {err}", program());
            1
        }
    }
}

/// Starts Xvfb on the first free display from :99 and waits until it accepts connections.
fn start_xvfb() -> Option<(Child, String)> {
    for number in 99..199 {
        let socket = format!("/tmp/.X11-unix/X{number}");
        if Path::new(&socket).exists() || Path::new(&format!("/tmp/.X{number}-lock")).exists() {
            continue;
        }
        let display = format!(":{number}");
        let mut xvfb = Command::new("Xvfb")
            .args([&display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if UnixStream::connect(&socket).is_ok() {
                return Some((xvfb, display));
            }
            if xvfb.try_wait().ok().flatten().is_some() {
                break; // lost a race for this display: try the next one
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = xvfb.kill();
        let _ = xvfb.wait();
    }
    None
}

/// This program's name, for messages.
fn program() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|path| Some(path.file_stem()?.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "example".into())
}
