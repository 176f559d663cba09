//! Kendall's coefficient of concordance W with the correction for ties, on the units every rater rated.

use serde::Serialize;
use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::icc::scores;
use crate::{AgreementError, Level, Ratings};

/// Kendall's W and its chi-square test of "no concordance".
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KendallW {
    /// Number of units every rater rated (the only ones ranked).
    pub units: usize,
    /// Number of raters (`m`).
    pub raters: usize,
    /// Kendall's W in `[0, 1]`, corrected for ties.
    pub w: f64,
    /// `m (n − 1) W`, approximately chi-square with `n − 1` degrees of freedom when there is no concordance.
    pub chi_squared: f64,
    /// Degrees of freedom of the test, `n − 1`.
    pub df: usize,
    /// `P(χ² ≥ chi_squared)`.
    pub p_value: f64,
}

/// Kendall & Babington Smith's (1939) W with the tie correction (Kendall 1948; R `irr::kendall(correct =
/// TRUE)`), on the units every rater rated.
///
/// Each rater's ratings of the `n` complete units are ranked (tied ratings get their mean rank) by the
/// category values, or by scale order when the labels are not numbers. With `R_i` the sum of unit `i`'s ranks
/// over the `m` raters, `S = Σ_i (R_i − m (n + 1) / 2)²` and `T = Σ_raters Σ_ties (t³ − t)`,
/// `W = 12 S / (m² (n³ − n) − m T)`.
///
/// # Errors
/// [`AgreementError::LevelNotSupported`] at the nominal level (there is nothing to rank),
/// [`AgreementError::TooFewRaters`] with fewer than two raters, [`AgreementError::TooFewCompleteUnits`] with
/// fewer than two complete units, and [`AgreementError::NoVariation`] when every rater gave every unit the
/// same rating.
pub fn kendall_w(ratings: &Ratings) -> Result<KendallW, AgreementError> {
    if ratings.level() == Level::Nominal {
        return Err(AgreementError::LevelNotSupported {
            coefficient: "Kendalls W",
            level: ratings.level(),
        });
    }
    let m = ratings.n_raters();
    if m < 2 {
        return Err(AgreementError::TooFewRaters {
            found: m,
            needed: 2,
        });
    }
    let complete = ratings.complete_units();
    let n = complete.len();
    if n < 2 {
        return Err(AgreementError::TooFewCompleteUnits {
            found: n,
            needed: 2,
        });
    }
    let q = ratings.n_categories();
    let scores = scores(ratings);
    // Categories in increasing score; categories with equal scores share their ranks.
    let mut order: Vec<usize> = (0..q).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));

    let mut rank_sums = vec![0.0; n];
    let mut ties = 0.0;
    let mut counts = vec![0usize; q];
    let mut rank_of = vec![0.0; q];
    for g in 0..m {
        counts.iter_mut().for_each(|c| *c = 0);
        for &u in &complete {
            if let Some(c) = ratings.get(u, g) {
                counts[c] += 1;
            }
        }
        // Mean rank of each group of equal scores: the ranks below it plus (t + 1) / 2.
        let mut below = 0usize;
        let mut i = 0;
        while i < q {
            let mut j = i;
            let mut t = 0usize;
            while j < q && scores[order[j]] == scores[order[i]] {
                t += counts[order[j]];
                j += 1;
            }
            let mean_rank = below as f64 + (t as f64 + 1.0) / 2.0;
            for &c in &order[i..j] {
                rank_of[c] = mean_rank;
            }
            let tf = t as f64;
            ties += tf * tf * tf - tf;
            below += t;
            i = j;
        }
        for (sum, &u) in rank_sums.iter_mut().zip(&complete) {
            if let Some(c) = ratings.get(u, g) {
                *sum += rank_of[c];
            }
        }
    }
    let (nf, mf) = (n as f64, m as f64);
    let centre = mf * (nf + 1.0) / 2.0;
    let s: f64 = rank_sums.iter().map(|r| (r - centre).powi(2)).sum();
    let denominator = mf * mf * (nf * nf * nf - nf) - mf * ties;
    if denominator <= f64::EPSILON * mf * mf * nf * nf * nf {
        return Err(AgreementError::NoVariation);
    }
    let w = 12.0 * s / denominator;
    let chi_squared = mf * (nf - 1.0) * w;
    let p_value = ChiSquared::new(nf - 1.0).map_or(1.0, |d| 1.0 - d.cdf(chi_squared));
    Ok(KendallW {
        units: n,
        raters: m,
        w,
        chi_squared,
        df: n - 1,
        p_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Three raters rank four units; raters 2 and 3 each tie one pair.
    //   rater 1: 1 2 3 4 → ranks 1   2   3   4
    //   rater 2: 1 1 2 3 → ranks 1.5 1.5 3   4    (one tie of 2: 2³ − 2 = 6)
    //   rater 3: 2 1 3 3 → ranks 2   1   3.5 3.5  (one tie of 2: 6)
    // R = (4.5, 4.5, 9.5, 11.5), mean m(n + 1)/2 = 7.5, S = 9 + 9 + 4 + 16 = 38, T = 12.
    // W = 12 · 38 / (9 · (64 − 4) − 3 · 12) = 456 / 504 = 19/21; χ² = 3 · 3 · 19/21 = 171/21 on 3 df,
    // p = erfc(√(x/2)) + √(2x/π) e^(−x/2) = 0.0431497242539015 (the chi-square(3) tail, by hand).
    #[test]
    fn ties_by_hand() {
        let r = Ratings::parse_table("1 1 2\n2 1 1\n3 2 3\n4 3 3", Level::Ordinal).unwrap();
        let k = kendall_w(&r).unwrap();
        assert_eq!((k.units, k.raters, k.df), (4, 3, 3));
        assert!((k.w - 19.0 / 21.0).abs() < 1e-12);
        assert!((k.chi_squared - 171.0 / 21.0).abs() < 1e-12);
        assert!((k.p_value - 0.0431497242539015).abs() < 1e-9);
    }

    #[test]
    fn perfect_concordance_is_one_and_incomplete_units_are_skipped() {
        let r = Ratings::parse_table("1 1 1\n2 2 2\n3 3 3\n5 . 1", Level::Ordinal).unwrap();
        let k = kendall_w(&r).unwrap();
        assert_eq!(k.units, 3);
        assert!((k.w - 1.0).abs() < 1e-12);
    }

    #[test]
    fn undefined_cases() {
        let same = Ratings::parse_table("2 2\n2 2", Level::Ordinal).unwrap();
        assert_eq!(kendall_w(&same), Err(AgreementError::NoVariation));
        let nominal = Ratings::parse_table("a b\nb a", Level::Nominal).unwrap();
        assert!(matches!(
            kendall_w(&nominal),
            Err(AgreementError::LevelNotSupported { .. })
        ));
        let one = Ratings::parse_table("1 2\n2 .", Level::Ordinal).unwrap();
        assert!(matches!(
            kendall_w(&one),
            Err(AgreementError::TooFewCompleteUnits { found: 1, .. })
        ));
    }
}
