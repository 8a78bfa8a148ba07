//! A counter with +, − and reset buttons that goes back to 0 after 5 s without a click,
//! written with callbacks. Compare with `counter_streams.rs`, the same app written with
//! signal streams: the UI code is the same, the logic here is shared state and a timer
//! that every handler must restart.
//!
//! ```sh
//! cargo run --example counter_callbacks
//! GSS_IDLE_MS=2000 cargo run --example counter_callbacks   # idle reset after 2 s
//! ```

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
    time::Duration,
};

use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

struct Ui {
    window: gtk::Window,
    label: gtk::Label,
    plus: gtk::Button,
    minus: gtk::Button,
    reset: gtk::Button,
}

fn build_ui(title: &str) -> Ui {
    let label = gtk::Label::new(Some("0"));
    let plus = gtk::Button::with_label("+");
    let minus = gtk::Button::with_label("−");
    let reset = gtk::Button::with_label("reset");
    let row = gtk::Box::new(gtk::Orientation::Horizontal, 6);
    row.set_homogeneous(true);
    for button in [&minus, &plus, &reset] {
        row.append(button);
    }
    let column = gtk::Box::new(gtk::Orientation::Vertical, 12);
    column.append(&label);
    column.append(&row);
    let window = gtk::Window::builder()
        .title(title)
        .default_width(300)
        .child(&column)
        .build();
    // A header bar, as most GTK 4 applications have: its close button is there also where
    // no window manager decorates windows.
    window.set_titlebar(Some(&gtk::HeaderBar::new()));
    window.present();
    test_hook::print_geometry(
        &window,
        &[
            ("plus", plus.upcast_ref()),
            ("minus", minus.upcast_ref()),
            ("reset", reset.upcast_ref()),
        ],
    );
    Ui {
        window,
        label,
        plus,
        minus,
        reset,
    }
}

/// What every handler shares: the count, and the pending idle timer to restart.
struct State {
    ui: Ui,
    count: Cell<i32>,
    idle: Duration,
    idle_timer: RefCell<Option<glib::SourceId>>,
}

/// Shows the new count and restarts the idle timer (if there is something to reset).
fn set_count(state: &Rc<State>, value: i32, why: &str) {
    state.count.set(value);
    state.ui.label.set_label(&value.to_string());
    println!("count {value} ({why})");
    if let Some(timer) = state.idle_timer.take() {
        timer.remove();
    }
    if value != 0 {
        let weak = Rc::downgrade(state);
        let timer = glib::timeout_add_local_once(state.idle, move || {
            let Some(state) = weak.upgrade() else { return };
            state.idle_timer.take(); // it has fired: removing it again would panic
            set_count(&state, 0, "idle reset");
        });
        state.idle_timer.replace(Some(timer));
    }
}

fn main() {
    let idle = Duration::from_millis(
        std::env::var("GSS_IDLE_MS").map_or(5_000, |ms| ms.parse().expect("GSS_IDLE_MS")),
    );
    gtk::init().expect("GTK needs a display");
    let ui = build_ui("gss counter callbacks");

    let main_loop = glib::MainLoop::new(None, false);
    let state = Rc::new(State {
        ui,
        count: Cell::new(0),
        idle,
        idle_timer: RefCell::new(None),
    });
    state.ui.plus.connect_clicked(glib::clone!(
        #[weak]
        state,
        move |_| set_count(&state, state.count.get() + 1, "plus")
    ));
    state.ui.minus.connect_clicked(glib::clone!(
        #[weak]
        state,
        move |_| set_count(&state, state.count.get() - 1, "minus")
    ));
    state.ui.reset.connect_clicked(glib::clone!(
        #[weak]
        state,
        move |_| set_count(&state, 0, "reset")
    ));
    state.ui.window.connect_close_request(glib::clone!(
        #[strong]
        main_loop,
        move |_| {
            main_loop.quit();
            glib::Propagation::Proceed
        }
    ));

    main_loop.run();
    println!("window closed");
}
