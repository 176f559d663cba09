//! Security regression tests: input_limits (see `tests/security.rs`).
