//! Material items of an audit, in audit order, with an optional file in `blobs`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "materials")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub audit_id: i64,
    pub position: i32,
    pub material_key: String,
    pub pseudonym: String,
    pub tilsyn: String,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub beskrivelse: String,
    #[sea_orm(column_type = "Text")]
    pub original_scores: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub tilbud: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub sagsforloeb: Option<String>,
    /// The document's own date (`audit::Material::dato`); added by `m20261207_000002_material_date`.
    pub dato: Option<TimeDate>,
    pub file_name: Option<String>,
    pub blob_sha256: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
