//! Rating forms of an audit, in order; the scale and the covered material as JSON text.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rating_forms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub position: i32,
    pub titel: String,
    #[sea_orm(column_type = "Text")]
    pub scale: String,
    #[sea_orm(column_type = "Text")]
    pub materials: String,
}

impl ActiveModelBehavior for ActiveModel {}
