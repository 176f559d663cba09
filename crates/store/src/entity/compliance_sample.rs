//! Drawn compliance samples (faglig udtalelse): seed, k and the lists and result as JSON text.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "compliance_samples")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub seed: String,
    pub k: i32,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub drawn_by: String,
    pub drawn_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
