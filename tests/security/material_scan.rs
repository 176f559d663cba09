//! Security regression tests: material_scan (see `tests/security.rs`).
