//! The append-only event log: who changed what, when, with small before/after values.
//!
//! Events are written in the same transaction as the change they describe and are never updated or
//! deleted (the schema's triggers refuse it). Payloads never carry rating values or reasons, so the log
//! can be shown to the koordinator before reveal without breaking the blind rule.

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, Set,
    Statement,
};
use time::OffsetDateTime;

use crate::codec::{from_json, to_json};
use crate::entity::event;
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows};

/// One entry of the event log; the type lives in the domain, which checks imported logs.
pub use audit::export::Event;

/// Appends `event` to the log of the audit with row id `audit_id` (or to the global log), inside the
/// caller's transaction.
pub(crate) async fn append<C: ConnectionTrait>(
    conn: &C,
    audit_id: Option<i64>,
    event: &Event,
) -> Result<(), StoreError> {
    event::ActiveModel {
        audit_id: Set(audit_id),
        actor: Set(event.actor.clone()),
        at: Set(stamp(event.at)),
        kind: Set(event.kind.clone()),
        before: Set(event.before.as_ref().map(to_json).transpose()?),
        after: Set(event.after.as_ref().map(to_json).transpose()?),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// A new event by `actor` at `at`.
pub(crate) fn new(
    actor: &str,
    at: OffsetDateTime,
    kind: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Event {
    Event {
        at,
        actor: actor.to_owned(),
        kind: kind.to_owned(),
        before,
        after,
    }
}

/// The events of one audit, oldest first.
pub(crate) async fn of_audit_id<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<Event>, StoreError> {
    event::Entity::find()
        .filter(event::COLUMN.audit_id.eq(audit_id))
        .order_by_asc(event::COLUMN.id)
        .all(conn)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

fn from_row(row: event::Model) -> Result<Event, StoreError> {
    Ok(Event {
        at: row.at,
        actor: row.actor,
        kind: row.kind,
        before: row
            .before
            .as_deref()
            .map(|t| from_json("hændelsens før-værdi", t))
            .transpose()?,
        after: row
            .after
            .as_deref()
            .map(|t| from_json("hændelsens efter-værdi", t))
            .transpose()?,
    })
}

/// The event log of audit `nr`, oldest first.
///
/// # Errors
/// [`StoreError::NotFound`] when there is no such audit.
pub async fn events_of_audit(db: &Db, nr: &audit::AuditNr) -> Result<Vec<Event>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    of_audit_id(db.conn(), audit_id).await
}

/// The revision of audit `nr`: how many events its log had when last changed, kept by a trigger in
/// `audit_revisions` (see the migration `m20261207_000001_audit_revisions` for why a counter and not
/// the latest event's id). Every change of an audit, its ratings included, appends an event in the same
/// transaction, so the revision grows with every change, in commit order, and is the same for every
/// process on one database; caches of an audit and of figures computed from it are keyed by it. One
/// indexed read.
///
/// # Errors
/// [`StoreError::NotFound`] when there is no such audit.
pub async fn audit_revision(db: &Db, nr: &audit::AuditNr) -> Result<i64, StoreError> {
    let backend = db.conn().get_database_backend();
    let placeholder = match backend {
        DbBackend::Postgres => "$1",
        _ => "?",
    };
    let sql = format!(
        "SELECT r.revision AS revision FROM audits a \
         LEFT JOIN audit_revisions r ON r.audit_id = a.id WHERE a.nr = {placeholder}"
    );
    let row = db
        .conn()
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [nr.as_str().into()],
        ))
        .await?
        .ok_or_else(|| StoreError::not_found("auditforløbet", nr))?;
    Ok(row.try_get::<Option<i64>>("", "revision")?.unwrap_or(0))
}

/// The events that belong to no audit (accounts, imports, demo seeding), oldest first.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn global_events(db: &Db) -> Result<Vec<Event>, StoreError> {
    event::Entity::find()
        .filter(event::COLUMN.audit_id.is_null())
        .order_by_asc(event::COLUMN.id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}
