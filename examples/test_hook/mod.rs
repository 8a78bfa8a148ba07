//! The end-to-end tests' only hook into the GTK examples; not part of what they show.
//!
//! GTK 4 draws a window's widgets into one X window, so a test driving an example from
//! outside (`tests/common/driver.rs`) cannot find where a button is. With
//! `GSS_PRINT_GEOMETRY=1` in the environment, [`print_geometry`] prints the centre of each
//! named widget once the window is on screen, in the window's X11 coordinates, and the centre
//! of the close button of the window's header bar if it has one (as `window-close`), so that
//! a test closes a window the way a user does:
//!
//! ```text
//! geometry plus 150 92
//! geometry window-close 290 17
//! geometry-end
//! ```
//!
//! Without the variable it does nothing. Everything else (clicks, typing, closing, waiting)
//! the tests do from outside, with real X input.

use std::cell::Cell;

use gtk4 as gtk;
use gtk4::prelude::*;

/// Prints the centre of each named widget (and of the header bar's close button) once
/// `window` is mapped and has been drawn, if `GSS_PRINT_GEOMETRY` is set.
pub fn print_geometry(window: &gtk::Window, widgets: &[(&str, &gtk::Widget)]) {
    if std::env::var_os("GSS_PRINT_GEOMETRY").is_none() {
        return;
    }
    let widgets: Vec<(String, gtk::Widget)> = widgets
        .iter()
        .map(|(name, widget)| (name.to_string(), (*widget).clone()))
        .collect();
    let frames_drawn = Cell::new(0);
    window.add_tick_callback(move |window, _clock| {
        let mapped = window.surface().is_some_and(|surface| surface.is_mapped());
        // A frame or two after the X window is mapped, it is laid out and on screen.
        frames_drawn.set(if mapped { frames_drawn.get() + 1 } else { 0 });
        if frames_drawn.get() < 3 {
            return glib::ControlFlow::Continue;
        }
        let close = close_button(window.upcast_ref()).map(|button| ("window-close".into(), button));
        for (name, widget) in widgets.iter().cloned().chain(close) {
            let Some(bounds) = widget.compute_bounds(window) else {
                continue; // not in this window
            };
            let (dx, dy) = window.surface_transform();
            let x = dx + f64::from(bounds.x() + bounds.width() / 2.0);
            let y = dy + f64::from(bounds.y() + bounds.height() / 2.0);
            println!("geometry {name} {} {}", x.round(), y.round());
        }
        println!("geometry-end");
        glib::ControlFlow::Break
    });
}

/// The close button of `window`'s header bar, if it has one.
fn close_button(window: &gtk::Widget) -> Option<gtk::Widget> {
    let mut pending = vec![window.clone()];
    while let Some(widget) = pending.pop() {
        if widget.is::<gtk::Button>() && widget.has_css_class("close") {
            return Some(widget);
        }
        let mut child = widget.first_child();
        while let Some(next) = child {
            child = next.next_sibling();
            // Popovers and dialogs are windows of their own.
            if !next.is::<gtk::Native>() {
                pending.push(next);
            }
        }
    }
    None
}
