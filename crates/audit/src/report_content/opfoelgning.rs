//! The follow-up plan's actions (opfølgningstiltag) and the parties they name.
//!
//! A deadline is kept exactly as the report types it ("i maj og juni 2019", "ved førstkommende
//! lejlighed") and read with [`crate::frist::parse_frist`] when a date is needed, so the text stays
//! the single source of the dates. Some actions in the seed reports give no deadline at all (19.1:
//! "på det efterfølgende møde"); their `frist` is `None`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Tilsyn;
use crate::frist::{Frist, FristFejl, parse_frist};

/// One action of a follow-up plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opfoelgningstiltag {
    /// The id within the report ("praesentation").
    pub id: String,
    /// The action as the report words it.
    pub tekst: String,
    /// Bullet points that belong to the text (19.1's three "forhold").
    #[serde(default)]
    pub punkter: Vec<String>,
    /// The ids of the recommendations the action follows from.
    #[serde(default)]
    pub anbefalinger: Vec<String>,
    /// The parties the action names: the one who acts first, then the fora involved.
    pub ansvarlige: Vec<Ansvarlig>,
    /// The deadline as typed in the report; `None` when the report gives none.
    #[serde(default)]
    pub frist: Option<String>,
}

impl Opfoelgningstiltag {
    /// The deadline read into a period; `None` when the report gives none.
    ///
    /// # Errors
    /// [`FristFejl`] quoting the text when it is not a deadline the parser knows.
    pub fn frist(&self) -> Option<Result<Frist, FristFejl>> {
        self.frist.as_deref().map(parse_frist)
    }

    /// Every problem with the action as the koordinator entered it or an import brings it, in field
    /// order: an empty id, an empty text, no responsible party, a deadline the parser does not read.
    /// The report editor shows each next to its field; the store refuses an action with any
    /// ([`Opfoelgningstiltag::check`]).
    pub fn problems(&self) -> Vec<TiltagFejl> {
        let mut problems = Vec::new();
        if self.id.trim().is_empty() {
            problems.push(TiltagFejl::ManglerId);
        }
        if self.tekst.trim().is_empty() {
            problems.push(TiltagFejl::ManglerTekst {
                tiltag: self.id.clone(),
            });
        }
        if self.ansvarlige.is_empty() {
            problems.push(TiltagFejl::ManglerAnsvarlig {
                tiltag: self.id.clone(),
            });
        }
        if let Some(Err(fejl)) = self.frist() {
            problems.push(TiltagFejl::Frist {
                tiltag: self.id.clone(),
                fejl,
            });
        }
        problems
    }

    /// Checks the action before it is stored: the first of [`Opfoelgningstiltag::problems`].
    ///
    /// # Errors
    /// The first [`TiltagFejl`] found.
    pub fn check(&self) -> Result<(), TiltagFejl> {
        match self.problems().into_iter().next() {
            Some(fejl) => Err(fejl),
            None => Ok(()),
        }
    }

    /// The tilsyn the action is addressed to: all five for [`Ansvarlig::Socialtilsynene`], one for
    /// [`Ansvarlig::Tilsyn`]. Their tilsynskontakt reports progress on it.
    pub fn tilsyn(&self) -> Vec<Tilsyn> {
        let mut tilsyn: Vec<Tilsyn> = self
            .ansvarlige
            .iter()
            .flat_map(|a| match a {
                Ansvarlig::Socialtilsynene => Tilsyn::ALL.to_vec(),
                Ansvarlig::Tilsyn(t) => vec![*t],
                _ => Vec::new(),
            })
            .collect();
        tilsyn.sort();
        tilsyn.dedup();
        tilsyn
    }
}

/// What is wrong with a follow-up action; the message names the action and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TiltagFejl {
    /// The id is empty.
    #[error("opfølgningstiltaget mangler et id")]
    ManglerId,
    /// The text is empty.
    #[error("opfølgningstiltaget »{tiltag}« mangler en tekst")]
    ManglerTekst {
        /// The action's id.
        tiltag: String,
    },
    /// No responsible party is named.
    #[error("opfølgningstiltaget »{tiltag}« mangler en ansvarlig")]
    ManglerAnsvarlig {
        /// The action's id.
        tiltag: String,
    },
    /// The deadline does not parse.
    #[error("fristen for opfølgningstiltaget »{tiltag}«: {fejl}")]
    Frist {
        /// The action's id.
        tiltag: String,
        /// Why the deadline does not parse.
        fejl: FristFejl,
    },
}

impl TiltagFejl {
    /// The field the problem belongs to, as the report editor's form names it: `id`, `tekst`,
    /// `ansvarlige` or `frist`.
    pub fn field(&self) -> &'static str {
        match self {
            TiltagFejl::ManglerId => "id",
            TiltagFejl::ManglerTekst { .. } => "tekst",
            TiltagFejl::ManglerAnsvarlig { .. } => "ansvarlige",
            TiltagFejl::Frist { .. } => "frist",
        }
    }
}

/// A party named in a follow-up action.
///
/// In the seed files a party is a string: one of the ids below, a tilsyn id ("midt"), or
/// `"andet: <navn>"` for anyone else.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Ansvarlig {
    /// Socialstyrelsen, as the 2019–2020 reports name the authority ("socialstyrelsen").
    Socialstyrelsen,
    /// Social- og Boligstyrelsens Auditfunktion, which signs the 2023 faglig udtalelse ("auditfunktionen").
    Auditfunktionen,
    /// All five socialtilsyn, or their professional management ("socialtilsynene").
    Socialtilsynene,
    /// One named socialtilsyn ("midt").
    Tilsyn(Tilsyn),
    /// Mellemledernetværket, the network of middle managers ("mellemledernetvaerket").
    Mellemledernetvaerket,
    /// Fællesmøde med tilsynschefer, the joint meeting of the heads of tilsyn ("faellesmoede-med-tilsynschefer").
    FaellesmoedeMedTilsynschefer,
    /// Anyone else, by name ("andet: en arbejdsgruppe").
    Andet(String),
}

/// A party text that names no known party and does not start with "andet:".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "ukendt ansvarlig »{0}«; brug socialstyrelsen, auditfunktionen, socialtilsynene, et tilsyn \
     (hovedstaden, midt, nord, syd, oest), mellemledernetvaerket, faellesmoede-med-tilsynschefer \
     eller »andet: <navn>«"
)]
pub struct UkendtAnsvarlig(pub String);

const ANDET: &str = "andet:";

impl Ansvarlig {
    /// The stable id as the seed files write it.
    pub fn id(&self) -> String {
        match self {
            Ansvarlig::Socialstyrelsen => "socialstyrelsen".into(),
            Ansvarlig::Auditfunktionen => "auditfunktionen".into(),
            Ansvarlig::Socialtilsynene => "socialtilsynene".into(),
            Ansvarlig::Tilsyn(t) => t.id().into(),
            Ansvarlig::Mellemledernetvaerket => "mellemledernetvaerket".into(),
            Ansvarlig::FaellesmoedeMedTilsynschefer => "faellesmoede-med-tilsynschefer".into(),
            Ansvarlig::Andet(navn) => format!("{ANDET} {navn}"),
        }
    }

    /// The Danish name as a report prints it ("Fællesmøde med tilsynschefer").
    pub fn navn(&self) -> String {
        match self {
            Ansvarlig::Socialstyrelsen => "Socialstyrelsen".into(),
            Ansvarlig::Auditfunktionen => "Social- og Boligstyrelsens Auditfunktion".into(),
            Ansvarlig::Socialtilsynene => "socialtilsynene".into(),
            Ansvarlig::Tilsyn(t) => t.fulde_navn(),
            Ansvarlig::Mellemledernetvaerket => "Mellemledernetværket".into(),
            Ansvarlig::FaellesmoedeMedTilsynschefer => "Fællesmøde med tilsynschefer".into(),
            Ansvarlig::Andet(navn) => navn.clone(),
        }
    }
}

impl fmt::Display for Ansvarlig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.navn())
    }
}

impl FromStr for Ansvarlig {
    type Err = UkendtAnsvarlig;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Some(navn) = t.strip_prefix(ANDET).map(str::trim) {
            return if navn.is_empty() {
                Err(UkendtAnsvarlig(s.to_owned()))
            } else {
                Ok(Ansvarlig::Andet(navn.to_owned()))
            };
        }
        match t {
            "socialstyrelsen" => Ok(Ansvarlig::Socialstyrelsen),
            "auditfunktionen" => Ok(Ansvarlig::Auditfunktionen),
            "socialtilsynene" => Ok(Ansvarlig::Socialtilsynene),
            "mellemledernetvaerket" => Ok(Ansvarlig::Mellemledernetvaerket),
            "faellesmoede-med-tilsynschefer" => Ok(Ansvarlig::FaellesmoedeMedTilsynschefer),
            _ => Tilsyn::ALL
                .into_iter()
                .find(|tilsyn| tilsyn.id() == t)
                .map(Ansvarlig::Tilsyn)
                .ok_or_else(|| UkendtAnsvarlig(s.to_owned())),
        }
    }
}

impl TryFrom<String> for Ansvarlig {
    type Error = UkendtAnsvarlig;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Ansvarlig> for String {
    fn from(a: Ansvarlig) -> String {
        a.id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(
        id: &str,
        tekst: &str,
        ansvarlige: Vec<Ansvarlig>,
        frist: Option<&str>,
    ) -> Opfoelgningstiltag {
        Opfoelgningstiltag {
            id: id.into(),
            tekst: tekst.into(),
            punkter: vec![],
            anbefalinger: vec![],
            ansvarlige,
            frist: frist.map(str::to_owned),
        }
    }

    #[test]
    fn a_complete_action_has_no_problem() {
        let ok = action(
            "praesentation",
            "Auditfunktionen præsenterer resultaterne.",
            vec![Ansvarlig::Auditfunktionen],
            Some("2. halvår 2019"),
        );
        assert_eq!(ok.problems(), vec![]);
        assert_eq!(ok.check(), Ok(()));
        let without_deadline = action("x", "Tekst.", vec![Ansvarlig::Socialtilsynene], None);
        assert_eq!(without_deadline.check(), Ok(()));
    }

    #[test]
    fn every_problem_is_named_with_its_field_in_field_order() {
        let bad = action(" ", "  ", vec![], Some("snarest muligt"));
        let problems = bad.problems();
        let fields: Vec<&str> = problems.iter().map(TiltagFejl::field).collect();
        assert_eq!(fields, ["id", "tekst", "ansvarlige", "frist"]);
        assert_eq!(bad.check(), Err(TiltagFejl::ManglerId));
        let no_party = action("midt", "Tekst.", vec![], None);
        assert_eq!(
            no_party.check().unwrap_err().to_string(),
            "opfølgningstiltaget »midt« mangler en ansvarlig"
        );
        let no_text = action("midt", "", vec![Ansvarlig::Tilsyn(Tilsyn::Midt)], None);
        assert_eq!(
            no_text.check().unwrap_err().to_string(),
            "opfølgningstiltaget »midt« mangler en tekst"
        );
        let late = action(
            "midt",
            "Tekst.",
            vec![Ansvarlig::Tilsyn(Tilsyn::Midt)],
            Some("snarest muligt"),
        );
        let err = late.check().unwrap_err();
        assert_eq!(err.field(), "frist");
        assert_eq!(
            err.to_string(),
            format!(
                "fristen for opfølgningstiltaget »midt«: {}",
                parse_frist("snarest muligt").unwrap_err()
            )
        );
        assert!(err.to_string().contains("»snarest muligt«"), "{err}");
    }

    #[test]
    fn parties_round_trip_through_their_ids() {
        for a in [
            Ansvarlig::Socialstyrelsen,
            Ansvarlig::Auditfunktionen,
            Ansvarlig::Socialtilsynene,
            Ansvarlig::Tilsyn(Tilsyn::Oest),
            Ansvarlig::Mellemledernetvaerket,
            Ansvarlig::FaellesmoedeMedTilsynschefer,
            Ansvarlig::Andet("en arbejdsgruppe".into()),
        ] {
            assert_eq!(a.id().parse(), Ok(a.clone()), "{a}");
        }
    }

    #[test]
    fn unknown_parties_are_refused_not_guessed() {
        for bad in ["socialstyrelse", "Midt", "andet:", "andet:   ", ""] {
            let err = bad.parse::<Ansvarlig>().unwrap_err();
            assert!(err.to_string().contains(&format!("»{bad}«")), "{err}");
        }
    }

    #[test]
    fn an_action_for_socialtilsynene_is_addressed_to_all_five() {
        let t = Opfoelgningstiltag {
            id: "x".into(),
            tekst: "x".into(),
            punkter: vec![],
            anbefalinger: vec![],
            ansvarlige: vec![Ansvarlig::Socialtilsynene, Ansvarlig::Tilsyn(Tilsyn::Midt)],
            frist: Some("1. halvår 2020".into()),
        };
        assert_eq!(t.tilsyn(), Tilsyn::ALL.to_vec());
        assert_eq!(
            t.frist().unwrap().unwrap().forfald(),
            Some(time::macros::date!(2020 - 06 - 30))
        );
    }
}
