//! [`Tie`]: the objects a stream can be tied to (`with_weak`, `take_until_disposed`): one
//! object, or a tuple of up to four, each held weakly.
// `Tie::watches` names a crate-private type: the trait is sealed, and only this crate
// implements or calls that method.
#![allow(private_interfaces)]

use std::task::Context;

use glib::prelude::*;

use super::disposal::DisposalWatch;

/// What [`with_weak`](super::GlibStreamExt::with_weak) and
/// [`take_until_disposed`](super::GlibStreamExt::take_until_disposed) take: a reference to
/// one object (`&window`), or a tuple of up to four (`(&entry, &label)`). The stream then
/// holds each weakly and ends as soon as any of them is disposed; `with_weak` yields
/// [`Objects`](Self::Objects) with each item: the object, or the tuple of objects, upgraded.
///
/// Sealed: implemented for `&O` and tuples of `&O` for every object type `O`, and for what
/// `self.obj()` returns in a subclass, passed as it is (`.with_weak(self.obj())`, or
/// `&*obj` for a `let obj = self.obj();`).
///
/// ```
/// use futures_util::{stream, StreamExt};
/// use glib_signal_stream::prelude::*;
///
/// let (entry, label) = (glib::Object::new::<glib::Object>(), glib::Object::new::<glib::Object>());
/// let mut items = stream::iter([1]).with_weak((&entry, &label));
/// let ((e, l), n) = glib::MainContext::default().block_on(items.next()).unwrap();
/// assert_eq!((e, l, n), (entry, label, 1));
/// ```
#[diagnostic::on_unimplemented(
    message = "a stream can be tied to `&obj` or a tuple `(&a, &b)` of objects, not to `{Self}`",
    label = "expected a reference to an object, or a tuple of them",
    note = "in a subclass, pass `self.obj()` itself, or `&*obj` for a `let obj = self.obj();`"
)]
pub trait Tie: sealed::Sealed {
    /// What each item of [`with_weak`](super::GlibStreamExt::with_weak) comes with: the object
    /// (`O` for `&O`), or a tuple of the objects.
    type Objects;

    /// Watches every object for its disposal.
    #[doc(hidden)]
    fn watches(self) -> Watches<Self::Objects>;
}

/// The watches of the objects a stream is tied to, and how to upgrade them all.
pub(crate) struct Watches<O> {
    watches: Vec<DisposalWatch<glib::Object>>,
    /// Upgrades every watch and casts each object back to its type; `None` if any is gone.
    upgrade: fn(&[DisposalWatch<glib::Object>]) -> Option<O>,
}

impl<O> Watches<O> {
    /// Whether any object has been disposed. If none has, the task of `cx` is woken when one
    /// is.
    pub(crate) fn poll_disposed(&self, cx: &mut Context<'_>) -> bool {
        self.watches.iter().any(|watch| watch.poll_disposed(cx))
    }

    /// Whether any object has been disposed, without registering a waker.
    pub(crate) fn is_disposed(&self) -> bool {
        self.watches.iter().any(DisposalWatch::is_disposed)
    }

    /// The objects, if every one is alive and not disposed.
    pub(crate) fn upgrade(&self) -> Option<O> {
        (self.upgrade)(&self.watches)
    }
}

impl<O> std::fmt::Debug for Watches<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.watches).finish()
    }
}

fn watch<O: IsA<glib::Object>>(obj: &O) -> DisposalWatch<glib::Object> {
    DisposalWatch::new(obj.upcast_ref::<glib::Object>())
}

/// The object watched at `i`, upgraded and cast back to the type it was given as.
fn upgraded<O: IsA<glib::Object>>(watches: &[DisposalWatch<glib::Object>], i: usize) -> Option<O> {
    watches.get(i)?.upgrade()?.downcast().ok()
}

mod sealed {
    pub trait Sealed {}
}

impl<O: IsA<glib::Object>> sealed::Sealed for &O {}

impl<O: IsA<glib::Object>> Tie for &O {
    type Objects = O;
    fn watches(self) -> Watches<O> {
        Watches {
            watches: vec![watch(self)],
            upgrade: |w| upgraded(w, 0),
        }
    }
}

macro_rules! tie_tuple {
    ($($name:ident $index:tt),+) => {
        impl<$($name: IsA<glib::Object>),+> sealed::Sealed for ($(&$name,)+) {}

        impl<$($name: IsA<glib::Object>),+> Tie for ($(&$name,)+) {
            type Objects = ($($name,)+);
            fn watches(self) -> Watches<Self::Objects> {
                Watches {
                    watches: vec![$(watch(self.$index)),+],
                    upgrade: |w| Some(($(upgraded::<$name>(w, $index)?,)+)),
                }
            }
        }
    };
}

tie_tuple!(A 0, B 1);
tie_tuple!(A 0, B 1, C 2);
tie_tuple!(A 0, B 1, C 2, D 3);

/// What `self.obj()` returns in a subclass, passed as it is: `.with_weak(self.obj())`.
impl<O: IsA<glib::Object>> sealed::Sealed for glib::BorrowedObject<'_, O> {}

impl<O: IsA<glib::Object>> Tie for glib::BorrowedObject<'_, O> {
    type Objects = O;
    fn watches(self) -> Watches<O> {
        (&*self).watches()
    }
}
