//! Builds the [`Rapport`] from an audit, its ratings, the report content, the pinned quality model,
//! the standard texts and the calibration appendix.
//!
//! # Where each section's text comes from
//!
//! | section | generated / standard | written (report content) |
//! | --- | --- | --- |
//! | 1 Indledning | `tekster.indledning` | — |
//! | 2 Formål | `tekster.formaal`; 2.1 the audit's `formaal` | introductory sections |
//! | 3.1 Fokus | the audit's `fokus` | an introductory section "Fokus"/"Fokusområde" |
//! | 3.2 Deltagere | [`super::deltagere`], or the koordinator's edit | an introductory section "Deltagere" |
//! | 3.3 Auditmateriale | [`super::auditmateriale`] | an introductory section "Auditmateriale" |
//! | 3.4 Metodisk fokus | [`super::metodisk_fokus`], the case selection | "Metodisk fokus"/"Metodisk tilgang" |
//! | 4 Drøftelser | model text, distribution and agreement, nominations | the discussions, plenum |
//! | 5 Anbefalinger | links to discussions and actions | the recommendations |
//! | 6 Opfølgningsplan | the standard opening, parsed due dates | the actions |
//! | 7 Bilag | calibration appendix ([`crate::calibration`]), spider webs | the report's annexes |
//!
//! An introductory section of the report content whose heading names one of the generated
//! subsections (compared without case) is printed in that subsection, after the generated text,
//! under its own heading; the other introductory sections follow the audit's purpose as subsections
//! of 2.
//!
//! Rating values enter the report only through [`visible_ratings`] for the koordinator, the
//! report's author: after reveal every submitted rating, before reveal none.

use std::collections::BTreeSet;

use super::bilag::{Kalibreringsbilag, spindelvaev};
use super::document::{
    Anbefalingsdel, Bilagsdel, Blok, Droeftelsesdel, Fristangivelse, Grundlag, Indholdspunkt,
    Indikatoromtale, MetodiskTilrettelaeggelse, Opfoelgningsplan, Overskrift, Rapport,
    RapportAnbefaling, RapportBilag, RapportDroeftelse, RapportTiltag, Redigeringsmaerke, Sektion,
};
use super::indikator::{fordeling, fordelingsafsnit, nomineringsafsnit, sagsvalgsafsnit};
use super::sprog::{anker, opremsning};
use super::{auditmateriale, deltagere, metodisk_fokus};
use crate::calibration::Options;
use crate::kvalitetsmodel::Kvalitetsmodel;
use crate::report_content::{Redigeringsmaade, Tekstredigering};
use crate::tekster::{Rapporttekster, Standardafsnit};
use crate::visibility::{Viewer, visible_ratings};
use crate::{
    Anbefaling, Audit, Droeftelse, Emne, Opfoelgningstiltag, Rapportindhold, Rating, Tekstafsnit,
    dansk_dato,
};

/// Everything a report is built from.
#[derive(Debug, Clone, Copy)]
pub struct Rapportgrundlag<'a> {
    /// The audit.
    pub audit: &'a Audit,
    /// All of the audit's ratings; the report uses those the koordinator may see.
    pub ratings: &'a [Rating],
    /// What the report says beyond the forms.
    pub indhold: &'a Rapportindhold,
    /// The quality model in the version the audit pinned.
    pub model: &'a Kvalitetsmodel,
    /// The standard texts.
    pub tekster: &'a Rapporttekster,
    /// How the calibration appendix is computed ([`Options::default`]: round 1, with bootstrap
    /// intervals).
    pub kalibrering: &'a Options,
    /// Whether the ratings are the demo's synthetic ones; the appendix then says so
    /// ([`crate::demo::SYNTETISK_NOTE`]).
    pub syntetisk: bool,
}

/// Why a report cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RapportbygFejl {
    /// The model given is not the version the audit pinned.
    #[error(
        "audit {audit} kører under kvalitetsmodellen version {forventet}, men rapporten blev bygget \
         med version {faktisk}"
    )]
    ForkertModel {
        /// The audit's number.
        audit: String,
        /// The version the audit pinned.
        forventet: String,
        /// The version given.
        faktisk: String,
    },
}

/// Builds the report (see the [module documentation](self) for where each part comes from),
/// computing the calibration appendix on the way.
///
/// # Errors
/// [`RapportbygFejl::ForkertModel`] when `grundlag.model` is not the version the audit pinned.
pub fn byg_rapport(grundlag: &Rapportgrundlag<'_>) -> Result<Rapport, RapportbygFejl> {
    let audit = grundlag.audit;
    if grundlag.model.version() != audit.model_version {
        return Err(RapportbygFejl::ForkertModel {
            audit: audit.nr.to_string(),
            forventet: audit.model_version.clone(),
            faktisk: grundlag.model.version().to_owned(),
        });
    }
    let synlige: Vec<Rating> = visible_ratings(audit, Viewer::Koordinator, grundlag.ratings)
        .into_iter()
        .cloned()
        .collect();
    let kalibrering = Kalibreringsbilag::beregn(audit, &synlige, grundlag.kalibrering);
    let mut b = Bygger {
        g: grundlag,
        synlige,
        kalibrering,
        ankre: BTreeSet::new(),
    };
    let mut indledende: Vec<Option<&Tekstafsnit>> = grundlag
        .indhold
        .indledende_afsnit
        .iter()
        .map(Some)
        .collect();
    let indledning = b.indledning();
    let metodisk = b.metodisk(&mut indledende);
    let formaal = b.formaal(&mut indledende);
    let droeftelser = b.droeftelser();
    let anbefalinger = b.anbefalinger(&droeftelser);
    let opfoelgningsplan = b.opfoelgningsplan();
    let bilag = b.bilag();
    let tekster = b.tekster();
    let mut rapport = Rapport {
        auditnummer: audit.nr.to_string(),
        titel: format!("Auditrapport {}", audit.nr),
        undertitel: audit.titel.clone(),
        afsender: tekster.afsender.trim().to_owned(),
        anbefalingsmaerke: tekster.anbefalingsmaerke(),
        model_version: audit.model_version.clone(),
        indholdsfortegnelse: Vec::new(),
        indledning,
        formaal,
        metodisk_tilrettelaeggelse: metodisk,
        droeftelser,
        anbefalinger,
        opfoelgningsplan,
        bilag,
        fodnoter: Vec::new(),
    };
    link_droeftelser(&mut rapport);
    super::fodnoter::nummerer(&mut rapport);
    rapport.indholdsfortegnelse = rapport
        .overskrifter()
        .into_iter()
        .map(|o| Indholdspunkt {
            nummer: o.nummer.clone(),
            anker: o.anker.clone(),
            overskrift: o.tekst.clone(),
            niveau: o.niveau(),
        })
        .collect();
    Ok(rapport)
}

/// The generated text of `s` as plain paragraphs, a list as its lines: what an edit is compared with.
pub(crate) fn som_afsnit(blokke: &[Blok]) -> Vec<String> {
    blokke
        .iter()
        .map(|b| match b {
            Blok::Afsnit(t) => t.clone(),
            Blok::Punkter(l) | Blok::Nummereret(l) => l.join("\n"),
        })
        .collect()
}

/// The koordinator's edit `r` applied to the generated section `s`, with its marker.
fn rediger(s: &mut Sektion, r: &Tekstredigering) {
    let nu = som_afsnit(&s.genereret);
    let egne = r.tekst.iter().cloned().map(Blok::Afsnit);
    match r.maade {
        Redigeringsmaade::Erstat => s.genereret = egne.collect(),
        Redigeringsmaade::Tilfoej => s.genereret.extend(egne),
    }
    s.redigeret = Some(Redigeringsmaerke {
        maade: r.maade,
        genereret_aendret: nu != r.grundlag,
        genereret_nu: nu,
    });
}

/// Each discussion learns which recommendations rest on it.
fn link_droeftelser(rapport: &mut Rapport) {
    for d in &mut rapport.droeftelser.droeftelser {
        d.anbefalinger = rapport
            .anbefalinger
            .anbefalinger
            .iter()
            .filter(|a| {
                a.grundlag
                    .as_ref()
                    .is_some_and(|g| g.droeftelse == d.overskrift.anker)
            })
            .map(|a| a.overskrift.anker.clone())
            .collect();
    }
}

struct Bygger<'g, 'a> {
    g: &'g Rapportgrundlag<'a>,
    synlige: Vec<Rating>,
    kalibrering: Kalibreringsbilag,
    ankre: BTreeSet<String>,
}

impl<'a> Bygger<'_, 'a> {
    /// The standard texts: the report's own, or the template.
    fn tekster(&self) -> &'a Rapporttekster {
        self.g
            .indhold
            .standardtekster
            .as_ref()
            .unwrap_or(self.g.tekster)
    }

    /// A heading with a unique anchor: `forslag`, or `forslag-2`, `forslag-3` … when taken.
    fn overskrift(&mut self, nummer: impl Into<String>, forslag: &str, tekst: &str) -> Overskrift {
        let grund = if forslag.is_empty() {
            "afsnit"
        } else {
            forslag
        };
        let mut anker = grund.to_owned();
        let mut n = 2;
        while !self.ankre.insert(anker.clone()) {
            anker = format!("{grund}-{n}");
            n += 1;
        }
        Overskrift {
            nummer: nummer.into(),
            anker,
            tekst: tekst.trim().to_owned(),
        }
    }

    fn sektion(
        &mut self,
        nummer: String,
        forslag: &str,
        tekst: &str,
        genereret: Vec<Blok>,
    ) -> Sektion {
        Sektion {
            overskrift: self.overskrift(nummer, forslag, tekst),
            genereret,
            skrevet: Vec::new(),
            undersektioner: Vec::new(),
            redigeret: None,
        }
    }

    fn indledning(&mut self) -> Sektion {
        let t = &self.tekster().indledning;
        self.sektion("1".into(), "indledning", &t.overskrift, standard(t))
    }

    fn formaal(&mut self, indledende: &mut [Option<&Tekstafsnit>]) -> Sektion {
        let audit = self.g.audit;
        let t = &self.tekster().formaal;
        let mut s = self.sektion("2".into(), "formaal", &t.overskrift, standard(t));
        let egen_overskrift = format!("Formålet med audit {}", audit.nr);
        let mut egen = self.sektion(
            "2.1".into(),
            "formaal-med-audit",
            &egen_overskrift,
            afsnit(&audit.formaal),
        );
        if let Some(skrevet) = tag(indledende, &[&egen_overskrift, "Formål"]) {
            egen.skrevet = blokke(skrevet);
        }
        s.undersektioner.push(egen);
        let resten: Vec<&Tekstafsnit> = indledende.iter_mut().filter_map(Option::take).collect();
        for (i, a) in resten.into_iter().enumerate() {
            let mut u = self.sektion(
                format!("2.{}", i + 2),
                &anker(&a.overskrift),
                &a.overskrift,
                Vec::new(),
            );
            u.skrevet = blokke(a);
            s.undersektioner.push(u);
        }
        s
    }

    fn metodisk(&mut self, indledende: &mut [Option<&Tekstafsnit>]) -> MetodiskTilrettelaeggelse {
        let audit = self.g.audit;
        let overskrift = self.overskrift(
            "3",
            "metodisk-tilrettelaeggelse",
            "Metodisk tilrettelæggelse",
        );
        let fokus = self.delsektion(
            indledende,
            ("3.1", "fokus"),
            &["Fokus", "Fokusområde"],
            afsnit(&audit.fokus),
        );
        let deltagere = self.delsektion(
            indledende,
            ("3.2", "deltagere"),
            &["Deltagere"],
            vec![Blok::Afsnit(deltagere(audit))],
        );
        let auditmateriale = self.delsektion(
            indledende,
            ("3.3", "auditmateriale"),
            &["Auditmateriale"],
            vec![Blok::Afsnit(auditmateriale(audit))],
        );
        let mut genereret = metodisk_fokus(audit);
        genereret.extend(sagsvalgsafsnit(audit, &self.synlige).map(Blok::Afsnit));
        genereret.extend(plenumafsnit(&self.g.indhold.plenum).map(Blok::Afsnit));
        let metodisk_fokus = self.delsektion(
            indledende,
            ("3.4", "metodisk-fokus"),
            &["Metodisk fokus", "Metodisk tilgang"],
            genereret,
        );
        MetodiskTilrettelaeggelse {
            overskrift,
            fokus,
            deltagere,
            auditmateriale,
            metodisk_fokus,
        }
    }

    /// A generated subsection of 3, with the written introductory section whose heading is one of
    /// `navne` (the first is the standard heading) after the generated text, under its heading.
    fn delsektion(
        &mut self,
        indledende: &mut [Option<&Tekstafsnit>],
        (nummer, forslag): (&str, &str),
        navne: &[&str],
        genereret: Vec<Blok>,
    ) -> Sektion {
        let skrevet = tag(indledende, navne);
        let navn = skrevet.map_or(navne.first().copied().unwrap_or_default(), |s| {
            s.overskrift.as_str()
        });
        let mut s = self.sektion(nummer.to_owned(), forslag, navn, genereret);
        s.skrevet = skrevet.map(blokke).unwrap_or_default();
        if let Some(r) = self.g.indhold.genererede.get(&s.overskrift.anker) {
            rediger(&mut s, r);
        }
        s
    }

    fn droeftelser(&mut self) -> Droeftelsesdel {
        let overskrift = self.overskrift("4", "droeftelser", "Auditpanelets drøftelser");
        let indhold = self.g.indhold;
        // With a plenum after them, the discussions of the forms are one step (4.1, its discussions
        // 4.1.1, 4.1.2, …) and each plenum section a step of its own (4.2, …).
        let skemadroeftelser = (!indhold.plenum.is_empty() && !indhold.droeftelser.is_empty())
            .then(|| self.overskrift("4.1", "skemadroeftelser", SKEMADROEFTELSER));
        let forstavelse = if skemadroeftelser.is_some() {
            "4.1."
        } else {
            "4."
        };
        let droeftelser: Vec<RapportDroeftelse> = indhold
            .droeftelser
            .iter()
            .enumerate()
            .map(|(i, d)| self.droeftelse(format!("{forstavelse}{}", i + 1), d))
            .collect();
        let foer = if skemadroeftelser.is_some() {
            1
        } else {
            droeftelser.len()
        };
        let plenum = indhold
            .plenum
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut s = self.sektion(
                    format!("4.{}", foer + i + 1),
                    &anker(&a.overskrift),
                    &a.overskrift,
                    Vec::new(),
                );
                s.skrevet = blokke(a);
                s
            })
            .collect();
        Droeftelsesdel {
            overskrift,
            skemadroeftelser,
            droeftelser,
            plenum,
        }
    }

    fn droeftelse(&mut self, nummer: String, d: &Droeftelse) -> RapportDroeftelse {
        let overskrift = self.overskrift(nummer, &droeftelsesanker(&d.emne), &d.overskrift);
        let indikator = match &d.emne {
            Emne::Indikator(id) => indikatoromtale(self.g.model, id),
            _ => None,
        };
        let indledning = d
            .indledning
            .iter()
            .filter(|p| {
                indikator
                    .as_ref()
                    .is_none_or(|i| p.trim() != i.tekst.trim())
            })
            .cloned()
            .collect();
        let mut fordeling = fordeling(self.g.audit, &self.synlige, &d.emne);
        if let Some(f) = &mut fordeling {
            f.enighed = self.kalibrering.enighed(self.g.audit, &d.emne);
        }
        let mut statistik: Vec<String> = fordeling.iter().map(fordelingsafsnit).collect();
        if let Emne::Indikator(id) = &d.emne {
            statistik.extend(nomineringsafsnit(self.g.audit, &self.synlige, id));
        }
        RapportDroeftelse {
            overskrift,
            emne: d.emne.clone(),
            indikator,
            indledning,
            afsnit: d.afsnit.clone(),
            ligheder: d.ligheder.clone(),
            opmaerksomheder: d.opmaerksomheder.clone(),
            datakilder: d.datakilder.clone(),
            vurdering: d.vurdering.clone(),
            fordeling,
            statistik,
            anbefalinger: Vec::new(),
        }
    }

    fn anbefalinger(&mut self, droeftelser: &Droeftelsesdel) -> Anbefalingsdel {
        let indhold = self.g.indhold;
        let titel = if indhold.anbefalinger.len() == 1 {
            "Anbefaling"
        } else {
            "Anbefalinger"
        };
        let overskrift = self.overskrift("5", "anbefalinger", titel);
        let anbefalinger = indhold
            .anbefalinger
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let overskrift = self.overskrift(
                    format!("5.{}", i + 1),
                    &format!("anbefaling-{}", anker(&a.id)),
                    &a.overskrift,
                );
                RapportAnbefaling {
                    overskrift,
                    id: a.id.clone(),
                    emne: a.emne.clone(),
                    tekst: a.tekst.clone(),
                    punkter: a.punkter.clone(),
                    grundlag: grundlag(a, droeftelser),
                    opfoelgning: indhold
                        .opfoelgning
                        .iter()
                        .filter(|t| t.anbefalinger.contains(&a.id))
                        .map(|t| tiltagsanker(&t.id))
                        .collect(),
                }
            })
            .collect();
        Anbefalingsdel {
            overskrift,
            konklusion: indhold.konklusion.clone(),
            anbefalinger,
        }
    }

    fn opfoelgningsplan(&mut self) -> Opfoelgningsplan {
        let t = &self.tekster().opfoelgningsplan;
        let overskrift = self.overskrift("6", "opfoelgningsplan", &t.overskrift);
        let nr = self.g.audit.nr.as_str();
        let tiltag = self.g.indhold.opfoelgning.iter().map(tiltag).collect();
        // The action anchors are reserved so that no heading takes one.
        for a in &self.g.indhold.opfoelgning {
            self.ankre.insert(tiltagsanker(&a.id));
        }
        Opfoelgningsplan {
            overskrift,
            indledning: t.indledning(nr),
            tiltag,
        }
    }

    fn bilag(&mut self) -> Bilagsdel {
        let overskrift = self.overskrift("7", "bilag", "Bilag");
        let indhold = self.g.indhold;
        let mut n = 0;
        let mut nummer = || {
            n += 1;
            format!("7.{n}")
        };
        let bilag: Vec<RapportBilag> = indhold
            .bilag
            .iter()
            .map(|b| RapportBilag {
                overskrift: self.overskrift(nummer(), &anker(&b.titel), &b.titel),
                afsnit: b.afsnit.clone(),
            })
            .collect();
        let kalibrering_overskrift =
            self.overskrift(nummer(), "kalibrering", "Kalibrering af bedømmelserne");
        let audit = self.g.audit;
        let spindelvaev = spindelvaev(self.g.model, &audit.materials, &audit.forms, &self.synlige);
        let spindelvaev_overskrift = (!spindelvaev.is_empty())
            .then(|| self.overskrift(nummer(), "spindelvaev", "Spindelvæv"));
        Bilagsdel {
            overskrift,
            bilag,
            kalibrering: self.kalibrering.clone(),
            kalibrering_overskrift,
            syntetisk: self
                .g
                .syntetisk
                .then(|| crate::demo::SYNTETISK_NOTE.to_owned()),
            spindelvaev,
            spindelvaev_overskrift,
        }
    }
}

/// The plenum discussion as a step of the method, after the forms (20.1: "Auditpanelet havde derfor,
/// supplerende til det skriftlige materiale, en plenumdrøftelse"); nothing without one.
fn plenumafsnit(plenum: &[Tekstafsnit]) -> Option<String> {
    let navne: Vec<String> = plenum
        .iter()
        .map(|a| format!("»{}«", a.overskrift.trim()))
        .collect();
    match navne.as_slice() {
        [] => None,
        [en] => Some(format!(
            "Efter drøftelserne af vurderingsskemaerne fulgte en plenumdrøftelse som et trin for \
             sig: {en}."
        )),
        flere => Some(format!(
            "Efter drøftelserne af vurderingsskemaerne fulgte plenumdrøftelser som trin for sig: {}.",
            opremsning(flere)
        )),
    }
}

/// The heading that gathers the discussions of the forms when a plenum discussion follows them.
const SKEMADROEFTELSER: &str = "Drøftelse med udgangspunkt i vurderingsskemaerne";

/// The standard text as blocks: its paragraph, its bullet points and the paragraphs after them.
fn standard(t: &Standardafsnit) -> Vec<Blok> {
    let mut ud = vec![Blok::Afsnit(t.tekst.clone())];
    if !t.punkter.is_empty() {
        ud.push(Blok::Punkter(t.punkter.clone()));
    }
    ud.extend(t.afslutning.iter().map(|p| Blok::Afsnit(p.clone())));
    ud
}

/// A paragraph, or nothing for a blank text.
fn afsnit(tekst: &str) -> Vec<Blok> {
    if tekst.trim().is_empty() {
        Vec::new()
    } else {
        vec![Blok::Afsnit(tekst.trim().to_owned())]
    }
}

/// A written section as blocks: paragraphs, bullets, closing paragraphs.
fn blokke(a: &Tekstafsnit) -> Vec<Blok> {
    let mut ud: Vec<Blok> = a.afsnit.iter().map(|p| Blok::Afsnit(p.clone())).collect();
    if !a.punkter.is_empty() {
        ud.push(Blok::Punkter(a.punkter.clone()));
    }
    ud.extend(a.afslutning.iter().map(|p| Blok::Afsnit(p.clone())));
    ud
}

/// Takes the first introductory section whose heading is one of `navne` (without case).
fn tag<'a>(indledende: &mut [Option<&'a Tekstafsnit>], navne: &[&str]) -> Option<&'a Tekstafsnit> {
    let passer = |a: &&Tekstafsnit| {
        navne
            .iter()
            .any(|n| a.overskrift.trim().to_lowercase() == n.trim().to_lowercase())
    };
    indledende
        .iter_mut()
        .find(|a| a.as_ref().is_some_and(passer))?
        .take()
}

/// The anchor of a discussion: "droeftelse-indikator-3-a", "droeftelse-helhed",
/// "droeftelse-forstaaelse-af-dialog".
fn droeftelsesanker(emne: &Emne) -> String {
    match emne {
        Emne::Indikator(id) => format!("droeftelse-indikator-{}", anker(id)),
        Emne::Tema(id) => format!("droeftelse-tema-{}", anker(id)),
        Emne::Helhed => "droeftelse-helhed".to_owned(),
        Emne::Tematik(navn) => format!("droeftelse-{}", anker(navn)),
    }
}

fn tiltagsanker(id: &str) -> String {
    format!("tiltag-{}", anker(id))
}

fn indikatoromtale(model: &Kvalitetsmodel, id: &str) -> Option<Indikatoromtale> {
    let i = model.indikator(id)?;
    Some(Indikatoromtale {
        id: i.id.clone(),
        tekst: i.tekst.clone(),
        kriterium: model
            .kriterium_for(id)
            .map(|k| (k.id.clone(), k.tekst.clone())),
        tema: model.tema_for(id).map(|t| t.navn.clone()),
    })
}

/// The discussion a recommendation rests on: the one with the same subject; for a tematik without
/// one, the plenum section whose heading begins with the tematik's name (20.1's recommendation
/// rests on its "Plenumdrøftelse om …").
fn grundlag(a: &Anbefaling, d: &Droeftelsesdel) -> Option<Grundlag> {
    let indikator = match &a.emne {
        Emne::Indikator(id) => Some(id.clone()),
        _ => None,
    };
    if let Some(droeftelse) = d.droeftelser.iter().find(|x| x.emne == a.emne) {
        return Some(Grundlag {
            droeftelse: droeftelse.overskrift.anker.clone(),
            overskrift: droeftelse.overskrift.tekst.clone(),
            indikator,
        });
    }
    let Emne::Tematik(navn) = &a.emne else {
        return None;
    };
    let navn = navn.trim().to_lowercase();
    d.plenum
        .iter()
        .find(|s| s.overskrift.tekst.to_lowercase().starts_with(&navn))
        .map(|s| Grundlag {
            droeftelse: s.overskrift.anker.clone(),
            overskrift: s.overskrift.tekst.clone(),
            indikator,
        })
}

fn tiltag(t: &Opfoelgningstiltag) -> RapportTiltag {
    RapportTiltag {
        anker: tiltagsanker(&t.id),
        id: t.id.clone(),
        tekst: t.tekst.clone(),
        punkter: t.punkter.clone(),
        anbefalinger: t
            .anbefalinger
            .iter()
            .map(|a| format!("anbefaling-{}", anker(a)))
            .collect(),
        ansvarlige: t.ansvarlige.iter().map(|a| a.navn()).collect(),
        frist: t.frist.as_ref().map(|tekst| match t.frist() {
            Some(Ok(frist)) => Fristangivelse {
                tekst: tekst.clone(),
                fra: frist.fra(),
                forfald: frist.forfald(),
                forfald_tekst: frist.forfald().map(dansk_dato),
                fejl: None,
            },
            Some(Err(e)) => Fristangivelse {
                tekst: tekst.clone(),
                fra: None,
                forfald: None,
                forfald_tekst: None,
                fejl: Some(e.to_string()),
            },
            None => Fristangivelse {
                tekst: tekst.clone(),
                fra: None,
                forfald: None,
                forfald_tekst: None,
                fejl: None,
            },
        }),
    }
}
