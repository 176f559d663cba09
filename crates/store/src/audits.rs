//! Audit rounds on disk: create, read, change settings, panel, material and forms, and move through the
//! workflow. Each function is one transaction that also appends its event.
//!
//! Schema decision: panel members, material and forms are normalised tables (one row per member,
//! material item, form and form item, with a `position` column that keeps the domain's order), because
//! the web asks "which audits does this user sit on", files hang off material rows, and the unique
//! indexes catch duplicate ids. Values the database never filters on — a form's scale and material list,
//! an item's kind, a material's original scores — are JSON text of the domain's own serde form, which
//! round-trips losslessly and keeps every engine's SQL the same.

use audit::workflow::{self, Transition, TransitionFacts};
use audit::{
    Afsloeringsregel, Audit, AuditNr, Material, PanelMember, RatingForm, Round, Username,
    WorkflowState,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::codec::{enum_id, json_value};
use crate::entity::{
    audit as audit_row, material, panel_member, rating, rating_form, report_snapshot,
};
use crate::stamp::stamp;
use crate::{Db, StoreError, audit_rows, events, follow_up_tracking};

/// The settings of an audit that the koordinator edits; state, panel, material and forms have their own
/// functions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditSettings {
    /// The title.
    pub titel: String,
    /// Formål.
    pub formaal: String,
    /// Fokus.
    pub fokus: String,
    /// The quality-model version.
    pub model_version: String,
    /// The deadline for round-1 ratings.
    pub deadline: Option<Date>,
    /// The meeting date.
    pub meeting_date: Option<Date>,
    /// When ratings are revealed.
    pub reveal_rule: Afsloeringsregel,
}

impl AuditSettings {
    /// The settings of `audit`.
    pub fn of(audit: &Audit) -> AuditSettings {
        AuditSettings {
            titel: audit.titel.clone(),
            formaal: audit.formaal.clone(),
            fokus: audit.fokus.clone(),
            model_version: audit.model_version.clone(),
            deadline: audit.deadline,
            meeting_date: audit.meeting_date,
            reveal_rule: audit.reveal_rule,
        }
    }
}

/// Stores a new audit with its panel, material and forms.
///
/// # Errors
/// [`StoreError::InvalidAudit`] when the parts do not fit together, [`StoreError::AuditExists`] when the
/// number is taken.
pub async fn create_audit(
    db: &Db,
    audit: &Audit,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    audit.validate()?;
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let audit_id = audit_rows::insert_audit(&txn, audit, now).await?;
    let after =
        serde_json::json!({ "nr": audit.nr, "titel": audit.titel, "state": audit.state.id() });
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "audit_created", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Audit `nr` with its panel, material and forms.
///
/// # Errors
/// [`StoreError::NotFound`] when there is no such audit.
pub async fn get_audit(db: &Db, nr: &AuditNr) -> Result<Audit, StoreError> {
    let row = audit_rows::row(db.conn(), nr).await?;
    audit_rows::load_one(db.conn(), row).await
}

/// Every audit, by number.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn list_audits(db: &Db) -> Result<Vec<Audit>, StoreError> {
    let rows = audit_row::Entity::find()
        .order_by_asc(audit_row::COLUMN.nr)
        .all(db.conn())
        .await?;
    audit_rows::load(db.conn(), rows).await
}

/// The audits on whose panel `username` sits, by number.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn audits_of_member(db: &Db, username: &Username) -> Result<Vec<Audit>, StoreError> {
    let ids: Vec<i64> = panel_member::Entity::find()
        .select_only()
        .column(panel_member::Column::AuditId)
        .filter(panel_member::COLUMN.username.eq(username.as_str()))
        .into_tuple()
        .all(db.conn())
        .await?;
    let rows = audit_row::Entity::find()
        .filter(audit_row::COLUMN.id.is_in(ids))
        .order_by_asc(audit_row::COLUMN.nr)
        .all(db.conn())
        .await?;
    audit_rows::load(db.conn(), rows).await
}

/// Changes the settings of audit `nr`.
///
/// # Errors
/// [`StoreError::NotFound`], [`StoreError::InvalidAudit`] for an empty title, or
/// [`StoreError::Workflow`] for a change of a frozen setting (`Audit::check_setup_change`: the model
/// version and the reveal rule once rating has begun).
pub async fn update_settings(
    db: &Db,
    nr: &AuditNr,
    settings: &AuditSettings,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    update_setup(db, nr, settings, None, actor, now).await
}

/// Changes the settings of audit `nr` and, with `forms`, replaces its rating forms too, in one
/// transaction: the edit page changes the scale (which lives on the forms) together with the settings,
/// and a refusal of either must change neither.
///
/// # Errors
/// As [`update_settings`] and [`set_forms`].
pub async fn update_setup(
    db: &Db,
    nr: &AuditNr,
    settings: &AuditSettings,
    forms: Option<&[RatingForm]>,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let row = audit_rows::row_for_update(&txn, nr).await?;
    let audit = audit_rows::load_one(&txn, row.clone()).await?;
    let before = AuditSettings::of(&audit);
    let forms = forms.filter(|f| *f != audit.forms.as_slice());
    if &before == settings && forms.is_none() {
        return Ok(());
    }
    let mut changed = audit.clone();
    changed.titel.clone_from(&settings.titel);
    changed.formaal.clone_from(&settings.formaal);
    changed.fokus.clone_from(&settings.fokus);
    changed.model_version.clone_from(&settings.model_version);
    changed.deadline = settings.deadline;
    changed.meeting_date = settings.meeting_date;
    changed.reveal_rule = settings.reveal_rule;
    if let Some(forms) = forms {
        changed.forms = forms.to_vec();
    }
    changed.validate()?;
    audit.check_setup_change(&changed, audit_rows::is_rated(&txn, row.id).await?)?;
    let audit_id = row.id;
    if forms.is_some() {
        write_forms(&txn, audit_id, &changed, actor, now).await?;
    }
    if &before != settings {
        let mut active: audit_row::ActiveModel = row.into();
        active.titel = Set(settings.titel.clone());
        active.formaal = Set(settings.formaal.clone());
        active.fokus = Set(settings.fokus.clone());
        active.model_version = Set(settings.model_version.clone());
        active.deadline = Set(settings.deadline);
        active.meeting_date = Set(settings.meeting_date);
        active.reveal_rule = Set(enum_id(&settings.reveal_rule)?);
        active.updated_at = Set(now);
        active.update(&txn).await?;
        let event = events::new(
            actor.as_str(),
            now,
            "audit_updated",
            Some(json_value(&before)?),
            Some(json_value(settings)?),
        );
        events::append(&txn, Some(audit_id), &event).await?;
    } else {
        touch(&txn, row, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Whether audit `nr` has any rating, a draft included (what `Audit::setup_freeze` needs to know).
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown audit.
pub async fn has_ratings(db: &Db, nr: &AuditNr) -> Result<bool, StoreError> {
    let id = audit_rows::row(db.conn(), nr).await?.id;
    audit_rows::is_rated(db.conn(), id).await
}

/// Loads audit `nr` for a change of its parts, applies `change`, checks the result and returns it with
/// the locked row.
async fn change_parts(
    txn: &DatabaseTransaction,
    nr: &AuditNr,
    change: impl FnOnce(&mut Audit),
) -> Result<(audit_row::Model, Audit), StoreError> {
    let row = audit_rows::row_for_update(txn, nr).await?;
    let before = audit_rows::load_one(txn, row.clone()).await?;
    let mut audit = before.clone();
    change(&mut audit);
    audit.validate()?;
    before.check_setup_change(&audit, audit_rows::is_rated(txn, row.id).await?)?;
    Ok((row, audit))
}

async fn touch(
    txn: &DatabaseTransaction,
    row: audit_row::Model,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let mut active: audit_row::ActiveModel = row.into();
    active.updated_at = Set(now);
    active.update(txn).await?;
    Ok(())
}

/// Replaces the panel of audit `nr`.
///
/// # Errors
/// [`StoreError::NotFound`], or [`StoreError::InvalidAudit`] for a username listed twice.
pub async fn set_panel(
    db: &Db,
    nr: &AuditNr,
    panel: &[PanelMember],
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let (row, audit) = change_parts(&txn, nr, |a| a.panel = panel.to_vec()).await?;
    let audit_id = row.id;
    panel_member::Entity::delete_many()
        .filter(panel_member::COLUMN.audit_id.eq(audit_id))
        .exec(&txn)
        .await?;
    let rows = audit_rows::panel_rows(audit_id, &audit.panel)?;
    if !rows.is_empty() {
        panel_member::Entity::insert_many(rows).exec(&txn).await?;
    }
    touch(&txn, row, now).await?;
    let after: Vec<serde_json::Value> = audit
        .panel
        .iter()
        .map(|m| serde_json::json!({ "username": m.username, "tilsyn": m.tilsyn, "attendance": m.attendance.id() }))
        .collect();
    events::append(
        &txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "panel_set", None, Some(after.into())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces the material of audit `nr`. Items whose id stays keep their attached file; items left out
/// are removed.
///
/// # Errors
/// [`StoreError::NotFound`], or [`StoreError::InvalidAudit`] for a duplicate id or a form that names
/// removed material.
pub async fn set_materials(
    db: &Db,
    nr: &AuditNr,
    materials: &[Material],
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let (row, audit) = change_parts(&txn, nr, |a| a.materials = materials.to_vec()).await?;
    let audit_id = row.id;
    let existing = material::Entity::find()
        .filter(material::COLUMN.audit_id.eq(audit_id))
        .all(&txn)
        .await?;
    let keep: Vec<String> = audit.materials.iter().map(|m| m.id.to_string()).collect();
    let gone: Vec<i64> = existing
        .iter()
        .filter(|r| !keep.contains(&r.material_key))
        .map(|r| r.id)
        .collect();
    if !gone.is_empty() {
        material::Entity::delete_many()
            .filter(material::COLUMN.id.is_in(gone))
            .exec(&txn)
            .await?;
    }
    for (i, m) in audit.materials.iter().enumerate() {
        let mut active = audit_rows::material_row(audit_id, i, m)?;
        match existing.iter().find(|r| r.material_key == m.id.as_str()) {
            Some(old) => {
                active.id = Set(old.id);
                active.update(&txn).await?;
            }
            None => {
                active.id = NotSet;
                active.insert(&txn).await?;
            }
        }
    }
    touch(&txn, row, now).await?;
    let after: Vec<&str> = audit.materials.iter().map(|m| m.id.as_str()).collect();
    events::append(
        &txn,
        Some(audit_id),
        &events::new(
            actor.as_str(),
            now,
            "materials_set",
            None,
            Some(json_value(&after)?),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces the rating forms of audit `nr`.
///
/// # Errors
/// [`StoreError::NotFound`], or [`StoreError::InvalidAudit`] for duplicate item ids or unknown material.
pub async fn set_forms(
    db: &Db,
    nr: &AuditNr,
    forms: &[RatingForm],
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let (row, audit) = change_parts(&txn, nr, |a| a.forms = forms.to_vec()).await?;
    write_forms(&txn, row.id, &audit, actor, now).await?;
    touch(&txn, row, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces the stored forms of the audit with row id `audit_id` by `audit`'s, with the event.
async fn write_forms(
    txn: &DatabaseTransaction,
    audit_id: i64,
    audit: &Audit,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    rating_form::Entity::delete_many()
        .filter(rating_form::COLUMN.audit_id.eq(audit_id))
        .exec(txn)
        .await?;
    audit_rows::insert_forms(txn, audit_id, &audit.forms).await?;
    let after: Vec<serde_json::Value> = audit
        .forms
        .iter()
        .map(|f| serde_json::json!({ "titel": f.titel, "items": f.items.len() }))
        .collect();
    events::append(
        txn,
        Some(audit_id),
        &events::new(actor.as_str(), now, "forms_set", None, Some(after.into())),
    )
    .await?;
    Ok(())
}

/// Gathers what the workflow needs to judge a transition of `audit`.
async fn transition_facts<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    audit: &Audit,
    today: Date,
) -> Result<TransitionFacts, StoreError> {
    let submitted_raters: Vec<String> = rating::Entity::find()
        .select_only()
        .column(rating::Column::Rater)
        .distinct()
        .filter(rating::COLUMN.audit_id.eq(audit_id))
        .filter(rating::COLUMN.round.eq(i16::from(Round::First.number())))
        .filter(rating::COLUMN.status.eq("submitted"))
        .into_tuple()
        .all(conn)
        .await?;
    let published = report_snapshot::Entity::find()
        .filter(report_snapshot::COLUMN.audit_id.eq(audit_id))
        .count(conn)
        .await?;
    Ok(TransitionFacts {
        today,
        deadline: audit.deadline,
        raters: audit.raters().count(),
        materials: audit.materials.len(),
        form_items: audit.forms.iter().map(|f| f.items.len()).sum(),
        submitted_raters: submitted_raters.len(),
        report_published: published > 0,
        open_actions: follow_up_tracking::open_count(conn, audit_id, &audit.nr).await?,
    })
}

/// Moves audit `nr` to `to` if the workflow allows it (`audit::workflow::transition`), and records the
/// transition with who, when and the reason.
///
/// # Errors
/// [`StoreError::NotFound`], or [`StoreError::Workflow`] naming the rule that refuses the step.
pub async fn transition_audit(
    db: &Db,
    nr: &AuditNr,
    to: WorkflowState,
    reason: Option<&str>,
    actor: &Username,
    today: Date,
    now: OffsetDateTime,
) -> Result<Transition, StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let row = audit_rows::row_for_update(&txn, nr).await?;
    let audit = audit_rows::load_one(&txn, row.clone()).await?;
    let facts = transition_facts(&txn, row.id, &audit, today).await?;
    let transition = workflow::transition(audit.state, to, reason, &facts)?;
    if to == WorkflowState::Vurdering {
        let held = crate::material_scan::held_back(&txn, row.id).await?;
        let flagged: Vec<&str> = audit
            .materials
            .iter()
            .filter(|m| held.iter().any(|key| key == m.id.as_str()))
            .map(|m| m.pseudonym.as_str())
            .collect();
        workflow::check_personal_data(to, &flagged)?;
        let outside = audit::compliance::periode::rapporter_uden_for_perioden(&audit);
        if !outside.is_empty() {
            return Err(workflow::WorkflowError::Precondition(format!(
                "før vurdering skal stikprøvens rapporter være fra efter ikrafttrædelsen: {}",
                outside.join("; ")
            ))
            .into());
        }
    }
    let audit_id = row.id;
    let mut active: audit_row::ActiveModel = row.into();
    active.state = Set(transition.to.id().to_owned());
    active.updated_at = Set(now);
    active.update(&txn).await?;
    let event = events::new(
        actor.as_str(),
        now,
        "state_changed",
        Some(serde_json::json!({ "state": transition.from.id() })),
        Some(serde_json::json!({ "state": transition.to.id(), "reason": transition.reason })),
    );
    events::append(&txn, Some(audit_id), &event).await?;
    txn.commit().await?;
    Ok(transition)
}
