//! Security regression tests: freeze (see `tests/security.rs`).
