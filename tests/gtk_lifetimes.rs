//! What "the emitter is disposed" means in GTK 4, and the rule the crate's docs give for a
//! window's tasks: move only streams into a task, never the window. Each test is one claim of
//! the docs ("Lifetimes in a GTK application"), checked by finalization: weak references that
//! stop upgrading, tasks that complete. Needs a display: run under Xvfb (`scripts/test.sh`).
#![cfg(feature = "gtk")]

use std::{cell::Cell, rc::Rc};

use futures::StreamExt;
use glib_signal_stream::prelude::*;
use gtk4::prelude::*;

/// Runs the default main context until nothing is ready: woken tasks run, idles fire.
fn settle() {
    let context = glib::MainContext::default();
    while context.iteration(false) {}
}

/// Spawns `future` on the default main context; the flag says whether it has completed.
fn spawn_flagged(
    future: impl std::future::Future<Output = ()> + 'static,
) -> (Rc<Cell<bool>>, glib::JoinHandle<()>) {
    let done = Rc::new(Cell::new(false));
    let flag = done.clone();
    let handle = glib::MainContext::default().spawn_local(async move {
        future.await;
        flag.set(true);
    });
    (done, handle)
}

#[gtk4::test]
fn child_widget_is_disposed_once_removed_from_its_parent_and_unreferenced() {
    let window = gtk4::Window::new();
    let button = gtk4::Button::with_label("child");
    window.set_child(Some(&button));
    let mut clicks = button.clicked_stream();
    let weak = button.downgrade();
    drop(button);
    settle();
    assert!(weak.upgrade().is_some(), "its parent holds it");

    window.set_child(None::<&gtk4::Widget>);
    assert!(weak.upgrade().is_none());
    assert_eq!(futures::executor::block_on(clicks.next()), None);
    window.destroy();
}

#[gtk4::test]
fn destroyed_window_is_not_disposed_while_rust_references_it() {
    let window = gtk4::Window::new();
    let mut close_requests = window.close_request_stream(|| glib::Propagation::Proceed);
    let (ended, _task) =
        spawn_flagged(async move { while close_requests.next().await.is_some() {} });
    window.destroy();
    settle();
    assert!(
        !ended.get(),
        "destroy() is not dispose while `window` is held"
    );

    let weak = window.downgrade();
    drop(window);
    settle();
    assert!(weak.upgrade().is_none());
    assert!(
        ended.get(),
        "disposed with its last reference: the stream ended"
    );
}

#[gtk4::test]
fn task_holding_its_window_keeps_it_alive_after_destroy() {
    let window = gtk4::Window::new();
    let weak = window.downgrade();
    let mut close_requests = window.close_request_stream(|| glib::Propagation::Stop);
    // The trap: the task owns `window` (to destroy it), so the stream it awaits never ends.
    let task_window = window.clone();
    let (ended, task) = spawn_flagged(async move {
        while close_requests.next().await.is_some() {
            task_window.destroy();
        }
    });
    window.present(); // close() asks only a realized window
    window.close();
    settle();
    drop(window);
    settle();
    assert!(
        weak.upgrade().is_some(),
        "leaked: the task holds the window"
    );
    assert!(!ended.get(), "the task waits forever");
    // The task was the holder: aborting it (its handle dropped, its future goes) frees the
    // window.
    task.abort();
    drop(task);
    settle();
    assert!(weak.upgrade().is_none());
}

#[gtk4::test]
fn task_holding_only_streams_lets_its_window_go() {
    let window = gtk4::Window::new();
    let button = gtk4::Button::with_label("button");
    window.set_child(Some(&button));
    let weak = window.downgrade();
    let mut close_requests = window
        .close_request_stream(|| glib::Propagation::Stop)
        .with_weak(&window);
    let mut clicks = button.clicked_stream();
    drop(button);
    // The rule: connect the streams, then move only the streams into the task.
    let (closer, _closer) = spawn_flagged(async move {
        while let Some((window, ())) = close_requests.next().await {
            window.destroy();
        }
    });
    let (clicker, _clicker) = spawn_flagged(async move { while clicks.next().await.is_some() {} });
    window.present(); // close() asks only a realized window
    window.close();
    settle();
    drop(window);
    settle();
    assert!(weak.upgrade().is_none(), "window finalized");
    assert!(closer.get() && clicker.get(), "both tasks ended");
}

#[gtk4::test]
fn clone_weak_on_an_async_block_holds_the_window_for_the_whole_task() {
    let window = gtk4::Window::new();
    let weak = window.downgrade();
    let mut close_requests = window.close_request_stream(|| glib::Propagation::Stop);
    // `#[weak]` upgrades once, when the task starts, and keeps the strong reference.
    let (ended, task) = spawn_flagged(glib::clone!(
        #[weak]
        window,
        async move {
            while close_requests.next().await.is_some() {
                window.destroy();
            }
        }
    ));
    settle();
    window.present(); // close() asks only a realized window
    window.close();
    settle();
    drop(window);
    settle();
    assert!(
        weak.upgrade().is_some(),
        "leaked: the upgraded reference lives in the task"
    );
    assert!(!ended.get());
    // The task was the holder: aborting it (its handle dropped, its future goes) frees the
    // window.
    task.abort();
    drop(task);
    settle();
    assert!(weak.upgrade().is_none());
}

#[gtk4::test]
fn application_stream_in_a_window_task_outlives_the_window_unless_tied_to_it() {
    // The application lives as long as `run()` does: its streams end only after that.
    let app = gtk4::Application::new(None::<&str>, gtk4::gio::ApplicationFlags::NON_UNIQUE);
    app.register(None::<&gtk4::gio::Cancellable>)
        .expect("registered (startup runs)");
    let window = gtk4::Window::new();
    window.set_application(Some(&app));
    let weak = window.downgrade();
    let mut untied = app.activate_stream();
    let mut tied = app.activate_stream().take_until_disposed(&window);
    let (untied_ended, _untied) =
        spawn_flagged(async move { while untied.next().await.is_some() {} });
    let (tied_ended, _tied) = spawn_flagged(async move { while tied.next().await.is_some() {} });

    window.destroy();
    drop(window);
    settle();
    assert!(weak.upgrade().is_none());
    assert!(tied_ended.get(), "ended with the window");
    assert!(!untied_ended.get(), "still waiting for the application");
    drop(app);
}
