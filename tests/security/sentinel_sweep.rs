//! Security regression tests: sentinel_sweep (see `tests/security.rs`).
