//! Agreement weights: how much two categories count as agreeing, as Gwet (2014) and `irrCAC` define them.
//!
//! A weight matrix `w[k][l]` in `[0, 1]` says how much credit a pair of ratings in categories `k` and `l`
//! earns; `w[k][k] = 1`. The formulas are those of Gwet, K.L. (2014), *Handbook of Inter-Rater Reliability*,
//! 4th ed., as implemented in R `irrCAC` 1.0 (`weights.gen.r`) and Python `irrCAC` 0.4 (`weights.py`).
//!
//! **Scores.** Every scheme except `ordinal` and `identity` uses the categories' *scores*: their numeric
//! values when every declared label is a number, otherwise their positions 1, 2, …, q in scale order (which
//! is what `irrCAC` does for non-numeric labels). The scores are those of the **declared** categories, not of
//! the categories that happen to occur in the data, so an unused end of the scale still stretches the range.
//! (R `irrCAC` turns `categ.labels` into text and then falls back to positions; with numeric labels we keep
//! the values, which is Gwet's definition and what `irrCAC` does when the categories are inferred.)

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{AgreementError, Level, Ratings};

/// A named weighting scheme (Gwet 2014, §3; R `irrCAC` `*.weights`).
///
/// With scores `x_k`, `x_min`, `x_max` (see the module documentation) and `k ≠ l`:
///
/// | scheme | `w[k][l]` |
/// | --- | --- |
/// | identity | 0 |
/// | linear | `1 − |x_k − x_l| / (x_max − x_min)` |
/// | quadratic | `1 − (x_k − x_l)² / (x_max − x_min)²` |
/// | ordinal | `1 − M_kl / max M`, `M_kl = C(|k − l| + 1, 2)` on the positions `k`, `l` |
/// | radical | `1 − √|x_k − x_l| / √(x_max − x_min)` |
/// | ratio | `1 − ((x_k − x_l)/(x_k + x_l))² / ((x_max − x_min)/(x_max + x_min))²` |
/// | circular | `1 − s_kl / max s`, `s_kl = sin²(π (x_k − x_l) / (x_max − x_min + 1))` |
/// | bipolar | `1 − b_kl / max b`, `b_kl = (x_k − x_l)² / ((x_k + x_l − 2 x_min)(2 x_max − x_k − x_l))` |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeightScheme {
    /// Only identical categories agree: the unweighted coefficients (AC1, κ).
    Identity,
    /// Credit falls linearly with the distance between the scores.
    Linear,
    /// Credit falls with the squared distance (weighted κ with these weights approaches the ICC).
    Quadratic,
    /// Uses only the order of the categories, not their distances (Gwet's choice for ordinal scales).
    Ordinal,
    /// Credit falls with the square root of the distance.
    Radical,
    /// For ratio scales: distances relative to the size of the scores.
    Ratio,
    /// For cyclic scales (the last category is next to the first).
    Circular,
    /// For bipolar scales, where disagreements near the ends weigh more than near the middle.
    Bipolar,
}

impl WeightScheme {
    /// All schemes, in the order Gwet (2014) lists them after identity.
    pub const ALL: [WeightScheme; 8] = [
        WeightScheme::Identity,
        WeightScheme::Linear,
        WeightScheme::Quadratic,
        WeightScheme::Ordinal,
        WeightScheme::Radical,
        WeightScheme::Ratio,
        WeightScheme::Circular,
        WeightScheme::Bipolar,
    ];

    /// The lowercase id used on the command line and in JSON (the `irrCAC` name).
    pub fn id(self) -> &'static str {
        match self {
            WeightScheme::Identity => "identity",
            WeightScheme::Linear => "linear",
            WeightScheme::Quadratic => "quadratic",
            WeightScheme::Ordinal => "ordinal",
            WeightScheme::Radical => "radical",
            WeightScheme::Ratio => "ratio",
            WeightScheme::Circular => "circular",
            WeightScheme::Bipolar => "bipolar",
        }
    }

    /// The scheme used for the weighted coefficients (AC2, weighted κ) when none is asked for.
    ///
    /// - nominal → identity: categories have no distance, so only identical ratings agree;
    /// - ordinal → ordinal: Gwet (2014) gives his ordinal weights for ordinal scales because
    ///   they depend only on the ranks of the categories, which is all an ordinal scale promises
    ///   (quadratic weights would read the labels 1–5 as distances);
    /// - interval → quadratic: the classical choice for interval data (Fleiss & Cohen 1973; weighted κ with
    ///   quadratic weights is asymptotically the ICC);
    /// - ratio → ratio: Gwet's weights for ratio scales.
    pub fn default_for(level: Level) -> WeightScheme {
        match level {
            Level::Nominal => WeightScheme::Identity,
            Level::Ordinal => WeightScheme::Ordinal,
            Level::Interval => WeightScheme::Quadratic,
            Level::Ratio => WeightScheme::Ratio,
        }
    }
}

impl fmt::Display for WeightScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The text was not the id of a weight scheme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "ukendt vægtskema »{0}«; brug identity, linear, quadratic, ordinal, radical, ratio, circular eller bipolar"
)]
pub struct UnknownWeightScheme(pub String);

impl FromStr for WeightScheme {
    type Err = UnknownWeightScheme;

    /// Reads an id case-insensitively; `unweighted` (the `irrCAC` default) is accepted for `identity`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        if wanted == "unweighted" {
            return Ok(WeightScheme::Identity);
        }
        WeightScheme::ALL
            .into_iter()
            .find(|scheme| scheme.id() == wanted)
            .ok_or_else(|| UnknownWeightScheme(s.to_owned()))
    }
}

/// A q × q weight matrix for one category set, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    scheme: WeightScheme,
    q: usize,
    w: Vec<f64>,
}

impl Weights {
    /// The weights of `scheme` for the declared categories of `ratings` (see the module documentation for the
    /// scores used).
    ///
    /// # Errors
    /// [`AgreementError::InvalidCategories`] when the scheme cannot be computed for these categories: ratio
    /// weights with a negative score, or any scheme whose formula divides by zero (two categories with the
    /// same numeric value).
    pub fn new(scheme: WeightScheme, ratings: &Ratings) -> Result<Weights, AgreementError> {
        Weights::from_scores(scheme, &crate::icc::scores(ratings))
    }

    /// The weights of `scheme` for categories with the given scores, in scale order.
    ///
    /// With a single category every scheme is the 1 × 1 matrix `[1]` (the formulas would divide by zero).
    /// The diagonal is always 1 (`irrCAC`'s ratio formula gives 0/0 there for a category scored 0).
    ///
    /// # Errors
    /// As [`Weights::new`].
    pub fn from_scores(scheme: WeightScheme, scores: &[f64]) -> Result<Weights, AgreementError> {
        let q = scores.len();
        if q <= 1 || scheme == WeightScheme::Identity {
            return Ok(Weights::identity(q));
        }
        let xmin = scores.iter().copied().fold(f64::INFINITY, f64::min);
        let xmax = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let range = xmax - xmin;
        if scheme == WeightScheme::Ratio && xmin < 0.0 {
            return Err(AgreementError::InvalidCategories(format!(
                "ratio-vægte kræver kategorier, der er 0 eller større, men den mindste er {xmin}"
            )));
        }
        // Raw distances d[k][l] (0 on the diagonal); schemes marked `normalise` become 1 − d / max d.
        let mut w = vec![0.0; q * q];
        let mut normalise = false;
        for k in 0..q {
            for l in 0..q {
                if k == l {
                    continue;
                }
                let (xk, xl) = (scores[k], scores[l]);
                w[k * q + l] = match scheme {
                    WeightScheme::Identity => 0.0,
                    WeightScheme::Linear => 1.0 - (xk - xl).abs() / range,
                    WeightScheme::Quadratic => 1.0 - ((xk - xl) / range).powi(2),
                    WeightScheme::Radical => 1.0 - (xk - xl).abs().sqrt() / range.sqrt(),
                    WeightScheme::Ratio => {
                        1.0 - ((xk - xl) / (xk + xl)).powi(2) / (range / (xmax + xmin)).powi(2)
                    }
                    WeightScheme::Ordinal => {
                        normalise = true;
                        let m = k.abs_diff(l) as f64 + 1.0;
                        m * (m - 1.0) / 2.0
                    }
                    WeightScheme::Circular => {
                        normalise = true;
                        (std::f64::consts::PI * (xk - xl) / (range + 1.0))
                            .sin()
                            .powi(2)
                    }
                    WeightScheme::Bipolar => {
                        normalise = true;
                        (xk - xl).powi(2) / ((xk + xl - 2.0 * xmin) * (2.0 * xmax - xk - xl))
                    }
                };
            }
        }
        if normalise {
            let max = w.iter().copied().fold(0.0, f64::max);
            for v in &mut w {
                *v = 1.0 - *v / max;
            }
        }
        for k in 0..q {
            w[k * q + k] = 1.0;
        }
        if w.iter().any(|v| !v.is_finite()) {
            return Err(AgreementError::InvalidCategories(format!(
                "{scheme}-vægtene kan ikke beregnes, fordi to kategorier har samme talværdi"
            )));
        }
        Ok(Weights { scheme, q, w })
    }

    /// The identity matrix for `q` categories: the unweighted coefficients.
    pub fn identity(q: usize) -> Weights {
        let mut w = vec![0.0; q * q];
        for k in 0..q {
            w[k * q + k] = 1.0;
        }
        Weights {
            scheme: WeightScheme::Identity,
            q,
            w,
        }
    }

    /// The identity weights for the categories of `ratings`.
    pub fn unweighted(ratings: &Ratings) -> Weights {
        Weights::identity(ratings.n_categories())
    }

    /// The scheme the matrix was built from.
    pub fn scheme(&self) -> WeightScheme {
        self.scheme
    }

    /// Number of categories (the matrix is this many rows and columns).
    pub fn n_categories(&self) -> usize {
        self.q
    }

    /// The weight of a pair of ratings in categories `k` and `l`.
    pub fn get(&self, k: usize, l: usize) -> f64 {
        self.w[k * self.q + l]
    }

    /// Row `k` of the matrix.
    pub fn row(&self, k: usize) -> &[f64] {
        &self.w[k * self.q..(k + 1) * self.q]
    }

    /// Whether this is the identity matrix (so unweighted shortcuts apply).
    pub fn is_identity(&self) -> bool {
        self.scheme == WeightScheme::Identity
    }

    /// The sum of all entries (Gwet's `T_w`, used by AC2 and Brennan–Prediger).
    pub fn sum(&self) -> f64 {
        self.w.iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(w: &Weights) -> Vec<Vec<f64>> {
        (0..w.n_categories()).map(|k| w.row(k).to_vec()).collect()
    }

    fn assert_close(a: &[Vec<f64>], b: &[&[f64]]) {
        for (ra, rb) in a.iter().zip(b) {
            for (x, y) in ra.iter().zip(rb.iter()) {
                assert!((x - y).abs() < 1e-12, "{a:?} != {b:?}");
            }
        }
    }

    #[test]
    fn ids_round_trip_and_unknown_is_danish() {
        for scheme in WeightScheme::ALL {
            assert_eq!(scheme.id().parse::<WeightScheme>(), Ok(scheme));
        }
        assert_eq!(" Quadratic ".parse(), Ok(WeightScheme::Quadratic));
        assert_eq!("unweighted".parse(), Ok(WeightScheme::Identity));
        let err = "kvadratisk".parse::<WeightScheme>().unwrap_err();
        assert!(err.to_string().starts_with("ukendt vægtskema »kvadratisk«"));
    }

    // Hand-computed for scores 1, 2, 3 (range 2), the formulas of irrCAC weights.gen.r.
    #[test]
    fn three_point_scale_by_hand() {
        let s = [1.0, 2.0, 3.0];
        let lin = Weights::from_scores(WeightScheme::Linear, &s).unwrap();
        assert_close(
            &matrix(&lin),
            &[&[1.0, 0.5, 0.0], &[0.5, 1.0, 0.5], &[0.0, 0.5, 1.0]],
        );
        let quad = Weights::from_scores(WeightScheme::Quadratic, &s).unwrap();
        assert_close(
            &matrix(&quad),
            &[&[1.0, 0.75, 0.0], &[0.75, 1.0, 0.75], &[0.0, 0.75, 1.0]],
        );
        // Ordinal: M = C(2,2) = 1 for neighbours, C(3,2) = 3 for the ends; 1 − M/3.
        let ord = Weights::from_scores(WeightScheme::Ordinal, &s).unwrap();
        assert_close(
            &matrix(&ord),
            &[
                &[1.0, 2.0 / 3.0, 0.0],
                &[2.0 / 3.0, 1.0, 2.0 / 3.0],
                &[0.0, 2.0 / 3.0, 1.0],
            ],
        );
        // Radical: 1 − √1/√2 for neighbours.
        let rad = Weights::from_scores(WeightScheme::Radical, &s).unwrap();
        assert!((rad.get(0, 1) - (1.0 - 0.5f64.sqrt())).abs() < 1e-12);
        // Ratio: ((1−2)/3)² / ((3−1)/4)² = (1/9)/(1/4) = 4/9; ends ((1−3)/4)²/(1/4) = 1.
        let ratio = Weights::from_scores(WeightScheme::Ratio, &s).unwrap();
        assert!((ratio.get(0, 1) - 5.0 / 9.0).abs() < 1e-12);
        assert!(ratio.get(0, 2).abs() < 1e-12);
        // Circular, U = 3: sin²(π/3) = 3/4 for every off-diagonal pair, so all 0 after normalising.
        let circ = Weights::from_scores(WeightScheme::Circular, &s).unwrap();
        assert!(circ.get(0, 2).abs() < 1e-12 && circ.get(0, 1).abs() < 1e-12);
        // Bipolar: b(1,2) = 1/((1)(3)) = 1/3, b(2,3) = 1/((3)(1)) = 1/3, b(1,3) = 4/((2)(2)) = 1.
        let bip = Weights::from_scores(WeightScheme::Bipolar, &s).unwrap();
        assert!((bip.get(0, 1) - 2.0 / 3.0).abs() < 1e-12);
        assert!(bip.get(0, 2).abs() < 1e-12);
    }

    #[test]
    fn weights_use_declared_values_not_observed_ones() {
        // Only 1 and 2 are used, but the declared scale is 1–5: linear weight of (1, 2) is 1 − 1/4.
        let r = Ratings::from_rows(
            Level::Interval,
            &[vec![Some(1.0), Some(2.0)]],
            Some(&[1.0, 2.0, 3.0, 4.0, 5.0]),
        )
        .unwrap();
        let w = Weights::new(WeightScheme::Linear, &r).unwrap();
        assert_eq!(w.n_categories(), 5);
        assert!((w.get(0, 1) - 0.75).abs() < 1e-12);
    }

    #[test]
    fn every_scheme_is_symmetric_with_unit_diagonal_in_range() {
        let s = [1.0, 2.0, 3.0, 4.0, 5.0];
        for scheme in WeightScheme::ALL {
            let w = Weights::from_scores(scheme, &s).unwrap();
            for k in 0..5 {
                assert_eq!(w.get(k, k), 1.0);
                for l in 0..5 {
                    assert!((w.get(k, l) - w.get(l, k)).abs() < 1e-12);
                    assert!((-1e-12..=1.0 + 1e-12).contains(&w.get(k, l)), "{scheme}");
                }
            }
        }
    }

    #[test]
    fn ratio_weights_refuse_negative_scores_and_single_category_is_identity() {
        let err = Weights::from_scores(WeightScheme::Ratio, &[-1.0, 1.0]).unwrap_err();
        assert!(matches!(err, AgreementError::InvalidCategories(_)));
        let one = Weights::from_scores(WeightScheme::Quadratic, &[3.0]).unwrap();
        assert_eq!(one.get(0, 0), 1.0);
        // A category scored 0 is allowed; its diagonal stays 1.
        let zero = Weights::from_scores(WeightScheme::Ratio, &[0.0, 1.0, 2.0]).unwrap();
        assert_eq!(zero.get(0, 0), 1.0);
    }

    #[test]
    fn defaults_by_level() {
        assert_eq!(
            WeightScheme::default_for(Level::Nominal),
            WeightScheme::Identity
        );
        assert_eq!(
            WeightScheme::default_for(Level::Ordinal),
            WeightScheme::Ordinal
        );
        assert_eq!(
            WeightScheme::default_for(Level::Interval),
            WeightScheme::Quadratic
        );
        assert_eq!(WeightScheme::default_for(Level::Ratio), WeightScheme::Ratio);
    }
}
