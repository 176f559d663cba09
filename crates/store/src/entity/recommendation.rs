//! Recommendations (anbefalinger) per key, versioned for optimistic locking.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub rec_key: String,
    pub position: i32,
    pub overskrift: String,
    #[sea_orm(column_type = "Text")]
    pub tekst: String,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
