//! From an audit's ratings to the units × raters matrix that every agreement coefficient reads.
//!
//! The mapping, in one place:
//!
//! - a **unit** is a [`UnitKey`] (its text form is the unit id), a **rater** a username, and only
//!   submitted ratings of the chosen round by the audit's raters count;
//! - the **categories** are the *declared* answer values, not the ones observed, so that weights and
//!   Brennan–Prediger's chance agreement use the whole scale: a scale's codes (with their Danish labels),
//!   the materials a nomination can pick, or "ikke valgt"/"valgt" for a case selection;
//! - the **level**: approval (two categories) and checklists are nominal, the operation scale 1–5 and
//!   custom ordinal scales ordinal; nominations and case selections nominal. A checklist's "ikke
//!   relevant" is missing or a category of its own ([`IkkeRelevant`]);
//! - a **nomination** item is one unit whose category is the material picked; a **case selection** item
//!   becomes one binary unit per material ("valgt" when the rater picked it);
//! - an explicit "cannot rate" (a rating without a value) stays missing, as does every cell nobody
//!   filled in; with [`OwnTilsyn::Exclude`] a rating of the rater's own tilsyn's material is missing too.
//!
//! The ratings passed in must already be filtered by [`crate::visibility::visible_ratings`]: this module
//! counts what it is given and decides nothing about who may see it.

use std::collections::BTreeSet;

use agreement::{AgreementError, Level, Ratings, RatingsBuilder};
use serde::Serialize;

use super::{IkkeRelevant, Items, OwnTilsyn, Selection};
use crate::{
    Audit, FormItem, IKKE_RELEVANT, ItemId, ItemKind, MaterialId, Rating, RatingForm, RatingValue,
    Scale, UnitKey, Username,
};

/// What the units of a matrix are answered with; items share a matrix only when this is equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "art", rename_all = "kebab-case")]
pub enum Answers {
    /// A value on a scale (indicator ratings, overall ratings, checklist items).
    Scale {
        /// The scale.
        scale: Scale,
    },
    /// The material picked as the best example, among these.
    Nomination {
        /// The materials that can be picked, in audit order.
        materials: Vec<MaterialId>,
    },
    /// Whether each of these materials was picked for discussion.
    CaseSelection {
        /// The materials that can be picked, in audit order.
        materials: Vec<MaterialId>,
    },
}

/// One answer value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Category {
    /// The category's id in the [`Ratings`] matrix: the scale code as text, or the material id.
    pub id: String,
    /// The scale code (0/1 for a case selection); `None` for a nominated material.
    pub code: Option<i32>,
    /// The Danish label ("forventes at kunne opfylde", "valgt") or the material's pseudonym.
    pub label: String,
}

/// How often one answer value was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// The value.
    #[serde(flatten)]
    pub category: Category,
    /// Number of ratings with this value.
    pub count: usize,
}

/// An audit's ratings as an [`agreement::Ratings`] matrix, with the way back to the audit: row `u` is
/// `units[u]`, column `r` is `raters[r]`, category `c` is `categories[c]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingMatrix {
    /// The matrix every coefficient reads.
    pub ratings: Ratings,
    /// What the units are answered with.
    pub answers: Answers,
    /// The matrix's categories, in scale order.
    pub categories: Vec<Category>,
    /// The units, in audit order; every unit of the selected items, rated or not.
    pub units: Vec<UnitKey>,
    /// The raters with at least one rating in the selection, in panel order.
    pub raters: Vec<Username>,
    /// The selected items, in form order.
    pub items: Vec<ItemId>,
    /// How often every answer value was given, "ikke relevant" included even when it is read as missing.
    pub distribution: Vec<CategoryCount>,
    /// Ratings given without a value ("kan ikke vurderes").
    pub no_value: usize,
}

/// Why a matrix cannot be built; `Display` is Danish and names the item or unit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MatrixError {
    /// The form index is out of range.
    #[error("auditforløbet har intet vurderingsskema nummer {}", .0 + 1)]
    UnknownForm(usize),
    /// The item does not exist in the audit.
    #[error("skemapunktet »{0}« findes ikke i auditforløbet")]
    UnknownItem(ItemId),
    /// A reflection question: free text, nothing to compare.
    #[error("skemapunktet »{0}« er et refleksionsspørgsmål; fritekstsvar kan ikke sammenlignes")]
    NotComparable(ItemId),
    /// Two items with different answers (scales, or materials to pick from).
    #[error(
        "skemapunkterne »{first}« og »{other}« har forskellige svarmuligheder og kan ikke analyseres sammen"
    )]
    Mixed {
        /// The first item.
        first: ItemId,
        /// The item that does not fit with it.
        other: ItemId,
    },
    /// The selection holds no comparable item.
    #[error("der er ingen skemapunkter at sammenligne")]
    NoItems,
    /// Nobody has submitted a rating of the selected items in the round.
    #[error("der er ingen indsendte bedømmelser af de valgte skemapunkter i runde {0}")]
    NoRatings(u8),
    /// A rating of a unit the selected items do not have.
    #[error("bedømmelsen fra »{rater}« gælder enheden »{unit}«, som ikke findes i skemaet")]
    UnknownUnit {
        /// The unit rated.
        unit: UnitKey,
        /// Who rated it.
        rater: Username,
    },
    /// A rating whose value does not fit its item (a pick for a scored item, say).
    #[error("bedømmelsen af »{unit}« fra »{rater}« har et svar, der ikke passer til punktet")]
    WrongValue {
        /// The unit rated.
        unit: UnitKey,
        /// Who rated it.
        rater: Username,
    },
    /// The statistics crate refused the matrix (a value off the scale, a rating given twice).
    #[error(transparent)]
    Agreement(#[from] AgreementError),
}

/// Builds the matrix of `selection` from `ratings` (all of one audit, already visibility-filtered).
///
/// # Errors
/// [`MatrixError`] for a selection the audit does not have, items that cannot share a matrix, no
/// submitted rating at all, or a rating that does not fit its item.
pub fn build(
    audit: &Audit,
    ratings: &[Rating],
    selection: &Selection,
) -> Result<RatingMatrix, MatrixError> {
    let items = resolve(audit, &selection.items)?;
    let answers = common_answers(audit, &items)?;
    let all_values = answer_values(audit, &answers);
    let categories: Vec<Category> = all_values
        .iter()
        .filter(|c| !is_dropped(&answers, c, selection.ikke_relevant))
        .cloned()
        .collect();
    let units = units_of(audit, &items, &answers);
    let item_ids: Vec<ItemId> = items.iter().map(|(_, i)| i.id.clone()).collect();
    let cells = collect_cells(audit, ratings, selection, &answers, &item_ids, &units)?;
    let raters: Vec<Username> = audit
        .raters()
        .map(|m| m.username.clone())
        .filter(|u| cells.iter().any(|c| c.rater == u))
        .collect();
    if raters.is_empty() {
        return Err(MatrixError::NoRatings(selection.round.number()));
    }
    let mut builder = RatingsBuilder::new(
        level_of(&answers),
        Some(categories.iter().map(|c| c.id.clone()).collect()),
    )?;
    for unit in &units {
        builder.declare_unit(&unit.to_string());
    }
    for rater in &raters {
        builder.declare_rater(rater.as_str());
    }
    let mut distribution: Vec<CategoryCount> = all_values
        .into_iter()
        .map(|category| CategoryCount { category, count: 0 })
        .collect();
    let mut no_value = 0;
    for cell in &cells {
        match &cell.value {
            Some(id) => {
                if let Some(slot) = distribution.iter_mut().find(|c| &c.category.id == id) {
                    slot.count += 1;
                }
            }
            None => no_value += 1,
        }
        let kept = cell
            .value
            .as_deref()
            .filter(|id| categories.iter().any(|c| c.id == *id));
        builder.add(&cell.unit.to_string(), cell.rater.as_str(), kept)?;
    }
    Ok(RatingMatrix {
        ratings: builder.build()?,
        answers,
        categories,
        units,
        raters,
        items: item_ids,
        distribution,
        no_value,
    })
}

impl RatingMatrix {
    /// The category `rater` gave `unit` (indices into the matrix), if any.
    pub fn category(&self, unit: usize, rater: usize) -> Option<&Category> {
        self.ratings
            .get(unit, rater)
            .and_then(|c| self.categories.get(c))
    }

    /// The code `rater` gave `unit` (indices into the matrix): the scale value, or 0/1 for a case
    /// selection; `None` when missing or a nominated material.
    pub fn value(&self, unit: usize, rater: usize) -> Option<i32> {
        self.category(unit, rater).and_then(|c| c.code)
    }

    /// The index of `rater` among the matrix's raters.
    pub fn rater_index(&self, rater: &Username) -> Option<usize> {
        self.raters.iter().position(|r| r == rater)
    }

    /// Whether the codes are ordered so that higher means better: approval, operation and custom
    /// ordinal scales, and a checklist read without "ikke relevant" (nej 0 < ja 1). Only then do means,
    /// spreads, severity and "raised"/"lowered" make sense.
    pub fn is_ordered(&self) -> bool {
        match &self.answers {
            Answers::Scale { scale } => {
                scale.is_ordered()
                    || (*scale == Scale::Tjekliste
                        && self
                            .categories
                            .iter()
                            .all(|c| c.code != Some(IKKE_RELEVANT)))
            }
            Answers::Nomination { .. } | Answers::CaseSelection { .. } => false,
        }
    }

    /// The matrix read at the ordinal level, when [`RatingMatrix::is_ordered`]: the reading under which
    /// the statistics crate computes means, spreads and severity from the codes (on a binary scale the
    /// coefficients are the same at either level).
    pub fn ordered_reading(&self) -> Option<Ratings> {
        if self.is_ordered() {
            self.ratings.at_level(Level::Ordinal).ok()
        } else {
            None
        }
    }
}

/// A new matrix with the categories and level of `template`, from `(unit, rater, category index)`
/// cells; units and raters in the order they first appear. Used to regroup the cells of one matrix
/// (round pairs, tilsyn pairs, own-tilsyn columns) without leaving the statistics crate's types.
pub(super) fn regroup(
    template: &Ratings,
    cells: impl IntoIterator<Item = (String, String, usize)>,
) -> Result<Ratings, AgreementError> {
    let labels = template.category_labels();
    let mut builder = RatingsBuilder::new(template.level(), Some(labels.to_vec()))?;
    for (unit, rater, category) in cells {
        builder.add(&unit, &rater, labels.get(category).map(String::as_str))?;
    }
    builder.build()
}

/// One cell before it enters the builder.
struct Cell<'a> {
    unit: UnitKey,
    rater: &'a Username,
    /// The category id, "ikke relevant" included; `None` for "cannot rate".
    value: Option<String>,
}

fn resolve<'a>(
    audit: &'a Audit,
    items: &Items,
) -> Result<Vec<(&'a RatingForm, &'a FormItem)>, MatrixError> {
    let all = || {
        audit
            .forms
            .iter()
            .flat_map(|f| f.items.iter().map(move |i| (f, i)))
    };
    let chosen: Vec<(&RatingForm, &FormItem)> = match items {
        Items::Scored => all().filter(|(_, i)| i.kind.is_scored()).collect(),
        Items::Form(index) => {
            let form = audit
                .forms
                .get(*index)
                .ok_or(MatrixError::UnknownForm(*index))?;
            form.items
                .iter()
                .filter(|i| i.kind != ItemKind::Refleksion)
                .map(|i| (form, i))
                .collect()
        }
        Items::Only(ids) => ids
            .iter()
            .map(|id| {
                let found = audit
                    .item(id)
                    .ok_or_else(|| MatrixError::UnknownItem(id.clone()))?;
                if found.1.kind == ItemKind::Refleksion {
                    return Err(MatrixError::NotComparable(id.clone()));
                }
                Ok(found)
            })
            .collect::<Result<_, _>>()?,
    };
    if chosen.is_empty() {
        return Err(MatrixError::NoItems);
    }
    Ok(chosen)
}

/// What `item` of `form` is answered with, or `None` for a reflection question.
pub(super) fn answers_of(audit: &Audit, form: &RatingForm, item: &FormItem) -> Option<Answers> {
    let materials =
        || -> Vec<MaterialId> { audit.form_materials(form).map(|m| m.id.clone()).collect() };
    match &item.kind {
        kind if kind.is_scored() => Some(Answers::Scale {
            scale: form.scale.clone(),
        }),
        ItemKind::Nominering { .. } => Some(Answers::Nomination {
            materials: materials(),
        }),
        ItemKind::Sagsudvaelgelse { .. } => Some(Answers::CaseSelection {
            materials: materials(),
        }),
        _ => None,
    }
}

fn common_answers(
    audit: &Audit,
    items: &[(&RatingForm, &FormItem)],
) -> Result<Answers, MatrixError> {
    let mut common: Option<(Answers, &ItemId)> = None;
    for (form, item) in items {
        let answers = answers_of(audit, form, item)
            .ok_or_else(|| MatrixError::NotComparable(item.id.clone()))?;
        match &common {
            None => common = Some((answers, &item.id)),
            Some((first, first_id)) if *first != answers => {
                return Err(MatrixError::Mixed {
                    first: (*first_id).clone(),
                    other: item.id.clone(),
                });
            }
            Some(_) => {}
        }
    }
    common.map(|(a, _)| a).ok_or(MatrixError::NoItems)
}

/// Every value an answer can take, in order, "ikke relevant" included.
pub(super) fn answer_values(audit: &Audit, answers: &Answers) -> Vec<Category> {
    match answers {
        Answers::Scale { scale } => scale
            .values()
            .into_iter()
            .map(|(code, label)| Category {
                id: code.to_string(),
                code: Some(code),
                label,
            })
            .collect(),
        Answers::Nomination { materials } => materials
            .iter()
            .map(|m| Category {
                id: m.to_string(),
                code: None,
                label: audit
                    .material(m)
                    .map_or_else(|| m.to_string(), |m| m.pseudonym.clone()),
            })
            .collect(),
        Answers::CaseSelection { .. } => [(0, "ikke valgt"), (1, "valgt")]
            .into_iter()
            .map(|(code, label)| Category {
                id: code.to_string(),
                code: Some(code),
                label: label.to_owned(),
            })
            .collect(),
    }
}

/// Whether `category` is read as missing rather than as a category.
fn is_dropped(answers: &Answers, category: &Category, ikke_relevant: IkkeRelevant) -> bool {
    matches!(
        answers,
        Answers::Scale {
            scale: Scale::Tjekliste
        }
    ) && category.code == Some(IKKE_RELEVANT)
        && ikke_relevant == IkkeRelevant::Missing
}

fn level_of(answers: &Answers) -> Level {
    match answers {
        Answers::Scale {
            scale: Scale::Drift | Scale::Ordinal { .. },
        } => Level::Ordinal,
        _ => Level::Nominal,
    }
}

fn units_of(audit: &Audit, items: &[(&RatingForm, &FormItem)], answers: &Answers) -> Vec<UnitKey> {
    let mut units = Vec::new();
    for (form, item) in items {
        match answers {
            Answers::Nomination { .. } => units.push(UnitKey::new(item.id.clone(), None)),
            Answers::Scale { .. } | Answers::CaseSelection { .. } => units.extend(
                audit
                    .form_materials(form)
                    .map(|m| UnitKey::new(item.id.clone(), Some(m.id.clone()))),
            ),
        }
    }
    units
}

fn collect_cells<'a>(
    audit: &Audit,
    ratings: &'a [Rating],
    selection: &Selection,
    answers: &Answers,
    items: &[ItemId],
    units: &[UnitKey],
) -> Result<Vec<Cell<'a>>, MatrixError> {
    let known: BTreeSet<&UnitKey> = units.iter().collect();
    let counts = |r: &Rating| {
        r.is_submitted()
            && r.round == selection.round
            && items.contains(&r.unit.item)
            && audit.member(&r.rater).is_some_and(|m| m.rates())
    };
    let mut cells = Vec::new();
    for rating in ratings.iter().filter(|r| counts(r)) {
        for cell in cells_of(rating, answers)? {
            if !known.contains(&cell.unit) {
                return Err(MatrixError::UnknownUnit {
                    unit: cell.unit,
                    rater: rating.rater.clone(),
                });
            }
            let own = audit.is_own_tilsyn(&rating.rater, &cell.unit);
            if !(own && selection.own_tilsyn == OwnTilsyn::Exclude) {
                cells.push(cell);
            }
        }
    }
    Ok(cells)
}

/// The cells one rating fills: one, or one per material for a case selection.
fn cells_of<'a>(rating: &'a Rating, answers: &Answers) -> Result<Vec<Cell<'a>>, MatrixError> {
    let wrong = || MatrixError::WrongValue {
        unit: rating.unit.clone(),
        rater: rating.rater.clone(),
    };
    let cell = |unit: UnitKey, value: Option<String>| Cell {
        unit,
        rater: &rating.rater,
        value,
    };
    let single = |value| Ok(vec![cell(rating.unit.clone(), value)]);
    match (answers, &rating.value) {
        (Answers::Scale { .. }, Some(RatingValue::Score(v))) => single(Some(v.to_string())),
        (Answers::Nomination { .. }, Some(RatingValue::Pick(m))) => single(Some(m.to_string())),
        (Answers::Scale { .. } | Answers::Nomination { .. }, None) => single(None),
        (Answers::CaseSelection { materials }, value) => {
            let picks = match value {
                Some(RatingValue::Picks(picks)) => Some(picks),
                None => None,
                Some(_) => return Err(wrong()),
            };
            Ok(materials
                .iter()
                .map(|m| {
                    let unit = UnitKey::new(rating.unit.item.clone(), Some(m.clone()));
                    let value = picks.map(|p| u8::from(p.contains(m)).to_string());
                    cell(unit, value)
                })
                .collect())
        }
        _ => Err(wrong()),
    }
}
