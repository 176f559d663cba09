//! Small hand-made audits and ratings for the calibration tests, so that every expected value can be
//! worked out on paper.

use std::collections::BTreeMap;

use crate::{
    Audit, FormItem, Fremmoede, ItemKind, Material, Materialetype, PanelMember, Panelrolle, Rating,
    RatingForm, RatingStatus, RatingValue, Round, Scale, Tilsyn, UnitKey, WorkflowState,
};

pub(super) fn material(id: &str, tilsyn: Tilsyn) -> Material {
    Material {
        id: id.parse().unwrap(),
        pseudonym: format!("Rapport {}", id.to_uppercase()),
        tilsyn,
        kind: Materialetype::Tilsynsrapport,
        beskrivelse: String::new(),
        original_scores: BTreeMap::new(),
        tilbud: None,
        sagsforloeb: None,
        dato: None,
    }
}

pub(super) fn member(username: &str, tilsyn: Tilsyn) -> PanelMember {
    PanelMember {
        username: username.parse().unwrap(),
        navn: username.to_owned(),
        tilsyn,
        rolle: Panelrolle::Tilsynskonsulent,
        attendance: Fremmoede::Deltager,
    }
}

pub(super) fn form(scale: Scale, items: &[(&str, ItemKind)]) -> RatingForm {
    RatingForm {
        titel: format!("Skema {}", items.first().map_or("", |i| i.0)),
        scale,
        materials: Vec::new(),
        items: items
            .iter()
            .map(|(id, kind)| FormItem {
                id: id.parse().unwrap(),
                tekst: format!("Punkt {id}"),
                kind: kind.clone(),
            })
            .collect(),
    }
}

pub(super) fn indicator(id: &str) -> (&str, ItemKind) {
    (
        id,
        ItemKind::Indikator {
            indikator: id.to_owned(),
        },
    )
}

/// An audit in drøftelse with the given panel, material and forms.
pub(super) fn audit(
    panel: &[(&str, Tilsyn)],
    materials: &[(&str, Tilsyn)],
    forms: Vec<RatingForm>,
) -> Audit {
    Audit {
        nr: "99.1".parse().unwrap(),
        titel: "Testforløb".into(),
        formaal: String::new(),
        fokus: String::new(),
        model_version: "2024".into(),
        state: WorkflowState::Droeftelse,
        deadline: None,
        meeting_date: None,
        reveal_rule: Default::default(),
        panel: panel.iter().map(|(u, t)| member(u, *t)).collect(),
        materials: materials.iter().map(|(m, t)| material(m, *t)).collect(),
        forms,
    }
}

/// An audit with one form of indicator items on `scale`.
pub(super) fn scored_audit(
    scale: Scale,
    items: &[&str],
    panel: &[(&str, Tilsyn)],
    materials: &[(&str, Tilsyn)],
) -> Audit {
    let items: Vec<(&str, ItemKind)> = items.iter().map(|i| indicator(i)).collect();
    audit(panel, materials, vec![form(scale, &items)])
}

/// An audit with one indicator item `x` on `scale`, and the panel's submitted round-1 scores of it: one
/// row per material, one column per panel member in panel order.
pub(super) fn one_item(
    scale: Scale,
    panel: &[(&str, Tilsyn)],
    materials: &[(&str, Tilsyn)],
    rows: &[(&str, &[Cell])],
) -> (Audit, Vec<Rating>) {
    let audit = scored_audit(scale, &["x"], panel, materials);
    let raters: Vec<&str> = panel.iter().map(|(u, _)| *u).collect();
    let ratings = scores("x", Round::First, &raters, rows);
    (audit, ratings)
}

pub(super) fn rating(rater: &str, unit: &str, value: Option<RatingValue>, round: Round) -> Rating {
    Rating {
        rater: rater.parse().unwrap(),
        unit: unit.parse::<UnitKey>().unwrap(),
        value,
        reason: String::new(),
        round,
        status: RatingStatus::Submitted,
    }
}

/// Submitted scores of `item` in `round`: one row per material, one column per rater (`None`: a
/// rating without a value; use [`skip`] for no rating at all).
pub(super) fn scores(
    item: &str,
    round: Round,
    raters: &[&str],
    rows: &[(&str, &[Cell])],
) -> Vec<Rating> {
    let mut out = Vec::new();
    for (material, cells) in rows {
        for (rater, cell) in raters.iter().zip(cells.iter()) {
            if let Cell::Rated(value) = cell {
                out.push(rating(
                    rater,
                    &format!("{item}/{material}"),
                    value.map(RatingValue::Score),
                    round,
                ));
            }
        }
    }
    out
}

/// One cell of a [`scores`] table.
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell {
    /// A rating, with a value or without ("kan ikke vurderes").
    Rated(Option<i32>),
    /// No rating at all.
    Skip,
}

/// A rating with this value.
pub(super) const fn v(value: i32) -> Cell {
    Cell::Rated(Some(value))
}

/// No rating.
pub(super) const fn skip() -> Cell {
    Cell::Skip
}
