//! `GET /audits/{nr}/rapport/eksport/{fil}`: the export files of [`crate::exports`] for the report page.

use axum::extract::State;
use axum::response::Response;

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::exports::{Fil, attachment, render};
use crate::extract::PagePath;
use crate::state::AppState;
use audit::AuditNr;

/// `GET /audits/{nr}/rapport/eksport/{fil}`.
pub(super) async fn download(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, fil)): PagePath<(AuditNr, String)>,
) -> Result<Response, AppError> {
    let fil = Fil::parse(&fil).ok_or(AppError::NotFound)?;
    let audit = crate::access::audit_for(&app, user.user(), &nr).await?;
    let (bytes, content_type, filename) = render(&app, user.user(), &audit, fil).await?;
    Ok(attachment(bytes, content_type, &filename))
}
