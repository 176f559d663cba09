//! Rater severity and tilsyn effects: who judges systematically harsher or milder than the colleagues
//! rating the same material.
//!
//! Severity is the statistics crate's: a rater's value minus the mean of the *other* raters' values on
//! the same unit, averaged over the rater's units (negative: harsher; positive: milder, since the
//! codes rise with quality). It needs an ordered scale; on the approval scale and a checklist read
//! without "ikke relevant" the codes are 0/1, so a severity of −0,10 means ten percentage points fewer
//! positive answers than the colleagues gave the same material. A tilsyn's effect is the plain mean of
//! its raters' severities (each rater counts once, however much they rated).

use agreement::BootstrapConfig;
use serde::{Deserialize, Serialize};

use super::matrix::RatingMatrix;
use crate::{Audit, Tilsyn, Username};

/// One rater's use of the scale against the colleagues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterSeverity {
    /// The rater.
    pub username: Username,
    /// The display name.
    pub navn: String,
    /// The rater's tilsyn.
    pub tilsyn: Option<Tilsyn>,
    /// Number of ratings with a value.
    pub n: usize,
    /// The mean value given, on an ordered scale.
    pub mean: Option<f64>,
    /// The mean signed deviation from the leave-one-out consensus (negative: harsher).
    pub severity: Option<f64>,
    /// A 95 % percentile bootstrap interval of `severity` over units, when a bootstrap was asked for.
    pub severity_ci95: Option<[f64; 2]>,
}

/// The mean severity of one tilsyn's raters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TilsynEffect {
    /// The tilsyn.
    pub tilsyn: Tilsyn,
    /// Its Danish name.
    pub navn: String,
    /// Raters of the tilsyn with a defined severity.
    pub raters: usize,
    /// Their ratings with a value, in all.
    pub n_ratings: usize,
    /// The mean of their severities; `None` when the tilsyn has no rater with one (exempted, absent).
    pub mean_severity: Option<f64>,
}

/// Every rater's severity in `matrix`, in the matrix's rater order; all `None` when the scale is not
/// ordered. With `bootstrap`, each severity gets an interval.
pub fn rater_severity(
    audit: &Audit,
    matrix: &RatingMatrix,
    bootstrap: Option<&BootstrapConfig>,
) -> Vec<RaterSeverity> {
    let reading = matrix.ordered_reading();
    let diagnostics = agreement::rater_diagnostics(
        reading.as_ref().unwrap_or(&matrix.ratings),
        bootstrap.filter(|_| reading.is_some()),
    );
    matrix
        .raters
        .iter()
        .zip(diagnostics)
        .map(|(username, d)| {
            let member = audit.member(username);
            RaterSeverity {
                username: username.clone(),
                navn: member.map_or_else(|| username.to_string(), |m| m.navn.clone()),
                tilsyn: member.map(|m| m.tilsyn),
                n: d.n,
                mean: d.mean.filter(|x| x.is_finite()),
                severity: d.severity.filter(|x| x.is_finite()),
                severity_ci95: d.severity_ci95,
            }
        })
        .collect()
}

/// The effect of each of the five tilsyn, in the order the reports list them.
pub fn tilsyn_effects(raters: &[RaterSeverity]) -> Vec<TilsynEffect> {
    Tilsyn::ALL
        .into_iter()
        .map(|tilsyn| {
            let own: Vec<&RaterSeverity> =
                raters.iter().filter(|r| r.tilsyn == Some(tilsyn)).collect();
            let severities: Vec<f64> = own.iter().filter_map(|r| r.severity).collect();
            TilsynEffect {
                tilsyn,
                navn: tilsyn.fulde_navn(),
                raters: severities.len(),
                n_ratings: own.iter().map(|r| r.n).sum(),
                mean_severity: mean(&severities),
            }
        })
        .collect()
}

/// The plain mean, `None` for no values.
pub(super) fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, v};
    use super::super::{Items, Selection, matrix};
    use super::*;
    use crate::Scale;

    #[test]
    fn severity_is_the_deviation_from_the_others_and_a_tilsyn_effect_its_raters_mean() {
        //        h1 h2 m1
        //   a     4  3  2
        //   b     5  4  3
        // h1: a 4 − (3 + 2)/2 = 1,5, b 5 − (4 + 3)/2 = 1,5 → +1,5; h2: 3 − 3 = 0, 4 − 4 = 0 → 0;
        // m1: 2 − 3,5, 3 − 4,5 → −1,5. Hovedstaden: (1,5 + 0)/2 = 0,75; Midt: −1,5.
        let (audit, ratings) = fixture::one_item(
            Scale::Drift,
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("h2", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
            ],
            &[("a", Tilsyn::Syd), ("b", Tilsyn::Syd)],
            &[("a", &[v(4), v(3), v(2)]), ("b", &[v(5), v(4), v(3)])],
        );
        let m = matrix::build(&audit, &ratings, &Selection::new(Items::Scored)).unwrap();
        let raters = rater_severity(&audit, &m, None);
        let severities: Vec<Option<f64>> = raters.iter().map(|r| r.severity).collect();
        assert_eq!(severities, [Some(1.5), Some(0.0), Some(-1.5)]);
        assert_eq!(raters[0].mean, Some(4.5));
        assert_eq!(raters[2].tilsyn, Some(Tilsyn::Midt));
        let effects = tilsyn_effects(&raters);
        assert_eq!(effects.len(), 5);
        assert_eq!(effects[0].tilsyn, Tilsyn::Hovedstaden);
        assert_eq!(
            (
                effects[0].raters,
                effects[0].n_ratings,
                effects[0].mean_severity
            ),
            (2, 4, Some(0.75))
        );
        assert_eq!(effects[1].mean_severity, Some(-1.5));
        assert_eq!(
            (effects[2].raters, effects[2].mean_severity),
            (0, None),
            "Nord has no rater"
        );
    }
}
