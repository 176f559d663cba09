//! What the panel discussed and what the audit function recommends: shared texts with a version number,
//! so that a stale write is refused instead of silently overwriting someone else's edit.
//!
//! Optimistic locking: every save names the version it was based on (0 for a new text). The update is a
//! single `UPDATE … WHERE version = expected`, so two editors who both read version 3 cannot both write
//! version 4: the second gets [`StoreError::Stale`] with the version now stored.
//!
//! These are store-level types until the domain's report-content types land.

use audit::{AuditNr, Username};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::entity::{discussion_note, recommendation};
use crate::stamp::stamp;
use crate::{Db, StoreError, audits, events};

/// The discussion of one topic (an indicator or a tema), under the report's three headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscussionText {
    /// The topic: an indicator id ("3.a") or a tema.
    pub topic: String,
    /// Ligheder på tværs.
    pub ligheder: String,
    /// Opmærksomheder.
    pub opmaerksomheder: String,
    /// Datakilder og undersøgelsesmetoder.
    pub datakilder: String,
}

/// A stored discussion note with its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscussionNote {
    /// The text.
    #[serde(flatten)]
    pub text: DiscussionText,
    /// The version; the next save must name it.
    pub version: i64,
    /// Who saved this version.
    pub updated_by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// One recommendation (anbefaling).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationText {
    /// Its id within the audit (an indicator id, a tema, "1" …).
    pub key: String,
    /// Its place in the report, lowest first.
    pub position: i32,
    /// The heading: what it concerns.
    pub overskrift: String,
    /// The recommendation itself.
    pub tekst: String,
}

/// A stored recommendation with its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// The text.
    #[serde(flatten)]
    pub text: RecommendationText,
    /// The version; the next save must name it.
    pub version: i64,
    /// Who saved this version.
    pub updated_by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

fn note_from_row(row: discussion_note::Model) -> DiscussionNote {
    DiscussionNote {
        text: DiscussionText {
            topic: row.topic,
            ligheder: row.ligheder,
            opmaerksomheder: row.opmaerksomheder,
            datakilder: row.datakilder,
        },
        version: row.version,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
    }
}

fn recommendation_from_row(row: recommendation::Model) -> Recommendation {
    Recommendation {
        text: RecommendationText {
            key: row.rec_key,
            position: row.position,
            overskrift: row.overskrift,
            tekst: row.tekst,
        },
        version: row.version,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
    }
}

/// Saves the discussion of `text.topic` in audit `nr`, based on `expected_version` (0 for a new note).
/// Returns the stored note with its new version.
///
/// # Errors
/// [`StoreError::Stale`] when the stored version is not `expected_version`, [`StoreError::NotFound`].
pub async fn save_discussion_note(
    db: &Db,
    nr: &AuditNr,
    text: &DiscussionText,
    expected_version: i64,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<DiscussionNote, StoreError> {
    if text.topic.trim().is_empty() {
        return Err(StoreError::Invalid(
            "drøftelsen mangler et emne (indikator eller tema)".into(),
        ));
    }
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let audit_id = audits::row(&txn, nr).await?.id;
    let of_topic = || {
        discussion_note::Entity::find()
            .filter(discussion_note::COLUMN.audit_id.eq(audit_id))
            .filter(discussion_note::COLUMN.topic.eq(text.topic.as_str()))
    };
    let current = of_topic().one(&txn).await?;
    let written = match (current, expected_version) {
        (None, 0) => Some(
            discussion_note::ActiveModel {
                id: NotSet,
                audit_id: Set(audit_id),
                topic: Set(text.topic.clone()),
                ligheder: Set(text.ligheder.clone()),
                opmaerksomheder: Set(text.opmaerksomheder.clone()),
                datakilder: Set(text.datakilder.clone()),
                version: Set(1),
                updated_by: Set(actor.to_string()),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await
            .map_err(|err| StoreError::on_unique(err, StoreError::Stale { current: 1 }))?,
        ),
        (None, _) => None,
        (Some(row), expected) => {
            let updated = discussion_note::Entity::update_many()
                .col_expr(
                    discussion_note::COLUMN.ligheder,
                    Expr::val(text.ligheder.clone()),
                )
                .col_expr(
                    discussion_note::COLUMN.opmaerksomheder,
                    Expr::val(text.opmaerksomheder.clone()),
                )
                .col_expr(
                    discussion_note::COLUMN.datakilder,
                    Expr::val(text.datakilder.clone()),
                )
                .col_expr(
                    discussion_note::COLUMN.version,
                    Expr::col(discussion_note::COLUMN.version).add(1),
                )
                .col_expr(
                    discussion_note::COLUMN.updated_by,
                    Expr::val(actor.to_string()),
                )
                .col_expr(discussion_note::COLUMN.updated_at, Expr::val(now))
                .filter(discussion_note::COLUMN.id.eq(row.id))
                .filter(discussion_note::COLUMN.version.eq(expected))
                .exec(&txn)
                .await?;
            if updated.rows_affected == 1 {
                of_topic().one(&txn).await?
            } else {
                None
            }
        }
    };
    let Some(written) = written else {
        let current = of_topic().one(&txn).await?.map_or(0, |r| r.version);
        return Err(StoreError::Stale { current });
    };
    let after = serde_json::json!({ "topic": text.topic, "version": written.version });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "discussion_saved", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(note_from_row(written))
}

/// The discussion notes of the audit with row id `audit_id`, by topic.
pub(crate) async fn notes_of<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<DiscussionNote>, StoreError> {
    Ok(discussion_note::Entity::find()
        .filter(discussion_note::COLUMN.audit_id.eq(audit_id))
        .order_by_asc(discussion_note::COLUMN.topic)
        .all(conn)
        .await?
        .into_iter()
        .map(note_from_row)
        .collect())
}

/// The discussion notes of audit `nr`, by topic.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn discussion_notes(db: &Db, nr: &AuditNr) -> Result<Vec<DiscussionNote>, StoreError> {
    let audit_id = audits::row(db.conn(), nr).await?.id;
    notes_of(db.conn(), audit_id).await
}

/// Saves recommendation `text.key` of audit `nr`, based on `expected_version` (0 for a new one). Returns
/// the stored recommendation with its new version.
///
/// # Errors
/// [`StoreError::Stale`] when the stored version is not `expected_version`, [`StoreError::NotFound`].
pub async fn save_recommendation(
    db: &Db,
    nr: &AuditNr,
    text: &RecommendationText,
    expected_version: i64,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Recommendation, StoreError> {
    if text.key.trim().is_empty() {
        return Err(StoreError::Invalid("anbefalingen mangler et id".into()));
    }
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let audit_id = audits::row(&txn, nr).await?.id;
    let of_key = || {
        recommendation::Entity::find()
            .filter(recommendation::COLUMN.audit_id.eq(audit_id))
            .filter(recommendation::COLUMN.rec_key.eq(text.key.as_str()))
    };
    let current = of_key().one(&txn).await?;
    let written = match (current, expected_version) {
        (None, 0) => Some(
            recommendation::ActiveModel {
                id: NotSet,
                audit_id: Set(audit_id),
                rec_key: Set(text.key.clone()),
                position: Set(text.position),
                overskrift: Set(text.overskrift.clone()),
                tekst: Set(text.tekst.clone()),
                version: Set(1),
                updated_by: Set(actor.to_string()),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await
            .map_err(|err| StoreError::on_unique(err, StoreError::Stale { current: 1 }))?,
        ),
        (None, _) => None,
        (Some(row), expected) => {
            let updated = recommendation::Entity::update_many()
                .col_expr(recommendation::COLUMN.position, Expr::val(text.position))
                .col_expr(
                    recommendation::COLUMN.overskrift,
                    Expr::val(text.overskrift.clone()),
                )
                .col_expr(recommendation::COLUMN.tekst, Expr::val(text.tekst.clone()))
                .col_expr(
                    recommendation::COLUMN.version,
                    Expr::col(recommendation::COLUMN.version).add(1),
                )
                .col_expr(
                    recommendation::COLUMN.updated_by,
                    Expr::val(actor.to_string()),
                )
                .col_expr(recommendation::COLUMN.updated_at, Expr::val(now))
                .filter(recommendation::COLUMN.id.eq(row.id))
                .filter(recommendation::COLUMN.version.eq(expected))
                .exec(&txn)
                .await?;
            if updated.rows_affected == 1 {
                of_key().one(&txn).await?
            } else {
                None
            }
        }
    };
    let Some(written) = written else {
        let current = of_key().one(&txn).await?.map_or(0, |r| r.version);
        return Err(StoreError::Stale { current });
    };
    let after = serde_json::json!({ "key": text.key, "version": written.version });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(
            actor.as_str(),
            now,
            "recommendation_saved",
            None,
            Some(after),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(recommendation_from_row(written))
}

/// The recommendations of the audit with row id `audit_id`, by position and key.
pub(crate) async fn recommendations_of<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<Recommendation>, StoreError> {
    Ok(recommendation::Entity::find()
        .filter(recommendation::COLUMN.audit_id.eq(audit_id))
        .order_by_asc(recommendation::COLUMN.position)
        .order_by_asc(recommendation::COLUMN.rec_key)
        .all(conn)
        .await?
        .into_iter()
        .map(recommendation_from_row)
        .collect())
}

/// The recommendations of audit `nr`, by position and key.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn recommendations(db: &Db, nr: &AuditNr) -> Result<Vec<Recommendation>, StoreError> {
    let audit_id = audits::row(db.conn(), nr).await?.id;
    recommendations_of(db.conn(), audit_id).await
}
