//! Security regression tests: tokens (see `tests/security.rs`).
