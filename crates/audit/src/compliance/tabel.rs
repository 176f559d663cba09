//! The compliance table: per socialtilsyn and requirement, how many of the sampled reports meet it, the
//! share, and its Wilson 95 % interval.
//!
//! **What is counted.** A cell counts reports, not ratings: each report in the sample has one answer per
//! requirement. A report checked by one checker has that checker's answer. A report checked by two has
//! their common answer when they agree; when they disagree it is counted as **uenige** and left out of
//! the share until they agree (a round-2 answer after the discussion replaces each checker's round-1
//! answer, so an agreement reached at the meeting counts). A report nobody has answered yet is
//! **ubesvaret**.
//!
//! **The share** is ja / (ja + nej). "Ikke relevant" (a report without udviklingspunkter, say) is left out
//! of the denominator: such a report neither meets nor breaks the requirement, and counting it as either
//! would move the share for a reason that has nothing to do with the tilsyn's practice. The table shows
//! the ikke relevant count beside the share, so nothing is hidden. The interval is [`wilson`] on the same
//! x = ja and n = ja + nej; with n = 0 there is no share and no interval.
//!
//! Rows are the tilsyn with at least one sampled report, in [`Tilsyn::ALL`] order; the last row, `i_alt`,
//! adds them up.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::wilson::wilson;
use crate::{
    Audit, FormItem, ItemId, ItemKind, Rating, RatingForm, Round, Tilsyn, UnitKey, Username,
};

/// The checklist answer codes of [`crate::Scale::Tjekliste`].
const NEJ: i32 = 0;
const JA: i32 = 1;

/// One requirement: a column of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Krav {
    /// The checklist item's id.
    pub id: ItemId,
    /// Its text.
    pub tekst: String,
}

/// The answers for one tilsyn (or all) and one requirement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Celle {
    /// Reports that meet the requirement.
    pub ja: usize,
    /// Reports that do not.
    pub nej: usize,
    /// Reports the requirement does not apply to.
    pub ikke_relevant: usize,
    /// Reports whose two checkers disagree.
    pub uenige: usize,
    /// Reports not yet answered.
    pub ubesvaret: usize,
}

impl Celle {
    /// The denominator of the share: ja + nej.
    pub fn n(&self) -> usize {
        self.ja + self.nej
    }

    /// ja / (ja + nej); `None` when no report was answered ja or nej.
    pub fn andel(&self) -> Option<f64> {
        (self.n() > 0).then(|| self.ja as f64 / self.n() as f64)
    }

    /// The Wilson 95 % interval of the share.
    pub fn interval(&self) -> Option<[f64; 2]> {
        wilson(self.ja, self.n())
    }

    /// The cell in Danish, for the page and the report: "3 af 4 (75 %; 95 %-KI 30–95 %)", or "–".
    pub fn tekst(&self) -> String {
        match (self.andel(), self.interval()) {
            (Some(andel), Some([nedre, oevre])) => format!(
                "{} af {} ({} %; 95 %-KI {}–{} %)",
                self.ja,
                self.n(),
                procent(andel),
                procent(nedre),
                procent(oevre)
            ),
            _ => "–".to_owned(),
        }
    }

    fn tael(&mut self, svar: Svar) {
        match svar {
            Svar::Kode(JA) => self.ja += 1,
            Svar::Kode(NEJ) => self.nej += 1,
            Svar::Kode(_) => self.ikke_relevant += 1,
            Svar::Uenige => self.uenige += 1,
            Svar::Ubesvaret => self.ubesvaret += 1,
        }
    }

    fn plus(&mut self, other: &Celle) {
        self.ja += other.ja;
        self.nej += other.nej;
        self.ikke_relevant += other.ikke_relevant;
        self.uenige += other.uenige;
        self.ubesvaret += other.ubesvaret;
    }
}

/// A share as a whole percentage, rounded ("75").
fn procent(andel: f64) -> String {
    format!("{:.0}", andel * 100.0)
}

/// One tilsyn's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Raekke {
    /// The tilsyn.
    pub tilsyn: Tilsyn,
    /// Its sampled reports.
    pub rapporter: usize,
    /// One cell per requirement, in the order of [`Efterlevelsestabel::krav`].
    pub celler: Vec<Celle>,
}

/// The compliance table of a checklist audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Efterlevelsestabel {
    /// The requirements: the audit's checklist items, in form order.
    pub krav: Vec<Krav>,
    /// One row per tilsyn with sampled reports.
    pub raekker: Vec<Raekke>,
    /// The rows added up, one cell per requirement.
    pub i_alt: Vec<Celle>,
}

/// The compliance table of `audit` from `ratings` (see the [module documentation](self)). Only the
/// audit's checklist items count; `ratings` should be those the viewer may see.
pub fn efterlevelsestabel(audit: &Audit, ratings: &[Rating]) -> Efterlevelsestabel {
    let svar = endelige_svar(ratings);
    let kolonner: Vec<(&RatingForm, &FormItem)> = audit
        .forms
        .iter()
        .flat_map(|f| f.items.iter().map(move |i| (f, i)))
        .filter(|(_, i)| i.kind == ItemKind::Tjekliste)
        .collect();
    let raekker: Vec<Raekke> = Tilsyn::ALL
        .into_iter()
        .filter_map(|t| raekke(audit, &kolonner, &svar, t))
        .collect();
    let mut i_alt = vec![Celle::default(); kolonner.len()];
    for r in &raekker {
        for (sum, celle) in i_alt.iter_mut().zip(&r.celler) {
            sum.plus(celle);
        }
    }
    Efterlevelsestabel {
        krav: kolonner
            .iter()
            .map(|(_, i)| Krav {
                id: i.id.clone(),
                tekst: i.tekst.clone(),
            })
            .collect(),
        raekker,
        i_alt,
    }
}

/// `tilsyn`'s row: one cell per checklist item, over the tilsyn's reports in the item's form; `None` when
/// the tilsyn has no report in the sample.
fn raekke(
    audit: &Audit,
    kolonner: &[(&RatingForm, &FormItem)],
    svar: &Tjekkersvar<'_>,
    tilsyn: Tilsyn,
) -> Option<Raekke> {
    let mut rapporter = BTreeSet::new();
    let celler = kolonner
        .iter()
        .map(|(form, item)| {
            let mut celle = Celle::default();
            for m in audit.form_materials(form).filter(|m| m.tilsyn == tilsyn) {
                rapporter.insert(&m.id);
                let enhed = UnitKey::new(item.id.clone(), Some(m.id.clone()));
                celle.tael(rapportens_svar(svar.get(&enhed)));
            }
            celle
        })
        .collect();
    (!rapporter.is_empty()).then_some(Raekke {
        tilsyn,
        rapporter: rapporter.len(),
        celler,
    })
}

/// A report's answer to one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Svar {
    Kode(i32),
    Uenige,
    Ubesvaret,
}

/// Per unit, each checker's final answer with the round it was given in.
type Tjekkersvar<'r> = BTreeMap<UnitKey, BTreeMap<&'r Username, (Round, i32)>>;

/// Each checker's final answer per unit: the submitted score of the latest round they answered in.
fn endelige_svar(ratings: &[Rating]) -> Tjekkersvar<'_> {
    let mut svar = Tjekkersvar::new();
    for r in ratings.iter().filter(|r| r.is_submitted()) {
        let Some(kode) = r.score() else { continue };
        let pr_tjekker = svar.entry(r.unit.clone()).or_default();
        let nyeste = pr_tjekker.entry(&r.rater).or_insert((r.round, kode));
        if r.round >= nyeste.0 {
            *nyeste = (r.round, kode);
        }
    }
    svar
}

fn rapportens_svar(pr_tjekker: Option<&BTreeMap<&Username, (Round, i32)>>) -> Svar {
    let mut koder = pr_tjekker
        .into_iter()
        .flat_map(|m| m.values().map(|(_, k)| *k));
    match koder.next() {
        None => Svar::Ubesvaret,
        Some(foerste) if koder.all(|k| k == foerste) => Svar::Kode(foerste),
        Some(_) => Svar::Uenige,
    }
}
