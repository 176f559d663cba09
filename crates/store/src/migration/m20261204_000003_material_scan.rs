//! The CPR scan of material files (issue "Trust", hole 10): one row per material item whose current
//! file was found to hold possible CPR numbers, with the masked findings and, once the koordinator has
//! looked, who confirmed that the file may be released to the panel and when.
//!
//! - `material_scans`: unique by (`audit_id`, `material_key`); `blob_sha256` is the file the findings
//!   are about, so a row left from an earlier file never holds back a new one; `findings` is the
//!   domain's `Vec<audit::cpr::CprFund>` as JSON text (masked excerpts only, never a full number).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_pk_auto, string, string_null, text, timestamp_with_time_zone,
    timestamp_with_time_zone_null,
};

/// Adds `material_scans`.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("material_scans")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("audit_id"))
                    .col(string("material_key"))
                    .col(string("blob_sha256"))
                    .col(text("findings"))
                    .col(timestamp_with_time_zone("scanned_at"))
                    .col(string_null("confirmed_by"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("material_scans", "audit_id")
                            .to("audits", "id"),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("material_scans_audit_material")
                    .table("material_scans")
                    .col("audit_id")
                    .col("material_key")
                    .unique()
                    .if_not_exists()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("material_scans").if_exists().take())
            .await
    }
}
