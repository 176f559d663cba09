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
use serde::{Deserialize, Serialize};

use super::{IkkeRelevant, Items, OwnTilsyn, Selection};
use crate::{
    Audit, FormItem, IKKE_RELEVANT, ItemId, ItemKind, MaterialId, Rating, RatingForm, RatingValue,
    Scale, UnitKey, Username,
};

/// What the units of a matrix are answered with; items share a matrix only when this is equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// The category's id in the [`Ratings`] matrix: the scale code as text, or the material id.
    pub id: String,
    /// The scale code (0/1 for a case selection); `None` for a nominated material.
    pub code: Option<i32>,
    /// The Danish label ("forventes at kunne opfylde", "valgt") or the material's pseudonym.
    pub label: String,
}

/// How often one answer value was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            scale: Scale::Drift | Scale::Sandsynliggoerelse | Scale::Ordinal { .. },
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

#[cfg(test)]
mod tests {
    use super::super::fixture::{self, Cell, skip, v};
    use super::*;
    use crate::{Round, Tilsyn};

    const SYD: [(&str, Tilsyn); 2] = [("a", Tilsyn::Syd), ("b", Tilsyn::Syd)];

    fn scored(items: &[&str]) -> Selection {
        Selection::new(Items::Only(
            items.iter().map(|i| i.parse().unwrap()).collect(),
        ))
    }

    #[test]
    fn categories_are_the_declared_scale_values_not_the_observed_ones() {
        // Two raters on the operation scale use only 4 and 5:
        //   a: 4 4   b: 4 5
        let (audit, ratings) = fixture::one_item(
            Scale::Drift,
            &[("h1", Tilsyn::Hovedstaden), ("m1", Tilsyn::Midt)],
            &SYD,
            &[("a", &[v(4), v(4)]), ("b", &[v(4), v(5)])],
        );
        let m = build(&audit, &ratings, &scored(&["x"])).unwrap();
        assert_eq!(m.ratings.category_labels(), ["1", "2", "3", "4", "5"]);
        assert_eq!(m.ratings.level(), Level::Ordinal);
        assert_eq!(m.categories[0].label, "i meget lav grad opfyldt");
        assert_eq!(m.categories[4].code, Some(5));
        assert_eq!(m.value(1, 1), Some(5));
        // Brennan–Prediger with the declared q = 5: p_a = (1 + 0)/2 = 0,5, p_e = 1/5,
        // (0,5 − 0,2)/(1 − 0,2) = 0,375. With only the observed {4, 5} it would be (0,5 − 0,5)/0,5 = 0.
        let bp =
            agreement::brennan_prediger(&m.ratings, &agreement::Weights::unweighted(&m.ratings))
                .unwrap();
        assert!((bp.estimate - 0.375).abs() < 1e-12, "{}", bp.estimate);

        let (approval, ratings) = fixture::one_item(
            Scale::Godkendelse,
            &[("h1", Tilsyn::Hovedstaden)],
            &SYD,
            &[("a", &[v(1)])],
        );
        let m = build(&approval, &ratings, &scored(&["x"])).unwrap();
        assert_eq!(m.ratings.category_labels(), ["0", "1"]);
        assert_eq!(m.ratings.level(), Level::Nominal);
        assert!(m.is_ordered(), "approval codes rise with quality");
    }

    #[test]
    fn own_tilsyn_ratings_can_be_left_out() {
        // h1 is from Hovedstaden like material a; m1 from Midt like material b.
        let (audit, ratings) = fixture::one_item(
            Scale::Drift,
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
            ],
            &[("a", Tilsyn::Hovedstaden), ("b", Tilsyn::Midt)],
            &[("a", &[v(5), v(3), v(3)]), ("b", &[v(2), v(4), v(2)])],
        );
        let with = build(&audit, &ratings, &scored(&["x"])).unwrap();
        assert_eq!(with.ratings.n_ratings(), 6);
        let without = build(
            &audit,
            &ratings,
            &Selection {
                own_tilsyn: OwnTilsyn::Exclude,
                ..scored(&["x"])
            },
        )
        .unwrap();
        // 6 ratings − h1 on a − m1 on b.
        assert_eq!(without.ratings.n_ratings(), 4);
        assert_eq!(without.value(0, 0), None, "h1 on a is own tilsyn");
        assert_eq!(without.value(1, 1), None, "m1 on b is own tilsyn");
        assert_eq!(without.value(0, 1), Some(3));
        assert_eq!(without.value(1, 0), Some(2));
    }

    #[test]
    fn missing_stays_missing_and_only_submitted_ratings_of_the_round_count() {
        let audit = fixture::scored_audit(
            Scale::Godkendelse,
            &["x"],
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
            ],
            &[("a", Tilsyn::Syd), ("b", Tilsyn::Syd), ("c", Tilsyn::Syd)],
        );
        // a: h1 rated 1, m1 said "kan ikke vurderes", o1 did not rate; b: only h1; c: nobody.
        let mut ratings = fixture::scores(
            "x",
            Round::First,
            &["h1", "m1", "o1"],
            &[
                ("a", &[v(1), Cell::Rated(None), skip()]),
                ("b", &[v(0), skip(), skip()]),
            ],
        );
        // o1's draft of b and m1's round-2 rating of b do not count in round 1.
        let mut draft = fixture::rating("o1", "x/b", Some(RatingValue::Score(1)), Round::First);
        draft.status = crate::RatingStatus::Draft;
        ratings.push(draft);
        ratings.push(fixture::rating(
            "m1",
            "x/b",
            Some(RatingValue::Score(1)),
            Round::Second,
        ));
        let m = build(&audit, &ratings, &scored(&["x"])).unwrap();
        assert_eq!(m.units.len(), 3, "c is a unit even though nobody rated it");
        assert_eq!(m.ratings.unit_ids(), ["x/a", "x/b", "x/c"]);
        assert_eq!(
            m.ratings.rater_ids(),
            ["h1", "m1"],
            "o1 has no submitted round-1 rating"
        );
        assert_eq!(m.value(0, 1), None);
        assert_eq!(m.value(1, 1), None);
        assert_eq!(m.ratings.n_ratings(), 2);
        assert_eq!(m.no_value, 1);
        let counts: Vec<usize> = m.distribution.iter().map(|c| c.count).collect();
        assert_eq!(counts, [1, 1], "one 0 and one 1");
    }

    #[test]
    fn ikke_relevant_is_missing_by_default_or_a_category_of_its_own() {
        let audit = fixture::scored_audit(
            Scale::Tjekliste,
            &["x"],
            &[("h1", Tilsyn::Hovedstaden), ("m1", Tilsyn::Midt)],
            &SYD,
        );
        // a: ja, ikke relevant; b: nej, nej.
        let ratings = fixture::scores(
            "x",
            Round::First,
            &["h1", "m1"],
            &[("a", &[v(1), v(IKKE_RELEVANT)]), ("b", &[v(0), v(0)])],
        );
        let missing = build(&audit, &ratings, &scored(&["x"])).unwrap();
        assert_eq!(missing.ratings.category_labels(), ["0", "1"]);
        assert_eq!(missing.ratings.unit_n(0), 1);
        assert!(missing.is_ordered());
        let ir = missing
            .distribution
            .iter()
            .find(|c| c.category.code == Some(IKKE_RELEVANT));
        assert_eq!(
            ir.map(|c| c.count),
            Some(1),
            "still counted in the distribution"
        );

        let category = build(
            &audit,
            &ratings,
            &Selection {
                ikke_relevant: IkkeRelevant::Category,
                ..scored(&["x"])
            },
        )
        .unwrap();
        assert_eq!(category.ratings.category_labels(), ["0", "1", "2"]);
        assert_eq!(category.ratings.unit_n(0), 2);
        assert_eq!(category.ratings.level(), Level::Nominal);
        assert!(!category.is_ordered(), "ikke relevant is outside the order");
        assert!(category.ordered_reading().is_none());
    }

    fn choice_audit() -> Audit {
        fixture::audit(
            &[
                ("h1", Tilsyn::Hovedstaden),
                ("m1", Tilsyn::Midt),
                ("o1", Tilsyn::Oest),
            ],
            &[("a", Tilsyn::Syd), ("b", Tilsyn::Syd), ("c", Tilsyn::Nord)],
            vec![
                fixture::form(
                    Scale::Drift,
                    &[
                        ("bedst", ItemKind::Nominering { indikator: None }),
                        ("sager", ItemKind::Sagsudvaelgelse { antal: 2 }),
                        ("tanker", ItemKind::Refleksion),
                    ],
                ),
                fixture::form(Scale::Godkendelse, &[fixture::indicator("x")]),
                fixture::form(Scale::Drift, &[fixture::indicator("y")]),
            ],
        )
    }

    #[test]
    fn a_nomination_is_one_unit_whose_category_is_the_material_picked() {
        let audit = choice_audit();
        let pick = |r: &str, m: &str| {
            fixture::rating(
                r,
                "bedst",
                Some(RatingValue::Pick(m.parse().unwrap())),
                Round::First,
            )
        };
        let ratings = [pick("h1", "a"), pick("m1", "a"), pick("o1", "b")];
        let selection = Selection::new(Items::Only(vec!["bedst".parse().unwrap()]));
        let m = build(&audit, &ratings, &selection).unwrap();
        assert_eq!(m.ratings.unit_ids(), ["bedst"]);
        assert_eq!(m.ratings.category_labels(), ["a", "b", "c"]);
        assert_eq!(m.categories[2].label, "Rapport C");
        assert_eq!(m.ratings.unit_counts(0), [2, 1, 0]);
        assert_eq!(m.ratings.level(), Level::Nominal);
        assert!(!m.is_ordered());
    }

    #[test]
    fn a_case_selection_is_one_binary_unit_per_material() {
        let audit = choice_audit();
        let picks = |r: &str, ms: &[&str]| {
            let picks = ms.iter().map(|m| m.parse().unwrap()).collect();
            fixture::rating(r, "sager", Some(RatingValue::Picks(picks)), Round::First)
        };
        let ratings = [
            picks("h1", &["a", "b"]),
            picks("m1", &["a", "c"]),
            fixture::rating("o1", "sager", None, Round::First),
        ];
        let m = build(
            &audit,
            &ratings,
            &Selection::new(Items::Only(vec!["sager".parse().unwrap()])),
        )
        .unwrap();
        assert_eq!(m.ratings.unit_ids(), ["sager/a", "sager/b", "sager/c"]);
        assert_eq!(
            m.categories
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>(),
            ["ikke valgt", "valgt"]
        );
        // a: valgt, valgt; b: valgt, ikke valgt; c: ikke valgt, valgt; o1 gave no value: missing everywhere.
        assert_eq!(m.ratings.unit_counts(0), [0, 2]);
        assert_eq!(m.ratings.unit_counts(1), [1, 1]);
        assert_eq!(m.ratings.unit_counts(2), [1, 1]);
        assert_eq!(m.value(0, 2), None);
        assert_eq!(m.no_value, 3);
    }

    #[test]
    fn selections_that_cannot_make_one_matrix_are_refused_with_the_item_named() {
        let audit = choice_audit();
        let only = |ids: &[&str]| {
            Selection::new(Items::Only(
                ids.iter().map(|i| i.parse().unwrap()).collect(),
            ))
        };
        let err = build(&audit, &[], &only(&["x", "y"])).unwrap_err();
        assert!(matches!(err, MatrixError::Mixed { .. }), "{err}");
        assert!(
            err.to_string().contains("»x«") && err.to_string().contains("»y«"),
            "{err}"
        );
        let err = build(&audit, &[], &only(&["tanker"])).unwrap_err();
        assert_eq!(err, MatrixError::NotComparable("tanker".parse().unwrap()));
        let err = build(&audit, &[], &only(&["zz"])).unwrap_err();
        assert!(err.to_string().contains("»zz«"), "{err}");
        assert_eq!(
            build(&audit, &[], &Selection::new(Items::Form(7))).unwrap_err(),
            MatrixError::UnknownForm(7)
        );
        assert_eq!(
            build(&audit, &[], &only(&["x"])).unwrap_err(),
            MatrixError::NoRatings(1)
        );
        // The first form mixes a nomination with a case selection (its reflection is left out).
        assert_eq!(
            build(&audit, &[], &Selection::new(Items::Form(0))).unwrap_err(),
            MatrixError::Mixed {
                first: "bedst".parse().unwrap(),
                other: "sager".parse().unwrap()
            }
        );
        // All scored items of this audit are on two scales.
        assert!(matches!(
            build(&audit, &[], &Selection::new(Items::Scored)),
            Err(MatrixError::Mixed { .. })
        ));
    }
}
