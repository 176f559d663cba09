//! The auditrapport as a document: its sections in the seed reports' order, each with a number, a
//! stable anchor id and its text as blocks, plus the typed parts the web layer renders specially
//! (the discussions with their rating figures, the boxed recommendations, the follow-up plan with
//! its due dates, the annexes). No HTML here: the web crate renders a [`Rapport`] with maud, and a
//! published snapshot stores its JSON beside the HTML.
//!
//! [`super::byg_rapport`] builds it; this module holds the shapes.

use serde::{Deserialize, Serialize};
use time::Date;

use super::bilag::{Kalibreringsbilag, MaterialeSpindelvaev};
use super::fodnoter::Fodnote;
use super::indikator::Bedoemmelsesfordeling;
use crate::{Bilagsafsnit, Emne, Opmaerksomhed, Tekstafsnit};

/// An auditrapport, built from an audit, its ratings, the report content, the pinned quality model
/// and the standard texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rapport {
    /// The audit's number ("20.1").
    pub auditnummer: String,
    /// The title page's title ("Auditrapport 20.1").
    pub titel: String,
    /// The audit's own title ("Godkendelse af døgntilbud").
    pub undertitel: String,
    /// The title page's sender line, as the report's standard texts name the authority:
    /// "Socialstyrelsen" in 2019–2020, "Social- og Boligstyrelsen · Auditfunktionen" now.
    pub afsender: String,
    /// The label above each recommendation: "Socialstyrelsens anbefaling" in 2019–2020,
    /// "Social- og Boligstyrelsens anbefaling" now.
    pub anbefalingsmaerke: String,
    /// The quality-model version the audit pinned ("2017").
    pub model_version: String,
    /// The table of contents: every numbered heading in document order.
    pub indholdsfortegnelse: Vec<Indholdspunkt>,
    /// 1 Indledning: the standard text about the audit function.
    pub indledning: Sektion,
    /// 2 Formål: the standard purpose of the learning audits, with the audit's own purpose and the
    /// report's introductory sections as subsections.
    pub formaal: Sektion,
    /// 3 Metodisk tilrettelæggelse.
    pub metodisk_tilrettelaeggelse: MetodiskTilrettelaeggelse,
    /// 4 Auditpanelets drøftelser.
    pub droeftelser: Droeftelsesdel,
    /// 5 Anbefalinger.
    pub anbefalinger: Anbefalingsdel,
    /// 6 Opfølgningsplan.
    pub opfoelgningsplan: Opfoelgningsplan,
    /// 7 Bilag.
    pub bilag: Bilagsdel,
    /// The footnotes of the written text in reading order; the text refers to note N as `[^N]`
    /// ([`super::fodnoter`]). Empty in snapshots published before there were notes.
    #[serde(default)]
    pub fodnoter: Vec<Fodnote>,
}

impl Rapport {
    /// Every numbered heading in document order, as the table of contents lists them.
    pub fn overskrifter(&self) -> Vec<&Overskrift> {
        let mut ud = Vec::new();
        sektion_overskrifter(&self.indledning, &mut ud);
        sektion_overskrifter(&self.formaal, &mut ud);
        let m = &self.metodisk_tilrettelaeggelse;
        ud.push(&m.overskrift);
        for s in [&m.fokus, &m.deltagere, &m.auditmateriale, &m.metodisk_fokus] {
            sektion_overskrifter(s, &mut ud);
        }
        ud.push(&self.droeftelser.overskrift);
        ud.extend(&self.droeftelser.skemadroeftelser);
        ud.extend(self.droeftelser.droeftelser.iter().map(|d| &d.overskrift));
        for s in &self.droeftelser.plenum {
            sektion_overskrifter(s, &mut ud);
        }
        ud.push(&self.anbefalinger.overskrift);
        ud.extend(self.anbefalinger.anbefalinger.iter().map(|a| &a.overskrift));
        ud.push(&self.opfoelgningsplan.overskrift);
        ud.push(&self.bilag.overskrift);
        ud.extend(self.bilag.bilag.iter().map(|b| &b.overskrift));
        ud.push(&self.bilag.kalibrering_overskrift);
        ud.extend(&self.bilag.spindelvaev_overskrift);
        ud
    }
}

fn sektion_overskrifter<'a>(s: &'a Sektion, ud: &mut Vec<&'a Overskrift>) {
    ud.push(&s.overskrift);
    for u in &s.undersektioner {
        sektion_overskrifter(u, ud);
    }
}

/// A numbered heading with its stable anchor id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overskrift {
    /// The section number ("3.2").
    pub nummer: String,
    /// The anchor id, ASCII, unique in the report ("deltagere", "droeftelse-indikator-3-a").
    pub anker: String,
    /// The heading as printed ("Deltagere").
    pub tekst: String,
}

impl Overskrift {
    /// The level: 1 for "3", 2 for "3.2", and so on.
    pub fn niveau(&self) -> usize {
        self.nummer.split('.').count()
    }
}

/// One line of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indholdspunkt {
    /// The section number ("3.2").
    pub nummer: String,
    /// The anchor the line links to.
    pub anker: String,
    /// The heading.
    pub overskrift: String,
    /// 1 for a main section, 2 for a subsection.
    pub niveau: usize,
}

/// A block of running text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "art", content = "indhold", rename_all = "kebab-case")]
pub enum Blok {
    /// A paragraph.
    Afsnit(String),
    /// A bullet list.
    Punkter(Vec<String>),
    /// A numbered list (20.1 numbers its three rating forms).
    Nummereret(Vec<String>),
}

/// A section of running text, with its subsections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sektion {
    /// The numbered heading.
    pub overskrift: Overskrift,
    /// Text the tool supplies: generated from the audit's data, or the standard texts every report
    /// shares.
    pub genereret: Vec<Blok>,
    /// Text written for this report (from the report content), printed after the generated text.
    pub skrevet: Vec<Blok>,
    /// The subsections, in order.
    pub undersektioner: Vec<Sektion>,
    /// Set when the koordinator replaced or extended the generated text; absent: as generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redigeret: Option<Redigeringsmaerke>,
}

/// The "edited" marker of a generated section, with the generated text as it reads now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redigeringsmaerke {
    /// Replaced or extended.
    pub maade: crate::Redigeringsmaade,
    /// The generated paragraphs as they would read now.
    pub genereret_nu: Vec<String>,
    /// Whether they read differently from when the koordinator edited (or last kept) the text.
    pub genereret_aendret: bool,
}

/// 3 Metodisk tilrettelæggelse: the four subsections every report has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetodiskTilrettelaeggelse {
    /// The section's heading.
    pub overskrift: Overskrift,
    /// 3.1 Fokus: the audit's focus.
    pub fokus: Sektion,
    /// 3.2 Deltagere: generated from the panel.
    pub deltagere: Sektion,
    /// 3.3 Auditmateriale: generated from the material.
    pub auditmateriale: Sektion,
    /// 3.4 Metodisk fokus: generated from the rating forms and their questions.
    pub metodisk_fokus: Sektion,
}

/// 4 Auditpanelets drøftelser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Droeftelsesdel {
    /// The section's heading.
    pub overskrift: Overskrift,
    /// When the report also has a plenum discussion: the heading that gathers the discussions of the
    /// forms as one step ("4.1 Drøftelse med udgangspunkt i vurderingsskemaerne"), so that the plenum
    /// is a step of its own after it (20.1: "Vurderingerne blev fremlagt mundtligt på auditmødet",
    /// then the plenumdrøftelse). `None` without a plenum: the discussions are 4.1, 4.2, …
    pub skemadroeftelser: Option<Overskrift>,
    /// The discussions per indicator, tema or tematik, in the report's order.
    pub droeftelser: Vec<RapportDroeftelse>,
    /// Discussions in plenum outside the forms (20.1), after the others, each a step of its own.
    pub plenum: Vec<Sektion>,
}

/// The quality model's words for an indicator, from the version the audit pinned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indikatoromtale {
    /// The id ("3.a").
    pub id: String,
    /// The indicator's text.
    pub tekst: String,
    /// The criterion's number and text.
    pub kriterium: Option<(String, String)>,
    /// The tema's name.
    pub tema: Option<String>,
}

/// The panel's discussion of one indicator, tema or tematik, with the generated rating figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RapportDroeftelse {
    /// The numbered heading (anchor "droeftelse-…").
    pub overskrift: Overskrift,
    /// What was discussed.
    pub emne: Emne,
    /// The indicator's text from the pinned model, when the subject is an indicator.
    pub indikator: Option<Indikatoromtale>,
    /// Introductory paragraphs as the report writes them (a paragraph equal to the model's
    /// indicator text is left out, since [`Self::indikator`] carries it).
    pub indledning: Vec<String>,
    /// Headed descriptive sections (19.2's "Interne organiseringer").
    pub afsnit: Vec<Tekstafsnit>,
    /// "Ligheder på tværs".
    pub ligheder: Vec<String>,
    /// The points of attention.
    pub opmaerksomheder: Vec<Opmaerksomhed>,
    /// Points of attention about "datakilder og undersøgelsesmetoder".
    pub datakilder: Vec<Opmaerksomhed>,
    /// Socialstyrelsen's assessment (19.2).
    pub vurdering: Option<Tekstafsnit>,
    /// The round-1 rating distribution behind [`Self::statistik`], when the audit rated the subject.
    pub fordeling: Option<Bedoemmelsesfordeling>,
    /// Generated paragraphs: the rating distribution and agreement, and the nominations.
    pub statistik: Vec<String>,
    /// The anchors of the recommendations that rest on this discussion.
    pub anbefalinger: Vec<String>,
}

/// 5 Anbefalinger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anbefalingsdel {
    /// The section's heading.
    pub overskrift: Overskrift,
    /// The report's conclusion, before the recommendations (20.1's "Anbefaling" opens with it).
    pub konklusion: Vec<String>,
    /// The recommendations, each printed in a box.
    pub anbefalinger: Vec<RapportAnbefaling>,
}

/// One "Socialstyrelsens anbefaling", linked to the discussion it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RapportAnbefaling {
    /// The numbered heading (anchor "anbefaling-…").
    pub overskrift: Overskrift,
    /// The id within the report ("8.a"), which follow-up actions name.
    pub id: String,
    /// What it rests on.
    pub emne: Emne,
    /// The paragraphs.
    pub tekst: Vec<String>,
    /// Bullet points after the paragraphs.
    pub punkter: Vec<String>,
    /// The discussion it rests on, when the report has one for its subject.
    pub grundlag: Option<Grundlag>,
    /// The anchors of the follow-up actions that follow from it.
    pub opfoelgning: Vec<String>,
}

/// Where a recommendation comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grundlag {
    /// The anchor of the discussion (or plenum section) it rests on.
    pub droeftelse: String,
    /// The discussion's heading.
    pub overskrift: String,
    /// The indicator, when the recommendation is about one.
    pub indikator: Option<String>,
}

/// 6 Opfølgningsplan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opfoelgningsplan {
    /// The section's heading.
    pub overskrift: Overskrift,
    /// The standard opening sentence, naming the audit.
    pub indledning: String,
    /// The actions in the report's order.
    pub tiltag: Vec<RapportTiltag>,
}

/// One follow-up action with its deadline as typed and as dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RapportTiltag {
    /// The anchor id ("tiltag-praesentation").
    pub anker: String,
    /// The id within the report.
    pub id: String,
    /// The action as the report words it.
    pub tekst: String,
    /// Bullet points that belong to the text.
    pub punkter: Vec<String>,
    /// The anchors of the recommendations it follows from.
    pub anbefalinger: Vec<String>,
    /// The parties it names, by their Danish names.
    pub ansvarlige: Vec<String>,
    /// The deadline, when the report gives one.
    pub frist: Option<Fristangivelse>,
}

/// A deadline as typed and read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fristangivelse {
    /// The text as typed ("i 2. halvår 2019").
    pub tekst: String,
    /// The first day of the period, when it is one.
    pub fra: Option<Date>,
    /// The due date: the last day of the period, or the date.
    pub forfald: Option<Date>,
    /// The due date the Danish way ("31. december 2019").
    pub forfald_tekst: Option<String>,
    /// Why the text could not be read, when it could not (the report content's validation refuses
    /// such texts, so this is a safety net for unvalidated drafts).
    pub fejl: Option<String>,
}

/// 7 Bilag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bilagsdel {
    /// The section's heading.
    pub overskrift: Overskrift,
    /// The report's own annexes, such as 20.1's overview of each tilsyn's organisation.
    pub bilag: Vec<RapportBilag>,
    /// The calibration appendix.
    pub kalibrering: Kalibreringsbilag,
    /// Its heading.
    pub kalibrering_overskrift: Overskrift,
    /// The notice that the ratings are synthetic, for a demo audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub syntetisk: Option<String>,
    /// The spider webs, one per material with indicator scores.
    pub spindelvaev: Vec<MaterialeSpindelvaev>,
    /// Their heading, when there are any.
    pub spindelvaev_overskrift: Option<Overskrift>,
}

/// One of the report's own annexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RapportBilag {
    /// The numbered heading.
    pub overskrift: Overskrift,
    /// Its sections, each possibly about one tilsyn.
    pub afsnit: Vec<Bilagsafsnit>,
}
