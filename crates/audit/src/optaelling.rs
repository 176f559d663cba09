//! Counting picks: which material the panel nominated as the best example (19.1) or selected for
//! discussion (19.2), and how often.
//!
//! 19.1: "På auditmødet blev de eksempler på bedømmelser …, som flest deltagere pegede på som de
//! bedste, drøftet." 19.2: "Med udgangspunkt i auditdeltagernes valg af sager, blev der på auditmødet
//! udvalgt én sag fra hvert socialtilsyn til drøftelse." Only submitted ratings count.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{Audit, ItemId, MaterialId, Rating, RatingValue, Round};

/// How many raters picked one material for one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stemmetal {
    /// The material.
    pub material: MaterialId,
    /// The number of raters who picked it.
    pub stemmer: usize,
}

/// The picks for `item` in `round`, one entry per material the item's form covers, most picked
/// first; ties keep the audit's material order, so the result is stable. Drafts do not count.
/// An unknown item, or an item that takes no picks, gives an empty list.
pub fn stemmer(audit: &Audit, ratings: &[Rating], item: &ItemId, round: Round) -> Vec<Stemmetal> {
    let Some((form, _)) = audit.item(item) else {
        return Vec::new();
    };
    let mut counts: BTreeMap<&MaterialId, usize> = BTreeMap::new();
    let picked = ratings
        .iter()
        .filter(|r| &r.unit.item == item && r.round == round && r.is_submitted())
        .flat_map(|r| picks(r.value.as_ref()));
    for m in picked {
        *counts.entry(m).or_default() += 1;
    }
    if counts.is_empty() {
        return Vec::new();
    }
    let mut tal: Vec<Stemmetal> = audit
        .form_materials(form)
        .map(|m| Stemmetal {
            material: m.id.clone(),
            stemmer: counts.get(&m.id).copied().unwrap_or(0),
        })
        .collect();
    // A stable sort keeps the material order among equal counts.
    tal.sort_by_key(|t| std::cmp::Reverse(t.stemmer));
    tal
}

fn picks(value: Option<&RatingValue>) -> &[MaterialId] {
    match value {
        Some(RatingValue::Pick(m)) => std::slice::from_ref(m),
        Some(RatingValue::Picks(ms)) => ms,
        _ => &[],
    }
}
