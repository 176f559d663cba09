//! The ratings matrix: units × raters, each cell one category or missing.
//!
//! Every coefficient in this crate reads this one type. Categories are stored as indices into an ordered
//! category list, so nominal, ordinal and numeric data share one representation; the numeric value of each
//! category is kept beside it when the labels are numbers.

use crate::{AgreementError, Level, RatingsBuilder};

/// One cell of the dense matrix: a category index, or [`MISSING`]. Sixteen bits keep a 200 × 100 000
/// matrix at 40 MB.
pub(crate) type Code = u16;

/// Marks a missing cell in the dense matrix.
pub(crate) const MISSING: Code = Code::MAX;

/// The most categories a matrix can hold (two codes are kept for the builder's empty and unseen cells).
pub(crate) const MAX_CATEGORIES: usize = Code::MAX as usize - 2;

/// A units × raters matrix of ratings with missing cells, on a declared level of measurement.
///
/// Build it with [`RatingsBuilder`] from `(unit, rater, value)` triples, or with
/// [`Ratings::from_rows`] from numeric rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings {
    level: Level,
    units: Vec<String>,
    raters: Vec<String>,
    categories: Vec<String>,
    values: Option<Vec<f64>>,
    /// Whether the caller declared the categories in scale order (rather than them being inferred from the
    /// values seen), so that text categories have ranks.
    declared: bool,
    /// Row-major by unit: `cells[unit * n_raters + rater]` is a category index or [`MISSING`].
    cells: Vec<Code>,
    /// Row-major by unit: `counts[unit * n_categories + category]` is how many raters chose it.
    counts: Vec<u32>,
}

impl Ratings {
    /// A matrix from its parts, counting the ratings per unit: `cells` row-major by unit with
    /// [`MISSING`] for a missing rating and otherwise an index into `categories`.
    ///
    /// # Errors
    /// [`AgreementError::InvalidCategories`] at a numeric level when the categories have no scores (text
    /// that was not declared in order).
    pub(crate) fn from_parts(
        level: Level,
        units: Vec<String>,
        raters: Vec<String>,
        categories: Vec<String>,
        declared: bool,
        cells: Vec<Code>,
    ) -> Result<Ratings, AgreementError> {
        let values: Option<Vec<f64>> = categories.iter().map(|c| parse_number(c)).collect();
        if level.is_numeric() && values.is_none() && !declared {
            return Err(needs_scores(level));
        }
        let k = categories.len();
        let mut counts = vec![0u32; units.len() * k];
        if !raters.is_empty() && k > 0 {
            for (row, unit_counts) in cells
                .chunks_exact(raters.len())
                .zip(counts.chunks_exact_mut(k))
            {
                for &c in row {
                    if c != MISSING {
                        unit_counts[usize::from(c)] += 1;
                    }
                }
            }
        }
        Ok(Ratings {
            level,
            units,
            raters,
            categories,
            values,
            declared,
            cells,
            counts,
        })
    }

    /// Builds a matrix from numeric rows (one row per unit, one column per rater, `None` missing).
    ///
    /// Units are named "1", "2", …, raters "r1", "r2", …. The categories are `categories` when given
    /// (weights and Brennan–Prediger then use the declared set), otherwise the distinct values seen,
    /// in increasing order.
    ///
    /// # Errors
    /// [`AgreementError::UnknownCategory`] for a value outside the declared categories,
    /// [`AgreementError::InvalidCategories`] for a duplicate or non-finite category, and
    /// [`AgreementError::Empty`] when there are no rows or no raters.
    pub fn from_rows(
        level: Level,
        rows: &[Vec<Option<f64>>],
        categories: Option<&[f64]>,
    ) -> Result<Ratings, AgreementError> {
        let declared: Option<Vec<String>> =
            categories.map(|c| c.iter().map(|v| format_number(*v)).collect());
        let mut builder = RatingsBuilder::new(level, declared)?;
        let n_raters = rows.iter().map(Vec::len).max().unwrap_or(0);
        let rater_names: Vec<String> = (1..=n_raters).map(|r| format!("r{r}")).collect();
        for (u, row) in rows.iter().enumerate() {
            let unit = (u + 1).to_string();
            builder.declare_unit(&unit);
            for (r, value) in row.iter().enumerate() {
                let value = value.map(format_number);
                builder.add(&unit, &rater_names[r], value.as_deref())?;
            }
        }
        for rater in &rater_names {
            builder.declare_rater(rater);
        }
        builder.build()
    }

    /// Parses a whitespace-separated table, one line per unit, one column per rater, `.` for missing.
    /// Blank lines are skipped. Meant for tests and examples, where published tables are copied in.
    ///
    /// # Errors
    /// As [`Ratings::from_rows`]; a cell that is neither a number nor `.` is
    /// [`AgreementError::NotNumeric`].
    pub fn parse_table(text: &str, level: Level) -> Result<Ratings, AgreementError> {
        let mut builder = RatingsBuilder::new(level, None)?;
        let mut unit_no = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            unit_no += 1;
            let unit = unit_no.to_string();
            builder.declare_unit(&unit);
            for (r, cell) in line.split_whitespace().enumerate() {
                let rater = format!("r{}", r + 1);
                let value = (cell != ".").then_some(cell);
                builder.add(&unit, &rater, value)?;
            }
        }
        builder.build()
    }

    /// Builds a matrix directly from category indices, without parsing any text: `cells` is row-major by
    /// unit (`cells[unit * n_raters + rater]`), `None` missing, each index into `categories`.
    ///
    /// Units are named "1", "2", …, raters "r1", "r2", … as in [`Ratings::from_rows`]. This is the fast
    /// way in for large generated or already-coded data (benchmarks, simulations), where going through
    /// text triples would dominate the cost.
    ///
    /// # Errors
    /// [`AgreementError::InvalidCategories`] for an empty or duplicated category list or an index outside
    /// it (text categories are declared, so at a numeric level their ranks are their scores); [`AgreementError::Empty`] when there are no raters or no
    /// units, or `cells` is not a whole number of rows.
    pub fn from_category_indices(
        level: Level,
        categories: &[&str],
        n_raters: usize,
        cells: &[Option<u32>],
    ) -> Result<Ratings, AgreementError> {
        let declared: Vec<String> = categories.iter().map(|c| (*c).to_owned()).collect();
        // Reuse the builder's checks of the category list.
        let builder = RatingsBuilder::new(level, Some(declared))?;
        let categories = builder.declared.unwrap_or_default();
        if n_raters == 0 || cells.is_empty() || !cells.len().is_multiple_of(n_raters) {
            return Err(AgreementError::Empty);
        }
        let k = categories.len();
        let n_units = cells.len() / n_raters;
        let mut dense = Vec::with_capacity(cells.len());
        let mut counts = vec![0u32; n_units * k];
        for (row, unit_counts) in cells.chunks_exact(n_raters).zip(counts.chunks_exact_mut(k)) {
            for cell in row {
                match *cell {
                    Some(c) if (c as usize) < k => {
                        dense.push(c as Code);
                        unit_counts[c as usize] += 1;
                    }
                    Some(c) => {
                        return Err(AgreementError::InvalidCategories(format!(
                            "kategori nummer {c} findes ikke; der er {k} kategorier"
                        )));
                    }
                    None => dense.push(MISSING),
                }
            }
        }
        let values: Option<Vec<f64>> = categories.iter().map(|c| parse_number(c)).collect();
        Ok(Ratings {
            level,
            units: (1..=n_units).map(|u| u.to_string()).collect(),
            raters: (1..=n_raters).map(|r| format!("r{r}")).collect(),
            categories,
            values,
            declared: true,
            cells: dense,
            counts,
        })
    }

    /// The level of measurement the values were declared on.
    pub fn level(&self) -> Level {
        self.level
    }

    /// The same ratings read at another level (for example ordinal data analysed as nominal).
    ///
    /// # Errors
    /// [`AgreementError::InvalidCategories`] when `level` is numeric and a category is not a number.
    pub fn at_level(&self, level: Level) -> Result<Ratings, AgreementError> {
        if level.is_numeric() && self.category_scores().is_none() {
            return Err(needs_scores(level));
        }
        Ok(Ratings {
            level,
            ..self.clone()
        })
    }

    /// Number of units (rows).
    pub fn n_units(&self) -> usize {
        self.units.len()
    }

    /// Number of raters (columns).
    pub fn n_raters(&self) -> usize {
        self.raters.len()
    }

    /// Number of categories, declared or inferred.
    pub fn n_categories(&self) -> usize {
        self.categories.len()
    }

    /// The unit ids in input order.
    pub fn unit_ids(&self) -> &[String] {
        &self.units
    }

    /// The rater ids in input order.
    pub fn rater_ids(&self) -> &[String] {
        &self.raters
    }

    /// The category labels in scale order.
    pub fn category_labels(&self) -> &[String] {
        &self.categories
    }

    /// The numeric value of each category, when every label is a number.
    pub fn category_values(&self) -> Option<&[f64]> {
        self.values.as_deref()
    }

    /// The number each category stands for where a coefficient needs distances (interval and ratio α, the
    /// weights, ICC): its value when every label is a number, otherwise its rank 1, 2, …, q in the declared
    /// scale order (ordered text categories such as »ikke opfyldt, delvist opfyldt, opfyldt«). `None` for
    /// text categories that were not declared, whose order is only the alphabet's.
    pub fn category_scores(&self) -> Option<Vec<f64>> {
        match &self.values {
            Some(values) => Some(values.clone()),
            None if self.declared => Some((1..=self.categories.len()).map(|k| k as f64).collect()),
            None => None,
        }
    }

    /// Whether [`Ratings::category_scores`] are the ranks of text categories rather than their values.
    pub fn scores_are_ranks(&self) -> bool {
        self.values.is_none() && self.declared
    }

    /// The category index `rater` gave `unit`, or `None` when missing.
    pub fn get(&self, unit: usize, rater: usize) -> Option<usize> {
        let cell = self.cells[unit * self.raters.len() + rater];
        (cell != MISSING).then_some(cell as usize)
    }

    /// The cells of one unit, rater by rater.
    pub fn unit_cells(&self, unit: usize) -> impl ExactSizeIterator<Item = Option<usize>> + '_ {
        let n = self.raters.len();
        self.cells[unit * n..(unit + 1) * n]
            .iter()
            .map(|&c| (c != MISSING).then_some(c as usize))
    }

    /// How many raters gave `unit` each category (Gwet's r_ik, Krippendorff's n_uc).
    pub fn unit_counts(&self, unit: usize) -> &[u32] {
        let k = self.categories.len();
        &self.counts[unit * k..(unit + 1) * k]
    }

    /// Number of ratings `unit` received.
    pub fn unit_n(&self, unit: usize) -> usize {
        self.unit_counts(unit).iter().map(|&c| c as usize).sum()
    }

    /// Total number of (non-missing) ratings.
    pub fn n_ratings(&self) -> usize {
        self.counts.iter().map(|&c| c as usize).sum()
    }

    /// Number of units with at least two ratings, the only ones that say anything about agreement.
    pub fn n_pairable_units(&self) -> usize {
        (0..self.n_units()).filter(|&u| self.unit_n(u) >= 2).count()
    }

    /// Indices of the units every rater rated (used by ICC and Kendall's W).
    pub fn complete_units(&self) -> Vec<usize> {
        (0..self.n_units())
            .filter(|&u| self.unit_n(u) == self.n_raters())
            .collect()
    }

    /// The complete units, for the coefficients that need ordered values on units every rater rated (ICC,
    /// Kendall's W).
    ///
    /// # Errors
    /// [`AgreementError::LevelNotSupported`] at the nominal level, [`AgreementError::TooFewRaters`] with fewer
    /// than two raters, and [`AgreementError::TooFewCompleteUnits`] with fewer than two complete units.
    pub(crate) fn complete_ordered_units(
        &self,
        coefficient: &'static str,
    ) -> Result<Vec<usize>, AgreementError> {
        if self.level == Level::Nominal {
            return Err(AgreementError::LevelNotSupported {
                coefficient,
                level: self.level,
            });
        }
        if self.n_raters() < 2 {
            return Err(AgreementError::TooFewRaters {
                found: self.n_raters(),
                needed: 2,
            });
        }
        let complete = self.complete_units();
        if complete.len() < 2 {
            return Err(AgreementError::TooFewCompleteUnits {
                found: complete.len(),
                needed: 2,
            });
        }
        Ok(complete)
    }

    /// A matrix with the given units, in the given order, repeats allowed (a bootstrap resample).
    /// Raters and categories are kept as they are, so weights and category counts do not change.
    pub fn select_units(&self, units: &[usize]) -> Ratings {
        let n = self.raters.len();
        let k = self.categories.len();
        let mut cells = Vec::with_capacity(units.len() * n);
        let mut counts = Vec::with_capacity(units.len() * k);
        let mut ids = Vec::with_capacity(units.len());
        for &u in units {
            cells.extend_from_slice(&self.cells[u * n..(u + 1) * n]);
            counts.extend_from_slice(&self.counts[u * k..(u + 1) * k]);
            ids.push(self.units[u].clone());
        }
        Ratings {
            level: self.level,
            units: ids,
            raters: self.raters.clone(),
            categories: self.categories.clone(),
            values: self.values.clone(),
            declared: self.declared,
            cells,
            counts,
        }
    }

    /// A matrix with only the given raters, in the given order (pairwise coefficients, leave-one-out).
    pub fn select_raters(&self, raters: &[usize]) -> Ratings {
        let n = self.raters.len();
        let k = self.categories.len();
        let mut cells = Vec::with_capacity(self.units.len() * raters.len());
        let mut counts = vec![0u32; self.units.len() * k];
        for u in 0..self.units.len() {
            for &r in raters {
                let cell = self.cells[u * n + r];
                cells.push(cell);
                if cell != MISSING {
                    counts[u * k + cell as usize] += 1;
                }
            }
        }
        Ratings {
            level: self.level,
            units: self.units.clone(),
            raters: raters.iter().map(|&r| self.raters[r].clone()).collect(),
            categories: self.categories.clone(),
            values: self.values.clone(),
            declared: self.declared,
            cells,
            counts,
        }
    }
}

/// The refusal of a numeric level for text categories whose order nobody declared.
fn needs_scores(level: Level) -> AgreementError {
    AgreementError::InvalidCategories(format!(
        "niveauet {level} kræver, at alle kategorier er tal, eller at tekstkategorierne er angivet i \
         skalaens rækkefølge (så deres rangnumre 1, 2, … bruges som værdier)"
    ))
}

/// Numbers are compared as numbers ("1", "1.0" and "1,0" are one category); text as written.
pub(crate) fn canonical(value: &str) -> String {
    parse_number(value).map_or_else(|| value.to_owned(), format_number)
}

pub(crate) fn find_category(categories: &[String], value: &str) -> Option<usize> {
    let value = canonical(value);
    categories.iter().position(|c| canonical(c) == value)
}

pub(crate) fn infer_categories(seen: &[String]) -> Vec<String> {
    let mut cats = seen.to_vec();
    if cats.iter().all(|c| parse_number(c).is_some()) {
        cats.sort_by(|a, b| {
            let (a, b) = (
                parse_number(a).unwrap_or(0.0),
                parse_number(b).unwrap_or(0.0),
            );
            a.total_cmp(&b)
        });
    } else {
        cats.sort();
    }
    cats
}

/// Parses a number written with a decimal point or a Danish decimal comma.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    s.parse::<f64>()
        .ok()
        .or_else(|| s.replace(',', ".").parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

/// Writes a number the shortest way that reads back to the same value ("3", "2.5").
fn format_number(v: f64) -> String {
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_from_triples_and_counts_per_unit() {
        let mut b = RatingsBuilder::new(Level::Nominal, None).unwrap();
        b.add("u1", "a", Some("x")).unwrap();
        b.add("u1", "b", Some("y")).unwrap();
        b.add("u2", "a", Some("x")).unwrap();
        b.add("u2", "b", None).unwrap();
        let r = b.build().unwrap();
        assert_eq!((r.n_units(), r.n_raters(), r.n_categories()), (2, 2, 2));
        assert_eq!(r.unit_counts(0), &[1, 1]);
        assert_eq!(r.unit_counts(1), &[1, 0]);
        assert_eq!(r.get(1, 1), None);
        assert_eq!(r.n_ratings(), 3);
        assert_eq!(r.n_pairable_units(), 1);
        assert_eq!(r.complete_units(), vec![0]);
    }

    #[test]
    fn duplicate_pair_names_unit_and_rater() {
        let mut b = RatingsBuilder::new(Level::Ordinal, None).unwrap();
        b.add("u1", "a", Some("1")).unwrap();
        let err = b.add("u1", "a", Some("2")).unwrap_err();
        assert_eq!(
            err,
            AgreementError::Duplicate {
                unit: "u1".into(),
                rater: "a".into()
            }
        );
        assert!(err.to_string().contains("»a«") && err.to_string().contains("»u1«"));
    }

    #[test]
    fn value_outside_declared_categories_is_refused() {
        let cats = Some(vec!["1".into(), "2".into(), "3".into()]);
        let mut b = RatingsBuilder::new(Level::Ordinal, cats).unwrap();
        let err = b.add("u1", "a", Some("4")).unwrap_err();
        assert!(matches!(err, AgreementError::UnknownCategory { ref value, .. } if value == "4"));
    }

    #[test]
    fn non_number_at_interval_level_is_refused() {
        let mut b = RatingsBuilder::new(Level::Interval, None).unwrap();
        let err = b.add("u1", "a", Some("høj")).unwrap_err();
        assert!(matches!(err, AgreementError::NotNumeric { .. }));
    }

    #[test]
    fn declared_text_categories_are_scored_by_rank_and_inferred_ones_refused_at_interval() {
        let declared = Some(vec!["lav".into(), "middel".into(), "høj".into()]);
        let mut b = RatingsBuilder::new(Level::Interval, declared).unwrap();
        b.add("u1", "a", Some("høj")).unwrap();
        b.add("u1", "b", Some("lav")).unwrap();
        // A value outside the declared list is named as such, not as a non-number.
        let err = b.add("u2", "a", Some("ukendt")).unwrap_err();
        assert!(
            matches!(err, AgreementError::UnknownCategory { .. }),
            "{err}"
        );
        let r = b.build().unwrap();
        assert_eq!(r.category_values(), None);
        assert_eq!(r.category_scores(), Some(vec![1.0, 2.0, 3.0]));
        assert!(r.scores_are_ranks());

        let mut inferred = RatingsBuilder::new(Level::Ordinal, None).unwrap();
        inferred.add("u1", "a", Some("høj")).unwrap();
        let r = inferred.build().unwrap();
        assert_eq!(r.category_scores(), None);
        let err = r.at_level(Level::Interval).unwrap_err();
        assert!(err.to_string().contains("skalaens rækkefølge"), "{err}");
    }

    #[test]
    fn numeric_categories_are_inferred_in_numeric_order() {
        let r = Ratings::parse_table("10 9\n2 .", Level::Ordinal).unwrap();
        assert_eq!(r.category_labels(), &["2", "9", "10"]);
        assert_eq!(r.category_values(), Some(&[2.0, 9.0, 10.0][..]));
    }

    #[test]
    fn declared_categories_keep_unused_ones() {
        let r = Ratings::from_rows(
            Level::Ordinal,
            &[vec![Some(1.0), Some(2.0)]],
            Some(&[1.0, 2.0, 3.0, 4.0, 5.0]),
        )
        .unwrap();
        assert_eq!(r.n_categories(), 5);
        assert_eq!(r.unit_counts(0), &[1, 1, 0, 0, 0]);
    }

    #[test]
    fn from_category_indices_counts_and_checks_indices() {
        let cells = [Some(0), Some(2), None, Some(2), Some(2), Some(1)];
        let r =
            Ratings::from_category_indices(Level::Ordinal, &["1", "2", "3"], 3, &cells).unwrap();
        assert_eq!((r.n_units(), r.n_raters()), (2, 3));
        assert_eq!(r.unit_counts(0), &[1, 0, 1]);
        assert_eq!(r.unit_counts(1), &[0, 1, 2]);
        assert_eq!(r.get(0, 2), None);
        assert_eq!(r.category_values(), Some(&[1.0, 2.0, 3.0][..]));
        assert!(matches!(
            Ratings::from_category_indices(Level::Ordinal, &["1", "2"], 3, &cells),
            Err(AgreementError::InvalidCategories(_))
        ));
        assert_eq!(
            Ratings::from_category_indices(Level::Ordinal, &["1", "2", "3"], 4, &cells),
            Err(AgreementError::Empty)
        );
    }

    #[test]
    fn select_units_repeats_rows_and_select_raters_recounts() {
        let r = Ratings::parse_table("1 2 2\n3 3 .", Level::Ordinal).unwrap();
        let boot = r.select_units(&[1, 1, 0]);
        assert_eq!(boot.n_units(), 3);
        assert_eq!(boot.unit_counts(0), r.unit_counts(1));
        let pair = r.select_raters(&[0, 2]);
        assert_eq!(pair.unit_counts(0), &[1, 1, 0]);
        assert_eq!(pair.unit_counts(1), &[0, 0, 1]);
    }
}
