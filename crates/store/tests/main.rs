//! The store's tests, one binary: every test runs on SQLite (a temporary file) and, when `DATABASE_URL`
//! is a PostgreSQL URL, on PostgreSQL too, each in a fresh database of its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod audits;
mod blindness;
mod concurrency;
mod demo;
mod discussion;
mod events;
mod export;
mod fixtures;
mod follow_up;
mod follow_up_plan;
mod follow_up_tracking;
mod material_upload;
mod migrations;
mod ratings;
