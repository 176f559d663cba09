//! Why a ratings matrix could not be built or a coefficient could not be computed.

use crate::Level;

/// Everything that can go wrong in this crate. `Display` is a Danish sentence for the user that names
/// the unit, rater or value at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AgreementError {
    /// The same rater rated the same unit twice.
    #[error("bedømmer »{rater}« har bedømt enhed »{unit}« mere end én gang")]
    Duplicate {
        /// The unit rated twice.
        unit: String,
        /// The rater who rated it twice.
        rater: String,
    },
    /// A value that is not one of the declared categories.
    #[error(
        "værdien »{value}« (enhed »{unit}«, bedømmer »{rater}«) er ikke en af de angivne kategorier: {allowed}"
    )]
    UnknownCategory {
        /// The unit of the rating.
        unit: String,
        /// The rater of the rating.
        rater: String,
        /// The value as given.
        value: String,
        /// The declared categories, comma-separated.
        allowed: String,
    },
    /// A value that is not a number, where the level of measurement needs numbers.
    #[error(
        "værdien »{value}« (enhed »{unit}«, bedømmer »{rater}«) er ikke et tal, men niveauet {level} kræver tal"
    )]
    NotNumeric {
        /// The unit of the rating.
        unit: String,
        /// The rater of the rating.
        rater: String,
        /// The value as given.
        value: String,
        /// The level that needs numbers.
        level: Level,
    },
    /// The declared category list itself is unusable (a duplicate, or a non-number at a numeric level).
    #[error("kategorilisten er ugyldig: {0}")]
    InvalidCategories(String),
    /// There are no ratings at all.
    #[error("der er ingen bedømmelser")]
    Empty,
    /// Fewer raters than the computation needs.
    #[error("der er kun {found} bedømmer(e); der skal mindst være {needed}")]
    TooFewRaters {
        /// Raters present.
        found: usize,
        /// Raters needed.
        needed: usize,
    },
    /// No unit has two or more ratings, so nothing can be compared.
    #[error("ingen enhed er bedømt af mindst to bedømmere")]
    NoPairableUnits,
    /// Fewer units rated by every rater than the computation needs (ICC, Kendall's W).
    #[error("kun {found} enhed(er) er bedømt af alle bedømmere; der skal mindst være {needed}")]
    TooFewCompleteUnits {
        /// Complete units present.
        found: usize,
        /// Complete units needed.
        needed: usize,
    },
    /// The coefficient divides by zero: every rating has the same value (the expected disagreement is 0,
    /// or the chance agreement is 1). Common for approval indicators where everything "forventes at kunne opfylde".
    #[error(
        "koefficienten er udefineret, fordi alle bedømmelser har samme værdi (ingen variation)"
    )]
    NoVariation,
    /// The coefficient does not exist at this level of measurement (for example ICC on nominal data).
    #[error("{coefficient} kan ikke beregnes på niveauet {level}")]
    LevelNotSupported {
        /// The coefficient's name.
        coefficient: &'static str,
        /// The level asked for.
        level: Level,
    },
}
