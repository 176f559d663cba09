//! The generated paragraphs beside each discussion: how the panel's round-1 ratings of the indicator
//! were distributed over the scale and how far the raters agreed, and, for nominations (19.1),
//! which material the panel pointed to as the best example.
//!
//! "Af de 40 bedømmelser af indikator 3.a lød 36 (90 %) på »forventes at kunne opfylde« og 4 (10 %)
//! på »forventes ikke at kunne opfylde«. Enigheden var 82 % …". Counts and percentages are written
//! with digits, as figures are; decimals with a comma.
//!
//! The distribution is counted here from the ratings. The agreement figures are not computed here:
//! they come from the calibration statistics ([`crate::calibration`]) as an [`Enighed`]
//! (coefficients with their intervals, and the Danish readings of the `agreement` crate), so that
//! the report prints exactly the numbers of the calibration appendix.

use std::collections::BTreeMap;

use agreement::interpretation;
use serde::{Deserialize, Serialize};

use super::auditmateriale::materiale_navneord;
use super::sprog::{Navneord, opremsning, talord};
use crate::calibration::Coefficients;
use crate::danske_tal::{decimal, percent};
use crate::optaelling::stemmer;
use crate::{Audit, Emne, ItemKind, Rating, Round, Scale};

/// How the round-1 ratings of one subject (an indicator, or the overall assessment) fell on the
/// scale, with the agreement figures when they are computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bedoemmelsesfordeling {
    /// The ratings in words, as the paragraph counts them ("bedømmelser af indikator 3.a",
    /// "helhedsvurderinger").
    pub bedoemmelser: String,
    /// Every value of the scale with its count, in the scale's order (lowest code first).
    pub kategorier: Vec<Kategoriantal>,
    /// Submitted ratings without a value (the rater could not rate).
    pub uden_vaerdi: usize,
    /// The agreement figures, when the calibration statistics have been computed.
    pub enighed: Option<Enighed>,
}

/// One value of a scale and how many ratings had it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kategoriantal {
    /// The value's code.
    pub vaerdi: i32,
    /// Its Danish label ("forventes at kunne opfylde").
    pub etiket: String,
    /// How many ratings had it.
    pub antal: usize,
}

/// The agreement among the raters of one subject, as the calibration statistics give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Enighed {
    /// The share of agreeing pairs of ratings of the same material, in `[0, 1]`.
    pub procent: Option<f64>,
    /// Chance-corrected coefficients, in the order to print them.
    pub koefficienter: Vec<Koefficient>,
    /// Finished Danish sentences that read the figures (a Landis & Koch band, the κ paradox).
    pub fortolkning: Vec<String>,
}

/// One agreement coefficient with its 95 % interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Koefficient {
    /// The name as printed ("Gwets AC1", "Fleiss' κ").
    pub navn: String,
    /// The estimate.
    pub estimat: f64,
    /// The 95 % interval `[lower, upper]`, when there is one.
    pub interval: Option<[f64; 2]>,
    /// The band the estimate falls in, for a κ-type coefficient ("næsten perfekt", Landis & Koch
    /// 1977).
    pub niveau: Option<String>,
}

impl Enighed {
    /// The agreement of one item as the calibration computed it: percent agreement, Gwet's AC1 and
    /// Fleiss' κ with their intervals and Landis & Koch's bands, why a coefficient is undefined when
    /// it is, and the κ-paradox explanation when it applies.
    pub fn fra_koefficienter(c: &Coefficients, paradoks: Option<&str>) -> Enighed {
        let navngivne = [("Gwets AC1", &c.gwet_ac1), ("Fleiss' κ", &c.fleiss_kappa)];
        let koefficienter = navngivne
            .iter()
            .filter_map(|(navn, k)| {
                let estimat = k.value?;
                Some(Koefficient {
                    navn: (*navn).to_owned(),
                    estimat,
                    interval: k.ci95,
                    niveau: Some(interpretation::landis_koch(estimat).to_owned()),
                })
            })
            .collect();
        let mut fortolkning: Vec<String> = navngivne
            .iter()
            .filter_map(|(navn, k)| {
                let note = k.note.as_deref().filter(|_| k.value.is_none())?;
                Some(format!("{navn} kan ikke beregnes: {note}."))
            })
            .collect();
        fortolkning.extend(paradoks.map(str::to_owned));
        Enighed {
            procent: c.percent_agreement.value,
            koefficienter,
            fortolkning,
        }
    }
}

impl Bedoemmelsesfordeling {
    /// The number of ratings with a value.
    pub fn i_alt(&self) -> usize {
        self.kategorier.iter().map(|k| k.antal).sum()
    }
}

/// The round-1 distribution of the submitted ratings of `emne` among `ratings`, on the scale of the
/// first form that rates it: an indicator's ratings ([`ItemKind::Indikator`]) or the overall
/// assessments ([`ItemKind::Helhedsvurdering`] for [`Emne::Helhed`]). `None` for other subjects,
/// for subjects no form rates, and when there are no submitted ratings yet.
///
/// `ratings` must be the ratings the reader may see (the report passes those of
/// [`crate::visibility::visible_ratings`]), so that no value is counted before reveal.
pub fn fordeling(audit: &Audit, ratings: &[Rating], emne: &Emne) -> Option<Bedoemmelsesfordeling> {
    let passer = |kind: &ItemKind| match (emne, kind) {
        (Emne::Indikator(id), ItemKind::Indikator { indikator }) => id == indikator,
        (Emne::Helhed, ItemKind::Helhedsvurdering) => true,
        _ => false,
    };
    let scale: &Scale = &audit
        .forms
        .iter()
        .find(|f| f.items.iter().any(|i| passer(&i.kind)))?
        .scale;
    let items: Vec<_> = audit
        .forms
        .iter()
        .filter(|f| &f.scale == scale)
        .flat_map(|f| &f.items)
        .filter(|i| passer(&i.kind))
        .map(|i| &i.id)
        .collect();
    let relevante: Vec<&Rating> = ratings
        .iter()
        .filter(|r| r.round == Round::First && r.is_submitted() && items.contains(&&r.unit.item))
        .collect();
    if relevante.is_empty() {
        return None;
    }
    let mut tal: BTreeMap<i32, usize> = BTreeMap::new();
    for v in relevante.iter().filter_map(|r| r.score()) {
        *tal.entry(v).or_default() += 1;
    }
    Some(Bedoemmelsesfordeling {
        bedoemmelser: match emne {
            Emne::Helhed => "helhedsvurderinger".to_owned(),
            _ => format!("bedømmelser af {}", emne.beskrivelse()),
        },
        kategorier: scale
            .values()
            .into_iter()
            .map(|(vaerdi, etiket)| Kategoriantal {
                vaerdi,
                etiket,
                antal: tal.get(&vaerdi).copied().unwrap_or(0),
            })
            .collect(),
        uden_vaerdi: relevante.iter().filter(|r| r.value.is_none()).count(),
        enighed: None,
    })
}

/// The paragraph on the distribution and the agreement: "Af de 40 bedømmelser af indikator 3.a lød
/// 36 (90 %) på »forventes at kunne opfylde« og 4 (10 %) på »forventes ikke at kunne opfylde«. …".
pub fn fordelingsafsnit(f: &Bedoemmelsesfordeling) -> String {
    let mut saetninger = vec![fordelingssaetning(f)];
    if f.uden_vaerdi > 0 {
        saetninger.push(format!(
            "Herudover kunne bedømmerne i {} tilfælde ikke give en bedømmelse.",
            f.uden_vaerdi
        ));
    }
    if let Some(e) = &f.enighed {
        saetninger.extend(enighedssaetninger(e));
    }
    saetninger.join(" ")
}

fn fordelingssaetning(f: &Bedoemmelsesfordeling) -> String {
    let i_alt = f.i_alt();
    if i_alt == 0 {
        return format!("Ingen af de {} havde en værdi.", f.bedoemmelser);
    }
    let mut med: Vec<&Kategoriantal> = f.kategorier.iter().filter(|k| k.antal > 0).collect();
    // Most frequent first; among equals the higher value first.
    med.sort_by(|a, b| b.antal.cmp(&a.antal).then(b.vaerdi.cmp(&a.vaerdi)));
    match med.as_slice() {
        [en] if i_alt == 1 => format!("Den eneste bedømmelse lød på »{}«.", en.etiket),
        [en] => format!("Alle {i_alt} {} lød på »{}«.", f.bedoemmelser, en.etiket),
        flere => {
            let dele: Vec<String> = flere
                .iter()
                .map(|k| {
                    format!(
                        "{} ({}) på »{}«",
                        k.antal,
                        percent(k.antal as f64 / i_alt as f64),
                        k.etiket
                    )
                })
                .collect();
            format!(
                "Af de {i_alt} {} lød {}.",
                f.bedoemmelser,
                opremsning(&dele)
            )
        }
    }
}

/// "Enigheden var 82 %, målt som andelen af par af bedømmelser af samme materiale, der lød ens.
/// Gwets AC1 var 0,79 (95 %-konfidensinterval 0,65 til 0,90): væsentlig overensstemmelse (Landis &
/// Koch 1977). …"
fn enighedssaetninger(e: &Enighed) -> Vec<String> {
    let mut ud = Vec::new();
    if let Some(p) = e.procent {
        ud.push(format!(
            "Enigheden var {}, målt som andelen af par af bedømmelser af samme materiale, der lød \
             ens.",
            percent(p)
        ));
    }
    for k in &e.koefficienter {
        let interval = k
            .interval
            .map(|[lav, hoej]| {
                format!(
                    " (95 %-konfidensinterval {} til {})",
                    decimal(lav, 2),
                    decimal(hoej, 2)
                )
            })
            .unwrap_or_default();
        let niveau = k
            .niveau
            .as_ref()
            .map(|n| format!(": {n} overensstemmelse (Landis & Koch 1977)"))
            .unwrap_or_default();
        ud.push(format!(
            "{} var {}{interval}{niveau}.",
            k.navn,
            decimal(k.estimat, 2)
        ));
    }
    ud.extend(e.fortolkning.iter().map(|s| s.trim().to_owned()));
    ud
}

/// The paragraph on a nomination item for `indikator` (19.1): "Som bedste eksempel på en bedømmelse
/// af indikator 8.a pegede 9 af de 15 deltagere på Rapport C og 3 på Rapport H; de øvrige 3 stemmer
/// fordelte sig på tre andre tilsynsrapporter." Counts submitted round-1 nominations among
/// `ratings` (which must be the ratings the reader may see). `None` when the audit has no
/// nomination for the indicator or nobody has nominated yet.
pub fn nomineringsafsnit(audit: &Audit, ratings: &[Rating], indikator: &str) -> Option<String> {
    let (_, item) = audit.forms.iter().flat_map(|f| f.items.iter().map(move |i| (f, i))).find(
        |(_, i)| matches!(&i.kind, ItemKind::Nominering { indikator: Some(id) } if id == indikator),
    )?;
    let tal = stemmer(audit, ratings, &item.id, Round::First);
    let i_alt: usize = tal.iter().map(|t| t.stemmer).sum();
    if i_alt == 0 {
        return None;
    }
    let navn = |id: &crate::MaterialId| {
        audit
            .material(id)
            .map_or_else(|| id.to_string(), |m| m.pseudonym.clone())
    };
    let med: Vec<_> = tal.iter().filter(|t| t.stemmer > 0).collect();
    // The two most nominated by name, or all three when only one more has votes.
    let vis = if med.len() == 3 { 3 } else { med.len().min(2) };
    let (vist, oevrige) = med.split_at(vis);
    let dele: Vec<String> = vist
        .iter()
        .enumerate()
        .map(|(i, t)| {
            // "9 af de 15 deltagere på Rapport C og 3 på Rapport H": only the first names the whole.
            let hvor_mange = if i == 0 {
                format!("{} af de {i_alt} deltagere", t.stemmer)
            } else {
                t.stemmer.to_string()
            };
            format!("{hvor_mange} på {}", navn(&t.material))
        })
        .collect();
    let mut tekst = format!(
        "Som bedste eksempel på en bedømmelse af indikator {indikator} pegede {}",
        opremsning(&dele)
    );
    if !oevrige.is_empty() {
        let slags = oevrige
            .first()
            .and_then(|t| audit.material(&t.material))
            .map_or(Navneord::intetkoen("materiale", "materialer"), |m| {
                materiale_navneord(m.kind)
            });
        let stemmer_i_alt: usize = oevrige.iter().map(|t| t.stemmer).sum();
        tekst.push_str(&format!(
            "; de øvrige {} fordelte sig på {} andre {}",
            antal_stemmer(stemmer_i_alt),
            talord(oevrige.len(), slags.koen),
            slags.boejet(oevrige.len())
        ));
    }
    tekst.push('.');
    Some(tekst)
}

fn antal_stemmer(n: usize) -> String {
    if n == 1 {
        "1 stemme".to_owned()
    } else {
        format!("{n} stemmer")
    }
}

/// The case selection (19.2) as one sentence: "Deltagernes 56 valg fordelte sig således: Sag A 12,
/// Sag C 11, … og Sag G 2." Counts submitted round-1 selections among `ratings` (which must be the
/// ratings the reader may see); `None` when the audit has no case selection or nobody has chosen
/// yet.
pub fn sagsvalgsafsnit(audit: &Audit, ratings: &[Rating]) -> Option<String> {
    let item = audit
        .forms
        .iter()
        .flat_map(|f| &f.items)
        .find(|i| matches!(i.kind, ItemKind::Sagsudvaelgelse { .. }))?;
    let tal = stemmer(audit, ratings, &item.id, Round::First);
    let i_alt: usize = tal.iter().map(|t| t.stemmer).sum();
    if i_alt == 0 {
        return None;
    }
    let dele: Vec<String> = tal
        .iter()
        .filter(|t| t.stemmer > 0)
        .map(|t| {
            let navn = audit
                .material(&t.material)
                .map_or_else(|| t.material.to_string(), |m| m.pseudonym.clone());
            format!("{navn} {}", t.stemmer)
        })
        .collect();
    Some(format!(
        "Deltagernes {i_alt} valg fordelte sig således: {}.",
        opremsning(&dele)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fordeling(tal: &[(i32, &str, usize)], uden: usize) -> Bedoemmelsesfordeling {
        Bedoemmelsesfordeling {
            bedoemmelser: "bedømmelser af indikator 3.a".into(),
            kategorier: tal
                .iter()
                .map(|(v, e, n)| Kategoriantal {
                    vaerdi: *v,
                    etiket: (*e).into(),
                    antal: *n,
                })
                .collect(),
            uden_vaerdi: uden,
            enighed: None,
        }
    }

    const JA: &str = "forventes at kunne opfylde";
    const NEJ: &str = "forventes ikke at kunne opfylde";

    #[test]
    fn the_distribution_is_written_as_the_brief_words_it() {
        // The brief: "Af de 40 bedømmelser af indikator 3.a lød 36 på »forventes at kunne opfylde« …".
        let f = fordeling(&[(0, NEJ, 4), (1, JA, 36)], 0);
        assert_eq!(
            fordelingsafsnit(&f),
            "Af de 40 bedømmelser af indikator 3.a lød 36 (90 %) på »forventes at kunne opfylde« \
             og 4 (10 %) på »forventes ikke at kunne opfylde«."
        );
    }

    #[test]
    fn one_category_missing_values_and_agreement() {
        let mut f = fordeling(&[(0, NEJ, 0), (1, JA, 38)], 2);
        f.enighed = Some(Enighed {
            procent: Some(1.0),
            koefficienter: vec![Koefficient {
                navn: "Gwets AC1".into(),
                estimat: 1.0,
                interval: Some([0.912, 1.0]),
                niveau: Some("næsten perfekt".into()),
            }],
            fortolkning: vec!["Fleiss' κ kan ikke beregnes: alle bedømmelser er ens.".into()],
        });
        assert_eq!(
            fordelingsafsnit(&f),
            "Alle 38 bedømmelser af indikator 3.a lød på »forventes at kunne opfylde«. Herudover \
             kunne bedømmerne i 2 tilfælde ikke give en bedømmelse. Enigheden var 100 %, målt som andelen af par af bedømmelser af samme materiale, der lød ens. Gwets \
             AC1 var 1,00 (95 %-konfidensinterval 0,91 til 1,00): næsten perfekt overensstemmelse \
             (Landis & Koch 1977). Fleiss' κ kan ikke beregnes: alle bedømmelser er ens."
        );
    }
}
