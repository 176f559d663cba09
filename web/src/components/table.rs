//! The one table component: every figure table of the dashboard, the report's calibration appendix and
//! the other pages is a `<table>` with a caption (where it has one), a head row of column headings (`scope="col"`,
//! numeric columns right-aligned by the class `num`) and its rows. [`Table`] writes the frame; the
//! caller writes the rows, so a cell can still carry a link or a `<data value>`. The exports write the
//! same figures as rows of typed cells (`pages::report::export::tables`) through the one CSV writer.
//!
//! A table wider than the screen scrolls inside its own [`scroll_region`], never the page: every table
//! [`Table`] writes sits in one, and so do the few tables and charts written by hand.

use maud::{Markup, Render, html};

/// A column of a table: its heading and the class of its `<th>` (`num` for numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column<'a> {
    /// The heading text.
    pub heading: &'a str,
    /// The class of the heading cell, if any.
    pub class: Option<&'a str>,
}

/// A column of text.
pub const fn text(heading: &str) -> Column<'_> {
    Column {
        heading,
        class: None,
    }
}

/// A column of numbers (right-aligned).
pub const fn num(heading: &str) -> Column<'_> {
    Column {
        heading,
        class: Some("num"),
    }
}

/// A table about to be written: columns, and optionally its caption, class and id.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    caption: Option<Markup>,
    columns: &'a [Column<'a>],
    class: Option<&'a str>,
    id: Option<&'a str>,
}

impl<'a> Table<'a> {
    /// A table with the head row `columns`.
    pub fn new(columns: &'a [Column<'a>]) -> Self {
        Table {
            caption: None,
            columns,
            class: None,
            id: None,
        }
    }

    /// The table's caption, what it shows (every figure table has one).
    #[must_use]
    pub fn caption(mut self, caption: impl Render) -> Self {
        self.caption = Some(caption.render());
        self
    }

    /// The table's class (for the stylesheet).
    #[must_use]
    pub fn class(mut self, class: &'a str) -> Self {
        self.class = Some(class);
        self
    }

    /// The table's id (for links and tests).
    #[must_use]
    pub fn id(mut self, id: &'a str) -> Self {
        self.id = Some(id);
        self
    }

    /// The whole table with `rows` (the `<tr>` elements) as its body, in a [`scroll_region`] named by
    /// its caption (or, without one, by its column headings).
    pub fn rows(&self, rows: Markup) -> Markup {
        let label = self.caption.as_ref().map_or_else(
            || {
                let headings: Vec<&str> = self.columns.iter().map(|c| c.heading).collect();
                format!("Tabel: {}", headings.join(", "))
            },
            |caption| plain_text(&caption.0),
        );
        scroll_region(&label, self.table(rows))
    }

    fn table(&self, rows: Markup) -> Markup {
        html! {
            table class=[self.class] id=[self.id] {
                @if let Some(caption) = &self.caption { caption { (caption) } }
                thead {
                    tr {
                        @for c in self.columns {
                            th class=[c.class] scope="col" { (c.heading) }
                        }
                    }
                }
                tbody { (rows) }
            }
        }
    }
}

/// A region that scrolls sideways when `content` (a table or a chart) is wider than the screen, so the
/// page itself never does. A keyboard user can focus it and scroll it with the arrow keys; screen
/// readers announce it by `label`.
pub fn scroll_region(label: &str, content: Markup) -> Markup {
    html! {
        div.table-scroll tabindex="0" role="region" aria-label=(label) { (content) }
    }
}

/// The text of a piece of markup: its tags dropped, the entities maud writes decoded.
fn plain_text(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len());
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use maud::html;

    use super::{Column, Table, num, plain_text, text};

    #[test]
    fn writes_caption_head_and_rows() {
        let columns = [
            text("Bedømmer"),
            num("Bedømmelser"),
            Column {
                heading: "Noter",
                class: Some("no-print"),
            },
        ];
        let table = Table::new(&columns)
            .caption("Bedømmerne")
            .class("strenghed")
            .id("s0-bedoemmere")
            .rows(html! { tr { td { "a" } } });
        assert_eq!(
            table.into_string(),
            concat!(
                r#"<div class="table-scroll" tabindex="0" role="region" aria-label="Bedømmerne">"#,
                r#"<table class="strenghed" id="s0-bedoemmere"><caption>Bedømmerne</caption>"#,
                r#"<thead><tr><th scope="col">Bedømmer</th><th class="num" scope="col">Bedømmelser</th>"#,
                r#"<th class="no-print" scope="col">Noter</th></tr></thead>"#,
                r#"<tbody><tr><td>a</td></tr></tbody></table></div>"#
            )
        );
    }

    #[test]
    fn a_table_without_caption_is_named_by_its_headings_and_a_caption_by_its_text() {
        let columns = [text("Nr."), text("Titel")];
        let table = Table::new(&columns).rows(html! {}).into_string();
        assert!(table.starts_with(r#"<div class="table-scroll" tabindex="0" role="region" aria-label="Tabel: Nr., Titel">"#), "{table}");
        assert_eq!(
            plain_text("Fordeling <small>(n = 5)</small> &amp; &lt;mere&gt;"),
            "Fordeling (n = 5) & <mere>"
        );
    }
}
