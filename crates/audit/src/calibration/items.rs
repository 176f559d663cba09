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
use serde::Serialize;

use super::coefficients::{Coefficients, coefficients, paradox};
use super::matrix::{self, CategoryCount, MatrixError};
use super::{Items, Selection};
use crate::{Audit, ItemId, ItemKind, Rating};

/// The agreement on one item across the materials it is rated for.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
