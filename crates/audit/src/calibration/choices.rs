//! Agreement on choices: nominations of the best example (19.1) and selections of cases to discuss
//! (19.2). A nomination item is one unit whose category is the material picked; a case selection is one
//! "valgt"/"ikke valgt" unit per material (see [`super::matrix`]).

use agreement::BootstrapConfig;
use serde::{Deserialize, Serialize};

use super::coefficients::{Coefficients, coefficients};
use super::matrix::{Answers, CategoryCount, RatingMatrix};
use crate::{Audit, ItemId};

/// The agreement on a group of choice items that pick from the same materials.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceAnalysis {
    /// What is picked, from which materials.
    pub answers: Answers,
    /// The Danish name of the kind ("nominering af bedste eksempel", "udvælgelse af sager").
    pub kind: String,
    /// The items, in form order.
    pub items: Vec<ItemId>,
    /// The titles of the forms they come from, in order, each once.
    pub forms: Vec<String>,
    /// The coefficients (nominal; percent agreement is the share of pairs that picked alike).
    pub coefficients: Coefficients,
    /// How often each material was nominated, or how often "valgt"/"ikke valgt" was answered.
    pub distribution: Vec<CategoryCount>,
    /// Ratings without a value.
    pub no_value: usize,
}

/// The choice analysis of `matrix` (a nomination or case-selection matrix).
pub fn choice_analysis(
    audit: &Audit,
    matrix: &RatingMatrix,
    bootstrap: Option<&BootstrapConfig>,
) -> ChoiceAnalysis {
    let mut forms: Vec<String> = Vec::new();
    let mut kind = String::new();
    for id in &matrix.items {
        if let Some((form, item)) = audit.item(id) {
            if !forms.contains(&form.titel) {
                forms.push(form.titel.clone());
            }
            kind = item.kind.navn().to_owned();
        }
    }
    ChoiceAnalysis {
        answers: matrix.answers.clone(),
        kind,
        items: matrix.items.clone(),
        forms,
        coefficients: coefficients(&matrix.ratings, bootstrap),
        distribution: matrix.distribution.clone(),
        no_value: matrix.no_value,
    }
}
