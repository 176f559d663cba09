//! Material files: the uploaded bytes of a material item, stored once per content in a blob table
//! keyed by sha256.

use audit::{AuditNr, MaterialId};
use sea_orm::{ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};

use crate::entity::{blob, material};
use crate::reports::sha256_hex;
use crate::{Db, StoreError, audit_rows};

/// A file to attach to a material item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// The file name as uploaded ("rapport-a.pdf").
    pub file_name: String,
    /// Its media type ("application/pdf").
    pub media_type: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// What is known about an attached file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    /// The material item it belongs to.
    pub material: MaterialId,
    /// The file name as uploaded.
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// The sha256 of the contents, hex.
    pub sha256: String,
}

/// An attached file with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// What is known about it.
    pub info: FileInfo,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// Stores `bytes` under their sha256 unless the same content is stored already; returns the hash.
pub(crate) async fn put_blob<C: ConnectionTrait>(
    conn: &C,
    media_type: &str,
    bytes: &[u8],
) -> Result<String, StoreError> {
    let sha256 = sha256_hex(bytes);
    let size =
        i64::try_from(bytes.len()).map_err(|_| StoreError::Invalid("filen er for stor".into()))?;
    blob::Entity::insert(blob::ActiveModel {
        sha256: Set(sha256.clone()),
        size: Set(size),
        media_type: Set(media_type.to_owned()),
        bytes: Set(bytes.to_vec()),
    })
    .on_conflict_do_nothing()
    .exec(conn)
    .await?;
    Ok(sha256)
}

/// The files attached to the material of the audit with row id `audit_id`, with their bytes when
/// `with_bytes`, in material order.
pub(crate) async fn of_audit_id<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    with_bytes: bool,
) -> Result<Vec<StoredFile>, StoreError> {
    let rows = material::Entity::find()
        .filter(material::COLUMN.audit_id.eq(audit_id))
        .filter(material::COLUMN.blob_sha256.is_not_null())
        .order_by_asc(material::COLUMN.position)
        .all(conn)
        .await?;
    let mut files = Vec::with_capacity(rows.len());
    for row in rows {
        let (Some(sha256), Some(file_name)) = (row.blob_sha256, row.file_name) else {
            continue;
        };
        let blob = blob::Entity::find_by_id(sha256.clone())
            .one(conn)
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("filindhold {sha256} mangler")))?;
        files.push(StoredFile {
            info: FileInfo {
                material: row.material_key.parse().map_err(StoreError::corrupt)?,
                file_name,
                media_type: blob.media_type,
                size: blob.size,
                sha256,
            },
            bytes: if with_bytes { blob.bytes } else { Vec::new() },
        });
    }
    Ok(files)
}

/// The file of material item `material_id` of audit `nr`, if one is attached.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn material_file(
    db: &Db,
    nr: &AuditNr,
    material_id: &MaterialId,
) -> Result<Option<StoredFile>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    Ok(of_audit_id(db.conn(), audit_id, true)
        .await?
        .into_iter()
        .find(|f| &f.info.material == material_id))
}

/// The files attached to audit `nr`'s material, without their bytes.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn material_files(db: &Db, nr: &AuditNr) -> Result<Vec<FileInfo>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    Ok(of_audit_id(db.conn(), audit_id, false)
        .await?
        .into_iter()
        .map(|f| f.info)
        .collect())
}
