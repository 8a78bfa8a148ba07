//! Instructions per emission of one stream of several signals against one stream of one
//! signal, for `scripts/ir.sh many batch MODE N` (callgrind; times are not compared here).
//!
//! `--profile batch MODE N` emits `tick(1)` ... `tick(n)` into a stream connected by MODE,
//! then drains it and checks the sum:
//!
//! - `typed`: `connect_stream_typed::<(u64,)>("tick")`, the baseline;
//! - `many`: the many builder with `tick` only, items `u64`;
//! - `many3`: the same with `ping` and `changed` connected too (never emitted);
//! - `many-with`: `many` with a handler inside each emission (`.handler(h)`);
//! - `values`: `connect_stream("tick")`; `many-values`: `signal_stream_many_builder().signals(&["tick"])`.
//!
//! Without arguments (as `cargo test --benches` runs it) it checks every mode on small numbers.

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::ExitCode;

use common::Emitter;
use futures::{Stream, StreamExt};
use glib::prelude::*;
use glib_signal_stream::prelude::*;

const MODES: [&str; 6] = [
    "typed",
    "many",
    "many3",
    "many-with",
    "values",
    "many-values",
];

fn drain(stream: impl Stream<Item = u64> + Unpin, n: u64) -> u64 {
    futures::executor::block_on(
        stream
            .take(n as usize)
            .fold(0, |sum, v| async move { sum + v }),
    )
}

fn value(params: &[glib::Value]) -> u64 {
    params
        .first()
        .and_then(|v| v.get::<u64>().ok())
        .unwrap_or(0)
}

/// Emits `n` ticks into a stream connected by `mode` and returns the sum it drained.
fn batch(mode: &str, n: u64) -> Option<u64> {
    let obj = Emitter::new();
    let tick = glib::subclass::SignalId::lookup("tick", Emitter::static_type())?;
    let emit = |obj: &Emitter| {
        for i in 1..=n {
            obj.emit::<()>(tick, &[&i]);
        }
    };
    let builder = || {
        obj.signal_stream_many_builder()
            .signal("tick", |(v,): (u64,)| v)
    };
    let sum = match mode {
        "typed" => {
            let stream = obj.connect_stream_typed::<(u64,)>("tick");
            emit(&obj);
            drain(stream.map(|(v,)| v), n)
        }
        "many" => {
            let stream = builder().build();
            emit(&obj);
            drain(stream, n)
        }
        "many3" => {
            let stream = builder()
                .signal("ping", |()| 0)
                .signal("changed", |_: (String,)| 0)
                .build();
            emit(&obj);
            drain(stream, n)
        }
        "many-with" => {
            let stream = builder()
                .handler(|v| {
                    std::hint::black_box(v);
                })
                .build();
            emit(&obj);
            drain(stream, n)
        }
        "values" => {
            let stream = obj.connect_stream("tick");
            emit(&obj);
            drain(stream.map(|params| value(&params)), n)
        }
        "many-values" => {
            let stream = obj.signal_stream_many_builder().signals(&["tick"]).build();
            emit(&obj);
            drain(stream.map(|(_, params)| value(&params)), n)
        }
        _ => return None,
    };
    Some(sum)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let (scenario, mode, n) = (args.get(pos + 1), args.get(pos + 2), args.get(pos + 3));
        let n = n.and_then(|n| n.parse::<u64>().ok());
        let (Some("batch"), Some(mode), Some(n)) = (scenario.map(String::as_str), mode, n) else {
            eprintln!(
                "usage: many --profile batch MODE N  (MODE: {})",
                MODES.join(", ")
            );
            return ExitCode::FAILURE;
        };
        return match batch(mode, n) {
            Some(sum) if sum == n * (n + 1) / 2 => ExitCode::SUCCESS,
            Some(sum) => {
                eprintln!(
                    "many {mode}: drained sum {sum}, expected {}",
                    n * (n + 1) / 2
                );
                ExitCode::FAILURE
            }
            None => {
                eprintln!("unknown mode {mode}");
                ExitCode::FAILURE
            }
        };
    }
    for mode in MODES {
        if batch(mode, 100) != Some(5050) {
            eprintln!("many {mode}: wrong sum");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
