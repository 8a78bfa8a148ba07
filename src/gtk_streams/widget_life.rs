//! [`WidgetLife`]: when a widget's life in a window ends, for the tasks tied to it
//! ([`spawn_local`](crate::prelude::SpawnLocalExt::spawn_local)).
//!
//! GTK 4's `gtk_window_destroy` does not dispose a window that is still referenced: it hides
//! it, unrealizes it and removes it from GTK's list of toplevels. So a task that holds its
//! window (or a widget in it) would keep everything alive if it waited for a disposal. A
//! window's life ends when it leaves that list; a widget's when its window's does, or when it
//! leaves its window for good.

use std::{
    pin::Pin,
    task::{Context, Poll},
};

use futures_core::Stream;
use glib::prelude::*;
use gtk4::prelude::*;

use crate::{prelude::SignalStreamExt, PropertyStream, SignalStream};

/// Follows one widget: the window it is in (`notify::root`), and whether that window is
/// still one of GTK's toplevels (`items-changed` of `gtk::Window::toplevels()`).
pub(crate) struct WidgetLife {
    roots: PropertyStream<Option<gtk4::Root>>,
    toplevel_changes: SignalStream<(u32, u32, u32)>,
    toplevels: gio::ListModel,
    /// The window the widget is in, as last seen.
    window: Option<glib::WeakRef<gtk4::Window>>,
    /// Whether the widget has been in a window (or another root) since the task began.
    had_root: bool,
}

impl WidgetLife {
    pub(crate) fn new(widget: &gtk4::Widget) -> Self {
        let toplevels = gtk4::Window::toplevels();
        Self {
            roots: widget.property_stream("root"),
            toplevel_changes: toplevels.connect_stream_typed("items-changed"),
            toplevels,
            window: None,
            had_root: false,
        }
    }

    /// Whether the widget's life in a window has ended; if not, `cx`'s task is woken when it
    /// may have. Decided on what the widget is now, when the task runs: a widget moved from
    /// one parent to another within one main loop iteration is not removed.
    pub(crate) fn poll_ended(&mut self, cx: &mut Context<'_>) -> bool {
        let mut changed = false;
        let mut root = None;
        loop {
            match Pin::new(&mut self.roots).poll_next(cx) {
                Poll::Ready(Some(latest)) => root = Some(latest),
                // The widget was disposed.
                Poll::Ready(None) => return true,
                Poll::Pending => break,
            }
        }
        while let Poll::Ready(Some(_)) = Pin::new(&mut self.toplevel_changes).poll_next(cx) {
            changed = true;
        }
        if let Some(root) = root {
            changed = true;
            match root {
                Some(root) => {
                    self.had_root = true;
                    self.window = root.downcast::<gtk4::Window>().ok().map(|w| w.downgrade());
                }
                // Removed from its window, and not given a new one since.
                None if self.had_root => return true,
                None => self.window = None,
            }
        }
        changed && self.window_destroyed()
    }

    /// Whether the widget's window has left GTK's toplevels (`gtk_window_destroy`).
    fn window_destroyed(&self) -> bool {
        let Some(window) = self.window.as_ref().and_then(|w| w.upgrade()) else {
            return false;
        };
        let window = window.upcast::<glib::Object>();
        !(0..self.toplevels.n_items()).any(|i| self.toplevels.item(i).as_ref() == Some(&window))
    }
}

impl std::fmt::Debug for WidgetLife {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WidgetLife")
            .field("in_window", &self.window.is_some())
            .field("had_root", &self.had_root)
            .finish_non_exhaustive()
    }
}

/// `obj` as a widget, if it is one, without registering GTK's widget type.
///
/// `gtk4::Widget::static_type()` calls `gtk_widget_get_type`, which in GTK 4 registers the
/// type on first use without a lock: called on a worker thread (`spawn_local` on a GIO object
/// there) while the GTK thread first uses a widget, both register it and GLib rejects the
/// second ("cannot register existing type 'GtkWidget'"), leaving GTK broken. Looking the type
/// up by name takes GLib's type lock and registers nothing; an object that is a widget proves
/// the type was registered, after which asking for it is only a read. Once found, the type is
/// kept: the lookup (a lock and a hash) is paid once, not per task.
pub(crate) fn as_widget(obj: &glib::Object) -> Option<&gtk4::Widget> {
    static WIDGET: std::sync::OnceLock<glib::Type> = std::sync::OnceLock::new();
    // No widget exists before GTK is initialized (gtk-rs refuses to make one): one atomic
    // read then, and no lookup, for the tasks of a program that does not use GTK.
    if !gtk4::is_initialized() {
        return None;
    }
    let widget = match WIDGET.get() {
        Some(widget) => *widget,
        None => {
            let widget = glib::Type::from_name("GtkWidget")?;
            *WIDGET.get_or_init(|| widget)
        }
    };
    if obj.type_().is_a(widget) {
        obj.downcast_ref::<gtk4::Widget>()
    } else {
        None
    }
}
