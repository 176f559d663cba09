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
}

impl Estimate {
    /// An estimate without any uncertainty attached.
    pub fn point(estimate: f64) -> Estimate {
        Estimate {
            estimate,
            se: None,
            ci95: None,
            method: None,
        }
    }
}
