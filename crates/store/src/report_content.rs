//! What the report says beyond the ratings — the panel's discussions, the recommendations and the
//! report's other sections — as the domain's types (`audit::Droeftelse`, `audit::Anbefaling`,
//! `audit::Tekstafsnit`, `audit::Bilag`), each saved with a version for optimistic locking.
//!
//! Schema decision: each discussion and each recommendation is one row holding the domain value as JSON
//! text, keyed by its topic or id, with a `version` column. The texts are structured lists the database
//! never searches, so JSON keeps them lossless without a table per list; the row per topic keeps two
//! people editing two different indicators from ever conflicting.

use audit::tekster::Rapporttekster;
use std::collections::BTreeMap;

use audit::{
    Anbefaling, AuditNr, Bilag, Droeftelse, Emne, Rapportindhold, Tekstafsnit, Tekstredigering,
    Username,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::codec::{from_json, to_json};
use crate::stamp::stamp;
use crate::versioned::{self, Part};
use crate::{Db, StoreError, audit_rows, events, follow_up};

pub(crate) const DISCUSSIONS: &str = "discussion_notes";
pub(crate) const RECOMMENDATIONS: &str = "recommendations";
pub(crate) const SECTIONS: &str = "report_sections";
/// The one key of the `report_sections` row of an audit.
const SECTIONS_KEY: &str = "afsnit";

/// A value with the version it is stored at, and who saved that version when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versioned<T> {
    /// The value.
    pub value: T,
    /// Its version: 1 when first saved; the next save must name it.
    pub version: i64,
    /// Who saved this version.
    pub updated_by: String,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// The report's sections that are neither discussions, recommendations nor follow-up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSections {
    /// Sections before the discussions (19.2's "Baggrund for auditforløbet").
    pub indledende_afsnit: Vec<Tekstafsnit>,
    /// Discussions in plenum outside the forms (20.1).
    pub plenum: Vec<Tekstafsnit>,
    /// The conclusion that opens the recommendations (20.1); absent in rows saved before it existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub konklusion: Vec<String>,
    /// The annexes.
    pub bilag: Vec<Bilag>,
    /// The report's own standard texts, when it does not use the template (the demo's 2019–2020
    /// reports); absent in rows saved before they existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standardtekster: Option<Rapporttekster>,
    /// The koordinator's edits of generated sections, by the section's anchor; absent in rows saved
    /// before they existed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub genererede: BTreeMap<String, Tekstredigering>,
}

/// The stable key of a discussion topic: `indikator:8.a`, `tema:<id>`, `helhed` or `tematik:<navn>`.
pub fn emne_key(emne: &Emne) -> String {
    match emne {
        Emne::Indikator(id) => format!("indikator:{id}"),
        Emne::Tema(id) => format!("tema:{id}"),
        Emne::Helhed => "helhed".to_owned(),
        Emne::Tematik(navn) => format!("tematik:{navn}"),
    }
}

pub(crate) fn versioned<T: DeserializeOwned>(part: Part) -> Result<Versioned<T>, StoreError> {
    Ok(Versioned {
        value: from_json(&format!("rapportdel »{}«", part.key), &part.content)?,
        version: part.version,
        updated_by: part.updated_by,
        updated_at: part.updated_at,
    })
}

pub(crate) fn part<T: Serialize>(
    key: String,
    position: i32,
    v: &Versioned<T>,
) -> Result<Part, StoreError> {
    Ok(Part {
        key,
        position,
        content: to_json(&v.value)?,
        version: v.version,
        updated_by: v.updated_by.clone(),
        updated_at: v.updated_at,
    })
}

/// Saves `value` under `key` in `table` of audit `nr`, with its event.
#[allow(clippy::too_many_arguments)]
async fn save<T: Serialize + DeserializeOwned>(
    db: &Db,
    nr: &AuditNr,
    table: &'static str,
    key: String,
    value: &T,
    expected_version: i64,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Versioned<T>, StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let audit_id = audit_rows::row(&txn, nr).await?.id;
    let stored = versioned::save(
        &txn,
        table,
        audit_id,
        &key,
        to_json(value)?,
        expected_version,
        actor.as_str(),
        now,
    )
    .await?;
    let kind = match table {
        DISCUSSIONS => "discussion_saved",
        RECOMMENDATIONS => "recommendation_saved",
        _ => "report_sections_saved",
    };
    let after = serde_json::json!({ "key": key, "version": stored.version });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, kind, None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    versioned(stored)
}

/// Saves the panel's discussion of `droeftelse.emne` in audit `nr`, based on `expected_version` (0 for a
/// new topic, which goes last). Returns it with its new version.
///
/// # Errors
/// [`StoreError::Stale`] when the stored version is not `expected_version`; [`StoreError::Invalid`] for
/// an empty heading; [`StoreError::NotFound`].
pub async fn save_discussion(
    db: &Db,
    nr: &AuditNr,
    droeftelse: &Droeftelse,
    expected_version: i64,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Versioned<Droeftelse>, StoreError> {
    if droeftelse.overskrift.trim().is_empty() {
        return Err(StoreError::Invalid(format!(
            "drøftelsen af {} mangler en overskrift",
            emne_key(&droeftelse.emne)
        )));
    }
    save(
        db,
        nr,
        DISCUSSIONS,
        emne_key(&droeftelse.emne),
        droeftelse,
        expected_version,
        actor,
        now,
    )
    .await
}

/// The discussions of audit `nr`, in report order.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn discussions(db: &Db, nr: &AuditNr) -> Result<Vec<Versioned<Droeftelse>>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    versioned::all(db.conn(), DISCUSSIONS, audit_id)
        .await?
        .into_iter()
        .map(versioned)
        .collect()
}

/// Saves recommendation `anbefaling.id` of audit `nr`, based on `expected_version` (0 for a new one,
/// which goes last). Returns it with its new version.
///
/// # Errors
/// [`StoreError::Stale`] when the stored version is not `expected_version`; [`StoreError::Invalid`] for
/// an empty id; [`StoreError::NotFound`].
pub async fn save_recommendation(
    db: &Db,
    nr: &AuditNr,
    anbefaling: &Anbefaling,
    expected_version: i64,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Versioned<Anbefaling>, StoreError> {
    if anbefaling.id.trim().is_empty() {
        return Err(StoreError::Invalid("anbefalingen mangler et id".into()));
    }
    save(
        db,
        nr,
        RECOMMENDATIONS,
        anbefaling.id.clone(),
        anbefaling,
        expected_version,
        actor,
        now,
    )
    .await
}

/// The recommendations of audit `nr`, in report order.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn recommendations(
    db: &Db,
    nr: &AuditNr,
) -> Result<Vec<Versioned<Anbefaling>>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    versioned::all(db.conn(), RECOMMENDATIONS, audit_id)
        .await?
        .into_iter()
        .map(versioned)
        .collect()
}

/// Saves the report's other sections of audit `nr`, based on `expected_version` (0 the first time).
///
/// # Errors
/// [`StoreError::Stale`] when the stored version is not `expected_version`; [`StoreError::NotFound`].
pub async fn save_report_sections(
    db: &Db,
    nr: &AuditNr,
    sections: &ReportSections,
    expected_version: i64,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<Versioned<ReportSections>, StoreError> {
    save(
        db,
        nr,
        SECTIONS,
        SECTIONS_KEY.to_owned(),
        sections,
        expected_version,
        actor,
        now,
    )
    .await
}

/// The report's other sections of audit `nr`, if saved.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn report_sections(
    db: &Db,
    nr: &AuditNr,
) -> Result<Option<Versioned<ReportSections>>, StoreError> {
    let audit_id = audit_rows::row(db.conn(), nr).await?.id;
    versioned::all(db.conn(), SECTIONS, audit_id)
        .await?
        .into_iter()
        .next()
        .map(versioned)
        .transpose()
}

/// Everything the report of audit `nr` says beyond the ratings, as the domain's `Rapportindhold`.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn report_content(db: &Db, nr: &AuditNr) -> Result<Rapportindhold, StoreError> {
    let sections = report_sections(db, nr)
        .await?
        .map(|v| v.value)
        .unwrap_or_default();
    Ok(Rapportindhold {
        indledende_afsnit: sections.indledende_afsnit,
        droeftelser: discussions(db, nr)
            .await?
            .into_iter()
            .map(|v| v.value)
            .collect(),
        plenum: sections.plenum,
        konklusion: sections.konklusion,
        anbefalinger: recommendations(db, nr)
            .await?
            .into_iter()
            .map(|v| v.value)
            .collect(),
        opfoelgning: follow_up::follow_up_actions(db, nr)
            .await?
            .into_iter()
            .map(|a| a.tiltag)
            .collect(),
        bilag: sections.bilag,
        standardtekster: sections.standardtekster,
        genererede: sections.genererede,
    })
}

/// Stores a whole `Rapportindhold` for a new audit (demo seeding): every part at version 1, the
/// follow-up actions as planned.
pub(crate) async fn insert_all<C: sea_orm::ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    content: &Rapportindhold,
    actor: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let first = |key: String, position: usize, content: String| -> Result<Part, StoreError> {
        Ok(Part {
            key,
            position: i32::try_from(position)
                .map_err(|_| StoreError::Invalid("for mange afsnit".into()))?,
            content,
            version: 1,
            updated_by: actor.to_owned(),
            updated_at: now,
        })
    };
    for (i, d) in content.droeftelser.iter().enumerate() {
        versioned::insert(
            conn,
            DISCUSSIONS,
            audit_id,
            &first(emne_key(&d.emne), i, to_json(d)?)?,
        )
        .await?;
    }
    for (i, a) in content.anbefalinger.iter().enumerate() {
        versioned::insert(
            conn,
            RECOMMENDATIONS,
            audit_id,
            &first(a.id.clone(), i, to_json(a)?)?,
        )
        .await?;
    }
    let sections = ReportSections {
        indledende_afsnit: content.indledende_afsnit.clone(),
        plenum: content.plenum.clone(),
        konklusion: content.konklusion.clone(),
        bilag: content.bilag.clone(),
        standardtekster: content.standardtekster.clone(),
        genererede: content.genererede.clone(),
    };
    if sections != ReportSections::default() {
        versioned::insert(
            conn,
            SECTIONS,
            audit_id,
            &first(SECTIONS_KEY.to_owned(), 0, to_json(&sections)?)?,
        )
        .await?;
    }
    for tiltag in &content.opfoelgning {
        follow_up::insert_action(conn, audit_id, tiltag, actor, now).await?;
    }
    Ok(())
}
