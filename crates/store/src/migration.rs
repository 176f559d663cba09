//! Schema migrations, run at every start-up by [`crate::Db::connect`].
//!
//! Migrations are explicit files named the sea-orm way (`mYYYYMMDD_NNNNNN_what.rs`). Once merged a
//! migration is never edited: a change of schema is a new file. Running them again is harmless: applied
//! migrations are recorded in `seaql_migrations` and skipped.

mod m20251125_000001_initial_schema;
mod m20251201_000001_follow_up_tracking;
mod m20261204_000001_api_token_scopes;
mod m20261204_000002_login_attempt_address;
mod m20261204_000003_material_scan;
mod m20261204_000004_report_publish_once;
mod m20261207_000001_audit_revisions;
mod m20261207_000002_material_date;
mod m20261208_000001_hoering;

use sea_orm_migration::{MigrationTrait, MigratorTrait};

/// Every migration of the store, oldest first.
pub(crate) struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20251125_000001_initial_schema::Migration),
            Box::new(m20251201_000001_follow_up_tracking::Migration),
            Box::new(m20261204_000001_api_token_scopes::Migration),
            Box::new(m20261204_000002_login_attempt_address::Migration),
            Box::new(m20261204_000003_material_scan::Migration),
            Box::new(m20261204_000004_report_publish_once::Migration),
            Box::new(m20261207_000001_audit_revisions::Migration),
            Box::new(m20261207_000002_material_date::Migration),
            Box::new(m20261208_000001_hoering::Migration),
        ]
    }
}
