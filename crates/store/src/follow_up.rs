//! The follow-up plan (opfølgningsplan): the domain's actions (`audit::Opfoelgningstiltag`) and the
//! status history the tilsyn and the audit function write on them.
//!
//! An action is stored as the domain value in JSON text (its deadline kept as the report typed it; the
//! domain parses it). Its status is the last of its status events, which are append-only: planlagt →
//! i gang → rapporteret gennemført (by the tilsyn) → kvitteret (by the audit function); udskudt with a
//! new deadline; bortfaldet with a reason.

use audit::followup::Status;
use audit::{AuditNr, Opfoelgningstiltag, Username};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::codec::{enum_id, from_json, parse_enum, to_json};
use crate::entity::{follow_up_action, follow_up_event};
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

/// A change of status as the koordinator or a tilsynskontakt records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The new status (the domain's; stored as its kebab-case id).
    pub status: Status,
    /// Evidence, reason or comment.
    pub note: String,
    /// The new deadline, when postponing.
    pub new_frist: Option<String>,
}

/// One recorded change of status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEvent {
    /// The change.
    #[serde(flatten)]
    pub change: StatusChange,
    /// Who recorded it.
    pub actor: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The domain's history entry (`audit::followup::Historikpost`) when the change was made through
    /// `follow_up_tracking::apply_follow_up_event`, which checks it with the domain's status machine;
    /// `None` for the row that marks the action's creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<audit::followup::Historikpost>,
}

/// A stored action with its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpAction {
    /// The action as the plan words it.
    pub tiltag: Opfoelgningstiltag,
    /// When it was added.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Status changes, oldest first; the first is `planlagt`.
    pub history: Vec<StatusEvent>,
}

impl FollowUpAction {
    /// The current status.
    pub fn status(&self) -> Status {
        self.history
            .last()
            .map_or(Status::Planlagt, |e| e.change.status)
    }

    /// The deadline in force as typed: the last postponement's, else the plan's.
    pub fn current_frist(&self) -> Option<&str> {
        self.history
            .iter()
            .rev()
            .find_map(|e| e.change.new_frist.as_deref())
            .or(self.tiltag.frist.as_deref())
    }
}

/// The domain's check of an action (`Opfoelgningstiltag::check`), as the store's refusal.
fn check(tiltag: &Opfoelgningstiltag) -> Result<(), StoreError> {
    tiltag
        .check()
        .map_err(|fejl| StoreError::Invalid(fejl.to_string()))
}

/// Inserts `tiltag` last in the plan of the audit with row id `audit_id`, with its `planlagt` event.
pub(crate) async fn insert_action<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    tiltag: &Opfoelgningstiltag,
    actor: &str,
    now: OffsetDateTime,
) -> Result<FollowUpAction, StoreError> {
    let last: Option<i32> = follow_up_action::Entity::find()
        .select_only()
        .column_as(follow_up_action::COLUMN.position.max(), "last")
        .filter(follow_up_action::COLUMN.audit_id.eq(audit_id))
        .into_tuple()
        .one(conn)
        .await?
        .flatten();
    let history = vec![StatusEvent {
        change: StatusChange {
            status: Status::Planlagt,
            note: String::new(),
            new_frist: None,
        },
        actor: actor.to_owned(),
        at: now,
        entry: None,
    }];
    let action = FollowUpAction {
        tiltag: tiltag.clone(),
        created_at: now,
        history,
    };
    insert_with_history(conn, audit_id, last.map_or(0, |p| p + 1), &action).await?;
    Ok(action)
}

/// Inserts a whole action with its history as it is (import and seeding).
pub(crate) async fn insert_with_history<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    position: i32,
    action: &FollowUpAction,
) -> Result<(), StoreError> {
    let id = &action.tiltag.id;
    let inserted = follow_up_action::ActiveModel {
        id: NotSet,
        audit_id: Set(audit_id),
        action_key: Set(id.clone()),
        position: Set(position),
        content: Set(to_json(&action.tiltag)?),
        created_at: Set(stamp(action.created_at)),
    }
    .insert(conn)
    .await
    .map_err(|err| {
        StoreError::on_unique(
            err,
            StoreError::Invalid(format!("opfølgningstiltaget »{id}« findes allerede")),
        )
    })?;
    for event in &action.history {
        insert_status(conn, inserted.id, event).await?;
    }
    Ok(())
}

pub(crate) async fn insert_status<C: ConnectionTrait>(
    conn: &C,
    action_id: i64,
    event: &StatusEvent,
) -> Result<(), StoreError> {
    follow_up_event::ActiveModel {
        id: NotSet,
        action_id: Set(action_id),
        status: Set(enum_id(&event.change.status)?),
        note: Set(event.change.note.clone()),
        new_frist: Set(event.change.new_frist.clone()),
        actor: Set(event.actor.clone()),
        at: Set(stamp(event.at)),
        entry: Set(event.entry.as_ref().map(to_json).transpose()?),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Adds `tiltag` to the plan of audit `nr` (last), with status `planlagt`. Returns the stored action.
///
/// # Errors
/// [`StoreError::Invalid`] for an empty id or text, no responsible party, or an id already used.
pub async fn add_follow_up_action(
    db: &Db,
    nr: &AuditNr,
    tiltag: &Opfoelgningstiltag,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<FollowUpAction, StoreError> {
    check(tiltag)?;
    let now = stamp(now);
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    let action = insert_action(&txn, audit_id, tiltag, actor.as_str(), now).await?;
    let after = serde_json::json!({ "id": tiltag.id, "frist": tiltag.frist });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "follow_up_added", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(action)
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
                        change: StatusChange {
                            status: parse_enum("opfølgningsstatus", &e.status)?,
                            note: e.note.clone(),
                            new_frist: e.new_frist.clone(),
                        },
                        actor: e.actor.clone(),
                        at: e.at,
                        entry: e
                            .entry
                            .as_deref()
                            .map(|t| from_json("opfølgningshistorik", t))
                            .transpose()?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok(FollowUpAction {
                tiltag: from_json("opfølgningstiltag", &a.content)?,
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
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    of_audit_id(db.conn(), audit_id).await
}
