//! Showing the report: the koordinator's live draft, the latest published version, the list of
//! versions and one version.

use audit::Audit;
use audit::access::Part;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, PreEscaped, html};
use store::reports::PublishedReport;

use super::{forskel, report_path};
use crate::assets;
use crate::auth::CurrentUser;
use crate::components::DanishDateTime;
use crate::components::table::{Table, text};
use crate::error::AppError;
use crate::exports::may_export;
use crate::extract::PagePath;
use crate::layout;
use crate::report_render::{self, Udgave};
use crate::report_source::{audit_for_reading, build_draft};
use crate::state::AppState;
use audit::AuditNr;

/// The report stylesheets, the shared one and the audit's running header for print; `link
/// rel=stylesheet` is allowed in the body (HTML's "body-ok").
fn stylesheet(nr: &AuditNr) -> Markup {
    html! {
        link rel="stylesheet" href=(assets::href("report.css"));
        link rel="stylesheet" media="print" href=(format!("{}/sidehoved.css", report_path(nr)));
    }
}

/// `GET /audits/{nr}/rapport/sidehoved.css`: the running header of the printed report
/// ([`report_render::running_header_css`]), to whoever may read the report.
pub(super) async fn running_header(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
) -> Result<Response, AppError> {
    let audit = audit_for_reading(&app, &nr).await?;
    let published = !store::reports::published_reports(&app.db, &audit.nr)
        .await?
        .is_empty();
    if !crate::access::may_see(user.user(), &audit, Part::ReportVersions { published }) {
        return Err(AppError::NotFound);
    }
    Ok((
        [(axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8")],
        report_render::running_header_css(audit.nr.as_str()),
    )
        .into_response())
}

fn export_links(audit: &Audit) -> Markup {
    let base = format!("{}/eksport", report_path(&audit.nr));
    html! {
        section.rapport-eksport aria-labelledby="eksport" {
            h2 #eksport { "Eksport" }
            ul {
                li { a href=(format!("{base}/bedoemmelser.csv")) { "Bedømmelserne i langt format (CSV)" } }
                li { a href=(format!("{base}/kodebog.csv")) { "Kodebog til bedømmelserne (CSV)" } }
                li { a href=(format!("{base}/enighed.csv")) { "Enighed pr. punkt (CSV)" } }
                li { a href=(format!("{base}/auditpanel-{}.xlsx", audit.nr)) { "Bedømmelser, kodebog og enighed som Excel-projektmappe (.xlsx)" } }
                li { a href=(format!("{base}/opfoelgningsplan.csv")) { "Opfølgningsplanen (CSV)" } }
            }
        }
    }
}

/// `GET /audits/{nr}/rapport`.
pub(super) async fn current(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
) -> Result<Response, AppError> {
    // The domain's rule of which edition a role reads; the follow-up pages read the same one.
    if audit::report::udgave_for(user.role()) == audit::report::Rapportudgave::Kladde {
        let audit = crate::access::audit_for(&app, user.user(), &nr).await?;
        let rapport = build_draft(&app, user.user(), &audit).await?;
        let path = report_path(&audit.nr);
        let published = store::reports::published_reports(&app.db, &audit.nr).await?;
        let orientering = super::orientering::notice(&app, &audit).await?;
        let content = html! {
            (stylesheet(&audit.nr))
            div.rapport-handlinger.no-print {
                a.button href=(format!("{path}/rediger")) { "Rediger rapportens tekster" }
                @if audit.state.is_revealed() {
                    a.button href=(format!("{path}/hoering")) { "Høring …" }
                    a.button href=(format!("{path}/offentliggoer")) { "Offentliggør …" }
                } @else {
                    p.muted { "Rapporten kan offentliggøres, når bedømmelserne er afsløret." }
                }
                a href=(format!("{path}/versioner")) { "Offentliggjorte versioner (" (published.len()) ")" }
                a href=(format!("/api/v1/audits/{}/rapport.html", audit.nr)) { "Hent kladden som HTML-fil" }
                a href=(format!("/api/v1/audits/{}/rapport.docx", audit.nr)) { "Hent som Word" }
            }
            (crate::components::synthetic_notice(rapport.bilag.syntetisk.is_some()))
            (orientering)
            (report_render::article(&rapport, Udgave::Kladde))
            @if may_export(user.user(), &audit) { div.no-print { (export_links(&audit)) } }
        };
        return Ok(layout::page_with_own_heading(
            &format!("Auditrapport {} (kladde)", audit.nr),
            Some(&user),
            content,
        )
        .into_response());
    }
    let audit = audit_for_reading(&app, &nr).await?;
    let published = store::reports::published_reports(&app.db, &audit.nr).await?;
    match published.into_iter().max_by_key(|r| r.version) {
        Some(latest) => {
            let demo = store::demo::is_demo_audit(&app.db, &audit.nr).await?;
            let orientering = super::orientering::notice(&app, &audit).await?;
            Ok(
                snapshot_page(&user, &audit, &latest, true, demo, None, orientering)
                    .into_response(),
            )
        }
        None => Ok((
            StatusCode::NOT_FOUND,
            layout::page(
                &format!("Auditrapport {}", audit.nr),
                Some(&user),
                html! {
                    div.notice role="status" {
                        p { "Auditrapporten for audit " (audit.nr) " er ikke offentliggjort endnu." }
                    }
                    p { a href="/" { "Gå til forsiden" } }
                },
            ),
        )
            .into_response()),
    }
}

/// A published version inside the application's frame: its frozen article, as published.
/// `synthetic` says the audit is a demo audit, whose ratings are made up; `orientering` says which
/// exempted tilsyn have been oriented.
fn snapshot_page(
    user: &CurrentUser,
    audit: &Audit,
    r: &PublishedReport,
    latest: bool,
    synthetic: bool,
    changes: Option<Markup>,
    orientering: Markup,
) -> Markup {
    let path = report_path(&audit.nr);
    let article = report_render::snapshot_article(&r.content).unwrap_or_default();
    html! {
        (layout::page_with_own_heading(
            &format!("Auditrapport {}, version {}", audit.nr, r.version),
            Some(user),
            html! {
                (stylesheet(&audit.nr))
                div.rapport-handlinger.no-print {
                    @if latest {
                        span { "Seneste offentliggjorte version." }
                    } @else {
                        span { "Dette er version " (r.version) ". " a href=(path) { "Se den seneste version" } }
                    }
                    a href=(format!("{path}/versioner")) { "Alle versioner" }
                    a href=(format!("/api/v1/audits/{}/rapport.html?version={}", audit.nr, r.version)) { "Hent som HTML-fil" }
                    a href=(format!("/api/v1/audits/{}/rapport.docx?version={}", audit.nr, r.version)) { "Hent som Word" }
                }
                @if let Some(changes) = changes { div.no-print { (changes) } }
                (crate::components::synthetic_notice(synthetic))
                (orientering)
                // The snapshot's article was rendered and escaped by `report_render` when it was
                // published; it is shown exactly as frozen.
                (PreEscaped(article))
                @if may_export(user.user(), audit) { div.no-print { (export_links(audit)) } }
            },
        ))
    }
}

/// `GET /audits/{nr}/rapport/versioner`.
pub(super) async fn versions(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
) -> Result<Markup, AppError> {
    let audit = audit_for_reading(&app, &nr).await?;
    let published = store::reports::published_reports(&app.db, &audit.nr).await?;
    // Like the report itself: whoever may not read the draft learns nothing of an unpublished report,
    // not even that its audit exists.
    let published_any = !published.is_empty();
    if !crate::access::may_see(
        user.user(),
        &audit,
        Part::ReportVersions {
            published: published_any,
        },
    ) {
        return Err(AppError::NotFound);
    }
    let path = report_path(&audit.nr);
    Ok(layout::page(
        &format!("Auditrapport {}: offentliggjorte versioner", audit.nr),
        Some(&user),
        html! {
            @if published.is_empty() {
                p { "Auditrapporten for audit " (audit.nr) " er ikke offentliggjort endnu." }
            } @else {
                (Table::new(&[
                    text("Version"), text("Offentliggjort"), text("Af"), text("SHA-256"), text("Word"),
                ]).rows(html! {
                    @for r in published.iter().rev() {
                        tr {
                            td { a href=(format!("{path}/v/{}", r.version)) { "Version " (r.version) } }
                            td { (DanishDateTime(r.published_at)) }
                            td { (r.published_by) }
                            td { code { (r.content_sha256.get(..12).unwrap_or_default()) "…" } }
                            td { a href=(format!("/api/v1/audits/{}/rapport.docx?version={}", audit.nr, r.version)) aria-label=(format!("Hent som Word, version {}", r.version)) { "Hent som Word" } }
                        }
                    }
                }))
            }
            p { a href=(path) { "Til rapporten" } }
        },
    ))
}

/// `GET /audits/{nr}/rapport/v/{n}`: the version as frozen, after what it changed against the one
/// before it (both compared from the models frozen in their snapshots).
pub(super) async fn version(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, n)): PagePath<(AuditNr, i32)>,
) -> Result<Markup, AppError> {
    let audit = audit_for_reading(&app, &nr).await?;
    let published = store::reports::published_reports(&app.db, &audit.nr).await?;
    let latest = published.iter().map(|r| r.version).max();
    let r = published
        .iter()
        .find(|r| r.version == n)
        .ok_or(AppError::NotFound)?;
    let demo = store::demo::is_demo_audit(&app.db, &audit.nr).await?;
    let changes = match published.iter().find(|p| p.version == n - 1) {
        None => {
            html! { p.versionsforskel { "Version " (n) " er den første offentliggjorte version." } }
        }
        Some(before) => forskel::visning(
            &format!("Ændringer i forhold til version {}", before.version),
            report_render::snapshot_rapport(&r.content)
                .and_then(|rapport| forskel::mod_version(before, &rapport))
                .as_ref(),
        ),
    };
    let orientering = super::orientering::notice(&app, &audit).await?;
    Ok(snapshot_page(
        &user,
        &audit,
        r,
        latest == Some(n),
        demo,
        Some(changes),
        orientering,
    ))
}
