//! mem: peak resident memory added per queued emission, each mode in its own process.

use super::*;

pub(crate) fn proc_status_kib(field: &str) -> u64 {
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
pub(crate) fn mem_child(mode: Mode, n: u64) {
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
pub(crate) fn mem(mode: Mode, n: u64) -> f64 {
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
