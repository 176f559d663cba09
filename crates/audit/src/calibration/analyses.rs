//! Agreement by scale: the whole coefficient set (`agreement::analyse`) of an audit's scored items in one
//! round, grouped so that items on different scales never share a matrix. This is what the agreement
//! API answers; the grouping is a domain rule, so it lives here and the API only serialises it.
//!
//! When every scored item is on one scale (the usual case) there is one analysis; when the forms use
//! different scales there is one per form with scored items that have ratings in the round.

use agreement::{Analysis, AnalysisOptions, analyse};
use serde::Serialize;

use super::{Items, MatrixError, Selection, build};
use crate::{Audit, Rating, Round};

/// The body of the answer: one analysis, or one per form.
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AgreementBody {
    /// Every scored item is on one scale: the analysis itself.
    Single(Box<Analysis>),
    /// The forms use different scales: one analysis per form.
    Forms {
        /// The forms with scored ratings in the round, in audit order.
        forms: Vec<FormAnalysis>,
    },
}

/// The analysis of one form's scored items.
#[derive(Debug, PartialEq, Serialize)]
pub struct FormAnalysis {
    /// The form's index in the audit (0 for the first).
    pub form: usize,
    /// Its title.
    pub titel: String,
    /// Its scale's id ("godkendelse", "drift", "ordinal", "tjekliste").
    pub scale: &'static str,
    /// The coefficient set.
    pub analysis: Analysis,
}

/// The analyses of `audit`'s scored items in `round` from `ratings` (already visibility-filtered);
/// `None` when there is nothing to analyse.
///
/// # Errors
/// [`MatrixError`] when a stored rating does not fit its item, which the domain's checks on entry rule
/// out.
pub fn analyses(
    audit: &Audit,
    ratings: &[Rating],
    round: Round,
) -> Result<Option<AgreementBody>, MatrixError> {
    let scored = |f: &crate::RatingForm| f.items.iter().any(|i| i.kind.is_scored());
    let mut scales: Vec<&crate::Scale> = Vec::new();
    for form in audit.forms.iter().filter(|f| scored(f)) {
        if !scales.contains(&&form.scale) {
            scales.push(&form.scale);
        }
    }
    let analysis = |items: Items| -> Result<Option<Analysis>, MatrixError> {
        let selection = Selection {
            round,
            ..Selection::new(items)
        };
        match build(audit, ratings, &selection) {
            Ok(m) => Ok(Some(analyse(
                &m.ratings,
                &AnalysisOptions::default(),
                &|_, _| {},
            ))),
            Err(MatrixError::NoRatings(_) | MatrixError::NoItems) => Ok(None),
            Err(err) => Err(err),
        }
    };
    if scales.len() <= 1 {
        return Ok(analysis(Items::Scored)?.map(|a| AgreementBody::Single(Box::new(a))));
    }
    let mut forms = Vec::new();
    for (index, form) in audit.forms.iter().enumerate() {
        let ids: Vec<_> = form
            .items
            .iter()
            .filter(|i| i.kind.is_scored())
            .map(|i| i.id.clone())
            .collect();
        if ids.is_empty() {
            continue;
        }
        if let Some(analysis) = analysis(Items::Only(ids))? {
            forms.push(FormAnalysis {
                form: index,
                titel: form.titel.clone(),
                scale: form.scale.id(),
                analysis,
            });
        }
    }
    Ok((!forms.is_empty()).then_some(AgreementBody::Forms { forms }))
}

#[cfg(test)]
mod tests {
    use super::{AgreementBody, analyses};
    use crate::calibration::fixture::{audit, form, indicator, scored_audit, scores, v};
    use crate::{Round, Scale, Tilsyn};

    const PANEL: [(&str, Tilsyn); 2] = [("anna", Tilsyn::Midt), ("bo", Tilsyn::Syd)];
    const MATERIAL: [(&str, Tilsyn); 3] = [
        ("a", Tilsyn::Nord),
        ("b", Tilsyn::Oest),
        ("c", Tilsyn::Hovedstaden),
    ];

    #[test]
    fn one_scale_is_one_analysis_of_every_scored_item() {
        let audit = scored_audit(Scale::Drift, &["8.a", "8.b"], &PANEL, &MATERIAL);
        let mut ratings = scores(
            "8.a",
            Round::First,
            &["anna", "bo"],
            &[
                ("a", &[v(1), v(1)]),
                ("b", &[v(3), v(3)]),
                ("c", &[v(5), v(4)]),
            ],
        );
        ratings.extend(scores(
            "8.b",
            Round::First,
            &["anna", "bo"],
            &[("a", &[v(2), v(2)])],
        ));
        let Some(AgreementBody::Single(analysis)) =
            analyses(&audit, &ratings, Round::First).unwrap()
        else {
            panic!("one scale gives one analysis");
        };
        // Units are every scored item × material (2 × 3, unrated cells missing); ratings the 3 × 2 of
        // 8.a and the 1 × 2 of 8.b.
        assert_eq!(
            (analysis.units, analysis.raters, analysis.ratings),
            (6, 2, 8)
        );
        assert_eq!(
            analyses(&audit, &ratings, Round::Second).unwrap(),
            None,
            "no rating in round 2: nothing to analyse"
        );
        assert_eq!(analyses(&audit, &[], Round::First).unwrap(), None);
    }

    #[test]
    fn forms_on_different_scales_are_analysed_apart_in_form_order() {
        let audit = audit(
            &PANEL,
            &MATERIAL,
            vec![
                form(Scale::Godkendelse, &[indicator("1.a")]),
                form(Scale::Drift, &[indicator("8.a")]),
                form(Scale::Drift, &[indicator("9.a")]),
            ],
        );
        let mut ratings = scores(
            "1.a",
            Round::First,
            &["anna", "bo"],
            &[("a", &[v(0), v(1)]), ("b", &[v(1), v(1)])],
        );
        ratings.extend(scores(
            "8.a",
            Round::First,
            &["anna", "bo"],
            &[
                ("a", &[v(4), v(4)]),
                ("b", &[v(2), v(3)]),
                ("c", &[v(5), v(5)]),
            ],
        ));
        let Some(AgreementBody::Forms { forms }) =
            analyses(&audit, &ratings, Round::First).unwrap()
        else {
            panic!("two scales give one analysis per form");
        };
        // Units per form: its items × the 3 materials. The third form has no ratings, so it has no
        // analysis.
        let summary: Vec<(usize, &str, usize)> = forms
            .iter()
            .map(|f| (f.form, f.scale, f.analysis.units))
            .collect();
        assert_eq!(summary, [(0, "godkendelse", 3), (1, "drift", 3)]);
    }
}
