//! The report's generated annexes: the calibration appendix and the spider webs (spindelvæv) of the
//! material that has indicator scores.
//!
//! The calibration appendix carries the [`CalibrationReport`] of the calibration module as it is:
//! the coefficient tables with intervals and Danish readings, agreement per item, the heatmap grid,
//! rater severity, tilsyn effects, tilsyn pairs, own-tilsyn bias, original scores against the panel
//! and round 1 against round 2. The report only adds an explanation in plain Danish and takes the
//! per-indicator agreement for the paragraph beside each discussion from it ([`Kalibreringsbilag::enighed`]).
//!
//! A spider web draws a material's tema scores ([`crate::spindelvaev`]), from the tilsyn's own
//! indicator scores in the material and, where the panel rated indicators on the operation scale,
//! from the panel's mean round-1 score per indicator.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::indikator::Enighed;
use crate::calibration::items::ItemAgreement;
use crate::calibration::{self, CalibrationReport, Coefficients, Options};
use crate::danske_tal::decimal;
use crate::kvalitetsmodel::Kvalitetsmodel;
use crate::{
    Audit, Emne, ItemKind, Material, MaterialId, Rating, Round, Scale, Tilsyn, aggregering,
};

/// What the appendix says before its tables, in plain Danish.
pub const FORKLARING: [&str; 3] = [
    "Bilaget viser, hvor enige auditpanelets bedømmere var, da de hver for sig og uden at kende \
     hinandens bedømmelser bedømte det samme materiale (runde 1). Procentvis enighed er andelen af \
     par af bedømmelser af samme materiale, der lød ens.",
    "Gwets AC1 og Fleiss' κ korrigerer enigheden for den enighed, der ville opstå ved et tilfælde. \
     Når næsten alle bedømmelser lyder ens, som ved godkendelser, hvor de fleste indikatorer \
     »forventes at kunne opfylde«, regner κ det meste af enigheden for tilfældig og bliver lav, selv \
     om bedømmerne er enige (κ-paradokset, Feinstein & Cicchetti 1990). AC1 påvirkes ikke af den \
     skæve fordeling og beskriver da, ligesom den procentvise enighed, enigheden bedre.",
    "En bedømmers strenghed er den gennemsnitlige afvigelse fra de øvrige bedømmeres bedømmelser af \
     det samme materiale; et negativt tal betyder strengere, et positivt mildere end kollegerne.",
];

/// What every place that meets the κ paradox says instead of explaining it again: the explanation
/// stands once in the report, in the appendix's introduction ([`FORKLARING`]).
pub const KAPPA_PARADOKS_HENVISNING: &str = "Fleiss' κ er langt lavere end AC1, selv om bedømmerne \
    for det meste er enige, fordi næsten alle bedømmelser ligger i samme kategori (κ-paradokset; se \
    forklaringen i indledningen til kalibreringsbilaget).";

/// The calibration appendix: how far the panel agreed, and where it did not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kalibreringsbilag {
    /// What the figures mean, in plain Danish ([`FORKLARING`]).
    pub forklaring: Vec<String>,
    /// The calibration statistics of the ratings the reader may see; `None` before reveal or when
    /// they could not be computed.
    pub statistik: Option<CalibrationReport>,
    /// Why figures are missing, in Danish.
    pub noter: Vec<String>,
}

impl Kalibreringsbilag {
    /// The appendix of `audit` from `ratings`, which must be the ratings the reader may see (the
    /// report passes those of [`crate::visibility::visible_ratings`]). Before reveal there are no
    /// figures, only a note saying when they come.
    pub fn beregn(audit: &Audit, ratings: &[Rating], options: &Options) -> Kalibreringsbilag {
        let forklaring = FORKLARING.iter().map(|s| (*s).to_owned()).collect();
        if !audit.state.is_revealed() {
            return Kalibreringsbilag {
                forklaring,
                statistik: None,
                noter: vec![
                    "Bedømmelserne er endnu ikke afsløret; bilaget udfyldes, når de er fremlagt på \
                     auditmødet."
                        .to_owned(),
                ],
            };
        }
        let statistik =
            calibration::report(audit, ratings, options).map(|s| som_i_rapporten(s, audit));
        match statistik {
            Ok(statistik) => Kalibreringsbilag {
                forklaring,
                noter: statistik.notes.clone(),
                statistik: Some(statistik),
            },
            Err(fejl) => Kalibreringsbilag {
                forklaring,
                statistik: None,
                noter: vec![format!("Kalibreringen kunne ikke beregnes: {fejl}.")],
            },
        }
    }

    /// The agreement on `emne` for the paragraph beside its discussion: from the per-item figures of
    /// the one item that rates it (an indicator rating, or the overall assessment for
    /// [`Emne::Helhed`]). `None` when no item, or more than one, rates it — the agreement of one
    /// item is then not the subject's.
    pub fn enighed(&self, audit: &Audit, emne: &Emne) -> Option<Enighed> {
        let statistik = self.statistik.as_ref()?;
        let passer = |i: &&ItemAgreement| match emne {
            Emne::Indikator(id) => i.indikator.as_deref() == Some(id.as_str()),
            Emne::Helhed => audit
                .item(&i.item)
                .is_some_and(|(_, item)| item.kind == ItemKind::Helhedsvurdering),
            Emne::Tema(_) | Emne::Tematik(_) => false,
        };
        let items: Vec<&ItemAgreement> = statistik
            .scales
            .iter()
            .flat_map(|s| &s.items)
            .filter(passer)
            .collect();
        match items.as_slice() {
            [et] => Some(Enighed::fra_koefficienter(
                &et.coefficients,
                et.paradox.as_deref(),
            )),
            _ => None,
        }
    }
}

/// The calibration figures of `audit` as the report prints them: no rater named, each a pseudonym
/// ("Bedømmer A") for good ([`CalibrationReport::pseudonymiseret`]), and the κ paradox explained
/// once, in the introduction, with the figures referring to it.
pub fn som_i_rapporten(statistik: CalibrationReport, audit: &Audit) -> CalibrationReport {
    henvis_til_kappa_forklaringen(statistik.pseudonymiseret(audit))
}

/// The calibration's κ-paradox explanations (the overall reading's, each item's) replaced by
/// [`KAPPA_PARADOKS_HENVISNING`]; an item in the paradox stays marked as one.
fn henvis_til_kappa_forklaringen(mut statistik: CalibrationReport) -> CalibrationReport {
    fn henvis(c: &mut Coefficients) {
        for p in &mut c.interpretation {
            if p.contains("κ-paradokset") {
                KAPPA_PARADOKS_HENVISNING.clone_into(p);
            }
        }
    }
    for s in &mut statistik.scales {
        henvis(&mut s.overall);
        s.forms.iter_mut().for_each(|f| henvis(&mut f.coefficients));
        henvis(&mut s.own_tilsyn.with_own);
        s.own_tilsyn.without_own.iter_mut().for_each(henvis);
        for item in &mut s.items {
            henvis(&mut item.coefficients);
            if let Some(p) = &mut item.paradox {
                KAPPA_PARADOKS_HENVISNING.clone_into(p);
            }
        }
        if let Some(r) = &mut s.rounds {
            henvis(&mut r.first);
            henvis(&mut r.second);
        }
    }
    for c in &mut statistik.choices {
        henvis(&mut c.coefficients);
    }
    statistik
}

/// Where a spider web's indicator scores come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scorekilde {
    /// The tilsyn's own scores in the material.
    Tilsynet,
    /// The panel's mean round-1 score per indicator.
    Panelet,
}

/// The spider web of one material from one source of scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
                        score_tekst: p.score.map(|s| decimal(s, 1)),
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
