//! Agreement per item (per indicator): the table the meeting reads to choose what to discuss, sorted with
//! the least agreement first ("drøft disse først").
//!
//! **Sort key.** Pairwise percent agreement, lowest first; ties broken by Gwet's AC1, lowest first; then
//! form order. κ is not the key: on the approval scale nearly every rating is "forventes at kunne
//! opfylde", κ is then undefined (every rating the same) or pulled far down by the skew (the κ paradox),
//! and an item on which everyone agrees would sort as if they disagreed. Percent agreement is defined
//! whenever two raters rated one unit and says what the meeting sees: how often two colleagues gave the
//! same answer. AC1, which stays defined and is robust to the skew, separates items with the same
//! percentage. Items that nobody rated twice come last.

use std::cmp::Ordering;

use agreement::BootstrapConfig;
use serde::{Deserialize, Serialize};

use super::coefficients::{Coefficients, coefficients, paradox};
use super::matrix::{self, CategoryCount, MatrixError};
use super::{Items, Selection};
use crate::{Audit, ItemId, ItemKind, Rating};

/// The agreement on one item across the materials it is rated for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemAgreement {
    /// The item.
    pub item: ItemId,
    /// The indicator it rates, if it is an indicator rating ("3.a").
    pub indikator: Option<String>,
    /// What is asked (the indicator's text).
    pub tekst: String,
    /// The title of its form.
    pub form: String,
    /// How often each value on the scale was given, with its Danish label.
    pub distribution: Vec<CategoryCount>,
    /// Ratings without a value ("kan ikke vurderes").
    pub no_value: usize,
    /// The coefficients on the item's units (n units, n ratings, percent agreement, share of units where
    /// all agree, AC1, κ, α …).
    pub coefficients: Coefficients,
    /// The κ-paradox explanation for this item, when κ and AC1 part ways under a skewed distribution.
    pub paradox: Option<String>,
}

/// The agreement on each of `items` under `selection`'s round and rules, sorted with the least agreement
/// first (see the module documentation). An item nobody rated in the round is left out.
///
/// # Errors
/// [`MatrixError`] when an item cannot be analysed or a rating does not fit it.
pub fn item_agreement(
    audit: &Audit,
    ratings: &[Rating],
    selection: &Selection,
    items: &[ItemId],
    bootstrap: Option<&BootstrapConfig>,
) -> Result<Vec<ItemAgreement>, MatrixError> {
    let mut out = Vec::new();
    for id in items {
        let one = Selection {
            items: Items::Only(vec![id.clone()]),
            ..selection.clone()
        };
        let m = match matrix::build(audit, ratings, &one) {
            Ok(m) => m,
            Err(MatrixError::NoRatings(_)) => continue,
            Err(err) => return Err(err),
        };
        let Some((form, item)) = audit.item(id) else {
            return Err(MatrixError::UnknownItem(id.clone()));
        };
        let coefficients = coefficients(&m.ratings, bootstrap);
        out.push(ItemAgreement {
            item: id.clone(),
            indikator: match &item.kind {
                ItemKind::Indikator { indikator } => Some(indikator.clone()),
                _ => None,
            },
            tekst: item.tekst.clone(),
            form: form.titel.clone(),
            distribution: m.distribution,
            no_value: m.no_value,
            paradox: paradox(&coefficients),
            coefficients,
        });
    }
    sort_for_discussion(&mut out);
    Ok(out)
}

/// Sorts items with the least agreement first: percent agreement, then AC1, both ascending, undefined
/// last; the sort is stable, so equal items keep their form order.
pub fn sort_for_discussion(items: &mut [ItemAgreement]) {
    items.sort_by(|a, b| {
        let key = |i: &ItemAgreement| {
            (
                i.coefficients.percent_agreement.value,
                i.coefficients.gwet_ac1.value,
            )
        };
        let (a, b) = (key(a), key(b));
        ascending_none_last(a.0, b.0).then(ascending_none_last(a.1, b.1))
    });
}

fn ascending_none_last(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, v};
    use super::*;
    use crate::{Round, Scale, Tilsyn};

    #[test]
    fn items_are_sorted_by_percent_agreement_then_ac1_least_first() {
        let audit = fixture::scored_audit(
            Scale::Godkendelse,
            &["x", "y", "z", "w"],
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
                ("n1", Tilsyn::Nord),
            ],
            &[("a", Tilsyn::Syd), ("b", Tilsyn::Syd)],
        );
        let raters = ["h1", "m1", "o1", "n1"];
        let table = |item, a: [i32; 4], b: [i32; 4]| {
            fixture::scores(
                item,
                Round::First,
                &raters,
                &[("a", &a.map(v)), ("b", &b.map(v))],
            )
        };
        let ratings: Vec<Rating> = [
            // p_a: a and b unanimous → 1; κ undefined (every rating 1).
            table("x", [1, 1, 1, 1], [1, 1, 1, 1]),
            // a: three 1s, 3·2 = 6 of 12 ordered pairs agree → 0,5; b: 1 → p_a 0,75.
            // π₁ = (3/4 + 1)/2 = 7/8; AC1 p_e = 2·(7/8)(1/8) = 0,21875; (0,75 − 0,21875)/0,78125 = 0,68.
            table("y", [1, 1, 1, 0], [1, 1, 1, 1]),
            // a and b: two and two, 2·1 + 2·1 = 4 of 12 → p_a 1/3.
            table("z", [1, 1, 0, 0], [0, 0, 1, 1]),
            // a: 1; b: 0,5 → p_a 0,75, the same as y.
            // π₁ = (0 + 3/4)/2 = 3/8; p_e = 2·(3/8)(5/8) = 0,46875; (0,75 − 0,46875)/0,53125 ≈ 0,5294.
            table("w", [0, 0, 0, 0], [1, 1, 1, 0]),
        ]
        .concat();
        let ids: Vec<ItemId> = audit.forms[0].items.iter().map(|i| i.id.clone()).collect();
        let selection = Selection::new(Items::Only(ids.clone()));
        let items = item_agreement(&audit, &ratings, &selection, &ids, None).unwrap();
        let order: Vec<&str> = items.iter().map(|i| i.item.as_str()).collect();
        assert_eq!(order, ["z", "w", "y", "x"]);
        let pa = |i: usize| items[i].coefficients.percent_agreement.value.unwrap();
        let ac1 = |i: usize| items[i].coefficients.gwet_ac1.value.unwrap();
        assert!((pa(0) - 1.0 / 3.0).abs() < 1e-12);
        assert!((pa(1) - 0.75).abs() < 1e-12 && (pa(2) - 0.75).abs() < 1e-12);
        assert!((ac1(1) - 0.28125 / 0.53125).abs() < 1e-12, "{}", ac1(1));
        assert!((ac1(2) - 0.68).abs() < 1e-12, "{}", ac1(2));
        let x = &items[3];
        assert_eq!(x.coefficients.fleiss_kappa.value, None);
        assert_eq!(
            x.coefficients.fleiss_kappa.note.as_deref(),
            Some("alle bedømmelser er ens")
        );
        assert_eq!(x.coefficients.unanimous_share, Some(1.0));
        assert_eq!(x.indikator.as_deref(), Some("x"));
        // The distribution counts each declared value with its label: w has five 0s and three 1s.
        let w = &items[1];
        let dist: Vec<(&str, usize)> = w
            .distribution
            .iter()
            .map(|c| (c.category.label.as_str(), c.count))
            .collect();
        assert_eq!(
            dist,
            [
                ("forventes ikke at kunne opfylde", 5),
                ("forventes at kunne opfylde", 3)
            ]
        );
        assert_eq!(w.coefficients.n_units, 2);
        assert_eq!(w.coefficients.n_ratings, 8);
    }

    #[test]
    fn an_item_nobody_rated_is_left_out_and_undefined_values_sort_last() {
        let audit = fixture::scored_audit(
            Scale::Drift,
            &["x", "y", "z"],
            &[("h1", Tilsyn::Hovedstaden), ("m1", Tilsyn::Midt)],
            &[("a", Tilsyn::Syd)],
        );
        // x: one rating only (no pair, percent agreement undefined); y: 3 and 4 (p_a 0); z: nobody.
        let ratings = [
            fixture::scores("x", Round::First, &["h1"], &[("a", &[v(3)])]),
            fixture::scores("y", Round::First, &["h1", "m1"], &[("a", &[v(3), v(4)])]),
        ]
        .concat();
        let ids: Vec<ItemId> = audit.forms[0].items.iter().map(|i| i.id.clone()).collect();
        let selection = Selection::new(Items::Only(ids.clone()));
        let items = item_agreement(&audit, &ratings, &selection, &ids, None).unwrap();
        let order: Vec<&str> = items.iter().map(|i| i.item.as_str()).collect();
        assert_eq!(order, ["y", "x"]);
        assert_eq!(items[0].coefficients.percent_agreement.value, Some(0.0));
        assert_eq!(
            items[1].coefficients.percent_agreement.note.as_deref(),
            Some("ingen enhed er bedømt af mindst to bedømmere")
        );
    }
}
