//! Real X input for the self-driving examples (the demo, the app): xdotool clicks computed
//! from a widget's bounds, waits on the window's own frame clock, commands run without
//! blocking the main loop. Included with `#[path]` by each example that drives itself.

// Each example that includes this file uses part of it.
#![allow(dead_code)]

use std::{future::Future, time::Duration};

use futures::{future, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

/// Each step must show its effect within this time, or the driver gives up.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Fails with `what` if `future` does not complete within [`PATIENCE`].
pub async fn within<T>(future: impl Future<Output = T>, what: &str) -> Result<T, String> {
    let timeout = glib::timeout_future(PATIENCE);
    match future::select(Box::pin(future), timeout).await {
        future::Either::Left((value, _)) => Ok(value),
        future::Either::Right(_) => Err(format!("no {what} within {PATIENCE:?}")),
    }
}

/// Waits until the window is mapped and a couple of frames have been painted since.
pub async fn wait_until_drawn(window: &gtk::Window) -> Result<(), String> {
    let clock = window.frame_clock().ok_or("the window is not realized")?;
    let mut painted = clock.connect_stream("after-paint");
    // A window already on screen paints only when asked to.
    window.queue_draw();
    let mut frames = 0;
    within(
        async {
            while frames < 2 && painted.next().await.is_some() {
                if window.surface().is_some_and(|surface| surface.is_mapped()) {
                    frames += 1;
                }
                window.queue_draw();
            }
        },
        "frame painted",
    )
    .await
}

/// Moves the pointer over the centre of `widget` and clicks it with the first button.
pub async fn click(
    window_id: &str,
    window: &gtk::Window,
    widget: &impl IsA<gtk::Widget>,
) -> Result<(), String> {
    let bounds = widget
        .compute_bounds(window)
        .ok_or("the widget is not in the window")?;
    let (dx, dy) = window.surface_transform();
    let x = (dx + f64::from(bounds.x() + bounds.width() / 2.0)).round();
    let y = (dy + f64::from(bounds.y() + bounds.height() / 2.0)).round();
    xdotool(&[
        "mousemove",
        "--window",
        window_id,
        &x.to_string(),
        &y.to_string(),
        "click",
        "1",
    ])
    .await
    .map(drop)
}

/// The X window id of the visible window titled exactly `title` (the newest one), waiting
/// until there is one.
pub async fn find_window(title: &str) -> Result<String, String> {
    let found = xdotool(&[
        "search",
        "--sync",
        "--onlyvisible",
        "--name",
        &format!("^{title}$"),
    ])
    .await?;
    let id = found.lines().last().ok_or("window not found")?;
    Ok(id.to_owned())
}

/// Moves X window `window_id` to `(x, y)` on the screen and waits until it is there.
pub async fn move_window(window_id: &str, x: i32, y: i32) -> Result<(), String> {
    xdotool(&[
        "windowmove",
        "--sync",
        window_id,
        &x.to_string(),
        &y.to_string(),
    ])
    .await
    .map(drop)
}

/// Types `text` into the focused widget, one key every `delay_ms` milliseconds.
pub async fn type_text(text: &str, delay_ms: u32) -> Result<(), String> {
    xdotool(&["type", "--delay", &delay_ms.to_string(), text])
        .await
        .map(drop)
}

/// Presses and releases `key` (an X keysym name such as `Return`).
pub async fn key(key: &str) -> Result<(), String> {
    xdotool(&["key", key]).await.map(drop)
}

/// The one place the examples run xdotool.
async fn xdotool(args: &[&str]) -> Result<String, String> {
    command(&[&["xdotool"], args].concat()).await
}

/// Runs a command without blocking the main loop and returns its stdout.
pub async fn command(argv: &[&str]) -> Result<String, String> {
    let argv: Vec<&std::ffi::OsStr> = argv.iter().map(|arg| arg.as_ref()).collect();
    let process = gio::Subprocess::newv(&argv, gio::SubprocessFlags::STDOUT_PIPE)
        .map_err(|err| format!("{argv:?}: {err}"))?;
    let (stdout, _) = process
        .communicate_utf8_future(None)
        .await
        .map_err(|err| format!("{argv:?}: {err}"))?;
    if !process.is_successful() {
        return Err(format!("{argv:?} failed"));
    }
    Ok(stdout.map(Into::into).unwrap_or_default())
}
