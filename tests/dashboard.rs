//! After reveal (drøftelse): the agreement dashboard, "Dig og panelet", the agreement API and the
//! discussion notes, on the demo audits 20.1 (revealed, with round 2) and 25.1 (still blind).
//!
//! The numbers are checked against values computed by hand on a small round (`figures.rs`, the
//! arithmetic next to each value). On the demo, whose matrices are too large for that, the pages are
//! compared with the calibration report made from the same stored data the server reads —
//! `store::ratings::ratings_visible_to` for the same user, then `audit::calibration` — which checks that
//! they render the report faithfully and show only what the viewer may see.

mod access;
mod browser;
mod figures;
mod mine;
mod notes;

use audit::calibration::{CalibrationReport, Options};
use audit::{Audit, Rating};

use crate::helpers::TestApp;

/// Audit `nr` and the ratings `username` may see, read from the database as the server reads them.
async fn audit_and_ratings(app: &TestApp, nr: &str, username: &str) -> (Audit, Vec<Rating>) {
    let db = app.db.db();
    let audit = store::audits::get_audit(db, &nr.parse().unwrap())
        .await
        .unwrap();
    let user = store::users::get_user(db, &username.parse().unwrap())
        .await
        .unwrap();
    let ratings = store::ratings::ratings_visible_to(db, &audit, &user)
        .await
        .unwrap();
    (audit, ratings)
}

/// The calibration report of `nr` as `username` may see it, computed here with the options the
/// dashboard uses (the defaults).
async fn expected_report(app: &TestApp, nr: &str, username: &str) -> CalibrationReport {
    let (audit, ratings) = audit_and_ratings(app, nr, username).await;
    audit::calibration::report(&audit, &ratings, &Options::default()).unwrap()
}

/// The part of `html` from the element with `id` to the first `end` after it.
fn fragment<'a>(html: &'a str, id: &str, end: &str) -> &'a str {
    between(html, &format!(r#"id="{id}""#), end)
}

/// The part of `html` from `start` to the first `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in:\n{html}"));
    let rest = &html[from..];
    let stop = rest.find(end).map_or(rest.len(), |i| i + end.len());
    &rest[..stop]
}

/// Every value of `attribute="…"` in `html`, in order.
fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let marker = format!(r#"{attribute}=""#);
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&marker) {
        rest = &rest[i + marker.len()..];
        let end = rest.find('"').unwrap();
        out.push(rest[..end].to_owned());
        rest = &rest[end..];
    }
    out
}

/// The exact value of the coefficient `key` (`<data data-koefficient="key" value="…">`) in `html`.
fn coefficient(html: &str, key: &str) -> f64 {
    let marker = format!(r#"data-koefficient="{key}" value=""#);
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no value of {key} in:\n{html}"))
        + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].parse().unwrap()
}

/// A number as the pages write it: decimal comma, real minus sign.
fn danish(value: f64, decimals: usize) -> String {
    agreement::interpretation::format_decimal(value, decimals).replace('-', "−")
}

/// The drift scale's labels and the approval scale's: none may appear where no value may be shown.
const SCALE_LABELS: [&str; 7] = [
    "i meget lav grad opfyldt",
    "i lav grad opfyldt",
    "i middel grad opfyldt",
    "i høj grad opfyldt",
    "i meget høj grad opfyldt",
    "forventes at kunne opfylde",
    "forventes ikke at kunne opfylde",
];
