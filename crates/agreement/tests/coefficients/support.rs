//! Reads the reference datasets in `tests/data/` (long format `unit,rater,value`, empty value = missing).
//!
//! The files are copies of `shared/reference/*.csv`, which CI's clone does not have; their sources are named
//! in `tests/data/README.md` and beside each test.

use std::path::PathBuf;

use agreement::{Level, Ratings, RatingsBuilder};

/// Loads `tests/data/{name}.csv` at `level`, with the categories declared when `categories` is given.
pub(crate) fn load(name: &str, level: Level, categories: Option<&[&str]>) -> Ratings {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(format!("{name}.csv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let declared = categories.map(|c| c.iter().map(|s| (*s).to_owned()).collect());
    let mut builder = RatingsBuilder::new(level, declared).unwrap();
    for (line_no, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 3, "{name}.csv line {}: {line}", line_no + 1);
        let value = (!fields[2].trim().is_empty()).then_some(fields[2]);
        builder
            .add(fields[0], fields[1], value)
            .unwrap_or_else(|e| panic!("{name}.csv line {}: {e}", line_no + 1));
    }
    builder.build().unwrap()
}

/// Asserts `|actual − expected| ≤ tolerance`, naming what was compared.
#[track_caller]
pub(crate) fn assert_near(what: &str, actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected} ± {tolerance}"
    );
}
