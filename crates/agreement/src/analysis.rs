//! The whole coefficient set on one ratings matrix, in the stable shape that `auditpanel agreement --format
//! json` prints and the web API returns.
//!
//! Which coefficients appear depends on the level: ICC and Kendall's W need ordered values and are absent at
//! the nominal level, as is AC2 (which equals AC1 with identity weights). A coefficient that exists at the
//! level but is undefined for the data (for example κ when every rating is the same) is `null`, with a
//! Danish note saying why. Nothing is ever NaN.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::interpretation::{interpret_alpha, interpret_kappa, kappa_paradox};
use crate::{
    AgreementError, Bootstrap, BootstrapConfig, CategoryDiagnostics, Estimate, Level,
    PairwiseKappa, RaterDiagnostics, Ratings, UnitDiagnostics, WeightScheme, Weights, bootstrap,
    bootstrap_alpha, brennan_prediger, category_diagnostics, conger_kappa, fleiss_kappa, gwet_ac1,
    gwet_ac2, icc, kendall_w, krippendorff_alpha, light_kappa, light_kappa_of, pairwise_kappas,
    percent_agreement, rater_diagnostics, unit_diagnostics,
};

/// Whether the analysis lists Cohen's κ for every pair of raters. Light's κ, their mean, is always computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pairwise {
    /// List the pairs when there are at most [`Pairwise::AUTO_MAX_RATERS`] raters (at most 435 pairs).
    #[default]
    Auto,
    /// Always list the pairs (with 200 raters, 19 900 of them).
    Always,
}

impl Pairwise {
    /// The most raters whose pairs [`Pairwise::Auto`] lists.
    pub const AUTO_MAX_RATERS: usize = 30;

    fn lists(self, raters: usize) -> bool {
        self == Pairwise::Always || raters <= Self::AUTO_MAX_RATERS
    }
}

/// What to compute beyond the point estimates.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnalysisOptions {
    /// Whether to list Cohen's κ for every pair of raters.
    pub pairwise: Pairwise,
    /// The weights for AC2; `None` uses the level's default ([`WeightScheme::default_for`]).
    pub weights: Option<WeightScheme>,
    /// Replace the analytic intervals by percentile bootstrap intervals over units for every coefficient.
    pub bootstrap: Option<BootstrapConfig>,
}

/// Every coefficient of the analysis, in the order of the JSON output. `None` means undefined for the data
/// (with a note); a name missing from the list means the level does not support it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coefficients(pub Vec<(&'static str, Option<Estimate>)>);

impl Coefficients {
    /// The estimate of `name`, if present and defined.
    pub fn get(&self, name: &str) -> Option<&Estimate> {
        self.0
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, e)| e.as_ref())
    }

    /// Whether `name` is part of the analysis at this level (defined or not).
    pub fn contains(&self, name: &str) -> bool {
        self.0.iter().any(|(n, _)| *n == name)
    }
}

impl Serialize for Coefficients {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, estimate) in &self.0 {
            map.serialize_entry(name, estimate)?;
        }
        map.end()
    }
}

/// The result of [`analyse`]: sizes, every coefficient, and the per-pair, per-rater, per-unit and
/// per-category diagnostics.
///
/// The counts keep the names `units` and `raters`; the per-rater and per-unit lists are `rater_stats` and
/// `unit_stats`, so that no JSON key appears twice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The level of measurement.
    pub level: Level,
    /// Number of units.
    pub units: usize,
    /// Number of raters.
    pub raters: usize,
    /// Number of ratings (non-missing cells).
    pub ratings: usize,
    /// Units with at least two ratings.
    pub pairable_units: usize,
    /// Units rated by every rater (what ICC and Kendall's W use).
    pub complete_units: usize,
    /// The categories in scale order.
    pub categories: Vec<String>,
    /// The weight scheme used for AC2.
    pub weights: WeightScheme,
    /// Share of the pairable units where every rating is the same.
    pub unanimous_share: Option<f64>,
    /// Every coefficient.
    pub coefficients: Coefficients,
    /// Cohen's κ for every pair of raters; empty when there are more than 30 raters and the options did not
    /// ask for them ([`Pairwise`]).
    pub pairwise: Vec<PairwiseKappa>,
    /// Per rater: n, mean, severity.
    pub rater_stats: Vec<RaterDiagnostics>,
    /// Per unit: n, spread, whether all agree.
    pub unit_stats: Vec<UnitDiagnostics>,
    /// Per category: prevalence and specific agreement.
    pub category_stats: Vec<CategoryDiagnostics>,
    /// Plain-Danish reading of the main coefficients.
    pub interpretation: Vec<String>,
    /// Why a coefficient is undefined, and how text categories were scored, in Danish.
    pub notes: Vec<String>,
}

/// A coefficient computed on a (possibly resampled) matrix.
type Statistic = fn(&Ratings, &Weights) -> Result<f64, AgreementError>;

/// Computes the whole coefficient set of `ratings` at its level.
///
/// `progress` is called with (done, total) after each coefficient, so that a command line can show how
/// far it has come (with a bootstrap, each step takes a while).
pub fn analyse(
    ratings: &Ratings,
    options: &AnalysisOptions,
    progress: &dyn Fn(usize, usize),
) -> Analysis {
    let level = ratings.level();
    let scheme = options
        .weights
        .unwrap_or_else(|| WeightScheme::default_for(level));
    let weights = Weights::new(scheme, ratings);
    let mut notes = Vec::new();
    let mut coefficients = Vec::new();
    let unweighted = Weights::unweighted(ratings);
    let percent = percent_agreement(ratings, &unweighted);
    let listed = options.pairwise.lists(ratings.n_raters());
    let pairwise = if listed {
        pairwise_kappas(ratings)
    } else {
        notes.push(format!(
            "Cohens κ for hvert par af bedømmere er ikke vist ved mere end {} bedømmere ({} par); \
             Lights κ er deres gennemsnit",
            Pairwise::AUTO_MAX_RATERS,
            ratings.n_raters() * (ratings.n_raters() - 1) / 2
        ));
        Vec::new()
    };

    let names = coefficient_names(level);
    let total = names.len();
    for (done, name) in names.into_iter().enumerate() {
        let analytic = analytic(
            name,
            ratings,
            &unweighted,
            weights.as_ref(),
            listed.then_some(&pairwise[..]),
        );
        let estimate = match (analytic, &options.bootstrap) {
            (Ok(point), Some(config)) => with_bootstrap(name, ratings, scheme, point, config),
            (result, _) => result,
        };
        match estimate {
            Ok(e) => coefficients.push((name, Some(e))),
            Err(err) => {
                notes.push(format!("{name}: {err}"));
                coefficients.push((name, None));
            }
        }
        progress(done + 1, total);
    }
    if level != Level::Nominal && ratings.scores_are_ranks() {
        notes.push(rank_note(ratings.category_labels()));
    }
    let coefficients = Coefficients(coefficients);
    let category_stats = category_diagnostics(ratings);
    let interpretation = interpretation(&coefficients, &category_stats);
    Analysis {
        level,
        units: ratings.n_units(),
        raters: ratings.n_raters(),
        ratings: ratings.n_ratings(),
        pairable_units: ratings.n_pairable_units(),
        complete_units: ratings.complete_units().len(),
        categories: ratings.category_labels().to_vec(),
        weights: scheme,
        unanimous_share: percent.as_ref().ok().map(|p| p.unanimous_share),
        coefficients,
        pairwise,
        rater_stats: rater_diagnostics(ratings, options.bootstrap.as_ref()),
        unit_stats: unit_diagnostics(ratings),
        category_stats,
        interpretation,
        notes,
    }
}

/// Says that text categories are scored by their ranks in the declared order.
fn rank_note(labels: &[String]) -> String {
    let ranks: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(k, label)| format!("{label} = {}", k + 1))
        .collect();
    format!(
        "kategorierne er tekst; de vægtede koefficienter, α og ICC bruger deres rangnumre i den angivne \
         rækkefølge som værdier: {}",
        ranks.join(", ")
    )
}

/// The coefficients reported at `level`, in output order.
fn coefficient_names(level: Level) -> Vec<&'static str> {
    let mut names = vec![
        "percent_agreement",
        "krippendorff_alpha",
        "fleiss_kappa",
        "conger_kappa",
        "light_kappa",
        "gwet_ac1",
    ];
    if level != Level::Nominal {
        names.push("gwet_ac2");
    }
    names.push("brennan_prediger");
    if level != Level::Nominal {
        names.extend([
            "kendall_w",
            "icc1",
            "icc2_1",
            "icc3_1",
            "icc1_k",
            "icc2_k",
            "icc3_k",
        ]);
    }
    names
}

/// The point estimate of `name` with its analytic interval where the reference gives one.
fn analytic(
    name: &str,
    ratings: &Ratings,
    unweighted: &Weights,
    weighted: Result<&Weights, &AgreementError>,
    pairwise: Option<&[PairwiseKappa]>,
) -> Result<Estimate, AgreementError> {
    match name {
        "percent_agreement" => percent_agreement(ratings, unweighted).map(|p| p.estimate),
        "krippendorff_alpha" => krippendorff_alpha(ratings, ratings.level()).map(Estimate::point),
        "fleiss_kappa" => fleiss_kappa(ratings, unweighted),
        "conger_kappa" => conger_kappa(ratings, unweighted),
        "light_kappa" => pairwise.map_or_else(|| light_kappa_of(ratings), light_kappa),
        "gwet_ac1" => gwet_ac1(ratings),
        "gwet_ac2" => gwet_ac2(ratings, weighted.map_err(Clone::clone)?),
        "brennan_prediger" => brennan_prediger(ratings, unweighted),
        "kendall_w" => kendall_w(ratings).map(|k| Estimate::point(k.w)),
        _ => icc_form(name, ratings),
    }
}

fn icc_form(name: &str, ratings: &Ratings) -> Result<Estimate, AgreementError> {
    let all = icc(ratings)?;
    match name {
        "icc1" => all.icc1,
        "icc2_1" => all.icc2_1,
        "icc3_1" => all.icc3_1,
        "icc1_k" => all.icc1_k,
        "icc2_k" => all.icc2_k,
        _ => all.icc3_k,
    }
}

/// The statistic behind `name` as a plain function of a matrix, for resampling.
fn statistic(name: &str) -> Statistic {
    match name {
        "percent_agreement" => {
            |r, _| percent_agreement(r, &Weights::unweighted(r)).map(|p| p.estimate.estimate)
        }
        "fleiss_kappa" => |r, _| fleiss_kappa(r, &Weights::unweighted(r)).map(|e| e.estimate),
        "conger_kappa" => |r, _| conger_kappa(r, &Weights::unweighted(r)).map(|e| e.estimate),
        "light_kappa" => |r, _| light_kappa_of(r).map(|e| e.estimate),
        "gwet_ac1" => |r, _| gwet_ac1(r).map(|e| e.estimate),
        "gwet_ac2" => |r, w| gwet_ac2(r, w).map(|e| e.estimate),
        "brennan_prediger" => {
            |r, _| brennan_prediger(r, &Weights::unweighted(r)).map(|e| e.estimate)
        }
        "kendall_w" => |r, _| kendall_w(r).map(|k| k.w),
        "icc1" => |r, _| icc(r)?.icc1.map(|e| e.estimate),
        "icc2_1" => |r, _| icc(r)?.icc2_1.map(|e| e.estimate),
        "icc3_1" => |r, _| icc(r)?.icc3_1.map(|e| e.estimate),
        "icc1_k" => |r, _| icc(r)?.icc1_k.map(|e| e.estimate),
        "icc2_k" => |r, _| icc(r)?.icc2_k.map(|e| e.estimate),
        _ => |r, _| icc(r)?.icc3_k.map(|e| e.estimate),
    }
}

/// The point estimate `point` with its interval replaced by a percentile bootstrap over units. Krippendorff's
/// α uses its fast path, which recomputes both observed and expected disagreement from each resample.
fn with_bootstrap(
    name: &str,
    ratings: &Ratings,
    scheme: WeightScheme,
    point: Estimate,
    config: &BootstrapConfig,
) -> Result<Estimate, AgreementError> {
    let result: Result<Bootstrap, AgreementError> = if name == "krippendorff_alpha" {
        bootstrap_alpha(ratings, ratings.level(), config)
    } else {
        let f = statistic(name);
        bootstrap(ratings, config, |r| f(r, &Weights::new(scheme, r)?))
    };
    // The point estimate stays the one on all the data; only the uncertainty comes from the resamples.
    result.map(|b| Estimate {
        estimate: point.estimate,
        ..b.estimate
    })
}

/// Danish sentences reading the main coefficients, and the κ paradox where it applies.
fn interpretation(coefficients: &Coefficients, categories: &[CategoryDiagnostics]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(alpha) = coefficients.get("krippendorff_alpha") {
        out.push(interpret_alpha(alpha.estimate));
    }
    if let Some(kappa) = coefficients.get("fleiss_kappa") {
        out.push(interpret_kappa("Fleiss' κ", kappa.estimate));
    }
    if let Some(ac1) = coefficients.get("gwet_ac1") {
        out.push(interpret_kappa("Gwets AC1", ac1.estimate));
    }
    let max_prevalence = categories
        .iter()
        .filter_map(|c| c.prevalence)
        .fold(0.0, f64::max);
    if let (Some(kappa), Some(ac1), Some(pa)) = (
        coefficients.get("fleiss_kappa"),
        coefficients.get("gwet_ac1"),
        coefficients.get("percent_agreement"),
    ) && let Some(paradox) =
        kappa_paradox(kappa.estimate, ac1.estimate, pa.estimate, max_prevalence)
    {
        out.push(paradox);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Method;

    /// Krippendorff (2011) section C data in Gwet's (2014, p. 120) version `cac.raw4raters`, where the single
    /// rating of unit 12 is by the third rater; one row per unit, `.` missing. α is the same as on
    /// Krippendorff's own version, because a unit with one rating does not enter it.
    const KRIPPENDORFF_C: &str = "
        1 1 . 1
        2 2 3 2
        3 3 3 3
        3 3 3 3
        2 2 2 2
        1 2 3 4
        4 4 4 4
        1 1 2 1
        2 2 2 2
        . 5 5 5
        . . 1 1
        . . 3 .";

    fn no_progress(_: usize, _: usize) {}

    #[test]
    fn the_whole_set_on_krippendorffs_c_data_matches_the_references() {
        let ratings = Ratings::parse_table(KRIPPENDORFF_C, Level::Ordinal).unwrap();
        let a = analyse(&ratings, &AnalysisOptions::default(), &no_progress);
        assert_eq!(
            (a.units, a.raters, a.ratings, a.pairable_units),
            (12, 4, 41, 11)
        );
        let c = &a.coefficients;
        // Krippendorff (2011) section C, ordinal: 0.815387503754881 (R irr 0.84.1, full precision).
        assert!((c.get("krippendorff_alpha").unwrap().estimate - 0.815387503754881).abs() < 1e-9);
        // R irrCAC 1.0 on cac.raw4raters: pa 0.81818, Fleiss 0.76117, Conger 0.76282, AC1 0.77544, BP 0.77273.
        for (name, expected) in [
            ("percent_agreement", 0.818181818181818),
            ("fleiss_kappa", 0.76117),
            ("conger_kappa", 0.76282),
            ("gwet_ac1", 0.77544),
            ("brennan_prediger", 0.77273),
        ] {
            let got = c.get(name).unwrap();
            assert!(
                (got.estimate - expected).abs() < 5e-6,
                "{name}: {}",
                got.estimate
            );
        }
        assert_eq!(c.get("gwet_ac1").unwrap().method, Some(Method::Analytic));
        assert!(c.contains("icc2_1") && c.contains("kendall_w"));
        assert_eq!(a.rater_stats.len(), 4);
        assert_eq!(a.unit_stats.len(), 12);
    }

    #[test]
    fn nominal_level_leaves_out_what_needs_order() {
        let ratings = Ratings::parse_table(KRIPPENDORFF_C, Level::Nominal).unwrap();
        let a = analyse(&ratings, &AnalysisOptions::default(), &no_progress);
        for absent in ["gwet_ac2", "kendall_w", "icc1", "icc3_k"] {
            assert!(!a.coefficients.contains(absent), "{absent}");
        }
        // Krippendorff (2011): nominal α = 0.743421052631579.
        assert!(
            (a.coefficients.get("krippendorff_alpha").unwrap().estimate - 0.743421052631579).abs()
                < 1e-9
        );
    }

    #[test]
    fn identical_ratings_give_null_with_a_note_never_nan() {
        let ratings = Ratings::parse_table("1 1 1\n1 1 1\n1 1 .", Level::Nominal).unwrap();
        let a = analyse(&ratings, &AnalysisOptions::default(), &no_progress);
        assert_eq!(
            a.coefficients.get("percent_agreement").map(|e| e.estimate),
            Some(1.0)
        );
        assert!(
            a.coefficients.contains("fleiss_kappa") && a.coefficients.get("fleiss_kappa").is_none()
        );
        assert!(
            a.notes
                .iter()
                .any(|n| n.starts_with("fleiss_kappa: ") && n.contains("samme værdi"))
        );
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains("\"fleiss_kappa\":null") && !json.contains("NaN"));
    }

    #[test]
    fn bootstrap_replaces_intervals_and_keeps_point_estimates() {
        let ratings = Ratings::parse_table(KRIPPENDORFF_C, Level::Interval).unwrap();
        let plain = analyse(&ratings, &AnalysisOptions::default(), &no_progress);
        let calls = std::cell::Cell::new(0);
        let options = AnalysisOptions {
            pairwise: Pairwise::Auto,
            weights: None,
            bootstrap: Some(BootstrapConfig::new(200, 7)),
        };
        let boot = analyse(&ratings, &options, &|_, _| calls.set(calls.get() + 1));
        assert_eq!(calls.get(), boot.coefficients.0.len());
        for (name, estimate) in &boot.coefficients.0 {
            let (Some(b), Some(p)) = (estimate, plain.coefficients.get(name)) else {
                continue;
            };
            assert_eq!(b.estimate, p.estimate, "{name}");
            assert_eq!(b.method, Some(Method::Bootstrap), "{name}");
            let [lo, hi] = b.ci95.unwrap();
            assert!(lo <= hi, "{name}");
        }
        // Same seed, same intervals.
        let again = analyse(&ratings, &options, &no_progress);
        assert_eq!(again.coefficients, boot.coefficients);
    }

    /// Ordered text categories at the interval level are scored by rank, by hand: two raters, units
    /// (lav, middel), (middel, middel), (høj, høj), so scores (1, 2), (2, 2), (3, 3).
    /// α interval: D_o = (1/6)·2·1² = 1/3; value counts n₁ = 1, n₂ = 3, n₃ = 2, so
    /// D_e = 2·(1·3·1² + 1·2·2² + 3·2·1²)/(6·5) = 34/30 and α = 1 − (1/3)/(34/30) = 12/17.
    /// AC2 quadratic: w₁₂ = w₂₃ = 3/4, w₁₃ = 0; p_a = (3/4 + 1 + 1)/3 = 11/12; π = (1/6, 1/2, 1/3);
    /// T_w/(q(q − 1)) = 6/6 = 1, so p_e = Σ π(1 − π) = 11/18 and AC2 = (11/12 − 11/18)/(1 − 11/18) = 11/14.
    #[test]
    fn ordered_text_categories_use_their_ranks_as_scores() {
        let declared = ["lav", "middel", "høj"].map(String::from).to_vec();
        let mut b = crate::RatingsBuilder::new(Level::Interval, Some(declared)).unwrap();
        for (unit, first, second) in [
            ("1", "lav", "middel"),
            ("2", "middel", "middel"),
            ("3", "høj", "høj"),
        ] {
            b.add(unit, "a", Some(first)).unwrap();
            b.add(unit, "b", Some(second)).unwrap();
        }
        let text = b.build().unwrap();
        let options = AnalysisOptions {
            pairwise: Pairwise::Auto,
            weights: Some(WeightScheme::Quadratic),
            bootstrap: None,
        };
        let a = analyse(&text, &options, &no_progress);
        let c = &a.coefficients;
        assert!((c.get("krippendorff_alpha").unwrap().estimate - 12.0 / 17.0).abs() < 1e-12);
        assert!((c.get("gwet_ac2").unwrap().estimate - 11.0 / 14.0).abs() < 1e-12);
        assert!(
            a.notes
                .iter()
                .any(|n| n.contains("lav = 1, middel = 2, høj = 3")),
            "{:?}",
            a.notes
        );
        // The same data written as the numbers 1–3 give every coefficient the same value.
        let numbers = Ratings::parse_table(
            "1 2
2 2
3 3",
            Level::Interval,
        )
        .unwrap();
        let b = analyse(&numbers, &options, &no_progress);
        for (name, estimate) in &b.coefficients.0 {
            let got = c.get(name).map(|e| e.estimate);
            assert_eq!(got, estimate.map(|e| e.estimate), "{name}");
        }
    }

    /// With more than 30 raters the pairs are listed only when asked, and Light's κ is the same either way
    /// (the mean of the same pairwise κ's). 31 raters on 40 units of synthetic 1–3 ratings: rater `g` gives
    /// unit `u` the value `1 + (u + g / 10) % 3`, so neighbouring raters mostly agree.
    #[test]
    fn pairs_of_a_large_panel_are_listed_only_when_asked() {
        let rows: Vec<Vec<Option<f64>>> = (0..40)
            .map(|u| {
                (0..31)
                    .map(|g| Some(1.0 + ((u + g / 10) % 3) as f64))
                    .collect()
            })
            .collect();
        let ratings = Ratings::from_rows(Level::Ordinal, &rows, None).unwrap();
        let auto = analyse(&ratings, &AnalysisOptions::default(), &no_progress);
        assert!(auto.pairwise.is_empty());
        assert!(
            auto.notes.iter().any(|n| n.contains("465 par")),
            "{:?}",
            auto.notes
        );
        let always = AnalysisOptions {
            pairwise: Pairwise::Always,
            ..AnalysisOptions::default()
        };
        let listed = analyse(&ratings, &always, &no_progress);
        assert_eq!(listed.pairwise.len(), 31 * 30 / 2);
        assert_eq!(
            auto.coefficients.get("light_kappa"),
            listed.coefficients.get("light_kappa")
        );
        assert_eq!(
            listed.coefficients.get("light_kappa").map(|e| e.estimate),
            crate::light_kappa(&listed.pairwise)
                .ok()
                .map(|e| e.estimate)
        );
    }

    #[test]
    fn json_has_the_documented_top_level_keys_in_order() {
        let ratings = Ratings::parse_table(KRIPPENDORFF_C, Level::Ordinal).unwrap();
        let json =
            serde_json::to_value(analyse(&ratings, &AnalysisOptions::default(), &no_progress))
                .unwrap();
        for key in [
            "level",
            "units",
            "raters",
            "ratings",
            "pairable_units",
            "categories",
            "coefficients",
            "pairwise",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["level"], "ordinal");
        let c = &json["coefficients"]["gwet_ac1"];
        for key in ["estimate", "se", "ci95", "method"] {
            assert!(c.get(key).is_some(), "{key}");
        }
        assert_eq!(json["pairwise"].as_array().unwrap().len(), 6); // 4 raters → 6 pairs
    }
}
