//! The checks a demo audit must pass beyond [`Audit::validate`]: its panel against the users, its forms
//! and report against the pinned model version, its case timelines, its dates, its generator
//! parameters and every stored rating.
//!
//! Each check returns the problem as a Danish fragment; the loader adds the file name.

use std::collections::{BTreeMap, BTreeSet};

use time::Date;

use super::syntetisk::SyntetiskeParametre;
use crate::danske_datoer::dansk_dato;
use crate::kvalitetsmodel::Kvalitetsmodel;
use crate::{
    Audit, ItemKind, Materialetype, Rating, RatingStatus, Role, Round, User, Username,
    WorkflowState,
};

/// Every panel member is a known panelist user, under the user's display name.
pub(super) fn panel(audit: &Audit, users: &BTreeMap<&Username, &User>) -> Result<(), String> {
    for m in &audit.panel {
        let Some(user) = users.get(&m.username) else {
            return Err(format!(
                "panelmedlemmet »{}« er ikke en demobruger",
                m.username
            ));
        };
        if user.role != Role::Panelist {
            return Err(format!(
                "panelmedlemmet »{}« har rollen {}, ikke panelist",
                m.username,
                user.role.navn()
            ));
        }
        if user.navn != m.navn {
            return Err(format!(
                "panelmedlemmet »{}« hedder »{}« i panelet, men »{}« som bruger",
                m.username, m.navn, user.navn
            ));
        }
    }
    Ok(())
}

/// Every indicator a form item names exists in the model version.
pub(super) fn forms(audit: &Audit, model: &Kvalitetsmodel) -> Result<(), String> {
    for form in &audit.forms {
        for item in &form.items {
            let indikator = match &item.kind {
                ItemKind::Indikator { indikator } => Some(indikator),
                ItemKind::Nominering { indikator } => indikator.as_ref(),
                _ => None,
            };
            if let Some(id) = indikator
                && model.indikator(id).is_none()
            {
                return Err(format!(
                    "skemapunktet »{}« nævner indikator {id}, som ikke findes i kvalitetsmodellen version {}",
                    item.id,
                    model.version()
                ));
            }
        }
    }
    Ok(())
}

/// Case timelines sit on process descriptions only, under the material's pseudonym.
pub(super) fn timelines(audit: &Audit) -> Result<(), String> {
    for m in &audit.materials {
        let Some(forloeb) = &m.sagsforloeb else {
            continue;
        };
        if m.kind != Materialetype::Procesbeskrivelse {
            return Err(format!(
                "materialet »{}« er en {} og kan ikke have et sagsforløb",
                m.id,
                m.kind.navn()
            ));
        }
        if forloeb.sag() != m.pseudonym {
            return Err(format!(
                "sagsforløbet på materialet »{}« hedder »{}«, men materialet hedder »{}«",
                m.id,
                forloeb.sag(),
                m.pseudonym
            ));
        }
    }
    Ok(())
}

/// The dates fit the state: a round in vurdering has a deadline not before today, and the meeting
/// never comes before the deadline.
pub(super) fn dates(audit: &Audit, today: Date) -> Result<(), String> {
    if audit.state == WorkflowState::Vurdering {
        match audit.deadline {
            None => return Err("et auditforløb i vurdering skal have en frist".into()),
            Some(d) if d < today => {
                return Err(format!(
                    "auditforløbet er i vurdering, men fristen {} er overskredet; giv den som {{ om_dage = … }}",
                    dansk_dato(d)
                ));
            }
            Some(_) => {}
        }
    }
    if let (Some(deadline), Some(meeting)) = (audit.deadline, audit.meeting_date)
        && meeting < deadline
    {
        return Err(format!(
            "auditmødet {} ligger før fristen {}",
            dansk_dato(meeting),
            dansk_dato(deadline)
        ));
    }
    Ok(())
}

/// Every key and share of the generator's parameters names something the audit has, and every
/// share lies between 0 and 1, so that a typo cannot silently do nothing.
pub(super) fn parameters(audit: &Audit, p: &SyntetiskeParametre) -> Result<(), String> {
    let items: BTreeSet<&str> = audit
        .forms
        .iter()
        .flat_map(|f| &f.items)
        .map(|i| i.id.as_str())
        .collect();
    let materials: BTreeSet<&str> = audit.materials.iter().map(|m| m.id.as_str()).collect();
    let unknown =
        |what: &str, key: &str| format!("syntetiske_bedoemmelser: {what} »{key}« findes ikke");
    if let Some(k) = p
        .punkter
        .keys()
        .chain(p.ikke_relevant.keys())
        .find(|k| !items.contains(k.as_str()))
    {
        return Err(unknown("skemapunktet", k));
    }
    if let Some(s) = p.samspil.iter().find(|s| !items.contains(s.punkt.as_str())) {
        return Err(unknown("skemapunktet", &s.punkt));
    }
    if let Some(k) = p
        .materialer
        .keys()
        .find(|k| !materials.contains(k.as_str()))
    {
        return Err(unknown("materialet", k));
    }
    for key in p.popularitet.keys() {
        let (item, material) = key
            .split_once('/')
            .map_or((None, key.as_str()), |(i, m)| (Some(i), m));
        if item.is_some_and(|i| !items.contains(i)) || !materials.contains(material) {
            return Err(unknown("populariteten", key));
        }
    }
    if let Some(f) = &p.fremdrift
        && let Some(u) = f
            .indsendt
            .iter()
            .chain(&f.kladde)
            .find(|u| !audit.raters().any(|r| &&r.username == u))
    {
        return Err(unknown("bedømmeren", u.as_str()));
    }
    shares(p)
}

fn shares(p: &SyntetiskeParametre) -> Result<(), String> {
    let mut all = vec![("mangler", p.mangler)];
    all.extend(p.ikke_relevant.values().map(|v| ("ikke_relevant", *v)));
    all.extend(p.refleksion.iter().map(|r| ("refleksion.andel", r.andel)));
    all.extend(
        p.runde2
            .iter()
            .map(|r| ("runde2.tilnaermelse", r.tilnaermelse)),
    );
    all.extend(
        p.fremdrift
            .iter()
            .map(|f| ("fremdrift.kladde_andel", f.kladde_andel)),
    );
    match all.into_iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
        Some((name, v)) => Err(format!(
            "syntetiske_bedoemmelser: {name} = {v} skal ligge mellem 0 og 1"
        )),
        None => Ok(()),
    }
}

/// Every stored rating passes the domain's checks as far as they apply to a rating already made: a
/// rater of the audit, an existing unit and a fitting value ([`Audit::check_value`]), a round the
/// state has reached, drafts only while their round is open, and one rating per rater, unit and
/// round. (The deadline and the submitted-is-read-only rule govern new ratings, not stored ones.)
pub(super) fn ratings(audit: &Audit, ratings: &[Rating]) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for r in ratings {
        let at = || {
            format!(
                "bedømmelsen af »{}« fra »{}« (runde {})",
                r.unit,
                r.rater,
                r.round.number()
            )
        };
        if !audit.member(&r.rater).is_some_and(|m| m.rates()) {
            return Err(format!(
                "{}: »{}« er ikke bedømmer i dette auditforløb",
                at(),
                r.rater
            ));
        }
        audit
            .check_value(&r.unit, r.value.as_ref())
            .map_err(|e| format!("{}: {e}", at()))?;
        let reached = match r.round {
            Round::First => audit.state >= WorkflowState::Vurdering,
            Round::Second => audit.state.is_revealed(),
        };
        if !reached {
            return Err(format!(
                "{}: tilstanden {} har ikke nået denne runde",
                at(),
                audit.state
            ));
        }
        let open = match r.round {
            Round::First => audit.state == WorkflowState::Vurdering,
            Round::Second => audit.state == WorkflowState::Droeftelse,
        };
        if r.status == RatingStatus::Draft && !open {
            return Err(format!(
                "{}: en kladde kan kun findes, mens runden er åben",
                at()
            ));
        }
        if !seen.insert((&r.rater, &r.unit, r.round)) {
            return Err(format!("{}: findes to gange", at()));
        }
    }
    Ok(())
}
