//! The CPR scan of material files: what the upload found (masked, by page or line), and the
//! koordinator's confirmation that the file may still be released to the panel.
//!
//! A finding belongs to the file it was made in (its sha256): a replaced file brings its own scan, and
//! a row left from an earlier file holds nothing back. A material file with findings nobody has
//! confirmed is not released: panelists cannot download it and the audit cannot move to vurdering
//! (`audit::workflow::check_personal_data`).

use audit::cpr::CprFund;
use audit::{AuditNr, MaterialId, Username};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, Set,
};
use time::OffsetDateTime;

use crate::codec::{from_json, to_json};
use crate::entity::{material, material_scan};
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

/// The possible CPR numbers in the current file of one material item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CprWarning {
    /// The material item.
    pub material: MaterialId,
    /// What was found, masked.
    pub findings: Vec<CprFund>,
    /// Who confirmed the file for release, and when; `None` while it is held back.
    pub confirmed: Option<(String, OffsetDateTime)>,
}

/// Records the scan of the file `sha256` just attached to item `material_key`, replacing any earlier
/// scan of the item, inside the caller's transaction. No findings, no row.
pub(crate) async fn record<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    material_key: &str,
    sha256: &str,
    findings: &[CprFund],
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    material_scan::Entity::delete_many()
        .filter(material_scan::COLUMN.audit_id.eq(audit_id))
        .filter(material_scan::COLUMN.material_key.eq(material_key))
        .exec(conn)
        .await?;
    if findings.is_empty() {
        return Ok(());
    }
    material_scan::ActiveModel {
        id: NotSet,
        audit_id: Set(audit_id),
        material_key: Set(material_key.to_owned()),
        blob_sha256: Set(sha256.to_owned()),
        findings: Set(to_json(&findings)?),
        scanned_at: Set(now),
        confirmed_by: Set(None),
        confirmed_at: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The scans that still apply: of an existing item's current file.
async fn current<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<material_scan::Model>, StoreError> {
    let files: Vec<(String, Option<String>)> = material::Entity::find()
        .filter(material::COLUMN.audit_id.eq(audit_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.material_key, m.blob_sha256))
        .collect();
    Ok(material_scan::Entity::find()
        .filter(material_scan::COLUMN.audit_id.eq(audit_id))
        .all(conn)
        .await?
        .into_iter()
        .filter(|scan| {
            files.iter().any(|(key, sha)| {
                key == &scan.material_key && sha.as_ref() == Some(&scan.blob_sha256)
            })
        })
        .collect())
}

/// The material items whose current file has findings nobody has confirmed.
pub(crate) async fn held_back<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<String>, StoreError> {
    Ok(current(conn, audit_id)
        .await?
        .into_iter()
        .filter(|scan| scan.confirmed_by.is_none())
        .map(|scan| scan.material_key)
        .collect())
}

/// The CPR warnings of audit `nr`'s material files, confirmed or not.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn cpr_warnings(db: &Db, nr: &AuditNr) -> Result<Vec<CprWarning>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    current(db.conn(), audit_id)
        .await?
        .into_iter()
        .map(|scan| {
            Ok(CprWarning {
                material: scan.material_key.parse().map_err(StoreError::corrupt)?,
                findings: from_json("CPR-fundene", &scan.findings)?,
                confirmed: scan.confirmed_by.zip(scan.confirmed_at),
            })
        })
        .collect()
}

/// Whether the file of material `material_id` may be given to the panel: it has no unconfirmed CPR
/// findings.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn is_released(
    db: &Db,
    nr: &AuditNr,
    material_id: &MaterialId,
) -> Result<bool, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    Ok(!held_back(db.conn(), audit_id)
        .await?
        .iter()
        .any(|key| key == material_id.as_str()))
}

/// The koordinator confirms that the file of material `material_id`, with the CPR findings shown, may
/// be released to the panel. Recorded in the event log with the number of findings (never the findings).
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit, or when the item's current file has no findings to
/// confirm.
pub async fn confirm_cpr_warning(
    db: &Db,
    nr: &AuditNr,
    material_id: &MaterialId,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = stamp(now);
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    let scan = current(&txn, audit_id)
        .await?
        .into_iter()
        .find(|scan| scan.material_key == material_id.as_str())
        .ok_or_else(|| StoreError::not_found("CPR-advarslen for materialet", material_id))?;
    let count = from_json::<Vec<CprFund>>("CPR-fundene", &scan.findings)?.len();
    let mut active: material_scan::ActiveModel = scan.into();
    active.confirmed_by = Set(Some(actor.to_string()));
    active.confirmed_at = Set(Some(now));
    active.update(&txn).await?;
    let after = serde_json::json!({ "material": material_id, "findings": count });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(
            actor.as_str(),
            now,
            "cpr_warning_confirmed",
            None,
            Some(after),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
