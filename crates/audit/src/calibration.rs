//! Calibration: how well the five socialtilsyn agree when they judge the same material, where they
//! disagree, who judges harsher or milder, and whether the discussion brought them closer.
//!
//! The numbers all come from the `agreement` crate; this module maps an audit's ratings into its
//! [`agreement::Ratings`] matrix ([`matrix`]) and puts the results together in the shapes the agreement
//! dashboard and the report's calibration appendix show ([`report()`]):
//!
//! - overall coefficients per scale and per form, with intervals and Danish readings ([`coefficients`]);
//! - agreement per item, least agreement first ([`items`]);
//! - the units × raters grid for the heatmap ([`heatmap`]);
//! - agreement between the tilsyn, pair by pair ([`tilsyn_pairs`]);
//! - rater severity and tilsyn effects ([`severity`]);
//! - own-tilsyn bias ([`own_tilsyn`]);
//! - the tilsyn's original scores against the panel ([`original`]);
//! - round 1 against round 2 ([`rounds`]);
//! - nominations and case selections ([`choices`]);
//! - the raters under pseudonyms for what is published ([`pseudonymer`]).
//!
//! Everything here is computed from ratings the caller may see: pass them through
//! [`crate::visibility::visible_ratings`] first (and [`crate::visibility::may_see_agreement`] decides
//! whether the figures may be shown at all).

pub mod analyses;
pub mod choices;
pub mod coefficients;
#[cfg(test)]
mod fixture;
pub mod heatmap;
pub mod items;
pub mod matrix;
pub mod original;
pub mod own_tilsyn;
pub mod pseudonymer;
pub mod report;
pub mod rounds;
mod selection;
pub mod severity;
pub mod tilsyn_pairs;

pub use self::coefficients::{Coefficient, Coefficients};
pub use self::matrix::{Answers, Category, CategoryCount, MatrixError, RatingMatrix, build};
pub use self::report::{CalibrationReport, Options, ScaleAnalysis, report};
pub use self::selection::{IkkeRelevant, Items, OwnTilsyn, Selection};
