//! End-to-end tests: every example runs and does what it says.
//!
//! The examples are built once with the features of this test build (`cargo build
//! --examples`), then run as child processes whose stdout is read line by line. GTK examples
//! run on the display that `scripts/test.sh` provides (`xvfb-run`) and are driven with real
//! X input (`common::driver`); `examples/test_hook` prints where their widgets are when
//! `GSS_PRINT_GEOMETRY=1`.
//!
//! No wait is timed: each waits for a line the example prints, bounded by a generous safety
//! timeout that fails the test with everything the example printed.

mod common;

use common::driver;

use std::{path::Path, process::Command};

use driver::*;

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
        let mut running = Running::spawn(command);
        let status = running.wait();
        assert_eq!(status.code(), Some(1), "{name}");
        assert!(running.raw.is_empty(), "{name}");
        let stderr = running.stderr();
        assert!(
            stderr.contains(&format!("{name}: no/such/file: ")),
            "{name}: {stderr}"
        );
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

/// GTK examples, driven with real X input (`common::driver`) on the display of `scripts/test.sh`.
#[cfg(feature = "gtk")]
mod gtk_examples {
    use super::*;
    use driver::gtk::*;

    #[test]
    fn clicks_counts_real_clicks_up_to_the_limit() {
        let mut gui = Gui::start("clicks", "gss clicks", &["3"], &[]);
        for n in 1..=3 {
            gui.click("button");
            gui.expect(&format!("clicked {n}"));
        }
        let (status, printed) = gui.finish();
        assert!(status.success(), "{status}");
        assert_eq!(
            printed,
            [
                "clicked 1",
                "clicked 2",
                "clicked 3",
                "limit reached: quitting"
            ]
        );
    }

    #[test]
    fn select_handles_buttons_entry_and_idle_timeout_in_one_loop() {
        let mut gui = Gui::start("select", "gss select", &[], &[("GSS_IDLE_MS", "5000")]);
        for color in ["blue", "red", "green"] {
            gui.click(color);
            gui.expect(&format!("clicked {color}"));
        }
        gui.click("entry");
        gui.type_text("hello");
        gui.key("Return");
        gui.expect("entered \"hello\"");
        gui.click("red");
        gui.expect("clicked red");
        let (status, printed) = gui.finish();
        assert!(status.success(), "{status}");
        assert_eq!(
            printed,
            [
                "clicked blue",
                "clicked red",
                "clicked green",
                "entered \"hello\"",
                "clicked red",
                "idle for 5000 ms: quitting",
            ]
        );
    }

    #[test]
    fn confirm_close_keeps_the_window_until_the_dialog_says_yes() {
        let mut gui = Gui::start("confirm_close", "gss confirm close", &[], &[]);
        gui.click("close");
        gui.expect("close requested");
        gui.read_geometry("gss confirm");
        gui.click("no");
        gui.expect("closing: cancelled");

        // The window is still open: asking again opens a new dialog.
        gui.click("close");
        gui.expect("close requested");
        gui.read_geometry("gss confirm");
        gui.click("yes");
        let (status, printed) = gui.finish();
        assert!(status.success(), "{status}");
        assert_eq!(
            printed,
            [
                "close requested",
                "closing: cancelled",
                "close requested",
                "closing: confirmed"
            ]
        );
    }

    #[test]
    fn wizard_goes_forward_and_back_to_a_confirmed_answer() {
        let mut gui = Gui::start("wizard", "gss wizard", &[], &[]);
        gui.click("next"); // no name yet
        gui.expect("a name is needed");
        gui.read_geometry("gss wizard");
        gui.click("name");
        gui.type_text("Ada");
        gui.key("Return");
        gui.expect("step 2: Tea or coffee?");
        gui.read_geometry("gss wizard");
        gui.click("back");
        gui.expect("step 1: Your name");
        gui.read_geometry("gss wizard");
        gui.click("next");
        gui.expect("step 2: Tea or coffee?");
        gui.read_geometry("gss wizard");
        gui.click("coffee");
        gui.expect("step 3: Confirm");
        gui.read_geometry("gss wizard");
        gui.click("next");
        let (status, printed) = gui.finish();
        assert!(status.success(), "{status}");
        assert_eq!(
            printed,
            [
                "step 1: Your name",
                "a name is needed",
                "step 1: Your name",
                "step 2: Tea or coffee?",
                "step 1: Your name",
                "step 2: Tea or coffee?",
                "step 3: Confirm",
                "confirmed: Ada would like coffee",
            ]
        );
    }

    #[test]
    fn wizard_cancel_ends_it_without_an_answer() {
        let mut gui = Gui::start("wizard", "gss wizard", &[], &[]);
        gui.click("name");
        gui.type_text("Bob");
        gui.click("next");
        gui.expect("step 2: Tea or coffee?");
        gui.read_geometry("gss wizard");
        gui.click("cancel");
        let (status, printed) = gui.finish();
        assert!(status.success(), "{status}");
        assert_eq!(
            printed,
            ["step 1: Your name", "step 2: Tea or coffee?", "cancelled"]
        );
    }

    /// Drives one of the counters and returns what it printed.
    fn drive_counter(name: &str, title: &str) -> Vec<String> {
        // Long enough that no idle reset comes between two clicks, even on a busy machine.
        let env = [("GSS_IDLE_MS", "3000")];
        let mut gui = Gui::start(name, title, &[], &env);
        for (button, line) in [
            ("plus", "count 1 (plus)"),
            ("plus", "count 2 (plus)"),
            ("minus", "count 1 (minus)"),
            ("reset", "count 0 (reset)"),
            ("minus", "count -1 (minus)"),
        ] {
            gui.click(button);
            gui.expect(line);
        }
        // No more clicks: the idle reset comes; then the window is closed as a user does.
        gui.expect("count 0 (idle reset)");
        gui.click("window-close");
        let (status, printed) = gui.finish();
        assert!(status.success(), "{name}: {status}");
        printed
    }

    /// Scrolls one of the list views far enough for rows to be recycled, activating a row
    /// after each stretch, closes its window as a user does, and returns what it printed.
    fn drive_list_view(name: &str, title: &str) -> Vec<String> {
        let mut gui = Gui::start(name, title, &[], &[]);
        for (steps, down) in [(40, true), (40, true), (20, false)] {
            for _ in 0..steps {
                gui.scroll("list", down);
                // One line per wheel step: the next step (or the click) comes after it.
                gui.running.wait_for("the scroll position", |line| {
                    line.starts_with("scrolled to ")
                });
            }
            gui.click("list");
            gui.running
                .wait_for("an activated row", |line| line.starts_with("activated "));
        }
        // The window, its widgets (rows included) and its task are gone.
        let (_closed, printed) = gui.close_window_and_expect_freed();
        printed
    }

    #[test]
    fn list_views_with_streams_and_with_callbacks_show_the_same_rows() {
        let streams = drive_list_view("list_view", "gss list view streams");
        let callbacks = drive_list_view("list_view_callbacks", "gss list view callbacks");
        assert_eq!(streams, callbacks);

        let activated: Vec<&String> = streams
            .iter()
            .filter(|line| line.starts_with("activated "))
            .collect();
        assert_eq!(activated.len(), 3, "{streams:#?}");
        // Rows were recycled: the bound rows moved down the list, the row widgets did not
        // grow with them.
        let widgets = |line: &str| line.rsplit_once(", ").map(|(_, w)| w.to_owned());
        assert!(
            activated
                .iter()
                .all(|line| widgets(line) == widgets(activated[0])),
            "{activated:#?}"
        );
        assert!(
            !activated[1].contains("bound Row 0 to"),
            "no row recycled: {activated:#?}"
        );
        // Then the window was closed (`drive_list_view` waited for this line).
        let closed = streams.last().expect("lines");
        assert!(closed.starts_with("closed: window and "), "{streams:#?}");
    }

    #[test]
    fn counters_with_callbacks_and_with_streams_behave_the_same() {
        let expected = [
            "count 1 (plus)",
            "count 2 (plus)",
            "count 1 (minus)",
            "count 0 (reset)",
            "count -1 (minus)",
            "count 0 (idle reset)",
            "window closed",
        ];
        let streams = drive_counter("counter_streams", "gss counter streams");
        assert_eq!(streams, expected);
        let callbacks = drive_counter("counter_callbacks", "gss counter callbacks");
        assert_eq!(callbacks, expected);
    }
}

/// The main demo with no display: it starts its own Xvfb, drives itself and stops Xvfb.
#[cfg(feature = "gtk")]
#[test]
fn demo_runs_headless_on_its_own_xvfb_and_drives_itself() {
    let screenshot = std::env::temp_dir().join(format!("gss-demo-{}.png", std::process::id()));
    let _ = std::fs::remove_file(&screenshot);
    let mut command = example("demo");
    command
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("GSS_DEMO_SCREENSHOT", &screenshot);
    let (status, output) = run_to_end(command);
    let printed = lines(&output);
    assert!(status.success(), "{status}: {printed:#?}");

    let display = printed[0]
        .strip_prefix("no display: started Xvfb on :")
        .unwrap_or_else(|| panic!("{printed:#?}"));
    assert_eq!(
        printed.last().copied(),
        Some(format!("stopped Xvfb on :{display}").as_str())
    );
    assert!(
        !Path::new(&format!("/tmp/.X11-unix/X{display}")).exists(),
        "Xvfb :{display} is still running"
    );

    // What the streams saw, each in order.
    let subsequence = |prefix: &str| -> Vec<&str> {
        printed
            .iter()
            .filter(|line| line.starts_with(prefix))
            .copied()
            .collect()
    };
    assert_eq!(
        subsequence("clicked "),
        ["clicked 1", "clicked 2", "clicked 3"]
    );
    assert_eq!(
        subsequence("key "),
        ["key h", "key e", "key l", "key l", "key o"]
    );
    assert_eq!(subsequence("text ").last(), Some(&"text \"hello\""));
    let summary = subsequence("summary: ");
    assert_eq!(summary.len(), 1, "{printed:#?}");
    assert!(
        summary[0].starts_with("summary: 3 clicks, text \"hello\", 5 keys, "),
        "{}",
        summary[0]
    );

    let shown = format!("screenshot: {}", screenshot.display());
    assert!(printed.contains(&shown.as_str()), "{printed:#?}");
    let png = std::fs::read(&screenshot).expect("the screenshot was written");
    let _ = std::fs::remove_file(&screenshot);
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
}
