//! Drawn compliance samples (stikprøver) of the faglig udtalelse: the lists of report ids per tilsyn the
//! koordinator gave, the seed, k and the sample the domain drew (`audit::compliance::udtraek`), so that
//! anyone can draw it again and check it. Each draw is kept (append-only); the latest is in force.

use std::collections::BTreeMap;

use audit::compliance::Stikproeve;
use audit::{AuditNr, Tilsyn, Username};
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::codec::{from_json, to_json};
use crate::entity::compliance_sample;
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events};

/// A recorded sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedSample {
    /// The report ids per tilsyn the sample was drawn from, as given.
    pub lists: BTreeMap<Tilsyn, Vec<String>>,
    /// The sample, with its seed and k.
    pub sample: Stikproeve,
    /// Who drew it.
    pub drawn_by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub drawn_at: OffsetDateTime,
}

/// The JSON kept in `content`.
#[derive(Serialize, Deserialize)]
struct Content {
    lists: BTreeMap<Tilsyn, Vec<String>>,
    sample: Stikproeve,
}

/// Records `sample`, drawn from `lists`, for audit `nr`, with its event.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn record_sample(
    db: &Db,
    nr: &AuditNr,
    lists: &BTreeMap<Tilsyn, Vec<String>>,
    sample: &Stikproeve,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = stamp(now);
    let (txn, audit_id) = audit_rows::begin_write_for(db, nr).await?;
    compliance_sample::ActiveModel {
        id: NotSet,
        audit_id: Set(audit_id),
        seed: Set(sample.seed.to_string()),
        k: Set(i32::try_from(sample.k)
            .map_err(|_| StoreError::Invalid("stikprøven er for stor".into()))?),
        content: Set(to_json(&Content {
            lists: lists.clone(),
            sample: sample.clone(),
        })?),
        drawn_by: Set(actor.to_string()),
        drawn_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let reports: usize = sample.udtraek.values().map(Vec::len).sum();
    let after =
        serde_json::json!({ "seed": sample.seed.to_string(), "k": sample.k, "reports": reports });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "sample_drawn", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The latest sample recorded for audit `nr`, if any.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn latest_sample(db: &Db, nr: &AuditNr) -> Result<Option<RecordedSample>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    let Some(row) = compliance_sample::Entity::find()
        .filter(compliance_sample::COLUMN.audit_id.eq(audit_id))
        .order_by_desc(compliance_sample::COLUMN.id)
        .one(db.conn())
        .await?
    else {
        return Ok(None);
    };
    let content: Content = from_json("stikprøve", &row.content)?;
    Ok(Some(RecordedSample {
        lists: content.lists,
        sample: content.sample,
        drawn_by: row.drawn_by,
        drawn_at: row.drawn_at,
    }))
}
