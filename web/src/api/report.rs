//! The report as a file, and the exports, for API callers (bearer token or session cookie):
//!
//! - `GET /api/v1/audits/{nr}/rapport.html[?version=N]`: the standalone HTML file (CSS and SVG
//!   inlined, the `Rapport` data as a JSON block, no external request), as an attachment. With
//!   `version`, that published version byte for byte; without, the koordinator gets the current draft
//!   and everyone else the latest published version (404 before the first publication).
//! - `GET /api/v1/audits/{nr}/eksport/{fil}`: the exports of the report page, under the same rule
//!   (after reveal, koordinator and panel only).
//! - `GET /api/v1/audits/{nr}/rapport.docx[?version=N]`: the same report as a Word file, under the
//!   rule of the HTML file; a published version's is made from the `Rapport` frozen in its snapshot.

use audit::Audit;
use audit::access::Part;
use audit::report::Rapport;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use store::reports::PublishedReport;

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::exports::{Fil, attachment, render};
use crate::extract::ApiPath;
use crate::report_render::{self, DOCX_MEDIA_TYPE, SNAPSHOT_MEDIA_TYPE, Udgave};
use crate::report_source::{audit_for_reading, build_draft};
use crate::state::AppState;
use audit::AuditNr;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/rapport.html", get(html_file))
        .route("/audits/{nr}/rapport.docx", get(docx_file))
        .route("/audits/{nr}/eksport/{fil}", get(export))
}

/// `?version=N`.
#[derive(Debug, Deserialize)]
struct VersionQuery {
    version: Option<i32>,
}

/// The edition a request for the report file gets: with `version`, that published version; without,
/// the koordinator's current draft, and for everyone else the latest published version (404 before
/// the first publication).
enum Edition {
    Published(PublishedReport),
    Draft(Box<Rapport>),
}

async fn edition(
    app: &AppState,
    user: &ApiUser,
    audit: &Audit,
    version: Option<i32>,
) -> Result<Edition, ApiError> {
    let published = store::reports::published_reports(&app.db, &audit.nr).await?;
    Ok(match version {
        Some(n) => Edition::Published(
            published
                .into_iter()
                .find(|r| r.version == n)
                .ok_or(AppError::NotFound)?,
        ),
        None if crate::access::may_see(user.user(), audit, Part::ReportDraft) => {
            Edition::Draft(Box::new(build_draft(app, user.user(), audit).await?))
        }
        None => Edition::Published(
            published
                .into_iter()
                .max_by_key(|r| r.version)
                .ok_or(AppError::NotFound)?,
        ),
    })
}

/// The file name of an edition: `auditrapport-20.1-v2.html`, `auditrapport-20.1-kladde.docx`.
fn file_name(audit: &Audit, edition: &Edition, extension: &str) -> String {
    match edition {
        Edition::Published(r) => format!("auditrapport-{}-v{}.{extension}", audit.nr, r.version),
        Edition::Draft(_) => format!("auditrapport-{}-kladde.{extension}", audit.nr),
    }
}

/// The audit, the edition the request gets and the file's name with `extension`.
async fn requested(
    app: &AppState,
    user: &ApiUser,
    nr: &AuditNr,
    version: Option<i32>,
    extension: &str,
) -> Result<(Audit, Edition, String), ApiError> {
    let audit = audit_for_reading(app, nr).await?;
    let edition = edition(app, user, &audit, version).await?;
    let name = file_name(&audit, &edition, extension);
    Ok((audit, edition, name))
}

async fn html_file(
    State(app): State<AppState>,
    user: ApiUser,
    ApiPath(nr): ApiPath<AuditNr>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, ApiError> {
    let (_, edition, name) = requested(&app, &user, &nr, q.version, "html").await?;
    let html = match edition {
        Edition::Published(r) => r.content,
        Edition::Draft(rapport) => report_render::standalone(&rapport, Udgave::Kladde),
    };
    Ok(attachment(html.into_bytes(), SNAPSHOT_MEDIA_TYPE, &name))
}

/// The report as a Word file, under the rules of the HTML file; a published version is made from
/// the model frozen in its snapshot, so its HTML and its Word file say the same.
async fn docx_file(
    State(app): State<AppState>,
    user: ApiUser,
    ApiPath(nr): ApiPath<AuditNr>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, ApiError> {
    let (audit, edition, name) = requested(&app, &user, &nr, q.version, "docx").await?;
    let bytes = match edition {
        Edition::Published(r) => {
            let rapport = report_render::snapshot_rapport(&r.content).ok_or_else(|| {
                AppError::internal(format!(
                    "version {} af rapporten for audit {} har ingen læsbar rapportdata",
                    r.version, audit.nr
                ))
            })?;
            let udgave = Udgave::Offentliggjort {
                version: r.version,
                at: r.published_at,
            };
            report_render::docx(&rapport, udgave).map_err(AppError::internal)?
        }
        Edition::Draft(rapport) => {
            report_render::docx(&rapport, Udgave::Kladde).map_err(AppError::internal)?
        }
    };
    Ok(attachment(bytes, DOCX_MEDIA_TYPE, &name))
}

async fn export(
    State(app): State<AppState>,
    user: ApiUser,
    ApiPath((nr, fil)): ApiPath<(AuditNr, String)>,
) -> Result<Response, ApiError> {
    let fil = Fil::parse(&fil).ok_or(AppError::NotFound)?;
    let audit = crate::access::audit_for(&app, user.user(), &nr).await?;
    let (bytes, content_type, filename) = render(&app, user.user(), &audit, fil).await?;
    Ok(attachment(bytes, content_type, &filename))
}
