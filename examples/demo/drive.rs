//! The demo driving itself with real X input, awaiting the effect of each step on the very
//! streams it demonstrates.

use std::rc::Rc;

use futures::StreamExt;
use glib_signal_stream::prelude::*;
use gtk4::prelude::*;

use crate::{
    xinput::{click, command, find_window, type_text, wait_until_drawn, within},
    Ui, TITLE,
};

/// Drives the demo, then closes its window (also when a step failed).
pub async fn run(ui: Rc<Ui>) -> Result<(), String> {
    let result = steps(&ui).await;
    ui.window.close();
    result
}

async fn steps(ui: &Ui) -> Result<(), String> {
    wait_until_drawn(&ui.window).await?;
    let window_id = &find_window(TITLE).await?;

    let mut clicks = ui.button.clicked_stream();
    for _ in 0..3 {
        click(window_id, &ui.window, &ui.button).await?;
        within(clicks.next(), "a click").await?;
    }

    let mut texts = ui.entry.property_stream::<String>("text");
    click(window_id, &ui.window, &ui.entry).await?;
    type_text("hello", 50).await?;
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
