//! Criterion and theme scores from indicator scores on the operation scale (1–5), and the spider web (spindelvæv)
//! that draws the theme scores.
//!
//! The model text: "Ud fra den værdi, som indikatorerne er givet, udregnes der automatisk en samlet værdi for
//! opfyldelsesgraden for henholdsvis hvert kriterium og hvert tema. Værdien udregnes som et gennemsnit af henholdsvis
//! indikatorernes og kriteriernes værdier." A theme score is therefore the mean of its criterion scores (each
//! criterion weighs the same), not the mean of all its indicators.

use std::collections::BTreeMap;

use crate::kvalitetsmodel::{Kriterium, Kvalitetsmodel, Tema};
use crate::tilbudstype::Tilbud;

/// The lowest score on the operation scale ("i meget lav grad opfyldt").
pub const LAVESTE_SCORE: f64 = 1.0;
/// The highest score on the operation scale ("i meget høj grad opfyldt").
pub const HOEJESTE_SCORE: f64 = 5.0;

/// Why a set of indicator scores cannot be aggregated. Each message names the indicator.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AggregeringsFejl {
    /// A score for an indicator id that the model does not have.
    #[error("indikator »{indikator_id}« findes ikke i kvalitetsmodellen {version}")]
    UkendtIndikator {
        /// The unknown id.
        indikator_id: String,
        /// The model version.
        version: String,
    },
    /// A score for an indicator that does not apply to the offer.
    #[error(
        "indikator »{indikator_id}« gælder ikke for tilbuddet ({tilbud}) og kan derfor ikke have en score"
    )]
    GaelderIkke {
        /// The indicator's id.
        indikator_id: String,
        /// The offer.
        tilbud: Tilbud,
    },
    /// A score outside 1–5, or not a number.
    #[error("scoren {score} for indikator »{indikator_id}« ligger uden for skalaen 1–5")]
    UdenforSkala {
        /// The indicator's id.
        indikator_id: String,
        /// The refused score.
        score: f64,
    },
}

/// The score of one criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct Kriteriescore {
    /// The criterion's id (its number).
    pub kriterium_id: String,
    /// The mean of its rated indicators; `None` when none of them is rated.
    pub score: Option<f64>,
    /// How many of its indicators are rated.
    pub antal_bedoemte: usize,
    /// How many of its indicators apply to the offer.
    pub antal_gaeldende: usize,
}

/// The score of one theme, with its criteria.
#[derive(Clone, Debug, PartialEq)]
pub struct Temascore {
    /// The theme's id.
    pub tema_id: String,
    /// The theme's name.
    pub navn: String,
    /// The mean of its criteria that have a score; `None` when none has.
    pub score: Option<f64>,
    /// Every criterion of the theme, in model order, scored or not.
    pub kriterier: Vec<Kriteriescore>,
}

/// One spoke of the spider web: a theme and its score.
#[derive(Clone, Debug, PartialEq)]
pub struct SpindelvaevPunkt {
    /// The theme's id.
    pub tema_id: String,
    /// The theme's name, the spoke's label.
    pub navn: String,
    /// The theme's score; `None` draws no point on the spoke.
    pub score: Option<f64>,
}

/// Criterion and theme scores for `tilbud` from its indicator scores, every theme and criterion in model order.
///
/// Choices, all deliberate:
/// - A criterion's score is the plain mean of its indicators that apply to the offer and are rated. An indicator
///   without a score is left out (not counted as 0 or 1), and so is one that does not apply.
/// - A criterion with no rated indicator has no score (`None`); it is still listed, with its counts.
/// - A theme's score is the plain mean of its criteria that have a score; criteria without one are left out. A theme
///   with no scored criterion has no score.
/// - Scores are not rounded; rounding is for display.
///
/// # Errors
/// The scores are checked before anything is computed, in id order:
/// [`AggregeringsFejl::UkendtIndikator`] for an id the model does not have,
/// [`AggregeringsFejl::GaelderIkke`] for an indicator that does not apply to `tilbud` (a score there is a mistake,
/// not something to ignore), and [`AggregeringsFejl::UdenforSkala`] for a score outside 1–5 or not finite.
pub fn temascorer(
    model: &Kvalitetsmodel,
    tilbud: &Tilbud,
    scorer: &BTreeMap<String, f64>,
) -> Result<Vec<Temascore>, AggregeringsFejl> {
    kontroller_scorer(model, tilbud, scorer)?;
    Ok(model
        .temaer()
        .iter()
        .map(|tema| temascore(tema, tilbud, scorer))
        .collect())
}

/// The spider web's data: one point per theme, in model order, with the theme score of [`temascorer`].
///
/// Every theme is present, also one without a score, so the web always has the model's spokes in the same order.
///
/// # Errors
/// As [`temascorer`].
pub fn spindelvaev(
    model: &Kvalitetsmodel,
    tilbud: &Tilbud,
    scorer: &BTreeMap<String, f64>,
) -> Result<Vec<SpindelvaevPunkt>, AggregeringsFejl> {
    let temaer = temascorer(model, tilbud, scorer)?;
    Ok(temaer
        .into_iter()
        .map(|tema| SpindelvaevPunkt {
            tema_id: tema.tema_id,
            navn: tema.navn,
            score: tema.score,
        })
        .collect())
}

fn kontroller_scorer(
    model: &Kvalitetsmodel,
    tilbud: &Tilbud,
    scorer: &BTreeMap<String, f64>,
) -> Result<(), AggregeringsFejl> {
    for (indikator_id, &score) in scorer {
        let indikator =
            model
                .indikator(indikator_id)
                .ok_or_else(|| AggregeringsFejl::UkendtIndikator {
                    indikator_id: indikator_id.clone(),
                    version: model.version().to_owned(),
                })?;
        if !indikator.gaelder.omfatter(tilbud) {
            return Err(AggregeringsFejl::GaelderIkke {
                indikator_id: indikator_id.clone(),
                tilbud: *tilbud,
            });
        }
        // `contains` is false for NaN, so NaN is refused here too.
        if !(LAVESTE_SCORE..=HOEJESTE_SCORE).contains(&score) {
            return Err(AggregeringsFejl::UdenforSkala {
                indikator_id: indikator_id.clone(),
                score,
            });
        }
    }
    Ok(())
}

fn temascore(tema: &Tema, tilbud: &Tilbud, scorer: &BTreeMap<String, f64>) -> Temascore {
    let kriterier: Vec<Kriteriescore> = tema
        .kriterier
        .iter()
        .map(|kriterium| kriteriescore(kriterium, tilbud, scorer))
        .collect();
    let score = gennemsnit(kriterier.iter().filter_map(|kriterium| kriterium.score));
    Temascore {
        tema_id: tema.id.clone(),
        navn: tema.navn.clone(),
        score,
        kriterier,
    }
}

fn kriteriescore(
    kriterium: &Kriterium,
    tilbud: &Tilbud,
    scorer: &BTreeMap<String, f64>,
) -> Kriteriescore {
    let gaeldende: Vec<&str> = kriterium
        .gaeldende_indikatorer(tilbud)
        .map(|i| i.id.as_str())
        .collect();
    let bedoemte: Vec<f64> = gaeldende
        .iter()
        .filter_map(|id| scorer.get(*id).copied())
        .collect();
    Kriteriescore {
        kriterium_id: kriterium.id.clone(),
        score: gennemsnit(bedoemte.iter().copied()),
        antal_bedoemte: bedoemte.len(),
        antal_gaeldende: gaeldende.len(),
    }
}

/// The arithmetic mean, `None` for no values.
fn gennemsnit(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0_u32), |(sum, count), value| (sum + value, count + 1));
    (count > 0).then(|| sum / f64::from(count))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::aggregering::{AggregeringsFejl, SpindelvaevPunkt, spindelvaev, temascorer};
    use crate::kvalitetsmodel::Kvalitetsmodel;
    use crate::kvalitetsmodel::test_model::test_model;
    use crate::tilbudstype::{Tilbud, Tilbudstype};

    /// The crate's test model (`kvalitetsmodel/test_model.toml`): theme A (uddannelse-og-beskaeftigelse)
    /// has criterion 1 (1.a; 1.b not for efterskoler; 1.d only for efterskoler) and criterion 2 (2.a);
    /// theme B (organisation-og-ledelse) has criterion 8 (8.a; 8.c only private with a board) and
    /// criterion 14 (14.a).
    fn model() -> Kvalitetsmodel {
        test_model()
    }

    fn scorer(par: &[(&str, f64)]) -> BTreeMap<String, f64> {
        par.iter()
            .map(|&(id, score)| (id.to_owned(), score))
            .collect()
    }

    const BOTILBUD: Tilbud = Tilbud::new(Tilbudstype::Botilbud).med_bestyrelse(false);

    #[test]
    fn criterion_is_the_mean_of_its_indicators_and_theme_the_mean_of_its_criteria() {
        // By hand: criterion 1 = (4 + 1) / 2 = 2.5; criterion 2 = 5; theme A = (2.5 + 5) / 2 = 3.75.
        // The mean of all three indicators would be 10 / 3 = 3.33; the model says mean of criteria.
        let temaer = temascorer(
            &model(),
            &BOTILBUD,
            &scorer(&[("1.a", 4.0), ("1.b", 1.0), ("2.a", 5.0)]),
        )
        .unwrap();
        assert_eq!(temaer[0].kriterier[0].score, Some(2.5));
        assert_eq!(temaer[0].kriterier[1].score, Some(5.0));
        assert_eq!(temaer[0].score, Some(3.75));
        assert_eq!(
            (
                temaer[0].kriterier[0].antal_bedoemte,
                temaer[0].kriterier[0].antal_gaeldende
            ),
            (2, 2)
        );
    }

    #[test]
    fn a_non_applicable_indicator_is_not_part_of_its_criterion() {
        // For an efterskole 1.b does not apply (1.d does, unrated): criterion 1 = 1.a alone = 3;
        // theme A = (3 + 2) / 2 = 2.5.
        let efterskole = Tilbud::new(Tilbudstype::Efterskole);
        let temaer = temascorer(
            &model(),
            &efterskole,
            &scorer(&[("1.a", 3.0), ("2.a", 2.0)]),
        )
        .unwrap();
        assert_eq!(temaer[0].kriterier[0].score, Some(3.0));
        assert_eq!(
            (
                temaer[0].kriterier[0].antal_bedoemte,
                temaer[0].kriterier[0].antal_gaeldende
            ),
            (1, 2)
        );
        assert_eq!(temaer[0].score, Some(2.5));
        // Theme B: 8.c applies only to private offers with a board, so criterion 8 of a botilbud is 8.a alone.
        let temaer =
            temascorer(&model(), &BOTILBUD, &scorer(&[("8.a", 2.0), ("14.a", 4.0)])).unwrap();
        assert_eq!(temaer[1].kriterier[0].antal_gaeldende, 1);
        assert_eq!(temaer[1].score, Some(3.0)); // (2 + 4) / 2
    }

    #[test]
    fn a_theme_with_an_unrated_criterion_averages_the_rated_ones() {
        // Criterion 8 = (5 + 2) / 2 = 3.5 for a private offer with a board; criterion 14 unrated, so theme B = 3.5.
        let privat = Tilbud::new(Tilbudstype::Botilbud).med_bestyrelse(true);
        let temaer = temascorer(&model(), &privat, &scorer(&[("8.a", 5.0), ("8.c", 2.0)])).unwrap();
        assert_eq!(temaer[1].kriterier[0].score, Some(3.5));
        assert_eq!(temaer[1].kriterier[1].score, None);
        assert_eq!(temaer[1].kriterier[1].antal_bedoemte, 0);
        assert_eq!(temaer[1].score, Some(3.5));
        // Nothing in theme A was rated.
        assert_eq!(temaer[0].score, None);
    }

    #[test]
    fn a_missing_indicator_is_skipped_not_counted_as_zero() {
        // Criterion 1 has 1.a = 4 and 1.b unrated: its score is 4, not (4 + 0) / 2.
        let temaer = temascorer(&model(), &BOTILBUD, &scorer(&[("1.a", 4.0)])).unwrap();
        assert_eq!(temaer[0].kriterier[0].score, Some(4.0));
        assert_eq!(temaer[0].kriterier[0].antal_bedoemte, 1);
        assert_eq!(temaer[0].score, Some(4.0));
    }

    #[test]
    fn the_spider_web_has_every_theme_in_model_order() {
        let punkter = spindelvaev(&model(), &BOTILBUD, &scorer(&[("14.a", 1.0)])).unwrap();
        assert_eq!(
            punkter,
            [
                SpindelvaevPunkt {
                    tema_id: "uddannelse-og-beskaeftigelse".to_owned(),
                    navn: "Uddannelse og beskæftigelse".to_owned(),
                    score: None
                },
                SpindelvaevPunkt {
                    tema_id: "organisation-og-ledelse".to_owned(),
                    navn: "Organisation og ledelse".to_owned(),
                    score: Some(1.0)
                },
            ]
        );
    }

    #[test]
    fn no_scores_give_no_theme_scores() {
        let punkter = spindelvaev(&model(), &BOTILBUD, &BTreeMap::new()).unwrap();
        assert!(punkter.iter().all(|punkt| punkt.score.is_none()));
        assert_eq!(punkter.len(), 2);
    }

    #[test]
    fn a_score_for_an_unknown_indicator_is_refused_by_name() {
        let err = temascorer(&model(), &BOTILBUD, &scorer(&[("3.a", 3.0)])).unwrap_err();
        assert_eq!(
            err,
            AggregeringsFejl::UkendtIndikator {
                indikator_id: "3.a".to_owned(),
                version: "test".to_owned()
            }
        );
        assert_eq!(
            err.to_string(),
            "indikator »3.a« findes ikke i kvalitetsmodellen test"
        );
    }

    #[test]
    fn a_score_for_a_non_applicable_indicator_is_refused_by_name() {
        let err = spindelvaev(&model(), &BOTILBUD, &scorer(&[("8.c", 3.0)])).unwrap_err();
        assert_eq!(
            err,
            AggregeringsFejl::GaelderIkke {
                indikator_id: "8.c".to_owned(),
                tilbud: BOTILBUD
            }
        );
        assert_eq!(
            err.to_string(),
            "indikator »8.c« gælder ikke for tilbuddet (Botilbud) og kan derfor ikke have en score"
        );
        let efterskole = Tilbud::new(Tilbudstype::Efterskole);
        let err = temascorer(&model(), &efterskole, &scorer(&[("1.b", 3.0)])).unwrap_err();
        assert!(
            matches!(err, AggregeringsFejl::GaelderIkke { ref indikator_id, .. } if indikator_id == "1.b")
        );
    }

    #[test]
    fn scores_outside_one_to_five_are_refused() {
        for score in [0.0, 0.99, 5.01, 6.0, -1.0, f64::NAN, f64::INFINITY] {
            let err = temascorer(&model(), &BOTILBUD, &scorer(&[("1.a", score)])).unwrap_err();
            assert!(
                matches!(err, AggregeringsFejl::UdenforSkala { ref indikator_id, .. } if indikator_id == "1.a"),
                "{score}: {err:?}"
            );
        }
        let err = temascorer(&model(), &BOTILBUD, &scorer(&[("2.a", 6.0)])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scoren 6 for indikator »2.a« ligger uden for skalaen 1–5"
        );
        // The ends of the scale are valid.
        assert!(temascorer(&model(), &BOTILBUD, &scorer(&[("1.a", 1.0), ("2.a", 5.0)])).is_ok());
    }
}
