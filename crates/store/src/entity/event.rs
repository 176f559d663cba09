//! The append-only event log: who, when, what, and small before/after JSON (triggers refuse changes).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: Option<i64>,
    pub actor: String,
    pub at: TimeDateTimeWithTimeZone,
    pub kind: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub before: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub after: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
