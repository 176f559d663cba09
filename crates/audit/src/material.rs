//! Audit material (auditmateriale): the reports and descriptions the panel reads and rates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::sagsforloeb::Sagsforloeb;
use crate::tilbudstype::Tilbud;
use crate::{MaterialId, Tilsyn};

/// What kind of document a material item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Materialetype {
    /// A supervision report of an offer in operation.
    Tilsynsrapport,
    /// An approval report of a new offer.
    Godkendelsesrapport,
    /// A description of the tilsyn's practice, written for the audit.
    Praksisbeskrivelse,
    /// A process description of a case, with dated case steps (19.2).
    Procesbeskrivelse,
    /// A notice of intended decision.
    Agterskrivelse,
    /// Any other annex.
    Bilag,
}

impl Materialetype {
    /// All kinds.
    pub const ALL: [Materialetype; 6] = [
        Materialetype::Tilsynsrapport,
        Materialetype::Godkendelsesrapport,
        Materialetype::Praksisbeskrivelse,
        Materialetype::Procesbeskrivelse,
        Materialetype::Agterskrivelse,
        Materialetype::Bilag,
    ];

    /// The Danish name in the singular.
    pub fn navn(self) -> &'static str {
        match self {
            Materialetype::Tilsynsrapport => "tilsynsrapport",
            Materialetype::Godkendelsesrapport => "godkendelsesrapport",
            Materialetype::Praksisbeskrivelse => "praksisbeskrivelse",
            Materialetype::Procesbeskrivelse => "procesbeskrivelse",
            Materialetype::Agterskrivelse => "agterskrivelse",
            Materialetype::Bilag => "bilag",
        }
    }

    /// The Danish name in the plural.
    pub fn flertal(self) -> &'static str {
        match self {
            Materialetype::Tilsynsrapport => "tilsynsrapporter",
            Materialetype::Godkendelsesrapport => "godkendelsesrapporter",
            Materialetype::Praksisbeskrivelse => "praksisbeskrivelser",
            Materialetype::Procesbeskrivelse => "procesbeskrivelser",
            Materialetype::Agterskrivelse => "agterskrivelser",
            Materialetype::Bilag => "bilag",
        }
    }
}

/// One material item of an audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Material {
    /// The id within the audit.
    pub id: MaterialId,
    /// The name the panel sees ("Rapport A", "Sag C"), which hides the offer's identity.
    pub pseudonym: String,
    /// The socialtilsyn the material comes from.
    pub tilsyn: Tilsyn,
    /// What kind of document it is.
    pub kind: Materialetype,
    /// A short description for the koordinator (never shown to the panel instead of the pseudonym).
    #[serde(default)]
    pub beskrivelse: String,
    /// The tilsyn's own indicator scores in the material, by indicator id, when it has them.
    #[serde(default)]
    pub original_scores: BTreeMap<String, i32>,
    /// The offer the material is about (type, and whether it is private with a board), when known; decides
    /// which indicators apply to it and draws its spider web.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tilbud: Option<Tilbud>,
    /// The dated case steps of a process description (procesbeskrivelse, 19.2), when it has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sagsforloeb: Option<Sagsforloeb>,
    /// The document's own date (a tilsynsrapport's date), when known; a compliance sample holds only reports
    /// dated from the day the faglig udtalelse took effect ([`crate::compliance::periode`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dato: Option<time::Date>,
}
