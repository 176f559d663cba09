//! The calibration report of one audit: everything the agreement dashboard and the report's calibration
//! appendix show, computed in one pass from the audit and its (visibility-filtered) ratings.
//!
//! The audit's comparable items are grouped by what they are answered with: every scored item on one
//! scale is one [`ScaleAnalysis`] (usually the whole audit: 20.1's three forms share the approval
//! scale), and nominations or case selections that pick from the same materials one [`ChoiceAnalysis`].
//! The main figures use every rating of the chosen round, own-tilsyn ratings included; the own-tilsyn
//! section shows them without as well.

use agreement::{BootstrapConfig, Level};
use serde::{Deserialize, Serialize};

use super::choices::{ChoiceAnalysis, choice_analysis};
use super::coefficients::{Coefficients, coefficients};
use super::heatmap::{Heatmap, heatmap};
use super::items::{ItemAgreement, item_agreement};
use super::matrix::{self, Answers, Category, CategoryCount, MatrixError, answers_of};
use super::original::{IndicatorDifference, OriginalVsPanel, by_indicator, original_vs_panel};
use super::own_tilsyn::{OwnTilsynBias, own_tilsyn_bias};
use super::rounds::{RoundComparison, compare_rounds};
use super::severity::{RaterSeverity, TilsynEffect, rater_severity, tilsyn_effects};
use super::tilsyn_pairs::{TilsynPair, tilsyn_pairs};
use super::{IkkeRelevant, Items, OwnTilsyn, Selection};
use crate::{Audit, AuditNr, ItemId, Rating, Round, Scale};

/// Resamples of the default bootstrap (Krippendorff's α and rater severity).
pub const DEFAULT_RESAMPLES: usize = 1000;

/// The seed of the default bootstrap, so that the same ratings always give the same intervals.
pub const DEFAULT_SEED: u64 = 20_200_305;

/// How the report is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The round of the main figures (round 1, the blind one, by default); round 1 vs round 2 is
    /// compared whenever both exist.
    pub round: Round,
    /// How a checklist's "ikke relevant" is read.
    pub ikke_relevant: IkkeRelevant,
    /// The bootstrap for the intervals of Krippendorff's α and rater severity over units, or `None`
    /// for point estimates only (the chance-corrected coefficients keep their analytic intervals).
    pub bootstrap: Option<BootstrapConfig>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            round: Round::First,
            ikke_relevant: IkkeRelevant::default(),
            bootstrap: Some(BootstrapConfig::new(DEFAULT_RESAMPLES, DEFAULT_SEED)),
        }
    }
}

/// The calibration of one audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationReport {
    /// The audit's number.
    pub audit: AuditNr,
    /// The round of the main figures.
    pub round: Round,
    /// How "ikke relevant" was read.
    pub ikke_relevant: IkkeRelevant,
    /// One analysis per scale the audit's scored items use.
    pub scales: Vec<ScaleAnalysis>,
    /// One analysis per group of nominations or case selections.
    pub choices: Vec<ChoiceAnalysis>,
    /// What could not be computed, in Danish (a scale nobody has rated yet).
    pub notes: Vec<String>,
}

/// The overall coefficients of one form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormCoefficients {
    /// The form's index in the audit.
    pub form: usize,
    /// Its title.
    pub titel: String,
    /// Its items on this scale.
    pub items: Vec<ItemId>,
    /// The coefficients on its units.
    pub coefficients: Coefficients,
}

/// Everything about the scored items on one scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleAnalysis {
    /// The scale.
    pub scale: Scale,
    /// Its Danish name.
    pub scale_navn: String,
    /// The level it is analysed at.
    pub level: Level,
    /// The categories of the matrix (declared, in scale order, with their Danish labels).
    pub categories: Vec<Category>,
    /// How often each value was given, "ikke relevant" included.
    pub distribution: Vec<CategoryCount>,
    /// Ratings without a value ("kan ikke vurderes").
    pub no_value: usize,
    /// The coefficients over all the scale's items.
    pub overall: Coefficients,
    /// The coefficients of each form, in audit order.
    pub forms: Vec<FormCoefficients>,
    /// Agreement per item, the least agreement first ("drøft disse først").
    pub items: Vec<ItemAgreement>,
    /// The units × raters grid.
    pub heatmap: Heatmap,
    /// Rater severity, in panel order.
    pub raters: Vec<RaterSeverity>,
    /// The five tilsyn's mean severity.
    pub tilsyn_effects: Vec<TilsynEffect>,
    /// Agreement between and within the tilsyn.
    pub tilsyn_pairs: Vec<TilsynPair>,
    /// Own-tilsyn bias, and the coefficients with and without own-tilsyn ratings.
    pub own_tilsyn: OwnTilsynBias,
    /// The tilsyn's own scores against the other tilsyn's raters, per material and indicator.
    pub original_vs_panel: Vec<OriginalVsPanel>,
    /// The same, per indicator.
    pub original_by_indicator: Vec<IndicatorDifference>,
    /// Round 1 against round 2, when round-2 ratings exist.
    pub rounds: Option<RoundComparison>,
}

/// One group of items answered alike, with the forms they come from.
struct Group {
    answers: Answers,
    forms: Vec<(usize, Vec<ItemId>)>,
}

impl Group {
    fn items(&self) -> Vec<ItemId> {
        self.forms
            .iter()
            .flat_map(|(_, i)| i.iter().cloned())
            .collect()
    }
}

/// The calibration report of `audit` from `ratings` (all of the audit's ratings the viewer may see:
/// pass them through [`crate::visibility::visible_ratings`] first).
///
/// # Errors
/// [`MatrixError`] when a rating does not fit its item (a value off the scale, a rating given twice),
/// which the domain's checks on entry rule out.
pub fn report(
    audit: &Audit,
    ratings: &[Rating],
    options: &Options,
) -> Result<CalibrationReport, MatrixError> {
    let mut out = CalibrationReport {
        audit: audit.nr.clone(),
        round: options.round,
        ikke_relevant: options.ikke_relevant,
        scales: Vec::new(),
        choices: Vec::new(),
        notes: Vec::new(),
    };
    for group in groups(audit) {
        let selection = Selection {
            items: Items::Only(group.items()),
            round: options.round,
            own_tilsyn: OwnTilsyn::Include,
            ikke_relevant: options.ikke_relevant,
        };
        let m = match matrix::build(audit, ratings, &selection) {
            Ok(m) => m,
            Err(MatrixError::NoRatings(round)) => {
                out.notes.push(no_ratings_note(audit, &group, round));
                continue;
            }
            Err(err) => return Err(err),
        };
        let bootstrap = options.bootstrap.as_ref();
        match &group.answers {
            Answers::Scale { scale } => out.scales.push(scale_analysis(
                audit, ratings, &selection, &group, scale, &m, bootstrap,
            )?),
            Answers::Nomination { .. } | Answers::CaseSelection { .. } => {
                out.choices.push(choice_analysis(audit, &m, bootstrap));
            }
        }
    }
    Ok(out)
}

fn scale_analysis(
    audit: &Audit,
    ratings: &[Rating],
    selection: &Selection,
    group: &Group,
    scale: &Scale,
    m: &matrix::RatingMatrix,
    bootstrap: Option<&BootstrapConfig>,
) -> Result<ScaleAnalysis, MatrixError> {
    let forms = group
        .forms
        .iter()
        .filter_map(|(index, items)| {
            let form_selection = Selection {
                items: Items::Only(items.clone()),
                ..selection.clone()
            };
            let fm = matrix::build(audit, ratings, &form_selection).ok()?;
            Some(FormCoefficients {
                form: *index,
                titel: audit.forms.get(*index)?.titel.clone(),
                items: items.clone(),
                coefficients: coefficients(&fm.ratings, bootstrap),
            })
        })
        .collect();
    let raters = rater_severity(audit, m, bootstrap);
    let original = original_vs_panel(audit, m);
    Ok(ScaleAnalysis {
        scale: scale.clone(),
        scale_navn: scale.navn().to_owned(),
        level: m.ratings.level(),
        categories: m.categories.clone(),
        distribution: m.distribution.clone(),
        no_value: m.no_value,
        overall: coefficients(&m.ratings, bootstrap),
        forms,
        items: item_agreement(audit, ratings, selection, &m.items, None)?,
        heatmap: heatmap(audit, m),
        tilsyn_effects: tilsyn_effects(&raters),
        raters,
        tilsyn_pairs: tilsyn_pairs(audit, m),
        own_tilsyn: own_tilsyn_bias(audit, ratings, selection, m)?,
        original_by_indicator: by_indicator(&original),
        original_vs_panel: original,
        rounds: compare_rounds(audit, ratings, selection)?,
    })
}

/// The audit's comparable items, grouped by what they are answered with, in form order.
fn groups(audit: &Audit) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (index, form) in audit.forms.iter().enumerate() {
        for item in &form.items {
            let Some(answers) = answers_of(audit, form, item) else {
                continue;
            };
            let group = match out.iter().position(|g| g.answers == answers) {
                Some(g) => &mut out[g],
                None => {
                    out.push(Group {
                        answers,
                        forms: Vec::new(),
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            match group.forms.iter_mut().find(|(i, _)| *i == index) {
                Some((_, items)) => items.push(item.id.clone()),
                None => group.forms.push((index, vec![item.id.clone()])),
            }
        }
    }
    out
}

fn no_ratings_note(audit: &Audit, group: &Group, round: u8) -> String {
    let what = match &group.answers {
        Answers::Scale { scale } => format!("punkterne på {}", scale.navn()),
        Answers::Nomination { .. } => "nomineringerne".to_owned(),
        Answers::CaseSelection { .. } => "udvælgelsen af sager".to_owned(),
    };
    let forms: Vec<&str> = group
        .forms
        .iter()
        .filter_map(|(i, _)| audit.forms.get(*i).map(|f| f.titel.as_str()))
        .collect();
    format!(
        "Der er ingen indsendte bedømmelser af {what} i runde {round} ({}).",
        forms.join("; ")
    )
}
