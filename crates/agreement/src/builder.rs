//! Collects `(unit, rater, value)` triples into a [`Ratings`] matrix, checking each as it comes.
//!
//! Built for files of tens of millions of ratings: unit and rater ids are interned once (the next id is
//! guessed from the previous one, so a file sorted by unit or by rater costs no hashing per row), a value is
//! checked the first time its text is seen and afterwards only looked up, and the ratings go straight into
//! a dense units × raters matrix of 16-bit codes, which also finds a rater who rated a unit twice.

use std::collections::HashMap;

use crate::ratings::{
    Code, MAX_CATEGORIES, MISSING, Ratings, canonical, find_category, infer_categories,
    parse_number,
};
use crate::{AgreementError, Level};

/// A cell nobody has filled yet.
const NOT_SEEN: Code = Code::MAX;
/// A cell whose rater was named with an empty value (a missing rating, which still counts as given).
const GIVEN_EMPTY: Code = Code::MAX - 1;

/// Collects `(unit, rater, value)` triples into a [`Ratings`] matrix, checking each as it comes, so that a
/// caller reading a file can name the line of a bad triple.
#[derive(Debug)]
pub struct RatingsBuilder {
    level: Level,
    pub(crate) declared: Option<Vec<String>>,
    units: Interner,
    raters: Interner,
    values: Values,
    /// Row-major by unit, `stride` slots per unit: the value id of each cell, or [`NOT_SEEN`] /
    /// [`GIVEN_EMPTY`].
    cells: Vec<Code>,
    stride: usize,
}

impl RatingsBuilder {
    /// Starts a matrix on `level`. With `categories`, values are checked against them and the weights use
    /// them; declared text categories are in scale order, so their ranks serve as scores at every level
    /// ([`Ratings::category_scores`]). Without, the categories are the distinct values seen (numbers in
    /// increasing order, otherwise text in sorted order, which a numeric level refuses).
    ///
    /// # Errors
    /// [`AgreementError::InvalidCategories`] when the declared list has a duplicate, is empty, or is longer
    /// than a matrix can hold (65 533 categories).
    pub fn new(
        level: Level,
        categories: Option<Vec<String>>,
    ) -> Result<RatingsBuilder, AgreementError> {
        let declared: Option<Vec<String>> =
            categories.map(|c| c.iter().map(|s| s.trim().to_owned()).collect());
        if let Some(cats) = &declared {
            if cats.is_empty() {
                return Err(AgreementError::InvalidCategories(
                    "ingen kategorier angivet".into(),
                ));
            }
            if cats.len() > MAX_CATEGORIES {
                return Err(too_many_values());
            }
            let mut seen = std::collections::HashSet::new();
            for c in cats {
                if !seen.insert(c) {
                    return Err(AgreementError::InvalidCategories(format!(
                        "»{c}« står der to gange"
                    )));
                }
            }
        }
        Ok(RatingsBuilder {
            level,
            declared,
            units: Interner::default(),
            raters: Interner::default(),
            values: Values::default(),
            cells: Vec::new(),
            stride: 0,
        })
    }

    /// Registers a unit even if nobody rated it (it then counts as a unit without ratings).
    pub fn declare_unit(&mut self, unit: &str) -> usize {
        let (index, new) = self.units.intern(unit);
        if new {
            self.cells.resize(self.cells.len() + self.stride, NOT_SEEN);
        }
        index
    }

    /// Registers a rater even if they rated nothing.
    pub fn declare_rater(&mut self, rater: &str) -> usize {
        let (index, new) = self.raters.intern(rater);
        if new && index >= self.stride {
            self.widen(index + 1);
        }
        index
    }

    /// Makes room for at least `raters` raters per unit, doubling so that raters who appear one by one
    /// cost a copy of the matrix only now and then.
    fn widen(&mut self, raters: usize) {
        let stride = raters.max(self.stride * 2).max(4);
        let units = self.units.len();
        let mut cells = vec![NOT_SEEN; units * stride];
        if self.stride > 0 {
            for (new, old) in cells
                .chunks_exact_mut(stride)
                .zip(self.cells.chunks_exact(self.stride))
            {
                new[..self.stride].copy_from_slice(old);
            }
        }
        self.cells = cells;
        self.stride = stride;
    }

    /// Adds one rating; `value` `None` (or empty) is a missing rating, which still registers the unit and
    /// the rater.
    ///
    /// # Errors
    /// [`AgreementError::Duplicate`] when this rater already rated this unit,
    /// [`AgreementError::UnknownCategory`] for a value outside the declared categories,
    /// [`AgreementError::NotNumeric`] for a non-number at a numeric level without declared categories, and
    /// [`AgreementError::InvalidCategories`] for more distinct values than a matrix can hold.
    pub fn add(
        &mut self,
        unit: &str,
        rater: &str,
        value: Option<&str>,
    ) -> Result<(), AgreementError> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        let code = match value {
            Some(v) => match self.values.known(v) {
                Some(code) => code,
                None => {
                    self.check_value(unit, rater, v)?;
                    self.values.insert(v)?
                }
            },
            None => GIVEN_EMPTY,
        };
        let u = self.declare_unit(unit);
        let r = self.declare_rater(rater);
        let cell = &mut self.cells[u * self.stride + r];
        if *cell != NOT_SEEN {
            return Err(AgreementError::Duplicate {
                unit: unit.to_owned(),
                rater: rater.to_owned(),
            });
        }
        *cell = code;
        Ok(())
    }

    fn check_value(&self, unit: &str, rater: &str, value: &str) -> Result<(), AgreementError> {
        // With declared categories a text value is checked against them (and scored by its rank).
        if self.level.is_numeric() && self.declared.is_none() && parse_number(value).is_none() {
            return Err(AgreementError::NotNumeric {
                unit: unit.to_owned(),
                rater: rater.to_owned(),
                value: value.to_owned(),
                level: self.level,
            });
        }
        if let Some(declared) = &self.declared
            && find_category(declared, value).is_none()
        {
            return Err(AgreementError::UnknownCategory {
                unit: unit.to_owned(),
                rater: rater.to_owned(),
                value: value.to_owned(),
                allowed: declared.join(", "),
            });
        }
        Ok(())
    }

    /// Finishes the matrix.
    ///
    /// # Errors
    /// [`AgreementError::Empty`] when no unit or no rater was registered, and
    /// [`AgreementError::InvalidCategories`] at a numeric level when the values are text nobody put in
    /// order.
    pub fn build(self) -> Result<Ratings, AgreementError> {
        let (n_units, n_raters) = (self.units.len(), self.raters.len());
        if n_units == 0 || n_raters == 0 {
            return Err(AgreementError::Empty);
        }
        let declared = self.declared.is_some();
        let categories = match self.declared {
            Some(declared) => declared,
            None => infer_categories(&self.values.seen),
        };
        // Every interned value maps to its category once (each was checked when first seen).
        let category_of: Vec<Code> = self
            .values
            .seen
            .iter()
            .map(|v| find_category(&categories, v).map_or(MISSING, |i| i as Code))
            .collect();
        // Narrow the rows from `stride` to `n_raters` slots in place (a row never moves right) and turn
        // value ids into category indices.
        let (stride, mut cells) = (self.stride, self.cells);
        for u in 0..n_units {
            for r in 0..n_raters {
                let id = cells[u * stride + r];
                cells[u * n_raters + r] = match id {
                    NOT_SEEN | GIVEN_EMPTY => MISSING,
                    id => category_of[usize::from(id)],
                };
            }
        }
        cells.truncate(n_units * n_raters);
        cells.shrink_to_fit();
        Ratings::from_parts(
            self.level,
            self.units.names,
            self.raters.names,
            categories,
            declared,
            cells,
        )
    }
}

/// Names in order of first appearance with their indices. Looks at the name after the last one found
/// (and the first, after the last) before hashing, which is the next name of any file sorted by unit or
/// rater.
#[derive(Debug, Default)]
struct Interner {
    names: Vec<String>,
    index: HashMap<String, usize>,
    last: usize,
}

impl Interner {
    fn len(&self) -> usize {
        self.names.len()
    }

    /// The index of `name`, and whether it is new.
    fn intern(&mut self, name: &str) -> (usize, bool) {
        let n = self.names.len();
        if n > 0 {
            let next = if self.last + 1 < n { self.last + 1 } else { 0 };
            for guess in [self.last, next] {
                if self.names[guess] == name {
                    self.last = guess;
                    return (guess, false);
                }
            }
        }
        let (index, new) = match self.index.get(name) {
            Some(&i) => (i, false),
            None => {
                self.names.push(name.to_owned());
                self.index.insert(name.to_owned(), n);
                (n, true)
            }
        };
        self.last = index;
        (index, new)
    }
}

/// The distinct values seen: the text as written (`raw`, looked up on every rating) and its canonical form
/// (`seen`, one entry per category: "1", "1.0" and "1,0" are one).
#[derive(Debug, Default)]
struct Values {
    raw: HashMap<String, Code>,
    /// The first few raw values, scanned before hashing (a rating scale has a handful).
    few: Vec<(String, Code)>,
    seen: Vec<String>,
    seen_index: HashMap<String, Code>,
}

impl Values {
    const FEW: usize = 16;

    fn known(&self, raw: &str) -> Option<Code> {
        if self.raw.len() <= Self::FEW {
            return self.few.iter().find(|(r, _)| r == raw).map(|&(_, c)| c);
        }
        self.raw.get(raw).copied()
    }

    fn insert(&mut self, raw: &str) -> Result<Code, AgreementError> {
        let canonical = canonical(raw);
        let code = match self.seen_index.get(&canonical) {
            Some(&code) => code,
            None => {
                if self.seen.len() >= MAX_CATEGORIES {
                    return Err(too_many_values());
                }
                let code = self.seen.len() as Code;
                self.seen.push(canonical.clone());
                self.seen_index.insert(canonical, code);
                code
            }
        };
        self.raw.insert(raw.to_owned(), code);
        if self.few.len() < Self::FEW {
            self.few.push((raw.to_owned(), code));
        }
        Ok(code)
    }
}

fn too_many_values() -> AgreementError {
    AgreementError::InvalidCategories(format!(
        "der er mere end {MAX_CATEGORIES} forskellige værdier, flere end en skala kan have"
    ))
}
