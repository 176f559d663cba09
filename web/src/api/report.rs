//! The report as a file, and the exports, for API callers (bearer token or session cookie):
//!
//! - `GET /api/v1/audits/{nr}/rapport.html[?version=N]`: the standalone HTML file (CSS and SVG
//!   inlined, the `Rapport` data as a JSON block, no external request), as an attachment. With
//!   `version`, that published version byte for byte; without, the koordinator gets the current draft
//!   and everyone else the latest published version (404 before the first publication).
//! - `GET /api/v1/audits/{nr}/eksport/{fil}`: the exports of the report page, under the same rule
//!   (after reveal, koordinator and panel only).

use audit::access::Part;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::exports::{Fil, attachment, render};
use crate::extract::ApiPath;
use crate::report_render::{self, SNAPSHOT_MEDIA_TYPE, Udgave};
use crate::report_source::{audit_for_reading, build_draft};
use crate::state::AppState;
use audit::AuditNr;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/rapport.html", get(html_file))
        .route("/audits/{nr}/eksport/{fil}", get(export))
}

/// `?version=N`.
#[derive(Debug, Deserialize)]
struct VersionQuery {
    version: Option<i32>,
}

async fn html_file(
    State(app): State<AppState>,
    user: ApiUser,
    ApiPath(nr): ApiPath<AuditNr>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, ApiError> {
    let audit = audit_for_reading(&app, &nr).await?;
    let published = store::reports::published_reports(&app.db, &audit.nr).await?;
    let (html, name) = match q.version {
        Some(n) => {
            let r = published
                .into_iter()
                .find(|r| r.version == n)
                .ok_or(AppError::NotFound)?;
            (r.content, format!("auditrapport-{}-v{n}.html", audit.nr))
        }
        None if crate::access::may_see(user.user(), &audit, Part::ReportDraft) => {
            let rapport = build_draft(&app, user.user(), &audit).await?;
            (
                report_render::standalone(&rapport, Udgave::Kladde),
                format!("auditrapport-{}-kladde.html", audit.nr),
            )
        }
        None => {
            let r = published
                .into_iter()
                .max_by_key(|r| r.version)
                .ok_or(AppError::NotFound)?;
            let name = format!("auditrapport-{}-v{}.html", audit.nr, r.version);
            (r.content, name)
        }
    };
    Ok(attachment(html.into_bytes(), SNAPSHOT_MEDIA_TYPE, &name))
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
