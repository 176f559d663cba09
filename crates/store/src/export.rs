//! Export and import of one audit, completely: settings, panel, material with its files, forms, ratings
//! of both rounds, discussion, recommendations, follow-up plan, published reports and the event log.
//!
//! The document is deterministic: every list is sorted in Rust (never by the database's collation), JSON
//! objects have a fixed field order and maps are sorted, so export → import into a fresh database →
//! export again gives the same bytes. Import checks the whole file before it writes anything and writes
//! it in one transaction: a damaged file, a wrong `format_version` or an audit number that already exists
//! leaves the database as it was.
//!
//! An export holds every rating value. It is a tool for the audit function (backups, moving an audit
//! between databases), not something to hand to a panelist before reveal.

use std::collections::BTreeSet;

use audit::{Anbefaling, Audit, AuditNr, Droeftelse, MaterialId, Username};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::codec::{enum_id, to_json};
use crate::entity::{audit as audit_row, material, rating, user};
use crate::events::{self, Event};
use crate::follow_up::{self, FollowUpAction};
use crate::report_content::{
    self, DISCUSSIONS, RECOMMENDATIONS, ReportSections, SECTIONS, Versioned,
};
use crate::reports::{self, PublishedReport, sha256_hex};
use crate::stamp::stamp;
use crate::versioned;
use crate::{Db, StoreError, audit_rows, files, ratings};

/// The version of the export format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// One audit, completely, as written by `auditpanel export`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDocument {
    /// The format's version: [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The audit with its settings, panel, material metadata and forms.
    pub audit: Audit,
    /// When the audit was created.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When its settings or parts last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The material files, in material order.
    pub files: Vec<ExportedFile>,
    /// Every rating of both rounds, drafts included, by round, rater and unit.
    pub ratings: Vec<ExportedRating>,
    /// The panel's discussions, in report order.
    pub discussions: Vec<Versioned<Droeftelse>>,
    /// The recommendations, in report order.
    pub recommendations: Vec<Versioned<Anbefaling>>,
    /// The report's other sections, if saved.
    pub report_sections: Option<Versioned<ReportSections>>,
    /// The follow-up plan with each action's history, in plan order.
    pub follow_up: Vec<FollowUpAction>,
    /// The published report versions, oldest first.
    pub reports: Vec<PublishedReport>,
    /// The audit's event log, oldest first.
    pub events: Vec<Event>,
}

/// A material file with its contents in base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedFile {
    /// The material item it belongs to.
    pub material: MaterialId,
    /// The file name as uploaded.
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// The sha256 of the contents, hex: checked on import.
    pub sha256: String,
    /// The contents, base64 (standard alphabet, padded).
    pub content_base64: String,
}

/// A rating with its timestamps; the type lives in the domain, which checks imported ratings.
pub use audit::export::ExportedRating;

impl ExportDocument {
    /// The document as pretty-printed JSON with a final newline: the bytes `auditpanel export` writes.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] if a value cannot be serialised (it always can).
    pub fn to_json(&self) -> Result<String, StoreError> {
        let mut json = serde_json::to_string_pretty(self).map_err(StoreError::corrupt)?;
        json.push('\n');
        Ok(json)
    }
}

fn unit_order(r: &ExportedRating) -> (u8, String, String) {
    (
        r.rating.round.number(),
        r.rating.rater.to_string(),
        r.rating.unit.to_string(),
    )
}

/// Reads audit `nr` completely.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn export_audit(db: &Db, nr: &AuditNr) -> Result<ExportDocument, StoreError> {
    // One read transaction, so the parts are consistent with each other.
    let txn = db.conn().begin().await?;
    let row = audit_rows::row(&txn, nr).await?;
    let (audit_id, created_at, updated_at) = (row.id, row.created_at, row.updated_at);
    let audit = audit_rows::load_one(&txn, row).await?;
    let files = files::of_audit_id(&txn, audit_id, true)
        .await?
        .into_iter()
        .map(|f| ExportedFile {
            material: f.info.material,
            file_name: f.info.file_name,
            media_type: f.info.media_type,
            size: f.info.size,
            sha256: f.info.sha256,
            content_base64: BASE64.encode(&f.bytes),
        })
        .collect();
    let mut ratings = ratings::rows_of(&txn, audit_id)
        .await?
        .iter()
        .map(|row| {
            Ok(ExportedRating {
                rating: ratings::from_row(row)?,
                created_at: row.created_at,
                updated_at: row.updated_at,
                submitted_at: row.submitted_at,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    ratings.sort_by_key(unit_order);
    // `versioned::all` sorts by position and key in Rust.
    let parts = |table| versioned::all(&txn, table, audit_id);
    let discussions = parts(DISCUSSIONS)
        .await?
        .into_iter()
        .map(report_content::versioned)
        .collect::<Result<_, _>>()?;
    let recommendations = parts(RECOMMENDATIONS)
        .await?
        .into_iter()
        .map(report_content::versioned)
        .collect::<Result<_, _>>()?;
    let report_sections = parts(SECTIONS)
        .await?
        .into_iter()
        .next()
        .map(report_content::versioned)
        .transpose()?;
    let follow_up = follow_up::of_audit_id(&txn, audit_id).await?;
    let reports = reports::of_audit_id(&txn, audit_id).await?;
    let events = events::of_audit_id(&txn, audit_id).await?;
    txn.rollback().await?;
    Ok(ExportDocument {
        format_version: FORMAT_VERSION,
        audit,
        created_at,
        updated_at,
        files,
        ratings,
        discussions,
        recommendations,
        report_sections,
        follow_up,
        reports,
        events,
    })
}

fn refuse(why: impl Into<String>) -> StoreError {
    StoreError::Import(why.into())
}

/// serde's English messages for the usual damage, in Danish.
fn danish_serde_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("?").to_owned();
    if text.starts_with("missing field") {
        format!("feltet »{}« mangler", quoted(&text))
    } else if text.starts_with("unknown field") {
        format!("ukendt felt »{}«", quoted(&text))
    } else if text.starts_with("invalid type") || text.starts_with("invalid value") {
        format!("en værdi har forkert type eller indhold ({text})")
    } else {
        text
    }
}

/// Parses and checks an export file without touching any database.
///
/// # Errors
/// [`StoreError::Import`] naming what is wrong: not JSON, no or another `format_version`, a field that
/// does not fit, an audit whose parts do not fit, a file whose contents do not match its checksum, a
/// rating of an unknown unit.
pub fn parse_export(text: &str) -> Result<ExportDocument, StoreError> {
    let doc = parse(text)?;
    // Without a database there are no users to look up; `import_audit` checks them again.
    check(&doc, |_| true)?;
    Ok(doc)
}

/// Reads the file as JSON in the export format, without checking what it says.
fn parse(text: &str) -> Result<ExportDocument, StoreError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|err| {
        refuse(format!(
            "filen er ikke gyldig JSON (linje {}, kolonne {}); den er beskadiget eller ikke en eksport fra auditpanel",
            err.line(),
            err.column()
        ))
    })?;
    match value.get("format_version").map(serde_json::Value::as_u64) {
        None => {
            return Err(refuse(
                "filen mangler feltet »format_version«; er det en eksport fra auditpanel?",
            ));
        }
        Some(Some(v)) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => {
            let shown = v.map_or_else(|| value["format_version"].to_string(), |v| v.to_string());
            return Err(refuse(format!(
                "filen har formatversion {shown}, men denne udgave af auditpanel læser kun version {FORMAT_VERSION}"
            )));
        }
    }
    let doc: ExportDocument = serde_json::from_value(value).map_err(|err| {
        refuse(format!(
            "filen passer ikke til eksportformatet: {}",
            danish_serde_message(&err)
        ))
    })?;
    // Without a database there are no users to look up; `import_audit` checks them again.
    check(&doc, |_| true)?;
    Ok(doc)
}

/// Checks the file's integrity (files and reports match their checksums) and then the domain rules over
/// its audit, ratings and events (`audit::export::check_export`); `is_user` says whether a username
/// exists as a user where the audit is going.
fn check(doc: &ExportDocument, is_user: impl Fn(&Username) -> bool) -> Result<(), StoreError> {
    let audit = &doc.audit;
    audit.validate().map_err(|err| {
        refuse(format!(
            "audit: auditforløbet »{}« hænger ikke sammen: {err}",
            audit.nr
        ))
    })?;
    for (i, file) in doc.files.iter().enumerate() {
        let what = format!("files[{i}]: filen til materialet »{}«", file.material);
        if audit.material(&file.material).is_none() {
            return Err(refuse(format!(
                "{what} hører til et materiale, der ikke findes"
            )));
        }
        let bytes = BASE64.decode(&file.content_base64).map_err(|err| {
            refuse(format!(
                "{what} er beskadiget: indholdet er ikke gyldig base64 ({err})"
            ))
        })?;
        if sha256_hex(&bytes) != file.sha256 || i64::try_from(bytes.len()).ok() != Some(file.size) {
            return Err(refuse(format!(
                "{what} er beskadiget: indholdet passer ikke med dets sha256 og størrelse"
            )));
        }
    }
    for (i, report) in doc.reports.iter().enumerate() {
        if sha256_hex(report.content.as_bytes()) != report.content_sha256 {
            return Err(refuse(format!(
                "reports[{i}]: den offentliggjorte rapport version {} er beskadiget: indholdet passer ikke med dets sha256",
                report.version
            )));
        }
    }
    audit::export::check_export(audit, &doc.ratings, &doc.events, is_user)
        .map_err(|problem| refuse(problem.to_string()))
}

/// Imports an export file into `db`: all of it in one transaction, or nothing. Returns the audit's number.
/// The audit's own history is restored as it was; the import itself is recorded in the global event log
/// (an `audit_imported` event by `actor`), so that a second export is byte-identical to the first.
///
/// # Errors
/// [`StoreError::Import`] naming what is wrong with the file, or that the audit number already exists.
pub async fn import_audit(
    db: &Db,
    text: &str,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<AuditNr, StoreError> {
    let doc = parse(text)?;
    let nr = doc.audit.nr.clone();
    let txn = db.begin_write().await?;
    // The raters must be users here: a rating by a username nobody has would later belong to whoever
    // is given that name. Read inside the transaction, so the check and the writes see one database.
    let users: BTreeSet<String> = user::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|u| u.username)
        .collect();
    check(&doc, |name| users.contains(name.as_str()))?;
    let exists = audit_row::Entity::find()
        .filter(audit_row::COLUMN.nr.eq(nr.as_str()))
        .one(&txn)
        .await?;
    if exists.is_some() {
        return Err(refuse(format!(
            "auditforløbet »{nr}« findes allerede i databasen; intet er ændret"
        )));
    }
    let audit_id = audit_rows::insert_audit(&txn, &doc.audit, stamp(doc.created_at))
        .await
        .map_err(|err| match err {
            StoreError::AuditExists(nr) => {
                refuse(format!("auditforløbet »{nr}« findes allerede i databasen"))
            }
            other => other,
        })?;
    audit_row::Entity::update_many()
        .col_expr(
            audit_row::COLUMN.updated_at,
            Expr::val(stamp(doc.updated_at)),
        )
        .filter(audit_row::COLUMN.id.eq(audit_id))
        .exec(&txn)
        .await?;
    for file in &doc.files {
        let bytes = BASE64
            .decode(&file.content_base64)
            .map_err(|err| refuse(err.to_string()))?;
        let sha256 = files::put_blob(&txn, &file.media_type, &bytes).await?;
        material::Entity::update_many()
            .col_expr(
                material::COLUMN.file_name,
                Expr::val(Some(file.file_name.clone())),
            )
            .col_expr(material::COLUMN.blob_sha256, Expr::val(Some(sha256)))
            .filter(material::COLUMN.audit_id.eq(audit_id))
            .filter(material::COLUMN.material_key.eq(file.material.as_str()))
            .exec(&txn)
            .await?;
    }
    for r in &doc.ratings {
        rating::ActiveModel {
            id: NotSet,
            audit_id: Set(audit_id),
            rater: Set(r.rating.rater.to_string()),
            unit: Set(r.rating.unit.to_string()),
            round: Set(i16::from(r.rating.round.number())),
            status: Set(enum_id(&r.rating.status)?),
            value: Set(r.rating.value.as_ref().map(to_json).transpose()?),
            reason: Set(r.rating.reason.clone()),
            created_at: Set(stamp(r.created_at)),
            updated_at: Set(stamp(r.updated_at)),
            submitted_at: Set(r.submitted_at.map(stamp)),
        }
        .insert(&txn)
        .await?;
    }
    for (i, d) in doc.discussions.iter().enumerate() {
        let key = report_content::emne_key(&d.value.emne);
        let twice = refuse(format!("drøftelsen af »{key}« står to gange"));
        insert_part(
            &txn,
            DISCUSSIONS,
            audit_id,
            report_content::part(key, position(i)?, d)?,
            twice,
        )
        .await?;
    }
    for (i, a) in doc.recommendations.iter().enumerate() {
        let twice = refuse(format!("anbefalingen »{}« står to gange", a.value.id));
        let part = report_content::part(a.value.id.clone(), position(i)?, a)?;
        insert_part(&txn, RECOMMENDATIONS, audit_id, part, twice).await?;
    }
    if let Some(sections) = &doc.report_sections {
        let part = report_content::part("afsnit".to_owned(), 0, sections)?;
        insert_part(
            &txn,
            SECTIONS,
            audit_id,
            part,
            refuse("rapportens afsnit står to gange"),
        )
        .await?;
    }
    for (i, action) in doc.follow_up.iter().enumerate() {
        follow_up::insert_with_history(&txn, audit_id, position(i)?, action)
            .await
            .map_err(|err| match err {
                StoreError::Invalid(_) => refuse(format!(
                    "opfølgningstiltaget »{}« står to gange",
                    action.tiltag.id
                )),
                other => other,
            })?;
    }
    for report in &doc.reports {
        reports::insert(&txn, audit_id, report)
            .await
            .map_err(|err| match err {
                StoreError::Db(db) => StoreError::on_unique(
                    db,
                    refuse(format!("rapportversion {} står to gange", report.version)),
                ),
                other => other,
            })?;
    }
    for event in &doc.events {
        events::append(&txn, Some(audit_id), event).await?;
    }
    let imported =
        serde_json::json!({ "nr": nr, "ratings": doc.ratings.len(), "events": doc.events.len() });
    events::append(
        &txn,
        None,
        &events::new(
            actor.as_str(),
            stamp(now),
            "audit_imported",
            None,
            Some(imported),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(nr)
}

fn position(index: usize) -> Result<i32, StoreError> {
    i32::try_from(index).map_err(|_| refuse("for mange elementer"))
}

async fn insert_part(
    txn: &sea_orm::DatabaseTransaction,
    table: &'static str,
    audit_id: i64,
    part: versioned::Part,
    twice: StoreError,
) -> Result<(), StoreError> {
    versioned::insert(txn, table, audit_id, &part)
        .await
        .map_err(|err| match err {
            StoreError::Db(db) => StoreError::on_unique(db, twice),
            other => other,
        })
}
