// An interface's signal with a body: refused, pointing at the body.
mod imp {
    pub enum Named {}

    #[glib_signal_stream::signals(wrapper_type = super::Named, interface)]
    impl Named {
        #[signal(run_last)]
        fn renamed(&self, name: &str) {
            let _ = name;
        }
    }
}

pub struct Named;

fn main() {}
