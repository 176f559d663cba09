//! The coefficient rows that the dashboard and the report's calibration appendix both show, so that
//! the two list the same figures, in the same order and under the same Danish names: the coefficient
//! table of one set of ratings ([`coefficient_rows`]) and the comparison of round 1 and round 2
//! ([`round_rows`]). How a row is drawn is left to the caller (both draw it with `components::table`).

use audit::calibration::rounds::RoundComparison;
use audit::calibration::{Coefficient, Coefficients};

/// One row of a coefficient table.
pub struct CoefficientRow<'a> {
    /// The field name in `Coefficients` ("gwet_ac1").
    pub key: &'static str,
    /// The Danish name.
    pub name: &'static str,
    /// The coefficient.
    pub coefficient: &'a Coefficient,
    /// Whether it is a share, written as a percentage.
    pub percent: bool,
}

/// The rows of `c` in the order the dashboard shows them: percent agreement, the prevalence-robust AC1
/// (and AC2 on an ordinal scale), then κ, α and Brennan–Prediger.
pub fn coefficient_rows(c: &Coefficients) -> Vec<CoefficientRow<'_>> {
    let mut rows = vec![
        CoefficientRow {
            key: "percent_agreement",
            name: "Procentvis enighed",
            coefficient: &c.percent_agreement,
            percent: true,
        },
        CoefficientRow {
            key: "gwet_ac1",
            name: "Gwets AC1",
            coefficient: &c.gwet_ac1,
            percent: false,
        },
    ];
    if let Some(ac2) = &c.gwet_ac2 {
        rows.push(CoefficientRow {
            key: "gwet_ac2",
            name: "Gwets AC2 (ordinale vægte)",
            coefficient: ac2,
            percent: false,
        });
    }
    rows.extend([
        CoefficientRow {
            key: "fleiss_kappa",
            name: "Fleiss' κ",
            coefficient: &c.fleiss_kappa,
            percent: false,
        },
        CoefficientRow {
            key: "krippendorff_alpha",
            name: "Krippendorffs α",
            coefficient: &c.krippendorff_alpha,
            percent: false,
        },
        CoefficientRow {
            key: "brennan_prediger",
            name: "Brennan–Prediger",
            coefficient: &c.brennan_prediger,
            percent: false,
        },
    ]);
    rows
}

/// One row of the comparison of round 1 and round 2: a coefficient in both rounds and its change.
pub struct RoundRow<'a> {
    /// The field name in `Coefficients` ("gwet_ac1").
    pub key: &'static str,
    /// The Danish name.
    pub name: &'static str,
    /// The coefficient in round 1.
    pub first: &'a Coefficient,
    /// The coefficient in round 2, on the same ratings.
    pub second: &'a Coefficient,
    /// Round 2 minus round 1, where both are defined.
    pub change: Option<f64>,
    /// Whether it is a share, written as a percentage (and its change in percentage points).
    pub percent: bool,
}

/// The rows of the round comparison `r`: percent agreement, Gwet's AC1, Fleiss' κ and Krippendorff's α.
pub fn round_rows(r: &RoundComparison) -> [RoundRow<'_>; 4] {
    let row = |key, name, first, second, change, percent| RoundRow {
        key,
        name,
        first,
        second,
        change,
        percent,
    };
    [
        row(
            "percent_agreement",
            "Procentvis enighed",
            &r.first.percent_agreement,
            &r.second.percent_agreement,
            r.change.percent_agreement,
            true,
        ),
        row(
            "gwet_ac1",
            "Gwets AC1",
            &r.first.gwet_ac1,
            &r.second.gwet_ac1,
            r.change.gwet_ac1,
            false,
        ),
        row(
            "fleiss_kappa",
            "Fleiss' κ",
            &r.first.fleiss_kappa,
            &r.second.fleiss_kappa,
            r.change.fleiss_kappa,
            false,
        ),
        row(
            "krippendorff_alpha",
            "Krippendorffs α",
            &r.first.krippendorff_alpha,
            &r.second.krippendorff_alpha,
            r.change.krippendorff_alpha,
            false,
        ),
    ]
}
