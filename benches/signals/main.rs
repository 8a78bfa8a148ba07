//! Signal streams against the plain callback API, side by side in one run.
//!
//! `cargo bench --bench signals` runs everything and prints one table (medians of several
//! runs, and each mode's ratio to the plain callback measured in the same run);
//! `cargo bench --bench signals -- --quick` is a lighter run. Under `cargo test` (no `--bench`
//! argument) the binary does a tiny smoke run that checks every mode's sums and exits.
//!
//! No GTK: a GObject subclass defined here has one signal, `tick(u64)`, without a class
//! handler. Every mode consumes the `u64`s and checks their sum; a wrong sum aborts.
//!
//! Scenarios:
//! - `batch`: emit N times, then drain on the `MainContext`; ns per emission (drain included).
//!   The callback does its work in-line.
//! - `pingpong`: a producer task emits once then yields to the main loop, a consumer task
//!   awaits the item; ns per round. For the callback floor, the callback adds the value to a
//!   shared slot and wakes the consumer task, which takes it: the cheapest hand-over from a
//!   callback to a task.
//! - `churn`: connect and drop a stream (callback: `connect_local` and `disconnect`); ns per
//!   pair.
//! - `mem`: peak resident memory added per queued emission (each mode in its own process,
//!   `--mem-child MODE N`, reading VmHWM from /proc/self/status).
//! - `scale`: per handler call and per connect / drop with 100, 1,000 and 10,000 live
//!   handlers on one emitter (typed streams and callbacks), dropped in LIFO and random order.

use std::{
    cell::{Cell, RefCell},
    future::Future,
    num::NonZeroUsize,
    pin::Pin,
    process::{Command, ExitCode},
    rc::Rc,
    task::{Context, Poll, Waker},
    time::Duration,
};

use futures::{Stream, StreamExt};
use glib::{prelude::*, SignalHandlerId};
use glib_signal_stream::{prelude::*, BufferPolicy};

mod batch;
mod churn;
mod floor;
mod mem;
mod modes;
mod pingpong;
mod scale;
mod ticker;

use batch::*;
use churn::*;
use mem::*;
use modes::*;
use pingpong::*;
use scale::*;
use ticker::*;

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

struct Config {
    label: &'static str,
    runs: usize,
    batch: u64,
    pingpong: u64,
    churn: u64,
    mem: u64,
    scale_ks: &'static [usize],
    scale_calls: u64,
    scale_runs: usize,
}

const FULL: Config = Config {
    label: "full",
    runs: 7,
    batch: 1_000_000,
    pingpong: 200_000,
    churn: 100_000,
    mem: 1_000_000,
    scale_ks: &[100, 1_000, 10_000],
    scale_calls: 1_000_000,
    scale_runs: 5,
};

const QUICK: Config = Config {
    label: "quick",
    runs: 3,
    batch: 100_000,
    pingpong: 20_000,
    churn: 10_000,
    mem: 1_000_000,
    scale_ks: &[100, 1_000, 10_000],
    scale_calls: 100_000,
    scale_runs: 1,
};

/// Under `cargo test`: checks every mode once, on tiny numbers.
const SMOKE: Config = Config {
    label: "smoke (cargo test)",
    runs: 1,
    batch: 3_000,
    pingpong: 1_000,
    churn: 1_000,
    mem: 3_000,
    scale_ks: &[10, 100],
    scale_calls: 1_000,
    scale_runs: 1,
};

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn ratio(x: f64, base: f64) -> String {
    format!("{:.2}", x / base)
}

/// Median, minimum and maximum of `runs`.
fn spread(runs: &mut [f64]) -> (f64, f64, f64) {
    let med = median(runs);
    (med, runs[0], runs[runs.len() - 1])
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(pos) = args.iter().position(|a| a == "--mem-child") {
        let mode = args.get(pos + 1).and_then(|k| Mode::from_key(k));
        let n = args.get(pos + 2).and_then(|n| n.parse().ok());
        match (mode, n) {
            (Some(mode), Some(n)) => mem_child(mode, n),
            _ => {
                eprintln!("usage: signals --mem-child MODE N");
                return ExitCode::FAILURE;
            }
        }
    }
    // `--modes`: each mode's key and name, for scripts/bench-ir.sh.
    if args.iter().any(|a| a == "--modes") {
        for mode in MODES {
            println!("{}\t{}", mode.key(), mode.name());
        }
        return ExitCode::SUCCESS;
    }
    // `--profile SCENARIO MODE N`: one scenario of one mode, for callgrind.
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let scenario = args.get(pos + 1).map(String::as_str);
        let mode = args.get(pos + 2).and_then(|k| Mode::from_key(k));
        let n = args.get(pos + 3).and_then(|n| n.parse().ok());
        let (Some(scenario), Some(mode), Some(n)) = (scenario, mode, n) else {
            eprintln!("usage: signals --profile batch|pingpong|churn|scale MODE N");
            return ExitCode::FAILURE;
        };
        if mode == Mode::NoHandler && scenario != "batch" {
            eprintln!("the no-handler mode (none) has only the batch scenario");
            return ExitCode::FAILURE;
        }
        let ns = match scenario {
            "batch" => batch(mode, n),
            "pingpong" => pingpong(mode, n),
            "churn" => churn(mode, n),
            // Connect n, emit once, drop LIFO, connect n, drop in random order: typed or callback.
            "scale" => {
                let r = scale(mode != Mode::Callback, n as usize, n, &mut XorShift(7));
                println!(
                    "emit {:.1} connect {:.1} drop-lifo {:.1} drop-random {:.1}",
                    r.emit, r.connect, r.drop_lifo, r.drop_random
                );
                0.0
            }
            _ => {
                eprintln!("unknown scenario {scenario}");
                return ExitCode::FAILURE;
            }
        };
        println!("{scenario} {}: {ns:.1} ns", mode.key());
        return ExitCode::SUCCESS;
    }
    let bench = args.iter().any(|a| a == "--bench");
    let quick = args.iter().any(|a| a == "--quick");
    let cfg = match (bench, quick) {
        (_, true) => &QUICK,
        (true, false) => &FULL,
        (false, false) => &SMOKE,
    };

    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "glib-signal-stream: signal streams vs the callback API ({})",
        cfg.label
    );
    println!("machine: {} x {nproc} (nproc)", cpu_model());
    println!(
        "command: {}",
        match (bench, quick) {
            (_, true) => "cargo bench --bench signals -- --quick",
            (true, false) => "cargo bench --bench signals",
            (false, false) =>
                "cargo test --bench signals (smoke run: sums checked, numbers meaningless)",
        }
    );
    println!("load average at start: {}", loadavg());
    println!(
        "batch N={}, pingpong N={}, churn N={}, mem N={}; median and min-max of {} runs, \
         modes interleaved; times are the bench thread's CPU time",
        cfg.batch, cfg.pingpong, cfg.churn, cfg.mem, cfg.runs
    );
    println!();

    let mut results = vec![[Vec::new(), Vec::new(), Vec::new()]; MODES.len()];
    let mut no_handler = Vec::new();
    for _ in 0..cfg.runs {
        no_handler.push(batch(Mode::NoHandler, cfg.batch));
        for (i, mode) in MODES.into_iter().enumerate() {
            results[i][0].push(batch(mode, cfg.batch));
            results[i][1].push(pingpong(mode, cfg.pingpong));
            results[i][2].push(churn(mode, cfg.churn));
        }
    }
    let spreads: Vec<[(f64, f64, f64); 3]> = results
        .iter_mut()
        .map(|r| [spread(&mut r[0]), spread(&mut r[1]), spread(&mut r[2])])
        .collect();
    let mems: Vec<f64> = MODES.into_iter().map(|m| mem(m, cfg.mem)).collect();
    let index = |m: Mode| MODES.iter().position(|&x| x == m).expect("a mode");
    let (callback, floor) = (index(Mode::Callback), index(Mode::Floor));

    let scenarios = [
        "batch ns/emission",
        "pingpong ns/round",
        "churn ns/connect + drop",
    ];
    // Batch also shows each mode's handler: its cost above the emission with no handler.
    let (base, base_min, base_max) = spread(&mut no_handler);
    for (s, unit) in scenarios.into_iter().enumerate() {
        let batch = s == 0;
        println!(
            "| mode | {unit}: median | min-max | / callback | / floor |{}",
            if batch {
                " handler (above no handler) | / callback's |"
            } else {
                ""
            }
        );
        println!(
            "|---|---:|---:|---:|---:|{}",
            if batch { "---:|---:|" } else { "" }
        );
        if batch {
            println!(
                "| {} | {base:.1} | {base_min:.1}-{base_max:.1} | | | | |",
                Mode::NoHandler.name()
            );
        }
        for (i, mode) in MODES.into_iter().enumerate() {
            let (med, min, max) = spreads[i][s];
            let handler = if batch {
                format!(
                    " {:.1} | {} |",
                    med - base,
                    ratio(med - base, spreads[callback][s].0 - base)
                )
            } else {
                String::new()
            };
            println!(
                "| {} | {med:.1} | {min:.1}-{max:.1} | {} | {} |{handler}",
                mode.name(),
                ratio(med, spreads[callback][s].0),
                ratio(med, spreads[floor][s].0),
            );
        }
        println!();
    }
    println!("| mode | mem B/queued |");
    println!("|---|---:|");
    for (i, mode) in MODES.into_iter().enumerate() {
        println!("| {} | {:.1} |", mode.name(), mems[i]);
    }
    println!();

    println!(
        "scale: k live handlers on one emitter; ns per handler call (emit, drain included), per \
         connect, per drop (LIFO, random); median of {} runs",
        cfg.scale_runs
    );
    println!("| mode | k | emit ns/call | connect ns | drop LIFO ns | drop random ns |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    // Warm-up round, not reported: the first connects on a thread fill GLib's and this crate's
    // caches and the allocator's free lists.
    for typed in [false, true] {
        scale(typed, cfg.scale_ks[0], cfg.scale_calls, &mut rng);
    }
    for typed in [false, true] {
        for &k in cfg.scale_ks {
            let mut runs: Vec<ScaleResult> = (0..cfg.scale_runs)
                .map(|_| scale(typed, k, cfg.scale_calls, &mut rng))
                .collect();
            let mut col = |f: fn(&ScaleResult) -> f64| {
                let mut v: Vec<f64> = runs.iter_mut().map(|r| f(r)).collect();
                median(&mut v)
            };
            println!(
                "| {} | {k} | {:.1} | {:.1} | {:.1} | {:.1} |",
                if typed { "typed" } else { "callback" },
                col(|r| r.emit),
                col(|r| r.connect),
                col(|r| r.drop_lifo),
                col(|r| r.drop_random),
            );
        }
    }
    println!();
    println!("load average at end: {}", loadavg());
    ExitCode::SUCCESS
}
