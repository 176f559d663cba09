//! Properties every coefficient must have whatever the data: perfect agreement gives 1 where the coefficient
//! is defined, and the chance-corrected family does not depend on the order of the raters or the units, nor
//! on the names of nominal categories.

use agreement::{
    AgreementError, Estimate, Level, Ratings, RatingsBuilder, WeightScheme, Weights,
    brennan_prediger, conger_kappa, fleiss_kappa, gwet_ac1, gwet_ac2, icc, kendall_w, light_kappa,
    pairwise_kappas, percent_agreement,
};
use proptest::prelude::*;

/// Category labels; relabelling maps them onto each other.
const LABELS: [&str; 4] = ["ja", "nej", "delvist", "ikke relevant"];

/// A units × raters matrix of category indices (`None` missing) on `q` categories.
#[derive(Debug, Clone)]
struct Matrix {
    q: usize,
    rows: Vec<Vec<Option<usize>>>,
}

fn matrix() -> impl Strategy<Value = Matrix> {
    (2usize..=4, 2usize..=6, 2usize..=15).prop_flat_map(|(q, raters, units)| {
        let cell = prop_oneof![1 => Just(None), 4 => (0..q).prop_map(Some)];
        prop::collection::vec(prop::collection::vec(cell, raters), units)
            .prop_map(move |rows| Matrix { q, rows })
    })
}

/// Builds the matrix with raters and units inserted in the given orders and category `c` called
/// `LABELS[label_of[c]]`; the declared categories are the used labels in alphabetical order.
fn build(m: &Matrix, unit_order: &[usize], rater_order: &[usize], label_of: &[usize]) -> Ratings {
    let mut declared: Vec<String> = label_of[..m.q]
        .iter()
        .map(|&l| LABELS[l].to_owned())
        .collect();
    declared.sort();
    let mut b = RatingsBuilder::new(Level::Nominal, Some(declared)).unwrap();
    for &g in rater_order {
        b.declare_rater(&format!("r{g}"));
    }
    for &u in unit_order {
        let unit = format!("u{u}");
        b.declare_unit(&unit);
        for &g in rater_order {
            if let Some(c) = m.rows[u][g] {
                b.add(&unit, &format!("r{g}"), Some(LABELS[label_of[c]]))
                    .unwrap();
            }
        }
    }
    b.build().unwrap()
}

fn identity_order(n: usize) -> Vec<usize> {
    (0..n).collect()
}

/// The chance-corrected family on one matrix, as comparable numbers (estimate and se) or the error.
fn family(r: &Ratings) -> Vec<Result<(f64, Option<f64>), AgreementError>> {
    let w = Weights::unweighted(r);
    let pick = |e: Result<Estimate, AgreementError>| e.map(|e| (e.estimate, e.se));
    vec![
        percent_agreement(r, &w).map(|p| (p.estimate.estimate, p.estimate.se)),
        pick(fleiss_kappa(r, &w)),
        pick(conger_kappa(r, &w)),
        pick(gwet_ac1(r)),
        pick(brennan_prediger(r, &w)),
        pick(light_kappa(&pairwise_kappas(r))),
    ]
}

fn assert_same(
    a: &[Result<(f64, Option<f64>), AgreementError>],
    b: &[Result<(f64, Option<f64>), AgreementError>],
) {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        match (x, y) {
            (Ok((ex, sx)), Ok((ey, sy))) => {
                assert!((ex - ey).abs() < 1e-9, "coefficient {i}: {ex} vs {ey}");
                match (sx, sy) {
                    (Some(sx), Some(sy)) => assert!((sx - sy).abs() < 1e-9, "se {i}: {sx} vs {sy}"),
                    (None, None) => {}
                    _ => panic!("se {i}: {sx:?} vs {sy:?}"),
                }
            }
            (Err(ex), Err(ey)) => assert_eq!(ex, ey, "coefficient {i}"),
            _ => panic!("coefficient {i}: {x:?} vs {y:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn invariant_under_permuting_raters(
        (m, order) in matrix().prop_flat_map(|m| {
            let n = m.rows[0].len();
            (Just(m), Just(identity_order(n)).prop_shuffle())
        })
    ) {
        let units = identity_order(m.rows.len());
        let labels = identity_order(LABELS.len());
        let original = build(&m, &units, &identity_order(order.len()), &labels);
        let permuted = build(&m, &units, &order, &labels);
        assert_same(&family(&original), &family(&permuted));
    }

    #[test]
    fn invariant_under_permuting_units(
        (m, order) in matrix().prop_flat_map(|m| {
            let n = m.rows.len();
            (Just(m), Just(identity_order(n)).prop_shuffle())
        })
    ) {
        let raters = identity_order(m.rows[0].len());
        let labels = identity_order(LABELS.len());
        let original = build(&m, &identity_order(order.len()), &raters, &labels);
        let permuted = build(&m, &order, &raters, &labels);
        assert_same(&family(&original), &family(&permuted));
    }

    #[test]
    fn invariant_under_relabelling_nominal_categories(
        (m, label_of) in (matrix(), Just(identity_order(LABELS.len())).prop_shuffle())
    ) {
        let units = identity_order(m.rows.len());
        let raters = identity_order(m.rows[0].len());
        let original = build(&m, &units, &raters, &identity_order(LABELS.len()));
        let relabelled = build(&m, &units, &raters, &label_of);
        assert_same(&family(&original), &family(&relabelled));
    }

    /// Every rater who rates a unit gives it the unit's true category (some ratings missing).
    #[test]
    fn perfect_agreement_gives_one_where_defined(
        (truth, present, q) in (2usize..=5, 2usize..=6, 2usize..=15).prop_flat_map(|(q, raters, units)| (
            prop::collection::vec(0..q, units),
            prop::collection::vec(prop::collection::vec(prop::bool::weighted(0.8), raters), units),
            Just(q),
        ))
    ) {
        let rows: Vec<Vec<Option<f64>>> = truth
            .iter()
            .zip(&present)
            .map(|(&t, row)| row.iter().map(|&p| p.then_some(t as f64 + 1.0)).collect())
            .collect();
        let declared: Vec<f64> = (1..=q).map(|c| c as f64).collect();
        let r = Ratings::from_rows(Level::Ordinal, &rows, Some(&declared)).unwrap();
        let one = |what: &str, e: Result<Estimate, AgreementError>| -> Result<(), TestCaseError> {
            match e {
                Ok(e) => {
                    prop_assert!((e.estimate - 1.0).abs() < 1e-12, "{what} = {}", e.estimate);
                    Ok(())
                }
                Err(AgreementError::NoVariation | AgreementError::NoPairableUnits) => Ok(()),
                Err(other) => Err(TestCaseError::fail(format!("{what}: {other}"))),
            }
        };
        let w = Weights::unweighted(&r);
        one("pa", percent_agreement(&r, &w).map(|p| p.estimate))?;
        one("Fleiss", fleiss_kappa(&r, &w))?;
        one("Conger", conger_kappa(&r, &w))?;
        one("AC1", gwet_ac1(&r))?;
        one("BP", brennan_prediger(&r, &w))?;
        for scheme in WeightScheme::ALL {
            let weights = Weights::new(scheme, &r).unwrap();
            one(&format!("AC2 {scheme}"), gwet_ac2(&r, &weights))?;
            one(&format!("Fleiss {scheme}"), fleiss_kappa(&r, &weights))?;
        }
        let pairs = pairwise_kappas(&r);
        for p in &pairs {
            for k in [p.cohen_kappa, p.cohen_kappa_linear, p.cohen_kappa_quadratic].into_iter().flatten() {
                prop_assert!((k - 1.0).abs() < 1e-12, "Cohen {} {}: {k}", p.a, p.b);
            }
        }
        one("Light", light_kappa(&pairs))?;
        if let Ok(result) = icc(&r) {
            for form in [&result.icc1, &result.icc2_1, &result.icc3_1, &result.icc1_k, &result.icc2_k, &result.icc3_k] {
                one("ICC", form.clone())?;
            }
        }
        if let Ok(k) = kendall_w(&r) {
            prop_assert!((k.w - 1.0).abs() < 1e-12, "W = {}", k.w);
        }
    }
}

/// A matrix without a single rating (units and raters registered, every cell missing) is an error for every
/// coefficient, never a panic or a NaN.
#[test]
fn a_matrix_without_ratings_is_an_error_everywhere() {
    let mut b = RatingsBuilder::new(Level::Ordinal, None).unwrap();
    for unit in ["u1", "u2", "u3"] {
        for rater in ["a", "b", "c"] {
            b.add(unit, rater, None).unwrap();
        }
    }
    let r = b.build().unwrap();
    let w = Weights::unweighted(&r);
    assert_eq!(
        percent_agreement(&r, &w),
        Err(AgreementError::NoPairableUnits)
    );
    assert_eq!(fleiss_kappa(&r, &w), Err(AgreementError::NoPairableUnits));
    assert_eq!(conger_kappa(&r, &w), Err(AgreementError::NoPairableUnits));
    assert_eq!(gwet_ac1(&r), Err(AgreementError::NoPairableUnits));
    assert_eq!(
        brennan_prediger(&r, &w),
        Err(AgreementError::NoPairableUnits)
    );
    assert_eq!(
        agreement::fleiss_category_kappas(&r),
        Err(AgreementError::NoPairableUnits)
    );
    assert!(matches!(
        agreement::fleiss_z(&r),
        Err(AgreementError::TooFewCompleteUnits { found: 0, .. })
    ));
    assert_eq!(
        light_kappa(&pairwise_kappas(&r)),
        Err(AgreementError::NoPairableUnits)
    );
    assert!(matches!(
        icc(&r),
        Err(AgreementError::TooFewCompleteUnits { found: 0, .. })
    ));
    assert!(matches!(
        kendall_w(&r),
        Err(AgreementError::TooFewCompleteUnits { found: 0, .. })
    ));
}
