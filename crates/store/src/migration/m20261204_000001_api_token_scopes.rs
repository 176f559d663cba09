//! API token scopes and expiry (issue "Trust", hole 7): `api_tokens.scope` says what a token may be used
//! for (`read`, `write` or `feed`, `audit::TokenScope`), `api_tokens.expires_at` when it stops counting
//! (`NULL`: never). Tokens made before this migration could do everything, so they become `write`
//! tokens without expiry: nothing that worked stops working, and each can now be listed and revoked.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string, timestamp_with_time_zone_null};

/// Adds `scope` and `expires_at` to `api_tokens`.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        if !manager.has_column("api_tokens", "scope").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table("api_tokens")
                        .add_column(string("scope").default("write"))
                        .take(),
                )
                .await?;
        }
        if !manager.has_column("api_tokens", "expires_at").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table("api_tokens")
                        .add_column(timestamp_with_time_zone_null("expires_at"))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["expires_at", "scope"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("api_tokens")
                        .drop_column(column)
                        .take(),
                )
                .await?;
        }
        Ok(())
    }
}
