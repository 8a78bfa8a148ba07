//! End-to-end tests: every example runs and does what it says.
//!
//! The examples are built once with the features of this test build (`cargo build
//! --examples`), then run as child processes whose stdout is read line by line. GTK examples
//! run on the display that `scripts/test.sh` provides (`xvfb-run`) and are driven with real
//! X input through `xdotool`; they print where their widgets are when `GSS_PRINT_GEOMETRY=1`.
//!
//! No wait is timed: each waits for a line the example prints, bounded by a generous safety
//! timeout that fails the test with everything the example printed.

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, ExitStatus, Stdio},
    sync::{mpsc, OnceLock},
    time::{Duration, Instant},
};

/// How long any single wait may take before the test fails (a safety net, not a measurement).
const SAFETY_TIMEOUT: Duration = Duration::from_secs(60);

/// Builds the examples once, with the features this test was built with, and returns the
/// directory holding them.
fn examples_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let mut features = Vec::new();
        if cfg!(feature = "gio") {
            features.push("gio");
        }
        if cfg!(feature = "gtk") {
            features.push("gtk");
        }
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--examples", "--quiet"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if !cfg!(feature = "default") {
            cargo.arg("--no-default-features");
            if !features.is_empty() {
                cargo.args(["--features", &features.join(",")]);
            }
        }
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "cargo build --examples failed: {status}");
        // This test binary is target/<profile>/deps/examples-<hash>; examples are beside deps.
        let exe = std::env::current_exe().expect("the test binary's path");
        exe.parent()
            .and_then(Path::parent)
            .expect("target/<profile>")
            .join("examples")
    })
}

fn example(name: &str) -> Command {
    let mut command = Command::new(examples_dir().join(name));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs an example to completion and returns its exit status and stdout.
fn run_to_end(command: Command) -> (ExitStatus, Vec<u8>) {
    let mut running = Running::spawn(command);
    let status = running.wait();
    (status, std::mem::take(&mut running.raw))
}

/// A running example whose stdout lines arrive through a reader thread.
struct Running {
    child: Child,
    lines: mpsc::Receiver<Vec<u8>>,
    /// Every line read so far, for assertions and failure messages.
    seen: Vec<String>,
    raw: Vec<u8>,
}

impl Running {
    fn spawn(mut command: Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the example starts");
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
            lines,
            seen: Vec::new(),
            raw: Vec::new(),
        }
    }

    /// The next line, or `None` at end of output. Fails the test after the safety timeout.
    fn next_line(&mut self) -> Option<String> {
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
                    "no output for {SAFETY_TIMEOUT:?}; the example printed:\n{}",
                    self.seen.join("\n")
                );
            }
        }
    }

    /// Reads lines until one satisfies `pred`, and returns it.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        while let Some(line) = self.next_line() {
            if pred(&line) {
                return line;
            }
        }
        let status = self.child.wait();
        panic!(
            "the example ended ({status:?}) before printing {what}; it printed:\n{}",
            self.seen.join("\n")
        );
    }

    /// Waits for the line `expected` exactly.
    fn expect_line(&mut self, expected: &str) {
        self.wait_for(&format!("{expected:?}"), |line| line == expected);
    }

    /// Reads the rest of the output and waits for the exit (killing the example if it does
    /// not exit within the safety timeout after closing its output).
    fn wait(&mut self) -> ExitStatus {
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

fn lines(output: &[u8]) -> Vec<&str> {
    std::str::from_utf8(output)
        .expect("utf-8 output")
        .lines()
        .collect()
}

#[test]
fn executor_runs_spawned_and_local_futures_and_combinators() {
    let (status, output) = run_to_end(example("executor"));
    assert!(status.success(), "{status}");
    assert_eq!(
        lines(&output),
        [
            "block_on: lazy future returned 42",
            "spawn_local: spawn_local ran (log has 1 entry)",
            "spawn from another thread: ran on thread 'main'",
            "mpsc stream: odd numbers of 1..=5, times 10, summed, plus 1 = 91",
            "done",
        ]
    );
}

#[test]
fn sources_ends_by_itself_after_the_requested_ticks() {
    let mut command = example("sources");
    command.arg("3");
    let (status, output) = run_to_end(command);
    assert!(status.success(), "{status}");
    assert_eq!(
        lines(&output),
        [
            "timeout: 100 ms passed",
            "tick 1",
            "tick 2",
            "tick 3",
            "done after 3 ticks"
        ]
    );
}

#[test]
fn sources_exits_cleanly_on_sigint() {
    let mut running = Running::spawn(example("sources"));
    running.expect_line("timeout: 100 ms passed");
    // The SIGINT source is attached before the first tick is awaited.
    running.expect_line("tick 1");
    let pid = running.child.id().to_string();
    let kill = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let line = running.wait_for("the clean-exit line", |line| !line.starts_with("tick "));
    assert!(
        line.starts_with("interrupted after ") && line.ends_with(" ticks: exiting cleanly"),
        "{line}"
    );
    let status = running.wait();
    assert_eq!(status.code(), Some(0), "{status}");
}

#[test]
fn read_file_prints_the_file_byte_for_byte() {
    // Cargo.lock is a few kilobytes: many 64-byte chunks and a short last one.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock");
    let expected = std::fs::read(&path).expect("Cargo.lock is readable");
    for name in ["read_file", "read_file_callbacks"] {
        let mut command = example(name);
        command.arg(&path);
        let (status, output) = run_to_end(command);
        assert!(status.success(), "{name}: {status}");
        assert!(output == expected, "{name}: output differs from the file");
    }
}

#[test]
fn read_file_reports_a_missing_file() {
    for name in ["read_file", "read_file_callbacks"] {
        let mut command = example(name);
        command.arg("no/such/file");
        let (status, output) = run_to_end(command);
        assert_eq!(status.code(), Some(1), "{name}");
        assert!(output.is_empty(), "{name}");
    }
}

#[cfg(feature = "gio")]
#[test]
fn file_monitor_prints_changes_made_in_the_directory() {
    let dir = std::env::temp_dir().join(format!("gss-file-monitor-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir(&dir).expect("a fresh temporary directory");

    let mut command = example("file_monitor");
    command.arg(&dir).arg("4");
    let mut running = Running::spawn(command);
    running.expect_line(&format!("watching {}", dir.display()));
    // Each new file makes several events (created, changed, changes done): create one file
    // after the other, each once the previous one is done, until the example has seen its
    // four events and ends.
    'files: for i in 0..100 {
        std::fs::write(dir.join(format!("file-{i}")), "hello").expect("write a file");
        let done = format!("ChangesDoneHint file-{i}");
        loop {
            match running.next_line() {
                None => break 'files,
                Some(line) if line == done => break,
                Some(_) => {}
            }
        }
    }
    let status = running.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(status.success(), "{status}");

    let seen = &running.seen;
    assert_eq!(seen.last().map(String::as_str), Some("done after 4 events"));
    let events = &seen[1..seen.len() - 1];
    assert_eq!(events.len(), 4, "{seen:?}");
    assert_eq!(events[0], "Created file-0", "{seen:?}");
    assert!(
        events
            .iter()
            .all(|line| line.ends_with(" file-0") || line.ends_with(" file-1")),
        "{seen:?}"
    );
}
