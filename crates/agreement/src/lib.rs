//! Inter-rater agreement statistics on a generic ratings matrix (units × raters, missing allowed).
//!
//! The crate knows nothing of audits: a unit is anything several raters rated, a rater anyone who rated.
//! It is pure (no I/O) so that the command line, the web dashboard and the report all compute the same
//! numbers from the same code.

mod bootstrap;
mod diagnostics;
mod error;
mod estimate;
mod krippendorff;
mod level;
mod ratings;
#[cfg(test)]
mod test_data;

pub use bootstrap::{
    Bootstrap, BootstrapConfig, bootstrap, bootstrap_alpha, quantile, resample_units, summarize,
};
pub use diagnostics::{
    CategoryDiagnostics, Diagnostics, HIGH_PREVALENCE, RaterAgreementMatrix, RaterDiagnostics,
    UnitDiagnostics, category_diagnostics, diagnostics, rater_agreement_matrix, rater_diagnostics,
    unit_diagnostics,
};
pub use error::AgreementError;
pub use estimate::{Estimate, Method};
pub use krippendorff::{Coincidences, Disagreement, krippendorff_alpha};
pub use level::{Level, UnknownLevel};
pub use ratings::{Ratings, RatingsBuilder};
