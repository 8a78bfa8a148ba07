//! [`LeakCheck`]: for an application's own tests, whether a closed window (or any object),
//! its widgets and its tasks are gone, and what is still alive if not.

use std::fmt;

use glib::prelude::*;

use crate::{
    live::connected_here,
    spawn::{running, RunningTask},
};

/// Watches an object and, for a widget, every widget in it at the time, to tell later
/// whether they were all finalized, and which tasks tied to them
/// ([`spawn_local`](crate::prelude::SpawnLocalExt::spawn_local)) still run.
///
/// Take it before closing a window, drop your own references, let the main context run, then
/// [`check`](Self::check) or [`assert_freed`](Self::assert_freed). The report names every
/// object still alive (type, widget name, reference count), every tied task on one of them
/// that has not ended, with the place it was spawned, and, in debug builds, every stream or
/// future still connected on this thread: a stream never holds its emitter, but its handler,
/// or the task polling it, may hold anything, so those are the holders to look at (a stream
/// of a watched object is marked so; one of an object outside them, such as the
/// application's `gio::Settings`, may be the one whose handler holds the window). It holds
/// only weak references.
///
/// ```
/// use glib_signal_stream::{prelude::*, LeakCheck};
///
/// let context = glib::MainContext::default();
/// let _owner = context.acquire().unwrap();
/// let model = gio::ListStore::new::<glib::Object>();
/// let check = LeakCheck::new(&model);
/// let keeper = model.clone();
/// let _task = model.spawn_local(async move {
///     let _keeper = keeper; // a strong capture: the model can never be disposed
///     futures_util::future::pending::<()>().await;
/// });
/// drop(model);
/// while context.iteration(false) {}
/// let leaks = check.check().unwrap_err();
/// assert_eq!(leaks.alive().len(), 1);
/// assert!(leaks.to_string().contains("task spawned at"), "{leaks}");
/// ```
#[derive(Debug)]
pub struct LeakCheck {
    watched: Vec<(glib::WeakRef<glib::Object>, String)>,
}

impl LeakCheck {
    /// Watches `obj`, and if it is a widget every widget under it now.
    pub fn new(obj: &impl IsA<glib::Object>) -> Self {
        let obj = obj.upcast_ref::<glib::Object>();
        let watched = std::iter::once(obj.clone())
            .chain(widgets_under(obj))
            .map(|obj| (obj.downgrade(), describe(&obj)))
            .collect();
        Self { watched }
    }

    /// How many objects are watched.
    pub fn len(&self) -> usize {
        self.watched.len()
    }

    /// Whether no object is watched (never: the first one always is).
    pub fn is_empty(&self) -> bool {
        self.watched.is_empty()
    }

    /// `Ok` if every watched object was finalized; otherwise what is still alive.
    pub fn check(&self) -> Result<(), Leaks> {
        let tasks = running();
        let mut alive = Vec::new();
        let mut holding = Vec::new();
        let mut alive_at = Vec::new();
        for (weak, what) in &self.watched {
            let Some(obj) = weak.upgrade() else { continue };
            let address = obj.as_ptr() as usize;
            // The reference `upgrade` just took is not the leak's.
            alive.push(format!("{what} ({} references)", obj.ref_count() - 1));
            holding.extend(tasks.iter().filter(|t| t.object == address).cloned());
            alive_at.push((address, what));
        }
        if alive.is_empty() {
            return Ok(());
        }
        let streams = connected_here()
            .into_iter()
            .map(|stream| {
                let signal = stream.signal();
                match alive_at
                    .iter()
                    .find(|(address, _)| *address == stream.emitter)
                {
                    Some((_, what)) => format!("`{signal}` of {what} (watched)"),
                    None => format!("`{signal}` of a {}", stream.emitter_type),
                }
            })
            .collect();
        Err(Leaks {
            watched: self.watched.len(),
            alive,
            tasks: holding,
            streams,
        })
    }

    /// Panics with the [`Leaks`] report if a watched object is still alive.
    #[track_caller]
    pub fn assert_freed(&self) {
        if let Err(leaks) = self.check() {
            panic!("{leaks}");
        }
    }
}

/// What a [`LeakCheck`] found alive.
#[derive(Debug, Clone)]
pub struct Leaks {
    watched: usize,
    alive: Vec<String>,
    tasks: Vec<RunningTask>,
    streams: Vec<String>,
}

impl Leaks {
    /// The objects still alive, described.
    pub fn alive(&self) -> &[String] {
        &self.alive
    }

    /// How many tasks tied to those objects have not ended.
    pub fn running_tasks(&self) -> usize {
        self.tasks.len()
    }

    /// The streams and futures still connected on this thread to an object not disposed,
    /// described by signal and emitter: the possible holders, through their handlers or the
    /// tasks polling them. Always empty in release builds, which keep no record of them.
    pub fn connected_streams(&self) -> &[String] {
        &self.streams
    }
}

impl fmt::Display for Leaks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} of {} watched objects still alive:",
            self.alive.len(),
            self.watched
        )?;
        for what in &self.alive {
            writeln!(f, "  {what}")?;
        }
        if self.tasks.is_empty() {
            write!(
                f,
                "no task spawned on them with spawn_local is running (look for a clone held \
                 elsewhere: a glib::spawn_future_local task, a closure, a field)"
            )?;
        } else {
            write!(f, "{} tasks tied to them still run:", self.tasks.len())?;
            for task in &self.tasks {
                write!(
                    f,
                    "\n  task spawned at {} on a {}",
                    task.spawned_at, task.type_name
                )?;
            }
        }
        if !self.streams.is_empty() {
            write!(
                f,
                "\n{} streams still connected on this thread (their handlers, or the tasks \
                 polling them, may hold what is alive):",
                self.streams.len()
            )?;
            for stream in &self.streams {
                write!(f, "\n  stream of {stream}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Leaks {}

/// The widgets under `obj` now, if it is a widget: its children, theirs, and so on.
fn widgets_under(obj: &glib::Object) -> Vec<glib::Object> {
    #[cfg(feature = "gtk")]
    if let Some(widget) = crate::gtk_streams::as_widget(obj) {
        use gtk4::prelude::*;
        let mut found = Vec::new();
        let mut stack: Vec<gtk4::Widget> = widget.first_child().into_iter().collect();
        while let Some(widget) = stack.pop() {
            stack.extend(widget.next_sibling());
            stack.extend(widget.first_child());
            found.push(widget.upcast());
        }
        return found;
    }
    #[cfg(not(feature = "gtk"))]
    let _ = obj;
    Vec::new()
}

/// A watched object, as the report names it.
fn describe(obj: &glib::Object) -> String {
    #[cfg(feature = "gtk")]
    if let Some(widget) = crate::gtk_streams::as_widget(obj) {
        use gtk4::prelude::*;
        let name = widget.widget_name();
        if name != widget.type_().name() {
            return format!("{} '{name}'", obj.type_().name());
        }
    }
    obj.type_().name().to_owned()
}
