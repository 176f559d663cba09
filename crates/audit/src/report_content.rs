//! What an audit report (auditrapport) says beyond its rating forms: the panel's discussions, the
//! plenum discussion, Socialstyrelsen's recommendations, the follow-up plan and the annexes.
//!
//! The shapes follow the seed reports: 19.1 discusses per indicator ("ligheder på tværs",
//! "opmærksomheder", "datakilder og undersøgelsesmetoder", then "Socialstyrelsens anbefaling"); 19.2
//! per cross-cutting theme (tematik) with "Socialstyrelsens vurdering"; 20.1 per indicator, then in
//! plenum outside the forms, and ends with an annex on each tilsyn's organisation of approvals.
//! Texts are kept as paragraphs (one string each) and bullet lists, so that the report page can
//! render them without parsing.

mod opfoelgning;
pub mod redigeret;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::frist::FristFejl;
use crate::kvalitetsmodel::Kvalitetsmodel;
use crate::tekster::{Rapporttekster, TeksterFejl};
use crate::{Tilsyn, frist};

pub use self::opfoelgning::{Ansvarlig, Opfoelgningstiltag, TiltagFejl, UkendtAnsvarlig};
pub use self::redigeret::{REDIGERBARE_AFSNIT, Redigeringsmaade, Tekstredigering};

/// Everything a report says that is not a rating: discussions, recommendations, follow-up, annexes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rapportindhold {
    /// Sections specific to this report that come before the discussions, in order (19.2's
    /// "Baggrund for auditforløbet", 20.1's "Læsevejledning").
    #[serde(default)]
    pub indledende_afsnit: Vec<Tekstafsnit>,
    /// The panel's discussions (auditpanelets drøftelser), per indicator, tema or tematik.
    #[serde(default)]
    pub droeftelser: Vec<Droeftelse>,
    /// Discussions in plenum that are not tied to a form (20.1's plenumdrøftelse).
    #[serde(default)]
    pub plenum: Vec<Tekstafsnit>,
    /// The report's conclusion, the paragraphs that open its recommendations section before the
    /// recommendations themselves (20.1: "Dernæst konkluderer rapporten på resultatet af de samlede
    /// drøftelser og på baggrunden for Socialstyrelsen anbefaling").
    #[serde(default)]
    pub konklusion: Vec<String>,
    /// Socialstyrelsen's recommendations (anbefalinger).
    #[serde(default)]
    pub anbefalinger: Vec<Anbefaling>,
    /// The follow-up plan (opfølgningsplan): its actions in the report's order.
    #[serde(default)]
    pub opfoelgning: Vec<Opfoelgningstiltag>,
    /// The annexes (bilag).
    #[serde(default)]
    pub bilag: Vec<Bilag>,
    /// The report's own standard texts (authority, Indledning, Formål, the opening of the plan), when
    /// it does not use the current template: a report of 2019 keeps the words and the authority's
    /// name it was published with. `None`: the template (`seeds/tekster/rapport.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standardtekster: Option<Rapporttekster>,
    /// The koordinator's edits of generated sections, by the section's anchor
    /// ([`REDIGERBARE_AFSNIT`]).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub genererede: std::collections::BTreeMap<String, Tekstredigering>,
}

/// What a discussion or a recommendation is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Emne {
    /// One indicator of the audit's model version ("8.a").
    Indikator(String),
    /// One tema of the audit's model version, by its id ("maalgruppe-metoder-og-resultater").
    Tema(String),
    /// The overall assessment across all temaer (20.1: "Alle kvalitetsmodellens temaer – samlet vurdering").
    Helhed,
    /// A cross-cutting theme the report names itself (19.2: "Forståelse af dialog").
    Tematik(String),
}

/// A headed section of running text: paragraphs, an optional bullet list, and paragraphs after it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tekstafsnit {
    /// The heading.
    pub overskrift: String,
    /// The paragraphs, one string each.
    #[serde(default)]
    pub afsnit: Vec<String>,
    /// The bullet points after the paragraphs.
    #[serde(default)]
    pub punkter: Vec<String>,
    /// Paragraphs after the bullet points (20.1's "Metodisk fokus" goes on after its list).
    #[serde(default)]
    pub afslutning: Vec<String>,
}

/// One point of attention (opmærksomhed), with the heading the report gives it, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opmaerksomhed {
    /// The heading ("Præcisering af kompetencebegrebet"); 20.1's bullets have none.
    #[serde(default)]
    pub overskrift: Option<String>,
    /// The text; paragraphs separated by a blank line.
    pub tekst: String,
}

/// The panel's discussion of one indicator, tema or tematik.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Droeftelse {
    /// What was discussed.
    pub emne: Emne,
    /// The heading as the report prints it ("Indikator 8.a").
    pub overskrift: String,
    /// Introductory paragraphs (for an indicator: its text as the report quotes it).
    #[serde(default)]
    pub indledning: Vec<String>,
    /// Headed sections of description that are not points of attention (19.2's "Interne
    /// organiseringer").
    #[serde(default)]
    pub afsnit: Vec<Tekstafsnit>,
    /// "Ligheder på tværs": what the tilsyn's ratings had in common.
    #[serde(default)]
    pub ligheder: Vec<String>,
    /// The points of attention that qualify a good rating.
    #[serde(default)]
    pub opmaerksomheder: Vec<Opmaerksomhed>,
    /// Points of attention about data sources and methods ("datakilder og undersøgelsesmetoder").
    #[serde(default)]
    pub datakilder: Vec<Opmaerksomhed>,
    /// Socialstyrelsen's assessment (19.2: "Socialstyrelsens vurdering vedr. …").
    #[serde(default)]
    pub vurdering: Option<Tekstafsnit>,
}

/// One of Socialstyrelsen's recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anbefaling {
    /// The id within the report ("8-a"), which follow-up actions refer to.
    pub id: String,
    /// The indicator, tema or tematik it rests on.
    pub emne: Emne,
    /// The heading as printed ("Socialstyrelsens anbefaling vedr. indikator 8.a").
    pub overskrift: String,
    /// The paragraphs of the recommendation.
    pub tekst: Vec<String>,
    /// Bullet points after the paragraphs (19.2's second recommendation has two).
    #[serde(default)]
    pub punkter: Vec<String>,
}

/// An annex (bilag), such as 20.1's overview of each tilsyn's organisation of approvals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilag {
    /// The annex's title.
    pub titel: String,
    /// Its sections in order.
    #[serde(default)]
    pub afsnit: Vec<Bilagsafsnit>,
}

/// One section of an annex, possibly about one tilsyn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bilagsafsnit {
    /// The tilsyn the section describes, if any.
    #[serde(default)]
    pub tilsyn: Option<Tilsyn>,
    /// The heading ("Godkendelsesteam").
    pub overskrift: String,
    /// The paragraphs.
    pub afsnit: Vec<String>,
}

/// Report content whose parts do not fit together; `Display` names the part in Danish.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RapportFejl {
    /// Two recommendations or two follow-up actions with one id.
    #[error("{hvad} »{id}« findes to gange")]
    DobbeltId {
        /// "anbefalingen" or "opfølgningstiltaget".
        hvad: &'static str,
        /// The id.
        id: String,
    },
    /// A follow-up action names a recommendation the report does not have.
    #[error(
        "opfølgningstiltaget »{tiltag}« henviser til anbefalingen »{anbefaling}«, som ikke findes"
    )]
    UkendtAnbefaling {
        /// The action's id.
        tiltag: String,
        /// The unknown recommendation id.
        anbefaling: String,
    },
    /// A follow-up deadline that does not parse.
    #[error("fristen for opfølgningstiltaget »{tiltag}«: {fejl}")]
    Frist {
        /// The action's id.
        tiltag: String,
        /// The parser's complaint, which quotes the text.
        fejl: FristFejl,
    },
    /// A required text is blank.
    #[error("{0} mangler tekst")]
    TomTekst(String),
    /// The report's own standard texts have a blank text; the message names it.
    #[error("rapportens egne standardtekster: {0}")]
    Standardtekster(String),
    /// An indicator or tema that the audit's model version does not have.
    #[error("{hvor} nævner {emne}, som ikke findes i kvalitetsmodellen version {version}")]
    UkendtEmne {
        /// Where it is named.
        hvor: String,
        /// The indicator or tema, in words.
        emne: String,
        /// The model version.
        version: String,
    },
}

impl Emne {
    /// The subject in Danish words ("indikator 8.a", "temaet maalgruppe-metoder-og-resultater").
    pub fn beskrivelse(&self) -> String {
        match self {
            Emne::Indikator(id) => format!("indikator {id}"),
            Emne::Tema(id) => format!("temaet {id}"),
            Emne::Helhed => "den samlede vurdering".to_owned(),
            Emne::Tematik(navn) => format!("tematikken »{navn}«"),
        }
    }

    /// Checks an indicator or tema against `model`; the other subjects always pass.
    ///
    /// # Errors
    /// [`RapportFejl::UkendtEmne`] naming `hvor`.
    pub fn check_model(&self, model: &Kvalitetsmodel, hvor: &str) -> Result<(), RapportFejl> {
        let found = match self {
            Emne::Indikator(id) => model.indikator(id).is_some(),
            Emne::Tema(id) => model.tema(id).is_some(),
            Emne::Helhed | Emne::Tematik(_) => true,
        };
        if found {
            Ok(())
        } else {
            Err(RapportFejl::UkendtEmne {
                hvor: hvor.to_owned(),
                emne: self.beskrivelse(),
                version: model.version().to_owned(),
            })
        }
    }
}

impl Rapportindhold {
    /// Checks that the parts fit together: unique ids, follow-up actions that name existing
    /// recommendations, deadlines that parse, and no blank texts (the report's own standard texts
    /// included).
    ///
    /// # Errors
    /// The first [`RapportFejl`] found.
    pub fn validate(&self) -> Result<(), RapportFejl> {
        if let Some(tekster) = &self.standardtekster {
            tekster
                .kontroller()
                .map_err(|e: TeksterFejl| RapportFejl::Standardtekster(e.to_string()))?;
        }
        for (i, afsnit) in self.konklusion.iter().enumerate() {
            not_blank(&format!("konklusionens afsnit {}", i + 1), afsnit)?;
        }
        let anbefalinger = unique_ids("anbefalingen", self.anbefalinger.iter().map(|a| &a.id))?;
        unique_ids(
            "opfølgningstiltaget",
            self.opfoelgning.iter().map(|t| &t.id),
        )?;
        for a in &self.anbefalinger {
            not_blank(&format!("anbefalingen »{}«", a.id), &a.tekst.concat())?;
        }
        for d in &self.droeftelser {
            not_blank(
                &format!("drøftelsen af {}", d.emne.beskrivelse()),
                &d.overskrift,
            )?;
        }
        for t in &self.opfoelgning {
            not_blank(&format!("opfølgningstiltaget »{}«", t.id), &t.tekst)?;
            if let Some(a) = t.anbefalinger.iter().find(|a| !anbefalinger.contains(a)) {
                return Err(RapportFejl::UkendtAnbefaling {
                    tiltag: t.id.clone(),
                    anbefaling: a.clone(),
                });
            }
            if let Some(tekst) = &t.frist {
                frist::parse_frist(tekst).map_err(|fejl| RapportFejl::Frist {
                    tiltag: t.id.clone(),
                    fejl,
                })?;
            }
        }
        Ok(())
    }

    /// Checks every indicator and tema the discussions and recommendations name against the audit's
    /// model version.
    ///
    /// # Errors
    /// [`RapportFejl::UkendtEmne`] for the first one the model lacks.
    pub fn check_model(&self, model: &Kvalitetsmodel) -> Result<(), RapportFejl> {
        for d in &self.droeftelser {
            d.emne
                .check_model(model, &format!("drøftelsen »{}«", d.overskrift))?;
        }
        for a in &self.anbefalinger {
            a.emne
                .check_model(model, &format!("anbefalingen »{}«", a.id))?;
        }
        Ok(())
    }
}

fn unique_ids<'a>(
    hvad: &'static str,
    ids: impl Iterator<Item = &'a String>,
) -> Result<BTreeSet<&'a String>, RapportFejl> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(RapportFejl::DobbeltId {
                hvad,
                id: id.clone(),
            });
        }
    }
    Ok(seen)
}

fn not_blank(hvad: &str, tekst: &str) -> Result<(), RapportFejl> {
    if tekst.trim().is_empty() {
        Err(RapportFejl::TomTekst(hvad.to_owned()))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(toml_text: &str) -> Rapportindhold {
        toml::from_str(toml_text).unwrap()
    }

    const PLAN: &str = r#"
        [[anbefalinger]]
        id = "8-b"
        emne = { indikator = "8.b" }
        overskrift = "Socialstyrelsens anbefaling vedr. indikator 8.b"
        tekst = ["Socialstyrelsen anbefaler …"]

        [[opfoelgning]]
        id = "forstaaelsesramme"
        tekst = "Socialstyrelsen vil udarbejde en forståelsesramme."
        anbefalinger = ["8-b"]
        ansvarlige = ["socialstyrelsen"]
        frist = "i 2. halvår 2019"
    "#;

    #[test]
    fn a_consistent_plan_passes() {
        assert_eq!(content(PLAN).validate(), Ok(()));
    }

    #[test]
    fn an_action_must_name_an_existing_recommendation() {
        let c = content(&PLAN.replace(r#"anbefalinger = ["8-b"]"#, r#"anbefalinger = ["9-a"]"#));
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("»9-a«") && err.contains("»forstaaelsesramme«"),
            "{err}"
        );
    }

    #[test]
    fn a_deadline_that_does_not_parse_names_the_action_and_quotes_the_text() {
        let c = content(&PLAN.replace("i 2. halvår 2019", "snarest muligt"));
        let err = c.validate().unwrap_err().to_string();
        assert!(
            err.contains("»forstaaelsesramme«") && err.contains("»snarest muligt«"),
            "{err}"
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let doubled = format!(
            "{PLAN}\n[[anbefalinger]]\nid = \"8-b\"\nemne = \"helhed\"\noverskrift = \"x\"\ntekst = [\"y\"]\n"
        );
        let err = content(&doubled).validate().unwrap_err();
        assert!(matches!(err, RapportFejl::DobbeltId { .. }), "{err}");
    }

    #[test]
    fn subjects_read_from_toml() {
        #[derive(Deserialize)]
        struct E {
            e: Vec<Emne>,
        }
        let e: E = toml::from_str(
            r#"e = [{ indikator = "3.a" }, { tema = "kompetencer" }, "helhed", { tematik = "Dialog" }]"#,
        )
        .unwrap();
        assert_eq!(
            e.e,
            vec![
                Emne::Indikator("3.a".into()),
                Emne::Tema("kompetencer".into()),
                Emne::Helhed,
                Emne::Tematik("Dialog".into()),
            ]
        );
    }
}
