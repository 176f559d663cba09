//! Original score vs panel: where a material carries the tilsyn's own indicator scores
//! ([`crate::Material::original_scores`]), how the panel's ratings of the same indicator compare.
//!
//! Per material and indicator: the tilsyn's score, the panel's mean and median on the same unit, and
//! the difference `original − panel mean` (positive: the tilsyn scored its own offer higher than the
//! panel did); and per indicator the mean of those differences. The panel here is the raters from the
//! **other** tilsyn: the material's own tilsyn's raters may have written the report, and would pull the
//! panel towards the score being checked. Only on an ordered scale, where means are meaningful, and only
//! for scores on the form's scale.

use serde::{Deserialize, Serialize};

use super::matrix::RatingMatrix;
use crate::{Audit, ItemId, ItemKind, MaterialId, Tilsyn};

/// One indicator of one material: the tilsyn's own score against the panel's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginalVsPanel {
    /// The material.
    pub material: MaterialId,
    /// Its pseudonym.
    pub pseudonym: String,
    /// The tilsyn that scored it.
    pub tilsyn: Tilsyn,
    /// The indicator ("8.a").
    pub indikator: String,
    /// The form item that rates it.
    pub item: ItemId,
    /// The tilsyn's own score.
    pub original: i32,
    /// Its Danish label.
    pub original_label: Option<String>,
    /// Ratings with a value from raters of other tilsyn.
    pub panel_n: usize,
    /// Their mean.
    pub panel_mean: Option<f64>,
    /// Their median.
    pub panel_median: Option<f64>,
    /// `original − panel_mean`.
    pub difference: Option<f64>,
}

/// Every unit of `matrix` whose material has an original score for the item's indicator, in audit
/// order; empty when the scale is not ordered.
pub fn original_vs_panel(audit: &Audit, matrix: &RatingMatrix) -> Vec<OriginalVsPanel> {
    if !matrix.is_ordered() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (u, unit) in matrix.units.iter().enumerate() {
        let Some(material) = unit.material.as_ref().and_then(|m| audit.material(m)) else {
            continue;
        };
        let Some((_, item)) = audit.item(&unit.item) else {
            continue;
        };
        let ItemKind::Indikator { indikator } = &item.kind else {
            continue;
        };
        let Some(&original) = material.original_scores.get(indikator) else {
            continue;
        };
        let Some(category) = matrix.categories.iter().find(|c| c.code == Some(original)) else {
            continue;
        };
        let mut values: Vec<f64> = (0..matrix.raters.len())
            .filter(|&r| !audit.is_own_tilsyn(&matrix.raters[r], unit))
            .filter_map(|r| matrix.value(u, r))
            .map(f64::from)
            .collect();
        values.sort_by(f64::total_cmp);
        let mean = super::severity::mean(&values);
        out.push(OriginalVsPanel {
            material: material.id.clone(),
            pseudonym: material.pseudonym.clone(),
            tilsyn: material.tilsyn,
            indikator: indikator.clone(),
            item: unit.item.clone(),
            original,
            original_label: Some(category.label.clone()),
            panel_n: values.len(),
            panel_mean: mean,
            panel_median: median(&values),
            difference: mean.map(|m| f64::from(original) - m),
        });
    }
    out
}

/// One indicator across the materials with an original score for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorDifference {
    /// The indicator.
    pub indikator: String,
    /// Materials with both an original score and panel ratings.
    pub materials: usize,
    /// The mean of their `original − panel mean` differences (positive: the tilsyn score higher).
    pub mean_difference: Option<f64>,
}

/// The comparisons of [`original_vs_panel`] summed up per indicator, in order of first appearance.
pub fn by_indicator(rows: &[OriginalVsPanel]) -> Vec<IndicatorDifference> {
    let mut out: Vec<IndicatorDifference> = Vec::new();
    for row in rows {
        if !out.iter().any(|d| d.indikator == row.indikator) {
            let differences: Vec<f64> = rows
                .iter()
                .filter(|r| r.indikator == row.indikator)
                .filter_map(|r| r.difference)
                .collect();
            out.push(IndicatorDifference {
                indikator: row.indikator.clone(),
                materials: differences.len(),
                mean_difference: super::severity::mean(&differences),
            });
        }
    }
    out
}

/// The median of sorted values: the middle one, or the mean of the two middle ones.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(n / 2).copied(),
        _ => Some((sorted.get(n / 2 - 1)? + sorted.get(n / 2)?) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, v};
    use super::super::{Items, Selection, matrix};
    use super::*;
    use crate::{Round, Scale};

    #[test]
    fn the_original_score_is_set_against_the_other_tilsyns_raters() {
        let mut audit = fixture::scored_audit(
            Scale::Drift,
            &["x"],
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
                ("n1", Tilsyn::Nord),
            ],
            &[("a", Tilsyn::Hovedstaden), ("b", Tilsyn::Syd)],
        );
        audit.materials[0].original_scores.insert("x".into(), 4);
        // a: h1 (Hovedstaden, like the material) 5, m1 2, o1 3, n1 3; b has no original score.
        let ratings = fixture::scores(
            "x",
            Round::First,
            &["h1", "m1", "o1", "n1"],
            &[
                ("a", &[v(5), v(2), v(3), v(3)]),
                ("b", &[v(3), v(3), v(3), v(3)]),
            ],
        );
        let m = matrix::build(&audit, &ratings, &Selection::new(Items::Scored)).unwrap();
        let rows = original_vs_panel(&audit, &m);
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        // Without h1: 2, 3, 3 → mean 8/3, median 3; 4 − 8/3 = 4/3. (With h1 the mean would be 13/4.)
        assert_eq!((r.original, r.panel_n), (4, 3));
        assert!((r.panel_mean.unwrap() - 8.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.panel_median, Some(3.0));
        assert!((r.difference.unwrap() - 4.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.original_label.as_deref(), Some("i høj grad opfyldt"));
        let summary = by_indicator(&rows);
        assert_eq!(summary.len(), 1);
        assert_eq!(summary[0].materials, 1);
        assert_eq!(median(&[1.0, 2.0, 4.0, 9.0]), Some(3.0));
        assert_eq!(median(&[]), None);
    }
}
