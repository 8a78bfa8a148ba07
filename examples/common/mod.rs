//! Test support shared by the GTK examples, not part of what they show.
//!
//! With `GSS_PRINT_GEOMETRY=1` in the environment, [`print_geometry`] prints where widgets
//! are once the window is on screen, so the end-to-end tests (`tests/examples.rs`) can click
//! them with xdotool:
//!
//! ```text
//! geometry plus 150 92    (the widget's centre, in the window's X11 coordinates)
//! geometry-end
//! ```

use std::cell::Cell;

use gtk4 as gtk;
use gtk4::prelude::*;

/// Prints the centre of each named widget once `window` is mapped and has been drawn.
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
        let (dx, dy) = window.surface_transform();
        for (name, widget) in &widgets {
            let bounds = widget
                .compute_bounds(window)
                .expect("the widget is inside the window");
            let x = dx + f64::from(bounds.x() + bounds.width() / 2.0);
            let y = dy + f64::from(bounds.y() + bounds.height() / 2.0);
            println!("geometry {name} {} {}", x.round(), y.round());
        }
        println!("geometry-end");
        glib::ControlFlow::Break
    });
}
