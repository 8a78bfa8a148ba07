//! The application's window: a subclass of `gtk::ApplicationWindow` whose tasks start in
//! `constructed`, written the natural way: connect the streams, then spawn each task on the
//! window (`window.spawn_local`), holding the window and its widgets strongly and awaiting a
//! stream of the application's action, which outlives every window. Closing the window ends
//! its tasks (the window is destroyed), which frees it, its widgets and their handlers.

use std::{cell::Cell, future::Future, time::Duration};

use futures::{select, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::{glib, glib::clone, prelude::*, subclass::prelude::*};

glib::wrapper! {
    pub struct AppWindow(ObjectSubclass<imp::AppWindow>)
        @extends gtk::ApplicationWindow, gtk::Window, gtk::Widget,
        @implements gio::ActionGroup, gio::ActionMap, gtk::Buildable, gtk::ConstraintTarget,
            gtk::Native, gtk::Root, gtk::ShortcutManager;
}

impl AppWindow {
    pub fn new(app: &gtk::Application) -> Self {
        glib::Object::builder().property("application", app).build()
    }

    /// The window's number, in its title (`gss app 3`).
    pub fn number(&self) -> u32 {
        self.imp().number.get()
    }
}

// How many windows were opened so far: numbers them.
thread_local!(static OPENED: Cell<u32> = const { Cell::new(0) });

// How many windows' tasks are alive (spawned, not yet completed or dropped).
thread_local!(static LIVE_TASKS: Cell<usize> = const { Cell::new(0) });

/// The number of window tasks alive now, on this thread.
pub fn live_tasks() -> usize {
    LIVE_TASKS.get()
}

/// Spawns one of a window's tasks on the window, counted by [`live_tasks`] until it
/// completes or is dropped (when the window is destroyed).
fn spawn(window: &AppWindow, task: impl Future<Output = ()> + 'static) {
    struct Counted;
    impl Drop for Counted {
        fn drop(&mut self) {
            LIVE_TASKS.set(LIVE_TASKS.get() - 1);
        }
    }
    LIVE_TASKS.set(LIVE_TASKS.get() + 1);
    let counted = Counted;
    window.spawn_local(async move {
        let _counted = counted;
        task.await;
    });
}

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct AppWindow {
        pub number: Cell<u32>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for AppWindow {
        const NAME: &'static str = "GssAppWindow";
        type Type = super::AppWindow;
        type ParentType = gtk::ApplicationWindow;
    }

    impl ObjectImpl for AppWindow {
        fn constructed(&self) {
            self.parent_constructed();
            let window = self.obj();
            let number = OPENED.get() + 1;
            OPENED.set(number);
            self.number.set(number);
            window.set_title(Some(&format!("gss app {number}")));
            window.set_default_size(560, -1);

            let named = |widget: &gtk::Widget, name: &str| widget.set_widget_name(name);
            let click = gtk::Button::with_label("Click me");
            let clicks = gtk::Label::new(Some("0 clicks"));
            let entry = gtk::Entry::builder()
                .placeholder_text("Type, then Return")
                .build();
            let mirror = gtk::Label::new(Some("“”"));
            let new_window = gtk::Button::with_label("New window");
            let clear = gtk::Button::with_label("Clear");
            named(click.upcast_ref(), "click");
            named(clicks.upcast_ref(), "clicks");
            named(entry.upcast_ref(), "entry");
            named(mirror.upcast_ref(), "mirror");
            named(new_window.upcast_ref(), "new-window");
            named(clear.upcast_ref(), "clear");

            let grid = gtk::Grid::builder()
                .row_spacing(12)
                .column_spacing(12)
                .margin_top(18)
                .margin_bottom(18)
                .margin_start(18)
                .margin_end(18)
                .build();
            grid.attach(&click, 0, 0, 1, 1);
            grid.attach(&clicks, 1, 0, 1, 1);
            grid.attach(&entry, 0, 1, 1, 1);
            grid.attach(&mirror, 1, 1, 1, 1);
            grid.attach(&new_window, 0, 2, 1, 1);
            grid.attach(&clear, 1, 2, 1, 1);
            window.set_child(Some(&grid));
            // A header bar, as most GTK 4 applications have: GTK draws it, with its close
            // button, also where no window manager decorates windows.
            window.set_titlebar(Some(&gtk::HeaderBar::new()));

            // Connect the streams, then spawn the tasks on the window: a task may hold the
            // window and its widgets, and await streams of longer-lived objects (the
            // application's `reset` action); destroying the window drops it.
            let window = window.clone();
            let clicked = click.clicked_stream();
            spawn(
                &window,
                clone!(
                    #[strong]
                    clicks,
                    async move {
                        let mut clicked = clicked;
                        let mut count = 0;
                        while clicked.next().await.is_some() {
                            count += 1;
                            clicks.set_label(&format!("{count} clicks"));
                            println!("window {number}: clicked {count}");
                        }
                    }
                ),
            );
            let texts = entry.property_stream::<String>("text");
            spawn(
                &window,
                clone!(
                    #[strong]
                    mirror,
                    async move {
                        let mut texts = texts;
                        while let Some(text) = texts.next().await {
                            mirror.set_label(&format!("“{text}”"));
                        }
                    }
                ),
            );
            let new_window_clicked = new_window.clicked_stream();
            let clear_clicked = clear.clicked_stream();
            let entered = entry.activate_stream();
            let resets = window
                .application()
                .and_then(|app| app.lookup_action("reset"))
                .and_then(|action| action.downcast::<gio::SimpleAction>().ok())
                .map(|action| action.activate_stream());
            spawn(
                &window,
                clone!(
                    #[strong]
                    window,
                    #[strong]
                    entry,
                    async move {
                        commands(
                            number,
                            &window,
                            &entry,
                            new_window_clicked.fuse(),
                            clear_clicked.fuse(),
                            entered.fuse(),
                            futures::stream::iter(resets).flatten().fuse(),
                        )
                        .await
                    }
                ),
            );
            let close_requests = window.close_request_stream(|| glib::Propagation::Stop);
            spawn(
                &window,
                clone!(
                    #[strong]
                    window,
                    async move {
                        let mut close_requests = close_requests;
                        while close_requests.next().await.is_some() {
                            save_then_close(number, &window).await;
                        }
                    }
                ),
            );
        }
    }

    impl WidgetImpl for AppWindow {}
    impl WindowImpl for AppWindow {}
    impl ApplicationWindowImpl for AppWindow {}
}

/// Several streams in one `select!` loop: a new window, clearing the entry (a click, or the
/// application's `reset` action), Return in the entry.
async fn commands(
    number: u32,
    window: &AppWindow,
    entry: &gtk::Entry,
    mut new_window: impl futures::stream::FusedStream + Unpin,
    mut clear: impl futures::stream::FusedStream + Unpin,
    mut entered: impl futures::stream::FusedStream + Unpin,
    mut resets: impl futures::stream::FusedStream + Unpin,
) {
    loop {
        select! {
            item = new_window.next() => if item.is_some() {
                if let Some(app) = window.application() {
                    app.activate();
                }
            },
            item = clear.next() => if item.is_some() {
                entry.set_text("");
            },
            item = resets.next() => if item.is_some() {
                entry.set_text("");
            },
            item = entered.next() => if item.is_some() {
                println!("window {number}: entered {:?}", entry.text());
                entry.set_text("");
            },
            complete => break,
        }
    }
}

/// `close-request` answered at once (stop), then confirmed asynchronously: the window
/// "saves" (a stand-in for an async write), then destroys itself, which ends its tasks.
async fn save_then_close(number: u32, window: &AppWindow) {
    println!("window {number}: close requested, saving");
    glib::timeout_future(Duration::from_millis(50)).await;
    println!("window {number}: saved, closing");
    window.destroy();
}
