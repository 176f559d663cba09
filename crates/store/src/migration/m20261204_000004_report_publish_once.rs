//! Publishing once per draft state (issue "Trust", hole 9): `report_snapshots.draft_sha256`, the sha256
//! of the report data (`audit::report::Rapport` as JSON) a version was published from. Publishing
//! compares it with the latest version's inside the transaction that holds the audit's row, so that
//! simultaneous "Offentliggør" of one draft make one version. `NULL` on versions published before this
//! migration (they are compared with nothing). The table stays append-only (the first migration's
//! triggers refuse UPDATE and DELETE; adding a column is neither).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::string_null;

/// Adds `report_snapshots.draft_sha256`.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if !manager
            .has_column("report_snapshots", "draft_sha256")
            .await?
        {
            manager
                .alter_table(
                    Table::alter()
                        .table("report_snapshots")
                        .add_column(string_null("draft_sha256"))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("report_snapshots")
                    .drop_column("draft_sha256")
                    .take(),
            )
            .await
    }
}
