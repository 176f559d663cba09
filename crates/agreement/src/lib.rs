//! Inter-rater agreement statistics on a generic ratings matrix (units × raters, missing allowed).
//!
//! The crate knows nothing of audits: a unit is anything several raters rated, a rater anyone who rated.
//! It is pure (no I/O) so that the command line, the web dashboard and the report all compute the same
//! numbers from the same code.

mod chance_corrected;
mod cohen;
mod error;
mod estimate;
mod icc;
pub mod interpretation;
mod kendall;
mod level;
mod ratings;
mod weights;

pub use chance_corrected::{
    FleissTest, PercentAgreement, brennan_prediger, conger_kappa, fleiss_category_kappas,
    fleiss_kappa, fleiss_z, gwet_ac1, gwet_ac2, percent_agreement,
};
pub use cohen::{PairwiseKappa, cohen_kappa, light_kappa, pairwise_kappas, scott_pi};
pub use error::AgreementError;
pub use estimate::{Estimate, Method};
pub use icc::{FTest, Icc, icc};
pub use kendall::{KendallW, kendall_w};
pub use level::{Level, UnknownLevel};
pub use ratings::{Ratings, RatingsBuilder};
pub use weights::{UnknownWeightScheme, WeightScheme, Weights};
