//! Evidence attached to reports of follow-up actions done; the bytes live in `blobs`. Append-only.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up_evidence")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub blob_sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
