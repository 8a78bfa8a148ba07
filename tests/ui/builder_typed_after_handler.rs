// The handler fixes the item type it takes: `typed` after it would change the item under the
// handler, so it is not offered.
use gio::prelude::*;
use glib_signal_stream::prelude::*;

fn main() {
    let action = gio::SimpleAction::new("go", None);
    let _activations = action
        .signal_stream_builder("activate")
        .handler(|_params| ())
        .typed::<(Option<glib::Variant>,)>()
        .build();
    action.activate(None);
}
