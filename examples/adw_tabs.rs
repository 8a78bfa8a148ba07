//! A libadwaita application with streams: an `adw::ApplicationWindow` with a `TabView` of
//! documents (and its `TabBar`), whose `close-page` is confirmed asynchronously with an
//! `adw::MessageDialog`, and a label following `StyleManager:dark`.
//!
//! The view needs the answer to `close-page` during the emission: the handler says
//! `Propagation::Stop` ("the application decides"), the request arrives on the stream, and
//! the window's task asks the user, awaits the dialog's `response` stream and calls
//! `close_page_finish` with the answer. "Dark" forces the dark style; the label shows what
//! the style manager's `dark` property says, from its stream.
//!
//! It prints `dark: false` (then `dark: true` / `false` on each change), `asked to close
//! Document N` when a page is to be closed, then `closed Document N` or `kept Document N`,
//! and `opened Document N` for a new page. Once the window is closed it prints `closed:
//! window and N widgets finalized` and `closed: N tab pages and dialogs finalized` (or what is
//! still alive, and it exits with 1).
//!
//! ```sh
//! cargo run --example adw_tabs --features adw_v1_2
//! ```

use std::{cell::RefCell, collections::VecDeque, rc::Rc};

use adw::prelude::*;
use futures::{select_biased, StreamExt};
use glib::clone;
use glib_signal_stream::{prelude::*, LeakCheck};
use gtk4 as gtk;

#[path = "shared/closing.rs"]
mod closing;
mod test_hook;

/// Every tab page and dialog the window had, checked once it is closed.
type Checks = Rc<RefCell<Vec<LeakCheck>>>;

#[derive(Clone)]
struct Ui {
    window: adw::ApplicationWindow,
    view: adw::TabView,
    new_document: gtk::Button,
    close_document: gtk::Button,
    dark: gtk::ToggleButton,
    style: gtk::Label,
}

fn build_ui(app: &adw::Application) -> Ui {
    let new_document = gtk::Button::with_label("New");
    let close_document = gtk::Button::with_label("Close document");
    let dark = gtk::ToggleButton::with_label("Dark");
    let header = adw::HeaderBar::new();
    header.pack_start(&new_document);
    header.pack_start(&close_document);
    header.pack_end(&dark);
    let view = adw::TabView::new();
    view.set_vexpand(true);
    let bar = adw::TabBar::builder().view(&view).autohide(false).build();
    let style = gtk::Label::new(None);
    let content = gtk::Box::new(gtk::Orientation::Vertical, 0);
    content.append(&header);
    content.append(&bar);
    content.append(&view);
    content.append(&style);
    let window = adw::ApplicationWindow::builder()
        .application(app)
        .title("gss adw tabs")
        .default_width(480)
        .default_height(320)
        .content(&content)
        .build();
    window.present();
    test_hook::print_geometry(
        window.upcast_ref(),
        &[
            ("new", new_document.upcast_ref()),
            ("close-document", close_document.upcast_ref()),
            ("dark", dark.upcast_ref()),
        ],
    );
    Ui {
        window,
        view,
        new_document,
        close_document,
        dark,
        style,
    }
}

/// Adds page "Document `n`" to `view`.
fn open_document(view: &adw::TabView, n: u32, checks: &Checks) -> adw::TabPage {
    let title = format!("Document {n}");
    let page = view.append(&gtk::Label::new(Some(&title)));
    page.set_title(&title);
    checks.borrow_mut().push(LeakCheck::new(&page));
    page
}

/// Asks whether to close document `title`; closing the dialog keeps it.
async fn confirm_close(window: &adw::ApplicationWindow, title: &str, checks: &Checks) -> bool {
    let dialog = adw::MessageDialog::new(
        Some(window),
        Some(&format!("Close {title}?")),
        Some("Its changes will be lost."),
    );
    dialog.set_title(Some("gss adw confirm"));
    dialog.add_responses(&[("keep", "Keep"), ("close", "Close")]);
    dialog.set_response_appearance("close", adw::ResponseAppearance::Destructive);
    dialog.set_default_response(Some("keep"));
    dialog.set_close_response("keep");
    checks.borrow_mut().push(LeakCheck::new(&dialog));
    let mut responses = dialog.response_stream(None);
    dialog.present();
    test_hook::print_geometry(
        dialog.upcast_ref(),
        &[
            ("keep", &response_button(&dialog, "Keep")),
            ("close", &response_button(&dialog, "Close")),
        ],
    );
    // The dialog closes itself after its response.
    matches!(responses.next().await, Some((response,)) if response == "close")
}

/// The button of `dialog` labelled `label`, for the test hook: the end-to-end test clicks it.
/// The dialog lays its buttons out in a row, or in a column when the row does not fit: the
/// first found, breadth first, is the row's.
fn response_button(dialog: &adw::MessageDialog, label: &str) -> gtk::Widget {
    let mut pending = VecDeque::from([dialog.clone().upcast::<gtk::Widget>()]);
    while let Some(widget) = pending.pop_front() {
        if widget
            .downcast_ref::<gtk::Button>()
            .is_some_and(|b| b.label().as_deref() == Some(label))
        {
            return widget;
        }
        let mut child = widget.first_child();
        while let Some(next) = child {
            child = next.next_sibling();
            pending.push_back(next);
        }
    }
    panic!("the dialog has a {label:?} button")
}

fn build_window(app: &adw::Application, checks: &Checks) {
    let ui = build_ui(app);
    for n in 1..=2 {
        open_document(&ui.view, n, checks);
    }
    let manager = adw::StyleManager::default();
    let mut dark = manager.dark_stream();
    let mut toggles = ui.dark.toggled_stream();
    let mut new_clicks = ui.new_document.clicked_stream();
    let mut close_clicks = ui.close_document.clicked_stream();
    // `Stop`: the page stays until `close_page_finish`, which the task calls once answered.
    let mut close_requests = ui.view.close_page_stream(|_| glib::Propagation::Stop);
    ui.window.spawn_local(clone!(
        #[strong]
        ui,
        #[strong]
        checks,
        async move {
            let mut opened = 2;
            loop {
                select_biased! {
                    is_dark = dark.next() => if let Some(is_dark) = is_dark {
                        ui.style.set_label(if is_dark { "Dark style" } else { "Light style" });
                        println!("dark: {is_dark}");
                    },
                    _ = toggles.next() => manager.set_color_scheme(if ui.dark.is_active() {
                        adw::ColorScheme::ForceDark
                    } else {
                        adw::ColorScheme::Default
                    }),
                    _ = new_clicks.next() => {
                        opened += 1;
                        let page = open_document(&ui.view, opened, &checks);
                        ui.view.set_selected_page(&page);
                        println!("opened {}", page.title());
                    },
                    _ = close_clicks.next() => if let Some(page) = ui.view.selected_page() {
                        ui.view.close_page(&page);
                    },
                    request = close_requests.next() => if let Some((page,)) = request {
                        let title = page.title();
                        println!("asked to close {title}");
                        let confirmed = confirm_close(&ui.window, &title, &checks).await;
                        ui.view.close_page_finish(&page, confirmed);
                        println!("{} {title}", if confirmed { "closed" } else { "kept" });
                    },
                    complete => break,
                }
            }
        }
    ));
}

/// Once the window is closed, says whether every tab page and dialog it had is gone.
fn report_pages_when_closed(app: &adw::Application, checks: &Checks) {
    app.connect_window_removed(clone!(
        #[strong]
        checks,
        move |app, _| {
            // After the window's own check (`closing`), which runs first.
            let hold = app.hold();
            let checks = checks.clone();
            glib::idle_add_local_once(move || {
                drop(hold);
                let checks = checks.borrow();
                let leaks: Vec<String> = checks
                    .iter()
                    .filter_map(|check| check.check().err())
                    .map(|leaks| leaks.to_string())
                    .collect();
                if leaks.is_empty() {
                    println!("closed: {} tab pages and dialogs finalized", checks.len());
                } else {
                    eprintln!("{}", leaks.join("\n"));
                    std::process::exit(1);
                }
            });
        }
    ));
}

fn main() -> glib::ExitCode {
    // NON_UNIQUE: every run is its own instance (and needs no session bus).
    let app = adw::Application::builder()
        .application_id("org.gtk_rs.GssAdwTabs")
        .flags(gio::ApplicationFlags::NON_UNIQUE)
        .build();
    let checks = Checks::default();
    app.connect_activate(clone!(
        #[strong]
        checks,
        move |app| build_window(app, &checks)
    ));
    closing::report_when_closed(app.upcast_ref());
    report_pages_when_closed(&app, &checks);
    app.run()
}
