//! Høring (issue 13, item 10): the draft auditrapport sent to the participating tilsyn for comments.
//!
//! - `hoeringer`: one row per høring of an audit, with the frozen draft (the report article as HTML,
//!   as `web` rendered it when it was sent), the deadline as `YYYY-MM-DD`, who sent it and when.
//! - `hoeringssvar`: one answer per tilsyn per høring (unique by `hoering_id`, `tilsyn`), with its
//!   text, who wrote it and when.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_integer, big_pk_auto, string, text, timestamp_with_time_zone};

/// Adds `hoeringer` and `hoeringssvar`.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("hoeringer")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("audit_id"))
                    .col(text("content"))
                    .col(string("frist"))
                    .col(string("sent_by"))
                    .col(timestamp_with_time_zone("sent_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("hoeringer", "audit_id")
                            .to("audits", "id"),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("hoeringssvar")
                    .if_not_exists()
                    .col(big_pk_auto("id"))
                    .col(big_integer("hoering_id"))
                    .col(string("tilsyn"))
                    .col(text("tekst"))
                    .col(string("author"))
                    .col(timestamp_with_time_zone("submitted_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("hoeringssvar", "hoering_id")
                            .to("hoeringer", "id"),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("hoeringssvar_hoering_tilsyn")
                    .table("hoeringssvar")
                    .col("hoering_id")
                    .col("tilsyn")
                    .unique()
                    .if_not_exists()
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("hoeringssvar").if_exists().take())
            .await?;
        manager
            .drop_table(Table::drop().table("hoeringer").if_exists().take())
            .await
    }
}
