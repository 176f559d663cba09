//! Login attempts, kept for throttling repeated failures per (client address, username) and per client
//! address.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub username: String,
    pub address: String,
    pub succeeded: bool,
    pub at: TimeDateTimeWithTimeZone,
}

impl ActiveModelBehavior for ActiveModel {}
