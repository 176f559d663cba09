//! Audit rounds: the settings of `audit::Audit`; panel, material and forms have tables of their own.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub nr: String,
    pub titel: String,
    #[sea_orm(column_type = "Text")]
    pub formaal: String,
    #[sea_orm(column_type = "Text")]
    pub fokus: String,
    pub model_version: String,
    pub state: String,
    pub deadline: Option<TimeDate>,
    pub meeting_date: Option<TimeDate>,
    pub reveal_rule: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub updated_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
