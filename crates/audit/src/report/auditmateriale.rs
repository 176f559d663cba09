//! The generated "Auditmateriale" paragraph: how much material of which kind came from which
//! socialtilsyn, and for process descriptions what their case timelines hold.
//!
//! Phrased as the seed reports phrase it. 19.1: "Materialet, der lå til grund for auditeringen, var
//! to tilsynsrapporter fra hvert socialtilsyn […]". 20.1: "Materialet, der lå til grund for
//! auditeringen, var en godkendelsesrapport fra 2019 af et nyt døgntilbud, fra hvert socialtilsyn.
//! […] Herudover blev hvert socialtilsyn bedt om at udarbejde en praksisbeskrivelse". 19.2:
//! "Auditforløbet tog afsæt i de to seneste sager fra hvert socialtilsyn […]: Procesbeskrivelse af
//! det konkrete sagsforløb, herunder: Beskrivelse af de enkelte sagstrin […]; Eventuelle
//! agterskrivelser".
//!
//! The first kind of material (in the order of [`Materialetype::ALL`]: reports before descriptions)
//! opens the paragraph, each further kind adds a sentence. A kind is counted per tilsyn: "to
//! tilsynsrapporter fra hvert socialtilsyn" when all five sent the same number, "én
//! godkendelsesrapport fra hvert af socialtilsynene Hovedstaden, Midt, Syd og Øst" when some did,
//! and "seks agterskrivelser: to fra Socialtilsyn Syd og én fra hvert af socialtilsynene …" when
//! the numbers differ. Process descriptions with case timelines add what the timelines hold: the
//! dated case steps, how many cases ended with an injunction (påbud) and how many without, and how
//! long the dialogue processes lasted.

use std::collections::BTreeMap;

use super::sprog::{Koen, Navneord, antal, fra_hvert, opremsning, talord};
use crate::sagsforloeb::{Sagsforloeb, Skridtart};
use crate::{Audit, Material, Materialetype, Tilsyn};

/// A kind of material as a countable noun ("tilsynsrapport" / "tilsynsrapporter"; "bilag" is
/// neuter, the rest of common gender).
pub fn materiale_navneord(kind: Materialetype) -> Navneord {
    match kind {
        Materialetype::Bilag => Navneord::intetkoen(kind.navn(), kind.flertal()),
        _ => Navneord::faelleskoen(kind.navn(), kind.flertal()),
    }
}

/// The "Auditmateriale" paragraph for `audit`, generated from its material (see the [module
/// documentation](self)). An audit without material gets a sentence saying so.
pub fn auditmateriale(audit: &Audit) -> String {
    let mut saetninger = Vec::new();
    for (i, kind) in arter(&audit.materials).into_iter().enumerate() {
        let materialer: Vec<&Material> =
            audit.materials.iter().filter(|m| m.kind == kind).collect();
        let beskrivelse = art_fra_tilsyn(kind, &materialer);
        saetninger.push(match i {
            0 => format!("Materialet, der lå til grund for auditeringen, var {beskrivelse}."),
            1 => format!("Herudover indgik {beskrivelse}."),
            _ => format!("Desuden indgik {beskrivelse}."),
        });
        if kind == Materialetype::Procesbeskrivelse {
            saetninger.extend(sagsforloebene(&materialer));
        }
    }
    if saetninger.is_empty() {
        return format!(
            "Der er endnu ikke registreret auditmateriale i audit {}.",
            audit.nr
        );
    }
    saetninger.join(" ")
}

/// The kinds present, in the order of [`Materialetype::ALL`].
fn arter(materialer: &[Material]) -> Vec<Materialetype> {
    Materialetype::ALL
        .into_iter()
        .filter(|k| materialer.iter().any(|m| m.kind == *k))
        .collect()
}

/// "to tilsynsrapporter fra hvert socialtilsyn, i alt 10 tilsynsrapporter".
fn art_fra_tilsyn(kind: Materialetype, materialer: &[&Material]) -> String {
    let navneord = materiale_navneord(kind);
    let mut per_tilsyn: BTreeMap<Tilsyn, usize> = BTreeMap::new();
    for m in materialer {
        *per_tilsyn.entry(m.tilsyn).or_default() += 1;
    }
    let i_alt = materialer.len();
    let grupper = efter_antal(&per_tilsyn);
    match grupper.as_slice() {
        [(n, tilsyn)] if tilsyn.len() == Tilsyn::ALL.len() => format!(
            "{} fra hvert socialtilsyn, i alt {}",
            antal(*n, navneord),
            antal(i_alt, navneord)
        ),
        [(n, tilsyn)] if tilsyn.len() > 1 => format!(
            "{} fra {}, i alt {}",
            antal(*n, navneord),
            fra_hvert(tilsyn),
            antal(i_alt, navneord)
        ),
        [(n, tilsyn)] => format!("{} fra {}", antal(*n, navneord), fra_hvert(tilsyn)),
        flere => {
            let dele: Vec<String> = flere
                .iter()
                .map(|(n, tilsyn)| {
                    format!("{} fra {}", talord(*n, navneord.koen), fra_hvert(tilsyn))
                })
                .collect();
            format!("{}: {}", antal(i_alt, navneord), opremsning(&dele))
        }
    }
}

/// The tilsyn grouped by how many items they sent, most first; tilsyn in report order within a
/// group.
fn efter_antal(per_tilsyn: &BTreeMap<Tilsyn, usize>) -> Vec<(usize, Vec<Tilsyn>)> {
    let mut grupper: BTreeMap<std::cmp::Reverse<usize>, Vec<Tilsyn>> = BTreeMap::new();
    for (t, n) in per_tilsyn {
        grupper.entry(std::cmp::Reverse(*n)).or_default().push(*t);
    }
    grupper.into_iter().map(|(n, ts)| (n.0, ts)).collect()
}

/// What the case timelines of the process descriptions hold, as sentences; none when no process
/// description has a timeline.
fn sagsforloebene(materialer: &[&Material]) -> Vec<String> {
    let forloeb: Vec<&Sagsforloeb> = materialer
        .iter()
        .filter_map(|m| m.sagsforloeb.as_ref())
        .collect();
    if forloeb.is_empty() {
        return Vec::new();
    }
    let skridt: usize = forloeb.iter().map(|f| f.skridt().len()).sum();
    let dialogmoeder = forloeb
        .iter()
        .flat_map(|f| f.skridt())
        .filter(|s| s.art.er_dialogmoede())
        .count();
    let mut ud = vec![format!(
        "Procesbeskrivelserne gengiver de konkrete sagsforløb trin for trin med i alt {}, heraf {}.",
        antal(
            skridt,
            Navneord::intetkoen("dateret sagstrin", "daterede sagstrin")
        ),
        antal(
            dialogmoeder,
            Navneord::faelleskoen("dialogmøde", "dialogmøder")
        ),
    )];
    ud.extend(udfald(&forloeb));
    ud.extend(varighed(&forloeb));
    ud
}

/// "I tre af de 10 sager blev der udstedt påbud, og i to resulterede dialogforløbet i, at der ikke
/// blev udstedt påbud." (19.2's own words for the cases it discussed.)
fn udfald(forloeb: &[&Sagsforloeb]) -> Option<String> {
    let sager = Navneord::faelleskoen("sag", "sager");
    let med_paabud = forloeb
        .iter()
        .filter(|f| f.skridt().iter().any(|s| s.art.er_paabud()))
        .count();
    let uden_paabud = forloeb
        .iter()
        .filter(|f| {
            !f.skridt().iter().any(|s| s.art.er_paabud())
                && f.skridt()
                    .iter()
                    .any(|s| s.art == Skridtart::BekymringOphoert)
        })
        .count();
    let i_alt = antal(forloeb.len(), sager);
    let af = |n: usize| talord(n, Koen::Faelleskoen);
    match (med_paabud, uden_paabud) {
        (0, 0) => None,
        (p, 0) => Some(format!("I {} af de {i_alt} blev der udstedt påbud.", af(p))),
        (0, u) => Some(format!(
            "I {} af de {i_alt} resulterede dialogforløbet i, at der ikke blev udstedt påbud.",
            af(u)
        )),
        (p, u) => Some(format!(
            "I {} af de {i_alt} blev der udstedt påbud, og i {} resulterede dialogforløbet i, at der \
             ikke blev udstedt påbud.",
            af(p),
            af(u)
        )),
    }
}

/// "Dialogforløbene varede mellem 84 og 412 dage." over the cases whose dialogue process ended.
fn varighed(forloeb: &[&Sagsforloeb]) -> Option<String> {
    let dage: Vec<i64> = forloeb
        .iter()
        .filter_map(|f| f.varigheder().dialogforloeb)
        .collect();
    let (min, max) = (dage.iter().min()?, dage.iter().max()?);
    Some(if dage.len() == 1 {
        format!("Det afsluttede dialogforløb varede {min} dage.")
    } else if min == max {
        format!("De afsluttede dialogforløb varede hver {min} dage.")
    } else {
        format!("De afsluttede dialogforløb varede mellem {min} og {max} dage.")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MaterialId;

    fn materiale(id: &str, tilsyn: Tilsyn, kind: Materialetype) -> Material {
        Material {
            id: MaterialId::new(id).unwrap(),
            pseudonym: id.to_uppercase(),
            tilsyn,
            kind,
            beskrivelse: String::new(),
            original_scores: BTreeMap::new(),
            tilbud: None,
            sagsforloeb: None,
            dato: None,
        }
    }

    #[test]
    fn counts_per_tilsyn_are_grouped() {
        use Materialetype::{Agterskrivelse, Bilag};
        use Tilsyn::*;
        let m = [
            materiale("a", Syd, Agterskrivelse),
            materiale("b", Syd, Agterskrivelse),
            materiale("c", Midt, Agterskrivelse),
            materiale("d", Nord, Agterskrivelse),
        ];
        let refs: Vec<&Material> = m.iter().collect();
        assert_eq!(
            art_fra_tilsyn(Agterskrivelse, &refs),
            "fire agterskrivelser: to fra Socialtilsyn Syd og én fra hvert af socialtilsynene \
             Midt og Nord"
        );
        let b = [materiale("x", Oest, Bilag)];
        let refs: Vec<&Material> = b.iter().collect();
        assert_eq!(
            art_fra_tilsyn(Bilag, &refs),
            "ét bilag fra Socialtilsyn Øst"
        );
    }
}
