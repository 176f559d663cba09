//! The report's generated annexes: the calibration appendix (filled from the calibration
//! statistics) and the spider webs (spindelvæv) of the material that has indicator scores.
//!
//! The calibration appendix is a plain data shape here: the coefficient table with intervals and
//! Danish readings, the per-indicator agreement (which also feeds the paragraph beside each
//! discussion), a heatmap, rater severity, tilsyn effects and round 1 against round 2. The
//! calibration module computes it; the report only carries and prints it. Until it is computed the
//! appendix is empty ([`Kalibreringsbilag::er_tom`]) and the report says so.
//!
//! A spider web draws a material's tema scores ([`crate::spindelvaev`]), from the tilsyn's own
//! indicator scores in the material and, where the panel rated indicators on the operation scale,
//! from the panel's mean round-1 score per indicator.

use std::collections::BTreeMap;

use serde::Serialize;

use super::indikator::{Enighed, Koefficient};
use super::sprog::decimaltal;
use crate::kvalitetsmodel::Kvalitetsmodel;
use crate::{Emne, ItemKind, Material, MaterialId, Rating, Round, Scale, Tilsyn, aggregering};

/// The calibration appendix: how far the panel agreed, and where it did not.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Kalibreringsbilag {
    /// Introductory sentences in plain Danish (what the coefficients mean, why κ and AC1 differ).
    pub forklaring: Vec<String>,
    /// The coefficient table over all rated units, each with its interval and reading.
    pub koefficienter: Vec<Koefficientraekke>,
    /// Agreement per indicator (and per overall assessment), in the order of the discussions.
    pub indikatorer: Vec<Indikatorkalibrering>,
    /// Units × raters, for the heatmap.
    pub heatmap: Option<Heatmap>,
    /// Rater severity: each rater's signed deviation from the consensus of the others.
    pub strenghed: Vec<Strenghed>,
    /// Tilsyn effects: each tilsyn's raters' deviation, and their leniency on their own tilsyn's
    /// material.
    pub tilsynseffekter: Vec<Tilsynseffekt>,
    /// Round 1 against round 2, one line per coefficient.
    pub runder: Vec<Rundesammenligning>,
}

impl Kalibreringsbilag {
    /// Whether nothing has been filled in.
    pub fn er_tom(&self) -> bool {
        self.forklaring.is_empty()
            && self.koefficienter.is_empty()
            && self.indikatorer.is_empty()
            && self.heatmap.is_none()
            && self.strenghed.is_empty()
            && self.tilsynseffekter.is_empty()
            && self.runder.is_empty()
    }

    /// The agreement of the ratings of `emne`, when the appendix has it.
    pub fn enighed(&self, emne: &Emne) -> Option<&Enighed> {
        self.indikatorer
            .iter()
            .find(|i| &i.emne == emne)
            .map(|i| &i.enighed)
    }
}

/// One row of the coefficient table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Koefficientraekke {
    /// The coefficient with its interval.
    pub koefficient: Koefficient,
    /// Its reading in plain Danish.
    pub fortolkning: String,
}

/// The agreement on one subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indikatorkalibrering {
    /// The indicator (or the overall assessment).
    pub emne: Emne,
    /// The agreement figures.
    pub enighed: Enighed,
}

/// A matrix of values for a heatmap: rows, columns and cells (`None` where there is no value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heatmap {
    /// What the cells show, in Danish.
    pub forklaring: String,
    /// The row labels.
    pub raekker: Vec<String>,
    /// The column labels.
    pub kolonner: Vec<String>,
    /// One row of cells per row label, one cell per column.
    pub celler: Vec<Vec<Option<f64>>>,
}

/// One rater's severity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Strenghed {
    /// The rater as the report names them (a role-based name, never a login).
    pub bedoemmer: String,
    /// The rater's tilsyn.
    pub tilsyn: Tilsyn,
    /// The mean signed deviation from the others' consensus; negative is harsher.
    pub afvigelse: f64,
    /// Its 95 % interval, when there is one.
    pub interval: Option<[f64; 2]>,
    /// How many ratings it rests on.
    pub antal: usize,
}

/// One tilsyn's effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tilsynseffekt {
    /// The tilsyn.
    pub tilsyn: Tilsyn,
    /// Its raters' mean signed deviation from the consensus.
    pub afvigelse: f64,
    /// Its raters' extra deviation on their own tilsyn's material (own-tilsyn leniency), when
    /// they rated any.
    pub egen_tilsyn: Option<f64>,
}

/// One coefficient before and after the discussion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rundesammenligning {
    /// The coefficient's name.
    pub navn: String,
    /// Round 1 (blind).
    pub runde1: f64,
    /// Round 2 (after the discussion).
    pub runde2: f64,
}

/// Where a spider web's indicator scores come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scorekilde {
    /// The tilsyn's own scores in the material.
    Tilsynet,
    /// The panel's mean round-1 score per indicator.
    Panelet,
}

/// The spider web of one material from one source of scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MaterialeSpindelvaev {
    /// The material.
    pub material: MaterialId,
    /// Its pseudonym.
    pub pseudonym: String,
    /// The tilsyn it comes from.
    pub tilsyn: Tilsyn,
    /// Whose scores.
    pub kilde: Scorekilde,
    /// The indicator scores the web is drawn from, by indicator id.
    pub indikatorscorer: BTreeMap<String, f64>,
    /// One spoke per tema of the model, in model order; empty when [`Self::fejl`] is set.
    pub punkter: Vec<Spindelpunkt>,
    /// Why the web cannot be drawn (no offer type recorded, or a score the model refuses).
    pub fejl: Option<String>,
}

/// One spoke of a spider web.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spindelpunkt {
    /// The tema's id.
    pub tema_id: String,
    /// The tema's name.
    pub navn: String,
    /// The tema score; `None` when none of its indicators is scored.
    pub score: Option<f64>,
    /// The score written the Danish way with one decimal ("3,5").
    pub score_tekst: Option<String>,
}

/// The spider webs of `materials`: for each material with the tilsyn's own indicator scores, and
/// for each whose indicators the panel rated on the operation scale (1–5), in material order.
///
/// `ratings` must be the ratings the reader may see (see
/// [`crate::visibility::visible_ratings`]); before reveal there are none, and only the tilsyn's
/// own scores are drawn.
pub fn spindelvaev(
    model: &Kvalitetsmodel,
    materials: &[Material],
    forms: &[crate::RatingForm],
    ratings: &[Rating],
) -> Vec<MaterialeSpindelvaev> {
    let mut ud = Vec::new();
    for m in materials {
        let egne: BTreeMap<String, f64> = m
            .original_scores
            .iter()
            .map(|(id, v)| (id.clone(), f64::from(*v)))
            .collect();
        if !egne.is_empty() {
            ud.push(web(model, m, Scorekilde::Tilsynet, egne));
        }
        let panel = panelscorer(m, forms, ratings);
        if !panel.is_empty() {
            ud.push(web(model, m, Scorekilde::Panelet, panel));
        }
    }
    ud
}

fn web(
    model: &Kvalitetsmodel,
    m: &Material,
    kilde: Scorekilde,
    scorer: BTreeMap<String, f64>,
) -> MaterialeSpindelvaev {
    let (punkter, fejl) = match &m.tilbud {
        None => (
            Vec::new(),
            Some(format!(
                "Tilbudstypen er ikke angivet for {}, så det kan ikke afgøres, hvilke indikatorer der \
                 gælder, og spindelvævet kan ikke tegnes.",
                m.pseudonym
            )),
        ),
        Some(tilbud) => match aggregering::spindelvaev(model, tilbud, &scorer) {
            Ok(punkter) => (
                punkter
                    .into_iter()
                    .map(|p| Spindelpunkt {
                        score_tekst: p.score.map(|s| decimaltal(s, 1)),
                        tema_id: p.tema_id,
                        navn: p.navn,
                        score: p.score,
                    })
                    .collect(),
                None,
            ),
            Err(e) => (Vec::new(), Some(format!("{}: {e}", m.pseudonym))),
        },
    };
    MaterialeSpindelvaev {
        material: m.id.clone(),
        pseudonym: m.pseudonym.clone(),
        tilsyn: m.tilsyn,
        kilde,
        indikatorscorer: scorer,
        punkter,
        fejl,
    }
}

/// The panel's mean submitted round-1 score per indicator of `m`, over the indicator items on the
/// operation scale.
fn panelscorer(
    m: &Material,
    forms: &[crate::RatingForm],
    ratings: &[Rating],
) -> BTreeMap<String, f64> {
    let mut summer: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    let items = forms
        .iter()
        .filter(|f| f.scale == Scale::Drift)
        .filter(|f| f.materials.is_empty() || f.materials.contains(&m.id))
        .flat_map(|f| &f.items);
    for item in items {
        let ItemKind::Indikator { indikator } = &item.kind else {
            continue;
        };
        let scores = ratings
            .iter()
            .filter(|r| r.round == Round::First && r.is_submitted())
            .filter(|r| r.unit.item == item.id && r.unit.material.as_ref() == Some(&m.id))
            .filter_map(Rating::score);
        for s in scores {
            let e = summer.entry(indikator.clone()).or_insert((0.0, 0));
            e.0 += f64::from(s);
            e.1 += 1;
        }
    }
    summer
        .into_iter()
        .map(|(id, (sum, n))| (id, sum / n as f64))
        .collect()
}
