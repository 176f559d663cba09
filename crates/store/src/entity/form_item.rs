//! Items of a rating form, in order; the item kind as JSON text.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub form_id: i64,
    pub audit_id: i64,
    pub position: i32,
    pub item_key: String,
    #[sea_orm(column_type = "Text")]
    pub tekst: String,
    #[sea_orm(column_type = "Text")]
    pub kind: String,
}

impl ActiveModelBehavior for ActiveModel {}
