//! Published report versions: frozen snapshots that never change once written.
//!
//! The rendered report is stored as text (HTML or JSON, as the web layer produces it) with its sha256;
//! the schema's triggers refuse any update or delete, so "published versions are frozen" holds even
//! against a hand-written SQL statement.

use audit::{AuditNr, Username};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::entity::report_snapshot;
use crate::stamp::stamp;
use crate::{Db, StoreError, audits, events};

/// One published version of an audit's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedReport {
    /// 1 for the first publication, then 2, 3, …
    pub version: i32,
    /// The media type of `content` ("text/html; charset=utf-8").
    pub media_type: String,
    /// The report as published.
    pub content: String,
    /// The sha256 of `content`, hex.
    pub content_sha256: String,
    /// Who published it.
    pub published_by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub published_at: OffsetDateTime,
}

/// The sha256 of `bytes` in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn from_row(row: report_snapshot::Model) -> PublishedReport {
    PublishedReport {
        version: row.version,
        media_type: row.media_type,
        content: row.content,
        content_sha256: row.content_sha256,
        published_by: row.published_by,
        published_at: row.published_at,
    }
}

pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    report: &PublishedReport,
) -> Result<(), StoreError> {
    report_snapshot::ActiveModel {
        id: NotSet,
        audit_id: Set(audit_id),
        version: Set(report.version),
        media_type: Set(report.media_type.clone()),
        content: Set(report.content.clone()),
        content_sha256: Set(report.content_sha256.clone()),
        published_by: Set(report.published_by.clone()),
        published_at: Set(stamp(report.published_at)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Publishes `content` as the next version of audit `nr`'s report and returns it.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit, [`StoreError::Invalid`] for empty content.
pub async fn publish_report(
    db: &Db,
    nr: &AuditNr,
    media_type: &str,
    content: &str,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<PublishedReport, StoreError> {
    if content.trim().is_empty() {
        return Err(StoreError::Invalid(
            "en tom rapport kan ikke offentliggøres".into(),
        ));
    }
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let audit_id = audits::row_for_update(&txn, nr).await?.id;
    let latest: Option<i32> = report_snapshot::Entity::find()
        .select_only()
        .column_as(report_snapshot::COLUMN.version.max(), "max")
        .filter(report_snapshot::COLUMN.audit_id.eq(audit_id))
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let report = PublishedReport {
        version: latest.map_or(1, |v| v + 1),
        media_type: media_type.to_owned(),
        content: content.to_owned(),
        content_sha256: sha256_hex(content.as_bytes()),
        published_by: actor.to_string(),
        published_at: now,
    };
    insert(&txn, audit_id, &report).await?;
    let after = serde_json::json!({ "version": report.version, "sha256": report.content_sha256 });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "report_published", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

/// The published versions of the audit with row id `audit_id`, oldest first.
pub(crate) async fn of_audit_id<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<PublishedReport>, StoreError> {
    Ok(report_snapshot::Entity::find()
        .filter(report_snapshot::COLUMN.audit_id.eq(audit_id))
        .order_by_asc(report_snapshot::COLUMN.version)
        .all(conn)
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

/// The published versions of audit `nr`'s report, oldest first.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn published_reports(db: &Db, nr: &AuditNr) -> Result<Vec<PublishedReport>, StoreError> {
    let audit_id = audits::row(db.conn(), nr).await?.id;
    of_audit_id(db.conn(), audit_id).await
}
