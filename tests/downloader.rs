//! End to end: `examples/downloader` (a `#[signals]` object followed with streams) and
//! `examples/downloader_callbacks` (the same program with `Signal::builder` and callbacks)
//! driven with real X input, on the display of `scripts/test.sh`. Both must print the same
//! thing: a download with its ten progress steps, one that replaces the file once the
//! application confirms it, one refused by the application's answer, one cancelled; and once
//! the window is closed by a click on its close button, that it and its widgets are freed.
#![cfg(feature = "gtk")]

mod common;

use common::driver;

use driver::gtk::Gui;

/// Downloads with one of the two examples and returns what it printed (geometry left out).
fn drive_downloads(name: &str, title: &str) -> Vec<String> {
    let mut gui = Gui::start(name, title, &[], &[]);
    gui.click("download");
    gui.expect("downloading file.bin");
    gui.expect("result: done, 10 progress steps");
    // The file exists now: the application is asked, and the check button says yes.
    gui.click("download");
    gui.expect("result: done (overwrite confirmed), 10 progress steps");
    // Unchecked, the answer is no: nothing is downloaded.
    gui.click("overwrite");
    gui.click("download");
    gui.expect("result: kept the existing file");
    // Checked again, then cancelled as soon as the download has started.
    gui.click("overwrite");
    gui.click("download");
    gui.expect("downloading file.bin");
    gui.click("cancel");
    let result = gui
        .running
        .wait_for("the cancelled download's result", |line| {
            line.starts_with("result: ")
        });
    assert_eq!(
        result, "result: cancelled",
        "{name}: the click on Cancel should have ended the download it came during"
    );
    // Closed as a user does: the window, its widgets, its task and the download are gone.
    let (_closed, printed) = gui.close_window_and_expect_freed();
    printed
}

#[test]
fn downloader_with_streams_and_with_callbacks_print_the_same_results() {
    let expected = [
        "downloading file.bin",
        "result: done, 10 progress steps",
        "downloading file.bin",
        "result: done (overwrite confirmed), 10 progress steps",
        "result: kept the existing file",
        "downloading file.bin",
        "result: cancelled",
    ];
    let streams = drive_downloads("downloader", "gss downloader");
    let callbacks = drive_downloads("downloader_callbacks", "gss downloader callbacks");
    // The downloads, then the line saying the window was freed (`drive_downloads` waited
    // for it).
    assert_eq!(streams[..streams.len() - 1], expected, "{streams:#?}");
    assert_eq!(streams, callbacks);
}
