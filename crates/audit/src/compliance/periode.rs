//! Which reports the compliance sample may hold: only those dated on or after the day the faglig udtalelse took
//! effect (seed `001_…`: "Anbefalingen træder i kraft 1. januar 2024"). A report from before could not follow
//! recommendations that did not yet apply, so checking it would count against a tilsyn what it was never asked to
//! do.
//!
//! The rule reads the audit's material: in a compliance sample — an audit whose forms are all checklists, as the
//! sample of the udtalelse is (an audit that only adds a checklist to its rating forms is not one) — every
//! tilsynsrapport the checklist covers must carry its date ([`crate::Material::dato`]) and that date must not lie before
//! [`IKRAFTTRAEDELSE`]. The move to vurdering is refused until it holds (`store::audits::transition_audit`).

use time::Date;
use time::macros::date;

use crate::danske_datoer::dansk_dato;
use crate::{Audit, Materialetype, Scale};

/// The day the faglig udtalelse took effect: "Anbefalingen træder i kraft 1. januar 2024."
pub const IKRAFTTRAEDELSE: Date = date!(2024 - 01 - 01);

/// Why the audit's sample holds a report it may not hold, one sentence per report, in material order; empty when
/// the audit is not a compliance sample or every report it covers is dated on or after [`IKRAFTTRAEDELSE`].
pub fn rapporter_uden_for_perioden(audit: &Audit) -> Vec<String> {
    let is_sample =
        !audit.forms.is_empty() && audit.forms.iter().all(|f| f.scale == Scale::Tjekliste);
    if !is_sample {
        return Vec::new();
    }
    let mut covered: Vec<&crate::Material> = audit
        .forms
        .iter()
        .filter(|f| f.scale == Scale::Tjekliste)
        .flat_map(|f| audit.form_materials(f))
        .filter(|m| m.kind == Materialetype::Tilsynsrapport)
        .collect();
    covered.sort_by_key(|m| audit.materials.iter().position(|x| x.id == m.id));
    covered.dedup_by_key(|m| m.id.clone());
    covered
        .into_iter()
        .filter_map(|m| match m.dato {
            None => Some(format!(
                "{} har ingen dato; skriv rapportens dato, så det kan ses, at den er fra {} eller senere",
                m.pseudonym,
                dansk_dato(IKRAFTTRAEDELSE)
            )),
            Some(dato) if dato < IKRAFTTRAEDELSE => Some(format!(
                "{} er dateret {}, før anbefalingen trådte i kraft {}, og kan ikke indgå i stikprøven",
                m.pseudonym,
                dansk_dato(dato),
                dansk_dato(IKRAFTTRAEDELSE)
            )),
            Some(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use time::macros::date;

    use super::rapporter_uden_for_perioden;
    use crate::{
        Audit, FormItem, ItemKind, Material, Materialetype, RatingForm, Scale, Tilsyn,
        WorkflowState,
    };

    /// An audit with three tilsynsrapporter, dated as given, under one checklist form.
    fn audit_with(dates: [Option<time::Date>; 3]) -> Audit {
        let materials: Vec<Material> = dates
            .into_iter()
            .zip(["a", "b", "c"])
            .map(|(dato, id)| Material {
                id: id.parse().unwrap(),
                pseudonym: format!("Rapport {}", id.to_uppercase()),
                tilsyn: Tilsyn::Midt,
                kind: Materialetype::Tilsynsrapport,
                beskrivelse: String::new(),
                original_scores: BTreeMap::new(),
                tilbud: None,
                sagsforloeb: None,
                dato,
            })
            .collect();
        Audit {
            nr: "99.1".parse().unwrap(),
            titel: "Stikprøve".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2024".into(),
            state: WorkflowState::Planlaegning,
            deadline: None,
            meeting_date: None,
            reveal_rule: Default::default(),
            panel: Vec::new(),
            forms: vec![RatingForm {
                titel: "Tjekliste".into(),
                scale: Scale::Tjekliste,
                materials: materials.iter().map(|m| m.id.clone()).collect(),
                items: vec![FormItem {
                    id: "samlet-vurdering".parse().unwrap(),
                    tekst: "Samlet vurdering af kvaliteten".into(),
                    kind: ItemKind::Tjekliste,
                }],
            }],
            materials,
        }
    }

    #[test]
    fn reports_from_the_first_of_january_2024_on_may_be_in_the_sample() {
        // Seed 001: "Anbefalingen træder i kraft 1. januar 2024." The day itself counts.
        let audit = audit_with([
            Some(date!(2024 - 01 - 01)),
            Some(date!(2024 - 09 - 12)),
            Some(date!(2025 - 02 - 03)),
        ]);
        assert!(rapporter_uden_for_perioden(&audit).is_empty());
    }

    #[test]
    fn an_earlier_or_undated_report_is_named_with_the_reason() {
        let audit = audit_with([
            Some(date!(2023 - 12 - 31)),
            None,
            Some(date!(2024 - 03 - 01)),
        ]);
        assert_eq!(
            rapporter_uden_for_perioden(&audit),
            [
                "Rapport A er dateret 31. december 2023, før anbefalingen trådte i kraft 1. januar 2024, og kan ikke indgå i stikprøven",
                "Rapport B har ingen dato; skriv rapportens dato, så det kan ses, at den er fra 1. januar 2024 eller senere",
            ]
        );
    }

    #[test]
    fn an_audit_that_adds_a_checklist_to_its_rating_forms_is_no_sample() {
        let mut audit = audit_with([None, None, None]);
        let mut drift = audit.forms[0].clone();
        drift.scale = Scale::Drift;
        drift.items[0].kind = ItemKind::Refleksion;
        audit.forms.push(drift);
        assert!(rapporter_uden_for_perioden(&audit).is_empty());
    }

    #[test]
    fn an_audit_without_a_checklist_has_no_period() {
        let mut audit = audit_with([None, None, None]);
        audit.forms[0].scale = Scale::Drift;
        audit.forms[0].items[0].kind = ItemKind::Refleksion;
        assert!(rapporter_uden_for_perioden(&audit).is_empty());
    }
}
