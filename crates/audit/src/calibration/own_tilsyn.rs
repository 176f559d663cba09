//! Own-tilsyn bias: do raters judge material from their own tilsyn more mildly than the other tilsyn's
//! raters judge it?
//!
//! For each rating the deviation is the value minus the mean of the other raters' values on the same
//! unit, where "the other raters" are those **not from the material's tilsyn** (the outside view; with
//! the whole panel as consensus, colleagues from the same tilsyn would pull it towards the rater and hide
//! the bias). A rater's own-tilsyn bias is the mean deviation over their ratings of their own tilsyn's
//! material, beside the same mean over other material, which shows their general severity against the
//! same kind of consensus; the difference is the leniency towards the own tilsyn beyond that.
//!
//! Overall, the own-tilsyn bias is the mean deviation over every rating of own tilsyn's material, and the
//! adjusted bias the mean of the raters' differences, weighted by their number of own-tilsyn ratings
//! (so a rater who is mild towards everybody does not count as lenient towards their own). There is no
//! overall mean over other material: on each unit the deviations of the raters from other tilsyn than
//! the material's, each from the mean of the rest of them, sum to exactly zero, so that mean is 0 by
//! construction and says nothing.
//!
//! The deviations are computed by the statistics crate's rater severity: for each rater a matrix holds
//! the rater's ratings split into two columns (own tilsyn's material, other material) next to the other
//! raters' ratings of material not from their own tilsyn, and the leave-one-out consensus of each column
//! is then exactly the consensus above. Beside the bias come the coefficients with and without the
//! own-tilsyn ratings. Needs an ordered scale (see [`RatingMatrix::is_ordered`]).

use agreement::{RaterDiagnostics, Ratings};
use serde::{Deserialize, Serialize};

use super::coefficients::{Coefficients, coefficients};
use super::matrix::{self, MatrixError, RatingMatrix, regroup};
use super::{OwnTilsyn, Selection};
use crate::{Audit, Rating, Tilsyn, Username};

/// A mean deviation and the number of ratings it averages.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Deviation {
    /// Ratings with a consensus to deviate from.
    pub n: usize,
    /// Their mean deviation (positive: milder than the consensus).
    pub mean: Option<f64>,
}

impl Deviation {
    /// No ratings, no mean.
    pub const NONE: Deviation = Deviation { n: 0, mean: None };
}

/// One rater's deviation on their own tilsyn's material and on other material.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterOwnBias {
    /// The rater.
    pub username: Username,
    /// The display name.
    pub navn: String,
    /// The rater's tilsyn.
    pub tilsyn: Option<Tilsyn>,
    /// On material from the rater's own tilsyn.
    pub own: Deviation,
    /// On material from other tilsyn.
    pub other: Deviation,
    /// `own − other`: the leniency towards the own tilsyn beyond the rater's general severity.
    pub difference: Option<f64>,
}

/// Own-tilsyn bias per rater and overall, and the coefficients with and without own-tilsyn ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnTilsynBias {
    /// Per rater, in panel order; empty when the scale is not ordered.
    pub raters: Vec<RaterOwnBias>,
    /// The mean deviation over all ratings of own tilsyn's material (positive: milder than the other
    /// tilsyn's raters).
    pub own: Deviation,
    /// The raters' `own − other` differences, weighted by their number of own-tilsyn ratings: the
    /// leniency towards the own tilsyn beyond each rater's general severity.
    pub adjusted: Option<f64>,
    /// The coefficients with every rating.
    pub with_own: Coefficients,
    /// The coefficients without ratings of own tilsyn's material; `None` when nothing is left.
    pub without_own: Option<Coefficients>,
    /// Plain-Danish sentences reading the figures.
    pub interpretation: Vec<String>,
}

/// The own-tilsyn bias in `matrix` (built with own-tilsyn ratings included), and the coefficients of
/// `selection` with and without them.
///
/// # Errors
/// [`MatrixError`] when the matrix without own-tilsyn ratings cannot be built for another reason than
/// there being none left.
pub fn own_tilsyn_bias(
    audit: &Audit,
    ratings: &[Rating],
    selection: &Selection,
    matrix: &RatingMatrix,
) -> Result<OwnTilsynBias, MatrixError> {
    let raters: Vec<RaterOwnBias> = match matrix.ordered_reading() {
        Some(reading) => (0..matrix.raters.len())
            .map(|r| rater_bias(audit, matrix, &reading, r))
            .collect(),
        None => Vec::new(),
    };
    let own = pool(raters.iter().map(|r| r.own));
    let adjusted = weighted_difference(&raters);
    let without = Selection {
        own_tilsyn: OwnTilsyn::Exclude,
        ..selection.clone()
    };
    let without_own = match matrix::build(audit, ratings, &without) {
        Ok(m) => Some(coefficients(&m.ratings, None)),
        Err(MatrixError::NoRatings(_)) => None,
        Err(err) => return Err(err),
    };
    let mut out = OwnTilsynBias {
        raters,
        own,
        adjusted,
        with_own: coefficients(&matrix.ratings, None),
        without_own,
        interpretation: Vec::new(),
    };
    out.interpretation = interpret(&out, matrix.is_ordered(), own_cells(audit, matrix));
    Ok(out)
}

/// Rater `r`'s deviations, from the crate's severity on a matrix built for the rater (module docs).
fn rater_bias(audit: &Audit, matrix: &RatingMatrix, reading: &Ratings, r: usize) -> RaterOwnBias {
    let username = &matrix.raters[r];
    let member = audit.member(username);
    let own_column = format!("{username}#eget");
    let other_column = format!("{username}#andet");
    let mut cells = Vec::new();
    for (u, unit) in matrix.units.iter().enumerate() {
        let Some(material_tilsyn) = unit
            .material
            .as_ref()
            .and_then(|m| audit.material(m))
            .map(|m| m.tilsyn)
        else {
            continue;
        };
        let Some(mine) = reading.get(u, r) else {
            continue;
        };
        for (s, other) in matrix.raters.iter().enumerate() {
            let outsider = audit
                .member(other)
                .is_some_and(|m| m.tilsyn != material_tilsyn);
            if let (true, true, Some(c)) = (s != r, outsider, reading.get(u, s)) {
                cells.push((unit.to_string(), other.to_string(), c));
            }
        }
        let column = if audit.is_own_tilsyn(username, unit) {
            &own_column
        } else {
            &other_column
        };
        cells.push((unit.to_string(), column.clone(), mine));
    }
    let (own, other) = match regroup(reading, cells) {
        Ok(split) => {
            let severity = agreement::rater_diagnostics(&split, None);
            (
                column_deviation(&split, &severity, &own_column),
                column_deviation(&split, &severity, &other_column),
            )
        }
        Err(_) => (Deviation::NONE, Deviation::NONE),
    };
    RaterOwnBias {
        username: username.clone(),
        navn: member.map_or_else(|| username.to_string(), |m| m.navn.clone()),
        tilsyn: member.map(|m| m.tilsyn),
        own,
        other,
        difference: difference(own, other),
    }
}

/// The crate's severity of `column` (from `diagnostics` of `ratings`), and how many of its ratings
/// have a consensus (a unit with at least one other rating).
fn column_deviation(
    ratings: &Ratings,
    diagnostics: &[RaterDiagnostics],
    column: &str,
) -> Deviation {
    let Some(c) = ratings.rater_ids().iter().position(|id| id == column) else {
        return Deviation::NONE;
    };
    let n = (0..ratings.n_units())
        .filter(|&u| ratings.get(u, c).is_some() && ratings.unit_n(u) >= 2)
        .count();
    let severity = diagnostics
        .get(c)
        .and_then(|d| d.severity)
        .filter(|x| x.is_finite());
    Deviation {
        n,
        mean: severity.filter(|_| n > 0),
    }
}

/// The mean over all ratings behind several deviations (each weighted by its `n`).
fn pool(deviations: impl Iterator<Item = Deviation>) -> Deviation {
    let (mut n, mut sum) = (0, 0.0);
    for d in deviations {
        if let Some(mean) = d.mean {
            n += d.n;
            sum += mean * d.n as f64;
        }
    }
    Deviation {
        n,
        mean: (n > 0).then(|| sum / n as f64),
    }
}

/// The raters' differences, weighted by their number of own-tilsyn ratings.
fn weighted_difference(raters: &[RaterOwnBias]) -> Option<f64> {
    let (mut n, mut sum) = (0, 0.0);
    for r in raters {
        if let Some(d) = r.difference {
            n += r.own.n;
            sum += d * r.own.n as f64;
        }
    }
    (n > 0).then(|| sum / n as f64)
}

fn difference(own: Deviation, other: Deviation) -> Option<f64> {
    Some(own.mean? - other.mean?)
}

fn signed(x: f64) -> String {
    crate::danske_tal::signed(x, 2)
}

/// How many ratings in `matrix` are of the rater's own tilsyn's material.
fn own_cells(audit: &Audit, matrix: &RatingMatrix) -> usize {
    let mut n = 0;
    for (u, unit) in matrix.units.iter().enumerate() {
        for (r, rater) in matrix.raters.iter().enumerate() {
            if matrix.ratings.get(u, r).is_some() && audit.is_own_tilsyn(rater, unit) {
                n += 1;
            }
        }
    }
    n
}

fn interpret(bias: &OwnTilsynBias, ordered: bool, own_cells: usize) -> Vec<String> {
    if own_cells == 0 {
        return vec!["Ingen har bedømt materiale fra sit eget tilsyn.".to_owned()];
    }
    let mut out = Vec::new();
    match bias.own.mean {
        _ if !ordered => out.push(
            "Skalaen er ikke ordnet, så en mildere eller strengere bedømmelse af eget tilsyns materiale kan ikke måles."
                .to_owned(),
        ),
        None => out.push(
            "Ingen bedømmelser af eget tilsyns materiale kan sammenlignes med andre tilsyns bedømmelser."
                .to_owned(),
        ),
        Some(own) => {
            let mut text = format!(
                "Ved materiale fra eget tilsyn ligger bedømmerne i gennemsnit {} fra de øvrige tilsyns bedømmere ({} bedømmelser)",
                signed(own),
                bias.own.n
            );
            if let Some(adjusted) = bias.adjusted {
                text.push_str(&format!(
                    "; set i forhold til hver bedømmers egen strenghed over for andet materiale {}",
                    signed(adjusted)
                ));
            }
            text.push_str(". Positive tal er mildere, negative strengere bedømmelser.");
            out.push(text);
        }
    }
    if let (Some(with), Some(without)) = (
        bias.with_own.percent_agreement.value,
        bias.without_own
            .as_ref()
            .and_then(|c| c.percent_agreement.value),
    ) {
        out.push(format!(
            "Den procentvise enighed er {} med og {} uden bedømmelser af eget tilsyns materiale.",
            crate::danske_tal::percent(with),
            crate::danske_tal::percent(without)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Items;
    use super::super::fixture::{self, v};
    use super::*;
    use crate::Scale;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn own_tilsyn_deviation_is_measured_against_the_other_tilsyns_raters() {
        // Material a is from Hovedstaden, b from Midt; operation scale.
        //        h1 h2 m1 o1
        //   a     5  4  3  3      own: h1, h2
        //   b     3  2  4  2      own: m1
        let (audit, ratings) = fixture::one_item(
            Scale::Drift,
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("h2", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
            ],
            &[("a", Tilsyn::Hovedstaden), ("b", Tilsyn::Midt)],
            &[
                ("a", &[v(5), v(4), v(3), v(3)]),
                ("b", &[v(3), v(2), v(4), v(2)]),
            ],
        );
        let selection = Selection::new(Items::Scored);
        let m = matrix::build(&audit, &ratings, &selection).unwrap();
        let bias = own_tilsyn_bias(&audit, &ratings, &selection, &m).unwrap();
        let rater = |u: &str| {
            bias.raters
                .iter()
                .find(|r| r.username.as_str() == u)
                .unwrap()
        };

        // On a the consensus is the raters not from Hovedstaden: m1 3, o1 3 → 3.
        // h1: 5 − 3 = +2; h2: 4 − 3 = +1.
        // On b the consensus for m1 is the raters not from Midt: (3 + 2 + 2)/3 = 7/3; 4 − 7/3 = 5/3.
        // Other material: h1 on b: 3 − (2 + 2)/2 = +1; h2 on b: 2 − (3 + 2)/2 = −0,5;
        // m1 on a: 3 − 3 = 0; o1 on a: 3 − 3 = 0 and on b: 2 − (3 + 2)/2 = −0,5 → −0,25.
        let h1 = rater("h1");
        assert_eq!((h1.own.n, h1.other.n), (1, 1));
        assert!(close(h1.own.mean, 2.0) && close(h1.other.mean, 1.0) && close(h1.difference, 1.0));
        let h2 = rater("h2");
        assert!(close(h2.own.mean, 1.0) && close(h2.other.mean, -0.5) && close(h2.difference, 1.5));
        let m1 = rater("m1");
        assert!(close(m1.own.mean, 5.0 / 3.0) && close(m1.other.mean, 0.0));
        let o1 = rater("o1");
        assert_eq!(o1.own, Deviation::NONE);
        assert_eq!(o1.other.n, 2);
        assert!(close(o1.other.mean, -0.25));
        assert_eq!(o1.difference, None);

        // Overall: (2 + 1 + 5/3)/3 = 14/9; adjusted: (1 + 1,5 + 5/3)/3 = 25/18.
        assert_eq!(bias.own.n, 3);
        assert!(close(bias.own.mean, 14.0 / 9.0), "{:?}", bias.own.mean);
        assert!(close(bias.adjusted, 25.0 / 18.0), "{:?}", bias.adjusted);

        // Percent agreement with every rating: a 5 4 3 3 → 2 of 12 ordered pairs agree, b 3 2 4 2 → 2 of
        // 12; 1/6. Without h1, h2 on a and m1 on b: a 3 3 → 1; b 3 2 2 → 2 of 6; (1 + 1/3)/2 = 2/3.
        assert!(close(bias.with_own.percent_agreement.value, 1.0 / 6.0));
        let without = bias.without_own.as_ref().unwrap();
        assert!(close(without.percent_agreement.value, 2.0 / 3.0));
        assert!(
            bias.interpretation[0].contains("+1,56"),
            "{:?}",
            bias.interpretation
        );
        assert!(
            bias.interpretation[1].contains("17 % med og 67 % uden"),
            "{:?}",
            bias.interpretation
        );
    }

    #[test]
    fn without_an_order_there_is_no_bias_to_measure() {
        let (audit, ratings) = fixture::one_item(
            Scale::Tjekliste,
            &[("h1", Tilsyn::Hovedstaden), ("m1", Tilsyn::Midt)],
            &[("a", Tilsyn::Hovedstaden)],
            &[("a", &[v(2), v(1)])],
        );
        let selection = Selection {
            ikke_relevant: super::super::IkkeRelevant::Category,
            ..Selection::new(Items::Scored)
        };
        let m = matrix::build(&audit, &ratings, &selection).unwrap();
        let bias = own_tilsyn_bias(&audit, &ratings, &selection, &m).unwrap();
        assert!(bias.raters.is_empty());
        assert_eq!(bias.own.mean, None);
        assert!(
            bias.interpretation[0].contains("ikke ordnet"),
            "{:?}",
            bias.interpretation
        );
    }
}
