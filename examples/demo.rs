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
//! input through xdotool (clicks, typing), prints what happened, saves a screenshot of its
//! window (with ImageMagick's `import`) to `demo.png` (or `$GSS_DEMO_SCREENSHOT`), stops Xvfb and exits.
//!
//! ```sh
//! scripts/demo.sh             # or: cargo run --example demo
//! env -u DISPLAY cargo run --example demo   # the headless run
//! ```

use std::{cell::Cell, rc::Rc, time::Duration};

use futures::{future, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

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

/// The demo driving itself with real X input, awaiting the effect of each step on the very
/// streams it demonstrates.
mod drive {
    use super::*;

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
    async fn within<T>(
        future: impl std::future::Future<Output = T>,
        what: &str,
    ) -> Result<T, String> {
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
}

/// No display: run the demo on a private Xvfb.
mod headless {
    use std::{
        os::unix::net::UnixStream,
        path::Path,
        process::{Child, Command, Stdio},
        time::Instant,
    };

    use super::*;

    /// Starts Xvfb, runs this program on it (driving itself), stops Xvfb; the exit code.
    pub fn run() -> i32 {
        let Some((mut xvfb, display)) = start_xvfb() else {
            eprintln!(
                "demo: no display, and Xvfb could not be started (scripts/demo.sh installs it)"
            );
            return 1;
        };
        println!("no display: started Xvfb on {display}");
        let status = Command::new(std::env::current_exe().expect("the demo's own path"))
            .args(std::env::args_os().skip(1))
            .env("DISPLAY", &display)
            .env("GSS_DEMO_DRIVE", "1")
            .env(
                "GSK_RENDERER",
                std::env::var("GSK_RENDERER").unwrap_or_else(|_| "cairo".into()),
            )
            .env("NO_AT_BRIDGE", "1")
            .status();
        // SIGTERM lets Xvfb remove its socket and lock file.
        let _ = Command::new("kill").arg(xvfb.id().to_string()).status();
        let _ = xvfb.wait();
        println!("stopped Xvfb on {display}");
        match status {
            Ok(status) => status.code().unwrap_or(1),
            Err(err) => {
                eprintln!("demo: cannot re-run itself: {err}");
                1
            }
        }
    }

    /// Starts Xvfb on the first free display from :99 and waits until it accepts connections.
    fn start_xvfb() -> Option<(Child, String)> {
        for number in 99..199 {
            let socket = format!("/tmp/.X11-unix/X{number}");
            if Path::new(&socket).exists() || Path::new(&format!("/tmp/.X{number}-lock")).exists() {
                continue;
            }
            let display = format!(":{number}");
            let mut xvfb = Command::new("Xvfb")
                .args([&display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .ok()?;
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                if UnixStream::connect(&socket).is_ok() {
                    return Some((xvfb, display));
                }
                if xvfb.try_wait().ok().flatten().is_some() {
                    break; // lost a race for this display: try the next one
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = xvfb.kill();
            let _ = xvfb.wait();
        }
        None
    }
}
