//! Security regression tests: throttle (see `tests/security.rs`).
