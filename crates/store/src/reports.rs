//! Published report versions: frozen snapshots that never change once written.
//!
//! The rendered report is stored as text (HTML or JSON, as the web layer produces it) with its sha256
//! and the sha256 of the draft data it was made from, so that one draft state is published once;
//! the schema's triggers refuse any update or delete, so "published versions are frozen" holds even
//! against a hand-written SQL statement.

use audit::{AuditNr, Username};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::entity::report_snapshot;
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

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
    /// The sha256 of the draft data the version was published from, hex: the draft state that
    /// [`publish_report`] publishes once. `None` for versions published before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft_sha256: Option<String>,
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
        draft_sha256: row.draft_sha256,
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
        draft_sha256: Set(report.draft_sha256.clone()),
        published_by: Set(report.published_by.clone()),
        published_at: Set(stamp(report.published_at)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// What [`publish_report`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Publication {
    /// The draft was published as this new version.
    Published(PublishedReport),
    /// The latest version was already published from the same draft state; nothing was written.
    AlreadyPublished(PublishedReport),
}

impl Publication {
    /// The version published now, or the one that already held the draft.
    pub fn report(&self) -> &PublishedReport {
        match self {
            Publication::Published(r) | Publication::AlreadyPublished(r) => r,
        }
    }

    /// [`Publication::report`], owned.
    pub fn into_report(self) -> PublishedReport {
        match self {
            Publication::Published(r) | Publication::AlreadyPublished(r) => r,
        }
    }
}

/// Publishes the draft of audit `nr` as its next version, once per draft state: `draft` is the data
/// the report is built from (its sha256 identifies the draft state), `render` makes the content of the
/// version with the number it gets. When the latest published version was made from the same draft
/// state, nothing is written and that version is returned as [`Publication::AlreadyPublished`]. The
/// comparison and the insert happen in one transaction that holds the audit's row (PostgreSQL
/// `FOR UPDATE`, SQLite's write lock), so simultaneous publications of one draft make one version.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit, [`StoreError::Invalid`] for empty content.
pub async fn publish_report(
    db: &Db,
    nr: &AuditNr,
    media_type: &str,
    draft: &str,
    render: impl FnOnce(i32) -> String,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Publication, StoreError> {
    let now = stamp(now);
    let draft_sha256 = sha256_hex(draft.as_bytes());
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    let latest = report_snapshot::Entity::find()
        .filter(report_snapshot::COLUMN.audit_id.eq(audit_id))
        .order_by_desc(report_snapshot::COLUMN.version)
        .one(&txn)
        .await?;
    if let Some(latest) = latest.as_ref()
        && latest.draft_sha256.as_deref() == Some(draft_sha256.as_str())
    {
        return Ok(Publication::AlreadyPublished(from_row(latest.clone())));
    }
    let version = latest.map_or(1, |r| r.version + 1);
    let content = render(version);
    if content.trim().is_empty() {
        return Err(StoreError::Invalid(
            "en tom rapport kan ikke offentliggøres".into(),
        ));
    }
    let report = PublishedReport {
        version,
        media_type: media_type.to_owned(),
        content_sha256: sha256_hex(content.as_bytes()),
        content,
        draft_sha256: Some(draft_sha256),
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
    Ok(Publication::Published(report))
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
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    of_audit_id(db.conn(), audit_id).await
}
