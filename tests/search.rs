//! End to end: `examples/search` (streams: `debounce` + `map_latest`) and
//! `examples/search_callbacks` (the same program with callbacks) typed into with real X input,
//! on the display of `scripts/test.sh`. Both must print the same thing: one search per burst
//! of typing, a search cancelled (no results printed) when typing resumes during it, and
//! once the window is closed by a click on its close button, that it and its widgets are
//! freed.
#![cfg(feature = "gtk")]

mod common;

use common::driver;

use driver::gtk::Gui;

/// Types into one of the two examples and returns what it printed (geometry left out).
fn drive_search(name: &str, title: &str) -> Vec<String> {
    let mut gui = Gui::start(name, title, &[], &[]);
    gui.click("entry");
    // A burst of two keys: one search, for the whole text.
    gui.type_text("ap");
    gui.expect("results for ap: apple, apricot");
    // Typing during a search: that search is cancelled, the newer text searched for.
    gui.type_text("r");
    gui.expect("searching: apr");
    gui.type_text("i");
    gui.expect("results for apri: apricot");
    // Closed as a user does: the window, its widgets and its tasks are gone.
    let (_closed, printed) = gui.close_window_and_expect_freed();
    printed
}

#[test]
fn search_with_streams_and_with_callbacks_print_the_same_searches() {
    let expected = [
        "searching: ap",
        "results for ap: apple, apricot",
        "searching: apr",
        // No results for "apr": that search was cancelled by the newer text.
        "searching: apri",
        "results for apri: apricot",
    ];
    let streams = drive_search("search", "gss search");
    let callbacks = drive_search("search_callbacks", "gss search callbacks");
    // The searches, then the line saying the window was freed (`drive_search` waited for it).
    assert_eq!(streams[..streams.len() - 1], expected, "{streams:#?}");
    assert_eq!(streams, callbacks);
}
