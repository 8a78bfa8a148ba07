//! pingpong: one emission, one await, through the main loop.

use super::*;

/// Returns `Pending` once after waking itself: back to the main loop, then on.
pub(crate) struct YieldNow(bool);

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
pub(crate) struct Slot {
    pending_sum: u64,
    pending_count: u64,
    waker: Option<Waker>,
    closed: bool,
}

/// Closes the slot when the callback is destroyed (the emitter disposed).
pub(crate) struct CloseOnDrop(Rc<RefCell<Slot>>);

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
pub(crate) async fn produce(obj: Ticker, n: u64) {
    let tick = tick_id();
    for i in 1..=n {
        obj.emit::<()>(tick, &[&i]);
        YieldNow(false).await;
    }
    drop(obj);
}

/// Returns ns per round.
pub(crate) fn pingpong(mode: Mode, n: u64) -> f64 {
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
