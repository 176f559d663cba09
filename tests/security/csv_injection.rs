//! Security regression tests: csv_injection (see `tests/security.rs`).
