//! Krippendorff's α for any number of raters, with missing ratings, at the four levels of measurement.
//!
//! Follows Krippendorff, K. (2011), *Computing Krippendorff's Alpha-Reliability* (Annenberg School for
//! Communication, University of Pennsylvania, ScholarlyCommons asc_papers/43), in its coincidence-matrix form:
//!
//! * For a unit `u` with `m_u ≥ 2` ratings of which `n_uc` are category `c`, every ordered pair of its
//!   ratings adds `1 / (m_u − 1)` to the coincidence matrix, so `o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1)`.
//!   Units with fewer than two ratings cannot be paired and are left out.
//! * `n_c = Σ_k o_ck` are the marginal totals (the pairable values of `c`) and `n = Σ_c n_c`.
//! * `D_o = (1/n) Σ_c Σ_k o_ck δ²_ck` is the observed and `D_e = 1/(n (n − 1)) Σ_c Σ_k n_c n_k δ²_ck` the
//!   expected disagreement, and `α = 1 − D_o / D_e`.
//!
//! The difference functions `δ²` are Krippendorff's: nominal `[c ≠ k]`; ordinal
//! `(Σ_{g=c}^{k} n_g − (n_c + n_k)/2)²`, the rank-frequency metric built from the marginal totals (not Gwet's
//! ordinal weights); interval `(v_c − v_k)²`; ratio `((v_c − v_k)/(v_c + v_k))²`, where `v` are the numeric
//! values of the categories.
//!
//! How it is computed (the same numbers, fewer operations):
//! * No k × k matrix is built for α. The sums over the coincidence matrix are sums over units of
//!   `Σ_{c≠k} n_uc n_uk δ²_ck / (m_u − 1)`, and [`Coincidences`] keeps each unit's non-zero `n_uc` (and, where
//!   the metric does not depend on the data, the unit's share of the observed disagreement), so that a
//!   bootstrap resample only re-weights units: `O(units × distinct values per unit)` per resample.
//! * For the interval metric `Σ_{c≠k} n_c n_k (v_c − v_k)² = 2 m Σ_c n_c (v_c − v̄)²`, linear in the number of
//!   categories; nominal likewise uses `m² − Σ_c n_c²`.
//! * The ordinal δ is a difference of mid-ranks: with `r_c = Σ_{g<c} n_g + n_c/2`,
//!   `Σ_{g=c}^{k} n_g − (n_c + n_k)/2 = r_k − r_c`. Ordinal α is therefore computed as interval α on the
//!   mid-ranks of the categories, recomputed from the marginal totals of the (re-weighted) data.

use crate::{AgreementError, Level, Ratings};

/// Krippendorff's α of `ratings` at the given level of measurement (Krippendorff 2011, coincidence-matrix
/// form; see the module documentation for the formulas).
///
/// `level` may differ from the level the ratings were declared on, so ordinal data can also be analysed
/// as nominal. Interval and ratio use the numeric values of the categories; ordinal uses only their order.
/// Units with fewer than two ratings are left out.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no unit has two ratings, [`AgreementError::NoVariation`] when all
/// pairable ratings have the same value (the expected disagreement is 0, so α is undefined), and
/// [`AgreementError::InvalidCategories`] when `level` is interval or ratio and a category is not a number, or
/// ratio and a category is negative.
pub fn krippendorff_alpha(ratings: &Ratings, level: Level) -> Result<f64, AgreementError> {
    Coincidences::new(ratings, level)?.alpha()
}

/// The per-unit pieces of Krippendorff's coincidence matrix, from which α, its observed and expected
/// disagreement, and the same on any re-weighting of the units (a bootstrap resample) are computed without
/// going back to the ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct Coincidences {
    level: Level,
    metric: Metric,
    /// Number of categories.
    k: usize,
    /// `entry_*[offsets[u]..offsets[u + 1]]` are the categories unit `u` received, with their counts;
    /// empty for units with fewer than two ratings.
    offsets: Vec<usize>,
    entry_category: Vec<u32>,
    entry_count: Vec<f64>,
    /// `1 / (m_u − 1)` for pairable units, 0 otherwise.
    pair_weight: Vec<f64>,
    /// The unit's contribution `Σ_{c≠k} n_uc n_uk δ²_ck / (m_u − 1)` to `n · D_o`, for the metrics that do
    /// not depend on the marginal totals (all but ordinal); empty for ordinal.
    unit_observed: Vec<f64>,
    /// With few categories, every unit's counts also as a dense row of `k` (zeros for units that are not
    /// pairable): loops of a fixed length run several times faster over resamples than loops over a varying
    /// number of entries, whose exits the processor cannot predict. Empty with many categories.
    dense: Vec<f64>,
}

/// Up to this many categories [`Coincidences`] keeps dense per-unit rows.
const DENSE_MAX_CATEGORIES: usize = 16;

/// The difference function δ² of one level of measurement.
#[derive(Debug, Clone, PartialEq)]
enum Metric {
    Nominal,
    /// Interval on the mid-ranks, which depend on the marginal totals and so are recomputed for every
    /// (re-weighted) coincidence matrix.
    Ordinal,
    Interval(Vec<f64>),
    Ratio(Vec<f64>),
}

impl Metric {
    /// δ²(c, k); `ranks` are the mid-ranks, used by the ordinal metric only.
    fn delta2(&self, c: usize, k: usize, ranks: &[f64]) -> f64 {
        match self {
            Metric::Nominal => f64::from(u8::from(c != k)),
            Metric::Ordinal => (ranks[c] - ranks[k]).powi(2),
            Metric::Interval(v) => (v[c] - v[k]).powi(2),
            Metric::Ratio(v) => ratio_delta2(v[c], v[k]),
        }
    }

    /// `Σ_{i≠j} n_i n_j δ²(c_i, c_j)` over the distinct categories `cats` with counts `counts`.
    fn pair_sum(&self, cats: &[u32], counts: &[f64], ranks: &[f64]) -> f64 {
        let entries = || cats.iter().map(|&c| c as usize).zip(counts.iter().copied());
        match self {
            Metric::Nominal => {
                let m: f64 = counts.iter().sum();
                m * m - counts.iter().map(|c| c * c).sum::<f64>()
            }
            Metric::Ordinal => spread_sum(entries().map(|(c, n)| (n, ranks[c]))),
            Metric::Interval(v) => spread_sum(entries().map(|(c, n)| (n, v[c]))),
            Metric::Ratio(v) => {
                let mut sum = 0.0;
                for (i, (ci, ni)) in entries().enumerate() {
                    for (cj, nj) in entries().skip(i + 1) {
                        sum += ni * nj * ratio_delta2(v[ci], v[cj]);
                    }
                }
                2.0 * sum
            }
        }
    }
}

/// `((a − b)/(a + b))²`, 0 when both are 0 (negative values are refused when the metric is built).
fn ratio_delta2(a: f64, b: f64) -> f64 {
    let sum = a + b;
    if sum == 0.0 {
        0.0
    } else {
        ((a - b) / sum).powi(2)
    }
}

/// `Σ_i Σ_j n_i n_j (x_i − x_j)² = 2 m Σ_i n_i (x_i − x̄)²` for `(n_i, x_i)` pairs, with `m = Σ n_i` and
/// `x̄` the weighted mean (centred, so that large values do not cancel).
fn spread_sum<I>(entries: I) -> f64
where
    I: Iterator<Item = (f64, f64)> + Clone,
{
    let (m, sum) = entries
        .clone()
        .fold((0.0, 0.0), |(m, s), (n, x)| (m + n, s + n * x));
    if m == 0.0 {
        return 0.0;
    }
    let mean = sum / m;
    2.0 * m
        * entries
            .map(|(n, x)| n * (x - mean) * (x - mean))
            .sum::<f64>()
}

/// The mid-rank `r_c = Σ_{g<c} n_g + n_c/2` of every category.
fn mid_ranks(marginals: &[f64]) -> Vec<f64> {
    let mut below = 0.0;
    marginals
        .iter()
        .map(|n| {
            let r = below + n / 2.0;
            below += n;
            r
        })
        .collect()
}

/// Krippendorff's observed and expected disagreement on one (possibly re-weighted) coincidence matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Disagreement {
    /// `D_o = (1/n) Σ_c Σ_k o_ck δ²_ck`.
    pub observed: f64,
    /// `D_e = 1/(n (n − 1)) Σ_c Σ_k n_c n_k δ²_ck`.
    pub expected: f64,
    /// `n`, the number of pairable values (ratings in units with at least two ratings), counted with the
    /// units' weights.
    pub pairable_values: f64,
}

impl Disagreement {
    /// `α = 1 − D_o / D_e`.
    ///
    /// # Errors
    /// [`AgreementError::NoVariation`] when `D_e` is 0 (all pairable values are the same), and
    /// [`AgreementError::InvalidCategories`] when the values are so large (beyond about 10¹⁵⁰) that their
    /// squared differences overflow.
    pub fn alpha(&self) -> Result<f64, AgreementError> {
        if !(self.observed.is_finite() && self.expected.is_finite()) {
            return Err(AgreementError::InvalidCategories(
                "værdierne er for store til at regne med".into(),
            ));
        }
        if self.expected > 0.0 {
            Ok(1.0 - self.observed / self.expected)
        } else {
            Err(AgreementError::NoVariation)
        }
    }
}

impl Coincidences {
    /// Collects the per-unit coincidence contributions of `ratings` at `level`.
    ///
    /// # Errors
    /// [`AgreementError::InvalidCategories`] when `level` is interval or ratio and a category is not a
    /// number, or ratio and a category is negative. Data without pairable units or without variation are
    /// not an error here; they are reported when α is asked for.
    pub fn new(ratings: &Ratings, level: Level) -> Result<Coincidences, AgreementError> {
        let metric = match level {
            Level::Nominal => Metric::Nominal,
            Level::Ordinal => Metric::Ordinal,
            Level::Interval | Level::Ratio => {
                let values = ratings.category_scores().ok_or_else(|| {
                    AgreementError::InvalidCategories(format!(
                        "niveauet {level} kræver, at alle kategorier er tal, eller at \
                         tekstkategorierne er angivet i skalaens rækkefølge"
                    ))
                })?;
                if level == Level::Interval {
                    Metric::Interval(values.to_vec())
                } else {
                    if let Some(v) = values.iter().find(|v| **v < 0.0) {
                        return Err(AgreementError::InvalidCategories(format!(
                            "niveauet ratio kræver værdier på mindst 0, men {v} er negativ"
                        )));
                    }
                    Metric::Ratio(values.to_vec())
                }
            }
        };
        let k = ratings.n_categories();
        let n_units = ratings.n_units();
        let mut offsets = Vec::with_capacity(n_units + 1);
        let mut entry_category = Vec::new();
        let mut entry_count = Vec::new();
        let mut pair_weight = Vec::with_capacity(n_units);
        let fixed = !matches!(metric, Metric::Ordinal);
        let mut unit_observed = Vec::with_capacity(if fixed { n_units } else { 0 });
        let dense_rows = k <= DENSE_MAX_CATEGORIES;
        let mut dense = Vec::with_capacity(if dense_rows { n_units * k } else { 0 });
        offsets.push(0);
        for u in 0..n_units {
            let counts = ratings.unit_counts(u);
            let m: u64 = counts.iter().map(|&c| u64::from(c)).sum();
            let start = entry_category.len();
            let weight = if m >= 2 {
                for (c, &n) in counts.iter().enumerate() {
                    if n > 0 {
                        entry_category.push(c as u32);
                        entry_count.push(f64::from(n));
                    }
                }
                1.0 / (m as f64 - 1.0)
            } else {
                0.0
            };
            pair_weight.push(weight);
            offsets.push(entry_category.len());
            if dense_rows {
                dense.extend(
                    counts
                        .iter()
                        .map(|&n| if m >= 2 { f64::from(n) } else { 0.0 }),
                );
            }
            if fixed {
                let sum = metric.pair_sum(&entry_category[start..], &entry_count[start..], &[]);
                unit_observed.push(sum * weight);
            }
        }
        Ok(Coincidences {
            level,
            metric,
            k,
            offsets,
            entry_category,
            entry_count,
            pair_weight,
            unit_observed,
            dense,
        })
    }

    /// The level of measurement whose metric is used.
    pub fn level(&self) -> Level {
        self.level
    }

    /// Number of units, pairable or not (the size of a bootstrap resample).
    pub fn n_units(&self) -> usize {
        self.pair_weight.len()
    }

    /// Number of units with at least two ratings.
    pub fn n_pairable_units(&self) -> usize {
        self.pair_weight.iter().filter(|&&w| w > 0.0).count()
    }

    /// Krippendorff's α on all units.
    ///
    /// # Errors
    /// As [`krippendorff_alpha`]: [`AgreementError::NoPairableUnits`] or [`AgreementError::NoVariation`].
    pub fn alpha(&self) -> Result<f64, AgreementError> {
        self.disagreement(None)?.alpha()
    }

    /// Krippendorff's α with unit `u` counted `weights[u]` times (a bootstrap resample drawn with
    /// replacement is the multiplicity of each unit in it). Both the observed and the expected disagreement
    /// (and, at the ordinal level, the metric) are recomputed from the re-weighted units.
    ///
    /// # Errors
    /// As [`Coincidences::alpha`]. `weights` shorter than the number of units counts the missing ones as 0.
    pub fn alpha_weighted(&self, weights: &[u32]) -> Result<f64, AgreementError> {
        self.disagreement(Some(weights))?.alpha()
    }

    /// The categories and counts of unit `u` (empty when it is not pairable).
    fn entries(&self, u: usize) -> (&[u32], &[f64]) {
        let range = self.offsets[u]..self.offsets[u + 1];
        (
            &self.entry_category[range.clone()],
            &self.entry_count[range],
        )
    }

    /// Krippendorff's α on the units listed, repeats allowed (a bootstrap resample as drawn): the same as
    /// [`Coincidences::alpha_weighted`] with each unit's multiplicity, without counting them first.
    /// Indices past the last unit are ignored.
    ///
    /// # Errors
    /// As [`Coincidences::alpha`].
    pub fn alpha_of_units(&self, units: &[usize]) -> Result<f64, AgreementError> {
        let n = self.n_units();
        self.disagreement_of(units.iter().filter(|&&u| u < n).map(|&u| (u, 1.0)))?
            .alpha()
    }

    /// The observed and expected disagreement, on all units (`weights` `None`) or with unit `u` counted
    /// `weights[u]` times.
    ///
    /// # Errors
    /// [`AgreementError::NoPairableUnits`] when no (weighted) unit has two ratings.
    pub fn disagreement(&self, weights: Option<&[u32]>) -> Result<Disagreement, AgreementError> {
        match weights {
            None => self.disagreement_of((0..self.n_units()).map(|u| (u, 1.0))),
            Some(weights) => self.disagreement_of(
                weights
                    .iter()
                    .take(self.n_units())
                    .enumerate()
                    .filter(|(_, w)| **w > 0)
                    .map(|(u, w)| (u, f64::from(*w))),
            ),
        }
    }

    /// The disagreements over `(unit, weight)` pairs; a unit may occur more than once.
    fn disagreement_of<I>(&self, units: I) -> Result<Disagreement, AgreementError>
    where
        I: Iterator<Item = (usize, f64)> + Clone,
    {
        // Consecutive units often add to the same category; four interleaved copies of the marginal totals
        // keep those additions from waiting on each other (this loop dominates a bootstrap resample).
        const LANES: usize = 4;
        let k = self.k;
        let mut lanes = vec![0.0; LANES * k];
        let mut observed_sum = 0.0;
        for (i, (u, w)) in units.clone().enumerate() {
            let lane = &mut lanes[(i % LANES) * k..(i % LANES + 1) * k];
            if self.dense.is_empty() {
                let (cats, counts) = self.entries(u);
                for (&c, &n) in cats.iter().zip(counts) {
                    lane[c as usize] += w * n;
                }
            } else {
                for (total, &n) in lane.iter_mut().zip(&self.dense[u * k..(u + 1) * k]) {
                    *total += w * n;
                }
            }
            if let Some(observed) = self.unit_observed.get(u) {
                observed_sum += w * observed;
            }
        }
        let marginals: Vec<f64> = (0..k)
            .map(|c| (0..LANES).map(|l| lanes[l * k + c]).sum())
            .collect();
        let n: f64 = marginals.iter().sum();
        if n < 2.0 {
            return Err(AgreementError::NoPairableUnits);
        }
        let ranks = if self.metric == Metric::Ordinal {
            // The mid-ranks depend on the marginal totals just computed, so the observed disagreement is
            // summed in a second pass: interval on the ranks, 2 m Σ n (r − r̄)² per unit.
            let ranks = mid_ranks(&marginals);
            for (u, w) in units {
                if self.pair_weight[u] == 0.0 {
                    continue;
                }
                let spread = if self.dense.is_empty() {
                    let (cats, counts) = self.entries(u);
                    spread_sum(
                        cats.iter()
                            .zip(counts)
                            .map(|(&c, &n)| (n, ranks[c as usize])),
                    )
                } else {
                    spread_sum(
                        self.dense[u * k..(u + 1) * k]
                            .iter()
                            .copied()
                            .zip(ranks.iter().copied()),
                    )
                };
                observed_sum += w * self.pair_weight[u] * spread;
            }
            ranks
        } else {
            Vec::new()
        };
        let present: Vec<u32> = (0..self.k as u32)
            .filter(|&c| marginals[c as usize] > 0.0)
            .collect();
        let present_counts: Vec<f64> = present.iter().map(|&c| marginals[c as usize]).collect();
        let expected_sum = self.metric.pair_sum(&present, &present_counts, &ranks);
        Ok(Disagreement {
            observed: observed_sum / n,
            expected: expected_sum / (n * (n - 1.0)),
            pairable_values: n,
        })
    }

    /// The coincidence matrix `o_ck` on all units, row-major `k × k` (Krippendorff 2011's table of
    /// coincidences, for display and checking; α itself never needs it).
    pub fn matrix(&self) -> Vec<f64> {
        let k = self.k;
        let mut o = vec![0.0; k * k];
        for u in 0..self.n_units() {
            let (cats, counts) = self.entries(u);
            for (i, (&c, &nc)) in cats.iter().zip(counts).enumerate() {
                for (j, (&d, &nd)) in cats.iter().zip(counts).enumerate() {
                    let pairs = if i == j { nc * (nc - 1.0) } else { nc * nd };
                    o[c as usize * k + d as usize] += pairs * self.pair_weight[u];
                }
            }
        }
        o
    }

    /// The marginal totals `n_c` (pairable values of each category) on all units.
    pub fn marginals(&self) -> Vec<f64> {
        let mut marginals = vec![0.0; self.k];
        for u in 0..self.n_units() {
            let (cats, counts) = self.entries(u);
            for (&c, &n) in cats.iter().zip(counts) {
                marginals[c as usize] += n;
            }
        }
        marginals
    }

    /// The difference function `δ²_ck` on all units, row-major `k × k` (for the ordinal metric it depends on
    /// the marginal totals of the data).
    pub fn metric(&self) -> Vec<f64> {
        let ranks = mid_ranks(&self.marginals());
        let k = self.k;
        let mut delta = vec![0.0; k * k];
        for c in 0..k {
            for d in 0..k {
                delta[c * k + d] = self.metric.delta2(c, d, &ranks);
            }
        }
        delta
    }
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    use super::*;
    use crate::test_data;

    /// Krippendorff (2011) section C data: 4 observers × 12 units with 7 missing cells, copied from
    /// `shared/reference/krippendorff2011_C.csv` into `tests/data/`.
    fn krippendorff_c() -> Ratings {
        test_data::long_csv(
            include_str!("../tests/data/krippendorff2011_C.csv"),
            Level::Interval,
        )
    }

    #[test]
    fn reproduces_krippendorff_2011_c_data_at_all_four_levels() {
        // Source: Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C "Nominal
        // data, any number of observers, missing data" and its ordinal/interval/ratio continuations,
        // published as 0.743, 0.815, 0.849, 0.797; full precision from R irr 0.84.1 kripp.alpha (as given in
        // shared/reference/README.md). Tolerance 1e-9.
        let ratings = krippendorff_c();
        for (level, expected) in [
            (Level::Nominal, 0.743421052631579),
            (Level::Ordinal, 0.815387503754881),
            (Level::Interval, 0.849107142857143),
            (Level::Ratio, 0.797402774711612),
        ] {
            let alpha = krippendorff_alpha(&ratings, level).unwrap();
            assert_abs_diff_eq!(alpha, expected, epsilon = 1e-9);
        }
    }

    #[test]
    fn c_data_by_hand_nominal_and_interval() {
        // Per unit (values: counts), unit 12 has one rating and is left out:
        //  u1 {1:3}  u2 {2:3,3:1}  u3 {3:4}  u4 {3:4}  u5 {2:4}  u6 {1,2,3,4: 1 each}  u7 {4:4}
        //  u8 {1:3,2:1}  u9 {2:4}  u10 {5:3}  u11 {1:2}
        // n_c = (9, 13, 10, 5, 3), n = 40.
        // Nominal: n·D_o = Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) = u2 (16−10)/3 + u6 (16−4)/3 + u8 (16−10)/3 = 8;
        //   n(n−1)·D_e = n² − Σ n_c² = 1600 − 384 = 1216; α = 1 − 39·8/1216 = 1 − 312/1216.
        // Interval: n·D_o = u2 2·3·1·1/3 + u6 2·(1+4+9+1+4+1)/3 + u8 2·3·1·1/3 = 2 + 40/3 + 2 = 52/3;
        //   v̄ = 100/40 = 2.5, Σ n_c (v_c − v̄)² = 20.25 + 3.25 + 2.5 + 11.25 + 18.75 = 56,
        //   n(n−1)·D_e = 2·40·56 = 4480; α = 1 − 39·(52/3)/4480 = 1 − 676/4480.
        let ratings = krippendorff_c();
        let nominal = Coincidences::new(&ratings, Level::Nominal).unwrap();
        assert_eq!(nominal.marginals(), vec![9.0, 13.0, 10.0, 5.0, 3.0]);
        assert_eq!(nominal.n_pairable_units(), 11);
        let d = nominal.disagreement(None).unwrap();
        assert_abs_diff_eq!(d.observed, 8.0 / 40.0, epsilon = 1e-15);
        assert_abs_diff_eq!(d.expected, 1216.0 / (40.0 * 39.0), epsilon = 1e-15);
        assert_abs_diff_eq!(
            nominal.alpha().unwrap(),
            1.0 - 312.0 / 1216.0,
            epsilon = 1e-15
        );
        let interval = Coincidences::new(&ratings, Level::Interval).unwrap();
        assert_abs_diff_eq!(
            interval.alpha().unwrap(),
            1.0 - 676.0 / 4480.0,
            epsilon = 1e-14
        );
    }

    #[test]
    fn c_data_coincidence_matrix_and_ordinal_metric() {
        // The coincidence matrix of the C data (the table of coincidences of Krippendorff 2011, section C),
        // computed here by hand from the per-unit counts listed in the test above:
        // rows (7, 4/3, 1/3, 1/3, 0), (4/3, 10, 4/3, 1/3, 0), (1/3, 4/3, 8, 1/3, 0), (1/3, 1/3, 1/3, 4, 0),
        // (0, 0, 0, 0, 3); e.g. o_11 = u1 3·2/2 + u8 3·2/3 + u11 2·1/1 = 3 + 2 + 2 = 7,
        // o_12 = u6 1·1/3 + u8 3·1/3 = 4/3. Each row sums to n_c.
        let c = Coincidences::new(&krippendorff_c(), Level::Ordinal).unwrap();
        let t = 1.0 / 3.0;
        #[rustfmt::skip]
        let expected = [
            7.0, 4.0 * t, t, t, 0.0,
            4.0 * t, 10.0, 4.0 * t, t, 0.0,
            t, 4.0 * t, 8.0, t, 0.0,
            t, t, t, 4.0, 0.0,
            0.0, 0.0, 0.0, 0.0, 3.0,
        ];
        for (got, want) in c.matrix().iter().zip(expected) {
            assert_abs_diff_eq!(*got, want, epsilon = 1e-12);
        }
        // Ordinal metric (Krippendorff 2011): δ_ck = Σ_{g=c..k} n_g − (n_c + n_k)/2, by hand
        // δ_12 = 9 + 13 − 11 = 11 and δ_15 = 40 − 6 = 34, so δ² = 121 and 1156.
        let metric = c.metric();
        assert_abs_diff_eq!(metric[1], 121.0, epsilon = 1e-12);
        assert_abs_diff_eq!(metric[4], 1156.0, epsilon = 1e-12);
        assert_abs_diff_eq!(metric[4 * 5], 1156.0, epsilon = 1e-12);
    }

    #[test]
    fn fleiss_1971_diagnoses_nominal() {
        // Source: shared/reference/README.md, fleiss1971_diagnoses: 30 patients × 6 raters (Fleiss 1971;
        // R irr `diagnoses`), Krippendorff's α nominal 0.433409828282029 from R krippendorffsalpha 2.0
        // (customary) and R irrCAC 0.43341.
        let ratings = test_data::long_csv(
            include_str!("../tests/data/fleiss1971_diagnoses.csv"),
            Level::Nominal,
        );
        let alpha = krippendorff_alpha(&ratings, Level::Nominal).unwrap();
        assert_abs_diff_eq!(alpha, 0.433409828282029, epsilon = 1e-9);
    }

    #[test]
    fn feinstein_cicchetti_skewed_table_nominal() {
        // Source: shared/reference/README.md, feinstein_cicchetti_b (Feinstein & Cicchetti 1990, J Clin
        // Epidemiol 43(6):543-549, table with po = .85 and skewed prevalence), α nominal 0.317714285714286
        // from R irr 0.84.1. By hand: the 2 × 2 table is a = 80 (1,1), b = 10 (1,0), c = 5 (0,1), d = 5 (0,0),
        // so n_1 = 175, n_0 = 25, n = 200, n·D_o = 15 disagreeing units · 2 ordered pairs = 30,
        // n(n−1)·D_e = 2·175·25 = 8750 and α = 1 − 199·30/8750 = 0.317714285714….
        let ratings = test_data::long_csv(
            include_str!("../tests/data/feinstein_cicchetti_b.csv"),
            Level::Nominal,
        );
        let alpha = krippendorff_alpha(&ratings, Level::Nominal).unwrap();
        assert_abs_diff_eq!(alpha, 0.317714285714286, epsilon = 1e-9);
        assert_abs_diff_eq!(alpha, 1.0 - 199.0 * 30.0 / 8750.0, epsilon = 1e-15);
    }

    #[test]
    fn small_ratio_case_by_hand() {
        // Two units, two raters: (1, 3) and (2, 2). n_1 = 1, n_2 = 2, n_3 = 1, n = 4.
        // Ratio δ²(1,3) = (2/4)² = 1/4, δ²(1,2) = (1/3)² = 1/9, δ²(2,3) = (1/5)² = 1/25.
        // n·D_o = unit 1: 2·1·1·(1/4)/1 = 1/2.
        // n(n−1)·D_e = 2·(n_1 n_2 δ²(1,2) + n_1 n_3 δ²(1,3) + n_2 n_3 δ²(2,3)) = 2·(2/9 + 1/4 + 2/25).
        // α = 1 − (n−1)·(1/2) / (2·(2/9 + 1/4 + 2/25)) = 1 − 1.5 / 1.1044… .
        let r = Ratings::parse_table("1 3\n2 2", Level::Ratio).unwrap();
        let expected = 1.0 - 1.5 / (2.0 * (2.0 / 9.0 + 0.25 + 2.0 / 25.0));
        assert_abs_diff_eq!(
            krippendorff_alpha(&r, Level::Ratio).unwrap(),
            expected,
            epsilon = 1e-15
        );
        // Ordinal on the same: δ(1,2) = 1/2 + 2/2 = 1.5, δ(1,3) = 1/2 + 2 + 1/2 = 3, δ(2,3) = 1.5.
        // n·D_o = 2·9 = 18; n(n−1)·D_e = 2·(2·2.25 + 1·9 + 2·2.25) = 36; α = 1 − 3·18/36 = −0.5.
        assert_abs_diff_eq!(
            krippendorff_alpha(&r, Level::Ordinal).unwrap(),
            -0.5,
            epsilon = 1e-15
        );
    }

    #[test]
    fn undefined_cases_are_errors_not_nan() {
        let same = Ratings::parse_table("2 2 2\n2 . 2\n2 2 .", Level::Ordinal).unwrap();
        for level in Level::ALL {
            assert_eq!(
                krippendorff_alpha(&same, level),
                Err(AgreementError::NoVariation)
            );
        }
        let single = Ratings::parse_table("1 .\n. 2\n3 .", Level::Ordinal).unwrap();
        for level in Level::ALL {
            assert_eq!(
                krippendorff_alpha(&single, level),
                Err(AgreementError::NoPairableUnits)
            );
        }
        let c = Coincidences::new(&krippendorff_c(), Level::Nominal).unwrap();
        assert_eq!(
            c.alpha_weighted(&[0; 12]),
            Err(AgreementError::NoPairableUnits)
        );
        // Unit 12 (index 11) has one rating; index 99 does not exist.
        assert_eq!(
            c.alpha_of_units(&[11, 11, 99]),
            Err(AgreementError::NoPairableUnits)
        );
        let huge = Ratings::parse_table(
            "1e300 -1e300
1 1",
            Level::Interval,
        )
        .unwrap();
        assert!(matches!(
            krippendorff_alpha(&huge, Level::Interval),
            Err(AgreementError::InvalidCategories(_))
        ));
        // Only unit 3 (all 3s) drawn: pairable, but no variation.
        let mut w = [0; 12];
        w[2] = 5;
        assert_eq!(c.alpha_weighted(&w), Err(AgreementError::NoVariation));
    }

    #[test]
    fn numeric_levels_need_numbers_and_ratio_needs_non_negative_values() {
        let text = Ratings::parse_table("a b\nb b", Level::Nominal).unwrap();
        assert!(matches!(
            krippendorff_alpha(&text, Level::Interval),
            Err(AgreementError::InvalidCategories(_))
        ));
        assert!(krippendorff_alpha(&text, Level::Ordinal).is_ok());
        let negative = Ratings::parse_table("-1 1\n1 1", Level::Interval).unwrap();
        assert!(krippendorff_alpha(&negative, Level::Interval).is_ok());
        assert!(matches!(
            krippendorff_alpha(&negative, Level::Ratio),
            Err(AgreementError::InvalidCategories(_))
        ));
    }

    #[test]
    fn weights_equal_to_repeating_units() {
        // Counting a unit twice is the same as selecting it twice.
        let r = krippendorff_c();
        let w = [2, 0, 1, 0, 3, 1, 0, 2, 1, 1, 1, 0];
        let units: Vec<usize> = w
            .iter()
            .enumerate()
            .flat_map(|(u, &n)| std::iter::repeat_n(u, n as usize))
            .collect();
        for level in Level::ALL {
            let c = Coincidences::new(&r, level).unwrap();
            let direct = krippendorff_alpha(&r.select_units(&units), level).unwrap();
            assert_abs_diff_eq!(c.alpha_weighted(&w).unwrap(), direct, epsilon = 1e-12);
            assert_abs_diff_eq!(c.alpha_of_units(&units).unwrap(), direct, epsilon = 1e-12);
        }
    }

    /// Random ordinal 1–5 matrices with missing cells, as rows of `Option<f64>`.
    fn matrices() -> impl Strategy<Value = Vec<Vec<Option<f64>>>> {
        (2usize..6, 2usize..12).prop_flat_map(|(raters, units)| {
            prop::collection::vec(
                prop::collection::vec(
                    prop::option::weighted(0.85, (1u8..=5).prop_map(f64::from)),
                    raters,
                ),
                units,
            )
        })
    }

    fn alphas(r: &Ratings) -> Vec<Result<f64, AgreementError>> {
        Level::ALL
            .into_iter()
            .map(|level| krippendorff_alpha(r, level))
            .collect()
    }

    fn same(a: &[Result<f64, AgreementError>], b: &[Result<f64, AgreementError>]) -> bool {
        a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Ok(x), Ok(y)) => (x - y).abs() < 1e-12,
            (x, y) => x == y,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn perfect_agreement_gives_one(
            values in prop::collection::vec(1u8..=5, 2..10),
            raters in 2usize..6,
            missing in prop::collection::vec(any::<bool>(), 60),
        ) {
            // Every rater who rates a unit gives it the unit's value; at least two rate each unit.
            let rows: Vec<Vec<Option<f64>>> = values.iter().enumerate().map(|(u, &v)| {
                (0..raters).map(|r| {
                    let keep = r < 2 || !missing[(u * raters + r) % missing.len()];
                    keep.then_some(f64::from(v))
                }).collect()
            }).collect();
            let r = Ratings::from_rows(Level::Ratio, &rows, None).unwrap();
            let distinct = values.iter().collect::<std::collections::HashSet<_>>().len();
            for level in Level::ALL {
                let alpha = krippendorff_alpha(&r, level);
                if distinct > 1 {
                    prop_assert_eq!(alpha, Ok(1.0));
                } else {
                    prop_assert_eq!(alpha, Err(AgreementError::NoVariation));
                }
            }
        }

        #[test]
        fn invariant_under_permuting_raters_and_units(
            (rows, raters, units) in matrices().prop_flat_map(|rows| {
                let (n_raters, n_units) = (rows[0].len(), rows.len());
                (
                    Just(rows),
                    Just((0..n_raters).collect::<Vec<usize>>()).prop_shuffle(),
                    Just((0..n_units).collect::<Vec<usize>>()).prop_shuffle(),
                )
            }),
        ) {
            let r = Ratings::from_rows(Level::Ratio, &rows, Some(&[1.0, 2.0, 3.0, 4.0, 5.0])).unwrap();
            let base = alphas(&r);
            let permuted = r.select_raters(&raters).select_units(&units);
            prop_assert!(same(&base, &alphas(&permuted)), "{base:?} vs {:?}", alphas(&permuted));
        }

        #[test]
        fn nominal_invariant_under_relabelling(
            rows in matrices(),
            perm in Just([1.0, 2.0, 3.0, 4.0, 5.0]).prop_shuffle(),
        ) {
            let r = Ratings::from_rows(Level::Nominal, &rows, None).unwrap();
            let relabelled: Vec<Vec<Option<f64>>> = rows.iter().map(|row| {
                row.iter().map(|v| v.map(|v| perm[v as usize - 1] * 10.0)).collect()
            }).collect();
            let s = Ratings::from_rows(Level::Nominal, &relabelled, None).unwrap();
            let (a, b) = (krippendorff_alpha(&r, Level::Nominal), krippendorff_alpha(&s, Level::Nominal));
            prop_assert!(same(std::slice::from_ref(&a), std::slice::from_ref(&b)), "{a:?} vs {b:?}");
        }
    }
}
