//! scale: many live handlers on one emitter.

use super::*;

pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[derive(Clone, Copy, Default)]
pub(crate) struct ScaleResult {
    /// ns per handler call (one emission reaches `k` handlers; draining included).
    pub(crate) emit: f64,
    /// ns per connect, with up to `k` live.
    pub(crate) connect: f64,
    /// ns per drop, LIFO order.
    pub(crate) drop_lifo: f64,
    /// ns per drop, random order.
    pub(crate) drop_random: f64,
}

/// `k` live handlers on one emitter; `calls` handler calls in total for the emission part.
///
/// Three rounds, each on `k` freshly connected handlers: connect then drop in LIFO order;
/// emit and drain (dropped untimed, so no timed drop frees a grown queue); drop in random
/// order.
pub(crate) fn scale(typed: bool, k: usize, calls: u64, rng: &mut XorShift) -> ScaleResult {
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
