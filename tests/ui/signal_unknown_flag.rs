// A flag GLib does not have: the error points at it and lists the flags.
use glib::subclass::prelude::*;

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Job;

    #[glib::object_subclass]
    impl ObjectSubclass for Job {
        const NAME: &'static str = "UiUnknownFlagJob";
        type Type = super::Job;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Job)]
    impl Job {
        #[signal(run_last, run_later)]
        fn done(&self);
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Job {}
}

glib::wrapper! {
    pub struct Job(ObjectSubclass<imp::Job>);
}

fn main() {}
