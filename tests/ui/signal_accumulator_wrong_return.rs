// `first_stop_wins` on a signal that returns a number: the error points at the accumulator.
use glib::subclass::prelude::*;

mod imp {
    use super::*;

    #[derive(Default)]
    pub struct Job;

    #[glib::object_subclass]
    impl ObjectSubclass for Job {
        const NAME: &'static str = "UiAccumulatorJob";
        type Type = super::Job;
    }

    #[glib_signal_stream::signals(wrapper_type = super::Job)]
    impl Job {
        #[signal(run_last, accumulator = glib_signal_stream::accumulator::first_stop_wins)]
        fn confirm(&self, path: &str) -> u32;
    }

    #[glib_signal_stream::derived_signals]
    impl ObjectImpl for Job {}
}

glib::wrapper! {
    pub struct Job(ObjectSubclass<imp::Job>);
}

fn main() {}
