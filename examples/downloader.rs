//! A simulated download with signal streams: a `Downloader` object whose signals are declared
//! with `#[glib_signal_stream::signals]` reports `progress`, asks `confirm-overwrite` before
//! it replaces a file (answered inside the emission by the "Overwrite" check button), and says
//! when it has `finished`. Compare with `downloader_callbacks.rs`, the same program written
//! with callbacks.
//!
//! A `gtk::Application`: one task spawned on the window (`window.spawn_local`) follows the
//! buttons and the downloader in one `select_biased!` loop, holding the widgets strongly;
//! closing the window drops the task, and with it the downloader and the download running.
//!
//! It prints `downloading file.bin` when a download starts and `result: ...` when one ends:
//! `done, 10 progress steps`, `done (overwrite confirmed), 10 progress steps` once the file
//! exists, `kept the existing file` if overwriting is refused, or `cancelled`. Once the
//! window is closed it prints `closed: window and N widgets finalized` (or what is still
//! alive, and it exits with 1).
//!
//! ```sh
//! cargo run --example downloader
//! ```

use std::time::Duration;

use futures::{select_biased, StreamExt};
use glib::{clone, subclass::prelude::*};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

#[path = "shared/closing.rs"]
mod closing;
mod test_hook;

/// Where the download goes.
const FILE: &str = "file.bin";
/// How many steps a download takes, and how long each does, as a network would.
const STEPS: u32 = 10;
const STEP_TIME: Duration = Duration::from_millis(250);

mod imp {
    use std::cell::{Cell, RefCell};

    use super::*;

    #[derive(Default)]
    pub struct Downloader {
        /// The timer bringing the next step, while a download runs.
        pub worker: RefCell<Option<glib::SourceId>>,
        /// Whether a download has completed: the next one replaces its file.
        pub exists: Cell<bool>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Downloader {
        const NAME: &'static str = "GssDownloader";
        type Type = super::Downloader;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Downloader)]
    impl Downloader {
        /// How much of the file has arrived, in percent.
        #[signal(run_last)]
        fn progress(&self, percent: u32);

        /// The download has ended: `done`, `kept` (overwriting refused) or `cancelled`.
        #[signal(run_last)]
        fn finished(&self, outcome: &str);

        /// Whether the download may replace the existing `path`; no answer is no.
        #[signal(run_last)]
        fn confirm_overwrite(&self, path: &str) -> bool;
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Downloader {
        fn dispose(&self) {
            if let Some(worker) = self.worker.take() {
                worker.remove();
            }
        }
    }
}

glib::wrapper! {
    pub struct Downloader(ObjectSubclass<imp::Downloader>);
}

impl Downloader {
    /// Starts downloading to `path`, once allowed to replace it if it exists.
    fn start(&self, path: &str) {
        let imp = self.imp();
        if self.is_running() {
            return;
        }
        if imp.exists.get() && !self.emit_confirm_overwrite(path) {
            self.emit_finished("kept");
            return;
        }
        let mut step = 0;
        let worker = glib::timeout_add_local(
            STEP_TIME,
            clone!(
                #[weak(rename_to = downloader)]
                self,
                #[upgrade_or]
                glib::ControlFlow::Break,
                move || {
                    step += 1;
                    downloader.emit_progress(step * 100 / STEPS);
                    if step < STEPS {
                        return glib::ControlFlow::Continue;
                    }
                    // This timer ends here, and its id with it.
                    downloader.imp().worker.take();
                    downloader.imp().exists.set(true);
                    downloader.emit_finished("done");
                    glib::ControlFlow::Break
                }
            ),
        );
        imp.worker.replace(Some(worker));
    }

    fn is_running(&self) -> bool {
        self.imp().worker.borrow().is_some()
    }

    /// Stops the download running, if one is.
    fn cancel(&self) {
        if let Some(worker) = self.imp().worker.take() {
            worker.remove();
            self.emit_finished("cancelled");
        }
    }
}

/// What the window shows, and the program prints, once a download has ended.
fn describe(outcome: &str, confirmed: bool, steps: u32) -> String {
    match outcome {
        "done" if confirmed => format!("done (overwrite confirmed), {steps} progress steps"),
        "done" => format!("done, {steps} progress steps"),
        "kept" => "kept the existing file".to_owned(),
        other => other.to_owned(),
    }
}

#[derive(Clone)]
struct Ui {
    window: gtk::ApplicationWindow,
    overwrite: gtk::CheckButton,
    download: gtk::Button,
    cancel: gtk::Button,
    bar: gtk::ProgressBar,
    result: gtk::Label,
}

fn build_ui(app: &gtk::Application, title: &str) -> Ui {
    let overwrite = gtk::CheckButton::builder()
        .label("Overwrite an existing file")
        .active(true)
        .build();
    let download = gtk::Button::with_label("Download");
    let cancel = gtk::Button::builder()
        .label("Cancel")
        .sensitive(false)
        .build();
    let bar = gtk::ProgressBar::new();
    // Ellipsized: a long result does not widen the window, and no button moves.
    let result = gtk::Label::builder()
        .ellipsize(gtk::pango::EllipsizeMode::End)
        .build();
    let buttons = gtk::Box::new(gtk::Orientation::Horizontal, 6);
    buttons.append(&download);
    buttons.append(&cancel);
    let column = gtk::Box::new(gtk::Orientation::Vertical, 12);
    column.append(&overwrite);
    column.append(&buttons);
    column.append(&bar);
    column.append(&result);
    let window = gtk::ApplicationWindow::builder()
        .application(app)
        .title(title)
        .default_width(300)
        .child(&column)
        .build();
    // A header bar, as most GTK 4 applications have: its close button is there also where
    // no window manager decorates windows.
    window.set_titlebar(Some(&gtk::HeaderBar::new()));
    window.present();
    test_hook::print_geometry(
        window.upcast_ref(),
        &[
            ("overwrite", overwrite.upcast_ref()),
            ("download", download.upcast_ref()),
            ("cancel", cancel.upcast_ref()),
        ],
    );
    Ui {
        window,
        overwrite,
        download,
        cancel,
        bar,
        result,
    }
}

impl Ui {
    fn set_running(&self, running: bool) {
        self.download.set_sensitive(!running);
        self.cancel.set_sensitive(running);
    }
}

fn build_window(app: &gtk::Application) {
    let ui = build_ui(app, "gss downloader");
    let downloader: Downloader = glib::Object::new();
    let mut downloads = ui.download.clicked_stream();
    let mut cancels = ui.cancel.clicked_stream();
    // The downloader needs the answer during the emission: the handler gives it, and the
    // stream tells the task that it was asked.
    let overwrite = ui.overwrite.clone();
    let mut confirms = downloader.confirm_overwrite_stream(move |_| overwrite.is_active());
    let mut progress = downloader.progress_stream();
    let mut finished = downloader.finished_stream();
    ui.window.spawn_local(clone!(
        #[strong]
        ui,
        async move {
            // The download's so far: whether it asked to overwrite, how many steps arrived.
            let (mut confirmed, mut steps) = (false, 0);
            loop {
                // Biased: a step and the end come from one timer call, the step first.
                select_biased! {
                    asked = confirms.next() => confirmed |= asked.is_some(),
                    step = progress.next() => if let Some((percent,)) = step {
                        steps += 1;
                        ui.bar.set_fraction(f64::from(percent) / 100.0);
                    },
                    end = finished.next() => if let Some((outcome,)) = end {
                        let result = describe(&outcome, confirmed, steps);
                        ui.result.set_label(&result);
                        ui.set_running(false);
                        println!("result: {result}");
                    },
                    _ = downloads.next() => {
                        (confirmed, steps) = (false, 0);
                        ui.bar.set_fraction(0.0);
                        ui.result.set_label("");
                        downloader.start(FILE);
                        if downloader.is_running() {
                            ui.set_running(true);
                            println!("downloading {FILE}");
                        }
                    },
                    _ = cancels.next() => downloader.cancel(),
                    complete => break,
                }
            }
        }
    ));
}

fn main() -> glib::ExitCode {
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssDownloader")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    app.connect_activate(build_window);
    closing::report_when_closed(&app);
    app.run()
}
