//! Persistence for auditpanel: sea-orm entities and migrations, repository functions that take and
//! return `audit` domain values, the append-only event log, and lossless export and import.
//!
//! SQLite is the embedded default and PostgreSQL is chosen by URL; both run the same schema. Every
//! repository function is one transaction, and every change appends its event in that same transaction.
//! Reads of ratings go through `audit::visibility::visible_ratings`, so the store never hands out a value
//! the blind rule forbids. Time is always a parameter (`now`, `today`): nothing here reads the clock.

mod audit_rows;
mod codec;
mod db;
mod entity;
mod error;
mod migration;
mod stamp;
mod versioned;

pub mod audits;
pub mod compliance_samples;
pub mod demo;
pub mod events;
pub mod export;
pub mod files;
pub mod follow_up;
pub mod follow_up_plan;
pub mod follow_up_tracking;
pub mod hoering;
pub mod material_scan;
pub mod material_upload;
pub mod model_versions;
pub mod ratings;
pub mod reminders;
pub mod report_content;
pub mod reports;
pub mod sessions;
#[cfg(feature = "testing")]
pub mod testing;
pub mod users;

pub use db::{DEFAULT_DATABASE_URL, Db, Engine};
pub use error::StoreError;
