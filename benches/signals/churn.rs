//! churn: connect and drop, one handler at a time.

use super::*;

/// Connects and drops `n` handlers one at a time. Returns ns per pair.
pub(crate) fn churn(mode: Mode, n: u64) -> f64 {
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
        Mode::Floor => {
            for _ in 0..n {
                let (id, stream) = floor::connect(&obj, "tick");
                obj.disconnect(id);
                drop(stream);
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
