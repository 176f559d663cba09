//! Test helpers: reading the long-format reference CSV files copied into `tests/data/`.

use crate::{Level, Ratings, RatingsBuilder};

/// Parses `unit,rater,value` CSV text (a header line, an empty value is a missing rating) into a matrix at
/// `level`, with the categories inferred from the values.
pub(crate) fn long_csv(text: &str, level: Level) -> Ratings {
    let mut builder = RatingsBuilder::new(level, None).unwrap();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 3, "bad line {line:?}");
        builder
            .add(
                fields[0],
                fields[1],
                Some(fields[2]).filter(|v| !v.is_empty()),
            )
            .unwrap();
    }
    builder.build().unwrap()
}
