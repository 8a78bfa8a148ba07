//! The leak tests' connect / emit / drop cycles as a small program, for a memory checker:
//! `scripts/leak-check.sh` runs it under valgrind, which must find no block definitely lost.
//!
//! ```sh
//! cargo run --no-default-features --example leak_check -- 11000
//! ```

#[path = "../tests/common/mod.rs"]
mod support;

use glib::prelude::*;
use support::{churn::churn, Emitter};

fn main() {
    let cycles = std::env::args()
        .nth(1)
        .map(|arg| arg.parse().expect("the number of cycles"))
        .unwrap_or(11_000);
    let emitter = Emitter::new();
    let payload = glib::Object::new::<glib::Object>();
    churn(&emitter, &payload, cycles);
    assert!(!emitter.has_handler("tick") && !emitter.has_handler("carry"));

    let weak = (emitter.downgrade(), payload.downgrade());
    drop((emitter, payload));
    assert!(weak.0.upgrade().is_none() && weak.1.upgrade().is_none());
    println!("leak_check: {cycles} cycles done");
}
