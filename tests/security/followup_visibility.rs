//! Security regression tests: followup_visibility (see `tests/security.rs`).
