//! Everything the rating page shows of one audit for one panelist, gathered once per request: the
//! panelist's own ratings and the others' ratings **as the store returned them** (filtered by
//! `audit::visibility`; this module never decides what may be seen), the material in the panelist's
//! own order, which material has a file, and the quality model for the indicator texts.

use std::collections::{BTreeMap, BTreeSet};

use audit::kvalitetsmodel::Kvalitetsmodel;
use audit::visibility::Fremdrift;
use audit::{
    Audit, FormItem, ItemKind, Material, MaterialId, PanelMember, Rating, RatingForm, RatingValue,
    Round, Scale, UnitKey, WorkflowState,
};
use time::Date;

use crate::components::form::FieldErrors;
use crate::components::labels::capitalized;
use crate::pages::rating::entry::Entered;

/// One unit: a form item, for a material when the item is rated per material.
pub(crate) struct UnitRef<'a> {
    /// The form the item belongs to (its scale).
    pub(crate) form: &'a RatingForm,
    /// The item.
    pub(crate) item: &'a FormItem,
    /// The material, for a per-material item.
    pub(crate) material: Option<&'a Material>,
    /// The unit key.
    pub(crate) unit: UnitKey,
}

/// What a refused post entered, to show again with its errors; empty on a plain GET.
pub(crate) struct Input<'a> {
    /// The round the post was for.
    pub(crate) round: Round,
    /// The fields per unit.
    pub(crate) entered: &'a BTreeMap<UnitKey, Entered>,
    /// The errors.
    pub(crate) errors: &'a FieldErrors,
}

/// What the page lets the panelist do, from the audit's state (the store decides again on every post).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Planlægning: the form is not open yet.
    NotOpen,
    /// Vurdering: round 1; `open` until the deadline has passed.
    FirstRound {
        /// Whether today is on or before the deadline.
        open: bool,
    },
    /// Drøftelse: round 1 sealed and revealed, round 2 open.
    SecondRound,
    /// Rapport and later: everything read-only.
    Closed,
}

impl Mode {
    /// The mode of `audit` on `today`.
    pub(crate) fn of(audit: &Audit, today: Date) -> Mode {
        match audit.state {
            WorkflowState::Planlaegning => Mode::NotOpen,
            WorkflowState::Vurdering => Mode::FirstRound {
                open: audit.deadline.is_none_or(|d| today <= d),
            },
            WorkflowState::Droeftelse => Mode::SecondRound,
            WorkflowState::Rapport | WorkflowState::Opfoelgning | WorkflowState::Afsluttet => {
                Mode::Closed
            }
        }
    }
}

/// One audit seen by one rating panelist.
pub(crate) struct Sheet<'a> {
    /// The audit.
    pub(crate) audit: &'a Audit,
    /// The panelist.
    pub(crate) me: &'a PanelMember,
    /// The material in the panelist's own order.
    pub(crate) order: Vec<&'a Material>,
    /// The panelist's own ratings by unit and round.
    pub(crate) own: BTreeMap<(UnitKey, Round), &'a Rating>,
    /// The other raters' ratings the store let the panelist see, by unit.
    pub(crate) others: BTreeMap<UnitKey, Vec<&'a Rating>>,
    /// The material that has an uploaded file.
    pub(crate) files: BTreeSet<MaterialId>,
    /// The quality model of the audit's version, when it loads.
    pub(crate) model: Option<Kvalitetsmodel>,
    /// What may be done now.
    pub(crate) mode: Mode,
}

impl<'a> Sheet<'a> {
    /// The sheet of `me` over `visible`, the ratings `store::ratings::ratings_visible_to` returned.
    pub(crate) fn new(
        audit: &'a Audit,
        me: &'a PanelMember,
        visible: &'a [Rating],
        files: BTreeSet<MaterialId>,
        model: Option<Kvalitetsmodel>,
        today: Date,
    ) -> Sheet<'a> {
        let mut own = BTreeMap::new();
        let mut others: BTreeMap<UnitKey, Vec<&Rating>> = BTreeMap::new();
        for rating in visible {
            if rating.rater == me.username {
                own.insert((rating.unit.clone(), rating.round), rating);
            } else if rating.is_submitted() {
                others.entry(rating.unit.clone()).or_default().push(rating);
            }
        }
        Sheet {
            audit,
            me,
            order: audit.material_order(&me.username),
            own,
            others,
            files,
            model,
            mode: Mode::of(audit, today),
        }
    }

    /// The panelist's own rating of `unit` in `round`.
    pub(crate) fn own(&self, unit: &UnitKey, round: Round) -> Option<&'a Rating> {
        self.own.get(&(unit.clone(), round)).copied()
    }

    /// Whether the panelist has submitted `unit` in `round`.
    pub(crate) fn submitted(&self, unit: &UnitKey, round: Round) -> bool {
        self.own(unit, round).is_some_and(Rating::is_submitted)
    }

    /// The others' visible ratings of `unit`.
    pub(crate) fn others(&self, unit: &UnitKey) -> &[&'a Rating] {
        self.others.get(unit).map_or(&[], Vec::as_slice)
    }

    /// The round the form posts, if any may be posted now.
    pub(crate) fn open_round(&self) -> Option<Round> {
        match self.mode {
            Mode::FirstRound { open: true } => Some(Round::First),
            Mode::SecondRound => Some(Round::Second),
            Mode::NotOpen | Mode::FirstRound { open: false } | Mode::Closed => None,
        }
    }

    /// Whether `unit` takes an answer in `round` on this page now.
    pub(crate) fn editable(&self, unit: &UnitKey, round: Round) -> bool {
        self.open_round() == Some(round) && self.takes(unit, round) && !self.submitted(unit, round)
    }

    /// Whether the page asks for `unit` in `round`: in round 1 every unit; in round 2 the scored units
    /// the panelist rated (and submitted) in round 1, since a round-2 rating revises one.
    fn takes(&self, unit: &UnitKey, round: Round) -> bool {
        round == Round::First || (self.is_scored(unit) && self.submitted(unit, Round::First))
    }

    /// The units still open in `round` (asked for and not yet submitted by the panelist).
    pub(crate) fn open_units(&self, round: Round) -> Vec<UnitKey> {
        self.audit
            .units()
            .into_iter()
            .filter(|u| self.takes(u, round) && !self.submitted(u, round))
            .collect()
    }

    /// The panelist's own round-1 progress by unit (`audit::visibility::Progress::fremdrift`).
    pub(crate) fn first_round_progress(&self) -> Fremdrift {
        let own: Vec<Rating> = self.own.values().map(|r| (*r).clone()).collect();
        audit::visibility::progress(self.audit, &own)
            .into_iter()
            .find(|p| p.rater == self.me.username)
            .map(|p| p.fremdrift())
            .unwrap_or_default()
    }

    /// Whether `unit`'s item is answered on a scale.
    pub(crate) fn is_scored(&self, unit: &UnitKey) -> bool {
        self.audit
            .item(&unit.item)
            .is_some_and(|(_, item)| item.kind.is_scored())
    }

    /// The material of the form in the panelist's order.
    pub(crate) fn form_materials(&self, form: &RatingForm) -> Vec<&'a Material> {
        self.order
            .iter()
            .copied()
            .filter(|m| form.materials.is_empty() || form.materials.contains(&m.id))
            .collect()
    }

    /// Whether the material comes from the panelist's own tilsyn.
    pub(crate) fn is_own_material(&self, material: &Material) -> bool {
        material.tilsyn == self.me.tilsyn
    }

    /// The pseudonym of a material id (the id itself if unknown).
    pub(crate) fn pseudonym(&self, id: &MaterialId) -> String {
        self.audit
            .material(id)
            .map_or_else(|| id.to_string(), |m| m.pseudonym.clone())
    }

    /// Who a rater is, as the panel lists them: "Konsulent Midt 1 (Midt)".
    pub(crate) fn rater_name(&self, rating: &Rating) -> String {
        match self.audit.member(&rating.rater) {
            Some(m) => format!("{} ({})", m.navn, m.tilsyn.navn()),
            None => rating.rater.to_string(),
        }
    }

    /// The text asked for an item: the indicator's text from the quality model for indicator items
    /// (the form's own text when the model does not have it), else the form's text.
    pub(crate) fn item_title(&self, item: &FormItem) -> String {
        let indicator = |id: &str| {
            let text = self
                .model
                .as_ref()
                .and_then(|m| m.indikator(id))
                .map_or_else(|| item.tekst.clone(), |i| i.tekst.clone());
            format!("Indikator {id}: {text}")
        };
        match &item.kind {
            ItemKind::Indikator { indikator: id } => indicator(id),
            ItemKind::Nominering {
                indikator: Some(id),
            } if item.tekst.trim().is_empty() => indicator(id),
            ItemKind::Sagsudvaelgelse { antal } => {
                format!("{} (vælg {antal})", item.tekst)
            }
            _ => item.tekst.clone(),
        }
    }

    /// A value in words: a scale label, a pseudonym, a list of pseudonyms, a text, or "Kan ikke
    /// bedømmes".
    pub(crate) fn value_text(&self, form: &RatingForm, value: Option<&RatingValue>) -> String {
        match value {
            None => "Kan ikke bedømmes".to_owned(),
            Some(RatingValue::Score(v)) => score_label(&form.scale, *v),
            Some(RatingValue::Pick(m)) => self.pseudonym(m),
            Some(RatingValue::Picks(ms)) => ms
                .iter()
                .map(|m| self.pseudonym(m))
                .collect::<Vec<_>>()
                .join(", "),
            Some(RatingValue::Text(t)) => t.clone(),
        }
    }
}

/// A scale value as a label: "I høj grad opfyldt (4)" on numbered scales, "Ja" on a checklist.
pub(crate) fn score_label(scale: &Scale, value: i32) -> String {
    let label = scale
        .label(value)
        .map_or_else(|| value.to_string(), |l| capitalized(&l));
    match scale {
        Scale::Drift | Scale::Ordinal { .. } => format!("{label} ({value})"),
        Scale::Godkendelse | Scale::Sandsynliggoerelse | Scale::Tjekliste => label,
    }
}

/// The scale's values in the order offered: low to high, but "ja" before "nej" on a checklist.
pub(crate) fn scale_choices(scale: &Scale) -> Vec<i32> {
    let mut values: Vec<i32> = scale.values().into_iter().map(|(v, _)| v).collect();
    if matches!(scale, Scale::Tjekliste) {
        values.sort_by_key(|v| match *v {
            1 => 0,
            0 => 1,
            other => other + 1,
        });
    }
    values
}

/// An id for the HTML of a unit: `u-` and the unit key with `.` as `_` and `/` as `__` (item and
/// material ids never contain `_`, so no two units share one).
pub(crate) fn dom_id(unit: &UnitKey) -> String {
    format!(
        "u-{}",
        unit.to_string().replace('.', "_").replace('/', "__")
    )
}

#[cfg(test)]
mod tests {
    use audit::Scale;

    use super::{dom_id, scale_choices, score_label};

    #[test]
    fn labels_and_choices_follow_the_scale() {
        // The labels are the scale's own (audit::Scale, from the model text).
        assert_eq!(score_label(&Scale::Drift, 4), "I høj grad opfyldt (4)");
        assert_eq!(
            score_label(&Scale::Godkendelse, 0),
            "Forventes ikke at kunne opfylde"
        );
        assert_eq!(scale_choices(&Scale::Tjekliste), [1, 0, 2]);
        assert_eq!(scale_choices(&Scale::Drift), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn dom_ids_are_distinct_for_look_alike_units() {
        let a = dom_id(&"8.a/m-1".parse().unwrap());
        let b = dom_id(&"8-a/m-1".parse().unwrap());
        assert_eq!(a, "u-8_a__m-1");
        assert_ne!(a, b);
    }
}
