//! Panel members of an audit, in panel order.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "panel_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub position: i32,
    pub username: String,
    pub navn: String,
    pub tilsyn: String,
    pub rolle: String,
    pub attendance: String,
    pub attendance_grund: Option<String>,
    pub afbud_paa_dagen: bool,
}

impl ActiveModelBehavior for ActiveModel {}
