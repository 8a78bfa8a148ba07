//! The main demo: one window, several signal streams at work, each a few lines of async code.
//!
//! - a button's clicks counted (`clicked_stream`),
//! - an entry's text mirrored as it changes (`property_stream::<String>("text")`),
//! - every key press in the window (`key_pressed_stream`),
//! - a timer (`glib::interval_stream`),
//! - and the window's `close-request`, which ends the program with a summary.
//!
//! On a desktop it opens a window for you to play with. With no display (no `DISPLAY` or
//! `WAYLAND_DISPLAY`), it starts its own Xvfb, runs itself there and drives itself with real
//! X input (clicks, typing), prints what happened, saves a screenshot of its
//! window (with ImageMagick's `import`) to `demo.png` (or `$GSS_DEMO_SCREENSHOT`), stops Xvfb
//! and exits. That part lives beside this file (`drive.rs`, the steps) and in `../shared/`
//! (`xinput.rs`, the X input; `headless.rs`, the private Xvfb).
//!
//! ```sh
//! scripts/demo.sh             # or: cargo run --example demo
//! env -u DISPLAY cargo run --example demo   # the headless run
//! ```

use std::{cell::Cell, rc::Rc, time::Duration};

use futures::StreamExt;
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

mod drive;
#[path = "../shared/headless.rs"]
mod headless;
#[path = "../shared/xinput.rs"]
mod xinput;

const TITLE: &str = "glib-signal-stream demo";

struct Ui {
    window: gtk::Window,
    button: gtk::Button,
    clicks: gtk::Label,
    entry: gtk::Entry,
    mirror: gtk::Label,
    keys: gtk::Label,
    timer: gtk::Label,
}

/// What the streams saw, for the summary at the end.
#[derive(Default)]
struct Seen {
    clicks: Cell<u32>,
    keys: Cell<u32>,
    seconds: Cell<u32>,
}

async fn count_clicks(ui: Rc<Ui>, seen: Rc<Seen>) {
    let mut clicks = ui.button.clicked_stream();
    while clicks.next().await.is_some() {
        seen.clicks.set(seen.clicks.get() + 1);
        println!("clicked {}", seen.clicks.get());
        ui.clicks
            .set_label(&format!("{} clicks", seen.clicks.get()));
    }
}

async fn mirror_text(ui: Rc<Ui>) {
    // The current text first, then the latest text after each change.
    let mut texts = ui.entry.property_stream::<String>("text");
    while let Some(text) = texts.next().await {
        if !text.is_empty() {
            println!("text {text:?}");
        }
        ui.mirror.set_label(&format!("“{text}”"));
    }
}

async fn show_keys(ui: Rc<Ui>, seen: Rc<Seen>) {
    let controller = gtk::EventControllerKey::new();
    // Capture phase: the window sees each key before the entry, and lets it through.
    controller.set_propagation_phase(gtk::PropagationPhase::Capture);
    let mut presses = controller.key_pressed_stream(|_, _, _| glib::Propagation::Proceed);
    ui.window.add_controller(controller);
    while let Some((key, _code, _modifiers)) = presses.next().await {
        let name = key
            .name()
            .map_or_else(|| "?".into(), |name| name.to_string());
        seen.keys.set(seen.keys.get() + 1);
        println!("key {name}");
        ui.keys
            .set_label(&format!("last key: {name} ({} keys)", seen.keys.get()));
    }
}

async fn run_timer(ui: Rc<Ui>, seen: Rc<Seen>) {
    let mut seconds = glib::interval_stream(Duration::from_secs(1));
    while seconds.next().await.is_some() {
        seen.seconds.set(seen.seconds.get() + 1);
        ui.timer
            .set_label(&format!("running for {} s", seen.seconds.get()));
    }
}

fn main() {
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|value| !value.is_empty()));
    if !has_display {
        std::process::exit(headless::run());
    }

    gtk::init().expect("GTK needs a display");
    let ui = Rc::new(Ui::new());
    let seen = Rc::new(Seen::default());
    let mut close_requests = ui
        .window
        .close_request_stream(|| glib::Propagation::Proceed);
    ui.window.present();

    let context = glib::MainContext::default();
    context.spawn_local(count_clicks(ui.clone(), seen.clone()));
    context.spawn_local(mirror_text(ui.clone()));
    context.spawn_local(show_keys(ui.clone(), seen.clone()));
    context.spawn_local(run_timer(ui.clone(), seen.clone()));
    let driver = std::env::var_os("GSS_DEMO_DRIVE")
        .is_some()
        .then(|| context.spawn_local(drive::run(ui.clone())));

    context.block_on(close_requests.next());
    println!(
        "summary: {} clicks, text {:?}, {} keys, {} s",
        seen.clicks.get(),
        ui.entry.text(),
        seen.keys.get(),
        seen.seconds.get()
    );
    ui.window.destroy();
    if let Some(driver) = driver {
        if let Err(err) = context.block_on(driver).expect("the driver ran to its end") {
            eprintln!("demo: {err}");
            std::process::exit(1);
        }
    }
}

impl Ui {
    fn new() -> Self {
        let button = gtk::Button::with_label("Click me");
        let entry = gtk::Entry::builder().placeholder_text("Type here").build();
        let label = |text: &str| {
            gtk::Label::builder()
                .label(text)
                .xalign(0.0)
                .hexpand(true)
                .build()
        };
        let clicks = label("0 clicks");
        let mirror = label("“”");
        let keys = label("last key: none");
        let timer = label("running for 0 s");

        let grid = gtk::Grid::builder()
            .row_spacing(12)
            .column_spacing(12)
            .margin_top(18)
            .margin_bottom(18)
            .margin_start(18)
            .margin_end(18)
            .build();
        let heading = gtk::Label::builder()
            .label("<b>GObject signals as futures streams</b>")
            .use_markup(true)
            .xalign(0.0)
            .build();
        grid.attach(&heading, 0, 0, 3, 1);
        let rows: [(&str, gtk::Widget, &gtk::Label); 4] = [
            ("clicked", button.clone().upcast(), &clicks),
            ("text", entry.clone().upcast(), &mirror),
            ("key-pressed", label("Type anywhere").upcast(), &keys),
            ("interval", label("Every second").upcast(), &timer),
        ];
        for (row, (signal, input, output)) in (1..).zip(rows) {
            let name = gtk::Label::builder()
                .label(format!("<tt>{signal}</tt>"))
                .use_markup(true)
                .xalign(0.0)
                .build();
            grid.attach(&name, 0, row, 1, 1);
            grid.attach(&input, 1, row, 1, 1);
            grid.attach(output, 2, row, 1, 1);
        }
        let window = gtk::Window::builder()
            .title(TITLE)
            .default_width(560)
            .child(&grid)
            .build();
        Self {
            window,
            button,
            clicks,
            entry,
            mirror,
            keys,
            timer,
        }
    }
}
