//! The overall agreement coefficients of one matrix, each defined or `None` with a Danish reason, and
//! their plain-Danish reading.
//!
//! Every number comes from the `agreement` crate; this module only picks the coefficients that fit the
//! level (AC2 with Gwet's ordinal weights on an ordinal scale), turns undefined ones into a note, and
//! collects the sentences of [`agreement::interpretation`].

use agreement::{
    AgreementError, BootstrapConfig, Estimate, Level, Method, Ratings, WeightScheme, Weights,
    interpretation,
};
use serde::{Deserialize, Serialize};

/// One coefficient: its value with standard error and 95 % interval where the crate gives them, or
/// `None` with a Danish note saying why it is undefined. Never NaN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coefficient {
    /// The point estimate; `None` when undefined.
    pub value: Option<f64>,
    /// The standard error, when there is one.
    pub se: Option<f64>,
    /// The 95 % interval `[lower, upper]`, when there is one.
    pub ci95: Option<[f64; 2]>,
    /// How the interval was obtained (Gwet's analytic variance, or a bootstrap over units).
    pub method: Option<Method>,
    /// Why the coefficient is undefined, in Danish ("alle bedømmelser er ens").
    pub note: Option<String>,
}

impl Coefficient {
    /// A defined coefficient from the crate's estimate; a non-finite value (which the crate never
    /// returns) is treated as undefined rather than passed on.
    pub fn from_estimate(estimate: &Estimate) -> Coefficient {
        if !estimate.estimate.is_finite() {
            return Coefficient::undefined("koefficienten kunne ikke beregnes".to_owned());
        }
        Coefficient {
            value: Some(estimate.estimate),
            se: estimate.se.filter(|s| s.is_finite()),
            ci95: estimate.ci95.filter(|c| c.iter().all(|x| x.is_finite())),
            method: estimate.method,
            note: None,
        }
    }

    /// A point value without interval (or undefined when not finite).
    pub fn point(value: f64) -> Coefficient {
        Coefficient::from_estimate(&Estimate::point(value))
    }

    /// An undefined coefficient with its reason.
    pub fn undefined(note: String) -> Coefficient {
        Coefficient {
            value: None,
            se: None,
            ci95: None,
            method: None,
            note: Some(note),
        }
    }

    /// The crate's answer as a coefficient: the estimate, or the error as a note.
    pub fn from_result(result: Result<Estimate, AgreementError>) -> Coefficient {
        match result {
            Ok(estimate) => Coefficient::from_estimate(&estimate),
            Err(err) => Coefficient::undefined(why_undefined(&err)),
        }
    }
}

/// The Danish reason for an undefined coefficient, short enough for a table cell.
pub fn why_undefined(err: &AgreementError) -> String {
    match err {
        AgreementError::NoVariation => "alle bedømmelser er ens".to_owned(),
        AgreementError::NoPairableUnits => {
            "ingen enhed er bedømt af mindst to bedømmere".to_owned()
        }
        other => other.to_string(),
    }
}

/// The overall coefficients of one matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coefficients {
    /// The level the matrix was analysed at.
    pub level: Level,
    /// Units with at least one rating.
    pub n_units: usize,
    /// Units with at least two ratings: the only ones that say anything about agreement.
    pub n_pairable_units: usize,
    /// Ratings with a value.
    pub n_ratings: usize,
    /// Raters with at least one rating.
    pub n_raters: usize,
    /// Pairwise percent agreement (the share of agreeing pairs of ratings per unit, averaged).
    pub percent_agreement: Coefficient,
    /// The share of pairable units on which every rating is the same.
    pub unanimous_share: Option<f64>,
    /// Krippendorff's α at the matrix's level, with a bootstrap interval when one was asked for.
    pub krippendorff_alpha: Coefficient,
    /// Fleiss' κ (unweighted, Gwet's form for missing data).
    pub fleiss_kappa: Coefficient,
    /// Gwet's AC1, robust to skewed prevalence.
    pub gwet_ac1: Coefficient,
    /// Gwet's AC2 with ordinal weights; only on an ordinal scale.
    pub gwet_ac2: Option<Coefficient>,
    /// Brennan–Prediger (unweighted; chance agreement one over the number of declared categories).
    pub brennan_prediger: Coefficient,
    /// The share of all ratings in the most common category (the skew behind the κ paradox).
    pub max_prevalence: Option<f64>,
    /// Plain-Danish sentences reading the figures, the κ-paradox explanation among them when it applies.
    pub interpretation: Vec<String>,
}

/// The overall coefficients of `ratings`; with `bootstrap`, Krippendorff's α gets a percentile interval
/// over units (the chance-corrected family always carries Gwet's analytic interval).
pub fn coefficients(ratings: &Ratings, bootstrap: Option<&BootstrapConfig>) -> Coefficients {
    let unweighted = Weights::unweighted(ratings);
    let level = ratings.level();
    let pa = agreement::percent_agreement(ratings, &unweighted);
    let alpha = match bootstrap {
        Some(config) => agreement::bootstrap_alpha(ratings, level, config).map(|b| b.estimate),
        None => agreement::krippendorff_alpha(ratings, level).map(Estimate::point),
    };
    let ac2 = (level == Level::Ordinal).then(|| {
        Coefficient::from_result(
            Weights::new(WeightScheme::Ordinal, ratings)
                .and_then(|w| agreement::gwet_ac2(ratings, &w)),
        )
    });
    let mut out = Coefficients {
        level,
        n_units: (0..ratings.n_units())
            .filter(|&u| ratings.unit_n(u) > 0)
            .count(),
        n_pairable_units: ratings.n_pairable_units(),
        n_ratings: ratings.n_ratings(),
        n_raters: (0..ratings.n_raters())
            .filter(|&r| (0..ratings.n_units()).any(|u| ratings.get(u, r).is_some()))
            .count(),
        unanimous_share: pa.as_ref().ok().map(|p| p.unanimous_share),
        percent_agreement: Coefficient::from_result(pa.map(|p| p.estimate)),
        krippendorff_alpha: Coefficient::from_result(alpha),
        fleiss_kappa: Coefficient::from_result(agreement::fleiss_kappa(ratings, &unweighted)),
        gwet_ac1: Coefficient::from_result(agreement::gwet_ac1(ratings)),
        gwet_ac2: ac2,
        brennan_prediger: Coefficient::from_result(agreement::brennan_prediger(
            ratings,
            &unweighted,
        )),
        max_prevalence: max_prevalence(ratings),
        interpretation: Vec::new(),
    };
    out.interpretation = interpret(&out);
    out
}

/// The largest prevalence of any category, from the crate's category diagnostics.
fn max_prevalence(ratings: &Ratings) -> Option<f64> {
    agreement::category_diagnostics(ratings)
        .iter()
        .filter_map(|c| c.prevalence)
        .max_by(f64::total_cmp)
}

/// The κ-paradox explanation for these figures, when κ and AC1 part ways under a skewed distribution.
pub fn paradox(c: &Coefficients) -> Option<String> {
    interpretation::kappa_paradox(
        c.fleiss_kappa.value?,
        c.gwet_ac1.value?,
        c.percent_agreement.value?,
        c.max_prevalence?,
    )
}

/// The sentences reading `c`: percent agreement, AC1 (and AC2), κ, α, and the κ paradox.
fn interpret(c: &Coefficients) -> Vec<String> {
    let Some(pa) = c.percent_agreement.value else {
        return vec![format!(
            "Der kan ikke beregnes nogen enighed: {}.",
            c.percent_agreement
                .note
                .as_deref()
                .unwrap_or("for få bedømmelser")
        )];
    };
    let mut out = vec![percent_sentence(pa, c.unanimous_share, c.n_pairable_units)];
    if let Some(ac1) = c.gwet_ac1.value {
        out.push(interpretation::interpret_kappa("Gwets AC1", ac1));
    }
    if let Some(ac2) = c.gwet_ac2.as_ref().and_then(|a| a.value) {
        out.push(interpretation::interpret_kappa(
            "Gwets AC2 (ordinale vægte)",
            ac2,
        ));
    }
    out.push(match c.fleiss_kappa.value {
        Some(kappa) => interpretation::interpret_kappa("Fleiss' κ", kappa),
        None => undefined_sentence("Fleiss' κ", &c.fleiss_kappa),
    });
    out.push(match c.krippendorff_alpha.value {
        Some(alpha) => interpretation::interpret_alpha(alpha),
        None => undefined_sentence("Krippendorffs α", &c.krippendorff_alpha),
    });
    out.extend(paradox(c));
    out
}

fn percent_sentence(pa: f64, unanimous: Option<f64>, units: usize) -> String {
    let mut text = format!(
        "Bedømmerne er enige i {} af alle par af bedømmelser af samme enhed",
        crate::danske_tal::percent(pa)
    );
    if let Some(share) = unanimous {
        text.push_str(&format!(
            ", og alle er enige om {} af de {units} enheder, som mindst to har bedømt",
            crate::danske_tal::percent(share)
        ));
    }
    text.push('.');
    text
}

fn undefined_sentence(name: &str, c: &Coefficient) -> String {
    format!(
        "{name} kan ikke beregnes: {}.",
        c.note.as_deref().unwrap_or("udefineret")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two raters, 20 units: 18 units both 1, one unit (1, 0), one unit (0, 1).
    fn skewed() -> Ratings {
        let mut rows = vec![vec![Some(1.0), Some(1.0)]; 18];
        rows.push(vec![Some(1.0), Some(0.0)]);
        rows.push(vec![Some(0.0), Some(1.0)]);
        Ratings::from_rows(Level::Nominal, &rows, Some(&[0.0, 1.0])).unwrap()
    }

    #[test]
    fn skewed_agreement_gets_the_kappa_paradox_explained() {
        // p_a = 18/20 = 0,9; 38 of 40 ratings are 1, π₁ = 0,95.
        // κ: p_e = 0,95² + 0,05² = 0,905, (0,9 − 0,905)/0,095 ≈ −0,0526.
        // AC1: p_e = 2·0,95·0,05 = 0,095, (0,9 − 0,095)/0,905 ≈ 0,8895.
        let c = coefficients(&skewed(), None);
        let kappa = c.fleiss_kappa.value.unwrap();
        let ac1 = c.gwet_ac1.value.unwrap();
        assert!((kappa - (0.9 - 0.905) / 0.095).abs() < 1e-12, "{kappa}");
        assert!((ac1 - (0.9 - 0.095) / 0.905).abs() < 1e-12, "{ac1}");
        assert_eq!(c.max_prevalence, Some(0.95));
        assert!((c.percent_agreement.value.unwrap() - 0.9).abs() < 1e-12);
        assert_eq!(
            (c.n_units, c.n_pairable_units, c.n_ratings, c.n_raters),
            (20, 20, 40, 2)
        );
        assert!(c.fleiss_kappa.ci95.is_some(), "Gwet's analytic interval");
        assert_eq!(c.gwet_ac2, None, "nominal: no AC2");
        let paradox = c
            .interpretation
            .iter()
            .find(|s| s.contains("κ-paradokset"))
            .unwrap();
        // Issue 12: one minus sign everywhere, U+2212 ("−0,05"), not the hyphen "-0,05".
        assert!(
            paradox.starts_with("κ (−0,05) er langt lavere end AC1 (0,89)"),
            "{paradox}"
        );
        assert!(
            c.interpretation[0].starts_with("Bedømmerne er enige i 90 %"),
            "{:?}",
            c.interpretation
        );
    }

    #[test]
    fn undefined_coefficients_say_why_in_danish() {
        let rows = vec![vec![Some(1.0), Some(1.0)]; 3];
        let same = Ratings::from_rows(Level::Ordinal, &rows, Some(&[1.0, 2.0, 3.0])).unwrap();
        let c = coefficients(&same, None);
        assert_eq!(c.fleiss_kappa.value, None);
        assert_eq!(
            c.fleiss_kappa.note.as_deref(),
            Some("alle bedømmelser er ens")
        );
        assert_eq!(c.krippendorff_alpha.value, None);
        assert_eq!(c.gwet_ac1.value, Some(1.0), "AC1 stays defined");
        assert!(c.gwet_ac2.is_some(), "ordinal: AC2 with ordinal weights");
        assert!(
            c.interpretation
                .iter()
                .any(|s| s == "Fleiss' κ kan ikke beregnes: alle bedømmelser er ens."),
            "{:?}",
            c.interpretation
        );

        let lonely = Ratings::from_rows(Level::Nominal, &[vec![Some(1.0), None]], None).unwrap();
        let c = coefficients(&lonely, None);
        assert_eq!(c.percent_agreement.value, None);
        assert_eq!(
            c.interpretation,
            ["Der kan ikke beregnes nogen enighed: ingen enhed er bedømt af mindst to bedømmere."]
        );
    }

    #[test]
    fn a_bootstrap_gives_alpha_an_interval() {
        let config = BootstrapConfig::new(200, 7);
        let c = coefficients(&skewed(), Some(&config));
        let alpha = agreement::krippendorff_alpha(&skewed(), Level::Nominal).unwrap();
        assert_eq!(c.krippendorff_alpha.value, Some(alpha));
        assert_eq!(c.krippendorff_alpha.method, Some(Method::Bootstrap));
        assert!(c.krippendorff_alpha.ci95.is_some());
    }
}
