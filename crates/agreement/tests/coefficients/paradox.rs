//! Hand-computed 2 × 2 tables showing the κ paradox: the same 90 % agreement, a κ of 0,80 when "ja" and
//! "nej" are equally common and a negative κ when nearly everything is "ja", while AC1 stays high.

use agreement::{
    Level, Ratings, Weights, brennan_prediger, cohen_kappa, fleiss_kappa, gwet_ac1, interpretation,
    percent_agreement, scott_pi,
};

use crate::support::assert_near;

/// Two raters on 100 units from the cell counts of a 2 × 2 table `[[ja/ja, ja/nej], [nej/ja, nej/nej]]`.
fn two_by_two(cells: [[usize; 2]; 2]) -> Ratings {
    let mut rows = Vec::new();
    for (a, row) in cells.iter().enumerate() {
        for (b, &count) in row.iter().enumerate() {
            rows.extend(std::iter::repeat_n(
                vec![Some(a as f64), Some(b as f64)],
                count,
            ));
        }
    }
    Ratings::from_rows(Level::Nominal, &rows, Some(&[0.0, 1.0])).unwrap()
}

// Balanced: 45 ja/ja, 5 ja/nej, 5 nej/ja, 45 nej/nej.
// p_o = 0,90. Both raters say ja half the time: p_e(κ) = 0,5² + 0,5² = 0,5, κ = (0,9 − 0,5)/0,5 = 0,80.
// AC1: π_ja = (45 + 5·½ + 5·½)/100 = 0,5, p_e = 2 · 0,5 · 0,5 / (2 − 1) = 0,5, AC1 = 0,80. BP = (0,9 − ½)/½ = 0,80.
#[test]
fn balanced_table_by_hand() {
    let r = two_by_two([[45, 5], [5, 45]]);
    let w = Weights::unweighted(&r);
    assert_near(
        "p_o",
        percent_agreement(&r, &w).unwrap().estimate.estimate,
        0.9,
        1e-12,
    );
    assert_near("κ", cohen_kappa(&r, 0, 1, &w).unwrap(), 0.8, 1e-12);
    assert_near("AC1", gwet_ac1(&r).unwrap().estimate, 0.8, 1e-12);
    assert_near("BP", brennan_prediger(&r, &w).unwrap().estimate, 0.8, 1e-12);
    assert_eq!(interpretation::kappa_paradox(0.8, 0.8, 0.9, 0.5), None);
}

// Skewed: 90 ja/ja, 5 ja/nej, 5 nej/ja, 0 nej/nej. The same p_o = 0,90.
// Both raters say ja 95 % of the time: p_e(κ) = 0,95² + 0,05² = 0,905, κ = (0,90 − 0,905)/0,095 = −1/19.
// Scott's π and Fleiss' κ pool the same marginals, so they are −1/19 too.
// AC1: π_ja = (90 + 5·½ + 5·½)/100 = 0,95, p_e = 2 · 0,95 · 0,05 = 0,095,
// AC1 = (0,90 − 0,095)/(1 − 0,095) = 0,805/0,905 = 161/181 ≈ 0,8895. BP stays (0,9 − ½)/½ = 0,80.
#[test]
fn skewed_table_by_hand() {
    let r = two_by_two([[90, 5], [5, 0]]);
    let w = Weights::unweighted(&r);
    let pa = percent_agreement(&r, &w).unwrap().estimate.estimate;
    assert_near("p_o", pa, 0.9, 1e-12);
    let kappa = cohen_kappa(&r, 0, 1, &w).unwrap();
    assert_near("κ", kappa, -1.0 / 19.0, 1e-12);
    assert_near("Scott", scott_pi(&r, 0, 1).unwrap(), -1.0 / 19.0, 1e-12);
    assert_near(
        "Fleiss",
        fleiss_kappa(&r, &w).unwrap().estimate,
        -1.0 / 19.0,
        1e-12,
    );
    let ac1 = gwet_ac1(&r).unwrap().estimate;
    assert_near("AC1", ac1, 161.0 / 181.0, 1e-12);
    assert_near("BP", brennan_prediger(&r, &w).unwrap().estimate, 0.8, 1e-12);

    let text = interpretation::kappa_paradox(kappa, ac1, pa, 0.95).unwrap();
    // Issue 12: one minus sign everywhere, U+2212 ("−0,05"), as the dashboard already wrote it; the
    // report text used to write the hyphen "-0,05".
    assert!(
        text.starts_with(
            "κ (−0,05) er langt lavere end AC1 (0,89), selv om bedømmerne er enige i 90 %"
        ),
        "{text}"
    );
    assert_eq!(interpretation::landis_koch(kappa), "ringe");
    assert_eq!(interpretation::landis_koch(ac1), "næsten perfekt");
}
