//! The one X input driver (xdotool) of the tests: it runs the examples as child processes and
//! drives the GTK ones (`tests/examples.rs`, `tests/search.rs`, `tests/rows.rs`,
//! `tests/app.rs`), and it drives the test process's own windows ([`window`], for
//! `tests/gtk_streams.rs`).
//!
//! The examples are built once with the features of this test build (`cargo build
//! --examples`), then run as child processes whose stdout is read line by line. GTK examples
//! run on the display that `scripts/test.sh` provides (`xvfb-run`) and are driven with real
//! X input through `xdotool`; they print where their widgets are when `GSS_PRINT_GEOMETRY=1`.
//!
//! No wait is timed: each waits for a line the example prints, bounded by a generous safety
//! timeout that fails the test with everything the example printed.
#![allow(dead_code)]

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, ExitStatus, Stdio},
    sync::{mpsc, OnceLock},
    time::{Duration, Instant},
};

use super::SAFETY_TIMEOUT;

/// Builds the examples once, with the features this test was built with, and returns the
/// directory holding them.
pub fn examples_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let mut features = Vec::new();
        if cfg!(feature = "gio") {
            features.push("gio");
        }
        if cfg!(feature = "gtk") {
            features.push("gtk");
        }
        // libadwaita and the newest version features (those of `.ci/run`), which
        // `examples/adw_tabs` needs: the same build as the test's, not a second one.
        for (on, feature) in [
            (cfg!(feature = "adw"), "adw"),
            (cfg!(feature = "adw_v1_2"), "adw_v1_2"),
            (cfg!(feature = "gtk_v4_8"), "gtk_v4_8"),
            (cfg!(feature = "gio_v2_74"), "gio_v2_74"),
        ] {
            if on {
                features.push(feature);
            }
        }
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--examples", "--quiet"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if !cfg!(feature = "default") {
            cargo.arg("--no-default-features");
        }
        // With the default features, `gio,gtk` is the same feature set: no second build.
        if !features.is_empty() {
            cargo.args(["--features", &features.join(",")]);
        }
        // This test binary is target/<profile>/deps/examples-<hash>; examples are beside deps.
        let exe = std::env::current_exe().expect("the test binary's path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>");
        if profile_dir.ends_with("release") {
            cargo.arg("--release");
        }
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "cargo build --examples failed: {status}");
        profile_dir.join("examples")
    })
}

pub fn example(name: &str) -> Command {
    let mut command = Command::new(examples_dir().join(name));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs an example to completion and returns its exit status and stdout.
pub fn run_to_end(command: Command) -> (ExitStatus, Vec<u8>) {
    let mut running = Running::spawn(command);
    let status = running.wait();
    if !status.success() {
        eprintln!("{}", running.stderr());
    }
    (status, std::mem::take(&mut running.raw))
}

/// A running example whose stdout lines arrive through a reader thread.
pub struct Running {
    pub child: Child,
    pub stderr: Option<std::thread::JoinHandle<String>>,
    pub lines: mpsc::Receiver<Vec<u8>>,
    /// Every line read so far, for assertions and failure messages.
    pub seen: Vec<String>,
    pub raw: Vec<u8>,
}

impl Running {
    pub fn spawn(mut command: Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the example starts");
        // Stderr (GTK warnings, error messages) is kept for failure messages.
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            text
        });
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || loop {
            let mut line = Vec::new();
            match stdout.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            }
        });
        Self {
            child,
            stderr: Some(stderr),
            lines,
            seen: Vec::new(),
            raw: Vec::new(),
        }
    }

    /// The next line, or `None` at end of output. Fails the test after the safety timeout.
    pub fn next_line(&mut self) -> Option<String> {
        match self.lines.recv_timeout(SAFETY_TIMEOUT) {
            Ok(line) => {
                self.raw.extend_from_slice(&line);
                let text = String::from_utf8_lossy(&line).trim_end().to_owned();
                self.seen.push(text.clone());
                Some(text)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => None,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                panic!(
                    "no output for {SAFETY_TIMEOUT:?}; the example printed:\n{}\n{}",
                    self.seen.join("\n"),
                    self.stderr()
                );
            }
        }
    }

    /// Reads lines until one satisfies `pred`, and returns it.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        while let Some(line) = self.next_line() {
            if pred(&line) {
                return line;
            }
        }
        let status = self.child.wait();
        panic!(
            "the example ended ({status:?}) before printing {what}; it printed:\n{}\n{}",
            self.seen.join("\n"),
            self.stderr()
        );
    }

    /// What the example wrote to stderr (once it has closed it).
    pub fn stderr(&mut self) -> String {
        let text = self
            .stderr
            .take()
            .and_then(|reader| reader.join().ok())
            .unwrap_or_default();
        format!("stderr:\n{text}")
    }

    /// Waits for the line `expected` exactly.
    pub fn expect_line(&mut self, expected: &str) {
        self.wait_for(&format!("{expected:?}"), |line| line == expected);
    }

    /// Reads the rest of the output and waits for the exit (killing the example if it does
    /// not exit within the safety timeout after closing its output).
    pub fn wait(&mut self) -> ExitStatus {
        while self.next_line().is_some() {}
        let deadline = Instant::now() + SAFETY_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting for the example") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the example closed stdout but did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // A failed test must not leave its example running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn lines(output: &[u8]) -> Vec<&str> {
    std::str::from_utf8(output)
        .expect("utf-8 output")
        .lines()
        .collect()
}

/// GTK examples, driven with real X input (xdotool) on the display of `scripts/test.sh`.
#[cfg(feature = "gtk")]
pub mod gtk {
    use std::{
        collections::HashMap,
        sync::{Mutex, MutexGuard},
    };

    use super::*;

    /// X input goes to whichever window is under the pointer: one GTK example at a time.
    pub static X_INPUT: Mutex<()> = Mutex::new(());

    /// A GTK example on screen, with the on-screen positions of its widgets.
    pub struct Gui {
        /// The example's name, for failure messages.
        name: String,
        pub running: Running,
        /// Widget name -> (X window id, x, y in that window).
        pub widgets: HashMap<String, (String, i64, i64)>,
        pub _input: MutexGuard<'static, ()>,
    }

    pub fn xdotool(args: &[&str]) -> String {
        let output = Command::new("xdotool")
            .args(args)
            .output()
            .expect("xdotool runs (scripts/ensure-deps.sh installs it)");
        assert!(
            output.status.success(),
            "xdotool {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8 output")
    }

    impl Gui {
        /// Starts example `name` and reads where its window `title` shows its widgets.
        pub fn start(name: &str, title: &str, args: &[&str], env: &[(&str, &str)]) -> Self {
            assert!(
                std::env::var_os("DISPLAY").is_some(),
                "the GTK example tests need an X display: run them with scripts/test.sh, \
                 which runs cargo test under xvfb-run"
            );
            let input = X_INPUT
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let mut command = example(name);
            command
                .args(args)
                .env("GSS_PRINT_GEOMETRY", "1")
                .env("GSK_RENDERER", "cairo")
                .env("NO_AT_BRIDGE", "1")
                .envs(env.iter().copied());
            let mut gui = Self {
                name: name.to_owned(),
                running: Running::spawn(command),
                widgets: HashMap::new(),
                _input: input,
            };
            gui.read_geometry(title);
            gui
        }

        /// Reads `geometry NAME X Y` lines up to `geometry-end`, for window `title`.
        pub fn read_geometry(&mut self, title: &str) {
            let mut found = Vec::new();
            loop {
                let line = self.running.wait_for("geometry lines", |line| {
                    line.starts_with("geometry ") || line == "geometry-end"
                });
                if line == "geometry-end" {
                    break;
                }
                let fields: Vec<&str> = line.split(' ').collect();
                let [_, name, x, y] = fields[..] else {
                    panic!("malformed geometry line {line:?}");
                };
                let coordinate = |v: &str| v.parse::<i64>().expect("integer coordinates");
                found.push((name.to_owned(), coordinate(x), coordinate(y)));
            }
            let ids = xdotool(&["search", "--name", &format!("^{title}$")]);
            let window = ids
                .lines()
                .last()
                .unwrap_or_else(|| panic!("no X window titled {title:?}"))
                .to_owned();
            for (name, x, y) in found {
                self.widgets.insert(name, (window.clone(), x, y));
            }
        }

        /// Moves the pointer over `widget` and clicks it with the first button.
        pub fn click(&self, widget: &str) {
            let (window, x, y) = self
                .widgets
                .get(widget)
                .unwrap_or_else(|| panic!("no geometry for {widget:?}"));
            let (x, y) = (x.to_string(), y.to_string());
            xdotool(&["mousemove", "--window", window, &x, &y, "click", "1"]);
        }

        /// Moves the pointer over `widget` and turns the wheel one step down (button 5) or up
        /// (button 4).
        pub fn scroll(&self, widget: &str, down: bool) {
            let (window, x, y) = self
                .widgets
                .get(widget)
                .unwrap_or_else(|| panic!("no geometry for {widget:?}"));
            let (x, y) = (x.to_string(), y.to_string());
            let button = if down { "5" } else { "4" };
            xdotool(&["mousemove", "--window", window, &x, &y, "click", button]);
        }

        /// Types `text` into the focused widget.
        pub fn type_text(&self, text: &str) {
            xdotool(&["type", "--delay", "20", text]);
        }

        pub fn key(&self, key: &str) {
            xdotool(&["key", key]);
        }

        pub fn expect(&mut self, line: &str) {
            self.running.expect_line(line);
        }

        /// Everything the example printed so far that is not geometry.
        pub fn printed(&self) -> Vec<String> {
            self.running
                .seen
                .iter()
                .filter(|line| !line.starts_with("geometry"))
                .cloned()
                .collect()
        }

        /// Waits for the exit and returns everything the example printed that is not geometry.
        pub fn finish(mut self) -> (ExitStatus, Vec<String>) {
            let status = self.running.wait();
            (status, self.printed())
        }

        /// Closes the window as a user does, with a click on its close button
        /// (`window-close`), then waits for the example to say that the window and its widgets
        /// were freed (`closed: window and N widgets finalized`) and to exit.
        ///
        /// Returns that line and everything the example printed that is not geometry (that line
        /// included). Fails the test if the example ends without printing the line or exits
        /// with a failure; like every wait here, it is bounded only by the safety timeout.
        pub fn close_window_and_expect_freed(mut self) -> (String, Vec<String>) {
            self.click("window-close");
            let closed = self.running.wait_for("the closed window freed", |line| {
                line.starts_with("closed: window and ") && line.ends_with(" widgets finalized")
            });
            let status = self.running.wait();
            assert!(status.success(), "{}: {status}", self.name);
            (closed, self.printed())
        }
    }
}

/// Windows of the test process itself (`tests/gtk_streams.rs`), driven with real X input
/// without blocking the test's main loop.
#[cfg(feature = "gtk")]
pub mod window {
    use std::{cell::Cell, ffi::OsStr, time::Duration};

    use gtk4::{graphene, prelude::*};

    use super::super::within;

    /// Runs `xdotool ARGS` without blocking the main loop and returns its standard output.
    pub async fn xdotool_in_loop(args: &[&str]) -> String {
        let mut argv: Vec<&OsStr> = vec![OsStr::new("xdotool")];
        argv.extend(args.iter().map(OsStr::new));
        let process = gio::Subprocess::newv(
            &argv,
            gio::SubprocessFlags::STDOUT_PIPE | gio::SubprocessFlags::STDERR_PIPE,
        )
        .expect("xdotool is installed (scripts/ensure-deps.sh)");
        let what = format!("xdotool {}", args.join(" "));
        let output = within(&what, process.communicate_utf8_future(None)).await;
        let (stdout, stderr) = output.unwrap_or_else(|err| panic!("{what}: {err}"));
        assert!(
            process.is_successful(),
            "{what} failed: {}",
            stderr.as_deref().unwrap_or_default()
        );
        stdout.map(String::from).unwrap_or_default()
    }

    /// A window shown on the X display; destroyed when dropped, so that windows of earlier tests
    /// (all at the same place without a window manager) never catch later tests' input.
    pub struct Shown {
        pub window: gtk4::Window,
        xid: String,
        origin: (f64, f64),
    }

    impl Drop for Shown {
        fn drop(&mut self) {
            self.window.destroy();
        }
    }

    /// Presents `window` with `child` and waits until X shows it and `child` is laid out.
    pub async fn show(window: &gtk4::Window, child: &impl IsA<gtk4::Widget>) -> Shown {
        thread_local!(static COUNT: Cell<u32> = const { Cell::new(0) });
        let title = format!(
            "glib-signal-stream-test-{}-{}",
            std::process::id(),
            COUNT.replace(COUNT.get() + 1)
        );
        window.set_title(Some(&title));
        window.set_default_size(320, 240);
        window.present();

        let found = xdotool_in_loop(&[
            "search",
            "--sync",
            "--onlyvisible",
            "--name",
            &format!("^{title}$"),
        ])
        .await;
        let xid = found
            .lines()
            .next()
            .expect("xdotool found the window")
            .to_owned();
        let geometry = xdotool_in_loop(&["getwindowgeometry", "--shell", &xid]).await;
        let field = |name: &str| -> f64 {
            geometry
                .lines()
                .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {geometry:?}"))
        };
        let origin = (field("X"), field("Y"));

        // Mapped does not mean laid out: wait (bounded) for the child's allocation.
        let child = child.as_ref();
        within("the widget's layout", async {
            while !(child.width() > 0 && child.height() > 0 && child.is_mapped()) {
                glib::timeout_future(Duration::from_millis(50)).await;
            }
        })
        .await;
        Shown {
            window: window.clone(),
            xid,
            origin,
        }
    }

    impl Shown {
        /// The screen position of `point` in `widget`'s coordinates.
        pub fn screen_point(&self, widget: &impl IsA<gtk4::Widget>, x: f64, y: f64) -> (i32, i32) {
            let point = widget
                .compute_point(&self.window, &graphene::Point::new(x as f32, y as f32))
                .expect("the widget is inside the window");
            let (sx, sy) = self.window.surface_transform();
            (
                (self.origin.0 + sx + f64::from(point.x())).round() as i32,
                (self.origin.1 + sy + f64::from(point.y())).round() as i32,
            )
        }

        /// Clicks `widget` at `(x, y)` of its own coordinates with the real (XTEST) pointer.
        pub async fn click_at(&self, widget: &impl IsA<gtk4::Widget>, x: f64, y: f64) {
            let (sx, sy) = self.screen_point(widget, x, y);
            xdotool_in_loop(&[
                "mousemove",
                "--sync",
                &sx.to_string(),
                &sy.to_string(),
                "click",
                "1",
            ])
            .await;
        }

        /// Clicks the middle of `widget`.
        pub async fn click(&self, widget: &impl IsA<gtk4::Widget>) {
            let (w, h) = (widget.width(), widget.height());
            self.click_at(widget, f64::from(w) / 2.0, f64::from(h) / 2.0)
                .await;
        }

        /// Types `text` into the focused widget.
        pub async fn type_text(&self, text: &str) {
            xdotool_in_loop(&["type", text]).await;
        }

        /// Presses and releases each of `keys` (X key names) in turn.
        pub async fn keys(&self, keys: &[&str]) {
            xdotool_in_loop(&[&["key"], keys].concat()).await;
        }

        /// Gives the window the X keyboard focus (there is no window manager to do it).
        pub async fn focus(&self) {
            xdotool_in_loop(&["windowfocus", "--sync", &self.xid]).await;
        }
    }
}
