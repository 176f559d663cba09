//! Security regression tests: publish_once (see `tests/security.rs`).
