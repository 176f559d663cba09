//! A coefficient's value with its uncertainty, the shape every coefficient reports in.

use serde::{Deserialize, Serialize};

/// How an interval was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// From the reference's variance formula (Gwet 2014 for the chance-corrected family; the F distribution for ICC).
    Analytic,
    /// Percentile interval over resampled units.
    Bootstrap,
}

/// Which analytic formula gave the standard error and interval, so that a reader can tell estimates from
/// different references apart (the serialised id is stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variance {
    /// Gwet's (2014) linearised variance on raw ratings, any number of raters and missing ratings allowed
    /// (R `irrCAC` `*.raw`).
    GwetRaw,
    /// Gwet's (2008) variance for exactly two raters who rated the same units, computed from their q × q
    /// table (R `irrCAC::gwet.ac1.table`).
    GwetTwoRaters,
    /// The F-distribution intervals of the intraclass correlations (McGraw & Wong 1996; R `psych::ICC`).
    FDistribution,
}

impl Variance {
    /// The stable id, as in the JSON output.
    pub fn id(self) -> &'static str {
        match self {
            Variance::GwetRaw => "gwet_raw",
            Variance::GwetTwoRaters => "gwet_two_raters",
            Variance::FDistribution => "f_distribution",
        }
    }
}

/// A point estimate with an optional standard error and 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// The coefficient computed on all the data.
    pub estimate: f64,
    /// Its standard error, where the method gives one.
    pub se: Option<f64>,
    /// The 95 % interval `[lower, upper]`.
    pub ci95: Option<[f64; 2]>,
    /// How `se` and `ci95` were obtained; `None` when there are none.
    pub method: Option<Method>,
    /// For an analytic interval, the formula it came from; `None` for a bootstrap or no interval.
    pub variance: Option<Variance>,
}

impl Estimate {
    /// An estimate without any uncertainty attached.
    pub fn point(estimate: f64) -> Estimate {
        Estimate {
            estimate,
            se: None,
            ci95: None,
            method: None,
            variance: None,
        }
    }
}
