// `emit_<name>` and `connect_<name>` are typed: a `u64` for a `u32` parameter, and a handler
// of the wrong signature, are compile errors on the caller's line.
use glib::subclass::prelude::*;

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Job;

    #[glib::object_subclass]
    impl ObjectSubclass for Job {
        const NAME: &'static str = "UiEmitWrongTypeJob";
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
    job.emit_progress(50u64);
    job.connect_progress(|_, percent: &str| println!("{percent}"));
}
