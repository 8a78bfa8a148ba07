//! batch: emit N times, then drain.

use super::*;

/// Emits `n` times, then drains on the main context. Returns ns per emission.
pub(crate) fn batch(mode: Mode, n: u64) -> f64 {
    let ctx = glib::MainContext::default();
    let tick = tick_id();
    let obj = Ticker::new();
    let want = sum_range(1, n);
    match mode {
        Mode::NoHandler => {
            let start = CpuInstant::now();
            emit_all(&obj, tick, n);
            start.elapsed().as_nanos() as f64 / n as f64
        }
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
            // Each stream is drained through its own type, as an application's loop is: the
            // `AnyStream` dispatch would be counted against every stream mode.
            let sum = match &mut stream {
                AnyStream::Floor(s) => drain(&ctx, s, queued, |v| v),
                AnyStream::Dynamic(s) => drain(&ctx, s, queued, |args| {
                    args.first().and_then(|v| v.get::<u64>().ok()).unwrap_or(0)
                }),
                AnyStream::Typed(s) => drain(&ctx, s, queued, |(v,)| v),
                AnyStream::Send(s) => drain(&ctx, s, queued, |(v,)| v),
            };
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

/// Takes `n` items from `stream` on `ctx` and sums them, `value` making a `u64` of each.
fn drain<S: Stream + Unpin>(
    ctx: &glib::MainContext,
    stream: &mut S,
    n: u64,
    value: impl Fn(S::Item) -> u64,
) -> u64 {
    ctx.block_on(async {
        let mut sum = 0;
        for _ in 0..n {
            sum += value(stream.next().await.expect("queued item"));
        }
        sum
    })
}
