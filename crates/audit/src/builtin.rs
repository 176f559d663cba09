//! The seed data compiled into the program: quality-model versions and standard report texts.
//!
//! Embedding the files (rather than reading `seeds/` at run time) lets the binary run from any directory;
//! the files stay the single source, and `tests/` loads every one of them.

use crate::kvalitetsmodel::{Kvalitetsmodel, ModelFejl};
use crate::tekster::{Rapporttekster, TeksterFejl};

/// The quality-model versions shipped with the program, newest first: `(version, TOML text)`.
pub const KVALITETSMODELLER: &[(&str, &str)] = &[
    (
        "2024",
        include_str!("../../../seeds/kvalitetsmodel/2024.toml"),
    ),
    (
        "2017",
        include_str!("../../../seeds/kvalitetsmodel/2017.toml"),
    ),
];

/// The newest model version, used when none is asked for.
pub const NYESTE_VERSION: &str = "2024";

/// The standard report texts (Indledning, Formål …).
pub const RAPPORTTEKSTER: &str = include_str!("../../../seeds/tekster/rapport.toml");

/// A model version that is not shipped, or a shipped file that does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuiltinFejl {
    /// No such version.
    #[error("kvalitetsmodellen findes ikke i version »{0}«; kendte versioner: {versions}", versions = known_versions())]
    UkendtVersion(String),
    /// The shipped file is broken (a bug caught by the tests).
    #[error("kvalitetsmodel {version}: {fejl}")]
    Model {
        /// The version.
        version: String,
        /// What is wrong.
        fejl: ModelFejl,
    },
}

fn known_versions() -> String {
    KVALITETSMODELLER
        .iter()
        .map(|(v, _)| *v)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The shipped model `version`, parsed and validated.
///
/// # Errors
/// [`BuiltinFejl::UkendtVersion`] for a version that is not shipped.
pub fn kvalitetsmodel(version: &str) -> Result<Kvalitetsmodel, BuiltinFejl> {
    let (_, text) = KVALITETSMODELLER
        .iter()
        .find(|(v, _)| *v == version.trim())
        .ok_or_else(|| BuiltinFejl::UkendtVersion(version.to_owned()))?;
    Kvalitetsmodel::from_toml(text).map_err(|fejl| BuiltinFejl::Model {
        version: version.to_owned(),
        fejl,
    })
}

/// The shipped standard report texts.
///
/// # Errors
/// [`TeksterFejl`] if the shipped file is broken (a bug caught by the tests).
pub fn rapporttekster() -> Result<Rapporttekster, TeksterFejl> {
    Rapporttekster::from_toml(RAPPORTTEKSTER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_version_loads_under_its_own_name() {
        for (version, _) in KVALITETSMODELLER {
            assert_eq!(kvalitetsmodel(version).unwrap().version(), *version);
        }
        assert!(rapporttekster().is_ok());
    }

    #[test]
    fn unknown_version_lists_the_known_ones() {
        let err = kvalitetsmodel("1999").unwrap_err().to_string();
        assert!(
            err.contains("»1999«") && err.contains("2024, 2017"),
            "{err}"
        );
    }
}
