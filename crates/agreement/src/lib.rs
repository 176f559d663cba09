//! Inter-rater agreement statistics on a generic ratings matrix (units × raters, missing allowed).
//!
//! The crate knows nothing of audits: a unit is anything several raters rated, a rater anyone who rated.
//! It is pure (no I/O) so that the command line, the web dashboard and the report all compute the same
//! numbers from the same code.

mod analysis;
mod bootstrap;
mod builder;
mod chance_corrected;
mod cohen;
mod diagnostics;
mod error;
mod estimate;
mod icc;
pub mod interpretation;
mod kendall;
mod krippendorff;
mod level;
mod ratings;
#[cfg(test)]
mod test_data;
mod weights;

pub use analysis::{Analysis, AnalysisOptions, Coefficients, Pairwise, analyse};
pub use bootstrap::{
    Bootstrap, BootstrapConfig, bootstrap, bootstrap_alpha, quantile, resample_units, summarize,
};
pub use builder::RatingsBuilder;
pub use chance_corrected::{
    FleissTest, PercentAgreement, brennan_prediger, conger_kappa, fleiss_category_kappas,
    fleiss_kappa, fleiss_z, gwet_ac1, gwet_ac2, percent_agreement,
};
pub use cohen::{
    PairwiseKappa, cohen_kappa, light_kappa, light_kappa_of, pairwise_kappas, scott_pi,
};
pub use diagnostics::{
    CategoryDiagnostics, Diagnostics, HIGH_PREVALENCE, RaterAgreementMatrix, RaterDiagnostics,
    UnitDiagnostics, category_diagnostics, diagnostics, rater_agreement_matrix, rater_diagnostics,
    unit_diagnostics,
};
pub use error::AgreementError;
pub use estimate::{Estimate, Method, Variance};
pub use icc::{FTest, Icc, icc};
pub use kendall::{KendallW, kendall_w};
pub use krippendorff::{Coincidences, Disagreement, krippendorff_alpha};
pub use level::{Level, UnknownLevel};
pub use ratings::Ratings;
pub use weights::{UnknownWeightScheme, WeightScheme, Weights};
