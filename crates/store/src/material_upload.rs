//! Material added from the koordinator's upload form: the item and its file in one transaction, so a
//! refused or failed upload stores nothing; and a file replaced while the material may still change.

use audit::cpr::CprFund;
use audit::{AuditNr, Material, MaterialId, Username};
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;

use crate::audit_rows::{self as rows, is_rated, load_one, row_for_update};
use crate::entity::{audit as audit_row, material};
use crate::files::{FileInfo, NewFile, put_blob};
use crate::stamp::stamp;
use crate::{Db, StoreError, events, material_scan};

fn check_file(file: &NewFile) -> Result<(), StoreError> {
    if file.file_name.trim().is_empty() || file.media_type.trim().is_empty() {
        return Err(StoreError::Invalid(
            "filen mangler et navn eller en medietype".into(),
        ));
    }
    audit::file_name::check_upload(&file.file_name, file.bytes.len())
        .map_err(|err| StoreError::Invalid(err.to_string()))
}

fn info(material: &MaterialId, file: &NewFile, sha256: String) -> FileInfo {
    FileInfo {
        material: material.clone(),
        file_name: file.file_name.clone(),
        media_type: file.media_type.clone(),
        size: i64::try_from(file.bytes.len()).unwrap_or(i64::MAX),
        sha256,
    }
}

/// Adds `new` as the last material item of audit `nr`, with `file` attached when given: both or
/// neither, together with the CPR numbers the caller's scan found in the file (`cpr`; see
/// [`crate::material_scan`]). The audit's rules apply as for `audits::set_materials` (a unique id; only
/// in planlægning, before the first rating).
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit, [`StoreError::InvalidAudit`] for an id already in
/// use, [`StoreError::Workflow`] once rating has begun, [`StoreError::Invalid`] for a file without a
/// name or media type, or an empty one.
pub async fn add_material(
    db: &Db,
    nr: &AuditNr,
    new: &Material,
    file: Option<&NewFile>,
    cpr: &[CprFund],
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Option<FileInfo>, StoreError> {
    if let Some(file) = file {
        check_file(file)?;
    }
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let row = row_for_update(&txn, nr).await?;
    let before = load_one(&txn, row.clone()).await?;
    let mut after = before.clone();
    after.materials.push(new.clone());
    after.validate()?;
    before.check_setup_change(&after, is_rated(&txn, row.id).await?)?;
    let audit_id = row.id;
    let mut active = rows::material_row(audit_id, before.materials.len(), new)?;
    let stored = match file {
        Some(file) => {
            let sha256 = put_blob(&txn, &file.media_type, &file.bytes).await?;
            active.file_name = Set(Some(file.file_name.clone()));
            active.blob_sha256 = Set(Some(sha256.clone()));
            material_scan::record(&txn, audit_id, new.id.as_str(), &sha256, cpr, now).await?;
            Some(info(&new.id, file, sha256))
        }
        None => None,
    };
    active.id = NotSet;
    active.insert(&txn).await?;
    let mut audit_active: audit_row::ActiveModel = row.into();
    audit_active.updated_at = Set(now);
    audit_active.update(&txn).await?;
    let after = serde_json::json!({
        "material": new.id,
        "materials": after.materials.len(),
        "file": stored,
    });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "material_added", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(stored)
}

/// Attaches `file` to material item `material_id` of audit `nr`, replacing any earlier file and its CPR
/// scan by `cpr`, while the material may still change (`Audit::check_material_file_change`: in
/// planlægning, before the first rating).
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit or item, [`StoreError::Workflow`] once rating has
/// begun, [`StoreError::Invalid`] for a file without a name or media type, or an empty one.
pub async fn replace_material_file(
    db: &Db,
    nr: &AuditNr,
    material_id: &MaterialId,
    file: &NewFile,
    cpr: &[CprFund],
    actor: &Username,
    now: OffsetDateTime,
) -> Result<FileInfo, StoreError> {
    check_file(file)?;
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let row = row_for_update(&txn, nr).await?;
    let audit = load_one(&txn, row.clone()).await?;
    audit.check_material_file_change(is_rated(&txn, row.id).await?)?;
    let audit_id = row.id;
    let item = material::Entity::find()
        .filter(material::COLUMN.audit_id.eq(audit_id))
        .filter(material::COLUMN.material_key.eq(material_id.as_str()))
        .one(&txn)
        .await?
        .ok_or_else(|| StoreError::not_found("materialet", material_id))?;
    let sha256 = put_blob(&txn, &file.media_type, &file.bytes).await?;
    let before = item.blob_sha256.clone();
    let mut active: material::ActiveModel = item.into();
    active.file_name = Set(Some(file.file_name.clone()));
    active.blob_sha256 = Set(Some(sha256.clone()));
    active.update(&txn).await?;
    material_scan::record(&txn, audit_id, material_id.as_str(), &sha256, cpr, now).await?;
    let stored = info(material_id, file, sha256);
    let event = events::new(
        actor.as_str(),
        now,
        "file_attached",
        Some(serde_json::json!({ "material": material_id, "sha256": before })),
        Some(serde_json::to_value(&stored).map_err(StoreError::corrupt)?),
    );
    events::append(&txn, Some(audit_id), &event).await?;
    txn.commit().await?;
    Ok(stored)
}
