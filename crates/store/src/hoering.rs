//! Høring of an audit's report: the frozen draft sent to the participating tilsyn with a deadline, and
//! their answers, one per tilsyn. Each write is one transaction holding the audit's row and appends to
//! the event log (`hoering_sent`, `hoeringssvar_submitted`: the tilsyn and the deadline, never text).
//! The rules (who answers, the deadline, the text) are the domain's (`audit::hoering`); this module
//! stores what they accepted.

use audit::{AuditNr, Tilsyn, Username};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use time::{Date, OffsetDateTime};

use crate::entity::{hoering, hoeringssvar};
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

/// One høring of an audit's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hoering {
    /// Its row id, which answers refer to.
    pub id: i64,
    /// The draft as sent (the report article as HTML), frozen.
    pub content: String,
    /// The last day to answer.
    pub frist: Date,
    /// Who sent it.
    pub sent_by: String,
    /// When.
    pub sent_at: OffsetDateTime,
}

/// One tilsyn's answer to a høring.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hoeringssvar {
    /// The tilsyn that answered.
    pub tilsyn: Tilsyn,
    /// The answer.
    pub tekst: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub submitted_at: OffsetDateTime,
}

fn hoering_from_row(row: hoering::Model) -> Result<Hoering, StoreError> {
    let frist = Date::parse(
        &row.frist,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| StoreError::Corrupt(format!("høringsfrist »{}«", row.frist)))?;
    Ok(Hoering {
        id: row.id,
        content: row.content,
        frist,
        sent_by: row.sent_by,
        sent_at: row.sent_at,
    })
}

/// Sends the frozen draft `content` of audit `nr` in høring with the deadline `frist`, as `actor` at
/// `now`. A later høring replaces an earlier one as the current one; the earlier stays stored.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit; [`StoreError::Invalid`] for empty content.
pub async fn send_hoering(
    db: &Db,
    nr: &AuditNr,
    content: &str,
    frist: Date,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Hoering, StoreError> {
    if content.trim().is_empty() {
        return Err(StoreError::Invalid(
            "et tomt rapportudkast kan ikke sendes i høring".into(),
        ));
    }
    let now = stamp(now);
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    let row = hoering::ActiveModel {
        audit_id: Set(audit_id),
        content: Set(content.to_owned()),
        frist: Set(frist.to_string()),
        sent_by: Set(actor.to_string()),
        sent_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let after = serde_json::json!({ "frist": frist.to_string() });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "hoering_sent", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    hoering_from_row(row)
}

/// The current (latest) høring of audit `nr`, if any was sent.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn current_hoering(db: &Db, nr: &AuditNr) -> Result<Option<Hoering>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    hoering::Entity::find()
        .filter(hoering::Column::AuditId.eq(audit_id))
        .order_by_desc(hoering::Column::Id)
        .one(db.conn())
        .await?
        .map(hoering_from_row)
        .transpose()
}

/// The answers to the høring with id `hoering_id`, in the order they came.
///
/// # Errors
/// The database's.
pub async fn answers(db: &Db, hoering_id: i64) -> Result<Vec<Hoeringssvar>, StoreError> {
    hoeringssvar::Entity::find()
        .filter(hoeringssvar::Column::HoeringId.eq(hoering_id))
        .order_by_asc(hoeringssvar::Column::Id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| {
            Ok(Hoeringssvar {
                tilsyn: row
                    .tilsyn
                    .parse()
                    .map_err(|_| StoreError::Corrupt(format!("tilsyn »{}«", row.tilsyn)))?,
                tekst: row.tekst,
                author: row.author,
                submitted_at: row.submitted_at,
            })
        })
        .collect()
}

/// Records `tilsyn`'s answer `tekst` (checked by `audit::hoering::check_svar`) to the current høring
/// of audit `nr`, whose id the caller read as `hoering_id`, as `actor` at `now`. One answer per tilsyn
/// per høring: a second is refused, also when two arrive at once (the transaction holds the audit's
/// row).
///
/// # Errors
/// [`StoreError::Invalid`] (in Danish) when the tilsyn has answered, or the høring is no longer the
/// current one; [`StoreError::NotFound`] for an unknown audit.
pub async fn submit_answer(
    db: &Db,
    nr: &AuditNr,
    hoering_id: i64,
    tilsyn: Tilsyn,
    tekst: &str,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Hoeringssvar, StoreError> {
    let now = stamp(now);
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    let current = hoering::Entity::find()
        .filter(hoering::Column::AuditId.eq(audit_id))
        .order_by_desc(hoering::Column::Id)
        .one(&txn)
        .await?;
    if current.map(|h| h.id) != Some(hoering_id) {
        return Err(StoreError::Invalid(
            "rapportudkastet er sendt i høring igen siden; læs det nye udkast og svar på det"
                .into(),
        ));
    }
    let existing = hoeringssvar::Entity::find()
        .filter(hoeringssvar::Column::HoeringId.eq(hoering_id))
        .filter(hoeringssvar::Column::Tilsyn.eq(tilsyn.id()))
        .one(&txn)
        .await?;
    if existing.is_some() {
        return Err(StoreError::Invalid(format!(
            "{} har allerede afgivet høringssvar",
            tilsyn.fulde_navn()
        )));
    }
    hoeringssvar::ActiveModel {
        hoering_id: Set(hoering_id),
        tilsyn: Set(tilsyn.id().to_owned()),
        tekst: Set(tekst.to_owned()),
        author: Set(actor.to_string()),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let after = serde_json::json!({ "tilsyn": tilsyn.id() });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(
            actor.as_str(),
            now,
            "hoeringssvar_submitted",
            None,
            Some(after),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(Hoeringssvar {
        tilsyn,
        tekst: tekst.to_owned(),
        author: actor.to_string(),
        submitted_at: now,
    })
}
