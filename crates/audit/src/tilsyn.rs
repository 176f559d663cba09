//! The five socialtilsyn, the regional supervisory authorities whose practice the audits calibrate.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the five socialtilsyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tilsyn {
    /// Socialtilsyn Hovedstaden.
    Hovedstaden,
    /// Socialtilsyn Midt.
    Midt,
    /// Socialtilsyn Nord.
    Nord,
    /// Socialtilsyn Syd.
    Syd,
    /// Socialtilsyn Øst.
    Oest,
}

impl Tilsyn {
    /// All five, in the order the reports list them.
    pub const ALL: [Tilsyn; 5] = [
        Tilsyn::Hovedstaden,
        Tilsyn::Midt,
        Tilsyn::Nord,
        Tilsyn::Syd,
        Tilsyn::Oest,
    ];

    /// The stable ASCII id used in URLs, usernames and JSON ("oest").
    pub fn id(self) -> &'static str {
        match self {
            Tilsyn::Hovedstaden => "hovedstaden",
            Tilsyn::Midt => "midt",
            Tilsyn::Nord => "nord",
            Tilsyn::Syd => "syd",
            Tilsyn::Oest => "oest",
        }
    }

    /// The short Danish name ("Øst").
    pub fn navn(self) -> &'static str {
        match self {
            Tilsyn::Hovedstaden => "Hovedstaden",
            Tilsyn::Midt => "Midt",
            Tilsyn::Nord => "Nord",
            Tilsyn::Syd => "Syd",
            Tilsyn::Oest => "Øst",
        }
    }

    /// The full Danish name ("Socialtilsyn Øst").
    pub fn fulde_navn(self) -> String {
        format!("Socialtilsyn {}", self.navn())
    }
}

impl fmt::Display for Tilsyn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.navn())
    }
}

/// The text named no socialtilsyn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ukendt socialtilsyn »{0}«; brug hovedstaden, midt, nord, syd eller oest")]
pub struct UkendtTilsyn(pub String);

impl FromStr for Tilsyn {
    type Err = UkendtTilsyn;

    /// Accepts the id ("oest") and the Danish name ("Øst"), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        Tilsyn::ALL
            .into_iter()
            .find(|t| t.id() == wanted || t.navn().to_lowercase() == wanted)
            .ok_or_else(|| UkendtTilsyn(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_and_danish_names() {
        assert_eq!("oest".parse(), Ok(Tilsyn::Oest));
        assert_eq!("Øst".parse(), Ok(Tilsyn::Oest));
        assert_eq!(" MIDT ".parse(), Ok(Tilsyn::Midt));
        let err = "Fyn".parse::<Tilsyn>().unwrap_err();
        assert!(err.to_string().contains("»Fyn«"));
    }

    #[test]
    fn ids_round_trip() {
        for t in Tilsyn::ALL {
            assert_eq!(t.id().parse(), Ok(t));
        }
    }
}
