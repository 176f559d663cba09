//! Reminders of follow-up deadlines, one row per reminder and recipient, unique by the domain's key.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub reminder_key: String,
    pub username: String,
    pub audit_nr: String,
    pub action_key: String,
    pub step: String,
    pub due: TimeDate,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub read_at: Option<TimeDateTimeWithTimeZone>,
    pub email: Option<String>,
    pub mail_claimed_at: Option<TimeDateTimeWithTimeZone>,
    pub mail_sent_at: Option<TimeDateTimeWithTimeZone>,
}

impl ActiveModelBehavior for ActiveModel {}
