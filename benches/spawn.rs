//! What a task tied to an object (`obj.spawn_local`) costs against `glib::spawn_future_local`.
//!
//! Scenario `spawn`: N tasks spawned one after the other, each run to completion (an empty
//! future) before the next. Scenario `wake`: one task awaits a stream of `tick` emissions and
//! is woken N times, one emission per main loop iteration.
//!
//! Modes: `glib` (`glib::spawn_future_local`), `object` (`obj.spawn_local` on a plain
//! GObject: its disposal record), `gtk-glib` (`glib::spawn_future_local` with GTK initialized
//! and a window open: the baseline of the next), `widget` (`label.spawn_local` on a label in
//! that window: the root and toplevel streams too). The last two need a display
//! (`xvfb-run`).
//!
//! `scripts/ir.sh spawn SCENARIO MODE N` counts instructions per operation with callgrind.
//! Under `cargo test` (no arguments) the binary does a small smoke run and exits.

use std::process::ExitCode;

use futures::StreamExt;
use glib::prelude::*;
use glib_signal_stream::prelude::*;

#[path = "shared/ticker.rs"]
mod ticker;
use ticker::Ticker;

const MODES: [&str; 4] = ["glib", "object", "gtk-glib", "widget"];

/// What a task is tied to: nothing (`glib`), a plain object, or a label in a window; or
/// nothing, with that window open (`gtk-glib`).
enum Owner {
    None,
    Object(Ticker),
    #[cfg(feature = "gtk")]
    Widget(gtk4::Window, gtk4::Label, bool),
}

impl Owner {
    fn new(mode: &str) -> Option<Self> {
        match mode {
            "glib" => Some(Self::None),
            "object" => Some(Self::Object(glib::Object::new())),
            #[cfg(feature = "gtk")]
            "gtk-glib" | "widget" => {
                gtk4::init().ok()?;
                let window = gtk4::Window::new();
                let label = gtk4::Label::new(None);
                gtk4::prelude::GtkWindowExt::set_child(&window, Some(&label));
                Some(Self::Widget(window, label, mode == "widget"))
            }
            _ => None,
        }
    }

    fn spawn(&self, future: impl std::future::Future<Output = ()> + 'static) {
        match self {
            Self::None => drop(glib::spawn_future_local(future)),
            Self::Object(obj) => drop(obj.spawn_local(future)),
            #[cfg(feature = "gtk")]
            Self::Widget(_, label, true) => drop(label.spawn_local(future)),
            #[cfg(feature = "gtk")]
            Self::Widget(_, _, false) => drop(glib::spawn_future_local(future)),
        }
    }
}

impl Drop for Owner {
    fn drop(&mut self) {
        #[cfg(feature = "gtk")]
        if let Self::Widget(window, ..) = self {
            gtk4::prelude::GtkWindowExt::destroy(window);
        }
    }
}

/// Runs the default main context until nothing is ready.
fn settle(context: &glib::MainContext) {
    while context.iteration(false) {}
}

/// Spawns `n` tasks, each run to its end before the next. Returns how many ran.
fn spawn(owner: &Owner, n: u64) -> u64 {
    let context = glib::MainContext::default();
    let ran = std::rc::Rc::new(std::cell::Cell::new(0));
    for _ in 0..n {
        let ran = ran.clone();
        owner.spawn(async move { ran.set(ran.get() + 1) });
        settle(&context);
    }
    ran.get()
}

/// One task woken `n` times by a `tick` emission each. Returns how many items it saw.
fn wake(owner: &Owner, n: u64) -> u64 {
    let context = glib::MainContext::default();
    let ticker: Ticker = glib::Object::new();
    let mut ticks = ticker.connect_stream_typed::<(u64,)>("tick");
    let seen = std::rc::Rc::new(std::cell::Cell::new(0));
    owner.spawn({
        let seen = seen.clone();
        async move {
            while ticks.next().await.is_some() {
                seen.set(seen.get() + 1);
            }
        }
    });
    settle(&context);
    for i in 0..n {
        ticker.emit_by_name::<()>("tick", &[&i]);
        settle(&context);
    }
    seen.get()
}

fn main() -> ExitCode {
    let context = glib::MainContext::default();
    let _owner = context.acquire().expect("the default main context");
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--profile SCENARIO MODE N`: one scenario of one mode, for callgrind.
    if let Some(pos) = args.iter().position(|a| a == "--profile") {
        let scenario = args.get(pos + 1).map(String::as_str);
        let owner = args.get(pos + 2).and_then(|m| Owner::new(m));
        let n = args.get(pos + 3).and_then(|n| n.parse::<u64>().ok());
        let (Some(scenario @ ("spawn" | "wake")), Some(owner), Some(n)) = (scenario, owner, n)
        else {
            eprintln!("usage: spawn --profile spawn|wake glib|object|gtk-glib|widget N");
            return ExitCode::FAILURE;
        };
        let done = if scenario == "spawn" {
            spawn(&owner, n)
        } else {
            wake(&owner, n)
        };
        if done != n {
            eprintln!("{scenario}: {done} of {n}");
            return ExitCode::FAILURE;
        }
        println!("{scenario}: {done}");
        return ExitCode::SUCCESS;
    }
    // Smoke run: every mode that can run here runs every task and wake.
    for mode in MODES {
        let Some(owner) = Owner::new(mode) else {
            println!("spawn smoke run: {mode} skipped (no GTK or no display)");
            continue;
        };
        assert_eq!(spawn(&owner, 10), 10, "spawn {mode}");
        assert_eq!(wake(&owner, 10), 10, "wake {mode}");
    }
    println!("spawn smoke run: tasks and wakes checked");
    ExitCode::SUCCESS
}
