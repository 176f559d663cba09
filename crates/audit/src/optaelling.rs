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
/// An unknown item, an item that takes no picks, or one with no submitted picks yet gives an
/// empty list.
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

/// 19.2's rule for which cases the meeting discusses: one case from each socialtilsyn, so many with a
/// påbud and so many without ("Der blev i alt drøftet tre sager, hvor der var udstedt påbud og to
/// sager, hvor dialogforløbet resulterede i, at der ikke blev udstedt påbud").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Udvaelgelsesregel {
    /// How many of the chosen cases ended in a påbud.
    pub med_paabud: usize,
    /// How many of the chosen cases ended without one.
    pub uden_paabud: usize,
}

impl Udvaelgelsesregel {
    /// 19.2's rule: one case per tilsyn, three with a påbud and two without.
    pub const AUDIT_19_2: Udvaelgelsesregel = Udvaelgelsesregel {
        med_paabud: 3,
        uden_paabud: 2,
    };
}

/// Why no selection satisfies a [`Udvaelgelsesregel`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "ingen udvælgelse med én sag fra hvert af de {tilsyn} socialtilsyn giver {med} sager med påbud \
     og {uden} uden"
)]
pub struct UdvaelgelsesFejl {
    /// The number of tilsyn with a case in the form.
    pub tilsyn: usize,
    /// The påbud cases the rule asks for.
    pub med: usize,
    /// The cases without påbud the rule asks for.
    pub uden: usize,
}

/// The cases the meeting discusses under `regel`: one per socialtilsyn among the form's material for
/// `item`, with the rule's numbers of cases with and without a påbud (read from each case's timeline),
/// chosen so that the cases together have as many picks as possible. Among selections with as many
/// picks, the one whose cases come first in [`stemmer`]'s order wins, so the result is stable. The
/// result is in the audit's material order.
///
/// # Errors
/// [`UdvaelgelsesFejl`] when the tilsyn's cases cannot make up the numbers the rule asks for.
pub fn udvaelg_til_droeftelse(
    audit: &Audit,
    ratings: &[Rating],
    item: &ItemId,
    round: Round,
    regel: Udvaelgelsesregel,
) -> Result<Vec<MaterialId>, UdvaelgelsesFejl> {
    let tal = stemmer(audit, ratings, item, round);
    let mut pr_tilsyn: BTreeMap<crate::Tilsyn, Vec<Kandidat<'_>>> = BTreeMap::new();
    for (rang, t) in tal.iter().enumerate() {
        if let Some(m) = audit.material(&t.material) {
            let paabud = m
                .sagsforloeb
                .as_ref()
                .is_some_and(|f| f.skridt().iter().any(|s| s.art.er_paabud()));
            pr_tilsyn.entry(m.tilsyn).or_default().push(Kandidat {
                rang,
                stemmer: t.stemmer,
                paabud,
                id: &t.material,
            });
        }
    }
    let fejl = UdvaelgelsesFejl {
        tilsyn: pr_tilsyn.len(),
        med: regel.med_paabud,
        uden: regel.uden_paabud,
    };
    if pr_tilsyn.len() != regel.med_paabud + regel.uden_paabud {
        return Err(fejl);
    }
    // Every combination of one case per tilsyn (two cases each in 19.2: 32 combinations).
    let kombinationer = pr_tilsyn
        .values()
        .fold(vec![Vec::new()], |kombinationer, sager| {
            kombinationer
                .into_iter()
                .flat_map(|k: Vec<&Kandidat<'_>>| {
                    sager.iter().map(move |sag| {
                        let mut k = k.clone();
                        k.push(sag);
                        k
                    })
                })
                .collect::<Vec<_>>()
        });
    // The most picks; among equals, the one whose cases rank first in `tal`.
    let noegle = |k: &Vec<&Kandidat<'_>>| {
        let mut rang: Vec<usize> = k.iter().map(|c| c.rang).collect();
        rang.sort_unstable();
        (
            k.iter().map(|c| c.stemmer).sum::<usize>(),
            std::cmp::Reverse(rang),
        )
    };
    let bedste = kombinationer
        .into_iter()
        .filter(|k| k.iter().filter(|c| c.paabud).count() == regel.med_paabud)
        .max_by_key(noegle)
        .ok_or(fejl)?;
    Ok(audit
        .materials
        .iter()
        .filter(|m| bedste.iter().any(|c| c.id == &m.id))
        .map(|m| m.id.clone())
        .collect())
}

/// One case that may be chosen: its place in the picks, its picks, and whether it ended in a påbud.
struct Kandidat<'a> {
    rang: usize,
    stemmer: usize,
    paabud: bool,
    id: &'a MaterialId,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Afsloeringsregel, FormItem, Fremmoede, ItemKind, Material, Materialetype, PanelMember,
        Panelrolle, RatingForm, RatingStatus, Scale, Tilsyn, WorkflowState,
    };

    fn audit() -> Audit {
        let material = |id: &str| Material {
            id: id.parse().unwrap(),
            pseudonym: format!("Sag {id}"),
            tilsyn: Tilsyn::Midt,
            kind: Materialetype::Procesbeskrivelse,
            beskrivelse: String::new(),
            original_scores: BTreeMap::new(),
            tilbud: None,
            sagsforloeb: None,
            dato: None,
        };
        let member = |u: &str| PanelMember {
            username: u.parse().unwrap(),
            navn: u.into(),
            tilsyn: Tilsyn::Syd,
            rolle: Panelrolle::Tilsynskonsulent,
            attendance: Fremmoede::Deltager,
        };
        Audit {
            nr: "19.2".parse().unwrap(),
            titel: "x".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2017".into(),
            state: WorkflowState::Droeftelse,
            deadline: None,
            meeting_date: None,
            reveal_rule: Afsloeringsregel::VedMoedet,
            panel: vec![member("syd-1"), member("syd-2"), member("syd-3")],
            materials: vec![material("a"), material("b"), material("c")],
            forms: vec![RatingForm {
                titel: "Udvælgelse".into(),
                scale: Scale::Drift,
                materials: vec![],
                items: vec![FormItem {
                    id: "valg".parse().unwrap(),
                    tekst: "Vælg to".into(),
                    kind: ItemKind::Sagsudvaelgelse { antal: 2 },
                }],
            }],
        }
    }

    fn picks(rater: &str, ids: &[&str], status: RatingStatus) -> Rating {
        Rating {
            rater: rater.parse().unwrap(),
            unit: "valg".parse().unwrap(),
            value: Some(RatingValue::Picks(
                ids.iter().map(|m| m.parse().unwrap()).collect(),
            )),
            reason: String::new(),
            round: Round::First,
            status,
        }
    }

    #[test]
    fn counts_submitted_picks_most_first_and_ties_in_material_order() {
        let ratings = [
            picks("syd-1", &["c", "b"], RatingStatus::Submitted),
            picks("syd-2", &["c", "a"], RatingStatus::Submitted),
            picks("syd-3", &["a", "b"], RatingStatus::Draft),
        ];
        let tal = stemmer(&audit(), &ratings, &"valg".parse().unwrap(), Round::First);
        let got: Vec<(&str, usize)> = tal
            .iter()
            .map(|t| (t.material.as_str(), t.stemmer))
            .collect();
        // c twice; a and b once each (the draft does not count), in material order.
        assert_eq!(got, [("c", 2), ("a", 1), ("b", 1)]);
    }

    #[test]
    fn no_picks_and_unknown_items_give_nothing() {
        let a = audit();
        assert!(stemmer(&a, &[], &"valg".parse().unwrap(), Round::First).is_empty());
        let ratings = [picks("syd-1", &["a", "b"], RatingStatus::Submitted)];
        assert!(stemmer(&a, &ratings, &"andet".parse().unwrap(), Round::First).is_empty());
        assert!(stemmer(&a, &ratings, &"valg".parse().unwrap(), Round::Second).is_empty());
    }
}
