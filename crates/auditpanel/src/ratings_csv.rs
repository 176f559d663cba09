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

/// Reads `text` into a ratings matrix at `level`, with the declared `categories` if given.
///
/// # Errors
/// An [`InputError`] naming the line, or saying that there is nothing to compare (fewer than two raters).
pub(crate) fn parse(
    text: &str,
    layout: Layout,
    level: Level,
    categories: Option<Vec<String>>,
) -> Result<Ratings, InputError> {
    let mut builder = RatingsBuilder::new(level, categories).map_err(InputError::Matrix)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| InputError::Row {
            line: 1,
            problem: csv_problem(&e),
        })?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    let mut rows = 0usize;
    match layout {
        Layout::Long => {
            if header.iter().map(String::as_str).collect::<Vec<_>>() != ["unit", "rater", "value"] {
                return Err(InputError::Header(header.join(",")));
            }
            for record in reader.records() {
                let (line, fields) = fields(record)?;
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if fields.len() != 3 {
                    return Err(InputError::Row {
                        line,
                        problem: format!(
                            "der skal være 3 felter (unit,rater,value), men der er {}",
                            fields.len()
                        ),
                    });
                }
                let (unit, rater) = (fields[0].trim(), fields[1].trim());
                if unit.is_empty() || rater.is_empty() {
                    return Err(InputError::Row {
                        line,
                        problem: "enhed og bedømmer må ikke være tomme".into(),
                    });
                }
                builder
                    .add(unit, rater, Some(&fields[2]))
                    .map_err(|source| InputError::Rating { line, source })?;
                rows += 1;
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
            for record in reader.records() {
                let (line, fields) = fields(record)?;
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if fields.len() != header.len() {
                    return Err(InputError::Row {
                        line,
                        problem: format!(
                            "der skal være {} felter, men der er {}",
                            header.len(),
                            fields.len()
                        ),
                    });
                }
                let unit = fields[0].trim();
                for (rater, value) in header[1..].iter().zip(&fields[1..]) {
                    builder
                        .add(unit, rater, Some(value))
                        .map_err(|source| InputError::Rating { line, source })?;
                }
                rows += 1;
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

fn fields(record: Result<csv::StringRecord, csv::Error>) -> Result<(u64, Vec<String>), InputError> {
    match record {
        Ok(r) => {
            let line = r.position().map_or(0, csv::Position::line);
            Ok((line, r.iter().map(str::to_owned).collect()))
        }
        Err(e) => {
            let line = e.position().map_or(0, csv::Position::line);
            Err(InputError::Row {
                line,
                problem: csv_problem(&e),
            })
        }
    }
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

    #[test]
    fn reads_long_format_with_missing_values() {
        let r = parse(
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
        let r = parse(
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
            let err = parse(text, Layout::Long, level, None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }
}
