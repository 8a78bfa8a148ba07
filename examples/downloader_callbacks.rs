//! A simulated download with callbacks, as a GTK application is written without signal
//! streams: a `Downloader` object whose signals are declared with `Signal::builder`, emitted
//! by name, and handled with `connect_local`. Compare with `downloader.rs`, the same program
//! written with signal streams.
//!
//! A `gtk::Application`, its handlers written as gtk4-rs's examples write them: widgets
//! captured with `clone!(#[weak] ..)`, the shared state `#[strong]`; the buttons' handlers
//! hold the downloader, so that it goes with them once the window is closed.
//!
//! It prints `downloading file.bin` when a download starts and `result: ...` when one ends:
//! `done, 10 progress steps`, `done (overwrite confirmed), 10 progress steps` once the file
//! exists, `kept the existing file` if overwriting is refused, or `cancelled`. Once the
//! window is closed it prints `closed: window and N widgets finalized` (or what is still
//! alive, and it exits with 1).
//!
//! ```sh
//! cargo run --example downloader_callbacks
//! ```

use std::{cell::RefCell, rc::Rc, time::Duration};

use glib::{clone, subclass::prelude::*};
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
    use std::{
        cell::{Cell, RefCell},
        sync::OnceLock,
    };

    use glib::subclass::Signal;

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
        const NAME: &'static str = "GssDownloaderCallbacks";
        type Type = super::Downloader;
    }

    impl ObjectImpl for Downloader {
        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                vec![
                    // How much of the file has arrived, in percent.
                    Signal::builder("progress")
                        .run_last()
                        .param_types([u32::static_type()])
                        .build(),
                    // The download has ended: `done`, `kept` (overwriting refused) or
                    // `cancelled`.
                    Signal::builder("finished")
                        .run_last()
                        .param_types([String::static_type()])
                        .build(),
                    // Whether the download may replace the existing path; no answer is no.
                    Signal::builder("confirm-overwrite")
                        .run_last()
                        .param_types([String::static_type()])
                        .return_type::<bool>()
                        .build(),
                ]
            })
        }

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
        if imp.exists.get() && !self.emit_by_name::<bool>("confirm-overwrite", &[&path]) {
            self.emit_by_name::<()>("finished", &[&"kept"]);
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
                    downloader.emit_by_name::<()>("progress", &[&(step * 100 / STEPS)]);
                    if step < STEPS {
                        return glib::ControlFlow::Continue;
                    }
                    // This timer ends here, and its id with it.
                    downloader.imp().worker.take();
                    downloader.imp().exists.set(true);
                    downloader.emit_by_name::<()>("finished", &[&"done"]);
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
            self.emit_by_name::<()>("finished", &[&"cancelled"]);
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

struct Ui {
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
        overwrite,
        download,
        cancel,
        bar,
        result,
    }
}

/// The download's so far: whether it asked to overwrite, how many steps arrived.
#[derive(Default)]
struct Tally {
    confirmed: bool,
    steps: u32,
}

fn build_window(app: &gtk::Application) {
    let ui = build_ui(app, "gss downloader callbacks");
    let downloader: Downloader = glib::Object::new();
    let tally = Rc::new(RefCell::new(Tally::default()));
    downloader.connect_local(
        "confirm-overwrite",
        false,
        clone!(
            #[weak(rename_to = overwrite)]
            ui.overwrite,
            #[strong]
            tally,
            #[upgrade_or]
            Some(false.to_value()),
            move |_| {
                tally.borrow_mut().confirmed = true;
                Some(overwrite.is_active().to_value())
            }
        ),
    );
    downloader.connect_local(
        "progress",
        false,
        clone!(
            #[weak(rename_to = bar)]
            ui.bar,
            #[strong]
            tally,
            #[upgrade_or]
            None,
            move |args| {
                let percent: u32 = args[1].get().expect("progress carries a u32");
                tally.borrow_mut().steps += 1;
                bar.set_fraction(f64::from(percent) / 100.0);
                None
            }
        ),
    );
    downloader.connect_local(
        "finished",
        false,
        clone!(
            #[weak(rename_to = download)]
            ui.download,
            #[weak(rename_to = cancel)]
            ui.cancel,
            #[weak(rename_to = label)]
            ui.result,
            #[strong]
            tally,
            #[upgrade_or]
            None,
            move |args| {
                let outcome: String = args[1].get().expect("finished carries a string");
                let tally = tally.borrow();
                let result = describe(&outcome, tally.confirmed, tally.steps);
                label.set_label(&result);
                download.set_sensitive(true);
                cancel.set_sensitive(false);
                println!("result: {result}");
                None
            }
        ),
    );
    ui.download.connect_clicked(clone!(
        #[weak(rename_to = cancel)]
        ui.cancel,
        #[weak(rename_to = bar)]
        ui.bar,
        #[weak(rename_to = label)]
        ui.result,
        #[strong]
        downloader,
        move |download| {
            *tally.borrow_mut() = Tally::default();
            bar.set_fraction(0.0);
            label.set_label("");
            downloader.start(FILE);
            if downloader.is_running() {
                download.set_sensitive(false);
                cancel.set_sensitive(true);
                println!("downloading {FILE}");
            }
        }
    ));
    ui.cancel.connect_clicked(move |_| downloader.cancel());
}

fn main() -> glib::ExitCode {
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = gtk::Application::builder()
        .application_id("org.gtk_rs.GssDownloaderCallbacks")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    app.connect_activate(build_window);
    closing::report_when_closed(&app);
    app.run()
}
