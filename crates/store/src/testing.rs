//! Test databases (placeholder).
