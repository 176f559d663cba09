//! Pieces the dashboard's sections share: the coefficient table with intervals, a coefficient's value or
//! the Danish reason it is undefined, rater labels, and the way from a form item to its discussion.
//!
//! Every shown value sits in `<data value="…">` with the exact number (see
//! [`crate::components::decimal::number`]); coefficient values also carry `data-koefficient` with the
//! field name of `audit::calibration::Coefficients`, so that a test or a script can read the table back.

use agreement::{Level, Method};
use audit::calibration::{Coefficient, Coefficients};
use audit::danske_tal::{decimal, interval, percent, percent_interval};
use audit::{Audit, Emne, ItemId, ItemKind, Tilsyn};
use maud::{Markup, html};

use crate::components::coefficients::coefficient_rows;
use crate::components::table::{Table, num, text};

/// The value of a coefficient (`data-koefficient` = `key`), or "udefineret" with the reason.
pub(super) fn value(key: &str, c: &Coefficient, as_percent: bool) -> Markup {
    match c.value {
        Some(v) => {
            let shown = if as_percent {
                percent(v)
            } else {
                decimal(v, 2)
            };
            html! { data.koef data-koefficient=(key) value=(v) { (shown) } }
        }
        None => html! {
            span.undefined { "udefineret" }
            @if let Some(note) = &c.note { br; small.muted { (note) } }
        },
    }
}

/// A coefficient's 95 % interval, or a dash.
pub(super) fn interval_text(c: &Coefficient, as_percent: bool) -> String {
    match c.ci95 {
        Some(ci) if as_percent => percent_interval(ci),
        Some(ci) => interval(ci, 2),
        None => "–".to_owned(),
    }
}

/// A coefficient's 95 % interval in small type on its own line below the value, when it has one.
pub(super) fn interval_below(c: &Coefficient, as_percent: bool) -> Markup {
    html! {
        @if c.ci95.is_some() {
            br;
            small { (interval_text(c, as_percent)) }
        }
    }
}

/// How an interval was obtained, in Danish.
pub(super) fn method(m: Option<Method>) -> &'static str {
    match m {
        Some(Method::Analytic) => "analytisk (Gwet)",
        Some(Method::Bootstrap) => "bootstrap over enheder",
        None => "–",
    }
}

/// The level of measurement in Danish ("nominalt").
pub(super) fn level(level: Level) -> &'static str {
    match level {
        Level::Nominal => "nominalt",
        Level::Ordinal => "ordinalt",
        Level::Interval => "intervalskala",
        Level::Ratio => "forholdsskala",
    }
}

/// The table of `c`: coefficient, value, 95 % interval, how the interval was obtained. `id` is the
/// table's id.
pub(super) fn coefficient_table(id: &str, caption: &str, c: &Coefficients) -> Markup {
    html! {
        (Table::new(&[
            text("Koefficient"), num("Værdi"), num("95 %-interval"), text("Interval"),
        ]).caption(caption).class("coefficients").id(id).rows(html! {
            @for row in coefficient_rows(c) {
                tr {
                    th scope="row" {
                        (row.name)
                        @if row.key == "krippendorff_alpha" { " (" (level(c.level)) ")" }
                    }
                    td.num { (value(row.key, row.coefficient, row.percent)) }
                    td.num { (interval_text(row.coefficient, row.percent)) }
                    td { (method(row.coefficient.method)) }
                }
            }
        }))
    }
}

/// The size of what `c` rests on, in words.
pub(super) fn sizes(c: &Coefficients) -> Markup {
    html! {
        p.sizes {
            (c.n_ratings) " bedømmelser fra " (c.n_raters) " bedømmere af " (c.n_units) " enheder, heraf "
            (c.n_pairable_units) " bedømt af mindst to."
            @if let Some(p) = c.max_prevalence {
                " Den hyppigste svarkategori rummer " (percent(p)) " af bedømmelserne."
            }
        }
    }
}

/// "Konsulent Midt 1 (Midt)".
pub(super) fn rater_label(navn: &str, tilsyn: Option<Tilsyn>) -> String {
    match tilsyn {
        Some(t) => format!("{navn} ({})", t.navn()),
        None => navn.to_owned(),
    }
}

/// The discussion topic a form item belongs to: its indicator, or the overall assessment.
pub(super) fn emne_of_item(audit: &Audit, item: &ItemId) -> Option<Emne> {
    match &audit.item(item)?.1.kind {
        ItemKind::Indikator { indikator }
        | ItemKind::Nominering {
            indikator: Some(indikator),
        } => Some(Emne::Indikator(indikator.clone())),
        ItemKind::Helhedsvurdering => Some(Emne::Helhed),
        _ => None,
    }
}

/// The path of the discussion page of `emne` in audit `audit`.
pub(super) fn discussion_href(audit: &Audit, emne: &Emne) -> String {
    format!(
        "/audits/{}/droeftelser/{}",
        audit.nr,
        path_segment(&store::report_content::emne_key(emne))
    )
}

/// `text` percent-encoded for one path segment (everything but letters, digits, `-._~` and `:`).
pub(super) fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::path_segment;

    #[test]
    fn topic_keys_are_encoded_for_the_path() {
        assert_eq!(path_segment("indikator:3.a"), "indikator:3.a");
        assert_eq!(
            path_segment("tematik:Forståelse af dialog"),
            "tematik:Forst%C3%A5else%20af%20dialog"
        );
        assert_eq!(path_segment("a/b"), "a%2Fb");
    }
}
