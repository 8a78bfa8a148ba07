//! The app driving itself with real X input (`GSS_DEMO_DRIVE`, set by the headless run):
//! it opens and closes `GSS_APP_WINDOWS` windows (default 3) one after the other, each the
//! way a user would, and after each close checks what is left of the closed window.
//!
//! Window 1 is opened by the application's `activate`; each next one by a click on the
//! previous window's "New window" button. Without a window manager every window appears at
//! the screen's origin, so the driver moves each new one beside the previous one
//! (`move_window`) before it clicks the previous one's close button, in the title bar
//! GTK draws itself.
//!
//! After each close it prints one line:
//!
//! ```text
//! closed 3: 16 of 16 objects finalized, 4 live tasks, rss 71234 KiB
//! ```
//!
//! the window and every widget in it (weak references taken before the close, that no longer
//! upgrade), the window tasks still alive (the next window's), and the process's resident
//! memory. At the end, `done: 0 live tasks`. This is test plumbing, kept out of the app's own
//! code: it only reads the app's public `live_tasks()` and walks widget trees.

use std::cell::RefCell;

use futures::StreamExt;
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

use crate::{
    window::{live_tasks, AppWindow},
    xinput::{click, find_window, key, move_window, type_text, wait_until_drawn, within},
};

/// Starts the driver once the application has started; the application is held (it would
/// quit when its last window closes) until the driver is done.
pub fn attach(app: &gtk::Application) {
    let windows: usize = std::env::var("GSS_APP_WINDOWS")
        .map_or(3, |n| n.parse().expect("GSS_APP_WINDOWS is a number"));
    // Connected now, before `activate` opens the first window.
    let added = RefCell::new(Some(app.window_added_stream()));
    app.connect_startup(move |app| {
        let hold = app.hold();
        let added = added.take().expect("started once");
        let app = app.clone();
        glib::spawn_future_local(async move {
            let result = run(added, windows).await;
            drop(hold);
            if let Err(err) = result {
                eprintln!("app: {err}");
                app.quit();
                std::process::exit(1);
            }
        });
    });
}

async fn run(
    mut added: impl futures::Stream<Item = (gtk::Window,)> + Unpin,
    windows: usize,
) -> Result<(), String> {
    let mut current = next_window(&mut added).await?;
    let mut current_id = show(&current, 0).await?;
    for n in 1..=windows {
        use_window(&current, &current_id).await?;
        let next = if n < windows {
            click(
                &current_id,
                current.upcast_ref(),
                &find(&current, "new-window")?,
            )
            .await?;
            let next = next_window(&mut added).await?;
            let id = show(&next, n % 2).await?;
            Some((next, id))
        } else {
            None
        };
        close(current, &current_id, n).await?;
        match next {
            Some((next, id)) => (current, current_id) = (next, id),
            None => break,
        }
    }
    println!("done: {} live tasks", live_tasks());
    Ok(())
}

async fn next_window(
    added: &mut (impl futures::Stream<Item = (gtk::Window,)> + Unpin),
) -> Result<AppWindow, String> {
    let (window,) = within(added.next(), "a new window")
        .await?
        .ok_or("the application is gone")?;
    window
        .downcast()
        .map_err(|window| format!("not an AppWindow: {window:?}"))
}

/// Waits until `window` is on screen, moves it to slot `slot` (left or right half), and
/// returns its X window id.
async fn show(window: &AppWindow, slot: usize) -> Result<String, String> {
    wait_until_drawn(window.upcast_ref()).await?;
    let id = find_window(&window.title().unwrap_or_default()).await?;
    move_window(&id, slot as i32 * 640, 0).await?;
    wait_until_drawn(window.upcast_ref()).await?;
    Ok(id)
}

/// What a user does in a window: two clicks, then text typed and entered.
async fn use_window(window: &AppWindow, id: &str) -> Result<(), String> {
    let number = window.number();
    let clicks: gtk::Label = find(window, "clicks")?.downcast().map_err(|_| "a label")?;
    let mut labels = clicks.property_stream::<String>("label");
    let button = find(window, "click")?;
    for expected in ["1 clicks", "2 clicks"] {
        click(id, window.upcast_ref(), &button).await?;
        wait_for(
            &mut labels,
            expected,
            &format!("window {number}: {expected}"),
        )
        .await?;
    }
    let entry: gtk::Entry = find(window, "entry")?.downcast().map_err(|_| "an entry")?;
    let mut texts = entry.property_stream::<String>("text");
    click(id, window.upcast_ref(), &entry).await?;
    type_text("hello", 20).await?;
    wait_for(&mut texts, "hello", "the typed text").await?;
    key("Return").await?;
    wait_for(&mut texts, "", "the entry cleared on Return").await
}

/// Clicks the close button of `window`'s title bar and waits until the window, its widgets
/// and their tasks are gone.
async fn close(window: AppWindow, id: &str, n: usize) -> Result<(), String> {
    let close_button = descendants(window.upcast_ref())
        .into_iter()
        .find(|widget| widget.is::<gtk::Button>() && widget.has_css_class("close"))
        .ok_or("no close button in the title bar")?;
    let weak: Vec<glib::WeakRef<gtk::Widget>> = descendants(window.upcast_ref())
        .iter()
        .map(|widget| widget.downgrade())
        .collect();
    let mut disposed = futures::stream::pending::<()>().take_until_disposed(&window);
    click(id, window.upcast_ref(), &close_button).await?;
    drop((close_button, window));
    within(disposed.next(), "the closed window disposed").await?;
    // Let what the disposal woke (the window's tasks) run to their end: GLib dispatches
    // ready sources of a higher priority (tasks run at the default one) before a low one.
    glib::timeout_future_with_priority(glib::Priority::LOW, std::time::Duration::ZERO).await;

    let finalized = weak.iter().filter(|weak| weak.upgrade().is_none()).count();
    let live = live_tasks();
    println!(
        "closed {n}: {finalized} of {} objects finalized, {live} live tasks, rss {} KiB",
        weak.len(),
        rss_kib()?
    );
    Ok(())
}

/// `window` and every widget under it, but for other surfaces (`gtk::Native`) attached to
/// it: the one tooltip window of the display, which GTK moves to whichever window the pointer
/// is over, is not the window's to free.
fn descendants(window: &gtk::Widget) -> Vec<gtk::Widget> {
    let mut all = vec![window.clone()];
    let mut i = 0;
    while i < all.len() {
        let mut child = all[i].first_child();
        while let Some(widget) = child {
            child = widget.next_sibling();
            if !widget.is::<gtk::Native>() {
                all.push(widget);
            }
        }
        i += 1;
    }
    all
}

/// The widget named `name` (`gtk::Widget::set_widget_name`) in `window`.
fn find(window: &AppWindow, name: &str) -> Result<gtk::Widget, String> {
    descendants(window.upcast_ref())
        .into_iter()
        .find(|widget| widget.widget_name() == name)
        .ok_or_else(|| format!("no widget named {name:?}"))
}

/// Waits until `values` yields `expected`.
async fn wait_for(
    values: &mut (impl futures::Stream<Item = String> + Unpin),
    expected: &str,
    what: &str,
) -> Result<(), String> {
    within(
        async {
            while let Some(value) = values.next().await {
                if value == expected {
                    return true;
                }
            }
            false
        },
        what,
    )
    .await?
    .then_some(())
    .ok_or_else(|| format!("{what}: the stream ended"))
}

/// The process's resident set size, from `/proc/self/status`.
fn rss_kib() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status").map_err(|err| err.to_string())?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmRSS in /proc/self/status".into())
}
