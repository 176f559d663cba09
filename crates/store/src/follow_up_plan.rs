//! Editing the wording of the follow-up plan's actions (text, responsible parties, deadline as typed)
//! from the report editor, with optimistic locking like the report's other texts.
//!
//! Schema decision: `follow_up_actions` has no version column, and adding one would change a table
//! that export/import and the follow-up module share. An action's version is instead read from the
//! append-only event log, which every edit already writes in its own transaction: version 1 as added
//! (or seeded), and each `follow_up_edited` event carries the version it made. The log travels with
//! export/import, so versions survive a round trip. The audit row is locked while an edit compares and
//! writes, so of two editors who both read version 3 only the first writes version 4; the second gets
//! [`StoreError::Stale`].

use audit::{AuditNr, Opfoelgningstiltag, Username};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;

use crate::codec::to_json;
use crate::entity::follow_up_action;
use crate::follow_up::{self, FollowUpAction};
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

/// The event kind of an edit of an action's wording.
const EDITED: &str = "follow_up_edited";

/// A stored action with the version its wording is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionedAction {
    /// The action with its status history.
    pub action: FollowUpAction,
    /// 1 as added; each edit adds one. The next edit must name it.
    pub version: i64,
}

/// The version of every action of the audit with row id `audit_id`, by action id, from the log.
async fn versions<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<std::collections::BTreeMap<String, i64>, StoreError> {
    let mut out = std::collections::BTreeMap::new();
    for e in events::of_audit_id(conn, audit_id).await? {
        if e.kind != EDITED {
            continue;
        }
        let Some(after) = e.after else { continue };
        let (Some(id), Some(version)) = (after["id"].as_str(), after["version"].as_i64()) else {
            return Err(StoreError::corrupt(format!(
                "hændelsen {EDITED} mangler id eller version: {after}"
            )));
        };
        let v = out.entry(id.to_owned()).or_insert(1);
        *v = (*v).max(version);
    }
    Ok(out)
}

/// The follow-up plan of audit `nr` in plan order, each action with its version.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn follow_up_plan(db: &Db, nr: &AuditNr) -> Result<Vec<VersionedAction>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    let versions = versions(db.conn(), audit_id).await?;
    Ok(follow_up::of_audit_id(db.conn(), audit_id)
        .await?
        .into_iter()
        .map(|action| VersionedAction {
            version: versions.get(&action.tiltag.id).copied().unwrap_or(1),
            action,
        })
        .collect())
}

/// The domain's check of an action (`Opfoelgningstiltag::check`), as the store's refusal.
fn check(tiltag: &Opfoelgningstiltag) -> Result<(), StoreError> {
    tiltag
        .check()
        .map_err(|fejl| StoreError::Invalid(fejl.to_string()))
}

/// Replaces the wording of action `tiltag.id` of audit `nr` (its status history is kept), based on
/// `expected_version`, and returns the new version. The deadline, when given, must be one
/// [`audit::parse_frist`] reads.
///
/// # Errors
/// [`StoreError::Stale`] when the action is no longer at `expected_version`; [`StoreError::Invalid`]
/// for an empty text, no responsible party or an unreadable deadline; [`StoreError::NotFound`] for an
/// unknown audit or action.
pub async fn edit_follow_up_action(
    db: &Db,
    nr: &AuditNr,
    tiltag: &Opfoelgningstiltag,
    expected_version: i64,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    check(tiltag)?;
    let now = stamp(now);
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    let row = follow_up_action::Entity::find()
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .filter(follow_up_action::COLUMN.action_key.eq(tiltag.id.as_str()))
        .one(&txn)
        .await?
        .ok_or_else(|| StoreError::not_found("opfølgningstiltaget", &tiltag.id))?;
    let current = versions(&txn, audit_id)
        .await?
        .get(&tiltag.id)
        .copied()
        .unwrap_or(1);
    if current != expected_version {
        return Err(StoreError::Stale { current });
    }
    let version = current + 1;
    let mut active: follow_up_action::ActiveModel = row.into();
    active.content = Set(to_json(tiltag)?);
    active.update(&txn).await?;
    let after = serde_json::json!({ "id": tiltag.id, "version": version, "frist": tiltag.frist });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, EDITED, None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(version)
}
