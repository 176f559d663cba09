//! Ratings on disk: drafts, submissions (all or nothing, idempotent), and reads filtered by the blind rule.
//!
//! Idempotency: a rating is identified by (audit, rater, unit, round), a unique index. Submitting a rating
//! that is already submitted with the same value and reason is a no-op that counts as `unchanged` (a
//! double click or a retried request gets the same success); submitting a *different* value for a
//! submitted rating is refused by the domain (`RatingError::AlreadySubmitted`). When two identical
//! requests race, the loser's insert hits the unique index, its transaction is rolled back and the whole
//! operation is retried once — the retry sees the winner's rows and returns `unchanged`.

use std::collections::{BTreeMap, BTreeSet};

use audit::visibility::{self, Progress, RatingAccess, rating_access, visible_ratings};
use audit::{Audit, AuditNr, Rating, RatingStatus, Round, UnitKey, User, Username};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use time::{Date, OffsetDateTime};

use crate::codec::{enum_id, from_json, parse_enum, to_json};
use crate::entity::{audit as audit_row, rating};
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

/// How many times an operation that lost a race on a unique index is tried in all.
const ATTEMPTS: usize = 3;

/// What a save or submission did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SaveOutcome {
    /// Ratings written.
    pub stored: usize,
    /// Ratings that were already submitted exactly so, and were left as they were.
    pub unchanged: usize,
}

/// A stored rating as a domain value.
pub(crate) fn from_row(row: &rating::Model) -> Result<Rating, StoreError> {
    let round = u8::try_from(row.round)
        .ok()
        .and_then(|n| Round::try_from(n).ok())
        .ok_or_else(|| StoreError::corrupt(format!("runde {}", row.round)))?;
    Ok(Rating {
        rater: Username::new(row.rater.clone()).map_err(StoreError::corrupt)?,
        unit: row.unit.parse::<UnitKey>().map_err(StoreError::corrupt)?,
        value: row
            .value
            .as_deref()
            .map(|v| from_json("bedømmelsens værdi", v))
            .transpose()?,
        reason: row.reason.clone(),
        round,
        status: parse_enum("bedømmelsens status", &row.status)?,
    })
}

/// Every rating row of the audit with row id `audit_id`, ordered by round, rater and unit.
pub(crate) async fn rows_of<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<Vec<rating::Model>, StoreError> {
    Ok(rating::Entity::find()
        .filter(rating::COLUMN.audit_id.eq(audit_id))
        .order_by_asc(rating::COLUMN.round)
        .order_by_asc(rating::COLUMN.rater)
        .order_by_asc(rating::COLUMN.unit)
        .all(conn)
        .await?)
}

/// Saves `ratings` of `rater` with `status`: as drafts, or submitted. All are saved or none; each is
/// checked with `Audit::check_rating` against the stored rating of the same unit and round. A rating
/// already submitted with the same value and reason is left alone and counted as unchanged, so a
/// repeated submission succeeds without storing anything twice; a different value for a submitted
/// rating is refused.
///
/// # Errors
/// [`StoreError::Rating`] for the first rating the domain refuses (e.g. a draft of one already
/// submitted), [`StoreError::Invalid`] for a rating of another rater or a unit given twice,
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn save_ratings(
    db: &Db,
    nr: &AuditNr,
    rater: &Username,
    ratings: &[Rating],
    status: RatingStatus,
    today: Date,
    now: OffsetDateTime,
) -> Result<SaveOutcome, StoreError> {
    let mut units = BTreeSet::new();
    for r in ratings {
        if &r.rater != rater {
            return Err(StoreError::Invalid(format!(
                "bedømmelsen af »{}« er »{}«s, ikke »{rater}«s",
                r.unit, r.rater
            )));
        }
        if !units.insert((&r.unit, r.round)) {
            return Err(StoreError::Invalid(format!(
                "»{}« er bedømt to gange i runde {}",
                r.unit,
                r.round.number()
            )));
        }
    }
    let batch = Batch {
        rater,
        ratings,
        status,
        today,
        now: stamp(now),
    };
    let mut attempt = 1;
    loop {
        match write_once(db, nr, &batch).await {
            Err(err) if err.is_unique_violation() && attempt < ATTEMPTS => attempt += 1,
            outcome => return outcome,
        }
    }
}

/// One call's ratings, as [`write_once`] writes them (again, after a conflicting insert).
struct Batch<'a> {
    rater: &'a Username,
    ratings: &'a [Rating],
    status: RatingStatus,
    today: Date,
    now: OffsetDateTime,
}

/// Writes `batch` to audit `nr` in one transaction.
async fn write_once(db: &Db, nr: &AuditNr, batch: &Batch<'_>) -> Result<SaveOutcome, StoreError> {
    let Batch {
        rater,
        ratings,
        status,
        today,
        now,
    } = *batch;
    let txn = db.begin_write().await?;
    // A shared lock on the audit row: submissions do not block each other, but a transition (which
    // takes it exclusively) waits for them, so no round-1 rating lands after the reveal.
    let row = audit_row::Entity::find()
        .filter(audit_row::COLUMN.nr.eq(nr.as_str()))
        .lock_shared()
        .one(&txn)
        .await?
        .ok_or_else(|| StoreError::not_found("auditforløbet", nr))?;
    let audit_id = row.id;
    let audit = audit_rows::load_one(&txn, row).await?;
    let mut stored_rows: BTreeMap<(String, i16), rating::Model> = rating::Entity::find()
        .filter(rating::COLUMN.audit_id.eq(audit_id))
        .filter(rating::COLUMN.rater.eq(rater.as_str()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|r| ((r.unit.clone(), r.round), r))
        .collect();
    let mut outcome = SaveOutcome::default();
    let mut rounds = BTreeSet::new();
    for new in ratings {
        let new = Rating {
            status,
            ..new.clone()
        };
        let round = i16::from(new.round.number());
        let previous_row = stored_rows.remove(&(new.unit.to_string(), round));
        let previous = previous_row.as_ref().map(from_row).transpose()?;
        if let Some(p) = &previous
            && p.is_submitted()
            && new.is_submitted()
            && p.value == new.value
            && p.reason == new.reason
        {
            outcome.unchanged += 1;
            continue;
        }
        audit.check_rating(&new, previous.as_ref(), today)?;
        let value = new.value.as_ref().map(to_json).transpose()?;
        let submitted_at = new.is_submitted().then_some(now);
        match previous_row {
            Some(old) => {
                let mut active: rating::ActiveModel = old.into();
                active.value = Set(value);
                active.reason = Set(new.reason.clone());
                active.status = Set(enum_id(&status)?);
                active.updated_at = Set(now);
                active.submitted_at = Set(submitted_at);
                active.update(&txn).await?;
            }
            None => {
                rating::ActiveModel {
                    id: NotSet,
                    audit_id: Set(audit_id),
                    rater: Set(rater.to_string()),
                    unit: Set(new.unit.to_string()),
                    round: Set(round),
                    status: Set(enum_id(&status)?),
                    value: Set(value),
                    reason: Set(new.reason.clone()),
                    created_at: Set(now),
                    updated_at: Set(now),
                    submitted_at: Set(submitted_at),
                }
                .insert(&txn)
                .await?;
            }
        }
        rounds.insert(new.round.number());
        outcome.stored += 1;
    }
    if outcome.stored > 0 {
        let kind = match status {
            RatingStatus::Draft => "ratings_drafted",
            RatingStatus::Submitted => "ratings_submitted",
        };
        // Counts only: the log is readable before reveal, so it never carries values or reasons.
        let after =
            serde_json::json!({ "rater": rater, "rounds": rounds, "units": outcome.stored });
        events::append(
            &txn,
            Some(audit_id),
            &events::new(rater.as_str(), now, kind, None, Some(after)),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// The ratings of `audit` that `user` may see, decided by `audit::visibility::visible_ratings` on the
/// audit as given (its state and reveal rule). Ordered by round, rater and unit.
///
/// # Errors
/// [`StoreError::NotFound`] when the audit is not stored.
pub async fn ratings_visible_to(
    db: &Db,
    audit: &Audit,
    user: &User,
) -> Result<Vec<Rating>, StoreError> {
    let viewer = audit.viewer(user);
    let audit_id = audit_rows::row(db.conn(), &audit.nr).await?.id;
    // The SQL may only narrow what is read; the domain function below decides what is shown.
    let query = rating::Entity::find().filter(rating::COLUMN.audit_id.eq(audit_id));
    let query = match rating_access(viewer, audit.state, audit.reveal_rule) {
        RatingAccess::Nothing | RatingAccess::ProgressOnly => return Ok(Vec::new()),
        RatingAccess::Own => query.filter(rating::COLUMN.rater.eq(user.username.as_str())),
        RatingAccess::OwnAndUnlocked | RatingAccess::All => query,
    };
    let rows = query
        .order_by_asc(rating::COLUMN.round)
        .order_by_asc(rating::COLUMN.rater)
        .order_by_asc(rating::COLUMN.unit)
        .all(db.conn())
        .await?;
    let all = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    Ok(visible_ratings(audit, viewer, &all)
        .into_iter()
        .cloned()
        .collect())
}

/// Round-1 progress of every rater of `audit` (`audit::visibility::progress`): counts, never values.
///
/// # Errors
/// [`StoreError::NotFound`] when the audit is not stored.
pub async fn progress(db: &Db, audit: &Audit) -> Result<Vec<Progress>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), &audit.nr).await?.id;
    let rows = rating::Entity::find()
        .filter(rating::COLUMN.audit_id.eq(audit_id))
        .filter(rating::COLUMN.round.eq(i16::from(Round::First.number())))
        .all(db.conn())
        .await?;
    let all = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    Ok(visibility::progress(audit, &all))
}
