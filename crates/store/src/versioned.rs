//! Versioned JSON parts of an audit: one row per (audit, key) with a version number, in three tables
//! of the same shape (`discussion_notes`, `recommendations`, `report_sections`).
//!
//! Optimistic locking: every save names the version it was based on (0 for a new part). The update is
//! one `UPDATE … WHERE version = expected`, so of two editors who both read version 3 only the first
//! writes version 4; the second gets [`StoreError::Stale`] with the version now stored.

use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{ConnectionTrait, QueryResult};
use time::OffsetDateTime;

use crate::StoreError;

/// A stored part as its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub(crate) key: String,
    pub(crate) position: i32,
    pub(crate) content: String,
    pub(crate) version: i64,
    pub(crate) updated_by: String,
    pub(crate) updated_at: OffsetDateTime,
}

const COLUMNS: [&str; 6] = [
    "part_key",
    "position",
    "content",
    "version",
    "updated_by",
    "updated_at",
];

fn from_result(row: &QueryResult) -> Result<Part, StoreError> {
    Ok(Part {
        key: row.try_get("", "part_key")?,
        position: row.try_get("", "position")?,
        content: row.try_get("", "content")?,
        version: row.try_get("", "version")?,
        updated_by: row.try_get("", "updated_by")?,
        updated_at: row.try_get("", "updated_at")?,
    })
}

/// Every part of the audit with row id `audit_id` in `table`, by position and key.
pub(crate) async fn all<C: ConnectionTrait>(
    conn: &C,
    table: &'static str,
    audit_id: i64,
) -> Result<Vec<Part>, StoreError> {
    let query = Query::select()
        .columns(COLUMNS)
        .from(table)
        .and_where(Expr::col("audit_id").eq(audit_id))
        .to_owned();
    let mut parts = conn
        .query_all(&query)
        .await?
        .iter()
        .map(from_result)
        .collect::<Result<Vec<_>, _>>()?;
    parts.sort_by(|a, b| (a.position, &a.key).cmp(&(b.position, &b.key)));
    Ok(parts)
}

async fn one<C: ConnectionTrait>(
    conn: &C,
    table: &'static str,
    audit_id: i64,
    key: &str,
) -> Result<Option<Part>, StoreError> {
    let query = Query::select()
        .columns(COLUMNS)
        .from(table)
        .and_where(Expr::col("audit_id").eq(audit_id))
        .and_where(Expr::col("part_key").eq(key))
        .to_owned();
    conn.query_one(&query)
        .await?
        .as_ref()
        .map(from_result)
        .transpose()
}

/// Inserts `part` as it is (import and seeding).
pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    table: &'static str,
    audit_id: i64,
    part: &Part,
) -> Result<(), StoreError> {
    let insert = Query::insert()
        .into_table(table)
        // The audit's row id, then the part's columns in the order of `COLUMNS` (the values below).
        .columns(std::iter::once("audit_id").chain(COLUMNS))
        .values([
            audit_id.into(),
            part.key.clone().into(),
            part.position.into(),
            part.content.clone().into(),
            part.version.into(),
            part.updated_by.clone().into(),
            crate::stamp::stamp(part.updated_at).into(),
        ])
        .map_err(|err| StoreError::corrupt(err.to_string()))?
        .to_owned();
    conn.execute(&insert).await?;
    Ok(())
}

/// Saves `content` under `key`, based on `expected` (0 for a new part); a new part goes last. Returns
/// the stored part.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn save<C: ConnectionTrait>(
    conn: &C,
    table: &'static str,
    audit_id: i64,
    key: &str,
    content: String,
    expected: i64,
    actor: &str,
    now: OffsetDateTime,
) -> Result<Part, StoreError> {
    let current = one(conn, table, audit_id, key).await?;
    match (current, expected) {
        (None, 0) => {
            let last = Query::select()
                .expr_as(Func::max(Expr::col("position")), "last")
                .from(table)
                .and_where(Expr::col("audit_id").eq(audit_id))
                .to_owned();
            let last: Option<i32> = match conn.query_one(&last).await? {
                Some(row) => row.try_get("", "last")?,
                None => None,
            };
            let part = Part {
                key: key.to_owned(),
                position: last.map_or(0, |p| p + 1),
                content,
                version: 1,
                updated_by: actor.to_owned(),
                updated_at: now,
            };
            insert(conn, table, audit_id, &part)
                .await
                .map_err(|err| match err {
                    StoreError::Db(db) => {
                        StoreError::on_unique(db, StoreError::Stale { current: 1 })
                    }
                    other => other,
                })?;
            Ok(part)
        }
        (None, _) => Err(StoreError::Stale { current: 0 }),
        (Some(_), expected) => {
            let update = Query::update()
                .table(table)
                .value("content", content)
                .value("version", Expr::col("version").add(1))
                .value("updated_by", actor)
                .value("updated_at", now)
                .and_where(Expr::col("audit_id").eq(audit_id))
                .and_where(Expr::col("part_key").eq(key))
                .and_where(Expr::col("version").eq(expected))
                .to_owned();
            let updated = conn.execute(&update).await?.rows_affected();
            let stored = one(conn, table, audit_id, key).await?;
            match stored {
                Some(part) if updated == 1 => Ok(part),
                other => Err(StoreError::Stale {
                    current: other.map_or(0, |p| p.version),
                }),
            }
        }
    }
}
