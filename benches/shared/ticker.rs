//! The emitter the benchmarks share: a GObject with one signal, `tick(u64)`.

mod imp {
    use std::sync::OnceLock;

    use glib::{prelude::*, subclass::prelude::*, subclass::Signal};

    #[derive(Default)]
    pub struct Ticker;

    #[glib::object_subclass]
    impl ObjectSubclass for Ticker {
        const NAME: &'static str = "BenchTicker";
        type Type = super::Ticker;
        type ParentType = glib::Object;
    }

    impl ObjectImpl for Ticker {
        fn signals() -> &'static [Signal] {
            static SIGNALS: OnceLock<Vec<Signal>> = OnceLock::new();
            SIGNALS.get_or_init(|| {
                vec![Signal::builder("tick")
                    .param_types([u64::static_type()])
                    .build()]
            })
        }
    }
}

glib::wrapper! {
    /// Emits `tick(u64)` when told to: `obj.emit_by_name::<()>("tick", &[&n])`.
    pub struct Ticker(ObjectSubclass<imp::Ticker>);
}
