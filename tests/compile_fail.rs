//! What the compiler says to code that gets the crate wrong, message included (trybuild
//! compares each `tests/ui/*.rs` against its `.stderr`). Run with the default features; the
//! messages are those of the toolchain CI uses.
#![cfg(feature = "gtk")]

#[test]
fn compile_fail_messages() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
