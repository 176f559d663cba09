//! Agreement between the socialtilsyn, pair by pair: do raters from Midt and raters from Øst give the same
//! material the same answer?
//!
//! For tilsyn A and B, every pair of a rater from A and a rater from B who both rated a unit is one
//! comparison (for A = B, every pair of two different raters from A: the agreement within the tilsyn,
//! the baseline the pairs across are read against). The comparisons are pooled into a two-column matrix
//! (A's answer, B's answer), on which the statistics crate computes percent agreement (the share of
//! comparisons with the same answer) and Cohen's κ (with each side's own marginals). Pooling keeps every
//! comparison, which matters with one or two raters per tilsyn and a handful of units; a rater with many
//! colleagues from the other tilsyn weighs in as often as they are compared.

use agreement::{Ratings, Weights};
use serde::{Deserialize, Serialize};

use super::coefficients::{Coefficient, why_undefined};
use super::matrix::{RatingMatrix, regroup};
use crate::{Audit, Tilsyn};

/// The agreement between the raters of two tilsyn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TilsynPair {
    /// The first tilsyn.
    pub a: Tilsyn,
    /// The second tilsyn (equal to `a` for the agreement within one tilsyn).
    pub b: Tilsyn,
    /// Number of rater pairs (one from each) with at least one unit in common.
    pub rater_pairs: usize,
    /// Number of distinct units both sides rated.
    pub units: usize,
    /// Number of comparisons: (unit, rater from `a`, rater from `b`) with both ratings present.
    pub n: usize,
    /// The share of comparisons with the same answer.
    pub percent_agreement: Coefficient,
    /// Cohen's κ on the pooled comparisons.
    pub cohen_kappa: Coefficient,
}

/// One comparison: the unit, the two raters' indices and their categories.
struct Comparison {
    unit: usize,
    raters: (usize, usize),
    categories: (usize, usize),
}

/// Every pair of the five tilsyn (the pairs within one tilsyn first on each row, so Hovedstaden–
/// Hovedstaden, Hovedstaden–Midt, …, Øst–Øst), each with its agreement in `matrix`.
pub fn tilsyn_pairs(audit: &Audit, matrix: &RatingMatrix) -> Vec<TilsynPair> {
    let tilsyn_of: Vec<Option<Tilsyn>> = matrix
        .raters
        .iter()
        .map(|u| audit.member(u).map(|m| m.tilsyn))
        .collect();
    let mut out = Vec::new();
    for (i, &a) in Tilsyn::ALL.iter().enumerate() {
        for &b in &Tilsyn::ALL[i..] {
            let comparisons = comparisons(&matrix.ratings, &tilsyn_of, a, b);
            out.push(pair(&matrix.ratings, a, b, &comparisons));
        }
    }
    out
}

fn comparisons(
    ratings: &Ratings,
    tilsyn_of: &[Option<Tilsyn>],
    a: Tilsyn,
    b: Tilsyn,
) -> Vec<Comparison> {
    let mut out = Vec::new();
    let n = ratings.n_raters();
    for unit in 0..ratings.n_units() {
        for ra in (0..n).filter(|&r| tilsyn_of[r] == Some(a)) {
            // Within one tilsyn each unordered pair once; across, every rater of b.
            let first_b = if a == b { ra + 1 } else { 0 };
            for rb in (first_b..n).filter(|&r| tilsyn_of[r] == Some(b)) {
                if let (Some(ca), Some(cb)) = (ratings.get(unit, ra), ratings.get(unit, rb)) {
                    out.push(Comparison {
                        unit,
                        raters: (ra, rb),
                        categories: (ca, cb),
                    });
                }
            }
        }
    }
    out
}

fn pair(ratings: &Ratings, a: Tilsyn, b: Tilsyn, comparisons: &[Comparison]) -> TilsynPair {
    let mut units: Vec<usize> = comparisons.iter().map(|c| c.unit).collect();
    units.dedup();
    let mut rater_pairs: Vec<(usize, usize)> = comparisons.iter().map(|c| c.raters).collect();
    rater_pairs.sort_unstable();
    rater_pairs.dedup();
    let (percent_agreement, cohen_kappa) = pooled(ratings, comparisons);
    TilsynPair {
        a,
        b,
        rater_pairs: rater_pairs.len(),
        units: units.len(),
        n: comparisons.len(),
        percent_agreement,
        cohen_kappa,
    }
}

/// Percent agreement and Cohen's κ of the comparisons as one two-rater matrix.
fn pooled(ratings: &Ratings, comparisons: &[Comparison]) -> (Coefficient, Coefficient) {
    if comparisons.is_empty() {
        let none = || Coefficient::undefined("ingen fælles bedømte enheder".to_owned());
        return (none(), none());
    }
    let cells = comparisons.iter().enumerate().flat_map(|(i, c)| {
        [
            (i.to_string(), "a".to_owned(), c.categories.0),
            (i.to_string(), "b".to_owned(), c.categories.1),
        ]
    });
    let two = match regroup(ratings, cells) {
        Ok(two) => two,
        Err(err) => {
            let note = why_undefined(&err);
            return (
                Coefficient::undefined(note.clone()),
                Coefficient::undefined(note),
            );
        }
    };
    let weights = Weights::unweighted(&two);
    let pa =
        Coefficient::from_result(agreement::percent_agreement(&two, &weights).map(|p| p.estimate));
    let kappa = match agreement::cohen_kappa(&two, 0, 1, &weights) {
        Ok(k) => Coefficient::point(k),
        Err(err) => Coefficient::undefined(why_undefined(&err)),
    };
    (pa, kappa)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, v};
    use super::super::{Items, Selection, matrix};
    use super::*;
    use crate::Scale;

    #[test]
    fn pairs_pool_every_comparison_between_raters_of_the_two_tilsyn() {
        // All material from Syd, so no rating is of the rater's own tilsyn.
        //        h1 h2 m1 o1
        //   a     1  1  1  0
        //   b     1  1  0  1
        //   c     1  0  1  1
        //   d     0  0  0  0
        let (audit, ratings) = fixture::one_item(
            Scale::Godkendelse,
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("h2", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
            ],
            &[
                ("a", Tilsyn::Syd),
                ("b", Tilsyn::Syd),
                ("c", Tilsyn::Syd),
                ("d", Tilsyn::Syd),
            ],
            &[
                ("a", &[v(1), v(1), v(1), v(0)]),
                ("b", &[v(1), v(1), v(0), v(1)]),
                ("c", &[v(1), v(0), v(1), v(1)]),
                ("d", &[v(0), v(0), v(0), v(0)]),
            ],
        );
        let m = matrix::build(&audit, &ratings, &Selection::new(Items::Scored)).unwrap();
        let pairs = tilsyn_pairs(&audit, &m);
        assert_eq!(pairs.len(), 15, "5 within and 10 across");
        let find = |a: Tilsyn, b: Tilsyn| pairs.iter().find(|p| p.a == a && p.b == b).unwrap();

        // Hovedstaden–Midt: (h1, m1) and (h2, m1) on 4 units = 8 comparisons; agreeing: a 2, b 0,
        // c 1, d 2 → 5/8. Cohen's κ on the pooled table: Hovedstaden says 1 in 5 of 8, Midt in 4 of 8;
        // p_e = (5/8)(4/8) + (3/8)(4/8) = 0,5; κ = (0,625 − 0,5)/0,5 = 0,25.
        let hm = find(Tilsyn::Hovedstaden, Tilsyn::Midt);
        assert_eq!((hm.rater_pairs, hm.units, hm.n), (2, 4, 8));
        assert!((hm.percent_agreement.value.unwrap() - 0.625).abs() < 1e-12);
        assert!((hm.cohen_kappa.value.unwrap() - 0.25).abs() < 1e-12);

        // Within Hovedstaden: (h1, h2) agree on a, b, d → 3/4; h1 says 1 in 3/4, h2 in 2/4;
        // p_e = (3/4)(2/4) + (1/4)(2/4) = 0,5; κ = 0,25/0,5 = 0,5.
        let hh = find(Tilsyn::Hovedstaden, Tilsyn::Hovedstaden);
        assert_eq!((hh.rater_pairs, hh.n), (1, 4));
        assert!((hh.percent_agreement.value.unwrap() - 0.75).abs() < 1e-12);
        assert!((hh.cohen_kappa.value.unwrap() - 0.5).abs() < 1e-12);

        // Midt–Øst: agree on c and d → 2/4; both say 1 half the time, p_e = 0,5, κ = 0.
        let mo = find(Tilsyn::Midt, Tilsyn::Oest);
        assert!((mo.percent_agreement.value.unwrap() - 0.5).abs() < 1e-12);
        assert!(mo.cohen_kappa.value.unwrap().abs() < 1e-12);

        // Nord has no rater, Øst only one: nothing to compare.
        for (a, b) in [
            (Tilsyn::Hovedstaden, Tilsyn::Nord),
            (Tilsyn::Oest, Tilsyn::Oest),
        ] {
            let p = find(a, b);
            assert_eq!(p.n, 0);
            assert_eq!(p.cohen_kappa.value, None);
            assert_eq!(
                p.cohen_kappa.note.as_deref(),
                Some("ingen fælles bedømte enheder")
            );
        }
    }
}
