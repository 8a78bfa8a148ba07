//! [`SpawnLocalExt::spawn_local`]: a task tied to an object's life as the user sees it, so
//! that the natural code (strong captures, streams of longer-lived objects) cannot leak.

use std::{
    fmt,
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

use glib::prelude::*;

use crate::ops::DisposalWatch;

/// Tasks tied to an object: `obj.spawn_local(future)`, for every `glib::Object`.
///
/// The future runs on the thread-default main context, as with
/// [`glib::spawn_future_local`], and is dropped, with everything it captured, as soon as the
/// object's life as the user sees it ends:
///
/// | object | the task is dropped when |
/// |---|---|
/// | a `gtk::Window` | it is destroyed (`destroy()`, or `close()` unless it hides on close), or disposed |
/// | any other `gtk::Widget` | its window is destroyed, or it is removed from its window for good (without a new parent by the time the task next runs), or it is disposed |
/// | any other object | it is disposed |
///
/// So a task may hold its window and widgets strongly (`clone!(#[strong] window, ..)`) and
/// await streams of objects that outlive the window (its `gio::Settings`, actions, the
/// application): closing the window ends the task, which releases them. A window that hides
/// on close (`hide_on_close`) keeps its tasks: it may be shown again. Any other object is
/// disposed only once unreferenced, which a strong capture in its own task prevents: tie such
/// a task to the window it serves, or capture the object weakly.
///
/// The task's [`JoinHandle`](glib::JoinHandle) resolves to `Some(output)` if the future
/// completed, `None` if the object's end dropped it first. A task spawned on a window that
/// is already destroyed, or on a widget whose window is, is dropped before it first runs; on
/// an object that is already disposed but still referenced (not a widget), it runs until the
/// object is finalized (GObject keeps no trace of a past disposal to ask about).
///
/// The tie costs no GLib source and no handler per wake: one disposal record per object
/// (shared with its streams), and for a widget one `notify::root` handler and one handler on
/// GTK's list of toplevel windows per task.
///
/// ```
/// use std::{cell::Cell, rc::Rc};
/// use glib_signal_stream::prelude::*;
///
/// /// Says when it is dropped.
/// struct Guard(Rc<Cell<bool>>);
/// impl Drop for Guard {
///     fn drop(&mut self) {
///         self.0.set(true);
///     }
/// }
///
/// let context = glib::MainContext::default();
/// let _owner = context.acquire().unwrap();
/// let model = gio::ListStore::new::<glib::Object>();
/// let dropped = Rc::new(Cell::new(false));
/// let guard = Guard(dropped.clone());
/// let task = model.spawn_local(async move {
///     let _guard = guard; // captured by the task
///     futures_util::future::pending::<()>().await;
/// });
/// drop(model); // disposed: the task is dropped, with what it captured
/// assert_eq!(context.block_on(task).unwrap(), None);
/// assert!(dropped.get());
/// ```
pub trait SpawnLocalExt: IsA<glib::Object> {
    /// Spawns `future` on the thread-default main context, tied to this object's life (see
    /// the [trait's docs](SpawnLocalExt)).
    ///
    /// # Panics
    ///
    /// As [`glib::spawn_future_local`]: if the thread-default main context is owned by
    /// another thread.
    #[doc(alias = "spawn_future_local")]
    #[track_caller]
    fn spawn_local<F>(&self, future: F) -> glib::JoinHandle<Option<F::Output>>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let obj = self.upcast_ref::<glib::Object>();
        glib::spawn_future_local(Tied {
            _running: Running::register(obj, std::panic::Location::caller()),
            life: Life::new(obj),
            future: Some(Box::pin(future)),
        })
    }
}

impl<O: IsA<glib::Object>> SpawnLocalExt for O {}

/// The future a tied task runs: the user's, until the object's life ends.
struct Tied<F> {
    life: Life,
    // `None` once dropped.
    future: Option<Pin<Box<F>>>,
    // Declared last, dropped last: the task counts as running until its future is dropped.
    _running: Running,
}

/// A tied task that has not ended, as [`LeakCheck`](crate::LeakCheck) reports it.
#[derive(Clone, Debug)]
pub(crate) struct RunningTask {
    /// The object's address, to match it with an object still alive.
    pub(crate) object: usize,
    pub(crate) type_name: &'static str,
    pub(crate) spawned_at: &'static std::panic::Location<'static>,
}

thread_local! {
    /// The tied tasks of this thread that have not ended, by slot (freed slots are `None`).
    static RUNNING: std::cell::RefCell<Vec<Option<RunningTask>>> = const {
        std::cell::RefCell::new(Vec::new())
    };
}

/// A tied task's entry among the [`running`] ones, removed when the task ends.
struct Running(Option<usize>);

impl Running {
    fn register(obj: &glib::Object, spawned_at: &'static std::panic::Location<'static>) -> Self {
        let task = RunningTask {
            object: obj.as_ptr() as usize,
            type_name: obj.type_().name(),
            spawned_at,
        };
        let slot = RUNNING
            .try_with(|running| {
                let mut running = running.try_borrow_mut().ok()?;
                let slot = match running.iter().position(Option::is_none) {
                    Some(slot) => slot,
                    None => {
                        running.push(None);
                        running.len() - 1
                    }
                };
                running[slot] = Some(task);
                Some(slot)
            })
            .ok()
            .flatten();
        Self(slot)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(slot) = self.0 {
            let _ = RUNNING.try_with(|running| {
                if let Ok(mut running) = running.try_borrow_mut() {
                    running[slot] = None;
                }
            });
        }
    }
}

/// The tied tasks of this thread that have not ended.
pub(crate) fn running() -> Vec<RunningTask> {
    RUNNING
        .try_with(|running| running.borrow().iter().flatten().cloned().collect())
        .unwrap_or_default()
}

impl<F: Future> Future for Tied<F> {
    type Output = Option<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.life.poll_ended(cx) {
            // Dropped here, with everything it captured.
            self.future = None;
            return Poll::Ready(None);
        }
        let Some(future) = self.future.as_mut() else {
            return Poll::Ready(None);
        };
        match future.as_mut().poll(cx) {
            Poll::Ready(output) => {
                self.future = None;
                Poll::Ready(Some(output))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<F> fmt::Debug for Tied<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tied")
            .field("life", &self.life)
            .field("running", &self.future.is_some())
            .finish()
    }
}

/// What ends a tied task: the object's disposal, and for a widget what ends its life in a
/// window.
#[derive(Debug)]
struct Life {
    disposal: DisposalWatch<glib::Object>,
    #[cfg(feature = "gtk")]
    widget: Option<crate::gtk_streams::WidgetLife>,
}

impl Life {
    fn new(obj: &glib::Object) -> Self {
        Self {
            disposal: DisposalWatch::new(obj),
            #[cfg(feature = "gtk")]
            widget: crate::gtk_streams::as_widget(obj).map(crate::gtk_streams::WidgetLife::new),
        }
    }

    /// Whether the object's life has ended; if not, `cx`'s task is woken when it may have.
    fn poll_ended(&mut self, cx: &mut Context<'_>) -> bool {
        if self.disposal.poll_disposed(cx) {
            return true;
        }
        #[cfg(feature = "gtk")]
        if let Some(widget) = &mut self.widget {
            return widget.poll_ended(cx);
        }
        false
    }
}
