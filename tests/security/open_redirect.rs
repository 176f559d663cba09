//! Security regression tests: open_redirect (see `tests/security.rs`).
