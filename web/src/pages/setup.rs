//! The koordinator's set-up of an audit round: create and edit the audit (`audit_form`), its panel
//! (`panel`), its material with uploads and downloads (`material`), its rating forms built from the
//! quality model (`forms`), and the workflow buttons with the reveal confirmation (`workflow`).
//!
//! Every route here except the material download is the koordinator's (`require_koordinator` before
//! anything else, so a panelist's post changes nothing); the download is open to the audit's panel too,
//! under a pseudonymous file name. Changes go through the store, which applies the domain's rules
//! (`Audit::validate`, `Audit::check_setup_change`, `audit::workflow::transition`); a refusal is shown
//! as the domain's Danish message next to the form, with the entered values kept.

mod audit_form;
mod dates;
mod fields;
mod focus;
mod forms;
mod material;
mod panel;
mod scale;
mod slug;
mod widgets;
pub(crate) mod workflow;

use audit::{Audit, AuditNr, Kvalitetsmodel};
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use crate::access;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .merge(audit_form::router())
        .merge(panel::router())
        .merge(material::router())
        .merge(forms::router())
        .merge(workflow::router())
}

/// Audit `nr` for the koordinator: the role is checked first, so that nobody else learns whether the
/// audit exists.
async fn koordinator_audit(
    app: &AppState,
    user: &CurrentUser,
    nr: &AuditNr,
) -> Result<Audit, AppError> {
    user.require_koordinator()?;
    access::audit_for(app, user.user(), nr).await
}

/// The quality-model versions a koordinator can choose: the shipped ones, newest first, then any
/// stored only in the database.
async fn model_versions(app: &AppState) -> Result<Vec<String>, AppError> {
    let mut versions: Vec<String> = audit::builtin::KVALITETSMODELLER
        .iter()
        .map(|(v, _)| (*v).to_owned())
        .collect();
    for stored in store::model_versions::model_versions(&app.db).await? {
        if !versions.contains(&stored) {
            versions.push(stored);
        }
    }
    Ok(versions)
}

/// Model `version`: shipped, or stored in the database; `None` when neither has it.
async fn model(app: &AppState, version: &str) -> Result<Option<Kvalitetsmodel>, AppError> {
    if let Ok(model) = audit::builtin::kvalitetsmodel(version) {
        return Ok(Some(model));
    }
    match store::model_versions::model_version_text(&app.db, version).await? {
        Some(text) => Kvalitetsmodel::from_toml(&text)
            .map(Some)
            .map_err(AppError::internal),
        None => Ok(None),
    }
}

/// The model an existing audit runs under (a missing model is a broken database, not a user error).
async fn model_of(app: &AppState, audit: &Audit) -> Result<Kvalitetsmodel, AppError> {
    model(app, &audit.model_version).await?.ok_or_else(|| {
        AppError::internal(format!(
            "kvalitetsmodellen version {} for auditforløb {} findes ikke",
            audit.model_version, audit.nr
        ))
    })
}

/// POST-redirect-GET: 303 to `path`.
fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

/// A re-rendered form page with its status (422 for bad input, 409 for a refusal by the rules).
fn with_status(status: StatusCode, page: Markup) -> Response {
    (status, page).into_response()
}

/// The path of audit `audit`'s page `rest` ("/audits/25.3/panel").
fn audit_path(audit: &Audit, rest: &str) -> String {
    format!("/audits/{}{rest}", audit.nr)
}
