//! A material item's own date (`materials.dato`, `audit::Material::dato`): a compliance sample holds only
//! tilsynsrapporter dated from the day the faglig udtalelse took effect (`audit::compliance::periode`), so the
//! report's date must be stored with it. `NULL` for material without a known date.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::date_null;

/// Adds `materials.dato`.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if !manager.has_column("materials", "dato").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table("materials")
                        .add_column(date_null("dato"))
                        .take(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("materials").drop_column("dato").take())
            .await
    }
}
