//! The application's window: a subclass of `gtk::ApplicationWindow` whose tasks start in
//! `constructed`, the documented way: connect the streams, then move only the streams into
//! the tasks. No task holds the window or a widget between two items, so closing the window
//! frees it, its widgets, their handlers and the tasks.

use std::{cell::Cell, future::Future, time::Duration};

use futures::{select, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::{glib, prelude::*, subclass::prelude::*};

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

/// Spawns one of a window's tasks on the main context, counted by [`live_tasks`] until it
/// completes or is dropped.
fn spawn(task: impl Future<Output = ()> + 'static) {
    struct Counted;
    impl Drop for Counted {
        fn drop(&mut self) {
            LIVE_TASKS.set(LIVE_TASKS.get() - 1);
        }
    }
    LIVE_TASKS.set(LIVE_TASKS.get() + 1);
    let counted = Counted;
    glib::spawn_future_local(async move {
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

            // Connect the streams, then move only the streams into the tasks: never the
            // window or a widget. What a task needs to touch comes with each item
            // (`with_weak`), for that item only.
            spawn(count_clicks(
                number,
                click.clicked_stream().with_weak(&clicks),
            ));
            spawn(mirror_text(
                entry.property_stream::<String>("text").with_weak(&mirror),
            ));
            spawn(commands(
                number,
                new_window.clicked_stream().with_weak(&*window),
                clear.clicked_stream().with_weak(&entry),
                entry.activate_stream().with_weak(&entry),
            ));
            spawn(save_then_close(
                number,
                window
                    .close_request_stream(|| glib::Propagation::Stop)
                    .with_weak(&*window),
            ));
        }
    }

    impl WidgetImpl for AppWindow {}
    impl WindowImpl for AppWindow {}
    impl ApplicationWindowImpl for AppWindow {}
}

/// Clicks in a loop: counts them on a label.
async fn count_clicks(
    number: u32,
    mut clicks: impl futures::Stream<Item = (gtk::Label, ())> + Unpin,
) {
    let mut count = 0;
    while let Some((label, ())) = clicks.next().await {
        count += 1;
        label.set_label(&format!("{count} clicks"));
        println!("window {number}: clicked {count}");
    }
}

/// A property stream: mirrors the entry's text as it changes.
async fn mirror_text(mut texts: impl futures::Stream<Item = (gtk::Label, String)> + Unpin) {
    while let Some((label, text)) = texts.next().await {
        label.set_label(&format!("“{text}”"));
    }
}

/// Several streams in one `select!` loop: a new window, clearing the entry, Return in it.
async fn commands(
    number: u32,
    mut new_window: impl futures::stream::FusedStream<Item = (AppWindow, ())> + Unpin,
    mut clear: impl futures::stream::FusedStream<Item = (gtk::Entry, ())> + Unpin,
    mut entered: impl futures::stream::FusedStream<Item = (gtk::Entry, ())> + Unpin,
) {
    loop {
        select! {
            item = new_window.next() => if let Some((window, ())) = item {
                if let Some(app) = window.application() {
                    app.activate();
                }
            },
            item = clear.next() => if let Some((entry, ())) = item {
                entry.set_text("");
            },
            item = entered.next() => if let Some((entry, ())) = item {
                println!("window {number}: entered {:?}", entry.text());
                entry.set_text("");
            },
            complete => break,
        }
    }
}

/// `close-request` answered at once (stop), then confirmed asynchronously: the window
/// "saves" (a stand-in for an async write), then destroys itself. The window is held while
/// it saves, and released at once after.
async fn save_then_close(
    number: u32,
    mut requests: impl futures::Stream<Item = (AppWindow, ())> + Unpin,
) {
    while let Some((window, ())) = requests.next().await {
        println!("window {number}: close requested, saving");
        glib::timeout_future(Duration::from_millis(50)).await;
        println!("window {number}: saved, closing");
        window.destroy();
    }
}
