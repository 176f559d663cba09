//! Reads a ratings CSV file (long `unit,rater,value`, or wide: one row per unit) into a ratings matrix,
//! naming the line of any bad row.

use agreement::{AgreementError, Level, Ratings, RatingsBuilder};

/// A problem with the input file, phrased in Danish with the line it is on.
#[derive(Debug, thiserror::Error)]
pub(crate) enum InputError {
    /// The file holds no data rows.
    #[error("filen er tom: der er ingen bedømmelser")]
    Empty,
    /// The header is not what the format needs.
    #[error("linje 1: overskriften skal være »unit,rater,value«, men er »{0}«")]
    Header(String),
    /// A row that is not valid CSV or has the wrong number of fields.
    #[error("linje {line}: {problem}")]
    Row {
        /// The 1-based line number.
        line: u64,
        /// What is wrong.
        problem: String,
    },
    /// A row whose rating the matrix refused (duplicate pair, unknown category, non-number …).
    #[error("linje {line}: {source}")]
    Rating {
        /// The 1-based line number.
        line: u64,
        /// The matrix's complaint.
        source: AgreementError,
    },
    /// The matrix as a whole is unusable (for example only one rater).
    #[error("{0}")]
    Matrix(AgreementError),
}

/// How the file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// `unit,rater,value`, one rating per row.
    Long,
    /// One row per unit: the first column is the unit, every further column a rater named in the header.
    Wide,
}

/// How many rows are read between two calls of the progress callback.
const PROGRESS_EVERY: u64 = 1 << 16;

/// Reads a CSV file from `input` into a ratings matrix at `level`, with the declared `categories` if
/// given, in one streaming pass: no line is kept once it has gone into the matrix, so memory grows with
/// the matrix (two bytes a cell) rather than with the file. `progress` is called now and then with the
/// number of bytes read so far.
///
/// # Errors
/// An [`InputError`] naming the line, or saying that there is nothing to compare (fewer than two raters).
pub(crate) fn parse(
    input: impl std::io::Read,
    layout: Layout,
    level: Level,
    categories: Option<Vec<String>>,
    progress: &dyn Fn(u64),
) -> Result<Ratings, InputError> {
    let mut builder = RatingsBuilder::new(level, categories).map_err(InputError::Matrix)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(input);
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(|e| InputError::Row {
            line: 1,
            problem: csv_problem(&e),
        })?
        .iter()
        .map(|h| text(h, 1).map(|h| h.trim().trim_start_matches('\u{feff}').to_owned()))
        .collect::<Result<_, _>>()?;
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    match layout {
        Layout::Long => {
            if header.iter().map(String::as_str).collect::<Vec<_>>() != ["unit", "rater", "value"] {
                return Err(InputError::Header(header.join(",")));
            }
            while let Some(line) = next_record(&mut reader, &mut record)? {
                if is_blank(&record) {
                    continue;
                }
                if record.len() != 3 {
                    return Err(InputError::Row {
                        line,
                        problem: format!(
                            "der skal være 3 felter (unit,rater,value), men der er {}",
                            record.len()
                        ),
                    });
                }
                let unit = text(&record[0], line)?.trim();
                let rater = text(&record[1], line)?.trim();
                if unit.is_empty() || rater.is_empty() {
                    return Err(InputError::Row {
                        line,
                        problem: "enhed og bedømmer må ikke være tomme".into(),
                    });
                }
                builder
                    .add(unit, rater, Some(text(&record[2], line)?))
                    .map_err(|source| InputError::Rating { line, source })?;
                rows += 1;
                if rows.is_multiple_of(PROGRESS_EVERY) {
                    progress(reader.position().byte());
                }
            }
        }
        Layout::Wide => {
            if header.len() < 2 {
                return Err(InputError::Row {
                    line: 1,
                    problem: "overskriften skal have en kolonne for enheden og én pr. bedømmer"
                        .into(),
                });
            }
            for rater in &header[1..] {
                builder.declare_rater(rater);
            }
            while let Some(line) = next_record(&mut reader, &mut record)? {
                if is_blank(&record) {
                    continue;
                }
                if record.len() != header.len() {
                    return Err(InputError::Row {
                        line,
                        problem: format!(
                            "der skal være {} felter, men der er {}",
                            header.len(),
                            record.len()
                        ),
                    });
                }
                let unit = text(&record[0], line)?.trim();
                for (rater, value) in header[1..].iter().zip(record.iter().skip(1)) {
                    builder
                        .add(unit, rater, Some(text(value, line)?))
                        .map_err(|source| InputError::Rating { line, source })?;
                }
                rows += 1;
                if rows.is_multiple_of(PROGRESS_EVERY / 64) {
                    progress(reader.position().byte());
                }
            }
        }
    }
    if rows == 0 {
        return Err(InputError::Empty);
    }
    let ratings = builder.build().map_err(InputError::Matrix)?;
    if ratings.n_raters() < 2 {
        return Err(InputError::Matrix(AgreementError::TooFewRaters {
            found: ratings.n_raters(),
            needed: 2,
        }));
    }
    Ok(ratings)
}

/// Reads the next record into `record`, returning its line number, or `None` at the end of the input.
fn next_record<R: std::io::Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
) -> Result<Option<u64>, InputError> {
    match reader.read_byte_record(record) {
        Ok(true) => Ok(Some(record.position().map_or(0, csv::Position::line))),
        Ok(false) => Ok(None),
        Err(e) => Err(InputError::Row {
            line: e.position().map_or(0, csv::Position::line),
            problem: csv_problem(&e),
        }),
    }
}

fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}

/// A field as text, or the line's UTF-8 error.
fn text(field: &[u8], line: u64) -> Result<&str, InputError> {
    std::str::from_utf8(field).map_err(|_| InputError::Row {
        line,
        problem: "filen er ikke gyldig UTF-8".into(),
    })
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "filen er ikke gyldig UTF-8".into(),
        _ => format!("ugyldig CSV ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`parse`] on a string, without progress.
    fn parse_text(
        text: &str,
        layout: Layout,
        level: Level,
        categories: Option<Vec<String>>,
    ) -> Result<Ratings, InputError> {
        parse(text.as_bytes(), layout, level, categories, &|_| {})
    }

    #[test]
    fn reads_long_format_with_missing_values() {
        let r = parse_text(
            "unit,rater,value\nu1,a,1\nu1,b,\nu2,a,2\nu2,b,2\n",
            Layout::Long,
            Level::Ordinal,
            None,
        )
        .unwrap();
        assert_eq!((r.n_units(), r.n_raters(), r.n_ratings()), (2, 2, 3));
    }

    #[test]
    fn reads_wide_format() {
        let r = parse_text(
            "unit,A,B,C\n1,1,1,\n2,2,3,3\n",
            Layout::Wide,
            Level::Nominal,
            None,
        )
        .unwrap();
        assert_eq!((r.n_units(), r.n_raters(), r.n_ratings()), (2, 3, 5));
        assert_eq!(r.rater_ids(), &["A", "B", "C"]);
    }

    #[test]
    fn bad_input_names_the_line() {
        let cases = [
            (
                "unit,rater,value\nu1,a,1\nu1,a,2\n",
                Level::Ordinal,
                "linje 3",
            ),
            (
                "unit,rater,value\nu1,a,1\nu1,b,høj\n",
                Level::Interval,
                "linje 3",
            ),
            ("unit,rater,value\nu1,a,1,9\n", Level::Ordinal, "linje 2"),
            ("unit,rater,value\n", Level::Ordinal, "tom"),
            (
                "unit,rater,value\nu1,a,1\nu2,a,2\n",
                Level::Ordinal,
                "kun 1 bedømmer",
            ),
            ("enhed,bedømmer,værdi\nu1,a,1\n", Level::Ordinal, "linje 1"),
        ];
        for (text, level, needle) in cases {
            let err = parse_text(text, Layout::Long, level, None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }

    mod properties {
        use std::collections::BTreeMap;

        use audit::csv::{CsvWriter, Dialect};
        use proptest::prelude::*;

        use super::*;

        fn level() -> impl Strategy<Value = Level> {
            prop_oneof![
                Just(Level::Nominal),
                Just(Level::Ordinal),
                Just(Level::Interval),
                Just(Level::Ratio),
            ]
        }

        fn layout() -> impl Strategy<Value = Layout> {
            prop_oneof![Just(Layout::Long), Just(Layout::Wide)]
        }

        /// A matrix of ratings: (unit, rater) → value 1–5 or missing, with at least two raters.
        fn matrix() -> impl Strategy<Value = BTreeMap<(String, String), Option<u8>>> {
            prop::collection::btree_map(
                ("[a-zæøå0-9][a-zæøå0-9._]{0,5}", "[A-Za-z][a-zæøå0-9]{0,4}"),
                prop::option::weighted(0.8, 1u8..=5),
                1..40,
            )
            .prop_filter("two raters who rate something", |m| {
                let mut raters: Vec<&String> = m
                    .iter()
                    .filter(|(_, v)| v.is_some())
                    .map(|((_, r), _)| r)
                    .collect();
                raters.dedup();
                raters.sort();
                raters.dedup();
                raters.len() >= 2
            })
        }

        /// The (unit, rater, value) triples of a parsed matrix that hold a value.
        fn triples(r: &Ratings) -> BTreeMap<(String, String), String> {
            let mut out = BTreeMap::new();
            for u in 0..r.n_units() {
                for k in 0..r.n_raters() {
                    if let Some(c) = r.get(u, k) {
                        out.insert(
                            (r.unit_ids()[u].clone(), r.rater_ids()[k].clone()),
                            r.category_labels()[c].clone(),
                        );
                    }
                }
            }
            out
        }

        proptest! {
            #[test]
            fn arbitrary_input_never_panics(
                text in any::<String>(),
                csvish in "(unit,rater,value\n)?([a-z0-9 ,\"\r\n;-]|\u{feff}){0,60}",
                layout in layout(),
                level in level(),
                categories in prop::option::of(prop::collection::vec("[0-9a-z]{0,2}", 0..4)),
            ) {
                let _ = parse_text(&text, layout, level, categories.clone());
                let _ = parse_text(&csvish, layout, level, categories);
            }

            #[test]
            fn a_valid_long_file_reads_back_as_the_same_triples(
                m in matrix(),
                level in level(),
            ) {
                let mut w = CsvWriter::new(Dialect::TERMINAL);
                w.text_row(&["unit", "rater", "value"]);
                for ((unit, rater), value) in &m {
                    let value = value.map(|v| v.to_string()).unwrap_or_default();
                    w.text_row(&[unit, rater, &value]);
                }
                let text = w.finish();
                let ratings = parse_text(&text, Layout::Long, level, None)
                    .map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
                let want: BTreeMap<(String, String), String> = m
                    .iter()
                    .filter_map(|(k, v)| v.map(|v| (k.clone(), v.to_string())))
                    .collect();
                prop_assert_eq!(triples(&ratings), want);
            }

            #[test]
            fn a_valid_wide_file_reads_back_as_the_same_triples(m in matrix()) {
                let mut raters: Vec<&String> = m.keys().map(|(_, r)| r).collect();
                raters.sort();
                raters.dedup();
                let mut units: Vec<&String> = m.keys().map(|(u, _)| u).collect();
                units.sort();
                units.dedup();
                let mut w = CsvWriter::new(Dialect::TERMINAL);
                let header: Vec<&str> =
                    std::iter::once("unit").chain(raters.iter().map(|r| r.as_str())).collect();
                w.text_row(&header);
                for unit in &units {
                    let values: Vec<String> = raters
                        .iter()
                        .map(|r| {
                            m.get(&((*unit).clone(), (*r).clone()))
                                .copied()
                                .flatten()
                                .map(|v| v.to_string())
                                .unwrap_or_default()
                        })
                        .collect();
                    let row: Vec<&str> = std::iter::once(unit.as_str())
                        .chain(values.iter().map(String::as_str))
                        .collect();
                    w.text_row(&row);
                }
                let text = w.finish();
                let ratings = parse_text(&text, Layout::Wide, Level::Ordinal, None)
                    .map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
                let want: BTreeMap<(String, String), String> = m
                    .iter()
                    .filter_map(|(k, v)| v.map(|v| (k.clone(), v.to_string())))
                    .collect();
                prop_assert_eq!(triples(&ratings), want);
            }
        }
    }
}
