//! Security regression tests: route_sweep (see `tests/security.rs`).
