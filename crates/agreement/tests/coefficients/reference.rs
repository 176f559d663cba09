//! Published reference values (`shared/reference/README.md`), each with its source.

use agreement::{
    Level, WeightScheme, Weights, brennan_prediger, cohen_kappa, conger_kappa,
    fleiss_category_kappas, fleiss_kappa, fleiss_z, gwet_ac1, gwet_ac2, icc, interpretation,
    light_kappa, pairwise_kappas, percent_agreement, scott_pi,
};

use crate::support::{assert_near, load};

/// Gwet (2014) Handbook of Inter-Rater Reliability, 4th ed., dataset `cac.raw4raters` (p. 120 per the R
/// irrCAC man page): 4 raters × 12 units, unit 12 rated by Rater3 only. Expected values: R irrCAC 1.0 output
/// (rounded by the package to 5 dp, hence the 5e-6 tolerance); percent agreement and the standard errors
/// also in the Python irrCAC 0.4.4 docstrings (irrCAC/raw.py) and afergadis/irrCAC test_gwet.py.
#[test]
fn gwet2014_raw4raters() {
    let r = load("gwet2014_raw4raters", Level::Interval, None);
    let unweighted = Weights::unweighted(&r);
    let pa = percent_agreement(&r, &unweighted).unwrap();
    assert_near("pa", pa.estimate.estimate, 0.818181818181818, 1e-9);
    let ac1 = gwet_ac1(&r).unwrap();
    assert_near("AC1", ac1.estimate, 0.77544, 5e-6);
    assert_near("AC1 se", ac1.se.unwrap(), 0.14295, 5e-6);
    let fleiss = fleiss_kappa(&r, &unweighted).unwrap();
    assert_near("Fleiss", fleiss.estimate, 0.76117, 5e-6);
    assert_near("Fleiss se", fleiss.se.unwrap(), 0.15302, 5e-6);
    assert_near(
        "Conger",
        conger_kappa(&r, &unweighted).unwrap().estimate,
        0.76282,
        5e-6,
    );
    assert_near(
        "BP",
        brennan_prediger(&r, &unweighted).unwrap().estimate,
        0.77273,
        5e-6,
    );
    let w = |s| Weights::new(s, &r).unwrap();
    assert_near(
        "AC2 quadratic",
        gwet_ac2(&r, &w(WeightScheme::Quadratic)).unwrap().estimate,
        0.914,
        5e-6,
    );
    assert_near(
        "AC2 linear",
        gwet_ac2(&r, &w(WeightScheme::Linear)).unwrap().estimate,
        0.85874,
        5e-6,
    );
    assert_near(
        "AC2 ordinal",
        gwet_ac2(&r, &w(WeightScheme::Ordinal)).unwrap().estimate,
        0.89894,
        5e-6,
    );
    assert_near(
        "Fleiss quadratic",
        fleiss_kappa(&r, &w(WeightScheme::Quadratic))
            .unwrap()
            .estimate,
        0.86494,
        5e-6,
    );
}

/// Krippendorff, K. (2011) Computing Krippendorff's Alpha-Reliability, section C (4 observers × 12 units,
/// unit 12 rated by B only). Expected values: R irrCAC 1.0 output (rounded by the package to 5 dp); percent
/// agreement pa.coeff.raw (pairwise, over units with ≥ 2 ratings).
#[test]
fn krippendorff2011_c() {
    let r = load(
        "krippendorff2011_C",
        Level::Interval,
        Some(&["1", "2", "3", "4", "5"]),
    );
    let w = Weights::unweighted(&r);
    assert_near(
        "pa",
        percent_agreement(&r, &w).unwrap().estimate.estimate,
        0.818181818181818,
        1e-9,
    );
    assert_near(
        "Fleiss",
        fleiss_kappa(&r, &w).unwrap().estimate,
        0.76117,
        5e-6,
    );
    assert_near(
        "Conger",
        conger_kappa(&r, &w).unwrap().estimate,
        0.76207,
        5e-6,
    );
    assert_near("AC1", gwet_ac1(&r).unwrap().estimate, 0.77544, 5e-6);
    assert_near(
        "BP",
        brennan_prediger(&r, &w).unwrap().estimate,
        0.77273,
        5e-6,
    );
}

/// Fleiss, J.L. (1971) Measuring nominal scale agreement among many raters. Psychol. Bull. 76(5), 378–382:
/// 30 patients × 6 raters (R irr `diagnoses`). κ = .430 and the category κ's as published, full precision
/// from R irr 0.84.1 kappam.fleiss (as asserted in statsmodels 0.15.0 test_inter_rater.py); Conger from
/// irr kappam.fleiss(exact = TRUE); AC1, BP and pa from R irrCAC 1.0 (5 dp); z from statsmodels' R irr value.
#[test]
fn fleiss1971_diagnoses() {
    let r = load("fleiss1971_diagnoses", Level::Nominal, None);
    let w = Weights::unweighted(&r);
    assert_near(
        "Fleiss",
        fleiss_kappa(&r, &w).unwrap().estimate,
        0.430244520060141,
        1e-9,
    );
    let per_category = fleiss_category_kappas(&r).unwrap();
    let expected = [
        0.244755244755245,
        0.244755244755245,
        0.52,
        0.471127272727272,
        0.566117806823969,
    ];
    for (k, (got, want)) in per_category.iter().zip(expected).enumerate() {
        assert_near(&format!("category {}", k + 1), got.unwrap(), want, 5e-9);
    }
    assert_near(
        "Conger",
        conger_kappa(&r, &w).unwrap().estimate,
        0.441808540329333,
        1e-9,
    );
    assert_near("AC1", gwet_ac1(&r).unwrap().estimate, 0.44788, 5e-6);
    assert_near(
        "BP",
        brennan_prediger(&r, &w).unwrap().estimate,
        0.44444,
        5e-6,
    );
    assert_near(
        "pa",
        percent_agreement(&r, &w).unwrap().estimate.estimate,
        0.555555555555556,
        1e-9,
    );
    let pairs = pairwise_kappas(&r);
    assert_eq!(pairs.len(), 15);
    assert_near(
        "Light",
        light_kappa(&pairs).unwrap().estimate,
        0.459412144434595,
        1e-9,
    );
    let test = fleiss_z(&r).unwrap();
    assert_eq!((test.units, test.raters), (30, 6));
    assert_near("z", test.z, 17.65183, 5e-6);
    assert_near("κ of the z test", test.kappa, 0.430244520060141, 1e-9);
}

/// Feinstein, A.R. & Cicchetti, D.V. (1990) High agreement but low kappa: I. J Clin Epidemiol 43(6), 543–549,
/// balanced table (a): p_o = .85, κ = .70. Full-precision κ: R irr 0.84.1 kappa2; AC1 and BP: R irrCAC 1.0.
#[test]
fn feinstein_cicchetti_a() {
    let r = load("feinstein_cicchetti_a", Level::Nominal, Some(&["0", "1"]));
    let w = Weights::unweighted(&r);
    assert_near(
        "pa",
        percent_agreement(&r, &w).unwrap().estimate.estimate,
        0.85,
        1e-12,
    );
    assert_near(
        "Cohen",
        cohen_kappa(&r, 0, 1, &w).unwrap(),
        0.699519230769231,
        1e-9,
    );
    assert_near(
        "pairwise Cohen",
        pairwise_kappas(&r)[0].cohen_kappa.unwrap(),
        0.699519230769231,
        1e-9,
    );
    assert_near("AC1", gwet_ac1(&r).unwrap().estimate, 0.70075, 5e-6);
    assert_near("BP", brennan_prediger(&r, &w).unwrap().estimate, 0.7, 1e-9);
}

/// Feinstein & Cicchetti (1990), skewed table (b): the same p_o = .85 but κ collapses to .32 while AC1 stays
/// .81 (the κ paradox). Full-precision κ and Scott's π (kappam.fleiss on two raters): R irr 0.84.1; AC1 and
/// BP: R irrCAC 1.0.
#[test]
fn feinstein_cicchetti_b() {
    let r = load("feinstein_cicchetti_b", Level::Nominal, Some(&["0", "1"]));
    let w = Weights::unweighted(&r);
    assert_near(
        "pa",
        percent_agreement(&r, &w).unwrap().estimate.estimate,
        0.85,
        1e-12,
    );
    assert_near(
        "Cohen",
        cohen_kappa(&r, 0, 1, &w).unwrap(),
        0.318181818181818,
        1e-9,
    );
    assert_near(
        "pairwise Cohen",
        pairwise_kappas(&r)[0].cohen_kappa.unwrap(),
        0.318181818181818,
        1e-9,
    );
    assert_near(
        "Scott",
        scott_pi(&r, 0, 1).unwrap(),
        0.314285714285714,
        1e-9,
    );
    // Fleiss' κ on two raters with complete data is Scott's π.
    assert_near(
        "Fleiss = Scott",
        fleiss_kappa(&r, &w).unwrap().estimate,
        0.314285714285714,
        1e-9,
    );
    assert_near("AC1", gwet_ac1(&r).unwrap().estimate, 0.808, 5e-6);
    assert_near("BP", brennan_prediger(&r, &w).unwrap().estimate, 0.7, 1e-9);

    // The Danish reading names the paradox: 175 of the 200 ratings are "1" (80 + 80 + 10 + 5).
    let ones: u32 = (0..r.n_units()).map(|u| r.unit_counts(u)[1]).sum();
    let prevalence = f64::from(ones) / r.n_ratings() as f64;
    assert_near("prevalence", prevalence, 0.875, 1e-12);
    let kappa = cohen_kappa(&r, 0, 1, &w).unwrap();
    let ac1 = gwet_ac1(&r).unwrap().estimate;
    let pa = percent_agreement(&r, &w).unwrap().estimate.estimate;
    let text = interpretation::kappa_paradox(kappa, ac1, pa, prevalence).unwrap();
    assert!(
        text.starts_with("κ (0,32) er langt lavere end AC1 (0,81)"),
        "{text}"
    );
    assert_eq!(
        interpretation::interpret_kappa("Cohens κ", kappa),
        "Cohens κ = 0,32: rimelig overensstemmelse (Landis & Koch 1977: 0,21–0,40)."
    );
}

/// Shrout, P.E. & Fleiss, J.L. (1979) Intraclass correlations: uses in assessing rater reliability. Psychol.
/// Bull. 86(2), 420–428: Table 2 (6 targets × 4 judges), Table 4 ICCs (.17, .29, .71, .44, .62, .91); full
/// precision from R irr 0.84.1 `icc` and psych 2.2.9 `ICC`. The intervals are R psych's printed output for
/// the same data (the `ICC` help example), lower limits to 3 decimals and upper limits to 2.
#[test]
fn shrout_fleiss1979() {
    let r = load("shrout_fleiss1979", Level::Interval, None);
    let result = icc(&r).unwrap();
    assert_eq!((result.units, result.raters), (6, 4));
    let forms = [
        ("ICC(1)", &result.icc1, 0.165741768405475, [-0.133, 0.72]),
        ("ICC(2,1)", &result.icc2_1, 0.289763779527559, [0.019, 0.76]),
        ("ICC(3,1)", &result.icc3_1, 0.714840714840715, [0.342, 0.95]),
        (
            "ICC(1,k)",
            &result.icc1_k,
            0.442797133679269,
            [-0.884, 0.91],
        ),
        ("ICC(2,k)", &result.icc2_k, 0.620050547598989, [0.071, 0.93]),
        ("ICC(3,k)", &result.icc3_k, 0.909315542377069, [0.676, 0.99]),
    ];
    for (name, estimate, value, [lo, hi]) in forms {
        let estimate = estimate.as_ref().unwrap();
        assert_near(name, estimate.estimate, value, 1e-9);
        let ci = estimate.ci95.unwrap();
        assert_near(&format!("{name} lower"), ci[0], lo, 5e-4);
        assert_near(&format!("{name} upper"), ci[1], hi, 5e-3);
    }
    // psych prints F = 1.8 on (5, 18), p = 0.16477, and F = 11.0 on (5, 15), p = 0.00013; R DescTools::ICC
    // prints the same data as F = 1.79, p = 0.164769 and F = 11.03, p = 0.000135.
    let (one_way, two_way) = (result.f_one_way.unwrap(), result.f_two_way.unwrap());
    assert_near("F one-way", one_way.f, 1.795, 5e-3);
    assert_near("p one-way", one_way.p_value, 0.16477, 5e-6);
    assert_near("F two-way", two_way.f, 11.03, 5e-3);
    assert_near("p two-way", two_way.p_value, 0.000135, 5e-6);
}

/// Every weight scheme on Gwet's (2014) `cac.raw4raters`, for Fleiss, Conger, AC2 and Brennan–Prediger:
/// value, standard error and lower 95 % limit (the upper limit is capped at 1), and the weighted percent
/// agreement. Expected values: Python irrCAC 0.4.4 with `digits=3` (afergadis/irrCAC
/// test/unit/irrCAC/raw/test_fleiss.py, test_conger.py, test_gwet.py, test_bp.py), a port of R irrCAC;
/// rounded to 3 decimals, hence the tolerance. The unweighted rows come from the same files (Fleiss' and
/// Conger's standard errors there are only implied by their intervals).
#[test]
fn gwet2014_raw4raters_every_weight_scheme() {
    let r = load("gwet2014_raw4raters", Level::Interval, None);
    type Row = (f64, Option<f64>, f64);
    // (scheme, percent agreement, Fleiss, Conger, AC1/AC2, BP), each coefficient (value, se, lower limit).
    let table: [(WeightScheme, f64, Row, Row, Row, Row); 8] = [
        (
            WeightScheme::Identity,
            0.818,
            (0.761, None, 0.424),
            (0.763, None, 0.435),
            (0.775, Some(0.143), 0.461),
            (0.773, Some(0.145), 0.454),
        ),
        (
            WeightScheme::Bipolar,
            0.968,
            (0.853, Some(0.145), 0.535),
            (0.845, Some(0.142), 0.532),
            (0.900, Some(0.106), 0.667),
            (0.888, Some(0.112), 0.641),
        ),
        (
            WeightScheme::Circular,
            0.902,
            (0.807, Some(0.149), 0.479),
            (0.805, Some(0.147), 0.481),
            (0.830, Some(0.133), 0.538),
            (0.824, Some(0.137), 0.522),
        ),
        (
            WeightScheme::Linear,
            0.939,
            (0.818, Some(0.149), 0.491),
            (0.814, Some(0.145), 0.494),
            (0.859, Some(0.117), 0.600),
            (0.848, Some(0.123), 0.577),
        ),
        (
            WeightScheme::Ordinal,
            0.968,
            (0.850, Some(0.147), 0.527),
            (0.844, Some(0.144), 0.526),
            (0.899, Some(0.107), 0.664),
            (0.886, Some(0.114), 0.636),
        ),
        (
            WeightScheme::Quadratic,
            0.975,
            (0.865, Some(0.146), 0.544),
            (0.858, Some(0.144), 0.541),
            (0.914, Some(0.104), 0.685),
            (0.902, Some(0.111), 0.657),
        ),
        (
            WeightScheme::Radical,
            0.897,
            (0.790, Some(0.150), 0.460),
            (0.788, Some(0.146), 0.466),
            (0.820, Some(0.128), 0.537),
            (0.813, Some(0.133), 0.520),
        ),
        (
            WeightScheme::Ratio,
            0.954,
            (0.821, Some(0.152), 0.486),
            (0.812, Some(0.149), 0.485),
            (0.857, Some(0.122), 0.589),
            (0.840, Some(0.132), 0.549),
        ),
    ];
    let tolerance = 5.01e-4;
    for (scheme, pa, fleiss, conger, gwet, bp) in table {
        let w = Weights::new(scheme, &r).unwrap();
        let got_pa = percent_agreement(&r, &w).unwrap().estimate.estimate;
        assert_near(&format!("pa {scheme}"), got_pa, pa, tolerance);
        let results = [
            ("Fleiss", fleiss_kappa(&r, &w).unwrap(), fleiss),
            ("Conger", conger_kappa(&r, &w).unwrap(), conger),
            ("AC2", gwet_ac2(&r, &w).unwrap(), gwet),
            ("BP", brennan_prediger(&r, &w).unwrap(), bp),
        ];
        for (name, got, (value, se, lower)) in results {
            let what = format!("{name} {scheme}");
            assert_near(&what, got.estimate, value, tolerance);
            if let Some(se) = se {
                assert_near(&format!("{what} se"), got.se.unwrap(), se, tolerance);
            }
            let [lo, hi] = got.ci95.unwrap();
            assert_near(&format!("{what} lower"), lo, lower, tolerance);
            assert_eq!(hi, 1.0, "{what} upper limit is capped at 1");
        }
    }
}

/// The two abstractors' 3 × 3 table `cont3x3abstractors` of R irrCAC 1.0 (Gwet 2014, ch. 2: 100 cases
/// classified Ectopic / AIU / NIU by two abstractors), expanded to raw ratings: rows are the first
/// abstractor, columns the second.
fn cont3x3abstractors() -> agreement::Ratings {
    let categories = ["Ectopic", "AIU", "NIU"];
    let table = [[13, 0, 0], [0, 20, 7], [0, 4, 56]];
    let declared = categories.iter().map(|c| (*c).to_owned()).collect();
    let mut builder = agreement::RatingsBuilder::new(Level::Nominal, Some(declared)).unwrap();
    let mut unit = 0;
    for (k, row) in table.iter().enumerate() {
        for (l, &count) in row.iter().enumerate() {
            for _ in 0..count {
                unit += 1;
                let id = unit.to_string();
                builder.add(&id, "A", Some(categories[k])).unwrap();
                builder.add(&id, "B", Some(categories[l])).unwrap();
            }
        }
    }
    builder.build().unwrap()
}

/// Two raters who rated the same units get Gwet's (2008) two-rater variance of R irrCAC
/// `gwet.ac1.table(cont3x3abstractors)`. Published values (rounded to 5 dp): the Python irrCAC 0.4 port's
/// docstring of `irrCAC.table.CAC.gwet` on the same table, AC1 0.84933, se 0.04322, 95 % (0.76358, 0.93508),
/// and with quadratic weights AC2 0.94024, se 0.01792, (0.90468, 0.97579). Full precision by hand from the
/// formula: p_a = 0.89, π = (0.13, 0.255, 0.615), p_e = Σ π(1 − π)/2 = 0.269925, AC1 = 0.849330548231346,
/// v = [Σ p_kl (w_kl − (1 − AC1)(1 − (π_k + π_l)/2))² − (p_a − 2 (1 − AC1) p_e)²] / (n (1 − p_e)²),
/// se = 0.0432174675225593.
#[test]
fn gwet2008_two_raters_from_their_table() {
    let r = cont3x3abstractors();
    let ac1 = gwet_ac1(&r).unwrap();
    assert_near("AC1", ac1.estimate, 0.849330548231346, 1e-12);
    assert_near("AC1 se", ac1.se.unwrap(), 0.0432174675225593, 1e-12);
    assert_near("AC1 se (published)", ac1.se.unwrap(), 0.04322, 5e-6);
    let [lo, hi] = ac1.ci95.unwrap();
    assert_near("AC1 lower", lo, 0.76358, 5e-6);
    assert_near("AC1 upper", hi, 0.93508, 5e-6);
    assert_eq!(ac1.variance, Some(agreement::Variance::GwetTwoRaters));

    let quadratic = Weights::new(WeightScheme::Quadratic, &r).unwrap();
    let ac2 = gwet_ac2(&r, &quadratic).unwrap();
    assert_near("AC2", ac2.estimate, 0.94024, 5e-6);
    assert_near("AC2 se", ac2.se.unwrap(), 0.01792, 5e-6);
    let [lo, hi] = ac2.ci95.unwrap();
    assert_near("AC2 lower", lo, 0.90468, 5e-6);
    assert_near("AC2 upper", hi, 0.97579, 5e-6);
    assert_eq!(ac2.variance, Some(agreement::Variance::GwetTwoRaters));

    // The coefficients without a two-rater formula here keep the raw-ratings variance.
    let fleiss = fleiss_kappa(&r, &Weights::unweighted(&r)).unwrap();
    assert_eq!(fleiss.variance, Some(agreement::Variance::GwetRaw));
}

/// With a unit rated by only one of the two raters the table formula does not apply (it assumes both rated
/// every unit), so AC1 keeps Gwet's raw-ratings variance and says so.
#[test]
fn two_raters_with_a_missing_rating_keep_the_raw_variance() {
    let mut builder = agreement::RatingsBuilder::new(Level::Nominal, None).unwrap();
    for (unit, a, b) in [
        ("1", "x", Some("x")),
        ("2", "y", Some("y")),
        ("3", "x", Some("y")),
        ("4", "y", None),
    ] {
        builder.add(unit, "A", Some(a)).unwrap();
        builder.add(unit, "B", b).unwrap();
    }
    let r = builder.build().unwrap();
    let ac1 = gwet_ac1(&r).unwrap();
    assert_eq!(ac1.variance, Some(agreement::Variance::GwetRaw));
    assert!(ac1.se.is_some());
}
