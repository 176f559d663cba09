//! Demo seeding: the demo users (password `demo`), audits, ratings and report content of
//! `audit::demo::Demo`. `auditpanel seed --demo`, `serve --demo` and the test fixtures run it through
//! `web::demo::seed`, which then publishes the historical reports (a published report is a snapshot
//! the web layer renders) and applies their follow-up history.
//!
//! A seeded database carries a `metadata` row naming the demo's audits and users. Seeding an empty
//! database loads the demo; seeding one that holds exactly the demo is a no-op; any other data (a real
//! audit, a real account, or the demo plus anything else) makes it refuse, naming what is in the way.

use std::collections::BTreeSet;

use audit::Rating;
use audit::demo::Demo;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, EntityTrait, QueryFilter, QuerySelect, Set};
use time::OffsetDateTime;

use crate::codec::{enum_id, to_json};
use crate::entity::{audit as audit_row, material, metadata, rating, user};
use crate::files::put_blob;
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events, material_scan, report_content, users};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "demo";

/// The metadata key under which a seeded database names its demo.
const DEMO_KEY: &str = "demo";

/// What [`seed_demo`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The demo was loaded into an empty database.
    Seeded {
        /// Demo users created.
        users: usize,
        /// Demo audits created.
        audits: usize,
        /// Ratings stored.
        ratings: usize,
    },
    /// The database already held exactly the demo; nothing was done.
    AlreadySeeded,
}

/// The demo's fingerprint: its audit numbers and usernames, sorted. (The ongoing round's dates follow
/// the day of seeding, so they are not part of it.)
fn fingerprint(audits: &BTreeSet<String>, users: &BTreeSet<String>) -> String {
    let audits: Vec<&str> = audits.iter().map(String::as_str).collect();
    let users: Vec<&str> = users.iter().map(String::as_str).collect();
    format!("audits={};users={}", audits.join(","), users.join(","))
}

/// Whether audit `nr` is one of the demo's (its ratings then are synthetic): the audits the seeded
/// database's demo marker names.
///
/// # Errors
/// [`StoreError`] when the database cannot be read.
pub async fn is_demo_audit(db: &Db, nr: &audit::AuditNr) -> Result<bool, StoreError> {
    let marker = metadata::Entity::find_by_id(DEMO_KEY.to_owned())
        .one(db.conn())
        .await?;
    Ok(marker.is_some_and(|m| {
        m.value
            .split(';')
            .find_map(|part| part.strip_prefix("audits="))
            .is_some_and(|audits| audits.split(',').any(|a| a == nr.as_str()))
    }))
}

fn listed(what: &str, names: &BTreeSet<String>) -> Option<String> {
    (!names.is_empty()).then(|| {
        format!(
            "{what} {}",
            names
                .iter()
                .map(|n| format!("»{n}«"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// Loads `demo` into `db`, dated from `now`: users with password [`DEMO_PASSWORD`] (argon2id), audits,
/// ratings of both rounds and report content, in one transaction.
///
/// # Errors
/// [`StoreError::NotDemo`] naming the audits and users that are not the demo's, when the database holds
/// any; other [`StoreError`]s if a demo value does not fit the schema.
pub async fn seed_demo(
    db: &Db,
    demo: &Demo,
    now: OffsetDateTime,
) -> Result<SeedOutcome, StoreError> {
    let now = stamp(now);
    let demo_audits: BTreeSet<String> = demo
        .forloeb
        .iter()
        .map(|a| a.audit.nr.to_string())
        .collect();
    let demo_users: BTreeSet<String> = demo
        .brugere
        .iter()
        .map(|u| u.username.to_string())
        .collect();
    let wanted = fingerprint(&demo_audits, &demo_users);

    let stored_audits: BTreeSet<String> = audit_row::Entity::find()
        .select_only()
        .column(audit_row::Column::Nr)
        .into_tuple()
        .all(db.conn())
        .await?
        .into_iter()
        .collect();
    let stored_users: BTreeSet<String> = user::Entity::find()
        .select_only()
        .column(user::Column::Username)
        .into_tuple()
        .all(db.conn())
        .await?
        .into_iter()
        .collect();
    let marker = metadata::Entity::find_by_id(DEMO_KEY.to_owned())
        .one(db.conn())
        .await?
        .map(|m| m.value);
    if stored_audits.is_empty() && stored_users.is_empty() && marker.is_none() {
        return insert(db, demo, &wanted, now).await;
    }
    if marker.as_deref() == Some(wanted.as_str())
        && stored_audits == demo_audits
        && stored_users == demo_users
    {
        return Ok(SeedOutcome::AlreadySeeded);
    }
    let foreign_audits: BTreeSet<String> =
        stored_audits.difference(&demo_audits).cloned().collect();
    let foreign_users: BTreeSet<String> = stored_users.difference(&demo_users).cloned().collect();
    let what: Vec<String> = [
        listed("auditforløbene", &foreign_audits),
        listed("brugerne", &foreign_users),
    ]
    .into_iter()
    .flatten()
    .collect();
    let why = if marker.is_none() {
        "databasen indeholder data, som ikke er demodata".to_owned()
    } else {
        "databasen indeholder en anden udgave af demoen eller data ud over den".to_owned()
    };
    Err(StoreError::NotDemo(if what.is_empty() {
        why
    } else {
        format!("{why}: {}", what.join("; "))
    }))
}

async fn insert(
    db: &Db,
    demo: &Demo,
    fingerprint: &str,
    now: OffsetDateTime,
) -> Result<SeedOutcome, StoreError> {
    // Hash first (slow, and in parallel on the blocking pool), then write everything in one transaction.
    let mut hashing = tokio::task::JoinSet::new();
    for (i, _) in demo.brugere.iter().enumerate() {
        hashing.spawn(async move { (i, users::hash_password(DEMO_PASSWORD).await) });
    }
    let mut hashes = vec![String::new(); demo.brugere.len()];
    while let Some(done) = hashing.join_next().await {
        let (i, hash) = done.map_err(StoreError::corrupt)?;
        if let Some(slot) = hashes.get_mut(i) {
            *slot = hash?;
        }
    }
    let system = "system";
    let txn = db.begin_write().await?;
    for (user, hash) in demo.brugere.iter().zip(hashes) {
        users::insert(&txn, user, hash, now).await?;
    }
    let mut rating_count = 0;
    for forloeb in &demo.forloeb {
        let audit_id = audit_rows::insert_audit(&txn, &forloeb.audit, now).await?;
        attach_material_files(&txn, audit_id, &forloeb.audit, now).await?;
        insert_ratings(&txn, audit_id, &forloeb.ratings, now).await?;
        rating_count += forloeb.ratings.len();
        report_content::insert_all(&txn, audit_id, &forloeb.rapport, system, now).await?;
        let after = serde_json::json!({ "nr": forloeb.audit.nr, "state": forloeb.audit.state.id(), "demo": forloeb.fil });
        events::append(
            &txn,
            Some(audit_id),
            &events::new(system, now, "audit_created", None, Some(after)),
        )
        .await?;
    }
    metadata::ActiveModel {
        key: Set(DEMO_KEY.to_owned()),
        value: Set(fingerprint.to_owned()),
    }
    .insert(&txn)
    .await?;
    let after = serde_json::json!({ "audits": demo.forloeb.len(), "users": demo.brugere.len(), "ratings": rating_count });
    events::append(
        &txn,
        None,
        &events::new(system, now, "demo_seeded", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(SeedOutcome::Seeded {
        users: demo.brugere.len(),
        audits: demo.forloeb.len(),
        ratings: rating_count,
    })
}

/// Attaches the demo's fictitious file (`audit::demo::materiale`) to every material item of the audit
/// with row id `audit_id`, as an upload would: the blob, the item's file name, and a CPR scan that found
/// nothing (the files carry no CPR numbers, which the domain's tests check).
async fn attach_material_files(
    txn: &sea_orm::DatabaseTransaction,
    audit_id: i64,
    audit: &audit::Audit,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    use audit::demo::materiale::{MEDIETYPE, demofil};
    for item in &audit.materials {
        let fil = demofil(audit, item);
        let sha256 = put_blob(txn, MEDIETYPE, fil.tekst.as_bytes()).await?;
        material::Entity::update_many()
            .col_expr(material::COLUMN.file_name, Expr::value(fil.filnavn))
            .col_expr(material::COLUMN.blob_sha256, Expr::value(sha256.clone()))
            .filter(material::COLUMN.audit_id.eq(audit_id))
            .filter(material::COLUMN.material_key.eq(item.id.as_str()))
            .exec(txn)
            .await?;
        material_scan::record(txn, audit_id, item.id.as_str(), &sha256, &[], now).await?;
    }
    Ok(())
}

async fn insert_ratings(
    txn: &sea_orm::DatabaseTransaction,
    audit_id: i64,
    ratings: &[Rating],
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let rows = ratings
        .iter()
        .map(|r| {
            Ok(rating::ActiveModel {
                id: NotSet,
                audit_id: Set(audit_id),
                rater: Set(r.rater.to_string()),
                unit: Set(r.unit.to_string()),
                round: Set(i16::from(r.round.number())),
                status: Set(enum_id(&r.status)?),
                value: Set(r.value.as_ref().map(to_json).transpose()?),
                reason: Set(r.reason.clone()),
                created_at: Set(now),
                updated_at: Set(now),
                submitted_at: Set(r.is_submitted().then_some(now)),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    // In chunks: SQLite limits the number of bound parameters per statement.
    for chunk in rows.chunks(500) {
        rating::Entity::insert_many(chunk.to_vec())
            .exec(txn)
            .await?;
    }
    Ok(())
}
