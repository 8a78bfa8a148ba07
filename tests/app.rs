//! End-to-end: the application example (`examples/app`) opens and closes 20 windows through
//! real X input on its own Xvfb, and after each close the window, its widgets (and so their
//! handlers) and its tasks are all gone, and memory does not grow.
//!
//! The app drives itself (`examples/app/drive.rs`); after each close it prints
//! `closed N: F of W objects finalized, T live tasks, rss R KiB`, from weak references to the
//! window and each of its widgets taken before the close, the count of the windows' tasks
//! still alive, and `VmRSS`.
#![cfg(feature = "gtk")]

mod common;

use common::driver;

use driver::{example, lines, run_to_end};

/// Windows opened and closed.
const WINDOWS: usize = 20;

/// Each window spawns four tasks (`examples/app/window.rs`); while the next window is open,
/// its four are alive.
const TASKS_PER_WINDOW: usize = 4;

/// How much the resident memory may grow from the 2nd close to the 20th and still be noise.
///
/// Measured on this project's machine (Debian 12, GTK 4.8, Xvfb, debug build, 20 windows, by
/// running the example headless): without a leak, six runs grew by 140, 684, 604, 208, 300
/// and 268 KiB, up and down from one close to the next (GTK's caches, malloc's arenas); with
/// each closed window kept alive (the leak the docs warn about, one extra reference held by
/// the driver), two runs grew by 2352 and 2732 KiB, about 140 KiB per window. 1 MiB lies
/// between: it fails if more than about 7 of the 18 windows leak. A single leaked window is
/// caught by the weak references, not by this bound.
const RSS_NOISE_KIB: i64 = 1024;

/// One `closed N: ...` line.
struct Closed {
    finalized: usize,
    objects: usize,
    live_tasks: usize,
    rss_kib: i64,
}

fn parse_closed(line: &str) -> Option<(usize, Closed)> {
    // closed 3: 27 of 27 objects finalized, 4 live tasks, rss 91204 KiB
    let words: Vec<&str> = line
        .split([' ', ':', ','])
        .filter(|w| !w.is_empty())
        .collect();
    match words[..] {
        ["closed", n, finalized, "of", objects, "objects", "finalized", live, "live", "tasks", "rss", rss, "KiB"] => {
            Some((
                n.parse().ok()?,
                Closed {
                    finalized: finalized.parse().ok()?,
                    objects: objects.parse().ok()?,
                    live_tasks: live.parse().ok()?,
                    rss_kib: rss.parse().ok()?,
                },
            ))
        }
        _ => None,
    }
}

#[test]
fn app_frees_each_closed_window_its_widgets_and_tasks_through_20_real_closes() {
    let mut command = example("app");
    command
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("GSS_APP_WINDOWS", WINDOWS.to_string());
    let (status, output) = run_to_end(command);
    let printed = lines(&output);
    assert!(status.success(), "{status}: {printed:#?}");

    let closed: Vec<(usize, Closed)> = printed.iter().filter_map(|l| parse_closed(l)).collect();
    let numbers: Vec<usize> = closed.iter().map(|(n, _)| *n).collect();
    assert_eq!(numbers, (1..=WINDOWS).collect::<Vec<_>>(), "{printed:#?}");

    for (n, close) in &closed {
        // The window, its header bar and close button, its grid, buttons, entry, labels.
        assert!(
            close.objects > 10,
            "window {n}: only {} objects",
            close.objects
        );
        assert_eq!(
            close.finalized, close.objects,
            "window {n}: not all finalized"
        );
        let open_after = if *n < WINDOWS { 1 } else { 0 };
        assert_eq!(
            close.live_tasks,
            TASKS_PER_WINDOW * open_after,
            "window {n}: its tasks did not all end"
        );
    }
    assert_eq!(
        printed
            .iter()
            .filter(|l| **l == "done: 0 live tasks")
            .count(),
        1
    );

    // What the tasks saw, for every window: two clicks, the text, the close confirmed.
    for n in 1..=WINDOWS {
        for line in [
            format!("window {n}: clicked 2"),
            format!("window {n}: entered \"hello\""),
            format!("window {n}: saved, closing"),
        ] {
            assert!(printed.contains(&line.as_str()), "no {line:?}");
        }
    }

    let rss = |n: usize| closed[n - 1].1.rss_kib;
    let growth = rss(WINDOWS) - rss(2);
    assert!(
        growth <= RSS_NOISE_KIB,
        "resident memory grew by {growth} KiB from the 2nd close to the {WINDOWS}th"
    );
}
