//! What a signal declared with `#[signals]` costs against the same signal used by name.
//!
//! Scenario `emit`: N emissions of `tick(u64)` with one handler that sums the parameter.
//! Modes: `by-name` (`emit_by_name`, handler `connect_local`), `typed` (the generated
//! `emit_tick`, handler `connect_tick`). Scenario `stream`: N emissions (`emit_tick`) into
//! one stream, drained every 64. Modes: `callback` (`connect_local` summing), `typed` (the
//! generated `tick_stream()`).
//!
//! `scripts/ir.sh own_signals SCENARIO MODE N` counts instructions per operation with
//! callgrind. Under `cargo test` (no arguments) the binary does a small smoke run and exits.

use std::{cell::Cell, process::ExitCode, rc::Rc};

use futures::{FutureExt, StreamExt};
use glib::{prelude::*, subclass::prelude::*};

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Ticker;

    #[glib::object_subclass]
    impl ObjectSubclass for Ticker {
        const NAME: &'static str = "BenchOwnTicker";
        type Type = super::Ticker;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Ticker)]
    impl Ticker {
        #[signal(run_last)]
        fn tick(&self, n: u64);
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Ticker {}
}

glib::wrapper! {
    pub struct Ticker(ObjectSubclass<imp::Ticker>);
}

/// `n` emissions with one summing handler; returns the sum.
fn emit(typed: bool, n: u64) -> u64 {
    let ticker: Ticker = glib::Object::new();
    let sum = Rc::new(Cell::new(0));
    if typed {
        let sum = sum.clone();
        ticker.connect_tick(move |_, i| sum.set(sum.get() + i));
        for i in 0..n {
            ticker.emit_tick(i);
        }
    } else {
        let sum = sum.clone();
        ticker.connect_local("tick", false, move |values| {
            let i = values[1].get::<u64>().expect("tick's u64");
            sum.set(sum.get() + i);
            None
        });
        for i in 0..n {
            ticker.emit_by_name::<()>("tick", &[&i]);
        }
    }
    sum.get()
}

/// `n` emissions into a callback or the generated stream (drained every 64); returns the sum.
fn stream(typed: bool, n: u64) -> u64 {
    let ticker: Ticker = glib::Object::new();
    let sum = Rc::new(Cell::new(0));
    if typed {
        let mut ticks = ticker.tick_stream();
        for i in 0..n {
            ticker.emit_tick(i);
            if i % 64 == 63 {
                while let Some(Some((t,))) = ticks.next().now_or_never() {
                    sum.set(sum.get() + t);
                }
            }
        }
        while let Some(Some((t,))) = ticks.next().now_or_never() {
            sum.set(sum.get() + t);
        }
    } else {
        let sum = sum.clone();
        ticker.connect_local("tick", false, move |values| {
            let i = values[1].get::<u64>().expect("tick's u64");
            sum.set(sum.get() + i);
            None
        });
        for i in 0..n {
            ticker.emit_tick(i);
        }
    }
    sum.get()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let expected = |n: u64| n * n.saturating_sub(1) / 2;
    // `--profile SCENARIO MODE N`: one scenario of one mode, for callgrind.
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let scenario = args.get(pos + 1).map(String::as_str);
        let mode = args.get(pos + 2).map(String::as_str);
        let n = args.get(pos + 3).and_then(|n| n.parse::<u64>().ok());
        let sum = match (scenario, mode, n) {
            (Some("emit"), Some("by-name"), Some(n)) => emit(false, n),
            (Some("emit"), Some("typed"), Some(n)) => emit(true, n),
            (Some("stream"), Some("callback"), Some(n)) => stream(false, n),
            (Some("stream"), Some("typed"), Some(n)) => stream(true, n),
            _ => {
                eprintln!(
                    "usage: own_signals --profile emit by-name|typed N, or stream callback|typed N"
                );
                return ExitCode::FAILURE;
            }
        };
        let n = n.unwrap_or_default();
        if sum != expected(n) {
            eprintln!("sum {sum}, expected {}", expected(n));
            return ExitCode::FAILURE;
        }
        println!("sum: {sum}");
        return ExitCode::SUCCESS;
    }
    // Smoke run: every scenario and mode delivers every emission.
    for typed in [false, true] {
        assert_eq!(emit(typed, 100), expected(100));
        assert_eq!(stream(typed, 100), expected(100));
    }
    println!("own_signals smoke run: emissions checked");
    ExitCode::SUCCESS
}
