//! The end-to-end test crate has no library code: everything is in the test binary `main.rs`.
