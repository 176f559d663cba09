//! Intraclass correlations in the six Shrout & Fleiss (1979) / McGraw & Wong (1996) forms, with their
//! F-distribution 95 % intervals, on the units every rater rated.
//!
//! The ratings are read as numbers: the category values when every label is a number, otherwise the
//! positions 1, 2, …, q of the categories in scale order (an ordinal scale read as equally spaced).
//! Units with a missing rating are left out, as R `psych::ICC(missing = TRUE)` and `irr::icc` do, and the
//! number of units used is reported.

use statrs::distribution::{ContinuousCDF, FisherSnedecor};

use crate::{AgreementError, Estimate, Method, Ratings, Variance};

/// An F test of "no variation between units" that an ICC form rests on. It exists only when one of its
/// mean squares is not 0: with both 0 the ratio is 0/0, and [`Icc`] holds `Err(NoVariation)` instead.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FTest {
    /// The F statistic (`MSB / MSW` or `MSB / MSE`); infinite when the error mean square is 0.
    pub f: f64,
    /// Numerator degrees of freedom.
    pub df1: f64,
    /// Denominator degrees of freedom.
    pub df2: f64,
    /// `P(F ≥ f)` under the null hypothesis ICC = 0.
    pub p_value: f64,
}

/// The six ICC forms on the complete units. A form whose denominator is 0 is
/// `Err(AgreementError::NoVariation)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Icc {
    /// Number of units every rater rated (the only ones used).
    pub units: usize,
    /// Number of raters (`k`).
    pub raters: usize,
    /// ICC(1) = ICC(1,1): one-way random effects, a single rater, absolute agreement.
    pub icc1: Result<Estimate, AgreementError>,
    /// ICC(2,1): two-way random effects, a single rater, absolute agreement.
    pub icc2_1: Result<Estimate, AgreementError>,
    /// ICC(3,1): two-way mixed effects, a single rater, consistency.
    pub icc3_1: Result<Estimate, AgreementError>,
    /// ICC(1,k): one-way random effects, the mean of `k` raters.
    pub icc1_k: Result<Estimate, AgreementError>,
    /// ICC(2,k): two-way random effects, the mean of `k` raters, absolute agreement.
    pub icc2_k: Result<Estimate, AgreementError>,
    /// ICC(3,k): two-way mixed effects, the mean of `k` raters, consistency (= Cronbach's α).
    pub icc3_k: Result<Estimate, AgreementError>,
    /// `F = MSB / MSW` with `(n − 1, n (k − 1))` degrees of freedom, the test of ICC(1) and ICC(1,k);
    /// `Err(NoVariation)` when MSB and MSW are both 0.
    pub f_one_way: Result<FTest, AgreementError>,
    /// `F = MSB / MSE` with `(n − 1, (n − 1)(k − 1))` degrees of freedom, the test of the two-way forms;
    /// `Err(NoVariation)` when MSB and MSE are both 0 (every unit has the same mean and each rater is
    /// off by the same amount on every unit).
    pub f_two_way: Result<FTest, AgreementError>,
}

/// The 97.5 % quantile of F(df1, df2), or NaN when the degrees of freedom are unusable.
fn f_quantile(df1: f64, df2: f64) -> f64 {
    FisherSnedecor::new(df1, df2).map_or(f64::NAN, |f| f.inverse_cdf(0.975))
}

/// The test of `f = between / error`: infinite F (p = 0) when only the error mean square is 0, and
/// `Err(NoVariation)` when both are, rather than the NaN of 0/0.
fn f_test(between: f64, error: f64, df1: f64, df2: f64) -> Result<FTest, AgreementError> {
    let f = between / error;
    if f.is_nan() {
        return Err(AgreementError::NoVariation);
    }
    let p_value = if f.is_infinite() {
        0.0
    } else {
        FisherSnedecor::new(df1, df2).map_or(f64::NAN, |d| 1.0 - d.cdf(f.max(0.0)))
    };
    Ok(FTest {
        f,
        df1,
        df2,
        p_value: if p_value.is_finite() { p_value } else { 1.0 },
    })
}

/// An analytic estimate with the interval `[lo, hi]`, or without one when a limit is not a number (an error
/// mean square of 0 makes F infinite).
fn estimate(value: f64, lo: f64, hi: f64) -> Result<Estimate, AgreementError> {
    if !value.is_finite() {
        return Err(AgreementError::NoVariation);
    }
    if lo.is_finite() && hi.is_finite() {
        Ok(Estimate {
            estimate: value,
            se: None,
            ci95: Some([lo.min(value), hi.max(value)]),
            method: Some(Method::Analytic),
            variance: Some(Variance::FDistribution),
        })
    } else {
        Ok(Estimate::point(value))
    }
}

/// `numerator / denominator`, or NaN when the denominator is 0 (then [`estimate`] reports NoVariation).
fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator.abs() <= f64::EPSILON * numerator.abs().max(1.0) * 16.0 {
        f64::NAN
    } else {
        numerator / denominator
    }
}

/// The six ICC forms of Shrout & Fleiss (1979) (McGraw & Wong 1996 cases 1, 2A and 3A, single and average
/// measures), from the two-way ANOVA of the complete units, with the 95 % intervals exactly as R
/// `psych::ICC` computes them.
///
/// With `n` units, `k` raters and the mean squares between units (MSB), within units (MSW), between raters
/// (MSJ) and residual (MSE):
///
/// - ICC(1) = (MSB − MSW) / (MSB + (k − 1) MSW), ICC(1,k) = (MSB − MSW) / MSB;
/// - ICC(2,1) = (MSB − MSE) / (MSB + (k − 1) MSE + k (MSJ − MSE) / n),
///   ICC(2,k) = (MSB − MSE) / (MSB + (MSJ − MSE) / n);
/// - ICC(3,1) = (MSB − MSE) / (MSB + (k − 1) MSE), ICC(3,k) = (MSB − MSE) / MSB.
///
/// Intervals: for ICC(1) and ICC(3) the exact F limits `F_L = F / F_{.975}(df1, df2)`,
/// `F_U = F · F_{.975}(df2, df1)` mapped through the form (Shrout & Fleiss 1979, Table 3); for ICC(2,1) the
/// Satterthwaite approximation of Fleiss & Shrout (1978), and for ICC(2,k) its limits stepped up by
/// Spearman–Brown, as `psych::ICC` does.
///
/// # Errors
/// [`AgreementError::LevelNotSupported`] at the nominal level, [`AgreementError::TooFewRaters`] with fewer
/// than two raters, [`AgreementError::TooFewCompleteUnits`] with fewer than two complete units, and
/// [`AgreementError::NoVariation`] when every rating on the complete units is the same number.
pub fn icc(ratings: &Ratings) -> Result<Icc, AgreementError> {
    let complete = ratings.complete_ordered_units("ICC")?;
    let (n, k) = (complete.len(), ratings.n_raters());
    let scores = scores(ratings);
    let value = |u: usize, g: usize| ratings.get(u, g).map_or(0.0, |c| scores[c]);

    // Means first, then sums of squares about them (two passes, no cancellation).
    let (nf, kf) = (n as f64, k as f64);
    let mut rater_means = vec![0.0; k];
    let mut unit_means = Vec::with_capacity(n);
    for &u in &complete {
        let mut sum = 0.0;
        for (g, mean) in rater_means.iter_mut().enumerate() {
            let x = value(u, g);
            sum += x;
            *mean += x / nf;
        }
        unit_means.push(sum / kf);
    }
    let grand = unit_means.iter().sum::<f64>() / nf;
    let mut ss_total = 0.0;
    for &u in &complete {
        for g in 0..k {
            ss_total += (value(u, g) - grand).powi(2);
        }
    }
    let ss_units = kf * unit_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ss_raters = nf * rater_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    if ss_total <= f64::EPSILON * grand.abs().max(1.0) {
        return Err(AgreementError::NoVariation);
    }
    let ss_error = (ss_total - ss_units - ss_raters).max(0.0);
    let msb = ss_units / (nf - 1.0);
    let msw = (ss_total - ss_units).max(0.0) / (nf * (kf - 1.0));
    let msj = ss_raters / (kf - 1.0);
    let mse = ss_error / ((nf - 1.0) * (kf - 1.0));

    let icc1 = ratio(msb - msw, msb + (kf - 1.0) * msw);
    let icc2 = ratio(msb - mse, msb + (kf - 1.0) * mse + kf * (msj - mse) / nf);
    let icc3 = ratio(msb - mse, msb + (kf - 1.0) * mse);
    let icc1k = ratio(msb - msw, msb);
    let icc2k = ratio(msb - mse, msb + (msj - mse) / nf);
    let icc3k = ratio(msb - mse, msb);

    // One-way and two-way F tests and their exact limits.
    let (df1n, df1d) = (nf - 1.0, nf * (kf - 1.0));
    let (df2n, df2d) = (nf - 1.0, (nf - 1.0) * (kf - 1.0));
    // Infinite when the error mean square is 0; 0/0 (NaN) is caught by `f_test` and `estimate`.
    let f1 = msb / msw;
    let f2 = msb / mse;
    let f1_lo = f1 / f_quantile(df1n, df1d);
    let f1_hi = f1 * f_quantile(df1d, df1n);
    let f3_lo = f2 / f_quantile(df2n, df2d);
    let f3_hi = f2 * f_quantile(df2d, df2n);
    let single = |f: f64| (f - 1.0) / (f + kf - 1.0);
    let average = |f: f64| 1.0 - 1.0 / f;

    // ICC(2,1): Satterthwaite degrees of freedom (Fleiss & Shrout 1978), as psych::ICC.
    let fj = msj / mse;
    let base = nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2;
    let vn = (kf - 1.0) * (nf - 1.0) * (kf * icc2 * fj + base).powi(2);
    let vd = (nf - 1.0) * kf * kf * icc2 * icc2 * fj * fj + base * base;
    let v = vn / vd;
    let fu = f_quantile(nf - 1.0, v);
    let fl = f_quantile(v, nf - 1.0);
    let spread = kf * msj + (kf * nf - kf - nf) * mse;
    let icc2_lo = nf * (msb - fu * mse) / (fu * spread + nf * msb);
    let icc2_hi = nf * (fl * msb - mse) / (spread + nf * fl * msb);
    let step_up = |x: f64| x * kf / (1.0 + x * (kf - 1.0));

    Ok(Icc {
        units: n,
        raters: k,
        icc1: estimate(icc1, single(f1_lo), single(f1_hi)),
        icc2_1: estimate(icc2, icc2_lo, icc2_hi),
        icc3_1: estimate(icc3, single(f3_lo), single(f3_hi)),
        icc1_k: estimate(icc1k, average(f1_lo), average(f1_hi)),
        icc2_k: estimate(icc2k, step_up(icc2_lo), step_up(icc2_hi)),
        icc3_k: estimate(icc3k, average(f3_lo), average(f3_hi)),
        f_one_way: f_test(msb, msw, df1n, df1d),
        f_two_way: f_test(msb, mse, df2n, df2d),
    })
}

/// The number each category stands for: its value, or its position 1…q when the labels are not numbers.
pub(crate) fn scores(ratings: &Ratings) -> Vec<f64> {
    ratings
        .category_scores()
        .unwrap_or_else(|| (1..=ratings.n_categories()).map(|c| c as f64).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;

    #[test]
    fn nominal_level_and_too_few_complete_units() {
        let r = Ratings::parse_table("1 2\n2 2", Level::Nominal).unwrap();
        assert!(matches!(
            icc(&r),
            Err(AgreementError::LevelNotSupported { .. })
        ));
        let r = Ratings::parse_table("1 2\n2 .", Level::Interval).unwrap();
        assert_eq!(
            icc(&r),
            Err(AgreementError::TooFewCompleteUnits {
                found: 1,
                needed: 2
            })
        );
    }

    #[test]
    fn constant_ratings_have_no_variation() {
        let r = Ratings::parse_table("3 3\n3 3\n3 3", Level::Interval).unwrap();
        assert_eq!(icc(&r), Err(AgreementError::NoVariation));
    }

    // Two raters, rater 2 always one point above rater 1, on 1, 2, 3: MSE = 0, so ICC(3) = 1 with an
    // infinite F (no interval), while the absolute-agreement forms are below 1.
    // Unit means 1.5, 2.5, 3.5 (grand 2.5): SSB = 2 · (1 + 0 + 1) = 4, MSB = 2; rater means 2 and 3: SSJ = 3 ·
    // (0.25 + 0.25) = 1.5, MSJ = 1.5; SST = 5.5, SSW = 1.5, MSW = 0.5, SSE = 0.
    // ICC(1) = (2 − 0.5)/(2 + 0.5) = 0.6; ICC(2,1) = 2 / (2 + 0 + 2 · 1.5 / 3) = 2/3.
    #[test]
    fn constant_offset_by_hand() {
        let r = Ratings::parse_table("1 2\n2 3\n3 4", Level::Interval).unwrap();
        let icc = icc(&r).unwrap();
        assert_eq!((icc.units, icc.raters), (3, 2));
        assert!((icc.icc1.as_ref().unwrap().estimate - 0.6).abs() < 1e-12);
        assert!((icc.icc2_1.as_ref().unwrap().estimate - 2.0 / 3.0).abs() < 1e-12);
        let icc3 = icc.icc3_1.as_ref().unwrap();
        assert!((icc3.estimate - 1.0).abs() < 1e-12);
        let f_two_way = icc.f_two_way.unwrap();
        assert!(f_two_way.f.is_infinite() && f_two_way.p_value == 0.0);
    }

    // Two raters, rater 2 always one point above rater 1, on three units that all get 1 and 2: every unit
    // mean is 1.5, so MSB = 0, and the offset is the same on every unit, so MSE = 0 too (by hand: grand
    // mean 1.5, SST = 6 · 0.25 = 1.5, SSB = 0, rater means 1 and 2: SSJ = 3 · (0.25 + 0.25) = 1.5,
    // SSE = 1.5 − 0 − 1.5 = 0; SSW = 1.5, MSW = 1.5 / 3 = 0.5). The two-way F = MSB / MSE is 0/0 and the
    // forms whose denominator is MSB or MSB + (k − 1) MSE are 0/0 or x/0: each is NoVariation, never NaN.
    // ICC(1) = (0 − 0.5) / (0 + 0.5) = −1; ICC(2,1) = 0 / (0 + 0 + 2 · 1.5 / 3) = 0; F one-way = 0/0.5 = 0.
    #[test]
    fn zero_mean_squares_between_units_and_of_error_are_no_variation_not_nan() {
        let r = Ratings::parse_table("1 2\n1 2\n1 2", Level::Interval).unwrap();
        let icc = icc(&r).unwrap();
        assert_eq!(icc.f_two_way, Err(AgreementError::NoVariation));
        assert_eq!(icc.icc3_1, Err(AgreementError::NoVariation));
        assert_eq!(icc.icc3_k, Err(AgreementError::NoVariation));
        assert_eq!(icc.icc1_k, Err(AgreementError::NoVariation));
        assert!((icc.icc1.as_ref().unwrap().estimate + 1.0).abs() < 1e-12);
        assert!(icc.icc2_1.as_ref().unwrap().estimate.abs() < 1e-12);
        let f_one_way = icc.f_one_way.as_ref().unwrap();
        assert_eq!((f_one_way.f, f_one_way.p_value), (0.0, 1.0));
        // No number anywhere in the result is NaN.
        for e in [
            &icc.icc1,
            &icc.icc2_1,
            &icc.icc3_1,
            &icc.icc1_k,
            &icc.icc2_k,
            &icc.icc3_k,
        ]
        .into_iter()
        .flatten()
        {
            assert!(!e.estimate.is_nan());
            assert!(e.ci95.iter().flatten().all(|x| !x.is_nan()), "{e:?}");
        }
        for test in [&icc.f_one_way, &icc.f_two_way].into_iter().flatten() {
            assert!(
                ![test.f, test.df1, test.df2, test.p_value]
                    .iter()
                    .any(|x| x.is_nan())
            );
        }
    }
}
