//! The standard texts of an audit report: the authority that publishes it, the "Indledning" about the
//! audit function, "Formål med de lærende auditforløb" with its four points, and the fixed sentences
//! of the follow-up plan (opfølgningsplan).
//!
//! The template a new report starts from lives in `seeds/tekster/rapport.toml`: 20.1's texts under the
//! authority's present name, Social- og Boligstyrelsen. A report may carry its own texts instead
//! (`Rapportindhold::standardtekster`): the demo's 19.1, 19.2 and 20.1 keep the words their sources
//! printed, under "Socialstyrelsen", so no report shows another year's text. This module parses and
//! checks the texts; reading the file is the caller's job.

use serde::{Deserialize, Serialize};

use crate::frist::Frist;

/// The placeholder for the audit's number ("20.1") in the follow-up templates.
pub const PLADSHOLDER_AUDITNUMMER: &str = "{auditnummer}";

/// The placeholder for the deadline phrase in the follow-up template.
pub const PLADSHOLDER_FRIST: &str = "{frist}";

/// The standard texts of an audit report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rapporttekster {
    /// The authority as the report names it: "Socialstyrelsen" in the 2019–2020 reports,
    /// "Social- og Boligstyrelsen" now; its recommendations are "{myndighed}s anbefaling".
    pub myndighed: String,
    /// The sender line of the title page ("Social- og Boligstyrelsen · Auditfunktionen").
    pub afsender: String,
    /// "Indledning": what the audit function does.
    pub indledning: Standardafsnit,
    /// "Formål med de lærende auditforløb": the purpose and its four points.
    pub formaal: Standardafsnit,
    /// The fixed sentences of the follow-up plan.
    pub opfoelgningsplan: Opfoelgningstekster,
}

/// A section with a heading, one paragraph, an optional bullet list and paragraphs after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standardafsnit {
    /// The section heading.
    pub overskrift: String,
    /// The paragraph.
    pub tekst: String,
    /// The bullet points after the paragraph, in order; often none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub punkter: Vec<String>,
    /// Paragraphs after the bullet points (19.2's own reading guide: "Nedenfor belyses baggrunden for
    /// og tilrettelæggelsen af audit 19.2. …"); often none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub afslutning: Vec<String>,
}

/// The follow-up plan's heading and its fixed sentences: the opening, which names the audit, and (in
/// the template) the first action, which also names its deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opfoelgningstekster {
    /// The section heading.
    pub overskrift: String,
    indledning: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    afrapportering: Option<String>,
}

/// Why the report texts were refused.
#[derive(Debug, thiserror::Error)]
pub enum TeksterFejl {
    /// The TOML does not parse or does not have the expected fields.
    #[error("Rapportteksterne kan ikke læses: {0}")]
    Toml(#[from] toml::de::Error),
    /// A text is empty or only whitespace.
    #[error("Rapportteksten »{felt}« er tom.")]
    TomTekst {
        /// Where the text sits in the file, e.g. `formaal.punkter[2]`.
        felt: String,
    },
    /// A template lacks a placeholder it must fill in.
    #[error("Rapportteksten »{felt}« skal indeholde {pladsholder}.")]
    ManglerPladsholder {
        /// Where the text sits in the file.
        felt: &'static str,
        /// The missing placeholder.
        pladsholder: &'static str,
    },
}

impl Rapporttekster {
    /// Reads the report texts from the TOML of `seeds/tekster/rapport.toml`.
    ///
    /// # Errors
    /// [`TeksterFejl::Toml`] when the text is not TOML of the expected shape (unknown fields
    /// included), [`TeksterFejl::TomTekst`] when a text is blank, and
    /// [`TeksterFejl::ManglerPladsholder`] when a follow-up template lacks a placeholder.
    pub fn from_toml(toml: &str) -> Result<Self, TeksterFejl> {
        let tekster: Rapporttekster = toml::from_str(toml)?;
        tekster.kontroller()?;
        tekster.opfoelgningsplan.kontroller_skabeloner()?;
        Ok(tekster)
    }

    /// Checks that no text is blank: what a report's own texts must satisfy. (The template must also
    /// hold its placeholders, which [`Rapporttekster::from_toml`] checks; a report's own texts name
    /// their audit outright.)
    ///
    /// # Errors
    /// [`TeksterFejl::TomTekst`] naming the first blank text.
    pub fn kontroller(&self) -> Result<(), TeksterFejl> {
        ikke_tom(&self.myndighed, || "myndighed".to_owned())?;
        ikke_tom(&self.afsender, || "afsender".to_owned())?;
        self.indledning.kontroller("indledning")?;
        self.formaal.kontroller("formaal")?;
        ikke_tom(&self.opfoelgningsplan.overskrift, || {
            "opfoelgningsplan.overskrift".to_owned()
        })?;
        ikke_tom(&self.opfoelgningsplan.indledning, || {
            "opfoelgningsplan.indledning".to_owned()
        })
    }

    /// The heading above the authority's recommendation: "Socialstyrelsens anbefaling".
    pub fn anbefalingsmaerke(&self) -> String {
        format!("{}s anbefaling", self.myndighed.trim())
    }
}

impl Standardafsnit {
    fn kontroller(&self, navn: &str) -> Result<(), TeksterFejl> {
        ikke_tom(&self.overskrift, || format!("{navn}.overskrift"))?;
        ikke_tom(&self.tekst, || format!("{navn}.tekst"))?;
        for (i, punkt) in self.punkter.iter().enumerate() {
            ikke_tom(punkt, || format!("{navn}.punkter[{i}]"))?;
        }
        for (i, afsnit) in self.afslutning.iter().enumerate() {
            ikke_tom(afsnit, || format!("{navn}.afslutning[{i}]"))?;
        }
        Ok(())
    }
}

impl Opfoelgningstekster {
    /// The sentence that opens the follow-up plan, for the audit numbered `auditnummer`:
    /// "Som opfølgning på de opmærksomheder og anbefalinger, der er opstillet i auditrapport
    /// 20.1, vil Socialstyrelsen tage initiativ til en række tiltag, herunder:".
    pub fn indledning(&self, auditnummer: &str) -> String {
        self.indledning
            .replace(PLADSHOLDER_AUDITNUMMER, auditnummer.trim())
    }

    /// The first action of a plan, presenting the report to the networks by `frist`: "…
    /// vil blive præsenteret og drøftet på Fællesmøde med tilsynschefer og på
    /// Mellemledernetværksmøde ved førstkommende lejlighed." The deadline is written as typed,
    /// without a final period of its own, since the sentence supplies one. `None` for a report's
    /// own texts, which write their actions out.
    pub fn afrapportering(&self, auditnummer: &str, frist: &Frist) -> Option<String> {
        let frist = frist.to_string();
        self.afrapportering.as_ref().map(|skabelon| {
            skabelon
                .replace(PLADSHOLDER_AUDITNUMMER, auditnummer.trim())
                .replace(PLADSHOLDER_FRIST, frist.trim_end_matches('.').trim_end())
        })
    }

    /// The template's placeholders: the opening names the audit, the first action the audit and its
    /// deadline.
    fn kontroller_skabeloner(&self) -> Result<(), TeksterFejl> {
        let afrapportering = self.afrapportering.as_deref().unwrap_or_default();
        let skabeloner = [
            (
                "opfoelgningsplan.indledning",
                self.indledning.as_str(),
                PLADSHOLDER_AUDITNUMMER,
            ),
            (
                "opfoelgningsplan.afrapportering",
                afrapportering,
                PLADSHOLDER_AUDITNUMMER,
            ),
            (
                "opfoelgningsplan.afrapportering",
                afrapportering,
                PLADSHOLDER_FRIST,
            ),
        ];
        for (felt, skabelon, pladsholder) in skabeloner {
            if !skabelon.contains(pladsholder) {
                return Err(TeksterFejl::ManglerPladsholder { felt, pladsholder });
            }
        }
        Ok(())
    }
}

/// Refuses a blank text, naming its place in the file.
fn ikke_tom(tekst: &str, felt: impl FnOnce() -> String) -> Result<(), TeksterFejl> {
    if tekst.trim().is_empty() {
        return Err(TeksterFejl::TomTekst { felt: felt() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::frist::parse_frist;
    use crate::tekster::{Rapporttekster, TeksterFejl};

    /// The seed file itself, embedded at compile time so the test does no I/O of its own.
    const SEED: &str = include_str!("../../../seeds/tekster/rapport.toml");

    fn seed() -> Rapporttekster {
        Rapporttekster::from_toml(SEED).unwrap()
    }

    #[test]
    fn the_template_has_20_1s_words_under_the_authoritys_present_name() {
        let tekster = seed();
        // 20.1 (seed 000): "Socialstyrelsen gennemfører løbende auditforløb. Auditforløbene indgår i
        // Socialstyrelsens opgave …"; the authority is now Social- og Boligstyrelsen (seed 001:
        // "Social- og Boligstyrelsens Auditfunktion anbefaler …").
        assert_eq!(tekster.myndighed, "Social- og Boligstyrelsen");
        assert_eq!(
            tekster.afsender,
            "Social- og Boligstyrelsen · Auditfunktionen"
        );
        assert_eq!(
            tekster.anbefalingsmaerke(),
            "Social- og Boligstyrelsens anbefaling"
        );
        let tilfaelde = [
            (&tekster.indledning.overskrift, "Indledning"),
            (
                &tekster.indledning.tekst,
                "Social- og Boligstyrelsen gennemfører løbende auditforløb. Auditforløbene indgår \
                 i Social- og Boligstyrelsens opgave",
            ),
            (
                &tekster.formaal.overskrift,
                "Formål med de lærende auditforløb",
            ),
            (
                &tekster.formaal.tekst,
                "Social- og Boligstyrelsen har siden 2014 gennemført en række lærende audits",
            ),
            (&tekster.opfoelgningsplan.overskrift, "Opfølgningsplan"),
        ];
        for (tekst, begyndelse) in tilfaelde {
            assert!(
                tekst.starts_with(begyndelse),
                "»{tekst}« skulle begynde med »{begyndelse}«"
            );
        }
        assert!(!tekster.indledning.tekst.contains("Socialstyrelsen"));
        // Only 19.1 and 20.1 have this sentence; the newest version is kept.
        assert!(tekster.indledning.tekst.ends_with(
            "Auditforløbene har fokus på socialtilsynenes faglige vurderinger af \
                            tilbuddenes kvalitet."
        ));
        assert!(tekster.indledning.punkter.is_empty());
    }

    #[test]
    fn the_purpose_has_the_four_points_of_the_seed_reports() {
        let punkter = seed().formaal.punkter;
        // The four points all three reports list under "Formål med de lærende auditforløb".
        let begyndelser = [
            "At understøtte koordinering af opgaveløsningen",
            "Gennem læringsorienterede forløb at understøtte den faglige dialog",
            "At skabe rum til faglige refleksioner",
            "At sætte fokus på centrale aspekter af den samlede tilsynsproces",
        ];
        assert_eq!(punkter.len(), begyndelser.len());
        for (punkt, begyndelse) in punkter.iter().zip(begyndelser) {
            assert!(punkt.starts_with(begyndelse), "»{punkt}«");
            assert!(punkt.ends_with('.'), "»{punkt}«");
        }
    }

    #[test]
    fn the_follow_up_sentences_name_the_audit_and_the_deadline() {
        let plan = seed().opfoelgningsplan;
        // 20.1's opening sentence, with the plural "anbefalinger" of 19.1 (see the seed file).
        assert_eq!(
            plan.indledning("25.2"),
            "Som opfølgning på de opmærksomheder og anbefalinger, der er opstillet i \
             auditrapport 25.2, vil Social- og Boligstyrelsen tage initiativ til en række tiltag, \
             herunder:"
        );
        // 20.1's first action, with the deadline phrase as typed and its own period dropped.
        let frist = parse_frist("ved førstkommende lejlighed.").unwrap();
        assert_eq!(
            plan.afrapportering(" 20.1 ", &frist).as_deref(),
            Some(
                "Afrapporteringen af auditforløbet 20.1., herunder de opstillede opmærksomheder \
                 og anbefalinger, vil blive præsenteret og drøftet på Fællesmøde med tilsynschefer \
                 og på Mellemledernetværksmøde ved førstkommende lejlighed."
            )
        );
    }

    #[test]
    fn a_reports_own_texts_need_no_placeholders_but_no_text_may_be_blank() {
        // 19.2's own opening of its plan (seed 003): "Som opfølgning på de anbefalinger, der er
        // opstillet i auditrapport 19.2, vil Socialstyrelsen tage initiativ til følgende:".
        let own = SEED
            .replace(
                "myndighed = \"Social- og Boligstyrelsen\"",
                "myndighed = \"Socialstyrelsen\"",
            )
            .replace(
                "Som opfølgning på de opmærksomheder og anbefalinger, der er opstillet i \
                 auditrapport {auditnummer}, vil Social- og Boligstyrelsen tage initiativ til en \
                 række tiltag, herunder:",
                "Som opfølgning på de anbefalinger, der er opstillet i auditrapport 19.2, vil \
                 Socialstyrelsen tage initiativ til følgende:",
            );
        assert_ne!(own, SEED, "the test must change the seed");
        let egne: Rapporttekster = toml::from_str(&own).unwrap();
        assert_eq!(egne.kontroller().map_err(|e| e.to_string()), Ok(()));
        assert_eq!(
            egne.opfoelgningsplan.indledning("19.2"),
            "Som opfølgning på de anbefalinger, der er opstillet i auditrapport 19.2, vil \
             Socialstyrelsen tage initiativ til følgende:"
        );
        assert_eq!(egne.anbefalingsmaerke(), "Socialstyrelsens anbefaling");
        // As a template it would lack its placeholder.
        assert!(matches!(
            Rapporttekster::from_toml(&own),
            Err(TeksterFejl::ManglerPladsholder { .. })
        ));
        let mut tom = egne.clone();
        tom.myndighed = " ".into();
        assert_eq!(
            tom.kontroller().unwrap_err().to_string(),
            "Rapportteksten »myndighed« er tom."
        );
    }

    #[test]
    fn blank_texts_missing_placeholders_and_unknown_fields_are_refused() {
        let tom_punkt = SEED.replacen(
            "\"Gennem læringsorienterede forløb at understøtte den faglige dialog på tværs af \
             socialtilsynene.\"",
            "\"  \"",
            1,
        );
        assert_ne!(tom_punkt, SEED, "the test must change the seed");
        let fejl = Rapporttekster::from_toml(&tom_punkt).unwrap_err();
        assert_eq!(
            fejl.to_string(),
            "Rapportteksten »formaal.punkter[1]« er tom."
        );

        let uden_frist = SEED.replace(
            "Mellemledernetværksmøde {frist}.",
            "Mellemledernetværksmøde.",
        );
        assert_ne!(uden_frist, SEED, "the test must change the seed");
        let fejl = Rapporttekster::from_toml(&uden_frist).unwrap_err();
        assert_eq!(
            fejl.to_string(),
            "Rapportteksten »opfoelgningsplan.afrapportering« skal indeholde {frist}."
        );

        let stavefejl = SEED.replace("[formaal]", "[formål]");
        let fejl = Rapporttekster::from_toml(&stavefejl).unwrap_err();
        assert!(matches!(fejl, TeksterFejl::Toml(_)), "{fejl:?}");
        assert!(
            fejl.to_string()
                .starts_with("Rapportteksterne kan ikke læses: "),
            "{fejl}"
        );
    }
}
