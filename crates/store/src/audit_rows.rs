//! Audit rows to and from `audit::Audit`: the row of an audit by its number (what nearly every
//! repository module looks up first), settings, panel, material and forms.
//!
//! It sits below every repository module and uses none of them, so that `audits`, `events`, `files`,
//! `follow_up` and the rest can all find an audit's row without importing each other in a circle.

use std::collections::BTreeMap;

use audit::{Audit, AuditNr, FormItem, Fremmoede, Material, PanelMember, RatingForm, Username};
use sea_orm::{
    ActiveValue::NotSet, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::codec::{enum_id, from_json, parse_enum, to_json};
use crate::entity::{audit as audit_row, form_item, material, panel_member, rating, rating_form};
use crate::{Db, StoreError};

/// The row of audit `nr`.
pub(crate) async fn row<C: ConnectionTrait>(
    conn: &C,
    nr: &AuditNr,
) -> Result<audit_row::Model, StoreError> {
    audit_row::Entity::find()
        .filter(audit_row::COLUMN.nr.eq(nr.as_str()))
        .one(conn)
        .await?
        .ok_or_else(|| StoreError::not_found("auditforløbet", nr))
}

/// The row of audit `nr`, locked against concurrent changes until the transaction ends (PostgreSQL
/// `FOR UPDATE`; on SQLite the write transaction already holds the database's write lock).
pub(crate) async fn row_for_update(
    txn: &DatabaseTransaction,
    nr: &AuditNr,
) -> Result<audit_row::Model, StoreError> {
    audit_row::Entity::find()
        .filter(audit_row::COLUMN.nr.eq(nr.as_str()))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StoreError::not_found("auditforløbet", nr))
}

/// Begins a write transaction with the row of audit `nr` locked ([`row_for_update`]) and returns it
/// with the row id: how every change to one audit starts.
pub(crate) async fn begin_write_for(
    db: &Db,
    nr: &AuditNr,
) -> Result<(DatabaseTransaction, i64), StoreError> {
    let txn = db.begin_write().await?;
    let audit_id = row_for_update(&txn, nr).await?.id;
    Ok((txn, audit_id))
}

/// Loads the whole audit of a row.
pub(crate) async fn load_one<C: ConnectionTrait>(
    conn: &C,
    row: audit_row::Model,
) -> Result<Audit, StoreError> {
    let nr = row.nr.clone();
    load(conn, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StoreError::not_found("auditforløbet", nr))
}

/// Whether any rating of the audit with row id `audit_id` exists, in either round, a draft included:
/// from the first one on, the set-up is frozen (`Audit::setup_freeze`).
pub(crate) async fn is_rated<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
) -> Result<bool, StoreError> {
    Ok(rating::Entity::find()
        .filter(rating::COLUMN.audit_id.eq(audit_id))
        .count(conn)
        .await?
        > 0)
}

fn position(index: usize) -> Result<i32, StoreError> {
    i32::try_from(index).map_err(|_| StoreError::Invalid("for mange elementer".into()))
}

pub(crate) fn panel_rows(
    audit_id: i64,
    panel: &[PanelMember],
) -> Result<Vec<panel_member::ActiveModel>, StoreError> {
    panel
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (grund, paa_dagen) = match &m.attendance {
                Fremmoede::Deltager => (None, false),
                Fremmoede::Afbud { grund, paa_dagen } => (Some(grund.clone()), *paa_dagen),
                Fremmoede::Fritaget { grund } => (Some(grund.clone()), false),
            };
            Ok(panel_member::ActiveModel {
                id: NotSet,
                audit_id: Set(audit_id),
                position: Set(position(i)?),
                username: Set(m.username.to_string()),
                navn: Set(m.navn.clone()),
                tilsyn: Set(m.tilsyn.id().to_owned()),
                rolle: Set(enum_id(&m.rolle)?),
                attendance: Set(m.attendance.id().to_owned()),
                attendance_grund: Set(grund),
                afbud_paa_dagen: Set(paa_dagen),
            })
        })
        .collect()
}

fn member_from_row(row: panel_member::Model) -> Result<PanelMember, StoreError> {
    let grund = row.attendance_grund.unwrap_or_default();
    let attendance = match row.attendance.as_str() {
        "deltager" => Fremmoede::Deltager,
        "afbud" => Fremmoede::Afbud {
            grund,
            paa_dagen: row.afbud_paa_dagen,
        },
        "fritaget" => Fremmoede::Fritaget { grund },
        other => return Err(StoreError::corrupt(format!("deltagelse »{other}«"))),
    };
    Ok(PanelMember {
        username: Username::new(row.username).map_err(StoreError::corrupt)?,
        navn: row.navn,
        tilsyn: row.tilsyn.parse().map_err(StoreError::corrupt)?,
        rolle: parse_enum("panelrolle", &row.rolle)?,
        attendance,
    })
}

/// A material row for insert or update; the file columns are left alone.
pub(crate) fn material_row(
    audit_id: i64,
    index: usize,
    m: &Material,
) -> Result<material::ActiveModel, StoreError> {
    Ok(material::ActiveModel {
        id: NotSet,
        audit_id: Set(audit_id),
        position: Set(position(index)?),
        material_key: Set(m.id.to_string()),
        pseudonym: Set(m.pseudonym.clone()),
        tilsyn: Set(m.tilsyn.id().to_owned()),
        kind: Set(enum_id(&m.kind)?),
        beskrivelse: Set(m.beskrivelse.clone()),
        original_scores: Set(to_json(&m.original_scores)?),
        tilbud: Set(m.tilbud.as_ref().map(to_json).transpose()?),
        sagsforloeb: Set(m.sagsforloeb.as_ref().map(to_json).transpose()?),
        dato: Set(m.dato),
        file_name: NotSet,
        blob_sha256: NotSet,
    })
}

fn material_from_row(row: material::Model) -> Result<Material, StoreError> {
    Ok(Material {
        id: row.material_key.parse().map_err(StoreError::corrupt)?,
        pseudonym: row.pseudonym,
        tilsyn: row.tilsyn.parse().map_err(StoreError::corrupt)?,
        kind: parse_enum("materialetype", &row.kind)?,
        beskrivelse: row.beskrivelse,
        original_scores: from_json::<BTreeMap<String, i32>>(
            "oprindelige scorer",
            &row.original_scores,
        )?,
        tilbud: row
            .tilbud
            .as_deref()
            .map(|t| from_json("tilbud", t))
            .transpose()?,
        sagsforloeb: row
            .sagsforloeb
            .as_deref()
            .map(|t| from_json("sagsforløb", t))
            .transpose()?,
        dato: row.dato,
    })
}

/// Inserts `forms` with their items for the audit with row id `audit_id`.
pub(crate) async fn insert_forms<C: ConnectionTrait>(
    conn: &C,
    audit_id: i64,
    forms: &[RatingForm],
) -> Result<(), StoreError> {
    for (i, form) in forms.iter().enumerate() {
        let inserted = rating_form::Entity::insert(rating_form::ActiveModel {
            id: NotSet,
            audit_id: Set(audit_id),
            position: Set(position(i)?),
            titel: Set(form.titel.clone()),
            scale: Set(to_json(&form.scale)?),
            materials: Set(to_json(&form.materials)?),
        })
        .exec(conn)
        .await?;
        let items = form
            .items
            .iter()
            .enumerate()
            .map(|(j, item)| {
                Ok(form_item::ActiveModel {
                    id: NotSet,
                    form_id: Set(inserted.last_insert_id),
                    audit_id: Set(audit_id),
                    position: Set(position(j)?),
                    item_key: Set(item.id.to_string()),
                    tekst: Set(item.tekst.clone()),
                    kind: Set(to_json(&item.kind)?),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        if !items.is_empty() {
            form_item::Entity::insert_many(items).exec(conn).await?;
        }
    }
    Ok(())
}

/// Inserts the settings, panel, material and forms of a new audit; returns its row id.
pub(crate) async fn insert_audit<C: ConnectionTrait>(
    conn: &C,
    audit: &Audit,
    now: time::OffsetDateTime,
) -> Result<i64, StoreError> {
    let row = audit_row::ActiveModel {
        id: NotSet,
        nr: Set(audit.nr.to_string()),
        titel: Set(audit.titel.clone()),
        formaal: Set(audit.formaal.clone()),
        fokus: Set(audit.fokus.clone()),
        model_version: Set(audit.model_version.clone()),
        state: Set(audit.state.id().to_owned()),
        deadline: Set(audit.deadline),
        meeting_date: Set(audit.meeting_date),
        reveal_rule: Set(enum_id(&audit.reveal_rule)?),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let audit_id = audit_row::Entity::insert(row)
        .exec(conn)
        .await
        .map_err(|err| StoreError::on_unique(err, StoreError::AuditExists(audit.nr.clone())))?
        .last_insert_id;
    let panel = panel_rows(audit_id, &audit.panel)?;
    if !panel.is_empty() {
        panel_member::Entity::insert_many(panel).exec(conn).await?;
    }
    let materials = audit
        .materials
        .iter()
        .enumerate()
        .map(|(i, m)| material_row(audit_id, i, m))
        .collect::<Result<Vec<_>, _>>()?;
    if !materials.is_empty() {
        material::Entity::insert_many(materials).exec(conn).await?;
    }
    insert_forms(conn, audit_id, &audit.forms).await?;
    Ok(audit_id)
}

/// Loads the audits with the given rows, in the order given, with everything that belongs to them,
/// in five queries however many audits there are.
pub(crate) async fn load<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<audit_row::Model>,
) -> Result<Vec<Audit>, StoreError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut panels: BTreeMap<i64, Vec<PanelMember>> = BTreeMap::new();
    for row in panel_member::Entity::find()
        .filter(panel_member::COLUMN.audit_id.is_in(ids.clone()))
        .order_by_asc(panel_member::COLUMN.audit_id)
        .order_by_asc(panel_member::COLUMN.position)
        .all(conn)
        .await?
    {
        panels
            .entry(row.audit_id)
            .or_default()
            .push(member_from_row(row)?);
    }
    let mut materials: BTreeMap<i64, Vec<Material>> = BTreeMap::new();
    for row in material::Entity::find()
        .filter(material::COLUMN.audit_id.is_in(ids.clone()))
        .order_by_asc(material::COLUMN.audit_id)
        .order_by_asc(material::COLUMN.position)
        .all(conn)
        .await?
    {
        materials
            .entry(row.audit_id)
            .or_default()
            .push(material_from_row(row)?);
    }
    let mut items: BTreeMap<i64, Vec<FormItem>> = BTreeMap::new();
    for row in form_item::Entity::find()
        .filter(form_item::COLUMN.audit_id.is_in(ids.clone()))
        .order_by_asc(form_item::COLUMN.form_id)
        .order_by_asc(form_item::COLUMN.position)
        .all(conn)
        .await?
    {
        items.entry(row.form_id).or_default().push(FormItem {
            id: row.item_key.parse().map_err(StoreError::corrupt)?,
            tekst: row.tekst,
            kind: from_json("skemapunktets type", &row.kind)?,
        });
    }
    let mut forms: BTreeMap<i64, Vec<RatingForm>> = BTreeMap::new();
    for row in rating_form::Entity::find()
        .filter(rating_form::COLUMN.audit_id.is_in(ids))
        .order_by_asc(rating_form::COLUMN.audit_id)
        .order_by_asc(rating_form::COLUMN.position)
        .all(conn)
        .await?
    {
        forms.entry(row.audit_id).or_default().push(RatingForm {
            titel: row.titel,
            scale: from_json("skala", &row.scale)?,
            materials: from_json("skemaets materiale", &row.materials)?,
            items: items.remove(&row.id).unwrap_or_default(),
        });
    }
    rows.into_iter()
        .map(|row| {
            Ok(Audit {
                nr: row.nr.parse().map_err(StoreError::corrupt)?,
                titel: row.titel,
                formaal: row.formaal,
                fokus: row.fokus,
                model_version: row.model_version,
                state: row.state.parse().map_err(StoreError::corrupt)?,
                deadline: row.deadline,
                meeting_date: row.meeting_date,
                reveal_rule: parse_enum("afsløringsregel", &row.reveal_rule)?,
                panel: panels.remove(&row.id).unwrap_or_default(),
                materials: materials.remove(&row.id).unwrap_or_default(),
                forms: forms.remove(&row.id).unwrap_or_default(),
            })
        })
        .collect()
}
