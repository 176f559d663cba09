//! The recorded discussion per topic (indicator or tema), versioned for optimistic locking.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "discussion_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub topic: String,
    #[sea_orm(column_type = "Text")]
    pub ligheder: String,
    #[sea_orm(column_type = "Text")]
    pub opmaerksomheder: String,
    #[sea_orm(column_type = "Text")]
    pub datakilder: String,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
