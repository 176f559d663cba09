//! The chance-corrected family on raw ratings with missing values: percent agreement, Fleiss' κ, Conger's κ,
//! Gwet's AC1/AC2 and Brennan–Prediger, each with Gwet's analytic variance; and Fleiss' (1971) per-category κ
//! and z test.
//!
//! # Definitions shared by the family
//!
//! All five follow Gwet, K.L. (2014), *Handbook of Inter-Rater Reliability*, 4th ed. (the
//! missing-data forms), exactly as R `irrCAC` 1.0 computes them from raw data (`pa.coeff.raw`,
//! `fleiss.kappa.raw`, `conger.kappa.raw`, `gwet.ac1.raw`, `bp.coeff.raw` in `agree.coeff3.raw.r`). With
//! `r_ik` the number of raters who put unit `i` in category `k`, `r_i = Σ_k r_ik`, weights `w_kl` and
//! `r*_ik = Σ_l w_kl r_il`:
//!
//! - the units are those with at least one rating (`n` of them; units nobody rated are left out, as
//!   `irrCAC` asks), and `n₂` of them have two or more;
//! - observed agreement `p_a = (1/n₂) Σ_{i: r_i ≥ 2} Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1))`, the pairwise
//!   percent agreement (Fleiss' P̄), so a unit with a single rating does not count;
//! - classification probabilities `π_k = (1/n) Σ_i r_ik / r_i` over all `n` units, so a single rating does
//!   count towards chance agreement;
//! - the coefficient is `(p_a − p_e) / (1 − p_e)`, with the chance agreement `p_e` of each coefficient;
//! - the variance is conditional on the units rated (raters fixed), Gwet's linearisation:
//!   `v = Σ_i (κ*_i − κ)² / (n (n − 1))` with `κ_i = (n/n₂)(p_a|i − p_e·[r_i ≥ 2]) / (1 − p_e)` and
//!   `κ*_i = κ_i − 2 (1 − κ)(p_e|i − p_e) / (1 − p_e)`; the 95 % interval is `κ ± t_{0.975, n−1} · √v`.
//!   `irrCAC` caps the upper limit at 1; we do too, and also floor the lower limit at −1 (no coefficient here
//!   can fall below −1 on the data it was estimated from, and a limit below it says nothing). With fewer
//!   than two units there is no variance and the estimate comes without `se`/`ci95`.
//!   AC1/AC2 of exactly two raters who rated the same units use Gwet's (2008) two-rater formula instead,
//!   as R `irrCAC::gwet.ac1.table` does; every analytic estimate names its formula in `variance`.
//!
//! When `1 − p_e` is 0 (every rating in one category, for κ-type coefficients), the coefficient is
//! undefined and the functions return [`AgreementError::NoVariation`], never NaN. Percent agreement is always
//! defined; AC1/AC2 and Brennan–Prediger follow their own definitions, under which chance agreement stays
//! below 1 when everything is in one category of two or more declared ones. With a single category (q = 1)
//! `irrCAC` sets `p_e = 10⁻¹⁵`, so AC1 and BP equal percent agreement; we do the same (with `p_e = 0`), while
//! Fleiss and Conger, whose `p_e` is then exactly 1, are undefined.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::{AgreementError, Estimate, Method, Ratings, Variance, Weights};

/// `1 − p_e` at or below this counts as zero (every rating in one category).
const EPS: f64 = 1e-12;

/// Pairwise percent agreement with its analytic uncertainty, and the share of units where everyone agreed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PercentAgreement {
    /// Gwet's (weighted) `p_a`: the share of agreeing rater pairs, averaged over the units with ≥ 2 ratings.
    pub estimate: Estimate,
    /// The share of units with ≥ 2 ratings where all ratings are in the same category.
    pub unanimous_share: f64,
    /// Number of units with ≥ 2 ratings, the denominator of both.
    pub pairable_units: usize,
}

/// Fleiss' (1971) κ on the complete units with its large-sample z test of κ = 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FleissTest {
    /// Number of units every rater rated (the only ones used, as in R `irr::kappam.fleiss`).
    pub units: usize,
    /// Number of raters.
    pub raters: usize,
    /// Fleiss' κ on those units.
    pub kappa: f64,
    /// `κ / SE₀(κ)` with Fleiss' (1971) null standard error.
    pub z: f64,
    /// Two-sided p-value of `z` under the standard normal distribution.
    pub p_value: f64,
}

/// What one pass over the units gives every member of the family.
struct Summary {
    /// Units with at least one rating.
    n: usize,
    /// Units with at least two ratings.
    n2: usize,
    /// Gwet's `p_a`.
    pa: f64,
    /// Gwet's `π_k`.
    pi: Vec<f64>,
    /// Units with ≥ 2 ratings, all in one category.
    unanimous: usize,
}

fn check_weights(ratings: &Ratings, weights: &Weights) -> Result<(), AgreementError> {
    if weights.n_categories() == ratings.n_categories() {
        Ok(())
    } else {
        Err(AgreementError::InvalidCategories(format!(
            "vægtmatricen har {} kategorier, men bedømmelserne har {}",
            weights.n_categories(),
            ratings.n_categories()
        )))
    }
}

/// `Σ_k r_ik (r*_ik − 1)`: the (weighted) number of agreeing ordered pairs of ratings on one unit.
fn agreeing_pairs(counts: &[u32], weights: &Weights) -> f64 {
    if weights.is_identity() {
        return counts
            .iter()
            .map(|&c| {
                let c = f64::from(c);
                c * (c - 1.0)
            })
            .sum();
    }
    let mut total = 0.0;
    for (k, &ck) in counts.iter().enumerate() {
        if ck == 0 {
            continue;
        }
        let row = weights.row(k);
        let weighted: f64 = row.iter().zip(counts).map(|(w, &c)| w * f64::from(c)).sum();
        total += f64::from(ck) * (weighted - 1.0);
    }
    total
}

fn unit_total(counts: &[u32]) -> u32 {
    counts.iter().sum()
}

fn summarise(ratings: &Ratings, weights: &Weights) -> Result<Summary, AgreementError> {
    check_weights(ratings, weights)?;
    let q = ratings.n_categories();
    let mut s = Summary {
        n: 0,
        n2: 0,
        pa: 0.0,
        pi: vec![0.0; q],
        unanimous: 0,
    };
    for u in 0..ratings.n_units() {
        let counts = ratings.unit_counts(u);
        let ri = unit_total(counts);
        if ri == 0 {
            continue;
        }
        s.n += 1;
        let rf = f64::from(ri);
        for (p, &c) in s.pi.iter_mut().zip(counts) {
            *p += f64::from(c) / rf;
        }
        if ri >= 2 {
            s.n2 += 1;
            s.pa += agreeing_pairs(counts, weights) / (rf * (rf - 1.0));
            if counts.contains(&ri) {
                s.unanimous += 1;
            }
        }
    }
    if s.n2 == 0 {
        return Err(AgreementError::NoPairableUnits);
    }
    s.pa /= s.n2 as f64;
    let n = s.n as f64;
    for p in &mut s.pi {
        *p /= n;
    }
    Ok(s)
}

/// The 95 % Student-t interval `estimate ± t_{0.975, df} · se`, capped to `[−1, 1]` (see the module docs).
pub(crate) fn t_interval(estimate: f64, se: f64, df: f64) -> Option<[f64; 2]> {
    let t = StudentsT::new(0.0, 1.0, df).ok()?.inverse_cdf(0.975);
    let (lo, hi) = (estimate - t * se, estimate + t * se);
    (lo.is_finite() && hi.is_finite())
        .then(|| [lo.max(-1.0).min(estimate), hi.min(1.0).max(estimate)])
}

/// Gwet's linearised variance of `coefficient`, given the chance agreement `pe` and its per-unit part
/// `pe_unit(u, counts, r_i)` (see the module docs), as an [`Estimate`].
fn with_gwet_variance(
    ratings: &Ratings,
    weights: &Weights,
    s: &Summary,
    coefficient: f64,
    pe: f64,
    mut pe_unit: impl FnMut(usize, &[u32], f64) -> f64,
) -> Estimate {
    if s.n < 2 {
        return Estimate::point(coefficient);
    }
    let scale = s.n as f64 / s.n2 as f64;
    let one_minus_pe = 1.0 - pe;
    let mut sum_sq = 0.0;
    for u in 0..ratings.n_units() {
        let counts = ratings.unit_counts(u);
        let ri = unit_total(counts);
        if ri == 0 {
            continue;
        }
        let rf = f64::from(ri);
        let (pa_i, pe_r2) = if ri >= 2 {
            (agreeing_pairs(counts, weights) / (rf * (rf - 1.0)), pe)
        } else {
            (0.0, 0.0)
        };
        let kappa_i = scale * (pa_i - pe_r2) / one_minus_pe;
        let pe_i = pe_unit(u, counts, rf);
        let kappa_star = kappa_i - 2.0 * (1.0 - coefficient) * (pe_i - pe) / one_minus_pe;
        sum_sq += (kappa_star - coefficient).powi(2);
    }
    let n = s.n as f64;
    let se = (sum_sq / (n * (n - 1.0))).sqrt();
    match t_interval(coefficient, se, n - 1.0) {
        Some(ci) if se.is_finite() => Estimate {
            estimate: coefficient,
            se: Some(se),
            ci95: Some(ci),
            method: Some(Method::Analytic),
            variance: Some(Variance::GwetRaw),
        },
        _ => Estimate::point(coefficient),
    }
}

fn chance_corrected(pa: f64, pe: f64) -> Result<f64, AgreementError> {
    let denominator = 1.0 - pe;
    if denominator <= EPS {
        return Err(AgreementError::NoVariation);
    }
    let value = (pa - pe) / denominator;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(AgreementError::NoVariation)
    }
}

/// Pairwise percent agreement (Gwet 2014 `p_a`; R `irrCAC::pa.coeff.raw`), weighted by `weights`.
///
/// The share of agreeing pairs of ratings on each unit with ≥ 2 ratings, averaged over those units (Fleiss'
/// P̄); units with one rating are left out of the average but, as in `irrCAC`, still count in `n` for the
/// variance. Beside it, the share of those units where every rating is in the same category.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no unit has two ratings; [`AgreementError::InvalidCategories`]
/// when `weights` is for another number of categories.
pub fn percent_agreement(
    ratings: &Ratings,
    weights: &Weights,
) -> Result<PercentAgreement, AgreementError> {
    let s = summarise(ratings, weights)?;
    let estimate = with_gwet_variance(ratings, weights, &s, s.pa, 0.0, |_, _, _| 0.0);
    Ok(PercentAgreement {
        estimate,
        unanimous_share: s.unanimous as f64 / s.n2 as f64,
        pairable_units: s.n2,
    })
}

/// Fleiss' generalised κ for missing data (Fleiss 1971 as generalised by Gwet 2014; R
/// `irrCAC::fleiss.kappa.raw`), weighted by `weights`.
///
/// `p_e = Σ_k Σ_l w_kl π_k π_l` with Gwet's `π_k` (the mean of each unit's share of ratings in `k`). On
/// complete data this is Fleiss' (1971) κ exactly. `p_e|i = Σ_k (r_ik / r_i) π̄_k` with
/// `π̄_k = Σ_l (w_kl + w_lk) π_l / 2`.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no unit has two ratings, [`AgreementError::NoVariation`] when
/// `p_e = 1` (every rating in one category).
pub fn fleiss_kappa(ratings: &Ratings, weights: &Weights) -> Result<Estimate, AgreementError> {
    let s = summarise(ratings, weights)?;
    let q = ratings.n_categories();
    let mut pe = 0.0;
    let mut pi_w = vec![0.0; q];
    for (k, pw) in pi_w.iter_mut().enumerate() {
        for l in 0..q {
            pe += weights.get(k, l) * s.pi[k] * s.pi[l];
            *pw += (weights.get(k, l) + weights.get(l, k)) * s.pi[l] / 2.0;
        }
    }
    let kappa = chance_corrected(s.pa, pe)?;
    Ok(with_gwet_variance(
        ratings,
        weights,
        &s,
        kappa,
        pe,
        |_, counts, ri| {
            counts
                .iter()
                .zip(&pi_w)
                .map(|(&c, p)| f64::from(c) * p)
                .sum::<f64>()
                / ri
        },
    ))
}

/// Gwet's AC1 (Gwet 2008; 2014; R `irrCAC::gwet.ac1.raw` without weights).
///
/// `p_e = Σ_k π_k (1 − π_k) / (q − 1)` over the `q` declared categories. See [`gwet_ac2`].
///
/// # Errors
/// As [`gwet_ac2`].
pub fn gwet_ac1(ratings: &Ratings) -> Result<Estimate, AgreementError> {
    gwet_ac2(ratings, &Weights::unweighted(ratings))
}

/// Gwet's AC2, the weighted AC1 (Gwet 2014; R `irrCAC::gwet.ac1.raw(weights = …)`).
///
/// `p_e = T_w Σ_k π_k (1 − π_k) / (q (q − 1))`, where `T_w` is the sum of all weights and `q` the number of
/// declared categories; `p_e|i = T_w Σ_k (r_ik / r_i)(1 − π_k) / (q (q − 1))`. With identity weights this is
/// AC1. AC1 stays defined when every rating is in one category (then `p_e = 0` and AC1 = `p_a`); with a
/// single declared category it equals `p_a`, as in `irrCAC`.
///
/// The variance is Gwet's raw-ratings linearisation (see the module docs, [`Variance::GwetRaw`]), except
/// for exactly two raters who rated the same units, where it is Gwet's (2008) two-rater formula of R
/// `irrCAC::gwet.ac1.table` ([`Variance::GwetTwoRaters`]); the estimate's `variance` says which.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no unit has two ratings; [`AgreementError::NoVariation`] only
/// for degenerate weights that make `p_e = 1`.
pub fn gwet_ac2(ratings: &Ratings, weights: &Weights) -> Result<Estimate, AgreementError> {
    let s = summarise(ratings, weights)?;
    let q = ratings.n_categories();
    let factor = if q >= 2 {
        weights.sum() / (q as f64 * (q as f64 - 1.0))
    } else {
        0.0
    };
    let pe = factor * s.pi.iter().map(|p| p * (1.0 - p)).sum::<f64>();
    let ac = chance_corrected(s.pa, pe)?;
    if let Some(table) = two_rater_table(ratings) {
        return Ok(two_rater_ac_variance(&table, weights, &s, factor, ac, pe));
    }
    Ok(with_gwet_variance(
        ratings,
        weights,
        &s,
        ac,
        pe,
        |_, counts, ri| {
            factor
                * counts
                    .iter()
                    .zip(&s.pi)
                    .map(|(&c, p)| f64::from(c) * (1.0 - p))
                    .sum::<f64>()
                / ri
        },
    ))
}

/// The q × q table of two raters (`table[k * q + l]`: units the first rater put in `k` and the second in
/// `l`) when there are exactly two raters and every rated unit has both ratings; otherwise `None`.
fn two_rater_table(ratings: &Ratings) -> Option<Vec<u64>> {
    if ratings.n_raters() != 2 {
        return None;
    }
    let q = ratings.n_categories();
    let mut table = vec![0u64; q * q];
    for u in 0..ratings.n_units() {
        match (ratings.get(u, 0), ratings.get(u, 1)) {
            (Some(k), Some(l)) => table[k * q + l] += 1,
            (None, None) => {}
            _ => return None,
        }
    }
    Some(table)
}

/// AC1/AC2 with Gwet's (2008) variance for two raters from their table, as R `irrCAC::gwet.ac1.table`:
/// with `p_kl` the share of units in cell `(k, l)` and `F = T_w / (q (q − 1))`,
/// `v = [Σ_kl p_kl (w_kl − 2 (1 − AC) F (1 − (π_k + π_l)/2))² − (p_a − 2 (1 − AC) p_e)²] / (n (1 − p_e)²)`.
/// On complete two-rater data `p_a`, `π_k` and `p_e` are the same as on raw ratings; only the variance
/// differs from the raw-ratings linearisation (by about 5·10⁻⁴ on a 3 × 3 table).
fn two_rater_ac_variance(
    table: &[u64],
    weights: &Weights,
    s: &Summary,
    factor: f64,
    ac: f64,
    pe: f64,
) -> Estimate {
    if s.n < 2 {
        return Estimate::point(ac);
    }
    let n = s.n as f64;
    let q = weights.n_categories();
    let mut sum = 0.0;
    for k in 0..q {
        for l in 0..q {
            let share = table[k * q + l] as f64 / n;
            if share > 0.0 {
                let term = weights.get(k, l)
                    - 2.0 * (1.0 - ac) * factor * (1.0 - (s.pi[k] + s.pi[l]) / 2.0);
                sum += share * term * term;
            }
        }
    }
    let centre = s.pa - 2.0 * (1.0 - ac) * pe;
    // irrCAC floors the variance at 1e-100 so that a perfect table still gets an interval.
    let variance = ((sum - centre * centre) / (n * (1.0 - pe).powi(2))).max(1e-100);
    let se = variance.sqrt();
    match t_interval(ac, se, n - 1.0) {
        Some(ci) if se.is_finite() => Estimate {
            estimate: ac,
            se: Some(se),
            ci95: Some(ci),
            method: Some(Method::Analytic),
            variance: Some(Variance::GwetTwoRaters),
        },
        _ => Estimate::point(ac),
    }
}

/// Brennan & Prediger's (1981) coefficient for any number of raters (Gwet 2014; R
/// `irrCAC::bp.coeff.raw`), weighted by `weights`.
///
/// `p_e = T_w / q²` with `q` the number of **declared** categories (an unused category still lowers chance
/// agreement) and `T_w` the sum of the weights (`q` for identity weights, so `p_e = 1/q`). `p_e` does not
/// depend on the data, so the variance has no `p_e|i` term. With a single category it equals `p_a`, as in
/// `irrCAC`.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no unit has two ratings.
pub fn brennan_prediger(ratings: &Ratings, weights: &Weights) -> Result<Estimate, AgreementError> {
    let s = summarise(ratings, weights)?;
    let q = ratings.n_categories() as f64;
    let pe = if q >= 2.0 {
        weights.sum() / (q * q)
    } else {
        0.0
    };
    let bp = chance_corrected(s.pa, pe)?;
    Ok(with_gwet_variance(
        ratings,
        weights,
        &s,
        bp,
        pe,
        |_, _, _| pe,
    ))
}

/// Conger's (1980) κ generalised to missing data (Gwet 2014; R `irrCAC::conger.kappa.raw`), weighted
/// by `weights`.
///
/// Chance agreement uses each rater's own marginal distribution: with `p_gk` the share of rater `g`'s
/// ratings in category `k`, `p̄_k` their mean over the `r` raters and `s²_kl` their sample covariance,
/// `p_e = Σ_k Σ_l w_kl (p̄_k p̄_l − s²_kl / r)`. On complete data this is R `irr::kappam.fleiss(exact = TRUE)`.
/// Raters who rated nothing are left out (in `irrCAC` they would make every term NaN). The per-unit chance
/// agreement of the variance is Gwet's `p_e|i = Σ_g λ_ig / (r (r − 1))`, computed from per-rater tables so
/// that it costs one pass over the ratings.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no unit has two ratings, [`AgreementError::NoVariation`] when
/// `p_e = 1`.
pub fn conger_kappa(ratings: &Ratings, weights: &Weights) -> Result<Estimate, AgreementError> {
    let s = summarise(ratings, weights)?;
    let q = ratings.n_categories();
    let n_raters = ratings.n_raters();

    // Per-rater category counts n_gk, in one pass over the cells.
    let mut counts = vec![0u64; n_raters * q];
    for u in 0..ratings.n_units() {
        for (g, cell) in ratings.unit_cells(u).enumerate() {
            if let Some(c) = cell {
                counts[g * q + c] += 1;
            }
        }
    }
    let n_g: Vec<u64> = (0..n_raters)
        .map(|g| counts[g * q..(g + 1) * q].iter().sum())
        .collect();
    let active: Vec<usize> = (0..n_raters).filter(|&g| n_g[g] > 0).collect();
    let r = active.len() as f64;
    // p_gk for the active raters (rows in `active` order).
    let p: Vec<f64> = active
        .iter()
        .flat_map(|&g| (0..q).map(move |k| (g, k)))
        .map(|(g, k)| counts[g * q + k] as f64 / n_g[g] as f64)
        .collect();
    let mut p_mean = vec![0.0; q];
    for row in p.chunks_exact(q) {
        for (m, v) in p_mean.iter_mut().zip(row) {
            *m += v / r;
        }
    }
    let mut pe = 0.0;
    for k in 0..q {
        for l in 0..q {
            let cross: f64 = p.chunks_exact(q).map(|row| row[k] * row[l]).sum();
            let s2 = (cross - r * p_mean[k] * p_mean[l]) / (r - 1.0);
            pe += weights.get(k, l) * (p_mean[k] * p_mean[l] - s2 / r);
        }
    }
    let kappa = chance_corrected(s.pa, pe)?;

    // λ_ig = B_g when g did not rate unit i, and B_g + (n/n_g)(A_gc − B_g) when g rated it c, where
    // a_gk = r p̄_k − p_gk, A_gl = Σ_k a_gk w_kl and B_g = Σ_l A_gl p_gl (Gwet's λ_ig, rearranged).
    let n = s.n as f64;
    let mut extra = vec![0.0; n_raters * q];
    let mut b_total = 0.0;
    for (row, &g) in p.chunks_exact(q).zip(&active) {
        let a: Vec<f64> = (0..q).map(|k| r * p_mean[k] - row[k]).collect();
        let big_a: Vec<f64> = (0..q)
            .map(|l| (0..q).map(|k| a[k] * weights.get(k, l)).sum())
            .collect();
        let b: f64 = big_a.iter().zip(row).map(|(x, y)| x * y).sum();
        b_total += b;
        let scale = n / n_g[g] as f64;
        for c in 0..q {
            extra[g * q + c] = scale * (big_a[c] - b);
        }
    }
    let denominator = r * (r - 1.0);
    Ok(with_gwet_variance(
        ratings,
        weights,
        &s,
        kappa,
        pe,
        |u, _, _| {
            let mut lambda = b_total;
            for (g, cell) in ratings.unit_cells(u).enumerate() {
                if let Some(c) = cell {
                    lambda += extra[g * q + c];
                }
            }
            lambda / denominator
        },
    ))
}

/// Fleiss' (1971) κ for each category, generalised to missing data: the unweighted Fleiss κ of the data
/// split into "this category" and "any other", with Gwet's missing-data `p_a` and `π` (see
/// [`fleiss_kappa`]).
///
/// On complete data this is Fleiss' (1971) `κ_j = 1 − Σ_i x_ij (m − x_ij) / (n m (m − 1) p_j q_j)` (R
/// `irr::kappam.fleiss(detail = TRUE)`); the entry is `None` for a category nobody or everybody used.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no unit has two ratings.
pub fn fleiss_category_kappas(ratings: &Ratings) -> Result<Vec<Option<f64>>, AgreementError> {
    let q = ratings.n_categories();
    let mut pi = vec![0.0; q];
    let mut agree = vec![0.0; q];
    let (mut n, mut n2) = (0usize, 0usize);
    for u in 0..ratings.n_units() {
        let counts = ratings.unit_counts(u);
        let ri = unit_total(counts);
        if ri == 0 {
            continue;
        }
        n += 1;
        let rf = f64::from(ri);
        for (p, &c) in pi.iter_mut().zip(counts) {
            *p += f64::from(c) / rf;
        }
        if ri >= 2 {
            n2 += 1;
            let pairs = rf * (rf - 1.0);
            for (a, &c) in agree.iter_mut().zip(counts) {
                let (inside, outside) = (f64::from(c), rf - f64::from(c));
                *a += (inside * (inside - 1.0) + outside * (outside - 1.0)) / pairs;
            }
        }
    }
    if n2 == 0 {
        return Err(AgreementError::NoPairableUnits);
    }
    Ok(pi
        .iter()
        .zip(&agree)
        .map(|(&p, &a)| {
            let p = p / n as f64;
            let pe = p * p + (1.0 - p) * (1.0 - p);
            chance_corrected(a / n2 as f64, pe).ok()
        })
        .collect())
}

/// Fleiss' (1971) κ and its z statistic on the units every rater rated (as R `irr::kappam.fleiss`, which drops
/// incomplete units).
///
/// `SE₀(κ)² = 2 [(Σ_j p_j q_j)² − Σ_j p_j q_j (q_j − p_j)] / ((Σ_j p_j q_j)² n m (m − 1))` is Fleiss' (1971)
/// standard error under the hypothesis κ = 0, with `p_j` the share of all ratings in category `j`,
/// `q_j = 1 − p_j`, `n` units and `m` raters; `z = κ / SE₀`.
///
/// # Errors
/// [`AgreementError::TooFewRaters`] with fewer than two raters, [`AgreementError::TooFewCompleteUnits`] with
/// fewer than two complete units, [`AgreementError::NoVariation`] when every rating is in one category.
pub fn fleiss_z(ratings: &Ratings) -> Result<FleissTest, AgreementError> {
    let m = ratings.n_raters();
    if m < 2 {
        return Err(AgreementError::TooFewRaters {
            found: m,
            needed: 2,
        });
    }
    let q = ratings.n_categories();
    let mut totals = vec![0.0; q];
    let mut agreeing = 0.0;
    let mut n = 0usize;
    for u in 0..ratings.n_units() {
        let counts = ratings.unit_counts(u);
        if unit_total(counts) as usize != m {
            continue;
        }
        n += 1;
        for (t, &c) in totals.iter_mut().zip(counts) {
            let c = f64::from(c);
            *t += c;
            agreeing += c * (c - 1.0);
        }
    }
    if n < 2 {
        return Err(AgreementError::TooFewCompleteUnits {
            found: n,
            needed: 2,
        });
    }
    let (nf, mf) = (n as f64, m as f64);
    let p: Vec<f64> = totals.iter().map(|t| t / (nf * mf)).collect();
    let pa = agreeing / (nf * mf * (mf - 1.0));
    let pe: f64 = p.iter().map(|x| x * x).sum();
    let kappa = chance_corrected(pa, pe)?;
    let pq: f64 = p.iter().map(|x| x * (1.0 - x)).sum();
    let skew: f64 = p.iter().map(|x| x * (1.0 - x) * (1.0 - 2.0 * x)).sum();
    let var = 2.0 * (pq * pq - skew) / (pq * pq * nf * mf * (mf - 1.0));
    if !(var > 0.0 && var.is_finite()) {
        return Err(AgreementError::NoVariation);
    }
    let z = kappa / var.sqrt();
    let normal = Normal::new(0.0, 1.0).map_err(|_| AgreementError::NoVariation)?;
    let p_value = 2.0 * (1.0 - normal.cdf(z.abs()));
    Ok(FleissTest {
        units: n,
        raters: m,
        kappa,
        z,
        p_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Level, WeightScheme};

    fn table(text: &str) -> Ratings {
        Ratings::parse_table(text, Level::Nominal).unwrap()
    }

    // Two raters, four units: (a,a) (a,a) (a,b) (b,b). p_a = 3/4. π_a = (1 + 1 + ½ + 0)/4 = 5/8, π_b = 3/8.
    // Fleiss: p_e = 25/64 + 9/64 = 34/64, κ = (48/64 − 34/64)/(30/64) = 14/30 = 7/15.
    // AC1: p_e = 2 · (5/8)(3/8) / 1 = 30/64, AC1 = (48 − 30)/(64 − 30) = 18/34 = 9/17.
    // BP: p_e = 1/2, BP = (3/4 − 1/2)/(1/2) = 1/2.
    // Conger: rater 1 says a,a,a,b (p = ¾, ¼), rater 2 a,a,b,b (½, ½); p̄ = (5/8, 3/8);
    // s²_aa = s²_bb = ((¾)² + (½)² − 2 (5/8)²)/1 = 1/32, s²_ab = −1/32;
    // p_e = (25/64 − 1/64) + (9/64 − 1/64) = 32/64, κ = (3/4 − 1/2)/(1/2) = 1/2 (= Cohen's κ).
    #[test]
    fn two_by_two_by_hand() {
        let r = table("a a\na a\na b\nb b");
        let w = Weights::unweighted(&r);
        let pa = percent_agreement(&r, &w).unwrap();
        assert!((pa.estimate.estimate - 0.75).abs() < 1e-12);
        assert!((pa.unanimous_share - 0.75).abs() < 1e-12);
        assert_eq!(pa.pairable_units, 4);
        assert!((fleiss_kappa(&r, &w).unwrap().estimate - 7.0 / 15.0).abs() < 1e-12);
        assert!((gwet_ac1(&r).unwrap().estimate - 9.0 / 17.0).abs() < 1e-12);
        assert!((brennan_prediger(&r, &w).unwrap().estimate - 0.5).abs() < 1e-12);
        assert!((conger_kappa(&r, &w).unwrap().estimate - 0.5).abs() < 1e-12);
    }

    #[test]
    fn one_category_everywhere() {
        // Declared categories ja/nej, every rating "ja": κ-type undefined, AC1 and BP follow their definitions.
        let mut b =
            crate::RatingsBuilder::new(Level::Nominal, Some(vec!["ja".into(), "nej".into()]))
                .unwrap();
        for u in ["1", "2", "3"] {
            for rater in ["a", "b", "c"] {
                b.add(u, rater, Some("ja")).unwrap();
            }
        }
        let r = b.build().unwrap();
        let w = Weights::unweighted(&r);
        assert_eq!(fleiss_kappa(&r, &w), Err(AgreementError::NoVariation));
        assert_eq!(conger_kappa(&r, &w), Err(AgreementError::NoVariation));
        assert_eq!(gwet_ac1(&r).unwrap().estimate, 1.0);
        assert_eq!(brennan_prediger(&r, &w).unwrap().estimate, 1.0);
        assert_eq!(percent_agreement(&r, &w).unwrap().estimate.estimate, 1.0);
        let per_category = fleiss_category_kappas(&r).unwrap();
        assert_eq!(per_category, vec![None, None]);
        // Inferred categories: q = 1, irrCAC's convention makes AC1 and BP equal p_a.
        let single = table("x x\nx x");
        assert_eq!(gwet_ac1(&single).unwrap().estimate, 1.0);
        let w1 = Weights::unweighted(&single);
        assert_eq!(brennan_prediger(&single, &w1).unwrap().estimate, 1.0);
        assert_eq!(fleiss_kappa(&single, &w1), Err(AgreementError::NoVariation));
    }

    #[test]
    fn nothing_pairable_is_an_error() {
        let r = table("a .\n. b");
        let w = Weights::unweighted(&r);
        assert_eq!(
            percent_agreement(&r, &w),
            Err(AgreementError::NoPairableUnits)
        );
        assert_eq!(gwet_ac1(&r), Err(AgreementError::NoPairableUnits));
    }

    #[test]
    fn weights_for_another_scale_are_refused() {
        let r = table("a a\na b");
        let w = Weights::identity(5);
        assert!(matches!(
            fleiss_kappa(&r, &w),
            Err(AgreementError::InvalidCategories(_))
        ));
    }

    #[test]
    fn interval_is_capped_at_one() {
        let r = Ratings::parse_table("1 1 1\n2 2 2\n3 3 3\n1 1 2", Level::Ordinal).unwrap();
        let w = Weights::new(WeightScheme::Quadratic, &r).unwrap();
        let e = gwet_ac2(&r, &w).unwrap();
        let [lo, hi] = e.ci95.unwrap();
        assert!(lo <= e.estimate && e.estimate <= hi && hi <= 1.0);
        assert_eq!(e.method, Some(Method::Analytic));
    }
}
