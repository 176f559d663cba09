//! Published report versions: immutable once written (triggers refuse updates and deletes).

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_snapshots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub version: i32,
    pub media_type: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub content_sha256: String,
    pub draft_sha256: Option<String>,
    pub published_by: String,
    pub published_at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
