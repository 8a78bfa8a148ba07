// A type that is not `Send + Sync` (a `RefCell` inside) has no Send forms: the call is refused.
use std::cell::RefCell;

use glib::subclass::prelude::*;

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Job {
        pub log: RefCell<Vec<String>>,
    }

    #[glib::object_subclass]
    impl ObjectSubclass for Job {
        const NAME: &'static str = "UiSendFormJob";
        type Type = super::Job;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Job)]
    impl Job {
        #[signal(run_last)]
        fn progress(&self, percent: u32);
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Job {}
}

glib::wrapper! {
    pub struct Job(ObjectSubclass<imp::Job>);
}

fn main() {
    let job: Job = glib::Object::new();
    let _progress = job.progress_stream_send();
}
