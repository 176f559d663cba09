//! Round 1 vs round 2: did the discussion make the panel agree more?
//!
//! The comparison is paired: it uses only the (unit, rater) cells with a value in **both** rounds, so
//! the two sets of coefficients rest on the same units and the same raters. Raters who did not give
//! round-2 ratings (absent from the meeting, say) and units nobody revised drop out of both rounds
//! alike, instead of making round 2 look different merely because fewer took part.

use serde::{Deserialize, Serialize};

use super::Selection;
use super::coefficients::{Coefficient, Coefficients, coefficients};
use super::matrix::{self, MatrixError, RatingMatrix, regroup};
use crate::{Audit, Rating, Round};

/// The change of the main coefficients from round 1 to round 2 (`round 2 − round 1`), where both are
/// defined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CoefficientChange {
    /// Percent agreement.
    pub percent_agreement: Option<f64>,
    /// Gwet's AC1.
    pub gwet_ac1: Option<f64>,
    /// Fleiss' κ.
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's α.
    pub krippendorff_alpha: Option<f64>,
}

/// Round 1 against round 2 on the same cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundComparison {
    /// Cells (unit, rater) with a value in both rounds.
    pub paired_ratings: usize,
    /// Units with at least one such cell.
    pub units: usize,
    /// Raters with at least one such cell.
    pub raters: usize,
    /// The coefficients of round 1 on the paired cells.
    pub first: Coefficients,
    /// The coefficients of round 2 on the paired cells.
    pub second: Coefficients,
    /// `second − first`.
    pub change: CoefficientChange,
    /// Ratings kept as they were.
    pub unchanged: usize,
    /// Ratings changed, in all.
    pub changed: usize,
    /// Ratings raised (a higher code; on an ordered scale only).
    pub raised: usize,
    /// Ratings lowered (a lower code; on an ordered scale only).
    pub lowered: usize,
    /// Plain-Danish sentences reading the change.
    pub interpretation: Vec<String>,
}

/// Round 1 against round 2 of `selection`'s items under its rules (its `round` is ignored); `None` when
/// either round has no submitted rating or no cell has a value in both.
///
/// # Errors
/// [`MatrixError`] when a matrix cannot be built for another reason than missing ratings.
pub fn compare_rounds(
    audit: &Audit,
    ratings: &[Rating],
    selection: &Selection,
) -> Result<Option<RoundComparison>, MatrixError> {
    let build = |round| {
        let s = Selection {
            round,
            ..selection.clone()
        };
        match matrix::build(audit, ratings, &s) {
            Ok(m) => Ok(Some(m)),
            Err(MatrixError::NoRatings(_)) => Ok(None),
            Err(err) => Err(err),
        }
    };
    let (Some(first), Some(second)) = (build(Round::First)?, build(Round::Second)?) else {
        return Ok(None);
    };
    Ok(compare(&first, &second))
}

/// One paired cell: unit and rater indices in each matrix.
struct Pair {
    unit: usize,
    rater_first: usize,
    rater_second: usize,
}

fn compare(first: &RatingMatrix, second: &RatingMatrix) -> Option<RoundComparison> {
    let pairs = paired_cells(first, second);
    if pairs.is_empty() {
        return None;
    }
    let cells = |m: &RatingMatrix, rater: fn(&Pair) -> usize| {
        pairs
            .iter()
            .filter_map(|p| {
                let r = rater(p);
                let c = m.ratings.get(p.unit, r)?;
                Some((m.units[p.unit].to_string(), m.raters[r].to_string(), c))
            })
            .collect::<Vec<_>>()
    };
    let r1 = regroup(&first.ratings, cells(first, |p| p.rater_first)).ok()?;
    let r2 = regroup(&second.ratings, cells(second, |p| p.rater_second)).ok()?;
    let (c1, c2) = (coefficients(&r1, None), coefficients(&r2, None));
    let (mut unchanged, mut raised, mut lowered) = (0, 0, 0);
    let ordered = first.is_ordered();
    for p in &pairs {
        let before = first.ratings.get(p.unit, p.rater_first);
        let after = second.ratings.get(p.unit, p.rater_second);
        if before == after {
            unchanged += 1;
        } else if ordered {
            match (
                first.value(p.unit, p.rater_first),
                second.value(p.unit, p.rater_second),
            ) {
                (Some(a), Some(b)) if b > a => raised += 1,
                (Some(a), Some(b)) if b < a => lowered += 1,
                _ => {}
            }
        }
    }
    let mut units: Vec<usize> = pairs.iter().map(|p| p.unit).collect();
    units.dedup();
    let mut raters: Vec<usize> = pairs.iter().map(|p| p.rater_second).collect();
    raters.sort_unstable();
    raters.dedup();
    let change = CoefficientChange {
        percent_agreement: delta(&c1.percent_agreement, &c2.percent_agreement),
        gwet_ac1: delta(&c1.gwet_ac1, &c2.gwet_ac1),
        fleiss_kappa: delta(&c1.fleiss_kappa, &c2.fleiss_kappa),
        krippendorff_alpha: delta(&c1.krippendorff_alpha, &c2.krippendorff_alpha),
    };
    let mut out = RoundComparison {
        paired_ratings: pairs.len(),
        units: units.len(),
        raters: raters.len(),
        first: c1,
        second: c2,
        change,
        unchanged,
        changed: pairs.len() - unchanged,
        raised,
        lowered,
        interpretation: Vec::new(),
    };
    out.interpretation = interpret(&out, ordered);
    Some(out)
}

/// The cells with a value in both rounds, unit by unit (both matrices list the same units).
fn paired_cells(first: &RatingMatrix, second: &RatingMatrix) -> Vec<Pair> {
    let mut out = Vec::new();
    for unit in 0..second.units.len().min(first.units.len()) {
        for (rater_second, username) in second.raters.iter().enumerate() {
            let Some(rater_first) = first.rater_index(username) else {
                continue;
            };
            let both = first.ratings.get(unit, rater_first).is_some()
                && second.ratings.get(unit, rater_second).is_some();
            if both {
                out.push(Pair {
                    unit,
                    rater_first,
                    rater_second,
                });
            }
        }
    }
    out
}

fn delta(before: &Coefficient, after: &Coefficient) -> Option<f64> {
    Some(after.value? - before.value?)
}

fn interpret(c: &RoundComparison, ordered: bool) -> Vec<String> {
    use crate::danske_tal::{decimal, percent};
    let mut out = Vec::new();
    if let (Some(before), Some(after)) = (
        c.first.percent_agreement.value,
        c.second.percent_agreement.value,
    ) {
        out.push(format!(
            "Efter drøftelsen er den procentvise enighed {} på de samme {} enheder og {} bedømmere.",
            movement(before, after, percent),
            c.units,
            c.raters
        ));
    }
    if let (Some(before), Some(after)) = (c.first.gwet_ac1.value, c.second.gwet_ac1.value) {
        out.push(format!(
            "Gwets AC1 er {}.",
            movement(before, after, |x| decimal(x, 2))
        ));
    }
    let mut changes = format!(
        "{} af {} bedømmelser blev ændret i runde 2",
        c.changed, c.paired_ratings
    );
    if ordered && c.changed > 0 {
        changes.push_str(&format!(" ({} hævet, {} sænket)", c.raised, c.lowered));
    }
    changes.push('.');
    out.push(changes);
    out
}

/// "steget fra 87 % til 90 %", "faldet fra …", or "uændret 87 %" when the printed values are equal.
fn movement(before: f64, after: f64, format: impl Fn(f64) -> String) -> String {
    let (b, a) = (format(before), format(after));
    if a == b {
        format!("uændret {a}")
    } else if after > before {
        format!("steget fra {b} til {a}")
    } else {
        format!("faldet fra {b} til {a}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::Items;
    use super::super::fixture::{self, skip, v};
    use super::*;
    use crate::{Scale, Tilsyn};

    fn audit() -> Audit {
        fixture::scored_audit(
            Scale::Godkendelse,
            &["x"],
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
                ("n1", Tilsyn::Nord),
            ],
            &[("a", Tilsyn::Syd), ("b", Tilsyn::Syd), ("c", Tilsyn::Syd)],
        )
    }

    #[test]
    fn rounds_are_compared_on_the_cells_rated_in_both() {
        // Round 1:          Round 2 (n1 was not at the meeting; o1 left c as it was):
        //     h1 m1 o1 n1        h1 m1 o1
        //  a   1  0  1  1     a   1  1  1
        //  b   1  1  0  0     b   1  1  1
        //  c   0  0  0  1     c   0  0  –
        let raters = ["h1", "m1", "o1", "n1"];
        let ratings = [
            fixture::scores(
                "x",
                Round::First,
                &raters,
                &[
                    ("a", &[v(1), v(0), v(1), v(1)]),
                    ("b", &[v(1), v(1), v(0), v(0)]),
                    ("c", &[v(0), v(0), v(0), v(1)]),
                ],
            ),
            fixture::scores(
                "x",
                Round::Second,
                &raters[..3],
                &[
                    ("a", &[v(1), v(1), v(1)]),
                    ("b", &[v(1), v(1), v(1)]),
                    ("c", &[v(0), v(0), skip()]),
                ],
            ),
        ]
        .concat();
        let c = compare_rounds(&audit(), &ratings, &Selection::new(Items::Scored))
            .unwrap()
            .unwrap();
        // Paired cells: a and b by h1, m1, o1; c by h1, m1 → 8.
        assert_eq!((c.paired_ratings, c.units, c.raters), (8, 3, 3));
        // Round 1 on them: a 1 0 1 → 2 of 6 ordered pairs; b 1 1 0 → 2 of 6; c 0 0 → 1;
        // (1/3 + 1/3 + 1)/3 = 5/9. (With n1's ratings it would be a 6/12, b 4/12, c 2/6 instead.)
        // Round 2: every unit unanimous → 1.
        let pa1 = c.first.percent_agreement.value.unwrap();
        let pa2 = c.second.percent_agreement.value.unwrap();
        assert!((pa1 - 5.0 / 9.0).abs() < 1e-12, "{pa1}");
        assert!((pa2 - 1.0).abs() < 1e-12, "{pa2}");
        assert!((c.change.percent_agreement.unwrap() - 4.0 / 9.0).abs() < 1e-12);
        // m1 on a and o1 on b went from 0 to 1.
        assert_eq!((c.unchanged, c.changed, c.raised, c.lowered), (6, 2, 2, 0));
        assert_eq!(
            c.interpretation[0],
            "Efter drøftelsen er den procentvise enighed steget fra 56 % til 100 % på de samme 3 enheder og 3 bedømmere."
        );
        assert!(
            c.interpretation
                .iter()
                .any(|s| s == "2 af 8 bedømmelser blev ændret i runde 2 (2 hævet, 0 sænket)."),
            "{:?}",
            c.interpretation
        );
    }

    #[test]
    fn without_round_two_there_is_nothing_to_compare() {
        let ratings = fixture::scores("x", Round::First, &["h1", "m1"], &[("a", &[v(1), v(0)])]);
        assert_eq!(
            compare_rounds(&audit(), &ratings, &Selection::new(Items::Scored)),
            Ok(None)
        );
    }
}
