//! The generated "Deltagere" paragraph: which socialtilsyn took part in which roles, who was
//! exempted or cancelled, and how many took part in all.
//!
//! Phrased as the seed reports phrase it. 20.1: "Socialtilsyn Nord blev, på baggrund af en anmodning
//! og en konkret vurdering, fritaget fra deltagelse i audit 20.1. […] Socialtilsyn Syd meldte afbud
//! på dagen for auditmødet. […] I alt deltog 8 personer fra de tre socialtilsyn." 19.1: "deltog alle
//! fem socialtilsyn i audit 19.1. Fra hvert af de fem socialtilsyn deltog de to tilsynskonsulenter
//! […]. Herudover deltog den faglige leder på området eller faglig koordinator/udviklingskonsulent. I
//! alt deltog 15 personer fra de fem socialtilsyn i audit 19.1."
//!
//! # How the paragraph is built
//!
//! 1. Who came: "Alle fem socialtilsyn deltog i audit 19.1." when every tilsyn on the panel sent
//!    someone; otherwise a sentence for each tilsyn nobody came from (exempted, or cancelled —
//!    "på dagen for auditmødet" when the cancellation came on the day).
//! 2. Absences of single members of a tilsyn that did take part.
//! 3. The composition. Roles that every attending tilsyn sent in the same number are said once
//!    ("Fra hvert af de fem socialtilsyn deltog to tilsynskonsulenter."), the rest per tilsyn after
//!    "Herudover deltog". Without such a common core, tilsyn that sent the same are grouped ("Fra
//!    hvert af socialtilsynene Hovedstaden og Øst deltog to tilsynskonsulenter og én faglig leder.").
//! 4. The total, with digits as the reports write it: "I alt deltog 8 personer fra de tre
//!    socialtilsyn i audit 20.1."
//!
//! A reason recorded with an absence is used in one of two ways. Written as a whole sentence (a
//! capital first letter) that names the tilsyn, it is quoted as written, in place of the generated
//! sentence — the demo records 20.1's own sentences that way; a whole sentence that does not name
//! the tilsyn follows the generated one. Written as a phrase ("på baggrund af en anmodning"), it is
//! woven in: "Socialtilsyn Nord blev, på baggrund af en anmodning, fritaget fra deltagelse i audit
//! 20.1."

use std::collections::BTreeMap;

use super::sprog::{
    Navneord, antal, de_socialtilsyn, er_saetning, fra_hvert, med_punktum, opremsning,
    stort_forbogstav, tilsynsliste,
};
use crate::{Audit, Fremmoede, PanelMember, Panelrolle, Tilsyn};

/// How many members of each role, in the order reports list the roles.
type Rolletal = BTreeMap<Panelrolle, usize>;

/// A role as a countable noun ("faglig leder" / "faglige ledere"; every role is of common gender).
pub fn rolle_navneord(rolle: Panelrolle) -> Navneord {
    Navneord::faelleskoen(rolle.navn(), rolle.flertal())
}

/// The "Deltagere" paragraph for `audit`, generated from its panel (see the [module
/// documentation](self) for how it is built).
pub fn deltagere(audit: &Audit) -> String {
    let nr = audit.nr.as_str();
    let panel = per_tilsyn(&audit.panel);
    let deltagende: Vec<Tilsyn> = panel
        .iter()
        .filter(|(_, medlemmer)| medlemmer.iter().any(|m| deltog(m)))
        .map(|(t, _)| *t)
        .collect();
    let fravaerende: Vec<Tilsyn> = panel
        .keys()
        .filter(|t| !deltagende.contains(t))
        .copied()
        .collect();
    let mut saetninger = Vec::new();
    if fravaerende.is_empty() && !deltagende.is_empty() {
        saetninger.push(alle_deltog(&deltagende, nr));
    }
    for t in &fravaerende {
        saetninger.extend(hele_tilsyn_fravaer(*t, &panel[t], nr));
    }
    for t in &deltagende {
        saetninger.extend(enkeltes_fravaer(*t, &panel[t], nr));
    }
    let sammensaetning: Vec<(Tilsyn, Rolletal)> = deltagende
        .iter()
        .map(|t| (*t, rolletal(panel[t].iter().copied().filter(|m| deltog(m)))))
        .collect();
    saetninger.extend(sammensaetningen(&sammensaetning, !fravaerende.is_empty()));
    saetninger.push(i_alt(&sammensaetning, &deltagende, nr));
    dedup_i_orden(saetninger).join(" ")
}

fn deltog(m: &PanelMember) -> bool {
    m.attendance == Fremmoede::Deltager
}

/// The panel per tilsyn, in the order reports list the tilsyn.
fn per_tilsyn(panel: &[PanelMember]) -> BTreeMap<Tilsyn, Vec<&PanelMember>> {
    let mut ud: BTreeMap<Tilsyn, Vec<&PanelMember>> = BTreeMap::new();
    for m in panel {
        ud.entry(m.tilsyn).or_default().push(m);
    }
    ud
}

fn rolletal<'a>(medlemmer: impl Iterator<Item = &'a PanelMember>) -> Rolletal {
    let mut ud = Rolletal::new();
    for m in medlemmer {
        *ud.entry(m.rolle).or_default() += 1;
    }
    ud
}

/// "to tilsynskonsulenter og én faglig leder".
fn roller(tal: &Rolletal) -> String {
    let dele: Vec<String> = tal
        .iter()
        .map(|(rolle, n)| antal(*n, rolle_navneord(*rolle)))
        .collect();
    opremsning(&dele)
}

/// "Alle fem socialtilsyn deltog i audit 19.1." / "Socialtilsynene Midt og Øst deltog …".
fn alle_deltog(tilsyn: &[Tilsyn], nr: &str) -> String {
    match tilsyn {
        [et] => format!("{} deltog i audit {nr}.", et.fulde_navn()),
        _ if tilsyn.len() == Tilsyn::ALL.len() => {
            format!("Alle fem socialtilsyn deltog i audit {nr}.")
        }
        flere => format!(
            "Socialtilsynene {} deltog i audit {nr}.",
            tilsynsliste(flere)
        ),
    }
}

/// The kinds of absence, in the order the sentences come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fravaer {
    Fritaget,
    AfbudPaaDagen,
    Afbud,
}

fn fravaer(a: &Fremmoede) -> Option<(Fravaer, &str)> {
    match a {
        Fremmoede::Deltager => None,
        Fremmoede::Fritaget { grund } => Some((Fravaer::Fritaget, grund)),
        Fremmoede::Afbud { grund, paa_dagen } => Some((
            if *paa_dagen {
                Fravaer::AfbudPaaDagen
            } else {
                Fravaer::Afbud
            },
            grund,
        )),
    }
}

/// Sentences for a tilsyn nobody came from: one per kind of absence among its members, with the
/// tilsyn as the subject when they share it ("Socialtilsyn Syd meldte afbud på dagen for
/// auditmødet."), or the members' roles when they do not.
fn hele_tilsyn_fravaer(t: Tilsyn, medlemmer: &[&PanelMember], nr: &str) -> Vec<String> {
    let grupper = fravaersgrupper(medlemmer);
    let faelles = grupper.len() == 1;
    let mut ud = Vec::new();
    for ((art, grund), hvem) in &grupper {
        let subjekt = if faelles {
            t.fulde_navn()
        } else {
            stort_forbogstav(&format!("{} fra {}", roller(hvem), t.fulde_navn()))
        };
        ud.push(fravaerssaetning(*art, &subjekt, grund, t, nr));
    }
    ud
}

/// Sentences for members who were absent from a tilsyn that did take part ("Én tilsynskonsulent fra
/// Socialtilsyn Midt meldte afbud.").
fn enkeltes_fravaer(t: Tilsyn, medlemmer: &[&PanelMember], nr: &str) -> Vec<String> {
    fravaersgrupper(medlemmer)
        .iter()
        .map(|((art, grund), hvem)| {
            let subjekt = stort_forbogstav(&format!("{} fra {}", roller(hvem), t.fulde_navn()));
            fravaerssaetning(*art, &subjekt, grund, t, nr)
        })
        .collect()
}

/// The absent members by kind of absence and recorded reason.
fn fravaersgrupper(medlemmer: &[&PanelMember]) -> BTreeMap<(Fravaer, String), Rolletal> {
    let mut ud: BTreeMap<(Fravaer, String), Rolletal> = BTreeMap::new();
    for m in medlemmer {
        if let Some((art, grund)) = fravaer(&m.attendance) {
            *ud.entry((art, grund.trim().to_owned()))
                .or_default()
                .entry(m.rolle)
                .or_default() += 1;
        }
    }
    ud
}

/// One absence sentence, using the recorded reason as the [module documentation](self) describes.
fn fravaerssaetning(art: Fravaer, subjekt: &str, grund: &str, t: Tilsyn, nr: &str) -> String {
    let grund = grund.trim();
    if er_saetning(grund) && grund.contains(&t.fulde_navn()) {
        return med_punktum(grund);
    }
    let vaevet = (!grund.is_empty() && !er_saetning(grund)).then_some(grund);
    let saetning = match (art, vaevet) {
        (Fravaer::Fritaget, Some(g)) => {
            format!("{subjekt} blev, {g}, fritaget fra deltagelse i audit {nr}.")
        }
        (Fravaer::Fritaget, None) => {
            format!("{subjekt} blev fritaget fra deltagelse i audit {nr}.")
        }
        (Fravaer::AfbudPaaDagen, g) => format!(
            "{subjekt} meldte afbud på dagen for auditmødet{}.",
            parentes(g)
        ),
        (Fravaer::Afbud, g) => format!("{subjekt} meldte afbud{}.", parentes(g)),
    };
    if er_saetning(grund) {
        format!("{saetning} {}", med_punktum(grund))
    } else {
        saetning
    }
}

fn parentes(grund: Option<&str>) -> String {
    grund.map(|g| format!(" ({g})")).unwrap_or_default()
}

/// The composition sentences (step 3 of the [module documentation](self)).
fn sammensaetningen(sammensaetning: &[(Tilsyn, Rolletal)], oevrige: bool) -> Vec<String> {
    let tilsyn: Vec<Tilsyn> = sammensaetning.iter().map(|(t, _)| *t).collect();
    let kerne = faelles_kerne(sammensaetning);
    if kerne.is_empty() || sammensaetning.len() < 2 {
        return grupper(sammensaetning.iter().map(|(t, r)| (*t, r.clone())))
            .into_iter()
            .map(|(r, ts)| format!("Fra {} deltog {}.", fra_hvert(&ts), roller(&r)))
            .collect();
    }
    let mut ud = vec![format!(
        "Fra hvert af {} deltog {}.",
        de_socialtilsyn(&tilsyn, oevrige),
        roller(&kerne)
    )];
    let rester = grupper(sammensaetning.iter().map(|(t, r)| (*t, uden(r, &kerne))))
        .into_iter()
        .filter(|(r, _)| !r.is_empty())
        .map(|(r, ts)| format!("{} fra {}", roller(&r), fra_hvert(&ts)))
        .collect::<Vec<_>>();
    if !rester.is_empty() {
        ud.push(format!("Herudover deltog {}.", opremsning(&rester)));
    }
    ud
}

/// The roles every attending tilsyn sent in the same number.
fn faelles_kerne(sammensaetning: &[(Tilsyn, Rolletal)]) -> Rolletal {
    let Some((_, foerste)) = sammensaetning.first() else {
        return Rolletal::new();
    };
    foerste
        .iter()
        .filter(|(rolle, n)| sammensaetning.iter().all(|(_, r)| r.get(rolle) == Some(*n)))
        .map(|(rolle, n)| (*rolle, *n))
        .collect()
}

fn uden(tal: &Rolletal, kerne: &Rolletal) -> Rolletal {
    tal.iter()
        .filter(|(rolle, _)| !kerne.contains_key(rolle))
        .map(|(rolle, n)| (*rolle, *n))
        .collect()
}

/// Tilsyn grouped by identical composition, each group in the order its first tilsyn comes.
fn grupper(
    sammensaetning: impl Iterator<Item = (Tilsyn, Rolletal)>,
) -> Vec<(Rolletal, Vec<Tilsyn>)> {
    let mut ud: Vec<(Rolletal, Vec<Tilsyn>)> = Vec::new();
    for (t, r) in sammensaetning {
        match ud.iter_mut().find(|(andet, _)| *andet == r) {
            Some((_, ts)) => ts.push(t),
            None => ud.push((r, vec![t])),
        }
    }
    ud
}

/// "I alt deltog 15 personer fra de fem socialtilsyn i audit 19.1."
fn i_alt(sammensaetning: &[(Tilsyn, Rolletal)], deltagende: &[Tilsyn], nr: &str) -> String {
    let personer: usize = sammensaetning.iter().flat_map(|(_, r)| r.values()).sum();
    match personer {
        0 => format!("Ingen fra auditpanelet deltog i auditmødet i audit {nr}."),
        1 => format!(
            "I alt deltog 1 person fra {} i audit {nr}.",
            de_socialtilsyn(deltagende, false)
        ),
        n => format!(
            "I alt deltog {n} personer fra {} i audit {nr}.",
            de_socialtilsyn(deltagende, false)
        ),
    }
}

/// The sentences without repeats (two members of one tilsyn may record the same reason), first
/// occurrence kept.
fn dedup_i_orden(saetninger: Vec<String>) -> Vec<String> {
    let mut ud: Vec<String> = Vec::new();
    for s in saetninger {
        if !ud.contains(&s) {
            ud.push(s);
        }
    }
    ud
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Afsloeringsregel, AuditNr, Username, WorkflowState};

    fn medlem(n: usize, tilsyn: Tilsyn, rolle: Panelrolle, attendance: Fremmoede) -> PanelMember {
        PanelMember {
            username: Username::new(format!("{}-{n}", tilsyn.id())).unwrap(),
            navn: format!("Medlem {n}"),
            tilsyn,
            rolle,
            attendance,
        }
    }

    fn audit(panel: Vec<PanelMember>) -> Audit {
        Audit {
            nr: AuditNr::new("30.1").unwrap(),
            titel: "Test".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2024".into(),
            state: WorkflowState::Rapport,
            deadline: None,
            meeting_date: None,
            reveal_rule: Afsloeringsregel::default(),
            panel,
            materials: vec![],
            forms: vec![],
        }
    }

    use Fremmoede::Deltager;
    use Panelrolle::{FagligLeder, Jurist, Tilsynskonsulent};
    use Tilsyn::{Hovedstaden, Midt, Oest, Syd};

    #[test]
    fn one_tilsyn_one_person() {
        let a = audit(vec![medlem(1, Midt, Jurist, Deltager)]);
        assert_eq!(
            deltagere(&a),
            "Socialtilsyn Midt deltog i audit 30.1. Fra Socialtilsyn Midt deltog én jurist. \
             I alt deltog 1 person fra Socialtilsyn Midt i audit 30.1."
        );
    }

    #[test]
    fn a_phrase_as_reason_is_woven_into_the_sentence() {
        let a = audit(vec![
            medlem(1, Midt, Tilsynskonsulent, Deltager),
            medlem(
                2,
                Syd,
                FagligLeder,
                Fremmoede::Fritaget {
                    grund: "efter eget ønske".into(),
                },
            ),
            medlem(
                3,
                Oest,
                FagligLeder,
                Fremmoede::Afbud {
                    grund: String::new(),
                    paa_dagen: false,
                },
            ),
        ]);
        assert_eq!(
            deltagere(&a),
            "Socialtilsyn Syd blev, efter eget ønske, fritaget fra deltagelse i audit 30.1. \
             Socialtilsyn Øst meldte afbud. Fra Socialtilsyn Midt deltog én tilsynskonsulent. \
             I alt deltog 1 person fra Socialtilsyn Midt i audit 30.1."
        );
    }

    #[test]
    fn a_sentence_as_reason_that_does_not_name_the_tilsyn_follows_the_generated_one() {
        let a = audit(vec![
            medlem(1, Midt, Tilsynskonsulent, Deltager),
            medlem(
                2,
                Midt,
                Tilsynskonsulent,
                Fremmoede::Afbud {
                    grund: "Konsulenten var syg".into(),
                    paa_dagen: true,
                },
            ),
            medlem(3, Hovedstaden, Tilsynskonsulent, Deltager),
        ]);
        assert_eq!(
            deltagere(&a),
            "Socialtilsynene Hovedstaden og Midt deltog i audit 30.1. Én tilsynskonsulent fra \
             Socialtilsyn Midt meldte afbud på dagen for auditmødet. Konsulenten var syg. Fra \
             hvert af de to socialtilsyn deltog én tilsynskonsulent. I alt deltog 2 personer fra \
             de to socialtilsyn i audit 30.1."
        );
    }

    #[test]
    fn without_a_common_core_equal_tilsyn_are_grouped() {
        let a = audit(vec![
            medlem(1, Hovedstaden, Tilsynskonsulent, Deltager),
            medlem(2, Hovedstaden, FagligLeder, Deltager),
            medlem(3, Oest, Tilsynskonsulent, Deltager),
            medlem(4, Oest, FagligLeder, Deltager),
            medlem(5, Syd, Jurist, Deltager),
        ]);
        assert_eq!(
            deltagere(&a),
            "Socialtilsynene Hovedstaden, Syd og Øst deltog i audit 30.1. Fra hvert af \
             socialtilsynene Hovedstaden og Øst deltog én tilsynskonsulent og én faglig leder. \
             Fra Socialtilsyn Syd deltog én jurist. I alt deltog 5 personer fra de tre \
             socialtilsyn i audit 30.1."
        );
    }

    #[test]
    fn an_empty_panel_says_so() {
        assert_eq!(
            deltagere(&audit(vec![])),
            "Ingen fra auditpanelet deltog i auditmødet i audit 30.1."
        );
    }
}
