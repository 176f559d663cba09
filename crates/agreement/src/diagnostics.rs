//! Diagnostics beside the coefficients: where the disagreement sits (which units, which categories, which
//! raters), so that a calibration meeting knows what to talk about.
//!
//! * Per unit: number of ratings, spread, distinct categories, whether all raters agree.
//! * Per category: prevalence, specific agreement (Uebersax 1982; for a binary scale the positive and
//!   negative agreement of Cicchetti & Feinstein 1990), and a flag for the κ-paradox zone.
//! * Per rater: number of ratings, mean value, and severity against the leave-one-out consensus, with a
//!   bootstrap interval over units.
//! * Rater × rater: pairwise percent agreement and the number of shared units.
//!
//! References: Uebersax, J.S. (1982), A design-independent method for measuring the reliability of
//! psychiatric diagnosis, J Psychiatr Res 17(4), 335–342 (specific agreement for any number of raters);
//! Cicchetti, D.V. & Feinstein, A.R. (1990), High agreement but low kappa: II. Resolving the paradoxes,
//! J Clin Epidemiol 43(6), 551–558 (positive and negative agreement); Feinstein, A.R. & Cicchetti, D.V.
//! (1990), High agreement but low kappa: I. The problems of two paradoxes, J Clin Epidemiol 43(6), 543–549.
//!
//! "Numeric" below means that the level is not nominal and every category label is a number (the 1–5 scale
//! of the quality model); means, spreads and severity treat those numbers as equally spaced values.

use serde::Serialize;

use crate::{BootstrapConfig, Level, Ratings, resample_units, summarize};

/// A category whose prevalence exceeds this share of all ratings is flagged: κ-type coefficients become
/// unstable and can be low despite high agreement (Feinstein & Cicchetti 1990, "High agreement but low
/// kappa").
pub const HIGH_PREVALENCE: f64 = 0.9;

/// All diagnostics of one ratings matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostics {
    /// One entry per unit, in the matrix's order.
    pub units: Vec<UnitDiagnostics>,
    /// One entry per category, in scale order.
    pub categories: Vec<CategoryDiagnostics>,
    /// One entry per rater, in the matrix's order.
    pub raters: Vec<RaterDiagnostics>,
    /// Pairwise agreement between raters.
    pub rater_pairs: RaterAgreementMatrix,
}

/// What one unit's ratings look like.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitDiagnostics {
    /// The unit's id.
    pub unit: String,
    /// Number of ratings it received.
    pub n: usize,
    /// Whether all its ratings are the same category; `None` with fewer than two ratings.
    pub agree: Option<bool>,
    /// Number of distinct categories among its ratings.
    pub distinct: usize,
    /// Largest minus smallest value, when numeric and at least two ratings.
    pub range: Option<f64>,
    /// Standard deviation of the values (divisor `n − 1`), when numeric and at least two ratings.
    pub sd: Option<f64>,
}

/// How one category is used and how well raters agree on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryDiagnostics {
    /// The category's label.
    pub category: String,
    /// Number of ratings in this category.
    pub n: usize,
    /// Share of all ratings (in all units) that are this category; `None` when there are no ratings.
    pub prevalence: Option<f64>,
    /// Specific agreement on this category over the units with at least two ratings,
    /// `Σ_u n_uc (n_uc − 1) / Σ_u n_uc (m_u − 1)` (Uebersax 1982): of all rater pairs involving a rating
    /// in this category (a pair counted once for each of its members in the category), the share whose other
    /// member is in it too — `2·agreeing pairs / pair memberships`. For two raters on a binary scale this is
    /// the positive agreement `2a / (2a + b + c)` and the negative agreement `2d / (2d + b + c)` of Cicchetti &
    /// Feinstein (1990). `None` when no pairable unit has a rating in this category.
    pub specific_agreement: Option<f64>,
    /// Prevalence above [`HIGH_PREVALENCE`]: the κ paradox zone, where κ can be low despite high agreement
    /// and AC1 and κ diverge.
    pub high_prevalence: bool,
}

/// One rater's use of the scale compared with the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaterDiagnostics {
    /// The rater's id.
    pub rater: String,
    /// Number of ratings the rater gave.
    pub n: usize,
    /// Mean of the rater's values, when numeric.
    pub mean: Option<f64>,
    /// Mean signed deviation from the leave-one-out consensus, when numeric: for every unit the rater rated
    /// together with at least one other rater, the rater's value minus the mean of the *other* raters' values
    /// on that unit, averaged over those units. Negative means the rater gives lower values than colleagues
    /// rating the same material (harsher, on a scale where higher is better, as the 1–5 scale of the quality
    /// model); positive means higher (milder). `None` when not numeric or the rater shares no unit.
    pub severity: Option<f64>,
    /// 95 % percentile bootstrap interval of `severity` over units (see [`crate::bootstrap`]), when a
    /// bootstrap was asked for and at least two resamples gave a value.
    pub severity_ci95: Option<[f64; 2]>,
}

/// Pairwise percent agreement between raters: `agreement[a][b]` is the share of the units both `a` and `b`
/// rated on which they gave the same category, `n[a][b]` the number of such units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaterAgreementMatrix {
    /// Rater ids, the order of the rows and columns.
    pub raters: Vec<String>,
    /// Units rated by both; on the diagonal, units rated by the rater.
    pub n: Vec<Vec<usize>>,
    /// Share of the shared units with the same category; `None` on the diagonal and where `n` is 0.
    pub agreement: Vec<Vec<Option<f64>>>,
}

/// All diagnostics of `ratings`; with `bootstrap`, each rater's severity gets a bootstrap interval.
pub fn diagnostics(ratings: &Ratings, bootstrap: Option<&BootstrapConfig>) -> Diagnostics {
    Diagnostics {
        units: unit_diagnostics(ratings),
        categories: category_diagnostics(ratings),
        raters: rater_diagnostics(ratings, bootstrap),
        rater_pairs: rater_agreement_matrix(ratings),
    }
}

/// The numeric value of each category, when the level and the labels allow arithmetic: the values of
/// numeric labels, and at the interval and ratio levels also the ranks of declared text categories.
fn numeric_values(ratings: &Ratings) -> Option<Vec<f64>> {
    match ratings.level() {
        Level::Nominal => None,
        Level::Ordinal => ratings.category_values().map(<[f64]>::to_vec),
        Level::Interval | Level::Ratio => ratings.category_scores(),
    }
}

/// Per-unit diagnostics: number of ratings, whether all agree, distinct categories and (numeric) spread.
pub fn unit_diagnostics(ratings: &Ratings) -> Vec<UnitDiagnostics> {
    let values = numeric_values(ratings);
    let values = values.as_deref();
    (0..ratings.n_units())
        .map(|u| {
            let counts = ratings.unit_counts(u);
            let n: usize = counts.iter().map(|&c| c as usize).sum();
            let distinct = counts.iter().filter(|&&c| c > 0).count();
            let pairable = n >= 2;
            let (range, sd) = match values {
                Some(v) if pairable => {
                    let present = || {
                        counts
                            .iter()
                            .zip(v)
                            .filter(|(c, _)| **c > 0)
                            .map(|(c, v)| (f64::from(*c), *v))
                    };
                    let lo = present().map(|(_, v)| v).fold(f64::INFINITY, f64::min);
                    let hi = present().map(|(_, v)| v).fold(f64::NEG_INFINITY, f64::max);
                    let mean = present().map(|(c, v)| c * v).sum::<f64>() / n as f64;
                    let ss: f64 = present().map(|(c, v)| c * (v - mean) * (v - mean)).sum();
                    (Some(hi - lo), Some((ss / (n as f64 - 1.0)).sqrt()))
                }
                _ => (None, None),
            };
            UnitDiagnostics {
                unit: ratings.unit_ids()[u].clone(),
                n,
                agree: pairable.then_some(distinct == 1),
                distinct,
                range,
                sd,
            }
        })
        .collect()
}

/// Per-category diagnostics: prevalence, specific agreement and the high-prevalence flag (definitions on
/// [`CategoryDiagnostics`]).
pub fn category_diagnostics(ratings: &Ratings) -> Vec<CategoryDiagnostics> {
    let k = ratings.n_categories();
    let mut n = vec![0usize; k];
    let mut agreeing = vec![0.0f64; k];
    let mut involving = vec![0.0f64; k];
    for u in 0..ratings.n_units() {
        let counts = ratings.unit_counts(u);
        let m: f64 = counts.iter().map(|&c| f64::from(c)).sum();
        for (c, &nc) in counts.iter().enumerate() {
            n[c] += nc as usize;
            if m >= 2.0 && nc > 0 {
                let nc = f64::from(nc);
                agreeing[c] += nc * (nc - 1.0);
                involving[c] += nc * (m - 1.0);
            }
        }
    }
    let total: usize = n.iter().sum();
    (0..k)
        .map(|c| {
            let prevalence = (total > 0).then(|| n[c] as f64 / total as f64);
            CategoryDiagnostics {
                category: ratings.category_labels()[c].clone(),
                n: n[c],
                prevalence,
                specific_agreement: (involving[c] > 0.0).then(|| agreeing[c] / involving[c]),
                high_prevalence: prevalence.is_some_and(|p| p > HIGH_PREVALENCE),
            }
        })
        .collect()
}

/// Per-rater diagnostics: number of ratings, mean and severity (definitions on [`RaterDiagnostics`]), with
/// a percentile bootstrap interval of the severity over units when `bootstrap` is given. All raters'
/// severities are recomputed on the same resamples.
pub fn rater_diagnostics(
    ratings: &Ratings,
    bootstrap: Option<&BootstrapConfig>,
) -> Vec<RaterDiagnostics> {
    let n_raters = ratings.n_raters();
    let values = numeric_values(ratings);
    let values = values.as_deref();
    let mut n = vec![0usize; n_raters];
    let mut sum_values = vec![0.0; n_raters];
    for u in 0..ratings.n_units() {
        for (r, cell) in ratings.unit_cells(u).enumerate() {
            if let Some(c) = cell {
                n[r] += 1;
                if let Some(values) = values {
                    sum_values[r] += values[c];
                }
            }
        }
    }
    let consensus = values.map(|values| Consensus::new(ratings, values));
    let severity = consensus.as_ref().map_or_else(
        || vec![None; n_raters],
        |consensus| consensus.severity(0..ratings.n_units()),
    );
    let mut ci = vec![None; n_raters];
    if let (Some(config), Some(consensus)) = (bootstrap, &consensus) {
        let replicates = resample_units(ratings.n_units(), config, |units| {
            consensus.severity(units.iter().copied())
        });
        for (r, slot) in ci.iter_mut().enumerate() {
            if let Some(estimate) = severity[r] {
                let column: Vec<Option<f64>> = replicates.iter().map(|rep| rep[r]).collect();
                *slot = summarize(estimate, &column).estimate.ci95;
            }
        }
    }
    (0..n_raters)
        .map(|r| RaterDiagnostics {
            rater: ratings.rater_ids()[r].clone(),
            n: n[r],
            mean: (values.is_some() && n[r] > 0).then(|| sum_values[r] / n[r] as f64),
            severity: severity[r],
            severity_ci95: ci[r],
        })
        .collect()
}

/// Each unit's sum and number of values, from which any rater's deviation from the mean of the others
/// follows without storing it: `v − (S_u − v)/(m_u − 1)`.
struct Consensus<'a> {
    ratings: &'a Ratings,
    values: &'a [f64],
    unit_sum: Vec<f64>,
    unit_n: Vec<usize>,
}

impl<'a> Consensus<'a> {
    fn new(ratings: &'a Ratings, values: &'a [f64]) -> Consensus<'a> {
        let (mut unit_sum, mut unit_n) = (Vec::new(), Vec::new());
        for u in 0..ratings.n_units() {
            let counts = ratings.unit_counts(u);
            unit_sum.push(
                counts
                    .iter()
                    .zip(values)
                    .map(|(&c, v)| f64::from(c) * v)
                    .sum(),
            );
            unit_n.push(counts.iter().map(|&c| c as usize).sum());
        }
        Consensus {
            ratings,
            values,
            unit_sum,
            unit_n,
        }
    }

    /// Each rater's mean deviation over the units listed (repeats count again).
    fn severity(&self, units: impl Iterator<Item = usize>) -> Vec<Option<f64>> {
        let n_raters = self.ratings.n_raters();
        let mut sum = vec![0.0; n_raters];
        let mut count = vec![0usize; n_raters];
        for u in units {
            let m = self.unit_n[u];
            if m < 2 {
                continue;
            }
            let others = (m - 1) as f64;
            for (r, cell) in self.ratings.unit_cells(u).enumerate() {
                if let Some(c) = cell {
                    let v = self.values[c];
                    sum[r] += v - (self.unit_sum[u] - v) / others;
                    count[r] += 1;
                }
            }
        }
        sum.iter()
            .zip(&count)
            .map(|(s, &c)| (c > 0).then(|| s / c as f64))
            .collect()
    }
}

/// Pairwise percent agreement and shared units for every pair of raters (definition on
/// [`RaterAgreementMatrix`]).
pub fn rater_agreement_matrix(ratings: &Ratings) -> RaterAgreementMatrix {
    // One byte per cell when the categories fit, which lets the pair loop compare 16 cells per instruction
    // (200 raters × 100 000 units is 2·10⁹ cell pairs).
    if ratings.n_categories() < usize::from(u8::MAX) {
        agreement_matrix_of(ratings, u8::MAX, |c| c as u8)
    } else {
        agreement_matrix_of(ratings, u32::MAX, |c| c as u32)
    }
}

fn agreement_matrix_of<T>(
    ratings: &Ratings,
    none: T,
    code: impl Fn(usize) -> T,
) -> RaterAgreementMatrix
where
    T: Copy + PartialEq,
{
    let n_raters = ratings.n_raters();
    let n_units = ratings.n_units();
    // Column-major copy, so that each pair is two contiguous slices the compiler can vectorise over.
    let mut columns = vec![none; n_raters * n_units];
    for u in 0..n_units {
        for (r, cell) in ratings.unit_cells(u).enumerate() {
            if let Some(c) = cell {
                columns[r * n_units + u] = code(c);
            }
        }
    }
    let column = |r: usize| &columns[r * n_units..(r + 1) * n_units];
    let mut n = vec![vec![0usize; n_raters]; n_raters];
    let mut agreement = vec![vec![None; n_raters]; n_raters];
    for a in 0..n_raters {
        n[a][a] = column(a).iter().filter(|&&c| c != none).count();
        for b in a + 1..n_raters {
            let (shared, same) = pair_counts(column(a), column(b), none);
            let share = (shared > 0).then(|| same as f64 / shared as f64);
            n[a][b] = shared;
            n[b][a] = shared;
            agreement[a][b] = share;
            agreement[b][a] = share;
        }
    }
    RaterAgreementMatrix {
        raters: ratings.rater_ids().to_vec(),
        n,
        agreement,
    }
}

/// Cells where both columns have a rating, and where those ratings are the same.
fn pair_counts<T: Copy + PartialEq>(a: &[T], b: &[T], none: T) -> (usize, usize) {
    let (mut shared, mut same) = (0usize, 0usize);
    // Byte-wide counters over chunks of 255 cells cannot overflow and vectorise well.
    for (ca, cb) in a.chunks(255).zip(b.chunks(255)) {
        let (mut s, mut e) = (0u8, 0u8);
        for (&x, &y) in ca.iter().zip(cb) {
            let both = u8::from(x != none) & u8::from(y != none);
            s += both;
            e += both & u8::from(x == y);
        }
        shared += usize::from(s);
        same += usize::from(e);
    }
    (shared, same)
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroUsize;

    use approx::assert_abs_diff_eq;

    use super::*;
    use crate::test_data;

    /// Three raters A, B, C (columns) on four units (rows), 1–5 scale, `.` missing.
    const SMALL: &str = "
        1 2 3
        2 2 .
        4 . 4
        . 5 .";

    #[test]
    fn units_by_hand() {
        let r = Ratings::parse_table(SMALL, Level::Ordinal).unwrap();
        let units = unit_diagnostics(&r);
        // Unit 1: 1, 2, 3 → range 2, mean 2, SD √((1 + 0 + 1)/2) = 1.
        assert_eq!(
            units[0],
            UnitDiagnostics {
                unit: "1".into(),
                n: 3,
                agree: Some(false),
                distinct: 3,
                range: Some(2.0),
                sd: Some(1.0)
            }
        );
        assert_eq!(
            (units[1].agree, units[1].range, units[1].sd),
            (Some(true), Some(0.0), Some(0.0))
        );
        // Unit 4 has one rating: nothing to agree or spread about.
        assert_eq!(
            (units[3].n, units[3].agree, units[3].range),
            (1, None, None)
        );
        // Nominal: no arithmetic on the labels.
        let nominal = unit_diagnostics(&r.at_level(Level::Nominal).unwrap());
        assert_eq!(
            (nominal[0].range, nominal[0].sd, nominal[0].distinct),
            (None, None, 3)
        );
    }

    #[test]
    fn categories_by_hand() {
        // 8 ratings: 1 ×1, 2 ×3, 3 ×1, 4 ×2, 5 ×1.
        // Specific agreement Σ n_uc(n_uc − 1) / Σ n_uc(m_u − 1) over units with ≥ 2 ratings:
        //   2: unit 1 (n=1, m=3) 0/2, unit 2 (n=2, m=2) 2/2 → 2/4 = 0.5;
        //   1 and 3: only unit 1, 0/2 → 0;  4: unit 3 (n=2, m=2) 2/2 → 1;  5: only in unit 4 (m=1) → None.
        let r = Ratings::parse_table(SMALL, Level::Ordinal).unwrap();
        let cats = category_diagnostics(&r);
        let prevalence: Vec<f64> = cats.iter().map(|c| c.prevalence.unwrap()).collect();
        assert_eq!(prevalence, vec![0.125, 0.375, 0.125, 0.25, 0.125]);
        let specific: Vec<Option<f64>> = cats.iter().map(|c| c.specific_agreement).collect();
        assert_eq!(
            specific,
            vec![Some(0.0), Some(0.5), Some(0.0), Some(1.0), None]
        );
        assert!(cats.iter().all(|c| !c.high_prevalence));
    }

    #[test]
    fn positive_and_negative_agreement_of_the_skewed_feinstein_cicchetti_table() {
        // Feinstein & Cicchetti (1990) table with a = 80, b = 10, c = 5, d = 5 (shared/reference
        // feinstein_cicchetti_b). Cicchetti & Feinstein (1990, "High agreement but low kappa: II") define
        // p_pos = 2a/(2a + b + c) = 160/175 and p_neg = 2d/(2d + b + c) = 10/25 = 0.4.
        // Prevalence of "1" = (90 + 85)/200 = 0.875, below the 0.9 flag.
        let r = test_data::long_csv(
            include_str!("../tests/data/feinstein_cicchetti_b.csv"),
            Level::Nominal,
        );
        let cats = category_diagnostics(&r);
        assert_eq!(cats[0].category, "0");
        assert_abs_diff_eq!(cats[0].specific_agreement.unwrap(), 0.4, epsilon = 1e-15);
        assert_abs_diff_eq!(
            cats[1].specific_agreement.unwrap(),
            160.0 / 175.0,
            epsilon = 1e-15
        );
        assert_abs_diff_eq!(cats[1].prevalence.unwrap(), 0.875, epsilon = 1e-15);
        assert!(!cats[1].high_prevalence);
    }

    #[test]
    fn high_prevalence_is_flagged() {
        // 19 of 20 ratings are "ja": prevalence 0.95 > 0.9.
        let mut table = "ja ja\n".repeat(9);
        table.push_str("ja nej\n");
        let r = Ratings::parse_table(&table, Level::Nominal).unwrap();
        let cats = category_diagnostics(&r);
        assert_eq!(cats[0].category, "ja");
        assert_eq!(cats[0].prevalence, Some(0.95));
        assert!(cats[0].high_prevalence && !cats[1].high_prevalence);
    }

    #[test]
    fn raters_by_hand() {
        // Severity = mean over shared units of (own value − mean of the others' values):
        //   A: unit 1 1 − (2+3)/2 = −1.5, unit 2 2 − 2 = 0, unit 3 4 − 4 = 0 → −0.5
        //   B: unit 1 2 − (1+3)/2 = 0, unit 2 0; unit 4 has no other rater → 0
        //   C: unit 1 3 − (1+2)/2 = 1.5, unit 3 0 → 0.75
        // Means: A (1+2+4)/3, B (2+2+5)/3 = 3, C (3+4)/2 = 3.5.
        let r = Ratings::parse_table(SMALL, Level::Ordinal).unwrap();
        let raters = rater_diagnostics(&r, None);
        let got: Vec<(usize, Option<f64>, Option<f64>)> =
            raters.iter().map(|d| (d.n, d.mean, d.severity)).collect();
        assert_eq!(
            got,
            vec![
                (3, Some(7.0 / 3.0), Some(-0.5)),
                (3, Some(3.0), Some(0.0)),
                (2, Some(3.5), Some(0.75))
            ]
        );
        assert!(raters.iter().all(|d| d.severity_ci95.is_none()));
        // Nominal: counts only.
        let nominal = rater_diagnostics(&r.at_level(Level::Nominal).unwrap(), None);
        assert_eq!(
            (nominal[0].n, nominal[0].mean, nominal[0].severity),
            (3, None, None)
        );
    }

    #[test]
    fn severity_interval_of_a_constant_deviation_is_that_deviation() {
        // A always rates one below B and C, who agree: A's deviation is −1 on every unit, B's and C's
        // (v − (v − 1 + v)/2) = +0.5, so every resample gives exactly −1 and 0.5.
        let r = Ratings::parse_table("1 2 2\n2 3 3\n3 4 4\n4 5 5\n2 3 3", Level::Ordinal).unwrap();
        let config = BootstrapConfig::new(200, 3);
        let raters = rater_diagnostics(&r, Some(&config));
        assert_eq!(raters[0].severity, Some(-1.0));
        assert_eq!(raters[0].severity_ci95, Some([-1.0, -1.0]));
        assert_eq!(raters[1].severity_ci95, Some([0.5, 0.5]));
    }

    #[test]
    fn severity_interval_is_reproducible_across_thread_counts() {
        let r = test_data::long_csv(
            include_str!("../tests/data/krippendorff2011_C.csv"),
            Level::Interval,
        );
        let run = |threads| {
            let config = BootstrapConfig {
                resamples: 150,
                seed: 11,
                threads: NonZeroUsize::new(threads),
            };
            rater_diagnostics(&r, Some(&config))
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(4));
        for d in &one {
            let [lo, hi] = d.severity_ci95.unwrap();
            assert!(lo < hi, "{d:?}");
        }
    }

    #[test]
    fn rater_pairs_by_hand() {
        // A–B share units 1, 2 and agree on 2 → 1/2; A–C share 1, 3 and agree on 3 → 1/2;
        // B–C share unit 1 only and disagree → 0.
        let r = Ratings::parse_table(SMALL, Level::Ordinal).unwrap();
        let m = rater_agreement_matrix(&r);
        assert_eq!(m.n, vec![vec![3, 2, 2], vec![2, 3, 1], vec![2, 1, 2]]);
        assert_eq!(
            m.agreement,
            vec![
                vec![None, Some(0.5), Some(0.5)],
                vec![Some(0.5), None, Some(0.0)],
                vec![Some(0.5), Some(0.0), None]
            ]
        );
    }

    #[test]
    fn serialises_with_the_field_names_of_the_json_output() {
        let r = Ratings::parse_table(SMALL, Level::Ordinal).unwrap();
        let json = serde_json::to_value(diagnostics(&r, None)).unwrap();
        assert_eq!(
            json["raters"][0],
            serde_json::json!({"rater": "r1", "n": 3, "mean": 7.0 / 3.0, "severity": -0.5,
                               "severity_ci95": null})
        );
        assert_eq!(
            json["units"][1],
            serde_json::json!({"unit": "2", "n": 2, "agree": true, "distinct": 1, "range": 0.0,
                               "sd": 0.0})
        );
        assert_eq!(
            json["categories"][4]["specific_agreement"],
            serde_json::Value::Null
        );
        assert_eq!(json["rater_pairs"]["n"][0], serde_json::json!([3, 2, 2]));
    }
}
