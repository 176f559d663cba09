//! A høring of an audit's report: the frozen draft sent to the participating tilsyn, and its deadline.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hoeringer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub frist: String,
    pub sent_by: String,
    pub sent_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
