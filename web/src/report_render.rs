//! Renders the auditrapport ([`audit::report::Rapport`]) as HTML with maud: the article that the report
//! page shows inside the application's frame, and the standalone file (CSS inlined, SVG drawn inline,
//! the data it was built from as a JSON data block, no external request of any kind) that is
//! downloaded and frozen when the report is published.
//!
//! **The boundary.** This module is the report renderer of web, and the rest of web uses it only
//! through what is public here:
//! - in: a [`Rapport`] (built by `audit::report`, which decides what the report says) and the
//!   [`Udgave`] (draft or published version);
//! - out: [`article`] (the `<article>` for a page), [`standalone`] (the whole file, stored as
//!   [`SNAPSHOT_MEDIA_TYPE`] when published), [`docx`] (the same report as a Word file,
//!   [`DOCX_MEDIA_TYPE`]), and for a stored snapshot [`snapshot_article`], [`snapshot_data`] and
//!   [`snapshot_rapport`] (the frozen model, which a published version's Word file is made from).
//!
//! Its parts are private submodules; it reads nothing from the store or the request, and uses from
//! the rest of web only the shared `components` (Danish dates, the table, the SVG charts), so the same
//! figures look the same on the dashboard and in the report. Numbers and dates are written by
//! `audit::danske_tal` and `audit::danske_datoer`.
//!
//! Every text from the report content goes through maud's escaping; the only `PreEscaped` are our own
//! stylesheet, the JSON data block (escaped for `<script>` here) and, when a published version is
//! shown, the article of the frozen snapshot, which this module rendered and escaped when it was
//! published.
//!
//! Layout: `sections` renders sections 1–6 and the table of contents, `annex` section 7 with the
//! report's own annexes and the spider webs, `calibration` the calibration appendix, `text` the
//! running-text blocks, footnotes and numbered headings, `tables` the figure tables as data that
//! both renderers write, and `docx` the Word file from the same parts.

mod annex;
mod calibration;
mod docx;
mod sections;
mod tables;
mod text;

use audit::report::Rapport;
use maud::{Markup, PreEscaped, html};
use time::OffsetDateTime;

use crate::components::DanishDate;
use crate::layout;

pub use self::docx::{DOCX_MEDIA_TYPE, DocxFejl, docx};

/// The report's own stylesheet (screen and print), inlined into the standalone file (the report pages
/// link the same file as `/assets/report.css`).
const REPORT_CSS: &str = include_str!("../assets/report.css");

/// The media type a published snapshot is stored with.
pub const SNAPSHOT_MEDIA_TYPE: &str = "text/html; charset=utf-8";

/// Where the frozen article starts and ends in a snapshot.
const ARTICLE_START: &str = "<!--rapport:start-->";
const ARTICLE_END: &str = "<!--rapport:end-->";
/// The id of the JSON data block holding the `Rapport` a snapshot was built from.
const DATA_ID: &str = "rapportdata";

/// Which edition of the report is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Udgave {
    /// The koordinator's current draft, built live.
    Kladde,
    /// A published version.
    Offentliggjort {
        /// Its version number.
        version: i32,
        /// When it was published.
        at: OffsetDateTime,
    },
}

/// What the title page says after "Kladde" on a draft.
const KLADDE_FORKLARING: &str =
    " – ikke offentliggjort. Tallene beregnes på ny, hver gang siden vises.";

/// The month and year of a publication, as the title page prints it ("marts 2025").
fn maaned(at: OffsetDateTime) -> String {
    audit::danske_datoer::maaned_og_aar(DanishDate::local(at).0)
}

/// The report as an `<article>`: title page, table of contents and sections 1–7.
pub fn article(rapport: &Rapport, udgave: Udgave) -> Markup {
    html! {
        article.rapport lang="da" aria-labelledby="rapport-titel" {
            header.forside {
                p.afsender { (rapport.afsender) }
                h1 #rapport-titel { (rapport.titel) }
                p.undertitel { (rapport.undertitel) }
                p.udgave {
                    @match udgave {
                        Udgave::Kladde => { strong { "Kladde" } (KLADDE_FORKLARING) }
                        Udgave::Offentliggjort { version, at } => {
                            "Version " (version) ", offentliggjort " (DanishDate::local(at))
                        }
                    }
                }
                @if let Udgave::Offentliggjort { at, .. } = udgave {
                    p.maaned { (maaned(at)) }
                }
                p.model { "Kvalitetsmodellen, version " (rapport.model_version) }
            }
            (sections::indholdsfortegnelse(rapport))
            (sections::body(rapport))
            (annex::bilag(rapport))
        }
    }
}

/// The whole standalone HTML file of the report: the article with the stylesheet inlined and the
/// `Rapport` as a JSON data block. It loads nothing from anywhere.
pub fn standalone(rapport: &Rapport, udgave: Udgave) -> String {
    let data = json_data_block(rapport);
    let title = match udgave {
        Udgave::Kladde => format!("{} (kladde)", rapport.titel),
        Udgave::Offentliggjort { version, .. } => format!("{}, version {version}", rapport.titel),
    };
    let head = html! {
        // Belt and braces: even a link slipped into a text could not load anything.
        meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        title { (title) }
        style { (PreEscaped(REPORT_CSS)) (PreEscaped(running_header_css(&rapport.auditnummer))) }
    };
    let body = html! {
        body.rapport-fil {
            main {
                (PreEscaped(ARTICLE_START))
                (article(rapport, udgave))
                (PreEscaped(ARTICLE_END))
            }
            script type="application/json" id=(DATA_ID) { (PreEscaped(data)) }
        }
    };
    layout::document(head, body).into_string()
}

/// The print rule that puts "Auditrapport {nr}" in the top margin of every printed page. CSS cannot
/// read it from the document (Chromium has no `string-set`), so it is a rule of its own: inlined in
/// the standalone file and served to the report pages as a small stylesheet.
pub fn running_header_css(nr: &str) -> String {
    // An audit number is digits, letters and dots; quotes and backslashes are escaped all the same.
    let text = format!("Auditrapport {nr}")
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    format!("@media print {{ @page {{ @top-right {{ content: \"{text}\"; }} }} }}\n")
}

/// The `Rapport` as JSON that is safe inside `<script>`: every `<` is written `\u003c` (valid JSON,
/// since `<` only occurs inside strings), so no text can close the element.
fn json_data_block(rapport: &Rapport) -> String {
    serde_json::to_string(rapport)
        .unwrap_or_else(|_| "null".to_owned())
        .replace('<', "\\u003c")
}

/// The frozen article of a snapshot made by [`standalone`], to show inside the application's frame.
pub fn snapshot_article(html: &str) -> Option<&str> {
    let start = html.find(ARTICLE_START)? + ARTICLE_START.len();
    let end = html[start..].find(ARTICLE_END)? + start;
    Some(&html[start..end])
}

/// The `Rapport` a snapshot made by [`standalone`] was built from, read back from its data block;
/// `None` when the snapshot has none that reads as a report.
pub fn snapshot_rapport(html: &str) -> Option<Rapport> {
    serde_json::from_value(snapshot_data(html)?).ok()
}

/// The `Rapport` data of a snapshot made by [`standalone`], as JSON.
pub fn snapshot_data(html: &str) -> Option<serde_json::Value> {
    let marker = format!("id=\"{DATA_ID}\">");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find("</script>")? + start;
    serde_json::from_str(&html[start..end]).ok()
}
