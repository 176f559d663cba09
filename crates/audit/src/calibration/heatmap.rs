//! Per unit: what each rater gave it, as a units × raters grid for the heatmap, with the unit's spread
//! and whether everyone agreed (from the statistics crate's unit diagnostics).

use serde::{Deserialize, Serialize};

use super::matrix::RatingMatrix;
use crate::{Audit, ItemId, MaterialId, Tilsyn, Username};

/// A column of the grid: one rater.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatmapRater {
    /// The rater.
    pub username: Username,
    /// The display name.
    pub navn: String,
    /// The rater's tilsyn.
    pub tilsyn: Option<Tilsyn>,
}

/// A row of the grid: one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeatmapRow {
    /// The unit id (`item/material`).
    pub unit: String,
    /// The item.
    pub item: ItemId,
    /// The material, when the item is rated per material.
    pub material: Option<MaterialId>,
    /// The material's pseudonym ("Rapport A").
    pub pseudonym: Option<String>,
    /// The tilsyn the material comes from.
    pub material_tilsyn: Option<Tilsyn>,
    /// The value each rater gave, column by column (`None`: missing).
    pub values: Vec<Option<i32>>,
    /// The Danish label of each value, column by column.
    pub labels: Vec<Option<String>>,
    /// Whether each column's rater comes from the material's tilsyn.
    pub own_tilsyn: Vec<bool>,
    /// Number of ratings.
    pub n: usize,
    /// Whether all ratings are the same; `None` with fewer than two.
    pub agree: Option<bool>,
    /// Number of distinct values given.
    pub distinct: usize,
    /// Highest minus lowest value, on an ordered scale with at least two ratings.
    pub range: Option<f64>,
    /// Standard deviation of the values, on an ordered scale with at least two ratings.
    pub sd: Option<f64>,
}

/// The units × raters grid of one matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heatmap {
    /// The columns.
    pub raters: Vec<HeatmapRater>,
    /// The rows, in audit order.
    pub rows: Vec<HeatmapRow>,
}

/// The grid of `matrix`, with spread computed on the ordered reading when the scale is ordered.
pub fn heatmap(audit: &Audit, matrix: &RatingMatrix) -> Heatmap {
    let ordered = matrix.ordered_reading();
    let diagnostics = agreement::unit_diagnostics(ordered.as_ref().unwrap_or(&matrix.ratings));
    let raters = matrix
        .raters
        .iter()
        .map(|u| {
            let member = audit.member(u);
            HeatmapRater {
                username: u.clone(),
                navn: member.map_or_else(|| u.to_string(), |m| m.navn.clone()),
                tilsyn: member.map(|m| m.tilsyn),
            }
        })
        .collect();
    let rows = matrix
        .units
        .iter()
        .zip(diagnostics)
        .enumerate()
        .map(|(u, (unit, d))| {
            let material = unit.material.as_ref().and_then(|m| audit.material(m));
            let columns = 0..matrix.raters.len();
            HeatmapRow {
                unit: unit.to_string(),
                item: unit.item.clone(),
                material: unit.material.clone(),
                pseudonym: material.map(|m| m.pseudonym.clone()),
                material_tilsyn: material.map(|m| m.tilsyn),
                values: columns.clone().map(|r| matrix.value(u, r)).collect(),
                labels: columns
                    .clone()
                    .map(|r| matrix.category(u, r).map(|c| c.label.clone()))
                    .collect(),
                own_tilsyn: matrix
                    .raters
                    .iter()
                    .map(|r| audit.is_own_tilsyn(r, unit))
                    .collect(),
                n: d.n,
                agree: d.agree,
                distinct: d.distinct,
                range: d.range.filter(|x| x.is_finite()),
                sd: d.sd.filter(|x| x.is_finite()),
            }
        })
        .collect();
    Heatmap { raters, rows }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, skip, v};
    use super::super::{Items, Selection, matrix};
    use super::*;
    use crate::{Round, Scale};

    #[test]
    fn the_grid_has_a_row_per_unit_and_a_column_per_rater() {
        let audit = fixture::scored_audit(
            Scale::Drift,
            &["x"],
            &[("h1", Tilsyn::Hovedstaden), ("m1", Tilsyn::Midt)],
            &[("a", Tilsyn::Hovedstaden), ("b", Tilsyn::Syd)],
        );
        // a: 5 and 2 (spread 3); b: only m1, 4.
        let ratings = fixture::scores(
            "x",
            Round::First,
            &["h1", "m1"],
            &[("a", &[v(5), v(2)]), ("b", &[skip(), v(4)])],
        );
        let m = matrix::build(&audit, &ratings, &Selection::new(Items::Scored)).unwrap();
        let grid = heatmap(&audit, &m);
        assert_eq!(grid.raters.len(), 2);
        assert_eq!(grid.raters[1].tilsyn, Some(Tilsyn::Midt));
        let a = &grid.rows[0];
        assert_eq!(a.unit, "x/a");
        assert_eq!(a.values, [Some(5), Some(2)]);
        assert_eq!(a.labels[1].as_deref(), Some("i lav grad opfyldt"));
        assert_eq!(a.own_tilsyn, [true, false]);
        assert_eq!(
            (a.n, a.agree, a.distinct, a.range),
            (2, Some(false), 2, Some(3.0))
        );
        assert_eq!(a.pseudonym.as_deref(), Some("Rapport A"));
        let b = &grid.rows[1];
        assert_eq!(b.values, [None, Some(4)]);
        assert_eq!((b.n, b.agree, b.range), (1, None, None));
    }
}
