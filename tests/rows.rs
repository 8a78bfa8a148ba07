//! End to end: `examples/rows`, rows added and removed with real clicks while every row's
//! clicks flow through one `StreamSet`; a removed row's streams end and leave the set; the
//! window closed by a click on its close button is freed, with its widgets and its task. Runs
//! on the display of `scripts/test.sh`.
#![cfg(feature = "gtk")]

mod common;

use common::driver;

use driver::gtk::Gui;

#[test]
fn rows_clicks_flow_through_one_set_and_a_removed_rows_streams_end() {
    let mut gui = Gui::start("rows", "gss rows", &[], &[]);
    for n in 1..=2 {
        gui.click("add");
        gui.expect(&format!("added row {n}"));
        gui.read_geometry("gss rows");
    }
    gui.click("click-1");
    gui.expect("clicked row 1");
    gui.click("click-2");
    gui.expect("clicked row 2");
    gui.click("remove-1");
    gui.expect("removed row 1");
    gui.expect("row 1: streams ended");
    gui.read_geometry("gss rows");
    // The remaining row still delivers, and a new row joins the same set.
    gui.click("click-2");
    gui.expect("clicked row 2");
    gui.click("add");
    gui.expect("added row 3");
    gui.read_geometry("gss rows");
    gui.click("click-3");
    gui.expect("clicked row 3");
    // Closed as a user does: the window, its widgets and its task are gone.
    let (closed, printed) = gui.close_window_and_expect_freed();
    assert_eq!(
        printed,
        [
            "added row 1",
            "added row 2",
            "clicked row 1",
            "clicked row 2",
            "removed row 1",
            "row 1: streams ended",
            "clicked row 2",
            "added row 3",
            "clicked row 3",
            &closed,
        ]
    );
}

/// The same growing set in-process, to check by finalization that a removed row is gone and
/// that its stream left the set.
#[gtk4::test]
fn removed_row_is_finalized_and_its_stream_leaves_the_set() {
    use futures::{FutureExt, StreamExt};
    use glib::prelude::*;
    use glib_signal_stream::{prelude::*, StreamSet};
    use gtk4::prelude::*;

    let list = gtk4::ListBox::new();
    let mut set = StreamSet::new();
    let handle = set.handle();
    let mut rows = Vec::new();
    for n in 0..2 {
        let button = gtk4::Button::new();
        handle.insert(button.clicked_stream().map(move |_| n));
        let row = gtk4::ListBoxRow::builder().child(&button).build();
        list.append(&row);
        button.emit_clicked();
        rows.push(row.downgrade());
    }
    assert_eq!(set.next().now_or_never(), Some(Some(0)));
    assert_eq!(set.next().now_or_never(), Some(Some(1)));

    let removed = list.row_at_index(0).expect("the first row");
    list.remove(&removed);
    drop(removed);
    assert!(rows[0].upgrade().is_none(), "the removed row is finalized");
    // Its stream ended with it and leaves the set; the other row's stays.
    assert_eq!(set.next().now_or_never(), None);
    assert_eq!(set.len(), 1);
    assert!(rows[1].upgrade().is_some());
}
