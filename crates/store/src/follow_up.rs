//! Follow-up actions (opfølgningsplan) and their status history.
//!
//! An action is text, a responsible party, optionally the socialtilsyn it is addressed to, and its
//! deadline as the plan writes it ("2. halvår 2020"); parsing that text is the domain's job. Its status is
//! the last of its status events, which are append-only.
//!
//! These are store-level types until the domain's report-content types land; they carry the same
//! fields, so the switch is a mapping.

use audit::{AuditNr, Tilsyn, Username};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::codec::{enum_id, parse_enum};
use crate::entity::{follow_up_action, follow_up_event};
use crate::stamp::stamp;
use crate::{Db, StoreError, audits, events};

/// Where a follow-up action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUpStatus {
    /// Planned, not started.
    Planlagt,
    /// Under way.
    IGang,
    /// Reported done by the tilsyn.
    RapporteretGennemfoert,
    /// Acknowledged by the audit function: closed.
    Kvitteret,
    /// Postponed, with a new deadline.
    Udskudt,
    /// Dropped, with a reason: closed.
    Bortfaldet,
}

impl FollowUpStatus {
    /// Whether the action is closed (acknowledged or dropped).
    pub fn is_closed(self) -> bool {
        matches!(self, FollowUpStatus::Kvitteret | FollowUpStatus::Bortfaldet)
    }
}

/// A new action for the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFollowUpAction {
    /// Its id within the audit ("1", "hovedstaden-2").
    pub key: String,
    /// What is to be done.
    pub tekst: String,
    /// Who is responsible, as the plan names them.
    pub ansvarlig: String,
    /// The socialtilsyn the action is addressed to, whose tilsynskontakt reports on it.
    pub tilsyn: Option<Tilsyn>,
    /// The deadline as written ("2. halvår 2020", "ved førstkommende lejlighed").
    pub frist: String,
}

/// One change of status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    /// The new status.
    pub status: FollowUpStatus,
    /// Evidence, reason or comment.
    pub note: String,
    /// The new deadline, when postponed.
    pub new_frist: Option<String>,
    /// Who recorded it.
    pub actor: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A stored action with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpAction {
    /// Its id within the audit.
    pub key: String,
    /// What is to be done.
    pub tekst: String,
    /// Who is responsible.
    pub ansvarlig: String,
    /// The socialtilsyn addressed.
    pub tilsyn: Option<Tilsyn>,
    /// The deadline as first written.
    pub frist: String,
    /// When it was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Status changes, oldest first; the first is `planlagt`.
    pub history: Vec<StatusEvent>,
}

impl FollowUpAction {
    /// The current status.
    pub fn status(&self) -> FollowUpStatus {
        self.history
            .last()
            .map_or(FollowUpStatus::Planlagt, |e| e.status)
    }

    /// The deadline in force: the last postponement's, else the original.
    pub fn current_frist(&self) -> &str {
        self.history
            .iter()
            .rev()
            .find_map(|e| e.new_frist.as_deref())
            .unwrap_or(&self.frist)
    }
}

fn required(value: &str, what: &str) -> Result<(), StoreError> {
    if value.trim().is_empty() {
        return Err(StoreError::Invalid(format!(
            "opfølgningspunktet mangler {what}"
        )));
    }
    Ok(())
}

/// Adds an action to the plan of audit `nr`, with status `planlagt`. Returns the stored action.
///
/// # Errors
/// [`StoreError::Invalid`] for empty text, responsible party, deadline or id, or an id already used.
pub async fn add_follow_up_action(
    db: &Db,
    nr: &AuditNr,
    action: &NewFollowUpAction,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<FollowUpAction, StoreError> {
    required(&action.key, "et id")?;
    required(&action.tekst, "en tekst")?;
    required(&action.ansvarlig, "en ansvarlig")?;
    required(&action.frist, "en frist")?;
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let audit_id = audits::row_for_update(&txn, nr).await?.id;
    let position: Option<i32> = follow_up_action::Entity::find()
        .select_only()
        .column_as(follow_up_action::COLUMN.position.max(), "max")
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    let inserted = follow_up_action::ActiveModel {
        id: NotSet,
        audit_id: Set(audit_id),
        action_key: Set(action.key.clone()),
        position: Set(position.map_or(0, |p| p + 1)),
        tekst: Set(action.tekst.clone()),
        ansvarlig: Set(action.ansvarlig.clone()),
        tilsyn: Set(action.tilsyn.map(|t| t.id().to_owned())),
        frist: Set(action.frist.clone()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|err| {
        StoreError::on_unique(
            err,
            StoreError::Invalid(format!(
                "opfølgningspunktet »{}« findes allerede",
                action.key
            )),
        )
    })?;
    let first = StatusEvent {
        status: FollowUpStatus::Planlagt,
        note: String::new(),
        new_frist: None,
        actor: actor.to_string(),
        at: now,
    };
    insert_status(&txn, inserted.id, &first).await?;
    let after = serde_json::json!({ "key": action.key, "ansvarlig": action.ansvarlig, "frist": action.frist });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "follow_up_added", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(FollowUpAction {
        key: action.key.clone(),
        tekst: action.tekst.clone(),
        ansvarlig: action.ansvarlig.clone(),
        tilsyn: action.tilsyn,
        frist: action.frist.clone(),
        created_at: now,
        history: vec![first],
    })
}

pub(crate) async fn insert_status<C: ConnectionTrait>(
    conn: &C,
    action_id: i64,
    event: &StatusEvent,
) -> Result<(), StoreError> {
    follow_up_event::ActiveModel {
        id: NotSet,
        action_id: Set(action_id),
        status: Set(enum_id(&event.status)?),
        note: Set(event.note.clone()),
        new_frist: Set(event.new_frist.clone()),
        actor: Set(event.actor.clone()),
        at: Set(stamp(event.at)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// A change of status as the koordinator or a tilsynskontakt records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The new status.
    pub status: FollowUpStatus,
    /// Evidence, reason or comment.
    pub note: String,
    /// The new deadline, when postponing.
    pub new_frist: Option<String>,
}

/// Records a new status of action `key` of audit `nr`. Postponing needs a new deadline and dropping needs
/// a reason (`note`); a closed action cannot change again.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown action, [`StoreError::Invalid`] for a missing deadline or
/// reason, or a closed action.
pub async fn record_follow_up_status(
    db: &Db,
    nr: &AuditNr,
    key: &str,
    change: &StatusChange,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let (status, note) = (change.status, change.note.as_str());
    let new_frist = change
        .new_frist
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    match status {
        FollowUpStatus::Udskudt if new_frist.is_none() => {
            return Err(StoreError::Invalid(
                "et udskudt opfølgningspunkt skal have en ny frist".into(),
            ));
        }
        FollowUpStatus::Bortfaldet if note.trim().is_empty() => {
            return Err(StoreError::Invalid(
                "det skal begrundes, når et opfølgningspunkt bortfalder".into(),
            ));
        }
        _ => {}
    }
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let audit_id = audits::row_for_update(&txn, nr).await?.id;
    let action = follow_up_action::Entity::find()
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .filter(follow_up_action::COLUMN.action_key.eq(key))
        .one(&txn)
        .await?
        .ok_or_else(|| StoreError::not_found("opfølgningspunktet", key))?;
    let current = current_status(&txn, action.id).await?;
    if current.is_closed() {
        return Err(StoreError::Invalid(format!(
            "opfølgningspunktet »{key}« er lukket ({}) og kan ikke ændres",
            enum_id(&current)?
        )));
    }
    let event = StatusEvent {
        status,
        note: note.to_owned(),
        new_frist: new_frist.map(str::to_owned),
        actor: actor.to_string(),
        at: now,
    };
    insert_status(&txn, action.id, &event).await?;
    let log = events::new(
        actor.as_str(),
        now,
        "follow_up_status",
        Some(serde_json::json!({ "key": key, "status": current })),
        Some(serde_json::json!({ "key": key, "status": status, "new_frist": new_frist })),
    );
    events::append(&txn, Some(audit_id), &log).await?;
    txn.commit().await?;
    Ok(())
}

async fn current_status<C: ConnectionTrait>(
    conn: &C,
    action_id: i64,
) -> Result<FollowUpStatus, StoreError> {
    let last = follow_up_event::Entity::find()
        .filter(follow_up_event::COLUMN.action_id.eq(action_id))
        .order_by_desc(follow_up_event::COLUMN.id)
        .one(conn)
        .await?;
    last.map_or(Ok(FollowUpStatus::Planlagt), |e| {
        parse_enum("opfølgningsstatus", &e.status)
    })
}

/// The actions of the audit with row id `audit_id`, in plan order, with their histories.
pub(crate) async fn of_audit_id<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<FollowUpAction>, StoreError> {
    let actions = follow_up_action::Entity::find()
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .order_by_asc(follow_up_action::COLUMN.position)
        .all(conn)
        .await?;
    let ids: Vec<i64> = actions.iter().map(|a| a.id).collect();
    let history = follow_up_event::Entity::find()
        .filter(follow_up_event::COLUMN.action_id.is_in(ids))
        .order_by_asc(follow_up_event::COLUMN.id)
        .all(conn)
        .await?;
    actions
        .into_iter()
        .map(|a| {
            let history = history
                .iter()
                .filter(|e| e.action_id == a.id)
                .map(|e| {
                    Ok(StatusEvent {
                        status: parse_enum("opfølgningsstatus", &e.status)?,
                        note: e.note.clone(),
                        new_frist: e.new_frist.clone(),
                        actor: e.actor.clone(),
                        at: e.at,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok(FollowUpAction {
                key: a.action_key,
                tekst: a.tekst,
                ansvarlig: a.ansvarlig,
                tilsyn: a
                    .tilsyn
                    .map(|t| t.parse::<Tilsyn>())
                    .transpose()
                    .map_err(StoreError::corrupt)?,
                frist: a.frist,
                created_at: a.created_at,
                history,
            })
        })
        .collect()
}

/// The follow-up plan of audit `nr`, in plan order.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn follow_up_actions(db: &Db, nr: &AuditNr) -> Result<Vec<FollowUpAction>, StoreError> {
    let audit_id = audits::row(db.conn(), nr).await?.id;
    of_audit_id(db.conn(), audit_id).await
}

/// How many actions of the audit are neither acknowledged nor dropped.
pub(crate) async fn open_count<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<usize, StoreError> {
    Ok(of_audit_id(conn, audit_id)
        .await?
        .iter()
        .filter(|a| !a.status().is_closed())
        .count())
}
