//! Tasks tied to an object (`obj.spawn_local`): the natural code, strong captures and
//! streams of longer-lived objects included, is dropped when the object's life as the user
//! sees it ends. Checked by finalization: the task's captures are dropped, weak references
//! stop upgrading. The GTK tests need a display: run under Xvfb (`scripts/test.sh`).

mod common;

use std::{cell::Cell, rc::Rc};

use futures::StreamExt;
use glib_signal_stream::prelude::*;

/// Says when it is dropped: what a task captured.
struct Guard(Rc<Cell<bool>>);

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

fn guard() -> (Guard, Rc<Cell<bool>>) {
    let dropped = Rc::new(Cell::new(false));
    (Guard(dropped.clone()), dropped)
}

/// Any object: the task ends when the object is disposed, on its own main context.
#[test]
fn a_task_on_an_object_is_dropped_when_the_object_is_disposed() {
    let context = glib::MainContext::new();
    context
        .with_thread_default(|| {
            let obj = common::Emitter::new();
            let (guard, dropped) = guard();
            let mut ticks = obj.ticks();
            let task = obj.spawn_local(async move {
                let _guard = guard;
                while ticks.next().await.is_some() {}
                "the stream ended first"
            });
            obj.tick(1);
            while context.iteration(false) {}
            assert!(!dropped.get(), "runs while the object lives");
            obj.dispose_now();
            assert_eq!(context.block_on(task).unwrap(), None);
            assert!(dropped.get());
        })
        .unwrap();
}

/// An object already disposed but still referenced: GObject keeps no trace of the disposal,
/// so the task runs until the object is finalized (its last unref disposes it again).
#[test]
fn a_task_on_an_already_disposed_object_runs_until_the_object_is_finalized() {
    let context = glib::MainContext::new();
    context
        .with_thread_default(|| {
            let obj = common::Emitter::new();
            obj.dispose_now();
            let (guard, dropped) = guard();
            let _task = obj.spawn_local(async move {
                let _guard = guard;
                futures::future::pending::<()>().await;
            });
            while context.iteration(false) {}
            assert!(!dropped.get(), "runs: the disposal left no trace");
            drop(obj);
            while context.iteration(false) {}
            assert!(dropped.get(), "dropped when the object was finalized");
        })
        .unwrap();
}

#[cfg(feature = "gtk")]
mod gtk {
    use std::{cell::Cell, rc::Rc};

    use futures::StreamExt;
    use gio::prelude::*;
    use glib_signal_stream::prelude::*;
    use gtk4::prelude::*;

    use super::guard;

    /// Runs the default main context until nothing is ready: woken tasks run.
    fn settle() {
        let context = glib::MainContext::default();
        while context.iteration(false) {}
    }

    /// A window with a label, as a window subclass builds it.
    fn window_with_label() -> (gtk4::Window, gtk4::Label) {
        let window = gtk4::Window::new();
        let label = gtk4::Label::new(Some("0"));
        window.set_child(Some(&label));
        (window, label)
    }

    /// The natural code: the task holds the window and its label strongly and awaits a
    /// stream of an object that outlives the window. Closing the window ends the task and
    /// frees the window, the label and the stream's handler.
    #[gtk4::test]
    fn closing_a_window_drops_its_task_and_frees_what_it_held() {
        let action = gio::SimpleAction::new("refresh", None); // outlives the window
        let (window, label) = window_with_label();
        window.present();
        let (guard, dropped) = guard();
        let activations = action.activate_stream();
        let task = window.spawn_local({
            let (window, label) = (window.clone(), label.clone());
            async move {
                let _guard = guard;
                let mut activations = activations;
                let mut count = 0;
                while activations.next().await.is_some() {
                    count += 1;
                    label.set_label(&count.to_string());
                    window.set_title(Some(&format!("{count} refreshes")));
                }
            }
        });
        action.activate(None);
        settle();
        assert_eq!(label.label(), "1", "the task runs while the window is open");

        let (weak_window, weak_label) = (window.downgrade(), label.downgrade());
        drop(label);
        window.close();
        drop(window);
        settle();
        assert!(dropped.get(), "the task was dropped");
        assert!(weak_window.upgrade().is_none(), "the window was finalized");
        assert!(weak_label.upgrade().is_none(), "the label was finalized");
        assert_eq!(futures::executor::block_on(task).unwrap(), None);
        // The stream the task held was dropped with it: its handler is disconnected.
        let id = glib::subclass::SignalId::lookup("activate", action.type_()).unwrap();
        assert!(!glib::signal::signal_has_handler_pending(
            &action, id, None, true
        ));
    }

    /// A child widget's task ends when its window is destroyed, although GTK does not
    /// dispose a destroyed window the task still references.
    #[gtk4::test]
    fn a_child_widgets_task_is_dropped_when_its_window_is_destroyed() {
        let (window, label) = window_with_label();
        let (guard, dropped) = guard();
        let _task = label.spawn_local({
            let (window, label) = (window.clone(), label.clone());
            async move {
                let _held = (guard, window, label);
                futures::future::pending::<()>().await;
            }
        });
        settle();
        assert!(!dropped.get());
        let weak = window.downgrade();
        window.destroy();
        drop((window, label));
        settle();
        assert!(dropped.get());
        assert!(weak.upgrade().is_none(), "the window was finalized");
    }

    /// Removed from its window for good: the task ends. Moved to another parent within one
    /// main loop iteration: it goes on.
    #[gtk4::test]
    fn a_child_widgets_task_ends_when_it_leaves_its_window_for_good() {
        let (window, label) = window_with_label();
        let (guard, dropped) = guard();
        let _task = label.spawn_local({
            let label = label.clone();
            async move {
                let _held = (guard, label);
                futures::future::pending::<()>().await;
            }
        });
        settle();

        let frame = gtk4::Frame::new(None);
        window.set_child(None::<&gtk4::Widget>);
        frame.set_child(Some(&label));
        window.set_child(Some(&frame));
        settle();
        assert!(!dropped.get(), "moved to a new parent: still in the window");

        frame.set_child(None::<&gtk4::Widget>);
        settle();
        assert!(dropped.get(), "removed for good");
        window.destroy();
    }

    /// A window that hides on close may be shown again: its tasks go on.
    #[gtk4::test]
    fn a_window_that_hides_on_close_keeps_its_tasks() {
        let window = gtk4::Window::new();
        window.set_hide_on_close(true);
        window.present();
        let (guard, dropped) = guard();
        let _task = window.spawn_local(async move {
            let _guard = guard;
            futures::future::pending::<()>().await;
        });
        settle();
        window.close();
        settle();
        assert!(!window.is_visible(), "hidden");
        assert!(!dropped.get(), "its task goes on");
        window.destroy();
        settle();
        assert!(dropped.get(), "destroyed: its task ends");
    }

    /// A task spawned on a widget whose window is already destroyed never runs.
    #[gtk4::test]
    fn a_task_on_a_widget_of_a_destroyed_window_never_runs() {
        let (window, label) = window_with_label();
        window.destroy();
        let ran = Rc::new(Cell::new(false));
        let task = label.spawn_local({
            let ran = ran.clone();
            async move { ran.set(true) }
        });
        settle();
        assert!(!ran.get());
        assert_eq!(futures::executor::block_on(task).unwrap(), None);
    }

    /// A task spawned on a window that is already destroyed never runs.
    #[gtk4::test]
    fn a_task_on_a_destroyed_window_never_runs() {
        let window = gtk4::Window::new();
        window.destroy();
        let ran = Rc::new(Cell::new(false));
        let task = window.spawn_local({
            let ran = ran.clone();
            async move { ran.set(true) }
        });
        settle();
        assert!(!ran.get());
        assert_eq!(futures::executor::block_on(task).unwrap(), None);
    }

    /// The leak check an application's own test uses: everything freed after the close.
    #[gtk4::test]
    fn leak_check_sees_a_closed_window_its_widgets_and_tasks_freed() {
        let (window, label) = window_with_label();
        let _task = label.spawn_local(glib::clone!(
            #[strong]
            window,
            async move {
                let _window = window;
                futures::future::pending::<()>().await;
            }
        ));
        let check = glib_signal_stream::LeakCheck::new(&window);
        assert!(check.len() >= 2, "the window and its label");
        window.present(); // close() does nothing to a window never shown
        settle();
        window.close();
        drop((window, label));
        settle();
        check.assert_freed();
    }

    /// What is still alive is named, and the tied task holding it, with where it was spawned.
    #[gtk4::test]
    fn leak_check_names_what_is_alive_and_the_task_that_holds_it() {
        let (window, label) = window_with_label();
        label.set_widget_name("status");
        window.set_hide_on_close(true); // closing only hides it: its tasks go on
        let _task = window.spawn_local(glib::clone!(
            #[strong]
            label,
            async move {
                let _label = label;
                futures::future::pending::<()>().await;
            }
        ));
        let check = glib_signal_stream::LeakCheck::new(&window);
        window.present();
        settle();
        window.close();
        drop(label);
        settle();
        let leaks = check.check().unwrap_err();
        let report = leaks.to_string();
        assert!(report.contains("GtkLabel 'status'"), "{report}");
        assert!(report.contains("GtkWindow"), "{report}");
        assert_eq!(leaks.running_tasks(), 1, "{report}");
        assert!(
            report.contains(&format!("task spawned at {}", file!())),
            "{report}"
        );
        window.destroy();
        drop(window);
        settle();
        check.assert_freed();
    }

    /// A task started with `glib::spawn_future_local` that holds its window: the check fails
    /// and says no tied task is running, so the holder is elsewhere.
    #[gtk4::test]
    fn leak_check_reports_a_window_held_by_an_untied_task() {
        let window = gtk4::Window::new();
        let held = window.clone();
        let task = glib::spawn_future_local(async move {
            let _held = held;
            futures::future::pending::<()>().await;
        });
        let check = glib_signal_stream::LeakCheck::new(&window);
        window.present();
        settle();
        window.close();
        drop(window);
        settle();
        let leaks = check.check().unwrap_err();
        assert_eq!(leaks.running_tasks(), 0);
        assert!(
            leaks.to_string().contains("glib::spawn_future_local"),
            "{leaks}"
        );
        task.abort();
        settle();
    }

    /// A window held by the handler of a stream of an object that outlives it (an action):
    /// the report names that stream, and a stream of a watched widget as watched. Debug
    /// builds only: release builds keep no record of streams.
    #[cfg(debug_assertions)]
    #[gtk4::test]
    fn leak_check_names_the_streams_still_connected() {
        let (window, label) = window_with_label();
        label.set_widget_name("status");
        let action = gio::SimpleAction::new("refresh", None);
        let held = window.clone();
        let outside = action
            .signal_stream_builder("activate")
            .handler(move |_| {
                let _ = &held; // the handler holds the window
            })
            .build();
        let inside = label.property_stream::<String>("label");
        let check = glib_signal_stream::LeakCheck::new(&window);
        window.present();
        settle();
        window.close();
        drop((window, label));
        settle();
        let leaks = check.check().unwrap_err();
        let report = leaks.to_string();
        assert!(
            leaks
                .connected_streams()
                .iter()
                .any(|s| s == "`activate` of a GSimpleAction"),
            "{report}"
        );
        assert!(
            report.contains("stream of `notify::label` of GtkLabel 'status' (watched)"),
            "{report}"
        );
        drop((outside, inside));
        settle();
        check.assert_freed();
        drop(action);
    }
}
