//! How far two checkers agree on the reports both checked (dobbelttjek).
//!
//! A unit is one requirement of one report that two checkers answered independently: their submitted
//! round-1 answers (round 2 comes after the discussion and would measure the discussion, not the
//! checklist). The answers are compared as three unordered categories, ja, nej and ikke relevant: a
//! checker who finds a requirement irrelevant where the other finds it met disagrees with them.
//!
//! The coefficients come from the `agreement` crate: percent agreement ([`agreement::percent_agreement`],
//! the share of units where the two gave the same answer) and Cohen's κ ([`agreement::cohen_kappa`],
//! unweighted). Cohen's κ needs two columns; the checkers of a report become "tjekker 1" and "tjekker 2"
//! in the order of their usernames, as the pairs differ from report to report. When a report has more
//! than two checkers, the first two by username are compared.
//!
//! κ is undefined when the chance agreement is 1 (both columns always gave one and the same answer); it is
//! then the `agreement` crate's error, which says so in Danish. With the skewed answers a compliance sample
//! tends to have (nearly every report has a samlet vurdering), κ can be low although the checkers nearly
//! always agree (the kappa paradox): show it beside the percent agreement and n, never alone.

use std::collections::{BTreeMap, BTreeSet};

use agreement::{AgreementError, Level, RatingsBuilder, Weights, cohen_kappa, percent_agreement};
use serde::Serialize;

use crate::{Audit, ItemKind, Rating, Round, Scale, UnitKey};

const TJEKKERE: [&str; 2] = ["tjekker 1", "tjekker 2"];

/// The two checkers' agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tjekkerenighed {
    /// Reports with at least one requirement answered by two checkers.
    pub rapporter: usize,
    /// Units compared: requirements × reports answered by both.
    pub n: usize,
    /// The share of units with the same answer, from 0 to 1.
    pub procentvis_enighed: f64,
    /// Cohen's κ, or why it is undefined.
    #[serde(serialize_with = "kappa_som_json")]
    pub kappa: Result<f64, AgreementError>,
}

/// The agreement of the checkers of `audit`'s checklist items on the reports two of them checked (see the
/// [module documentation](self)).
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no report has two checkers.
pub fn tjekkerenighed(audit: &Audit, ratings: &[Rating]) -> Result<Tjekkerenighed, AgreementError> {
    let par = dobbelttjek(audit, ratings);
    if par.is_empty() {
        return Err(AgreementError::NoPairableUnits);
    }
    let kategorier: Vec<String> = Scale::Tjekliste
        .values()
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let mut builder = RatingsBuilder::new(Level::Nominal, Some(kategorier))?;
    for tjekker in TJEKKERE {
        builder.declare_rater(tjekker);
    }
    for (enhed, svar) in &par {
        for (tjekker, kode) in TJEKKERE.iter().zip(svar) {
            let etiket = Scale::Tjekliste.label(*kode);
            builder.add(&enhed.to_string(), tjekker, etiket.as_deref())?;
        }
    }
    let matrix = builder.build()?;
    let vaegte = Weights::unweighted(&matrix);
    let enighed = percent_agreement(&matrix, &vaegte)?;
    let rapporter: BTreeSet<_> = par.keys().map(|e| &e.material).collect();
    Ok(Tjekkerenighed {
        rapporter: rapporter.len(),
        n: enighed.pairable_units,
        procentvis_enighed: enighed.estimate.estimate,
        kappa: cohen_kappa(&matrix, 0, 1, &vaegte),
    })
}

/// The units of checklist items with two submitted round-1 answers: the first two checkers' codes, in
/// username order.
fn dobbelttjek(audit: &Audit, ratings: &[Rating]) -> BTreeMap<UnitKey, [i32; 2]> {
    let tjekliste: BTreeSet<_> = audit
        .forms
        .iter()
        .flat_map(|f| &f.items)
        .filter(|i| i.kind == ItemKind::Tjekliste)
        .map(|i| &i.id)
        .collect();
    let mut svar: BTreeMap<&UnitKey, BTreeMap<_, i32>> = BTreeMap::new();
    for r in ratings {
        if let Some(kode) = r.score()
            && r.is_submitted()
            && r.round == Round::First
            && tjekliste.contains(&r.unit.item)
        {
            svar.entry(&r.unit).or_default().insert(&r.rater, kode);
        }
    }
    svar.into_iter()
        .filter_map(|(enhed, pr_tjekker)| {
            let mut koder = pr_tjekker.into_values();
            Some((enhed.clone(), [koder.next()?, koder.next()?]))
        })
        .collect()
}

fn kappa_som_json<S: serde::Serializer>(
    kappa: &Result<f64, AgreementError>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match kappa {
        Ok(k) => s.serialize_some(k),
        Err(_) => s.serialize_none(),
    }
}
