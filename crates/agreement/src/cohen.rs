//! Two-rater coefficients: Cohen's κ for every pair of raters (unweighted, linear, quadratic), Light's κ as
//! their mean, and Scott's π.
//!
//! Each pair is compared over the units **both** raters rated (pairwise deletion), so every pair uses all
//! the information it has. On scales of up to eight categories the pair tables for all pairs are counted
//! with bitsets (one bit per unit for each rater and category), so 200 raters × 100 000 units cost about
//! 20 000 × q² AND-and-count passes over 1 600 words instead of 2 × 10⁹ cell visits; longer scales are
//! counted by scanning the raters' columns.

use serde::Serialize;

use crate::{AgreementError, Estimate, Level, Ratings, WeightScheme, Weights};

/// `1 − p_e` at or below this counts as zero.
const EPS: f64 = 1e-12;

/// Cohen's κ for one pair of raters over the units both rated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairwiseKappa {
    /// The first rater's id.
    pub a: String,
    /// The second rater's id.
    pub b: String,
    /// Number of units both rated.
    pub n: usize,
    /// Unweighted κ; `None` when undefined (no common unit, or both raters always used one and the same
    /// category, so that chance agreement is 1).
    pub cohen_kappa: Option<f64>,
    /// κ with linear weights on the declared category scores; `None` when undefined or at the nominal level.
    pub cohen_kappa_linear: Option<f64>,
    /// κ with quadratic weights on the declared category scores; `None` when undefined or at the nominal level.
    pub cohen_kappa_quadratic: Option<f64>,
}

/// One bit per unit for every (rater, category): `bits[(g * q + k) * words + u / 64]`, bit `u % 64`.
struct CategoryBits {
    words: usize,
    q: usize,
    bits: Vec<u64>,
}

impl CategoryBits {
    fn new(ratings: &Ratings) -> CategoryBits {
        let q = ratings.n_categories();
        let words = ratings.n_units().div_ceil(64);
        let mut bits = vec![0u64; ratings.n_raters() * q * words];
        for u in 0..ratings.n_units() {
            let (word, bit) = (u / 64, 1u64 << (u % 64));
            for (g, cell) in ratings.unit_cells(u).enumerate() {
                if let Some(k) = cell {
                    bits[(g * q + k) * words + word] |= bit;
                }
            }
        }
        CategoryBits { words, q, bits }
    }

    fn of(&self, rater: usize, category: usize) -> &[u64] {
        let start = (rater * self.q + category) * self.words;
        &self.bits[start..start + self.words]
    }

    /// Adds to `table` the q × q counts of units in `words` that rater `a` put in `k` and rater `b` in `l`.
    fn add_pair_block(&self, a: usize, b: usize, words: std::ops::Range<usize>, table: &mut [u64]) {
        let q = self.q;
        for k in 0..q {
            let ak = &self.of(a, k)[words.clone()];
            for l in 0..q {
                let bl = &self.of(b, l)[words.clone()];
                table[k * q + l] += and_count(ak, bl);
            }
        }
    }
}

/// One step of a carry-save adder over 64 bit lanes: `(carry, sum)` of `a + b + c` in every lane.
#[inline(always)]
fn csa(a: u64, b: u64, c: u64) -> (u64, u64) {
    let u = a ^ b;
    ((a & b) | (u & c), u ^ c)
}

/// `Σ popcount(x[i] & y[i])`, with the Harley–Seal carry-save tree so that only one word in sixteen needs a
/// population count (Muła, Kurz & Lemire 2018, "Faster population counts using AVX2 instructions").
fn and_count(x: &[u64], y: &[u64]) -> u64 {
    let (mut ones, mut twos, mut fours, mut eights) = (0u64, 0u64, 0u64, 0u64);
    let mut sixteens = 0u64;
    let xs = x.chunks_exact(16);
    let ys = y.chunks_exact(16);
    let rest: u64 = xs
        .remainder()
        .iter()
        .zip(ys.remainder())
        .map(|(a, b)| u64::from((a & b).count_ones()))
        .sum();
    for (a, b) in xs.zip(ys) {
        let w = |i: usize| a[i] & b[i];
        let (twos_a, o) = csa(ones, w(0), w(1));
        let (twos_b, o) = csa(o, w(2), w(3));
        let (fours_a, t) = csa(twos, twos_a, twos_b);
        let (twos_a, o) = csa(o, w(4), w(5));
        let (twos_b, o) = csa(o, w(6), w(7));
        let (fours_b, t) = csa(t, twos_a, twos_b);
        let (eights_a, f) = csa(fours, fours_a, fours_b);
        let (twos_a, o) = csa(o, w(8), w(9));
        let (twos_b, o) = csa(o, w(10), w(11));
        let (fours_a, t) = csa(t, twos_a, twos_b);
        let (twos_a, o) = csa(o, w(12), w(13));
        let (twos_b, o) = csa(o, w(14), w(15));
        let (fours_b, t) = csa(t, twos_a, twos_b);
        let (eights_b, f) = csa(f, fours_a, fours_b);
        let (sixteen, e) = csa(eights, eights_a, eights_b);
        (ones, twos, fours, eights) = (o, t, f, e);
        sixteens += u64::from(sixteen.count_ones());
    }
    16 * sixteens
        + 8 * u64::from(eights.count_ones())
        + 4 * u64::from(fours.count_ones())
        + 2 * u64::from(twos.count_ones())
        + u64::from(ones.count_ones())
        + rest
}

/// Raters per tile side and words per block: a tile's bitset blocks (2 × 16 raters × q × 1 KiB) stay in the
/// L2 cache while every pair of the tile reads them.
const TILE_RATERS: usize = 16;
const BLOCK_WORDS: usize = 128;

/// The q × q tables of all pairs `a < b`, in pair order, `q²` counts per pair.
fn all_pair_tables(bits: &CategoryBits, n_raters: usize) -> Vec<u64> {
    let q2 = bits.q * bits.q;
    let groups: Vec<usize> = (0..n_raters).step_by(TILE_RATERS).collect();
    let tiles: Vec<(usize, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(i, &ga)| groups[i..].iter().map(move |&gb| (ga, gb)))
        .collect();
    // The pairs of one tile, in order, and their tables.
    let tile_pairs = |(ga, gb): (usize, usize)| -> (Vec<(usize, usize)>, Vec<u64>) {
        let pairs: Vec<(usize, usize)> = (ga..(ga + TILE_RATERS).min(n_raters))
            .flat_map(|a| ((gb.max(a + 1))..(gb + TILE_RATERS).min(n_raters)).map(move |b| (a, b)))
            .collect();
        let mut tables = vec![0u64; pairs.len() * q2];
        for start in (0..bits.words).step_by(BLOCK_WORDS) {
            let words = start..(start + BLOCK_WORDS).min(bits.words);
            for (&(a, b), table) in pairs.iter().zip(tables.chunks_exact_mut(q2)) {
                bits.add_pair_block(a, b, words.clone(), table);
            }
        }
        (pairs, tables)
    };
    let n_pairs = n_raters * (n_raters - 1) / 2;
    let mut out = vec![0u64; n_pairs * q2];
    let mut store = |(pairs, tables): (Vec<(usize, usize)>, Vec<u64>)| {
        for (&(a, b), table) in pairs.iter().zip(tables.chunks_exact(q2)) {
            // Index of (a, b) among the pairs in order: the pairs of raters before a, then b's place.
            let index = a * (2 * n_raters - a - 1) / 2 + (b - a - 1);
            out[index * q2..(index + 1) * q2].copy_from_slice(table);
        }
    };

    // Split the tiles over threads only when there is enough work (about a millisecond per thread).
    let work = n_pairs * q2 * bits.words;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || work < 4_000_000 {
        tiles.into_iter().map(tile_pairs).for_each(&mut store);
        return out;
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let mine: Vec<(usize, usize)> =
                    tiles.iter().copied().skip(t).step_by(threads).collect();
                scope.spawn(move || mine.into_iter().map(tile_pairs).collect::<Vec<_>>())
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(parts) => parts.into_iter().for_each(&mut store),
                // A panic in a worker is a bug; let it surface as it would have without threads.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    out
}

/// Cohen's (1960, 1968) weighted κ from a q × q table of counts: `p_o = Σ w_kl t_kl / n`,
/// `p_e = Σ w_kl (t_k· / n)(t_·l / n)`, `κ = (p_o − p_e) / (1 − p_e)`; `None` when `n = 0` or `p_e = 1`.
fn kappa_from_table(table: &[u64], weights: &Weights) -> Option<f64> {
    let q = weights.n_categories();
    let n: u64 = table.iter().sum();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let mut rows = vec![0.0; q];
    let mut cols = vec![0.0; q];
    let mut observed = 0.0;
    for k in 0..q {
        for l in 0..q {
            let t = table[k * q + l] as f64;
            rows[k] += t / n;
            cols[l] += t / n;
            observed += weights.get(k, l) * t / n;
        }
    }
    let mut expected = 0.0;
    for (k, rk) in rows.iter().enumerate() {
        for (l, cl) in cols.iter().enumerate() {
            expected += weights.get(k, l) * rk * cl;
        }
    }
    let denominator = 1.0 - expected;
    let kappa = (observed - expected) / denominator;
    (denominator > EPS && kappa.is_finite()).then_some(kappa)
}

/// Linear and quadratic weights for the weighted pairwise κ's, or `None` at the nominal level (unordered
/// categories have no distances) or when the scores make them impossible.
fn ordered_weights(ratings: &Ratings, scheme: WeightScheme) -> Option<Weights> {
    if ratings.level() == Level::Nominal {
        return None;
    }
    Weights::new(scheme, ratings).ok()
}

/// Cohen's κ for every pair of raters `a < b` (in rater order), each over the units both rated.
///
/// Unweighted κ (Cohen 1960) and weighted κ (Cohen 1968) with linear and quadratic weights computed from the
/// declared category scores (see [`Weights`]); on the 1–5 scale these are irr's `kappa2(weight = "equal")`
/// and `"squared"`. The weighted forms are `None` at the nominal level. R `irr::kappa2` instead drops every
/// unit with a missing rating from the two columns it gets, which is the same thing for a pair.
///
/// The tables of all pairs are counted with bitsets, in tiles of raters × blocks of units that stay in the
/// cache; with many pairs the tiles are split over the available threads, which does not change any result
/// (the counts are integers).
pub fn pairwise_kappas(ratings: &Ratings) -> Vec<PairwiseKappa> {
    let q = ratings.n_categories();
    let identity = Weights::identity(q);
    let linear = ordered_weights(ratings, WeightScheme::Linear);
    let quadratic = ordered_weights(ratings, WeightScheme::Quadratic);
    let ids = ratings.rater_ids();
    every_pair(ratings, &|a, b, table| PairwiseKappa {
        a: ids[a].clone(),
        b: ids[b].clone(),
        n: table.iter().sum::<u64>() as usize,
        cohen_kappa: kappa_from_table(table, &identity),
        cohen_kappa_linear: linear.as_ref().and_then(|w| kappa_from_table(table, w)),
        cohen_kappa_quadratic: quadratic.as_ref().and_then(|w| kappa_from_table(table, w)),
    })
}

/// `summarise(a, b, table)` for every pair of raters `a < b` in order, with the q × q table of the units
/// both rated: by bitsets on short scales, by scanning rater columns on long ones.
fn every_pair<T: Send>(
    ratings: &Ratings,
    summarise: &(dyn Fn(usize, usize, &[u64]) -> T + Sync),
) -> Vec<T> {
    let (n_raters, q) = (ratings.n_raters(), ratings.n_categories());
    if n_raters < 2 {
        return Vec::new();
    }
    if q == 0 || q > BITSET_MAX_CATEGORIES {
        return column_pairs(ratings, summarise);
    }
    let bits = CategoryBits::new(ratings);
    let tables = all_pair_tables(&bits, n_raters);
    let pairs = (0..n_raters).flat_map(|a| (a + 1..n_raters).map(move |b| (a, b)));
    pairs
        .zip(tables.chunks_exact(q * q))
        .map(|((a, b), table)| summarise(a, b, table))
        .collect()
}

/// Above this many categories the q² bitset passes per pair cost more than one scan of the units (64 units
/// per word against q² words), so the pairs are counted by scanning rater columns instead.
const BITSET_MAX_CATEGORIES: usize = 8;

/// Marks a missing cell in the rater-major columns of [`column_pairs`].
const NO_RATING: u32 = u32::MAX;

/// All pairs by scanning the two raters' columns unit by unit, for scales with many categories.
fn column_pairs<T: Send>(
    ratings: &Ratings,
    summarise: &(dyn Fn(usize, usize, &[u64]) -> T + Sync),
) -> Vec<T> {
    let (n, n_raters, q) = (
        ratings.n_units(),
        ratings.n_raters(),
        ratings.n_categories(),
    );
    let mut columns = vec![NO_RATING; n_raters * n];
    for u in 0..n {
        for (g, cell) in ratings.unit_cells(u).enumerate() {
            if let Some(c) = cell {
                columns[g * n + u] = c as u32;
            }
        }
    }
    let columns = &columns;
    // The pairs (a, b) for every b after a, with one table reused across them.
    let row = move |a: usize| -> Vec<T> {
        let mut table = vec![0u64; q * q];
        let column_a = &columns[a * n..(a + 1) * n];
        (a + 1..n_raters)
            .map(|b| {
                table.fill(0);
                for (&x, &y) in column_a.iter().zip(&columns[b * n..(b + 1) * n]) {
                    if x != NO_RATING && y != NO_RATING {
                        table[x as usize * q + y as usize] += 1;
                    }
                }
                summarise(a, b, &table)
            })
            .collect()
    };
    let work = n_raters * n_raters / 2 * n;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads < 2 || work < 4_000_000 {
        return (0..n_raters).flat_map(row).collect();
    }
    let mut rows: Vec<Vec<T>> = (0..n_raters).map(|_| Vec::new()).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..n_raters)
                        .step_by(threads)
                        .map(|a| (a, row(a)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(parts) => parts.into_iter().for_each(|(a, part)| rows[a] = part),
                // A panic in a worker is a bug; let it surface as it would have without threads.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    rows.into_iter().flatten().collect()
}

/// Light's (1971) κ: the mean of the unweighted pairwise Cohen κ's.
///
/// Each pair's κ is over the units both raters rated (as in [`pairwise_kappas`]), and pairs whose κ is
/// undefined are left out of the mean. R `irr::kappam.light` first drops every unit with a missing rating
/// (listwise deletion); on complete data the two are the same. There is no analytic interval.
///
/// # Errors
/// [`AgreementError::NoPairableUnits`] when no pair of raters has a unit in common,
/// [`AgreementError::NoVariation`] when no pair has a defined κ.
pub fn light_kappa(pairs: &[PairwiseKappa]) -> Result<Estimate, AgreementError> {
    mean_kappa(pairs.iter().map(|p| (p.n, p.cohen_kappa)))
}

/// Light's κ straight from the ratings, as [`light_kappa`] of [`pairwise_kappas`] but without listing the
/// pairs (with 200 raters there are 19 900 of them).
///
/// # Errors
/// As [`light_kappa`].
pub fn light_kappa_of(ratings: &Ratings) -> Result<Estimate, AgreementError> {
    let identity = Weights::identity(ratings.n_categories());
    let pairs = every_pair(ratings, &|_, _, table| {
        (
            table.iter().sum::<u64>() as usize,
            kappa_from_table(table, &identity),
        )
    });
    mean_kappa(pairs.into_iter())
}

/// The mean of the defined κ's of pairs given as (units in common, κ).
fn mean_kappa(
    pairs: impl Iterator<Item = (usize, Option<f64>)>,
) -> Result<Estimate, AgreementError> {
    let (mut any_common, mut defined) = (false, Vec::new());
    for (n, kappa) in pairs {
        any_common |= n > 0;
        defined.extend(kappa);
    }
    if !any_common {
        return Err(AgreementError::NoPairableUnits);
    }
    if defined.is_empty() {
        return Err(AgreementError::NoVariation);
    }
    Ok(Estimate::point(
        defined.iter().sum::<f64>() / defined.len() as f64,
    ))
}

/// The q × q table of raters `a` and `b` over the units both rated, by a direct scan.
fn direct_table(ratings: &Ratings, a: usize, b: usize) -> Result<Vec<u64>, AgreementError> {
    let n_raters = ratings.n_raters();
    if a >= n_raters || b >= n_raters {
        return Err(AgreementError::TooFewRaters {
            found: n_raters,
            needed: a.max(b) + 1,
        });
    }
    let q = ratings.n_categories();
    let mut table = vec![0u64; q * q];
    for u in 0..ratings.n_units() {
        if let (Some(k), Some(l)) = (ratings.get(u, a), ratings.get(u, b)) {
            table[k * q + l] += 1;
        }
    }
    if table.iter().all(|&t| t == 0) {
        return Err(AgreementError::NoPairableUnits);
    }
    Ok(table)
}

/// Cohen's κ (1960; weighted: 1968) of raters `a` and `b` (indices) with any weights, over the units both
/// rated. `p_o = Σ w_kl p_kl`, `p_e = Σ w_kl p_k· p_·l` with each rater's own marginals.
///
/// # Errors
/// [`AgreementError::TooFewRaters`] when an index is out of range, [`AgreementError::NoPairableUnits`] when
/// the two have no unit in common, [`AgreementError::NoVariation`] when `p_e = 1`, and
/// [`AgreementError::InvalidCategories`] when `weights` is for another number of categories.
pub fn cohen_kappa(
    ratings: &Ratings,
    a: usize,
    b: usize,
    weights: &Weights,
) -> Result<f64, AgreementError> {
    if weights.n_categories() != ratings.n_categories() {
        return Err(AgreementError::InvalidCategories(format!(
            "vægtmatricen har {} kategorier, men bedømmelserne har {}",
            weights.n_categories(),
            ratings.n_categories()
        )));
    }
    let table = direct_table(ratings, a, b)?;
    kappa_from_table(&table, weights).ok_or(AgreementError::NoVariation)
}

/// Scott's (1955) π of raters `a` and `b` over the units both rated: like Cohen's κ, but chance agreement
/// uses the pooled marginals, `p_e = Σ_k ((p_k· + p_·k) / 2)²`. It equals Fleiss' κ on the two raters (R
/// `irr::kappam.fleiss` on two columns).
///
/// # Errors
/// As [`cohen_kappa`] without the weights.
pub fn scott_pi(ratings: &Ratings, a: usize, b: usize) -> Result<f64, AgreementError> {
    let table = direct_table(ratings, a, b)?;
    let q = ratings.n_categories();
    let n = table.iter().sum::<u64>() as f64;
    let mut pooled = vec![0.0; q];
    let mut observed = 0.0;
    for k in 0..q {
        observed += table[k * q + k] as f64 / n;
        for l in 0..q {
            let share = table[k * q + l] as f64 / n / 2.0;
            pooled[k] += share;
            pooled[l] += share;
        }
    }
    let expected: f64 = pooled.iter().map(|p| p * p).sum();
    let denominator = 1.0 - expected;
    let pi = (observed - expected) / denominator;
    if denominator > EPS && pi.is_finite() {
        Ok(pi)
    } else {
        Err(AgreementError::NoVariation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Two raters, ratings 1..3 on 5 units: (1,1) (2,2) (3,3) (1,2) (3,1).
    // Unweighted: p_o = 3/5; marginals a = (2,1,2)/5, b = (2,2,1)/5; p_e = (4 + 2 + 2)/25 = 8/25;
    // κ = (15/25 − 8/25)/(17/25) = 7/17.
    // Linear weights (1, ½, 0): p_o = (3 + ½ + 0)/5 = 7/10;
    // p_e = Σ w a_k b_l = [1·(4+2+2) + ½·(a1b2 + a2b1 + a2b3 + a3b2) + 0]/25 = (8 + ½(4 + 2 + 1 + 4))/25 = 13.5/25;
    // κ_lin = (17.5 − 13.5)/(25 − 13.5) = 4/11.5 = 8/23.
    #[test]
    fn three_categories_by_hand() {
        let r = Ratings::parse_table("1 1\n2 2\n3 3\n1 2\n3 1", Level::Ordinal).unwrap();
        let pairs = pairwise_kappas(&r);
        assert_eq!(pairs.len(), 1);
        let p = &pairs[0];
        assert_eq!((p.a.as_str(), p.b.as_str(), p.n), ("r1", "r2", 5));
        assert!((p.cohen_kappa.unwrap() - 7.0 / 17.0).abs() < 1e-12);
        assert!((p.cohen_kappa_linear.unwrap() - 8.0 / 23.0).abs() < 1e-12);
        let direct = cohen_kappa(
            &r,
            0,
            1,
            &Weights::new(WeightScheme::Quadratic, &r).unwrap(),
        );
        assert!((p.cohen_kappa_quadratic.unwrap() - direct.unwrap()).abs() < 1e-12);
    }

    #[test]
    fn bitset_tables_match_a_direct_scan_across_word_boundaries() {
        // 130 units (three words), 4 raters, a deterministic pattern with missing cells.
        let text: String = (0..130)
            .map(|u: usize| {
                (0..4)
                    .map(|g: usize| match (u * 7 + g * 3 + u / 5) % 6 {
                        5 => ".".to_owned(),
                        v => ((v + g * (u % 2)) % 4 + 1).to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let r = Ratings::parse_table(&text, Level::Interval).unwrap();
        let identity = Weights::unweighted(&r);
        let quadratic = Weights::new(WeightScheme::Quadratic, &r).unwrap();
        let pairs = pairwise_kappas(&r);
        assert_eq!(pairs.len(), 6);
        let mut i = 0;
        for a in 0..4 {
            for b in a + 1..4 {
                let table = direct_table(&r, a, b).unwrap();
                assert_eq!(pairs[i].n as u64, table.iter().sum::<u64>());
                let k = cohen_kappa(&r, a, b, &identity).ok();
                assert_eq!(pairs[i].cohen_kappa, k);
                let kq = cohen_kappa(&r, a, b, &quadratic).ok();
                assert_eq!(pairs[i].cohen_kappa_quadratic, kq);
                i += 1;
            }
        }
    }

    #[test]
    fn carry_save_count_matches_plain_count() {
        let mut state = 7u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let x: Vec<u64> = (0..200).map(|_| next()).collect();
        let y: Vec<u64> = (0..200).map(|_| next()).collect();
        for len in [0, 1, 15, 16, 17, 33, 200] {
            let plain: u64 = x[..len]
                .iter()
                .zip(&y[..len])
                .map(|(a, b)| u64::from((a & b).count_ones()))
                .sum();
            assert_eq!(and_count(&x[..len], &y[..len]), plain, "{len} words");
        }
    }

    #[test]
    fn tiles_blocks_and_threads_match_a_direct_scan() {
        // 45 raters (three tiles), 12 000 units (two blocks of words), 5 categories: enough work for threads.
        let (n_raters, n_units) = (45usize, 12_000usize);
        let rows: Vec<Vec<Option<f64>>> = (0..n_units)
            .map(|u| {
                (0..n_raters)
                    .map(|g| match (u * 31 + g * 17 + u / 7 + g * g) % 11 {
                        10 => None,
                        v => Some(((v + u % 3) % 5 + 1) as f64),
                    })
                    .collect()
            })
            .collect();
        let r = Ratings::from_rows(Level::Ordinal, &rows, None).unwrap();
        let pairs = pairwise_kappas(&r);
        assert_eq!(pairs.len(), n_raters * (n_raters - 1) / 2);
        let identity = Weights::unweighted(&r);
        let mut i = 0;
        for a in 0..n_raters {
            for b in a + 1..n_raters {
                if i % 37 == 0 {
                    let table = direct_table(&r, a, b).unwrap();
                    assert_eq!(pairs[i].n as u64, table.iter().sum::<u64>(), "{a} {b}");
                    assert_eq!(pairs[i].cohen_kappa, cohen_kappa(&r, a, b, &identity).ok());
                    assert_eq!(
                        (pairs[i].a.clone(), pairs[i].b.clone()),
                        (r.rater_ids()[a].clone(), r.rater_ids()[b].clone())
                    );
                }
                i += 1;
            }
        }
    }

    #[test]
    fn many_categories_are_counted_by_column_scans() {
        // Twelve categories (more than BITSET_MAX_CATEGORIES), 5 raters, 300 units with missing cells.
        let text: String = (0..300)
            .map(|u: usize| {
                (0..5)
                    .map(|g: usize| match (u * 13 + g * 7 + u / 3) % 14 {
                        13 => ".".to_owned(),
                        v => ((v + g * (u % 2)) % 12 + 1).to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let r = Ratings::parse_table(&text, Level::Interval).unwrap();
        assert_eq!(r.n_categories(), 12);
        let linear = Weights::new(WeightScheme::Linear, &r).unwrap();
        let pairs = pairwise_kappas(&r);
        let mut i = 0;
        for a in 0..5 {
            for b in a + 1..5 {
                assert_eq!(
                    pairs[i].n as u64,
                    direct_table(&r, a, b).unwrap().iter().sum::<u64>()
                );
                assert_eq!(
                    pairs[i].cohen_kappa_linear,
                    cohen_kappa(&r, a, b, &linear).ok()
                );
                i += 1;
            }
        }

        // Enough work for threads: 30 raters × 10 000 units on ten categories.
        let rows: Vec<Vec<Option<f64>>> = (0..10_000usize)
            .map(|u| {
                (0..30usize)
                    .map(|g| match (u * 31 + g * 17 + u / 7 + g * g) % 11 {
                        10 => None,
                        v => Some(((v + u % 3) % 10) as f64),
                    })
                    .collect()
            })
            .collect();
        let r = Ratings::from_rows(Level::Ordinal, &rows, None).unwrap();
        assert_eq!(r.n_categories(), 10);
        let pairs = pairwise_kappas(&r);
        assert_eq!(pairs.len(), 435);
        let identity = Weights::unweighted(&r);
        let mut i = 0;
        for a in 0..30 {
            for b in a + 1..30 {
                if i % 29 == 0 {
                    assert_eq!(pairs[i].a, r.rater_ids()[a]);
                    assert_eq!(pairs[i].b, r.rater_ids()[b]);
                    assert_eq!(pairs[i].cohen_kappa, cohen_kappa(&r, a, b, &identity).ok());
                }
                i += 1;
            }
        }
    }

    #[test]
    fn no_ratings_at_all_give_undefined_pairs() {
        let mut b = crate::RatingsBuilder::new(Level::Nominal, None).unwrap();
        b.add("u1", "a", None).unwrap();
        b.add("u1", "b", None).unwrap();
        let r = b.build().unwrap();
        assert_eq!(r.n_categories(), 0);
        let pairs = pairwise_kappas(&r);
        assert_eq!(
            (pairs.len(), pairs[0].n, pairs[0].cohen_kappa),
            (1, 0, None)
        );
        assert_eq!(light_kappa(&pairs), Err(AgreementError::NoPairableUnits));
    }

    #[test]
    fn undefined_pairs_and_nominal_level() {
        // Both raters always say "x": κ undefined; nominal level: no weighted κ.
        let r = Ratings::parse_table("x x\nx x\ny .", Level::Nominal).unwrap();
        let p = &pairwise_kappas(&r)[0];
        assert_eq!(p.n, 2);
        assert_eq!(p.cohen_kappa, None);
        assert_eq!(p.cohen_kappa_linear, None);
        assert_eq!(
            light_kappa(std::slice::from_ref(p)),
            Err(AgreementError::NoVariation)
        );
        assert_eq!(scott_pi(&r, 0, 1), Err(AgreementError::NoVariation));
        let apart = Ratings::parse_table("x .\n. y", Level::Nominal).unwrap();
        assert_eq!(
            light_kappa(&pairwise_kappas(&apart)),
            Err(AgreementError::NoPairableUnits)
        );
        assert_eq!(
            cohen_kappa(&apart, 0, 5, &Weights::unweighted(&apart)),
            Err(AgreementError::TooFewRaters {
                found: 2,
                needed: 6
            })
        );
    }
}
