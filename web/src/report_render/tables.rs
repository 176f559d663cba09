//! The report's figure tables as data: caption, columns and cells, built once from the document
//! model and written by both renderers — as HTML through the one table component, and as Word
//! tables by `docx` — so the page and the Word file print the same figures in the same words.

use maud::{Markup, html};

use crate::components::table::{Column, Table};

/// A figure table.
#[derive(Debug, Clone)]
pub(super) struct Tabel {
    /// What it shows.
    pub caption: String,
    /// Its class on the page (for the stylesheet).
    pub class: &'static str,
    /// The head row.
    pub columns: Vec<Column<'static>>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Celle>>,
}

/// A cell of a [`Tabel`].
#[derive(Debug, Clone)]
pub(super) enum Celle {
    /// A value (right-aligned in a numeric column).
    Tekst(String),
    /// The heading of its row (`th scope="row"`).
    Raekkeoverskrift(String),
    /// A rated item: the indicator it rates, its text, and whether the κ paradox mark follows it.
    Punkt {
        /// The indicator ("3.a"), for an indicator rating.
        indikator: Option<String>,
        /// The item's text.
        tekst: String,
        /// Whether κ is far below AC1 although the raters mostly agree.
        paradoks: bool,
    },
}

/// The mark after an item in the κ paradox, explained once under its table.
pub(super) const PARADOKS_MAERKE: &str = "(κ-paradoks)";

/// A value cell.
pub(super) fn celle(t: impl Into<String>) -> Celle {
    Celle::Tekst(t.into())
}

/// The table on a page, through the one table component.
pub(super) fn html(t: &Tabel) -> Markup {
    Table::new(&t.columns)
        .caption(t.caption.as_str())
        .class(t.class)
        .rows(html! {
            @for row in &t.rows {
                tr {
                    @for (c, col) in row.iter().zip(&t.columns) { (celle_html(c, col.class == Some("num"))) }
                }
            }
        })
}

fn celle_html(c: &Celle, tal: bool) -> Markup {
    html! {
        @match c {
            Celle::Tekst(t) => td class=[tal.then_some("num")] { (t) },
            Celle::Raekkeoverskrift(t) => th scope="row" { (t) },
            Celle::Punkt { indikator, tekst, paradoks } => td {
                @if let Some(ind) = indikator { strong { "Indikator " (ind) } br; }
                (tekst)
                @if *paradoks { " " span.muted { (PARADOKS_MAERKE) } }
            },
        }
    }
}
