//! The one CSV writer: every CSV file auditpanel writes (the report's exports, the follow-up overview,
//! `auditpanel agreement --format csv`) goes through [`CsvWriter`], so the rules below hold everywhere.
//!
//! - Cells are typed ([`Cell`]): a number is written as a number (decimal point, a minus sign when
//!   negative), text as text.
//! - **Formula injection.** A spreadsheet runs a text cell that begins with `=`, `+`, `-`, `@`, a tab or
//!   a carriage return as a formula (`=HYPERLINK(…)` can send the reader's data to another site). As
//!   OWASP recommends, such a text cell is written with a leading `'`, which makes the spreadsheet show
//!   it as text. Only text cells are touched: a [`Cell::Number`] of −0.5 stays `-0.5`.
//! - Quoting as RFC 4180 says: a cell holding a comma, a semicolon, a double quote, a tab or a line
//!   break is quoted (both separators always, so a Danish spreadsheet that splits on `;` cannot split a
//!   cell either), a double quote doubled.
//!
//! Pure: it builds a `String`; the caller sends or prints it.

use std::borrow::Cow;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, neutralised when written if it would run as a formula.
    Text(String),
    /// A number, written as a number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number cell, or [`Cell::Empty`] for `None` and for a value that is not finite (a spreadsheet
    /// has no NaN or infinity).
    pub fn number(v: Option<f64>) -> Cell {
        v.filter(|v| v.is_finite())
            .map_or(Cell::Empty, Cell::Number)
    }
}

/// How a file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    /// Between cells.
    pub separator: char,
    /// After every row.
    pub line_end: &'static str,
    /// Whether the file starts with a UTF-8 byte-order mark (so that a spreadsheet reads æøå right).
    pub byte_order_mark: bool,
}

impl Dialect {
    /// RFC 4180 as analysis tools read it: commas, CRLF, no byte-order mark (the report's exports).
    pub const RFC_4180: Dialect = Dialect {
        separator: ',',
        line_end: "\r\n",
        byte_order_mark: false,
    };

    /// What a Danish spreadsheet program opens with a double click: semicolons (the comma is the
    /// decimal mark), CRLF, a byte-order mark (the follow-up overview).
    pub const DANSK_REGNEARK: Dialect = Dialect {
        separator: ';',
        line_end: "\r\n",
        byte_order_mark: true,
    };

    /// Commas and plain line feeds, for a command's standard output.
    pub const TERMINAL: Dialect = Dialect {
        separator: ',',
        line_end: "\n",
        byte_order_mark: false,
    };
}

/// Whether a spreadsheet would run `text` as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (OWASP's list).
pub fn would_run_as_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `text` as it may stand in a spreadsheet cell: with a leading `'` when it would run as a formula,
/// unchanged otherwise.
pub fn neutralised(text: &str) -> Cow<'_, str> {
    if would_run_as_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV file being written, row by row.
#[derive(Debug, Clone)]
pub struct CsvWriter {
    dialect: Dialect,
    out: String,
}

impl CsvWriter {
    /// An empty file in `dialect` (with its byte-order mark, if it has one).
    pub fn new(dialect: Dialect) -> CsvWriter {
        let mut out = String::new();
        if dialect.byte_order_mark {
            out.push('\u{feff}');
        }
        CsvWriter { dialect, out }
    }

    /// Writes a row of text cells (a header, say).
    pub fn text_row(&mut self, cells: &[&str]) -> &mut CsvWriter {
        let mut first = true;
        for cell in cells {
            self.separator(&mut first);
            self.text(cell);
        }
        self.end_row(matches!(cells, [""]))
    }

    /// Writes a row of typed cells.
    pub fn row(&mut self, cells: &[Cell]) -> &mut CsvWriter {
        let mut first = true;
        for cell in cells {
            self.separator(&mut first);
            match cell {
                Cell::Text(s) => self.text(s),
                Cell::Number(v) if v.is_finite() => self.out.push_str(&v.to_string()),
                Cell::Number(_) | Cell::Empty => {}
            }
        }
        let lone_empty = match cells {
            [Cell::Empty] => true,
            [Cell::Text(s)] => s.is_empty(),
            [Cell::Number(v)] => !v.is_finite(),
            _ => false,
        };
        self.end_row(lone_empty)
    }

    /// The file written so far.
    pub fn finish(self) -> String {
        self.out
    }

    fn separator(&mut self, first: &mut bool) {
        if !*first {
            self.out.push(self.dialect.separator);
        }
        *first = false;
    }

    fn text(&mut self, text: &str) {
        let text = neutralised(text);
        if text.contains([',', ';', '"', '\t', '\n', '\r']) {
            self.out.push('"');
            self.out.push_str(&text.replace('"', "\"\""));
            self.out.push('"');
        } else {
            self.out.push_str(&text);
        }
    }

    /// Ends a row. A row of one empty cell is written as `""`: an empty line would be read as no row.
    fn end_row(&mut self, lone_empty: bool) -> &mut CsvWriter {
        if lone_empty {
            self.out.push_str("\"\"");
        }
        self.out.push_str(self.dialect.line_end);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{Cell, CsvWriter, Dialect, neutralised};

    fn one_row(cells: &[Cell]) -> String {
        let mut w = CsvWriter::new(Dialect::RFC_4180);
        w.row(cells);
        w.finish()
    }

    #[test]
    fn text_that_would_run_as_a_formula_gets_a_leading_apostrophe() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("Søgård", "Søgård"),
            ("1-2", "1-2"),
            (" =1", " =1"),
        ] {
            assert_eq!(
                one_row(&[Cell::text(text)]),
                format!("{written}\r\n"),
                "{text:?}"
            );
        }
        assert_eq!(neutralised("'=1"), "'=1", "already text: left alone");
    }

    #[test]
    fn numbers_stay_numbers_negative_ones_too() {
        assert_eq!(
            one_row(&[
                Cell::Number(-0.5),
                Cell::Number(3.0),
                Cell::Number(0.25),
                Cell::number(Some(f64::NAN)),
                Cell::Empty,
            ]),
            "-0.5,3,0.25,,\r\n"
        );
    }

    #[test]
    fn cells_are_quoted_where_a_spreadsheet_would_split_them() {
        assert_eq!(
            one_row(&[
                Cell::text("Søgård, \"Øst\""),
                Cell::text("a;b"),
                Cell::text("to\nlinjer"),
            ]),
            "\"Søgård, \"\"Øst\"\"\",\"a;b\",\"to\nlinjer\"\r\n"
        );
        assert_eq!(one_row(&[Cell::Empty]), "\"\"\r\n", "a lone empty cell");
    }

    #[test]
    fn the_danish_dialect_has_semicolons_and_a_byte_order_mark() {
        let mut w = CsvWriter::new(Dialect::DANSK_REGNEARK);
        w.text_row(&["audit", "id"]).text_row(&["19.1", "-x"]);
        assert_eq!(w.finish(), "\u{feff}audit;id\r\n19.1;'-x\r\n");
        let mut w = CsvWriter::new(Dialect::TERMINAL);
        w.row(&[Cell::text("alpha"), Cell::Number(-0.125)]);
        assert_eq!(w.finish(), "alpha,-0.125\n");
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::{Cell, CsvWriter, Dialect, would_run_as_formula};

        fn cell() -> impl Strategy<Value = Cell> {
            prop_oneof![
                any::<String>().prop_map(Cell::Text),
                // Text made of the characters that matter here, so the dangerous starts come up often.
                "[=+@\\-\t\r\n\",;' a0æ]{0,6}".prop_map(Cell::Text),
                any::<f64>().prop_map(Cell::Number),
                (-1000i32..1000).prop_map(|v| Cell::Number(f64::from(v) / 8.0)),
                Just(Cell::Empty),
            ]
        }

        fn dialect() -> impl Strategy<Value = Dialect> {
            prop_oneof![
                Just(Dialect::RFC_4180),
                Just(Dialect::DANSK_REGNEARK),
                Just(Dialect::TERMINAL),
            ]
        }

        /// What a reader must get back for `cell`: the text, with `'` exactly when it would run as a
        /// formula; a finite number as Rust prints it; nothing for the rest.
        fn expected(cell: &Cell) -> String {
            match cell {
                Cell::Text(s) if would_run_as_formula(s) => format!("'{s}"),
                Cell::Text(s) => s.clone(),
                Cell::Number(v) if v.is_finite() => v.to_string(),
                Cell::Number(_) | Cell::Empty => String::new(),
            }
        }

        proptest! {
            #[test]
            fn what_is_written_reads_back_as_the_same_cells(
                dialect in dialect(),
                rows in prop::collection::vec(prop::collection::vec(cell(), 1..6), 0..6),
            ) {
                let mut w = CsvWriter::new(dialect);
                for row in &rows {
                    w.row(row);
                }
                let text = w.finish();
                let body = if dialect.byte_order_mark {
                    let bom = '\u{feff}';
                    prop_assert!(text.starts_with(bom), "no byte-order mark: {:?}", text);
                    &text[bom.len_utf8()..]
                } else {
                    text.as_str()
                };
                let read: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(u8::try_from(dialect.separator).unwrap_or(b','))
                    .from_reader(body.as_bytes())
                    .records()
                    .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
                    .collect::<Result<_, _>>()
                    .map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
                let want: Vec<Vec<String>> =
                    rows.iter().map(|r| r.iter().map(expected).collect()).collect();
                prop_assert_eq!(&read, &want, "{:?}", text);
                // A number comes back as the same number.
                for (row, back) in rows.iter().zip(&read) {
                    for (cell, back) in row.iter().zip(back) {
                        if let Cell::Number(v) = cell && v.is_finite() {
                            prop_assert_eq!(back.parse::<f64>().ok(), Some(*v));
                        }
                    }
                }
            }

            #[test]
            fn no_written_cell_starts_as_a_formula(text in any::<String>()) {
                let mut w = CsvWriter::new(Dialect::RFC_4180);
                w.row(&[Cell::Text(text)]);
                let written = w.finish();
                let unquoted = written.strip_prefix('"').unwrap_or(&written);
                prop_assert!(!would_run_as_formula(unquoted), "{:?}", written);
            }
        }
    }
}
