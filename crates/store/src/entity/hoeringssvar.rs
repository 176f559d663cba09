//! One tilsyn's answer to a høring.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hoeringssvar")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub hoering_id: i64,
    pub tilsyn: String,
    #[sea_orm(column_type = "Text")]
    pub tekst: String,
    pub author: String,
    pub submitted_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
