//! The `signals` bench's batch, pingpong and churn scenarios on the `glib-signal` crate
//! (0.4, glib 0.19), beside a plain `connect_local` callback built against the same glib.
//!
//! Its own crate, outside the glib-signal-stream workspace: glib-signal 0.4 needs glib 0.19.
//! The same `tick(u64)` signal and the same scenarios as `benches/signals/main.rs`:
//!
//! - `cargo run --release`: every mode and scenario, median and min-max of 7 runs of thread
//!   CPU time (`--quick`: N/10, 3 runs);
//! - `--profile SCENARIO MODE N`: one scenario of one mode, for `scripts/bench-ir.sh`;
//! - `--modes`: each mode's key and name.

use std::{
    cell::{Cell, RefCell},
    future::Future,
    pin::Pin,
    process::ExitCode,
    rc::Rc,
    task::{Context, Poll, Waker},
    time::Duration,
};

use futures::StreamExt;
use glib::{prelude::*, subclass::prelude::*, SignalHandlerId};
use glib_signal::{def_signal, BuildSignal, ObjectSignalExt};

mod imp {
    use super::*;
    use std::sync::OnceLock;

    #[derive(Default)]
    pub struct Ticker;

    #[glib::object_subclass]
    impl ObjectSubclass for Ticker {
        const NAME: &'static str = "GlibSignalBenchTicker";
        type Type = super::Ticker;
        type ParentType = glib::Object;
    }

    impl ObjectImpl for Ticker {
        fn signals() -> &'static [glib::subclass::Signal] {
            static SIGNALS: OnceLock<Vec<glib::subclass::Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| vec![super::Tick::build()])
        }
    }
}

glib::wrapper! {
    pub struct Ticker(ObjectSubclass<imp::Ticker>);
}

def_signal! {
    /// `tick(u64)`, declared through glib-signal's macro (its typed signal definition).
    impl Notifies<"tick" as Tick> for Ticker {
        impl BuildSignal;
        fn(&self, u64)
    }
}

impl Ticker {
    fn new() -> Self {
        glib::Object::new()
    }
}

/// A point in this thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`), as in the `signals` bench.
#[derive(Clone, Copy)]
struct CpuInstant(Duration);

impl CpuInstant {
    fn now() -> Self {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid clock id and a valid out-pointer.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        CpuInstant(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }

    fn elapsed_ns(self) -> f64 {
        CpuInstant::now().0.saturating_sub(self.0).as_nanos() as f64
    }
}

fn tick_id() -> glib::subclass::SignalId {
    thread_local!(static CLASS: Ticker = Ticker::new());
    CLASS.with(|_| ());
    glib::subclass::SignalId::lookup("tick", Ticker::static_type()).expect("tick")
}

fn emit(obj: &Ticker, tick: glib::subclass::SignalId, i: u64) {
    obj.emit::<()>(tick, &[&i]);
}

fn sum_range(n: u64) -> u64 {
    n * (n + 1) / 2
}

fn check(what: &str, got: u64, want: u64) {
    if got != want {
        eprintln!("error: {what}: got {got}, expected {want}");
        std::process::exit(2);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Callback,
    GlibSignal,
}

const MODES: [Mode; 2] = [Mode::Callback, Mode::GlibSignal];

impl Mode {
    fn key(self) -> &'static str {
        match self {
            Mode::Callback => "callback",
            Mode::GlibSignal => "glib-signal",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Mode::Callback => "callback (connect_local, glib 0.19)",
            Mode::GlibSignal => "glib-signal 0.4 signal_stream(Tick)",
        }
    }
}

fn connect_callback(obj: &Ticker, sum: &Rc<Cell<u64>>) -> SignalHandlerId {
    let sum = sum.clone();
    obj.connect_local("tick", false, move |args| {
        sum.set(sum.get() + args[1].get::<u64>().unwrap());
        None
    })
}

/// Emits `n` times, then drains. Returns ns per emission.
fn batch(mode: Mode, n: u64) -> f64 {
    let ctx = glib::MainContext::default();
    let tick = tick_id();
    let obj = Ticker::new();
    let (ns, sum) = match mode {
        Mode::Callback => {
            let sum = Rc::new(Cell::new(0));
            let id = connect_callback(&obj, &sum);
            let start = CpuInstant::now();
            (1..=n).for_each(|i| emit(&obj, tick, i));
            let ns = start.elapsed_ns();
            obj.disconnect(id);
            (ns, sum.get())
        }
        Mode::GlibSignal => {
            let mut stream = obj.signal_stream(Tick);
            let start = CpuInstant::now();
            (1..=n).for_each(|i| emit(&obj, tick, i));
            let sum = ctx.block_on(async {
                let mut sum = 0;
                for _ in 0..n {
                    sum += stream.next().await.expect("queued item").0;
                }
                sum
            });
            (start.elapsed_ns(), sum)
        }
    };
    check("batch sum", sum, sum_range(n));
    ns / n as f64
}

/// Returns `Pending` once after waking itself: back to the main loop, then on.
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// The callback's hand-over to the consumer task, as in the `signals` bench.
#[derive(Default)]
struct Slot {
    sum: u64,
    count: u64,
    waker: Option<Waker>,
    closed: bool,
}

struct CloseOnDrop(Rc<RefCell<Slot>>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        let waker = {
            let mut slot = self.0.borrow_mut();
            slot.closed = true;
            slot.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

async fn produce(obj: Ticker, n: u64) {
    let tick = tick_id();
    for i in 1..=n {
        emit(&obj, tick, i);
        YieldNow(false).await;
    }
}

/// A producer task emits once then yields; a consumer task awaits the item. ns per round.
fn pingpong(mode: Mode, n: u64) -> f64 {
    let ctx = glib::MainContext::default();
    let obj = Ticker::new();
    let start;
    let (count, sum) = match mode {
        Mode::Callback => {
            let slot = Rc::new(RefCell::new(Slot::default()));
            let guard = CloseOnDrop(slot.clone());
            obj.connect_local("tick", false, move |args| {
                let waker = {
                    let mut slot = guard.0.borrow_mut();
                    slot.sum += args[1].get::<u64>().unwrap();
                    slot.count += 1;
                    slot.waker.take()
                };
                if let Some(w) = waker {
                    w.wake();
                }
                None
            });
            start = CpuInstant::now();
            let consumer = ctx.spawn_local(async move {
                let (mut count, mut sum) = (0, 0);
                std::future::poll_fn(|cx| {
                    let mut s = slot.borrow_mut();
                    count += std::mem::take(&mut s.count);
                    sum += std::mem::take(&mut s.sum);
                    if s.closed {
                        Poll::Ready(())
                    } else {
                        s.waker = Some(cx.waker().clone());
                        Poll::Pending
                    }
                })
                .await;
                (count, sum)
            });
            let producer = ctx.spawn_local(produce(obj, n));
            ctx.block_on(async {
                producer.await.unwrap();
                consumer.await.unwrap()
            })
        }
        Mode::GlibSignal => {
            let mut stream = obj.signal_stream(Tick);
            start = CpuInstant::now();
            let consumer = ctx.spawn_local(async move {
                let (mut count, mut sum) = (0, 0);
                while let Some((v,)) = stream.next().await {
                    count += 1;
                    sum += v;
                }
                (count, sum)
            });
            let producer = ctx.spawn_local(produce(obj, n));
            ctx.block_on(async {
                producer.await.unwrap();
                consumer.await.unwrap()
            })
        }
    };
    let ns = start.elapsed_ns();
    check("pingpong count", count, n);
    check("pingpong sum", sum, sum_range(n));
    ns / n as f64
}

/// Connects and drops `n` handlers one at a time. Returns ns per pair.
fn churn(mode: Mode, n: u64) -> f64 {
    let obj = Ticker::new();
    let sum = Rc::new(Cell::new(0));
    let start = CpuInstant::now();
    match mode {
        Mode::Callback => {
            for _ in 0..n {
                let id = connect_callback(&obj, &sum);
                obj.disconnect(id);
            }
        }
        Mode::GlibSignal => {
            for _ in 0..n {
                drop(obj.signal_stream(Tick));
            }
        }
    }
    let ns = start.elapsed_ns();
    // Every handler is gone: an emission reaches nobody.
    emit(&obj, tick_id(), 1);
    check("churn: handlers left", sum.get(), 0);
    ns / n as f64
}

fn run(scenario: &str, mode: Mode, n: u64) -> Option<f64> {
    match scenario {
        "batch" => Some(batch(mode, n)),
        "pingpong" => Some(pingpong(mode, n)),
        "churn" => Some(churn(mode, n)),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--modes") {
        for mode in MODES {
            println!("{}\t{}", mode.key(), mode.name());
        }
        return ExitCode::SUCCESS;
    }
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let scenario = args.get(pos + 1).map(String::as_str).unwrap_or("");
        let mode = args
            .get(pos + 2)
            .and_then(|k| MODES.into_iter().find(|m| m.key() == k));
        let n = args.get(pos + 3).and_then(|n| n.parse().ok());
        let (Some(mode), Some(n)) = (mode, n) else {
            eprintln!("usage: glib-signal-bench --profile batch|pingpong|churn MODE N");
            return ExitCode::FAILURE;
        };
        let Some(ns) = run(scenario, mode, n) else {
            eprintln!("unknown scenario {scenario}");
            return ExitCode::FAILURE;
        };
        println!("{scenario} {}: {ns:.1} ns", mode.key());
        return ExitCode::SUCCESS;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let (runs, scale) = if quick { (3, 10) } else { (7, 1) };
    let scenarios = [
        ("batch", "batch ns/emission", 1_000_000 / scale),
        ("pingpong", "pingpong ns/round", 200_000 / scale),
        ("churn", "churn ns/connect + drop", 100_000 / scale),
    ];
    println!("glib-signal 0.4 against connect_local (glib 0.19); median and min-max of {runs} runs, thread CPU time");
    println!();
    for (scenario, unit, n) in scenarios {
        println!("| mode | {unit}: median | min-max | / callback |");
        println!("|---|---:|---:|---:|");
        let mut results: Vec<Vec<f64>> = vec![Vec::new(); MODES.len()];
        for _ in 0..runs {
            for (i, mode) in MODES.into_iter().enumerate() {
                results[i].push(run(scenario, mode, n).expect("a scenario"));
            }
        }
        for r in &mut results {
            r.sort_by(|a, b| a.total_cmp(b));
        }
        let median = |r: &[f64]| r[r.len() / 2];
        for (i, mode) in MODES.into_iter().enumerate() {
            let r = &results[i];
            println!(
                "| {} | {:.1} | {:.1}-{:.1} | {:.2} |",
                mode.name(),
                median(r),
                r[0],
                r[r.len() - 1],
                median(r) / median(&results[0]),
            );
        }
        println!();
    }
    ExitCode::SUCCESS
}
