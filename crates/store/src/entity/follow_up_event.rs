//! The status history of follow-up actions; append-only, the last row is the current status.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_id: i64,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub new_frist: Option<String>,
    pub actor: String,
    pub at: TimeDateTimeWithTimeZone,
    /// The domain's `Historikpost` as JSON; `None` on the row that marks the action's creation.
    #[sea_orm(column_type = "Text", nullable)]
    pub entry: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
