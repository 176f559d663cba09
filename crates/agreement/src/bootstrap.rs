//! The percentile bootstrap over units, for any coefficient: seeded, parallel, and reproducible for a given
//! seed whatever the number of threads.
//!
//! A resample draws as many units as the data have, uniformly with replacement (Efron & Tibshirani 1993,
//! *An Introduction to the Bootstrap*, ch. 6 and 13). Raters and the category set are kept, so every
//! coefficient is recomputed in full on the resample — for Krippendorff's α both the observed and the
//! expected disagreement. (This is the choice of issue 3, not the procedure of Hayes & Krippendorff 2007,
//! whose KALPHA macro resamples pairable values from the coincidence matrix and keeps `D_e` fixed; resampling
//! whole units keeps the dependence between the ratings of one unit, which is the sampling unit.) The standard
//! error is the standard deviation of the resampled values (divisor `N − 1`), and the 95 % interval their 2.5 %
//! and 97.5 % quantiles (linear interpolation between order statistics: R's `quantile` type 7, numpy's
//! default).
//!
//! Reproducibility: resample `i` draws from its own random number generator, seeded from `(seed, i)` only
//! (`SmallRng::seed_from_u64(splitmix64(seed) ^ splitmix64(i))`), and the resamples are split between threads
//! in contiguous chunks whose results are put back in resample order. The thread count therefore changes the
//! speed and nothing else. (`SmallRng` is not promised to give the same stream across `rand` versions or
//! between 32- and 64-bit platforms, so a seed reproduces results for one build of the program.)

use std::num::NonZeroUsize;

use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

use crate::{AgreementError, Coincidences, Estimate, Level, Method, Ratings};

/// How many resamples to draw, from which seed, on how many threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BootstrapConfig {
    /// Number of resamples `N`.
    pub resamples: usize,
    /// The seed; the same seed gives the same resamples.
    pub seed: u64,
    /// Worker threads; `None` uses [`std::thread::available_parallelism`]. Does not change the results.
    pub threads: Option<NonZeroUsize>,
}

impl BootstrapConfig {
    /// `resamples` resamples from `seed`, on as many threads as the machine offers.
    pub fn new(resamples: usize, seed: u64) -> BootstrapConfig {
        BootstrapConfig {
            resamples,
            seed,
            threads: None,
        }
    }

    /// The number of worker threads that will be used (at least 1, at most one per resample).
    pub fn thread_count(&self) -> usize {
        let wanted = self
            .threads
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get);
        wanted.min(self.resamples).max(1)
    }
}

/// A bootstrapped estimate and how many resamples it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bootstrap {
    /// The statistic on all the data, with the bootstrap standard error and percentile interval
    /// (`method` [`Method::Bootstrap`]); `se`, `ci95` and `method` are `None` when fewer than two resamples
    /// gave a value.
    pub estimate: Estimate,
    /// Resamples drawn.
    pub resamples: usize,
    /// Resamples on which the statistic was undefined (an error, or a non-finite value) and which were
    /// left out of the standard error and the interval.
    pub skipped: usize,
}

/// Bootstraps any statistic of a ratings matrix over its units: each resample is built with
/// [`Ratings::select_units`] and `statistic` recomputed on it.
///
/// # Errors
/// The error of `statistic` on the full data, when it is undefined there (then nothing is resampled).
/// Errors on individual resamples are counted in [`Bootstrap::skipped`] instead.
pub fn bootstrap<F>(
    ratings: &Ratings,
    config: &BootstrapConfig,
    statistic: F,
) -> Result<Bootstrap, AgreementError>
where
    F: Fn(&Ratings) -> Result<f64, AgreementError> + Sync,
{
    let estimate = statistic(ratings)?;
    let replicates = resample_units(ratings.n_units(), config, |units| {
        statistic(&ratings.select_units(units)).ok()
    });
    Ok(summarize(estimate, &replicates))
}

/// Bootstraps Krippendorff's α at `level` over units without rebuilding any matrix: each resample
/// sums the per-unit coincidences of [`Coincidences`] over the units drawn, and recomputes
/// the observed and the expected disagreement (and, for the ordinal metric, the metric itself) from them.
/// Gives the same resamples as [`bootstrap`] with [`crate::krippendorff_alpha`] for the same configuration.
///
/// # Errors
/// As [`crate::krippendorff_alpha`] on the full data.
pub fn bootstrap_alpha(
    ratings: &Ratings,
    level: Level,
    config: &BootstrapConfig,
) -> Result<Bootstrap, AgreementError> {
    let coincidences = Coincidences::new(ratings, level)?;
    let estimate = coincidences.alpha()?;
    let replicates = resample_units(coincidences.n_units(), config, |units| {
        coincidences.alpha_of_units(units).ok()
    });
    Ok(summarize(estimate, &replicates))
}

/// The engine under every bootstrap here: draws `config.resamples` resamples of `n_units` unit indices
/// (uniformly, with replacement) and returns `replicate(units)` for each, in resample order.
///
/// Resample `i` depends only on `(config.seed, i)`, and the work is spread over
/// [`BootstrapConfig::thread_count`] scoped threads in contiguous chunks, so the result does not depend on
/// the number of threads. With `n_units` 0 every resample is empty.
pub fn resample_units<T, F>(n_units: usize, config: &BootstrapConfig, replicate: F) -> Vec<T>
where
    T: Send,
    F: Fn(&[usize]) -> T + Sync,
{
    let total = config.resamples;
    let threads = config.thread_count();
    let run = |range: std::ops::Range<usize>| -> Vec<T> {
        let mut units = vec![0usize; n_units];
        range
            .map(|i| {
                let mut rng = SmallRng::seed_from_u64(resample_seed(config.seed, i));
                for unit in &mut units {
                    *unit = rng.random_range(0..n_units);
                }
                replicate(&units)
            })
            .collect()
    };
    if threads <= 1 {
        return run(0..total);
    }
    let chunk = total.div_ceil(threads);
    std::thread::scope(|scope| {
        let run = &run;
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let range = (t * chunk).min(total)..((t + 1) * chunk).min(total);
                scope.spawn(move || run(range))
            })
            .collect();
        let mut out = Vec::with_capacity(total);
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                // A panicking statistic is a bug; pass the panic on unchanged.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// Turns the statistic on the full data and its values on the resamples (`None` where undefined) into a
/// [`Bootstrap`]: standard deviation (divisor `N − 1`) and 2.5 %/97.5 % percentile interval of the defined,
/// finite values.
pub fn summarize(estimate: f64, replicates: &[Option<f64>]) -> Bootstrap {
    let mut values: Vec<f64> = replicates
        .iter()
        .filter_map(|v| v.filter(|v| v.is_finite()))
        .collect();
    let skipped = replicates.len() - values.len();
    let mut result = Estimate::point(estimate);
    if values.len() >= 2 {
        values.sort_by(f64::total_cmp);
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
        result.se = Some(var.sqrt());
        result.ci95 = Some([quantile(&values, 0.025), quantile(&values, 0.975)]);
        result.method = Some(Method::Bootstrap);
    }
    Bootstrap {
        estimate: result,
        resamples: replicates.len(),
        skipped,
    }
}

/// The `p` quantile of `sorted` (ascending, non-empty) by linear interpolation between order statistics,
/// `x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])` with `h = (N − 1) p` (Hyndman & Fan 1996 type 7, R's default).
/// An empty slice gives 0.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let Some(last) = sorted.len().checked_sub(1) else {
        return 0.0;
    };
    let h = last as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(last);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The seed of resample `i`: a function of `(seed, i)` alone.
fn resample_seed(seed: u64, i: usize) -> u64 {
    splitmix64(seed) ^ splitmix64(i as u64)
}

/// Steele, Lea & Flood (2014) SplitMix64 finaliser: a bijective mix of 64 bits.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    use super::*;
    use crate::krippendorff_alpha;
    use crate::test_data;

    fn config(resamples: usize, seed: u64, threads: usize) -> BootstrapConfig {
        BootstrapConfig {
            resamples,
            seed,
            threads: NonZeroUsize::new(threads),
        }
    }

    #[test]
    fn quantile_is_type_7() {
        // x = 1, 2, 3, 4: h = 3 · 0.025 = 0.075 → 1 + 0.075 · (2 − 1) = 1.075;
        // h = 3 · 0.975 = 2.925 → 3 + 0.925 · (4 − 3) = 3.925 (R: quantile(1:4, c(.025, .975))).
        let x = [1.0, 2.0, 3.0, 4.0];
        assert_abs_diff_eq!(quantile(&x, 0.025), 1.075, epsilon = 1e-15);
        assert_abs_diff_eq!(quantile(&x, 0.975), 3.925, epsilon = 1e-15);
        assert_abs_diff_eq!(quantile(&x, 0.5), 2.5, epsilon = 1e-15);
        assert_eq!(quantile(&[7.0], 0.975), 7.0);
    }

    #[test]
    fn summarize_by_hand() {
        // Values 1, 2, 3, 4 and two undefined resamples: mean 2.5, SD √((2.25+0.25+0.25+2.25)/3) = √(5/3).
        let b = summarize(
            2.0,
            &[
                Some(4.0),
                None,
                Some(1.0),
                Some(f64::NAN),
                Some(3.0),
                Some(2.0),
            ],
        );
        assert_eq!((b.resamples, b.skipped), (6, 2));
        assert_eq!(b.estimate.estimate, 2.0);
        assert_eq!(b.estimate.method, Some(Method::Bootstrap));
        assert_abs_diff_eq!(
            b.estimate.se.unwrap(),
            (5.0f64 / 3.0).sqrt(),
            epsilon = 1e-15
        );
        assert_eq!(b.estimate.ci95, Some([1.075, 3.925]));
        let none = summarize(0.5, &[None, Some(0.1)]);
        assert_eq!(
            (none.estimate.se, none.estimate.ci95, none.estimate.method),
            (None, None, None)
        );
    }

    #[test]
    fn resamples_draw_every_unit_index_uniformly() {
        let draws = resample_units(10, &config(2000, 7, 2), |u| u.to_vec());
        assert_eq!(draws.len(), 2000);
        let mut counts = [0usize; 10];
        for u in draws.iter().flatten() {
            counts[*u] += 1;
        }
        // 20 000 draws, 2 000 expected per unit, SD ≈ 42: ±300 is over 7 SD.
        assert!(
            counts.iter().all(|&c| (1700..2300).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn fast_alpha_path_matches_the_generic_one() {
        let ratings = test_data::long_csv(
            include_str!("../tests/data/krippendorff2011_C.csv"),
            Level::Interval,
        );
        for level in Level::ALL {
            let cfg = config(300, 42, 2);
            let fast = bootstrap_alpha(&ratings, level, &cfg).unwrap();
            let generic = bootstrap(&ratings, &cfg, |r| krippendorff_alpha(r, level)).unwrap();
            assert_eq!(
                (fast.resamples, fast.skipped),
                (generic.resamples, generic.skipped)
            );
            assert_eq!(fast.estimate.estimate, generic.estimate.estimate);
            assert_abs_diff_eq!(
                fast.estimate.se.unwrap(),
                generic.estimate.se.unwrap(),
                epsilon = 1e-12
            );
            let (f, g) = (fast.estimate.ci95.unwrap(), generic.estimate.ci95.unwrap());
            assert_abs_diff_eq!(f[0], g[0], epsilon = 1e-12);
            assert_abs_diff_eq!(f[1], g[1], epsilon = 1e-12);
            assert!(f[0] < f[1]);
        }
    }

    #[test]
    fn undefined_resamples_are_skipped_and_counted() {
        // Only unit 3 varies; a resample without it (probability (2/3)³ = 8/27) has no variation.
        let ratings = Ratings::parse_table("1 1\n1 1\n1 2", Level::Nominal).unwrap();
        let b = bootstrap_alpha(&ratings, Level::Nominal, &config(540, 1, 1)).unwrap();
        assert_eq!(b.resamples, 540);
        // 540 · 8/27 = 160 expected, SD ≈ 10.6.
        assert!((110..210).contains(&b.skipped), "{}", b.skipped);
        // The full data are undefined: an error, and nothing is resampled.
        let flat = Ratings::parse_table("1 1\n1 1", Level::Nominal).unwrap();
        assert_eq!(
            bootstrap(&flat, &config(10, 1, 1), |r| krippendorff_alpha(
                r,
                Level::Nominal
            )),
            Err(AgreementError::NoVariation)
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn same_seed_same_result_on_1_2_and_4_threads(
            rows in prop::collection::vec(
                prop::collection::vec(prop::option::weighted(0.8, (1u8..=4).prop_map(f64::from)), 3),
                3..15,
            ),
            seed in any::<u64>(),
            resamples in 1usize..60,
        ) {
            let ratings = Ratings::from_rows(Level::Ordinal, &rows, None).unwrap();
            let runs: Vec<_> = [1, 2, 4]
                .into_iter()
                .map(|t| {
                    let cfg = config(resamples, seed, t);
                    (
                        bootstrap_alpha(&ratings, Level::Ordinal, &cfg),
                        bootstrap(&ratings, &cfg, |r| krippendorff_alpha(r, Level::Nominal)),
                    )
                })
                .collect();
            prop_assert_eq!(&runs[0], &runs[1]);
            prop_assert_eq!(&runs[0], &runs[2]);
        }
    }
}
