//! Follow-up actions as the domain tracks them (`audit::followup::SporetTiltag`): the status history is
//! the domain's (`Historikpost`), written only after `audit::followup::status::anvend` has accepted the
//! change, so the rules of who may do what, and when, live in one place — the domain.
//!
//! Each accepted change is one append-only row of `follow_up_events` holding the history entry as JSON,
//! with its status, reason and new deadline also in the row's plain columns so that
//! [`crate::follow_up::FollowUpAction`] and the export read the same history. The state is rebuilt from
//! the entries with `Tilstand::genskab` on every read; the row without an entry (the creation marker) is
//! not part of it.
//!
//! Evidence (bilag) is uploaded with the report of an action done: the files go into `blobs` and
//! `follow_up_evidence` in the same transaction as the history entry, whose documentation names them by
//! id, so a refused report leaves no file behind.

use audit::followup::oversigt::aabne_tiltag;
use audit::followup::{Haendelse, Historikpost, SporetTiltag, StatusFejl, Tilstand};
use audit::{AuditNr, User};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::entity::{audit as audit_row, blob, follow_up_action, follow_up_evidence};
use crate::files::{NewFile, put_blob};
use crate::follow_up::{self, FollowUpAction, StatusChange, StatusEvent};
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

/// An evidence file attached to an action, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The id the documentation refers to (`Dokumentation::bilag` holds it as text).
    pub id: i64,
    /// The file name as uploaded.
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub uploaded_at: OffsetDateTime,
}

/// An evidence file with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    /// What is known about it.
    pub info: Evidence,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// One action as tracked, with its evidence files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedAction {
    /// The action, its state and its dated history.
    pub sporet: SporetTiltag,
    /// The evidence attached to its reports, oldest first.
    pub evidence: Vec<Evidence>,
}

/// Why a change of a follow-up action was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum TrackingError {
    /// The domain refused it; the message is a Danish sentence naming the action and what is wrong.
    #[error(transparent)]
    Refused(#[from] StatusFejl),
    /// The store refused it or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for TrackingError {
    fn from(err: sea_orm::DbErr) -> Self {
        TrackingError::Store(StoreError::Db(err))
    }
}

/// The domain's view of a stored action of audit `nr`: its history entries replayed.
pub(crate) fn sporet(nr: &AuditNr, action: &FollowUpAction) -> Result<SporetTiltag, StoreError> {
    let historik: Vec<Historikpost> = action
        .history
        .iter()
        .filter_map(|e| e.entry.clone())
        .collect();
    let tilstand = Tilstand::genskab(&action.tiltag, &historik).map_err(|err| {
        StoreError::corrupt(format!("opfølgningstiltaget »{}«: {err}", action.tiltag.id))
    })?;
    Ok(SporetTiltag {
        audit: nr.clone(),
        tiltag: action.tiltag.clone(),
        tilstand,
        historik,
    })
}

async fn evidence_of<C: ConnectionTrait>(
    conn: &C,
    action_ids: Vec<i64>,
) -> Result<Vec<follow_up_evidence::Model>, StoreError> {
    Ok(follow_up_evidence::Entity::find()
        .filter(follow_up_evidence::COLUMN.action_id.is_in(action_ids))
        .order_by_asc(follow_up_evidence::COLUMN.id)
        .all(conn)
        .await?)
}

fn evidence_info(row: &follow_up_evidence::Model) -> Evidence {
    Evidence {
        id: row.id,
        file_name: row.file_name.clone(),
        media_type: row.media_type.clone(),
        size: row.size,
        uploaded_by: row.uploaded_by.clone(),
        uploaded_at: row.uploaded_at,
    }
}

/// The tracked actions of the audit with row id `audit_id` and number `nr`, in plan order.
async fn of_audit<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    nr: &AuditNr,
) -> Result<Vec<TrackedAction>, StoreError> {
    let rows = follow_up_action::Entity::find()
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .order_by_asc(follow_up_action::COLUMN.position)
        .all(conn)
        .await?;
    let evidence = evidence_of(conn, rows.iter().map(|r| r.id).collect()).await?;
    let actions = follow_up::of_audit_id(conn, audit_id).await?;
    rows.iter()
        .zip(actions)
        .map(|(row, action)| {
            Ok(TrackedAction {
                sporet: sporet(nr, &action)?,
                evidence: evidence
                    .iter()
                    .filter(|e| e.action_id == row.id)
                    .map(evidence_info)
                    .collect(),
            })
        })
        .collect()
}

/// The tracked actions of audit `nr`, in plan order.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit; [`StoreError::Corrupt`] for a history the domain
/// cannot replay.
pub async fn tracked_actions(db: &Db, nr: &AuditNr) -> Result<Vec<TrackedAction>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    of_audit(db.conn(), audit_id, nr).await
}

/// Every tracked action of every audit, by audit number and in plan order.
///
/// # Errors
/// [`StoreError::Db`] when the database fails; [`StoreError::Corrupt`] as [`tracked_actions`].
pub async fn all_tracked_actions(db: &Db) -> Result<Vec<TrackedAction>, StoreError> {
    let rows = audit_row::Entity::find()
        .order_by_asc(audit_row::COLUMN.nr)
        .all(db.conn())
        .await?;
    let mut all = Vec::new();
    for row in rows {
        let nr: AuditNr = row.nr.parse().map_err(StoreError::corrupt)?;
        all.extend(of_audit(db.conn(), row.id, &nr).await?);
    }
    Ok(all)
}

/// Action `id` of audit `nr`.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit or action.
pub async fn tracked_action(db: &Db, nr: &AuditNr, id: &str) -> Result<TrackedAction, StoreError> {
    tracked_actions(db, nr)
        .await?
        .into_iter()
        .find(|a| a.sporet.tiltag.id == id)
        .ok_or_else(|| StoreError::not_found("opfølgningstiltaget", id))
}

/// The number of `nr`'s actions neither kvitteret nor bortfaldet (`audit::followup::aabne_tiltag`): what
/// the workflow reads before an audit may move to afsluttet.
pub(crate) async fn open_count<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    nr: &AuditNr,
) -> Result<usize, StoreError> {
    let sporede: Vec<SporetTiltag> = of_audit(conn, audit_id, nr)
        .await?
        .into_iter()
        .map(|a| a.sporet)
        .collect();
    Ok(aabne_tiltag(&sporede, nr))
}

/// The reason, documentation text or nothing, for the plain `note` column.
fn note_of(haendelse: &Haendelse) -> String {
    match haendelse {
        Haendelse::RapporterGennemfoert { dokumentation } => dokumentation.tekst.clone(),
        Haendelse::SendTilbage { begrundelse }
        | Haendelse::Udskyd { begrundelse, .. }
        | Haendelse::Bortfald { begrundelse } => begrundelse.clone(),
        Haendelse::Paabegynd | Haendelse::Kvitter => String::new(),
    }
}

/// The event's stable id for the event log.
fn kind_of(haendelse: &Haendelse) -> &'static str {
    match haendelse {
        Haendelse::Paabegynd => "paabegynd",
        Haendelse::RapporterGennemfoert { .. } => "rapporter-gennemfoert",
        Haendelse::Kvitter => "kvitter",
        Haendelse::SendTilbage { .. } => "send-tilbage",
        Haendelse::Udskyd { .. } => "udskyd",
        Haendelse::Bortfald { .. } => "bortfald",
    }
}

/// Applies `haendelse` by `actor` on `today` to action `id` of audit `nr`, with `attachments` as evidence
/// of a report of the action done, and records it — history entry, evidence and event log — in one
/// transaction. Returns the history entry.
///
/// The domain decides ([`audit::followup::status::anvend`]): a tilsynskontakt reports on actions
/// addressed to their tilsyn, a koordinator acknowledges, sends back, postpones and drops. The audit row
/// is locked for the transaction, so two changes of one audit's actions are applied one after the other.
///
/// # Errors
/// [`TrackingError::Refused`] with the domain's Danish reason, [`StoreError::NotFound`] for an unknown
/// audit or action, [`StoreError::Invalid`] for attachments with anything but a report of the action
/// done, or an attachment without a name. Nothing is stored then.
#[allow(clippy::too_many_arguments)]
pub async fn apply_follow_up_event(
    db: &Db,
    nr: &AuditNr,
    id: &str,
    haendelse: Haendelse,
    attachments: &[NewFile],
    actor: &User,
    today: Date,
    now: OffsetDateTime,
) -> Result<Historikpost, TrackingError> {
    let now = stamp(now);
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    let row = follow_up_action::Entity::find()
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .filter(follow_up_action::COLUMN.action_key.eq(id))
        .one(&txn)
        .await?
        .ok_or_else(|| StoreError::not_found("opfølgningstiltaget", id))?;
    let action = follow_up::of_audit_id(&txn, audit_id)
        .await?
        .into_iter()
        .find(|a| a.tiltag.id == id)
        .ok_or_else(|| StoreError::not_found("opfølgningstiltaget", id))?;
    let mut sporet = sporet(nr, &action)?;
    let haendelse = match haendelse {
        Haendelse::RapporterGennemfoert { mut dokumentation } => {
            for file in attachments {
                let name = file.file_name.trim();
                if name.is_empty() {
                    return Err(StoreError::Invalid("et bilag mangler et filnavn".into()).into());
                }
                let sha256 = put_blob(&txn, &file.media_type, &file.bytes).await?;
                let inserted = follow_up_evidence::ActiveModel {
                    id: NotSet,
                    action_id: Set(row.id),
                    file_name: Set(name.to_owned()),
                    media_type: Set(file.media_type.clone()),
                    size: Set(i64::try_from(file.bytes.len()).unwrap_or(i64::MAX)),
                    blob_sha256: Set(sha256),
                    uploaded_by: Set(actor.username.to_string()),
                    uploaded_at: Set(now),
                }
                .insert(&txn)
                .await?;
                dokumentation.bilag.push(inserted.id.to_string());
            }
            Haendelse::RapporterGennemfoert { dokumentation }
        }
        other if attachments.is_empty() => other,
        _ => {
            return Err(StoreError::Invalid(
                "bilag kan kun vedlægges, når et opfølgningspunkt rapporteres gennemført".into(),
            )
            .into());
        }
    };
    let post = sporet.anvend(haendelse, actor, today)?.clone();
    let new_frist = match &post.haendelse {
        Haendelse::Udskyd { ny_frist, .. } => Some(ny_frist.clone()),
        _ => None,
    };
    follow_up::insert_status(
        &txn,
        row.id,
        &StatusEvent {
            change: StatusChange {
                status: post.til,
                note: note_of(&post.haendelse),
                new_frist: new_frist.clone(),
            },
            actor: actor.username.to_string(),
            at: now,
            entry: Some(post.clone()),
        },
    )
    .await?;
    let log = events::new(
        actor.username.as_str(),
        now,
        "follow_up_status",
        Some(serde_json::json!({ "id": id, "status": post.fra.id() })),
        Some(serde_json::json!({
            "id": id,
            "status": post.til.id(),
            "haendelse": kind_of(&post.haendelse),
            "new_frist": new_frist,
        })),
    );
    events::append(&txn, Some(audit_id), &log).await?;
    txn.commit().await?;
    Ok(post)
}

/// Evidence file `evidence_id` of action `id` of audit `nr`, with its bytes.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit or action.
pub async fn evidence_file(
    db: &Db,
    nr: &AuditNr,
    id: &str,
    evidence_id: i64,
) -> Result<Option<EvidenceFile>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    let action = follow_up_action::Entity::find()
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .filter(follow_up_action::COLUMN.action_key.eq(id))
        .one(db.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("opfølgningstiltaget", id))?;
    let Some(row) = follow_up_evidence::Entity::find_by_id(evidence_id)
        .filter(follow_up_evidence::COLUMN.action_id.eq(action.id))
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let bytes = blob::Entity::find_by_id(row.blob_sha256.clone())
        .one(db.conn())
        .await?
        .ok_or_else(|| StoreError::corrupt(format!("filindhold {} mangler", row.blob_sha256)))?
        .bytes;
    Ok(Some(EvidenceFile {
        info: evidence_info(&row),
        bytes,
    }))
}
