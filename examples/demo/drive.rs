//! The demo driving itself with real X input, awaiting the effect of each step on the very
//! streams it demonstrates.

use std::{future::Future, rc::Rc, time::Duration};

use futures::{future, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

use crate::{Ui, TITLE};

/// Each step must show its effect within this time, or the demo gives up.
const PATIENCE: Duration = Duration::from_secs(30);

/// Drives the demo, then closes its window (also when a step failed).
pub async fn run(ui: Rc<Ui>) -> Result<(), String> {
    let result = steps(&ui).await;
    ui.window.close();
    result
}

async fn steps(ui: &Ui) -> Result<(), String> {
    wait_until_drawn(&ui.window).await?;
    let window_id = xdotool(&["search", "--name", &format!("^{TITLE}$")]).await?;
    let window_id = window_id.lines().last().ok_or("demo window not found")?;

    let mut clicks = ui.button.clicked_stream();
    for _ in 0..3 {
        click(window_id, &ui.window, &ui.button).await?;
        within(clicks.next(), "a click").await?;
    }

    let mut texts = ui.entry.property_stream::<String>("text");
    click(window_id, &ui.window, &ui.entry).await?;
    xdotool(&["type", "--delay", "50", "hello"]).await?;
    within(
        async {
            while let Some(text) = texts.next().await {
                if text == "hello" {
                    break;
                }
            }
        },
        "the typed text",
    )
    .await?;

    let mut labels = ui.timer.property_stream::<String>("label");
    within(
        async {
            while let Some(label) = labels.next().await {
                if label == "running for 2 s" {
                    break;
                }
            }
        },
        "two timer ticks",
    )
    .await?;

    wait_until_drawn(&ui.window).await?;
    let path = std::env::var("GSS_DEMO_SCREENSHOT").unwrap_or_else(|_| "demo.png".into());
    command(&["import", "-window", window_id, &path]).await?;
    println!("screenshot: {path}");
    Ok(())
}

/// Fails with `what` if `future` does not complete within [`PATIENCE`].
async fn within<T>(future: impl Future<Output = T>, what: &str) -> Result<T, String> {
    let timeout = glib::timeout_future(PATIENCE);
    match future::select(Box::pin(future), timeout).await {
        future::Either::Left((value, _)) => Ok(value),
        future::Either::Right(_) => Err(format!("no {what} within {PATIENCE:?}")),
    }
}

/// Waits until the window is mapped and a couple of frames have been painted since.
async fn wait_until_drawn(window: &gtk::Window) -> Result<(), String> {
    let clock = window.frame_clock().ok_or("the window is not realized")?;
    let mut painted = clock.connect_stream("after-paint");
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

async fn click(
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

async fn xdotool(args: &[&str]) -> Result<String, String> {
    command(&[&["xdotool"], args].concat()).await
}

/// Runs a command without blocking the main loop and returns its stdout.
async fn command(argv: &[&str]) -> Result<String, String> {
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
