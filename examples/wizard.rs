//! A multi-step form (name, then a choice, then confirm) with Back and Cancel, written as
//! one async fn.
//!
//! With callbacks, a wizard is a state machine spread over handlers. Here the steps are a
//! loop in a single function: each step waits for the buttons that matter to it, and the
//! result is the function's return value.
//!
//! ```sh
//! cargo run --example wizard
//! ```

use futures::{select, StreamExt};
use glib_signal_stream::prelude::*;
use gtk4 as gtk;
use gtk4::prelude::*;

mod test_hook;

struct Ui {
    window: gtk::Window,
    heading: gtk::Label,
    pages: gtk::Stack,
    name: gtk::Entry,
    tea: gtk::Button,
    coffee: gtk::Button,
    summary: gtk::Label,
    back: gtk::Button,
    cancel: gtk::Button,
    next: gtk::Button,
}

/// The wizard, from the first step to the answer; `None` if cancelled.
async fn wizard(ui: &Ui) -> Option<(String, &'static str)> {
    let mut next = ui.next.clicked_stream();
    let mut entered = ui.name.activate_stream();
    let mut back = ui.back.clicked_stream();
    let mut cancel = ui.cancel.clicked_stream();
    let mut tea = ui.tea.clicked_stream();
    let mut coffee = ui.coffee.clicked_stream();
    let mut closed = ui
        .window
        .close_request_stream(|| glib::Propagation::Proceed);

    let mut step = 1;
    let mut drink = "";
    loop {
        ui.show(step, drink);
        step = match step {
            1 => {
                select! {
                    _ = next.next() => {}
                    _ = entered.next() => {}
                    _ = cancel.next() => return None,
                    _ = closed.next() => return None,
                }
                if ui.name.text().trim().is_empty() {
                    println!("a name is needed");
                    1
                } else {
                    2
                }
            }
            2 => select! {
                _ = tea.next() => { drink = "tea"; 3 }
                _ = coffee.next() => { drink = "coffee"; 3 }
                _ = back.next() => 1,
                _ = cancel.next() => return None,
                _ = closed.next() => return None,
            },
            _ => select! {
                _ = next.next() => return Some((ui.name.text().into(), drink)),
                _ = back.next() => 2,
                _ = cancel.next() => return None,
                _ = closed.next() => return None,
            },
        };
    }
}

impl Ui {
    fn new() -> Self {
        let heading = gtk::Label::new(None);
        let name = gtk::Entry::builder().placeholder_text("Your name").build();
        let tea = gtk::Button::with_label("Tea");
        let coffee = gtk::Button::with_label("Coffee");
        let drinks = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        drinks.set_homogeneous(true);
        drinks.append(&tea);
        drinks.append(&coffee);
        let summary = gtk::Label::new(None);
        let pages = gtk::Stack::new();
        pages.add_named(&name, Some("1"));
        pages.add_named(&drinks, Some("2"));
        pages.add_named(&summary, Some("3"));

        let back = gtk::Button::with_label("Back");
        let cancel = gtk::Button::with_label("Cancel");
        let next = gtk::Button::with_label("Next");
        let bar = gtk::Box::new(gtk::Orientation::Horizontal, 6);
        bar.set_halign(gtk::Align::End);
        for button in [&back, &cancel, &next] {
            bar.append(button);
        }
        let content = gtk::Box::new(gtk::Orientation::Vertical, 12);
        for widget in [
            heading.upcast_ref::<gtk::Widget>(),
            pages.upcast_ref(),
            bar.upcast_ref(),
        ] {
            content.append(widget);
        }
        content.set_margin_top(12);
        content.set_margin_bottom(12);
        content.set_margin_start(12);
        content.set_margin_end(12);
        let window = gtk::Window::builder()
            .title("gss wizard")
            .default_width(360)
            .child(&content)
            .build();
        Self {
            window,
            heading,
            pages,
            name,
            tea,
            coffee,
            summary,
            back,
            cancel,
            next,
        }
    }

    /// Shows `step`'s page and the buttons it uses.
    fn show(&self, step: u32, drink: &str) {
        let title = ["Your name", "Tea or coffee?", "Confirm"][step as usize - 1];
        println!("step {step}: {title}");
        self.heading
            .set_label(&format!("Step {step} of 3: {title}"));
        self.pages.set_visible_child_name(&step.to_string());
        self.back.set_sensitive(step > 1);
        self.next.set_visible(step != 2);
        self.next
            .set_label(if step == 3 { "Confirm" } else { "Next" });
        self.summary
            .set_label(&format!("{} would like {drink}.", self.name.text()));
        if step == 1 {
            self.name.grab_focus();
        }

        let page: &[(&str, &gtk::Widget)] = match step {
            1 => &[
                ("name", self.name.upcast_ref()),
                ("next", self.next.upcast_ref()),
            ],
            2 => &[
                ("tea", self.tea.upcast_ref()),
                ("coffee", self.coffee.upcast_ref()),
            ],
            _ => &[("next", self.next.upcast_ref())],
        };
        let bar = [
            ("back", self.back.upcast_ref()),
            ("cancel", self.cancel.upcast_ref()),
        ];
        test_hook::print_geometry(&self.window, &[page, &bar].concat());
    }
}

fn main() {
    gtk::init().expect("GTK needs a display");
    let ui = Ui::new();
    ui.window.present();
    match glib::MainContext::default().block_on(wizard(&ui)) {
        Some((name, drink)) => println!("confirmed: {name} would like {drink}"),
        None => println!("cancelled"),
    }
    ui.window.destroy();
}
