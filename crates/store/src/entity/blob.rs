//! File contents, content-addressed by their sha256 (hex), stored once however often they are used.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "blobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

impl ActiveModelBehavior for ActiveModel {}
