//! Login attempts by client address (issue "Trust", hole 8): throttling counted failures per username
//! only, so wrong passwords from one address locked the user out everywhere. Each attempt now records
//! the client address it came from (`address`; `''` on rows written before this migration, which age
//! out of the throttling window within minutes), with indexes for the two counts throttling makes: per
//! (address, username) and per address.

use sea_orm_migration::prelude::*;

/// Adds `login_attempts.address` and its indexes.
#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn index(name: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table("login_attempts").if_not_exists();
    for column in columns {
        index.col(*column);
    }
    index
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if !manager.has_column("login_attempts", "address").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table("login_attempts")
                        .add_column(ColumnDef::new("address").string().not_null().default(""))
                        .take(),
                )
                .await?;
        }
        for statement in [
            index(
                "login_attempts_address_username_at",
                &["address", "username", "at"],
            ),
            index("login_attempts_address_at", &["address", "at"]),
        ] {
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "login_attempts_address_username_at",
            "login_attempts_address_at",
        ] {
            let mut statement = Index::drop();
            statement.name(name).table("login_attempts").if_exists();
            manager.drop_index(statement).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("login_attempts")
                    .drop_column("address")
                    .take(),
            )
            .await
    }
}
