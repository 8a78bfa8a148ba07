// A handler whose return type is not the signal's: a type error at the user's closure.
use glib::subclass::prelude::*;

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Job;

    #[glib::object_subclass]
    impl ObjectSubclass for Job {
        const NAME: &'static str = "UiHandlerReturnJob";
        type Type = super::Job;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Job)]
    impl Job {
        #[signal(run_last)]
        fn confirm(&self, path: &str) -> bool;
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Job {}
}

glib::wrapper! {
    pub struct Job(ObjectSubclass<imp::Job>);
}

fn main() {
    let job: Job = glib::Object::new();
    job.connect_confirm(|_, path| path.len());
}
