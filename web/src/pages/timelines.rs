//! `GET /audits/{nr}/sagsforloeb`: the case timelines of an audit's process descriptions
//! (procesbeskrivelser, 19.2) as server-drawn SVG, and the durations from the first concern to the first
//! dialogue meeting, the agterskrivelse and the påbud (`audit::sagsforloeb::Varigheder`), compared across
//! tilsyn. Only for those who may open the audit (`access::audit_for`).

use audit::sagsforloeb::{Sagsforloeb, Varigheder};
use audit::{Audit, Material, Tilsyn};
use axum::Router;
use axum::routing::get;
use maud::{Markup, html};

use crate::access::AuditPage;
use crate::components::table::scroll_region;
use crate::components::{DanishDate, tidslinje};
use crate::error::AppError;
use crate::layout;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/audits/{nr}/sagsforloeb", get(show))
}

/// `GET /audits/{nr}/sagsforloeb`.
async fn show(page: AuditPage) -> Result<Markup, AppError> {
    let AuditPage {
        app: _,
        user,
        audit,
        ..
    } = page;
    Ok(layout::page(
        &format!("Sagsforløb i audit {}", audit.nr),
        Some(&user),
        view(&audit),
    ))
}

fn cases(audit: &Audit) -> Vec<(&Material, &Sagsforloeb)> {
    let mut cases: Vec<(&Material, &Sagsforloeb)> = audit
        .materials
        .iter()
        .filter_map(|m| m.sagsforloeb.as_ref().map(|s| (m, s)))
        .collect();
    cases.sort_by_key(|(m, s)| (m.tilsyn, s.sag().to_owned()));
    cases
}

fn view(audit: &Audit) -> Markup {
    let cases = cases(audit);
    let offsets: Vec<i64> = cases
        .iter()
        .flat_map(|(_, s)| tidslinje::offsets(s))
        .collect();
    let from = offsets.iter().copied().min().unwrap_or(0).min(0);
    let to = offsets.iter().copied().max().unwrap_or(0);
    html! {
        p { a href=(format!("/audits/{}", audit.nr)) { "← " (audit.nr) " " (audit.titel) } }
        @if cases.is_empty() {
            p { "Dette auditforløb har ingen procesbeskrivelser med sagsforløb." }
        } @else {
            p.lead {
                "Et dialogforløb regnes fra den første bekymring til påbud, eller til bekymringen ophører. "
                "Varighederne er hele dage fra den første bekymring; alle tidslinjer har samme tidsakse, så længderne kan sammenlignes."
            }
            (durations(&cases))
            @for (i, (m, s)) in cases.iter().enumerate() {
                section aria-labelledby=(format!("sag-{i}")) {
                    h2 id=(format!("sag-{i}")) { (s.sag()) " – " (m.tilsyn.fulde_navn()) }
                    @if !m.beskrivelse.is_empty() { p.muted { (m.beskrivelse) } }
                    p { "Start: " (DanishDate(s.start().dato)) " (" (s.start().art.etiket().to_lowercase()) ")." }
                    (tidslinje::timeline(s, from, to, &format!("tidslinje-{i}")))
                }
            }
        }
    }
}

fn days(d: Option<i64>) -> Markup {
    html! {
        @match d {
            Some(1) => "1 dag",
            Some(d) => { (d) " dage" },
            None => span.muted aria-label="ikke sket" { "–" },
        }
    }
}

/// The median of the values that are there, in days with a decimal comma when it falls between two.
fn median(values: &[Option<i64>]) -> Markup {
    let mut v: Vec<i64> = values.iter().flatten().copied().collect();
    v.sort_unstable();
    let m = match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2] as f64),
        n => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    };
    html! {
        @match m {
            Some(m) if m.fract() == 0.0 => { (format!("{m:.0}")) " dage" },
            Some(m) => { (audit::danske_tal::decimal(m, 1)) " dage" },
            None => span.muted { "–" },
        }
    }
}

/// One duration of a case, read from its `Varigheder`.
type Duration = fn(&Varigheder) -> Option<i64>;

fn durations(cases: &[(&Material, &Sagsforloeb)]) -> Markup {
    let v: Vec<(Tilsyn, &str, Varigheder)> = cases
        .iter()
        .map(|(m, s)| (m.tilsyn, s.sag(), s.varigheder()))
        .collect();
    let column = |f: Duration| -> Vec<Option<i64>> { v.iter().map(|(_, _, d)| f(d)).collect() };
    let columns: [(&str, Duration); 5] = [
        ("Til første dialogmøde", |d| d.til_foerste_dialogmoede),
        ("Til agterskrivelse", |d| d.til_agterskrivelse),
        ("Til påbud", |d| d.til_paabud),
        ("Agterskrivelse → påbud", |d| d.agterskrivelse_til_paabud),
        ("Hele dialogforløbet", |d| d.dialogforloeb),
    ];
    html! {
            section aria-labelledby="varigheder" {
                h2 #varigheder { "Varigheder på tværs af tilsyn" }
                (scroll_region("Varigheder pr. sag", html! {
    table.durations {
                    caption.visually-hidden { "Dage fra første bekymring til dialogmøde, agterskrivelse og påbud, pr. sag" }
                    thead {
                        tr {
                            th scope="col" { "Tilsyn" }
                            th scope="col" { "Sag" }
                            @for (label, _) in &columns { th.num scope="col" { (label) } }
                        }
                    }
                    tbody {
                        @for (tilsyn, sag, d) in &v {
                            tr {
                                td { (tilsyn.fulde_navn()) }
                                th scope="row" { (sag) }
                                @for (_, f) in &columns { td.num { (days(f(d))) } }
                            }
                        }
                    }
                    tfoot {
                        tr {
                            th scope="row" colspan="2" { "Median" }
                            @for (_, f) in &columns { td.num { (median(&column(*f))) } }
                        }
                    }
                }
    }))
            }
        }
}
