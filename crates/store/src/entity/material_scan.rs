//! The CPR scan of a material item's current file: masked findings, and the koordinator's confirmation.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "material_scans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub material_key: String,
    pub blob_sha256: String,
    pub findings: String,
    pub scanned_at: TimeDateTimeWithTimeZone,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<TimeDateTimeWithTimeZone>,
}

impl ActiveModelBehavior for ActiveModel {}
