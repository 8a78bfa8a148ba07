//! End to end: `examples/adw_tabs` (a libadwaita application: a `TabView` whose `close-page`
//! is confirmed with an `adw::MessageDialog`, and a `StyleManager:dark` stream) driven with
//! real X input, on the display of `scripts/test.sh`. A close refused in the dialog keeps the
//! page, one confirmed closes it; the dark style shows on the stream; and once the window is
//! closed by a click on its close button, it, its widgets, every tab page and every dialog
//! are freed.
#![cfg(feature = "adw_v1_2")]

mod common;

use common::driver;

use driver::gtk::Gui;

/// Asks to close the selected document, waits for the dialog and clicks `answer` in it.
fn close_selected(gui: &mut Gui, document: &str, answer: &str) {
    gui.click("close-document");
    gui.expect(&format!("asked to close {document}"));
    gui.read_geometry("gss adw confirm");
    gui.click(answer);
}

#[test]
fn tab_close_is_confirmed_by_the_dialog_and_everything_is_freed() {
    let mut gui = Gui::start("adw_tabs", "gss adw tabs", &[], &[]);
    gui.click("dark");
    gui.expect("dark: true");
    close_selected(&mut gui, "Document 1", "keep");
    gui.expect("kept Document 1");
    close_selected(&mut gui, "Document 1", "close");
    gui.expect("closed Document 1");
    gui.click("new");
    gui.expect("opened Document 3");
    close_selected(&mut gui, "Document 3", "close");
    gui.expect("closed Document 3");
    gui.click("dark");
    gui.expect("dark: false");
    let (closed, printed) = gui.close_window_and_expect_freed();
    assert!(closed.starts_with("closed: window and "), "{closed}");
    assert_eq!(
        printed,
        [
            "dark: false",
            "dark: true",
            "asked to close Document 1",
            "kept Document 1",
            "asked to close Document 1",
            "closed Document 1",
            "opened Document 3",
            "asked to close Document 3",
            "closed Document 3",
            "dark: false",
            closed.as_str(),
            // Three pages and the three dialogs.
            "closed: 6 tab pages and dialogs finalized",
        ]
    );
}
