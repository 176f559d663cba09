//! Synthetic ratings for the demo audits, generated deterministically from parameters stored in the
//! seed file (`[syntetiske_bedoemmelser]`).
//!
//! The seed reports publish no ratings, so the demo makes them up, with the structure real panels
//! show: a rating is a latent value
//!
//! ```text
//! niveau + punkt[item] + materiale[material] + materialetilsyn[tilsyn of material]
//!        + samspil[item, tilsyn of material] + enhedsspredning·z(unit)        (what every rater sees)
//!        + bedoemmertilsyn[tilsyn of rater] + egen_tilsyn·[own tilsyn]
//!        − bedoemmerspredning·z(rater)                                       (how the rater judges)
//!        + stoej·z(rater, unit)                                              (the rest)
//! ```
//!
//! cut to the form's scale: above 0 is "forventes at kunne opfylde" on the approval scale and "ja" on
//! a checklist; on the operation scale, 20.1's graded scale and the ordinal scales the value is rounded
//! and kept within the scale. Each `z` is a standard normal drawn from a stream keyed by its purpose and
//! what it concerns, so the same parameters always give the same ratings. With a high `niveau` nearly
//! every rating lands on the top step (20.1: "i høj grad"), the skew under which κ and AC1 part ways.
//! `mangler` leaves units without a value; on a scale without "kunne ikke bedømmes" the loader refuses
//! such ratings, so a file sets no `mangler` there.
//!
//! Nominations and case selections draw without replacement with weights from `popularitet`
//! (Gumbel-top-k), so popular material is picked more often. Reflection answers are drawn from the
//! file's pools. After the discussion (round 2, audits in drøftelse or later) each attending
//! member keeps only `1 − tilnaermelse` of their own deviation, so agreement rises.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::prng::SplitMix64;
use crate::{
    Audit, FormItem, Fremmoede, IKKE_RELEVANT, ItemKind, Material, MaterialId, PanelMember, Rating,
    RatingForm, RatingStatus, RatingValue, Round, Scale, Tilsyn, UnitKey, Username,
};

/// The parameters of the synthetic ratings of one audit. Every effect defaults to 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyntetiskeParametre {
    /// The seed: the same seed and parameters always give the same ratings.
    pub seed: u64,
    /// The latent mean, on the scale's own numbers (the cut is at 0 for approval and checklist).
    #[serde(default)]
    pub niveau: f64,
    /// The spread of the unit effect that all raters share (what makes them agree).
    #[serde(default)]
    pub enhedsspredning: f64,
    /// The spread of rater severity.
    #[serde(default)]
    pub bedoemmerspredning: f64,
    /// The spread of the individual noise.
    #[serde(default)]
    pub stoej: f64,
    /// The own-tilsyn leniency: added when a rater rates material from their own tilsyn.
    #[serde(default)]
    pub egen_tilsyn: f64,
    /// The share of units left explicitly unrated ("kan ikke vurderes").
    #[serde(default)]
    pub mangler: f64,
    /// Leniency of the rater's tilsyn (positive: milder), by tilsyn.
    #[serde(default)]
    pub bedoemmertilsyn: BTreeMap<Tilsyn, f64>,
    /// Quality of the material's tilsyn (positive: better), by tilsyn.
    #[serde(default)]
    pub materialetilsyn: BTreeMap<Tilsyn, f64>,
    /// Item effect (negative: harder), by form item id.
    #[serde(default)]
    pub punkter: BTreeMap<String, f64>,
    /// Material effect (negative: weaker), by material id.
    #[serde(default)]
    pub materialer: BTreeMap<String, f64>,
    /// Effects of one item for the material of one tilsyn.
    #[serde(default)]
    pub samspil: Vec<Samspil>,
    /// Checklist items: the chance that the item does not apply to a material, by item id.
    #[serde(default)]
    pub ikke_relevant: BTreeMap<String, f64>,
    /// Pick weights for nominations and case selections, by material id or `item/material`
    /// (the more specific key wins); 1 when not given.
    #[serde(default)]
    pub popularitet: BTreeMap<String, f64>,
    /// Synthetic answers to reflection questions.
    #[serde(default)]
    pub refleksion: Option<Refleksion>,
    /// Round-2 ratings after the discussion (only for audits in drøftelse or later).
    #[serde(default)]
    pub runde2: Option<Runde2>,
    /// Progress of an ongoing round: who has submitted, who has a draft; everyone else has not
    /// started. Without it every rater has submitted everything.
    #[serde(default)]
    pub fremdrift: Option<Fremdrift>,
    /// Who checks what in a compliance sample; without it every rater rates every unit.
    #[serde(default)]
    pub tjekfordeling: Option<Tjekfordeling>,
}

/// An item's effect for the material of one tilsyn (19.1–2023: four of the five tilsyn used
/// opmærksomhedspunkter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Samspil {
    /// The form item id.
    pub punkt: String,
    /// The tilsyn of the material.
    pub tilsyn: Tilsyn,
    /// The effect.
    pub effekt: f64,
}

/// Synthetic reflection answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refleksion {
    /// The share of raters who answer each question.
    pub andel: f64,
    /// Answer pools by question key: the part of the item id after its last '-' ("q1").
    pub svar: BTreeMap<String, Vec<String>>,
}

/// The discussion's effect on the round-2 ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Runde2 {
    /// How much of their own deviation (severity, tilsyn, noise) raters give up: 0 none, 1 all.
    pub tilnaermelse: f64,
}

/// Progress of an ongoing round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fremdrift {
    /// Raters who have submitted every unit.
    pub indsendt: Vec<Username>,
    /// Raters with a saved draft of some units.
    pub kladde: Vec<Username>,
    /// The share of units in a draft.
    pub kladde_andel: f64,
}

/// Who checks what: each material is checked by a rater from another tilsyn, the first
/// `dobbelttjek` materials of each tilsyn by two, so that two checkers' agreement can be measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tjekfordeling {
    /// How many materials per tilsyn get a second checker.
    pub dobbelttjek: usize,
}

/// The synthetic ratings of `audit`: round 1 for every rating form item and rater (or the checkers
/// assigned), and round 2 for the scored items when the audit is past its reveal and `runde2` is set.
/// Ordered by form, item, material and rater.
pub fn generer(audit: &Audit, p: &SyntetiskeParametre) -> Vec<Rating> {
    let checkers = tildeling(audit, p);
    let mut round1 = Vec::new();
    for form in &audit.forms {
        for item in &form.items {
            round1.extend(rate_item(audit, p, &checkers, form, item));
        }
    }
    let mut ratings = apply_progress(audit, p, round1);
    if let Some(r2) = &p.runde2
        && audit.state.is_revealed()
    {
        let second: Vec<Rating> = ratings
            .iter()
            .filter_map(|r| second_round(audit, p, r2, r))
            .collect();
        ratings.extend(second);
    }
    ratings
}

/// The panel members who rate in the demo: those who took part. A member who sent apologies or was
/// exempted has no ratings, so the agreement counts the participants the source names (20.1: "I alt
/// deltog 8 personer fra de tre socialtilsyn"; Syd cancelled on the day, Nord was exempted).
fn attending(audit: &Audit) -> impl Iterator<Item = &PanelMember> {
    audit
        .raters()
        .filter(|m| m.attendance == Fremmoede::Deltager)
}

/// The raters of each material: everyone, or the checkers of [`Tjekfordeling`].
fn tildeling<'a>(
    audit: &'a Audit,
    p: &SyntetiskeParametre,
) -> BTreeMap<MaterialId, Vec<&'a PanelMember>> {
    let raters: Vec<&PanelMember> = attending(audit).collect();
    let mut out = BTreeMap::new();
    let mut seen: BTreeMap<Tilsyn, usize> = BTreeMap::new();
    for m in &audit.materials {
        let j = {
            let n = seen.entry(m.tilsyn).or_default();
            *n += 1;
            *n - 1
        };
        let assigned = match &p.tjekfordeling {
            None => raters.clone(),
            Some(t) => checkers_for(&raters, m.tilsyn, j, t.dobbelttjek),
        };
        out.insert(m.id.clone(), assigned);
    }
    out
}

/// The `j`-th material of `tilsyn` goes to the other tilsyn's raters in turn, starting one further
/// on for each tilsyn, and to the next one as well when `j < dobbelttjek`. Never to its own tilsyn.
fn checkers_for<'a>(
    raters: &[&'a PanelMember],
    tilsyn: Tilsyn,
    j: usize,
    dobbelttjek: usize,
) -> Vec<&'a PanelMember> {
    let others: Vec<&PanelMember> = raters
        .iter()
        .copied()
        .filter(|r| r.tilsyn != tilsyn)
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    let start = Tilsyn::ALL.iter().position(|t| *t == tilsyn).unwrap_or(0) + j;
    let count = if j < dobbelttjek { 2 } else { 1 };
    (0..count.min(others.len()))
        .map(|k| others[(start + k) % others.len()])
        .collect()
}

fn rate_item(
    audit: &Audit,
    p: &SyntetiskeParametre,
    checkers: &BTreeMap<MaterialId, Vec<&PanelMember>>,
    form: &RatingForm,
    item: &FormItem,
) -> Vec<Rating> {
    let materials: Vec<&Material> = audit.form_materials(form).collect();
    match &item.kind {
        kind if kind.per_material() => materials
            .iter()
            .flat_map(|m| {
                let raters = checkers.get(&m.id).cloned().unwrap_or_default();
                raters
                    .into_iter()
                    .map(|r| score_rating(p, &form.scale, item, m, r))
                    .collect::<Vec<_>>()
            })
            .collect(),
        ItemKind::Nominering { .. } => audit
            .raters()
            .map(|r| {
                let pick = pick_materials(p, item, &materials, &r.username, 1);
                let value = pick.into_iter().next().map(RatingValue::Pick);
                rating(
                    &r.username,
                    UnitKey::new(item.id.clone(), None),
                    value,
                    String::new(),
                )
            })
            .collect(),
        ItemKind::Sagsudvaelgelse { antal } => audit
            .raters()
            .map(|r| {
                let picks = pick_materials(p, item, &materials, &r.username, *antal as usize);
                let unit = UnitKey::new(item.id.clone(), None);
                rating(
                    &r.username,
                    unit,
                    Some(RatingValue::Picks(picks)),
                    String::new(),
                )
            })
            .collect(),
        ItemKind::Refleksion => audit
            .raters()
            .filter_map(|r| reflection(p, item, &r.username))
            .collect(),
        _ => Vec::new(),
    }
}

/// The parts of the latent value of one rating.
struct Latent {
    /// What every rater of the unit sees alike.
    unit: f64,
    /// The rater's own deviation: tilsyn leniency, own-tilsyn leniency, severity, noise.
    own: f64,
}

fn latent(p: &SyntetiskeParametre, item: &FormItem, m: &Material, r: &PanelMember) -> Latent {
    let (i, mid, who) = (item.id.as_str(), m.id.as_str(), r.username.as_str());
    let samspil: f64 = p
        .samspil
        .iter()
        .filter(|s| s.punkt == i && s.tilsyn == m.tilsyn)
        .map(|s| s.effekt)
        .sum();
    let unit = p.niveau
        + get(&p.punkter, i)
        + get(&p.materialer, mid)
        + p.materialetilsyn.get(&m.tilsyn).copied().unwrap_or(0.0)
        + samspil
        + p.enhedsspredning * SplitMix64::keyed(p.seed, &["enhed", i, mid]).normal();
    let own_tilsyn = if r.tilsyn == m.tilsyn {
        p.egen_tilsyn
    } else {
        0.0
    };
    let own = p.bedoemmertilsyn.get(&r.tilsyn).copied().unwrap_or(0.0) + own_tilsyn
        - p.bedoemmerspredning * SplitMix64::keyed(p.seed, &["strenghed", who]).normal()
        + p.stoej * SplitMix64::keyed(p.seed, &["stoej", who, i, mid]).normal();
    Latent { unit, own }
}

fn get(map: &BTreeMap<String, f64>, key: &str) -> f64 {
    map.get(key).copied().unwrap_or(0.0)
}

fn score_rating(
    p: &SyntetiskeParametre,
    scale: &Scale,
    item: &FormItem,
    m: &Material,
    r: &PanelMember,
) -> Rating {
    let unit = UnitKey::new(item.id.clone(), Some(m.id.clone()));
    let who = r.username.as_str();
    let mut missing = SplitMix64::keyed(p.seed, &["mangler", who, item.id.as_str(), m.id.as_str()]);
    if missing.uniform() < p.mangler {
        return rating(
            &r.username,
            unit,
            None,
            "Kan ikke vurderes ud fra materialet.".into(),
        );
    }
    let value = match not_relevant(p, item, m) {
        true => IKKE_RELEVANT,
        false => {
            let l = latent(p, item, m, r);
            cut(scale, l.unit + l.own)
        }
    };
    let reason = format!(
        "{} Se materialets s. {}.",
        begrundelse(scale, value, &mut missing),
        cited_page(&r.username, &unit)
    );
    rating(&r.username, unit, Some(RatingValue::Score(value)), reason)
}

/// The page a synthetic reason cites (3–60): fixed by rater and unit, as a real reason cites where in the
/// material its evidence is. It makes reasons specific to one rating, so that tests can tell one rater's
/// reason from another's; it is a hash rather than a draw so the random stream — and with it every
/// generated value — is the same as without it.
fn cited_page(rater: &Username, unit: &UnitKey) -> u64 {
    3 + crate::prng::fnv1a(&[rater.as_str(), &unit.to_string()]) % 58
}

/// Whether a checklist item does not apply to the material: decided per unit, so every checker
/// agrees on it.
fn not_relevant(p: &SyntetiskeParametre, item: &FormItem, m: &Material) -> bool {
    let chance = get(&p.ikke_relevant, item.id.as_str());
    item.kind == ItemKind::Tjekliste
        && chance > 0.0
        && SplitMix64::keyed(p.seed, &["ikke-relevant", item.id.as_str(), m.id.as_str()]).uniform()
            < chance
}

/// The latent value cut to the scale.
fn cut(scale: &Scale, x: f64) -> i32 {
    match scale {
        Scale::Godkendelse | Scale::Tjekliste => i32::from(x > 0.0),
        Scale::Drift => clamp_round(x, 5),
        Scale::Sandsynliggoerelse => clamp_round(x, 4),
        Scale::Ordinal { labels } => clamp_round(x, labels.len().max(1)),
    }
}

fn clamp_round(x: f64, max: usize) -> i32 {
    let max = i32::try_from(max).unwrap_or(i32::MAX);
    (x.round().clamp(1.0, f64::from(max))) as i32
}

/// A short synthetic reason fitting the value.
fn begrundelse(scale: &Scale, value: i32, rng: &mut SplitMix64) -> String {
    let choices: &[&str] = match (scale, value) {
        (Scale::Godkendelse, 1) => &[
            "Ansøgningen sandsynliggør, at indikatoren kan opfyldes.",
            "Beskrivelserne af målgruppe og metoder hænger sammen.",
            "Vurderingsgrundlaget er tilstrækkeligt udfoldet.",
        ],
        (Scale::Godkendelse, _) => &[
            "Det er ikke sandsynliggjort, at indikatoren kan opfyldes.",
            "Der mangler sammenhæng mellem målgruppe og metoder.",
        ],
        (Scale::Sandsynliggoerelse, 4) => &[
            "Ansøgningen sandsynliggør i høj grad, at indikatorerne kan opfyldes.",
            "Beskrivelserne af målgruppe og metoder hænger tydeligt sammen.",
        ],
        (Scale::Sandsynliggoerelse, 3) => &[
            "Ansøgningen sandsynliggør det i nogen grad; procesbeskrivelserne kunne være mere konkrete.",
            "Vurderingsgrundlaget er udfoldet, men mangler eksempler.",
        ],
        (Scale::Sandsynliggoerelse, _) => &[
            "Det er kun i mindre grad sandsynliggjort, at indikatorerne kan opfyldes.",
            "Der mangler sammenhæng mellem målgruppe, metoder og økonomi.",
        ],
        (Scale::Tjekliste, 1) => &["Punktet er opfyldt i rapporten."],
        (Scale::Tjekliste, 0) => &["Punktet er ikke opfyldt i rapporten."],
        (Scale::Tjekliste, _) => &["Punktet er ikke relevant for denne rapport."],
        (_, v) if v >= 4 => &[
            "Bedømmelsen er godt underbygget af flere kilder.",
            "Kvalitetsvurderingen er udfoldet og konkret.",
        ],
        (_, 3) => &[
            "Bedømmelsen er delvist underbygget.",
            "Vurderingen kunne med fordel være mere udfoldet.",
        ],
        _ => &[
            "Bedømmelsen er svagt underbygget.",
            "Der mangler kilde- og metodetriangulering.",
        ],
    };
    choices[rng.below(choices.len())].to_owned()
}

/// Picks `k` of `materials` without replacement, weighted by popularity (Gumbel-top-k).
fn pick_materials(
    p: &SyntetiskeParametre,
    item: &FormItem,
    materials: &[&Material],
    rater: &Username,
    k: usize,
) -> Vec<MaterialId> {
    let mut keyed: Vec<(f64, &MaterialId)> = materials
        .iter()
        .filter_map(|m| {
            let w = popularitet(p, item, m);
            let mut g = SplitMix64::keyed(
                p.seed,
                &["valg", rater.as_str(), item.id.as_str(), m.id.as_str()],
            );
            (w > 0.0).then(|| (w.ln() + g.gumbel(), &m.id))
        })
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
    keyed.into_iter().take(k).map(|(_, m)| m.clone()).collect()
}

fn popularitet(p: &SyntetiskeParametre, item: &FormItem, m: &Material) -> f64 {
    let specific = format!("{}/{}", item.id, m.id);
    p.popularitet
        .get(&specific)
        .or_else(|| p.popularitet.get(m.id.as_str()))
        .copied()
        .unwrap_or(1.0)
}

fn reflection(p: &SyntetiskeParametre, item: &FormItem, rater: &Username) -> Option<Rating> {
    let pools = p.refleksion.as_ref()?;
    let key = item.id.as_str().rsplit('-').next().unwrap_or_default();
    let pool = pools.svar.get(key).filter(|pool| !pool.is_empty())?;
    let mut g = SplitMix64::keyed(p.seed, &["refleksion", rater.as_str(), item.id.as_str()]);
    if g.uniform() >= pools.andel {
        return None;
    }
    let text = pool[g.below(pool.len())].clone();
    let unit = UnitKey::new(item.id.clone(), None);
    Some(rating(
        rater,
        unit,
        Some(RatingValue::Text(text)),
        String::new(),
    ))
}

/// Applies [`Fremdrift`]: submitted raters keep everything, draft raters keep the first share of
/// their units as drafts, everyone else nothing. Without it everything is submitted.
fn apply_progress(audit: &Audit, p: &SyntetiskeParametre, ratings: Vec<Rating>) -> Vec<Rating> {
    let Some(f) = &p.fremdrift else {
        return ratings;
    };
    let units = audit.units();
    let draft_units = (units.len() as f64 * f.kladde_andel).ceil() as usize;
    let in_draft: Vec<&UnitKey> = units.iter().take(draft_units).collect();
    ratings
        .into_iter()
        .filter_map(|mut r| {
            if f.indsendt.contains(&r.rater) {
                Some(r)
            } else if f.kladde.contains(&r.rater) && in_draft.contains(&&r.unit) {
                r.status = RatingStatus::Draft;
                Some(r)
            } else {
                None
            }
        })
        .collect()
}

/// The round-2 rating after the discussion, for scored round-1 ratings of members who attended.
fn second_round(
    audit: &Audit,
    p: &SyntetiskeParametre,
    r2: &Runde2,
    first: &Rating,
) -> Option<Rating> {
    let old = first.score()?;
    let member = audit.member(&first.rater)?;
    if member.attendance != Fremmoede::Deltager {
        return None;
    }
    let (form, item) = audit.item(&first.unit.item)?;
    let material = audit.material(first.unit.material.as_ref()?)?;
    if old == IKKE_RELEVANT && form.scale == Scale::Tjekliste {
        return None;
    }
    let l = latent(p, item, material, member);
    let new = cut(&form.scale, l.unit + (1.0 - r2.tilnaermelse) * l.own);
    let reason = if new == old {
        "Fastholdt efter drøftelsen på auditmødet.".to_owned()
    } else {
        "Ændret efter drøftelsen på auditmødet.".to_owned()
    };
    Some(Rating {
        round: Round::Second,
        value: Some(RatingValue::Score(new)),
        reason,
        ..first.clone()
    })
}

fn rating(rater: &Username, unit: UnitKey, value: Option<RatingValue>, reason: String) -> Rating {
    Rating {
        rater: rater.clone(),
        unit,
        value,
        reason,
        round: Round::First,
        status: RatingStatus::Submitted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Panelrolle;

    fn member(u: &str, tilsyn: Tilsyn) -> PanelMember {
        PanelMember {
            username: u.parse().unwrap(),
            navn: u.into(),
            tilsyn,
            rolle: Panelrolle::FagligKoordinator,
            attendance: Fremmoede::Deltager,
        }
    }

    #[test]
    fn checks_go_round_the_other_tilsyn_and_never_to_the_own() {
        let panel: Vec<PanelMember> = Tilsyn::ALL
            .iter()
            .map(|t| member(&format!("{}-4", t.id()), *t))
            .collect();
        let raters: Vec<&PanelMember> = panel.iter().collect();
        for t in Tilsyn::ALL {
            let mut load: BTreeMap<&str, usize> = BTreeMap::new();
            for j in 0..4 {
                let got = checkers_for(&raters, t, j, 2);
                assert_eq!(got.len(), if j < 2 { 2 } else { 1 }, "{t} {j}");
                assert!(got.iter().all(|c| c.tilsyn != t));
                assert_ne!(
                    got.first().map(|c| &c.username),
                    got.get(1).map(|c| &c.username)
                );
                *load.entry(got[0].username.as_str()).or_default() += 1;
            }
            // Four reports of one tilsyn: each of the four other tilsyn checks one first.
            assert_eq!(load.len(), 4, "{t}");
        }
    }

    #[test]
    fn the_cut_keeps_values_on_their_scale() {
        for x in [-9.0, -0.1, 0.0, 0.1, 2.4, 2.6, 9.0] {
            assert!(Scale::Drift.validate(cut(&Scale::Drift, x)).is_ok(), "{x}");
            assert!(
                Scale::Godkendelse
                    .validate(cut(&Scale::Godkendelse, x))
                    .is_ok()
            );
        }
        assert_eq!(cut(&Scale::Drift, 2.6), 3);
        assert_eq!(cut(&Scale::Godkendelse, 0.0), 0);
        assert_eq!(cut(&Scale::Godkendelse, 0.01), 1);
        let three = Scale::Ordinal {
            labels: vec!["a".into(), "b".into(), "c".into()],
        };
        assert_eq!(cut(&three, 7.0), 3);
    }
}
