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
use serde::Serialize;

use super::coefficients::{Coefficients, coefficients};
use super::matrix::{self, MatrixError, RatingMatrix, regroup};
use super::{OwnTilsyn, Selection};
use crate::{Audit, Rating, Tilsyn, Username};

/// A mean deviation and the number of ratings it averages.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    out.interpretation = interpret(&out, matrix.is_ordered());
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
    let text = agreement::interpretation::format_decimal(x, 2);
    if x > 0.0 && text != "0,00" {
        format!("+{text}")
    } else {
        text
    }
}

fn interpret(bias: &OwnTilsynBias, ordered: bool) -> Vec<String> {
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
            agreement::interpretation::format_percent(with),
            agreement::interpretation::format_percent(without)
        ));
    }
    out
}
