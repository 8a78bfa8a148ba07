//! What the GLib-timed operators cost per item, against the plain stream.
//!
//! Scenario `burst`: a GObject emits `tick(u64)` N times in a row, then the main context
//! drains the stream: every item for `plain`; the one item a burst gives for `debounce` and
//! `map_latest`, the first and the last for `throttle` (the timed ones after a 1 ms quiet
//! period, on the timer they own).
//!
//! `scripts/ir.sh operators burst MODE N` counts instructions per item with callgrind (the
//! difference between N and 2N cancels set-up and the timer). Under `cargo test` (no
//! arguments) the binary does a small smoke run that checks every mode's items and exits.

use std::{process::ExitCode, time::Duration};

use futures::{future, StreamExt};
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[path = "shared/ticker.rs"]
mod ticker;
use ticker::Ticker;

const QUIET: Duration = Duration::from_millis(1);
const MODES: [&str; 4] = ["plain", "debounce", "throttle", "map_latest"];

/// Emits `n` ticks (0..n) in a burst, then drains the stream through operator `mode`, and
/// returns the items that came out.
fn burst(mode: &str, n: u64) -> Vec<u64> {
    let ticker: Ticker = glib::Object::new();
    let ticks = ticker.connect_stream_typed::<(u64,)>("tick").map(|(n,)| n);
    for i in 0..n {
        ticker.emit_by_name::<()>("tick", &[&i]);
    }
    let context = glib::MainContext::new();
    context.block_on(async {
        match mode {
            "plain" => ticks.take(n as usize).collect().await,
            "debounce" => ticks.debounce(QUIET).take(1).collect().await,
            "throttle" => ticks.throttle(QUIET).take(2).collect().await,
            "map_latest" => ticks.map_latest(future::ready).take(1).collect().await,
            _ => unreachable!("checked by the caller"),
        }
    })
}

/// What `burst(mode, n)` must give.
fn expected(mode: &str, n: u64) -> Vec<u64> {
    match mode {
        "plain" => (0..n).collect(),
        "throttle" => vec![0, n - 1],
        _ => vec![n - 1],
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--profile SCENARIO MODE N`: one scenario of one mode, for callgrind.
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let scenario = args.get(pos + 1).map(String::as_str);
        let mode = args
            .get(pos + 2)
            .map(String::as_str)
            .filter(|m| MODES.contains(m));
        let n = args.get(pos + 3).and_then(|n| n.parse::<u64>().ok());
        let (Some("burst"), Some(mode), Some(n @ 2..)) = (scenario, mode, n) else {
            eprintln!("usage: operators --profile burst plain|debounce|throttle|map_latest N");
            return ExitCode::FAILURE;
        };
        let items = burst(mode, n);
        if items != expected(mode, n) {
            eprintln!("burst {mode}: wrong items {items:?}");
            return ExitCode::FAILURE;
        }
        println!("burst {mode}: {} items out of {n}", items.len());
        return ExitCode::SUCCESS;
    }
    // Smoke run: every mode gives the right items.
    for mode in MODES {
        for n in [2, 100] {
            let items = burst(mode, n);
            assert_eq!(items, expected(mode, n), "burst {mode} {n}");
        }
    }
    println!("operators smoke run: burst items checked for {MODES:?}");
    ExitCode::SUCCESS
}
