//! `GET /audits/{nr}/enighed`: the agreement dashboard of one audit, after reveal, for the koordinator
//! and the audit's raters.
//!
//! One block per scale the audit's scored items use (usually one: 20.1's three forms share the approval
//! scale), each with the sections of [`super::sections`], then the nominations and case selections,
//! then what could not be computed. The page prints as it is (print styles hide the navigation and
//! keep figures whole).

use audit::Audit;
use audit::calibration::CalibrationReport;
use maud::{Markup, PreEscaped, html};

use super::sections;
use crate::access::RevealedPage;
use crate::error::AppError;
use crate::layout;

/// `GET /audits/{nr}/enighed`. The page's content is drawn once per cache entry of the figures
/// (per audit revision and viewer, see [`crate::agreement_cache`]) and kept with them; only the frame
/// around it (the user's name, the unread count, the CSRF field of the logout form) is drawn per request.
pub(super) async fn show(page: RevealedPage) -> Result<Markup, AppError> {
    let RevealedPage {
        app,
        user,
        audit,
        revision,
        ..
    } = page;
    let agreement = super::calibration_report(&app, &audit, revision, user.user()).await?;
    let content = agreement
        .dashboard
        .get_or_try_init(|| async {
            let notice = super::synthetic_notice(&app, &audit).await?;
            // The subnavigation depends on the kind of viewer only, which is the same for every
            // request this entry serves; the path is the page's own.
            let path = format!("/audits/{}/enighed", audit.nr);
            Ok::<_, AppError>(
                html! {
                    (super::subnav(&audit, user.user(), &path))
                    (notice)
                    (super::intervals_notice(&agreement))
                    (view(&audit, &agreement.report))
                }
                .into_string(),
            )
        })
        .await?;
    Ok(layout::page(
        &format!("Enighed i auditforløb {} {}", audit.nr, audit.titel),
        Some(&user),
        PreEscaped(content.clone()),
    ))
}

fn view(audit: &Audit, report: &CalibrationReport) -> Markup {
    let several = report.scales.len() > 1;
    html! {
        div.dashboard {
            p.lead {
                "Tallene bygger på de indsendte bedømmelser i runde " (report.round.number())
                " – de blinde bedømmelser fra før auditmødet – og viser, hvor ens socialtilsynene "
                "bedømmer det samme materiale. Alle intervaller er 95 %-intervaller."
            }
            (contents(report))
            @for (i, scale) in report.scales.iter().enumerate() {
                section.scale aria-labelledby=(format!("s{i}")) {
                    h2 id=(format!("s{i}")) {
                        @if several { "Punkter på " (scale.scale_navn) } @else { "Bedømmelserne på " (scale.scale_navn) }
                    }
                    (sections::overall(i, scale))
                    (sections::items(audit, i, scale))
                    (sections::distributions(audit, i, scale))
                    (sections::heatmap(i, scale))
                    (sections::severity(i, scale))
                    (sections::tilsyn_pairs(i, scale))
                    (sections::own_tilsyn(i, scale))
                    (sections::original(i, scale))
                    (sections::rounds(i, scale))
                }
            }
            @if !report.choices.is_empty() {
                (sections::choices(&report.choices))
            }
            @if !report.notes.is_empty() {
                section aria-labelledby="bemaerkninger" {
                    h2 #bemaerkninger { "Det kan endnu ikke beregnes" }
                    ul { @for note in &report.notes { li { (note) } } }
                }
            }
            @if report.scales.is_empty() && report.choices.is_empty() && report.notes.is_empty() {
                p { "Auditforløbet har ingen skemapunkter, hvis svar kan sammenlignes." }
            }
        }
    }
}

/// The table of contents.
fn contents(report: &CalibrationReport) -> Markup {
    html! {
        nav.toc.no-print aria-label="Indhold" {
            h2.visually-hidden { "Indhold" }
            ol {
                @for (i, scale) in report.scales.iter().enumerate() {
                    @if report.scales.len() > 1 { li.group { (scale.scale_navn) } }
                    @for (id, label) in sections::TITLES {
                        li { a href=(format!("#s{i}-{id}")) { (label) } }
                    }
                }
                @if !report.choices.is_empty() {
                    li { a href="#valg" { "Nomineringer og udvælgelser" } }
                }
            }
        }
    }
}
