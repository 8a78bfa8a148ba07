// `with_weak` takes `&obj`, a tuple of them, or what `self.obj()` returns: anything else is
// refused with a message that says so.
use glib_signal_stream::prelude::*;

fn main() {
    let label = String::from("not an object");
    let _items = futures::stream::iter([1]).with_weak(label);
}
