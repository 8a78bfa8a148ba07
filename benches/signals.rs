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
use glib::{prelude::*, subclass::prelude::*, subclass::Signal, SignalHandlerId};
use glib_signal_stream::{prelude::*, BufferPolicy};

mod imp {
    use super::*;
    use std::sync::OnceLock;

    #[derive(Default)]
    pub struct Ticker;

    #[glib::object_subclass]
    impl ObjectSubclass for Ticker {
        const NAME: &'static str = "BenchSignalsTicker";
        type Type = super::Ticker;
        type ParentType = glib::Object;
    }

    impl ObjectImpl for Ticker {
        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                vec![Signal::builder("tick")
                    .param_types([u64::static_type()])
                    .build()]
            })
        }
    }
}

glib::wrapper! {
    pub struct Ticker(ObjectSubclass<imp::Ticker>);
}

impl Ticker {
    fn new() -> Self {
        glib::Object::new()
    }
}

/// A point in this thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`).
///
/// The machines this runs on are shared: wall-clock time counts the time other processes
/// hold the CPU, thread CPU time does not. Everything measured runs on this one thread (the
/// main loop polls with a zero timeout while tasks are ready), so nothing is left out.
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

    fn elapsed(self) -> Duration {
        CpuInstant::now().0.saturating_sub(self.0)
    }
}

/// Emits `tick(1)`, `tick(2)`, ... `tick(n)` by signal id (the same emission for every mode).
fn emit_all(obj: &Ticker, tick: glib::subclass::SignalId, n: u64) {
    for i in 1..=n {
        obj.emit::<()>(tick, &[&i]);
    }
}

fn tick_id() -> glib::subclass::SignalId {
    // The signal exists once the class is initialized, by the first instance.
    thread_local!(static CLASS: Ticker = Ticker::new());
    CLASS.with(|_| ());
    glib::subclass::SignalId::lookup("tick", Ticker::static_type()).expect("tick")
}

/// Sum of `a..=b`.
fn sum_range(a: u64, b: u64) -> u64 {
    if b < a {
        0
    } else {
        (a + b) * (b - a + 1) / 2
    }
}

fn check(what: &str, got: u64, want: u64) {
    if got != want {
        eprintln!("error: {what}: got {got}, expected {want}");
        std::process::exit(2);
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Callback,
    Channel,
    Dynamic,
    Typed,
    Send,
    DropOldest,
    DropNewest,
    Latest,
}

const MODES: [Mode; 8] = [
    Mode::Callback,
    Mode::Channel,
    Mode::Dynamic,
    Mode::Typed,
    Mode::Send,
    Mode::DropOldest,
    Mode::DropNewest,
    Mode::Latest,
];

const CAP: usize = 1024;

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Callback => "callback (connect_local, floor)",
            Mode::Channel => "callback + async_channel::unbounded",
            Mode::Dynamic => "connect_stream (Vec<Value>)",
            Mode::Typed => "connect_stream_typed::<(u64,)>",
            Mode::Send => "connect_stream_send::<(u64,)>",
            Mode::DropOldest => "builder DropOldest(1024)",
            Mode::DropNewest => "builder DropNewest(1024)",
            Mode::Latest => "builder Latest",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Mode::Callback => "callback",
            Mode::Channel => "channel",
            Mode::Dynamic => "dynamic",
            Mode::Typed => "typed",
            Mode::Send => "send",
            Mode::DropOldest => "drop-oldest",
            Mode::DropNewest => "drop-newest",
            Mode::Latest => "latest",
        }
    }

    fn from_key(key: &str) -> Option<Mode> {
        MODES.into_iter().find(|m| m.key() == key)
    }

    fn policy(self) -> Option<BufferPolicy> {
        let cap = NonZeroUsize::new(CAP).unwrap();
        match self {
            Mode::DropOldest => Some(BufferPolicy::DropOldest(cap)),
            Mode::DropNewest => Some(BufferPolicy::DropNewest(cap)),
            Mode::Latest => Some(BufferPolicy::Latest),
            _ => None,
        }
    }
}

/// A stream of `u64`s, whatever the mode's item type.
enum AnyStream {
    Dynamic(glib_signal_stream::SignalStream<Vec<glib::Value>>),
    Typed(glib_signal_stream::SignalStream<(u64,)>),
    Send(glib_signal_stream::SendSignalStream<(u64,), Ticker>),
}

impl AnyStream {
    fn connect(obj: &Ticker, mode: Mode) -> AnyStream {
        match mode {
            Mode::Dynamic => AnyStream::Dynamic(obj.connect_stream("tick")),
            Mode::Typed => AnyStream::Typed(obj.connect_stream_typed::<(u64,)>("tick")),
            Mode::Send => AnyStream::Send(obj.connect_stream_send::<(u64,)>("tick")),
            _ => AnyStream::Typed(
                obj.signal_stream_builder("tick")
                    .policy(mode.policy().expect("a policy mode"))
                    .build::<(u64,)>(),
            ),
        }
    }

    fn len(&self) -> usize {
        match self {
            AnyStream::Dynamic(s) => s.len(),
            AnyStream::Typed(s) => s.len(),
            AnyStream::Send(s) => s.len(),
        }
    }

    fn dropped_count(&self) -> u64 {
        match self {
            AnyStream::Dynamic(s) => s.dropped_count(),
            AnyStream::Typed(s) => s.dropped_count(),
            AnyStream::Send(s) => s.dropped_count(),
        }
    }
}

impl Stream for AnyStream {
    type Item = u64;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        match self.get_mut() {
            AnyStream::Dynamic(s) => s.poll_next_unpin(cx).map(|item| {
                item.map(|args| args.first().and_then(|v| v.get::<u64>().ok()).unwrap_or(0))
            }),
            AnyStream::Typed(s) => s.poll_next_unpin(cx).map(|item| item.map(|(v,)| v)),
            AnyStream::Send(s) => s.poll_next_unpin(cx).map(|item| item.map(|(v,)| v)),
        }
    }
}

/// The plain callback of the floor: adds the value to `sum`.
fn connect_callback(obj: &Ticker, sum: &Rc<Cell<u64>>) -> SignalHandlerId {
    let sum = sum.clone();
    obj.connect_local("tick", false, move |args| {
        sum.set(sum.get() + args[1].get::<u64>().unwrap());
        None
    })
}

/// The pattern users write today: a callback sending into an unbounded async channel.
fn connect_channel(obj: &Ticker) -> (SignalHandlerId, async_channel::Receiver<u64>) {
    let (tx, rx) = async_channel::unbounded();
    let id = obj.connect_local("tick", false, move |args| {
        let _ = tx.try_send(args[1].get::<u64>().unwrap());
        None
    });
    (id, rx)
}

/// For the policy modes: what the received items must sum to after `n` emissions with no
/// draining in between, and how many are received.
fn policy_expectation(mode: Mode, n: u64) -> (u64, u64) {
    let cap = CAP as u64;
    match mode {
        Mode::DropOldest => {
            let k = n.min(cap);
            (k, sum_range(n - k + 1, n))
        }
        Mode::DropNewest => {
            let k = n.min(cap);
            (k, sum_range(1, k))
        }
        Mode::Latest => (n.min(1), if n == 0 { 0 } else { n }),
        _ => (n, sum_range(1, n)),
    }
}

// ---------------------------------------------------------------------------------------------
// batch

/// Emits `n` times, then drains on the main context. Returns ns per emission.
fn batch(mode: Mode, n: u64) -> f64 {
    let ctx = glib::MainContext::default();
    let tick = tick_id();
    let obj = Ticker::new();
    let want = sum_range(1, n);
    match mode {
        Mode::Callback => {
            let sum = Rc::new(Cell::new(0));
            let id = connect_callback(&obj, &sum);
            let start = CpuInstant::now();
            emit_all(&obj, tick, n);
            let ns = start.elapsed().as_nanos() as f64;
            check("batch callback sum", sum.get(), want);
            obj.disconnect(id);
            ns / n as f64
        }
        Mode::Channel => {
            let (id, rx) = connect_channel(&obj);
            let start = CpuInstant::now();
            emit_all(&obj, tick, n);
            let sum = ctx.block_on(async {
                let mut sum = 0;
                for _ in 0..n {
                    sum += rx.recv().await.expect("queued item");
                }
                sum
            });
            let ns = start.elapsed().as_nanos() as f64;
            check("batch channel sum", sum, want);
            obj.disconnect(id);
            ns / n as f64
        }
        _ => {
            let mut stream = AnyStream::connect(&obj, mode);
            let start = CpuInstant::now();
            emit_all(&obj, tick, n);
            let queued = stream.len() as u64;
            let sum = ctx.block_on(async {
                let mut sum = 0;
                for _ in 0..queued {
                    sum += stream.next().await.expect("queued item");
                }
                sum
            });
            let ns = start.elapsed().as_nanos() as f64;
            let (want_received, want_sum) = policy_expectation(mode, n);
            check("batch received", queued, want_received);
            check(
                "batch received + dropped",
                queued + stream.dropped_count(),
                n,
            );
            check(&format!("batch {} sum", mode.key()), sum, want_sum);
            ns / n as f64
        }
    }
}

// ---------------------------------------------------------------------------------------------
// pingpong

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

/// The floor's hand-over: the callback adds to `pending` and wakes the consumer task.
#[derive(Default)]
struct Slot {
    pending_sum: u64,
    pending_count: u64,
    waker: Option<Waker>,
    closed: bool,
}

/// Closes the slot when the callback is destroyed (the emitter disposed).
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

/// The producer: emits once, yields to the main loop, `n` times; then drops the emitter, which
/// ends the consumer's stream.
async fn produce(obj: Ticker, n: u64) {
    let tick = tick_id();
    for i in 1..=n {
        obj.emit::<()>(tick, &[&i]);
        YieldNow(false).await;
    }
    drop(obj);
}

/// Returns ns per round.
fn pingpong(mode: Mode, n: u64) -> f64 {
    let ctx = glib::MainContext::default();
    let obj = Ticker::new();
    let want = sum_range(1, n);
    // The consumer is spawned first: when both are ready, it runs first, so each emission is
    // taken before the next one.
    let start;
    let (received, sum, dropped) = match mode {
        Mode::Callback => {
            let slot = Rc::new(RefCell::new(Slot::default()));
            let guard = CloseOnDrop(slot.clone());
            obj.connect_local("tick", false, move |args| {
                let waker = {
                    let mut slot = guard.0.borrow_mut();
                    slot.pending_sum += args[1].get::<u64>().unwrap();
                    slot.pending_count += 1;
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
                    count += std::mem::take(&mut s.pending_count);
                    sum += std::mem::take(&mut s.pending_sum);
                    if s.closed {
                        Poll::Ready(())
                    } else {
                        s.waker = Some(cx.waker().clone());
                        Poll::Pending
                    }
                })
                .await;
                (count, sum, 0)
            });
            let producer = ctx.spawn_local(produce(obj, n));
            ctx.block_on(async {
                producer.await.unwrap();
                consumer.await.unwrap()
            })
        }
        Mode::Channel => {
            let (_id, rx) = connect_channel(&obj);
            start = CpuInstant::now();
            let consumer = ctx.spawn_local(async move {
                let (mut count, mut sum) = (0, 0);
                while let Ok(v) = rx.recv().await {
                    count += 1;
                    sum += v;
                }
                (count, sum, 0)
            });
            let producer = ctx.spawn_local(produce(obj, n));
            ctx.block_on(async {
                producer.await.unwrap();
                consumer.await.unwrap()
            })
        }
        _ => {
            let mut stream = AnyStream::connect(&obj, mode);
            start = CpuInstant::now();
            let consumer = ctx.spawn_local(async move {
                let (mut count, mut sum) = (0, 0);
                while let Some(v) = stream.next().await {
                    count += 1;
                    sum += v;
                }
                (count, sum, stream.dropped_count())
            });
            let producer = ctx.spawn_local(produce(obj, n));
            ctx.block_on(async {
                producer.await.unwrap();
                consumer.await.unwrap()
            })
        }
    };
    let ns = start.elapsed().as_nanos() as f64;
    check(
        &format!("pingpong {} received + dropped", mode.key()),
        received + dropped,
        n,
    );
    if dropped == 0 {
        check(&format!("pingpong {} sum", mode.key()), sum, want);
    }
    ns / n as f64
}

// ---------------------------------------------------------------------------------------------
// churn

/// Connects and drops `n` handlers one at a time. Returns ns per pair.
fn churn(mode: Mode, n: u64) -> f64 {
    let obj = Ticker::new();
    let tick = tick_id();
    let sum = Rc::new(Cell::new(0));
    let start = CpuInstant::now();
    match mode {
        Mode::Callback => {
            for _ in 0..n {
                let id = connect_callback(&obj, &sum);
                obj.disconnect(id);
            }
        }
        Mode::Channel => {
            for _ in 0..n {
                let (id, rx) = connect_channel(&obj);
                obj.disconnect(id);
                drop(rx);
            }
        }
        _ => {
            for _ in 0..n {
                drop(AnyStream::connect(&obj, mode));
            }
        }
    }
    let ns = start.elapsed().as_nanos() as f64;
    // Every handler is gone: an emission reaches nobody.
    let pending = obj.has_signal_handler_pending(tick);
    check(
        &format!("churn {}: handlers left", mode.key()),
        pending as u64,
        0,
    );
    let _ = sum;
    ns / n as f64
}

trait HasPending {
    fn has_signal_handler_pending(&self, id: glib::subclass::SignalId) -> bool;
}

impl HasPending for Ticker {
    fn has_signal_handler_pending(&self, id: glib::subclass::SignalId) -> bool {
        use glib::translate::IntoGlib;
        // SAFETY: a valid instance and one of its type's signal ids.
        unsafe {
            glib::gobject_ffi::g_signal_has_handler_pending(
                self.as_ptr() as *mut _,
                id.into_glib(),
                0,
                glib::ffi::GFALSE,
            ) != 0
        }
    }
}

// ---------------------------------------------------------------------------------------------
// mem

fn proc_status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| {
            let rest = line.strip_prefix(field)?.strip_prefix(':')?;
            rest.trim().trim_end_matches("kB").trim().parse().ok()
        })
        .unwrap_or(0)
}

/// In a child process: queues `n` emissions without draining; prints the growth of VmHWM and
/// VmRSS in bytes.
fn mem_child(mode: Mode, n: u64) {
    let tick = tick_id();
    let obj = Ticker::new();
    let sum = Rc::new(Cell::new(0));
    let mut keep_callback = None;
    let mut keep_channel = None;
    let mut keep_stream = None;
    match mode {
        Mode::Callback => keep_callback = Some(connect_callback(&obj, &sum)),
        Mode::Channel => keep_channel = Some(connect_channel(&obj)),
        _ => keep_stream = Some(AnyStream::connect(&obj, mode)),
    }
    // Warm up GLib's emission path (its first emission allocates), then measure.
    let hwm0 = proc_status_kib("VmHWM");
    let rss0 = proc_status_kib("VmRSS");
    emit_all(&obj, tick, n);
    let hwm1 = proc_status_kib("VmHWM");
    let rss1 = proc_status_kib("VmRSS");
    let queued = match (&keep_callback, &keep_channel, &keep_stream) {
        (Some(_), _, _) => {
            check("mem callback sum", sum.get(), sum_range(1, n));
            0
        }
        (_, Some((_, rx)), _) => rx.len() as u64,
        (_, _, Some(s)) => s.len() as u64 + s.dropped_count(),
        _ => 0,
    };
    if mode != Mode::Callback {
        check(&format!("mem {} queued", mode.key()), queued, n);
    }
    println!("{} {}", (hwm1 - hwm0) * 1024, (rss1 - rss0) * 1024);
    // Leave without freeing a million items.
    std::process::exit(0);
}

/// Runs `mem_child` in a fresh process; returns bytes of peak RSS added per queued emission.
fn mem(mode: Mode, n: u64) -> f64 {
    let exe = std::env::current_exe().expect("current_exe");
    let out = Command::new(exe)
        .args(["--mem-child", mode.key(), &n.to_string()])
        .output()
        .expect("running the mem child");
    if !out.status.success() {
        eprintln!(
            "error: mem child {} failed: {}",
            mode.key(),
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(2);
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let hwm: f64 = text
        .split_whitespace()
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN);
    hwm / n as f64
}

// ---------------------------------------------------------------------------------------------
// scale

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[derive(Clone, Copy, Default)]
struct ScaleResult {
    /// ns per handler call (one emission reaches `k` handlers; draining included).
    emit: f64,
    /// ns per connect, with up to `k` live.
    connect: f64,
    /// ns per drop, LIFO order.
    drop_lifo: f64,
    /// ns per drop, random order.
    drop_random: f64,
}

/// `k` live handlers on one emitter; `calls` handler calls in total for the emission part.
///
/// Three rounds, each on `k` freshly connected handlers: connect then drop in LIFO order;
/// emit and drain (dropped untimed, so no timed drop frees a grown queue); drop in random
/// order.
fn scale(typed: bool, k: usize, calls: u64, rng: &mut XorShift) -> ScaleResult {
    let ctx = glib::MainContext::default();
    let tick = tick_id();
    let obj = Ticker::new();
    let emissions = (calls / k as u64).max(1);
    let mut r = ScaleResult::default();
    let per = |start: CpuInstant, n: u64| start.elapsed().as_nanos() as f64 / n as f64;
    let mut order: Vec<usize> = (0..k).collect();
    rng.shuffle(&mut order);
    if typed {
        let connect = || obj.connect_stream_typed::<(u64,)>("tick");
        // Connect, then LIFO drop.
        let start = CpuInstant::now();
        let mut streams: Vec<_> = (0..k).map(|_| connect()).collect();
        r.connect = per(start, k as u64);
        let start = CpuInstant::now();
        while let Some(s) = streams.pop() {
            drop(s);
        }
        r.drop_lifo = per(start, k as u64);
        // Emission.
        let mut streams: Vec<_> = (0..k).map(|_| connect()).collect();
        let start = CpuInstant::now();
        emit_all(&obj, tick, emissions);
        let sum = ctx.block_on(async {
            let mut sum = 0;
            for s in &mut streams {
                for _ in 0..emissions {
                    sum += s.next().await.expect("queued").0;
                }
            }
            sum
        });
        r.emit = per(start, emissions * k as u64);
        check("scale typed sum", sum, sum_range(1, emissions) * k as u64);
        drop(streams);
        // Random drop.
        let mut streams: Vec<_> = (0..k).map(|_| Some(connect())).collect();
        let start = CpuInstant::now();
        for &i in &order {
            drop(streams[i].take());
        }
        r.drop_random = per(start, k as u64);
    } else {
        let sum = Rc::new(Cell::new(0));
        let start = CpuInstant::now();
        let mut ids: Vec<_> = (0..k).map(|_| connect_callback(&obj, &sum)).collect();
        r.connect = per(start, k as u64);
        let start = CpuInstant::now();
        while let Some(id) = ids.pop() {
            obj.disconnect(id);
        }
        r.drop_lifo = per(start, k as u64);
        let ids: Vec<_> = (0..k).map(|_| connect_callback(&obj, &sum)).collect();
        let start = CpuInstant::now();
        emit_all(&obj, tick, emissions);
        r.emit = per(start, emissions * k as u64);
        check(
            "scale callback sum",
            sum.get(),
            sum_range(1, emissions) * k as u64,
        );
        for id in ids {
            obj.disconnect(id);
        }
        let mut ids: Vec<_> = (0..k).map(|_| Some(connect_callback(&obj, &sum))).collect();
        let start = CpuInstant::now();
        for &i in &order {
            obj.disconnect(ids[i].take().expect("connected"));
        }
        r.drop_random = per(start, k as u64);
    }
    check(
        "scale: handlers left",
        obj.has_signal_handler_pending(tick) as u64,
        0,
    );
    r
}

// ---------------------------------------------------------------------------------------------
// driver

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

fn ratio(x: f64, floor: f64) -> String {
    format!("{:.2}", x / floor)
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
    // `--profile SCENARIO MODE N`: one scenario of one mode, for callgrind.
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let scenario = args.get(pos + 1).map(String::as_str);
        let mode = args.get(pos + 2).and_then(|k| Mode::from_key(k));
        let n = args.get(pos + 3).and_then(|n| n.parse().ok());
        let (Some(scenario), Some(mode), Some(n)) = (scenario, mode, n) else {
            eprintln!("usage: signals --profile batch|pingpong|churn|scale MODE N");
            return ExitCode::FAILURE;
        };
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
        "batch N={}, pingpong N={}, churn N={}, mem N={}; median of {} runs, modes interleaved; \
         times are the bench thread's CPU time",
        cfg.batch, cfg.pingpong, cfg.churn, cfg.mem, cfg.runs
    );
    println!();

    let mut results = vec![[Vec::new(), Vec::new(), Vec::new()]; MODES.len()];
    for _ in 0..cfg.runs {
        for (i, mode) in MODES.into_iter().enumerate() {
            results[i][0].push(batch(mode, cfg.batch));
            results[i][1].push(pingpong(mode, cfg.pingpong));
            results[i][2].push(churn(mode, cfg.churn));
        }
    }
    let med: Vec<[f64; 3]> = results
        .iter_mut()
        .map(|r| [median(&mut r[0]), median(&mut r[1]), median(&mut r[2])])
        .collect();
    let mems: Vec<f64> = MODES.into_iter().map(|m| mem(m, cfg.mem)).collect();
    let floor = med[0];

    println!(
        "| mode | batch ns/emit | ratio | pingpong ns/round | ratio | churn ns/pair | ratio | mem B/queued |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (i, mode) in MODES.into_iter().enumerate() {
        println!(
            "| {} | {:.1} | {} | {:.1} | {} | {:.1} | {} | {:.1} |",
            mode.name(),
            med[i][0],
            ratio(med[i][0], floor[0]),
            med[i][1],
            ratio(med[i][1], floor[1]),
            med[i][2],
            ratio(med[i][2], floor[2]),
            mems[i],
        );
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
