//! The koordinator's set-up of an audit round: create and edit the audit (`audit_form`), its panel
//! (`panel`), its material with uploads and downloads (`material`), its rating forms built from the
//! quality model (`forms`), and the workflow buttons with the reveal confirmation (`workflow`).
//!
//! Every route here except the material download is the koordinator's (a [`KoordinatorPage`]: the role
//! is checked before anything else, so a panelist's post changes nothing); the download is open to the
//! audit's panel too, under a pseudonymous file name. Changes go through the store, which applies the domain's rules
//! (`Audit::validate`, `Audit::check_setup_change`, `audit::workflow::transition`); a refusal is shown
//! as the domain's Danish message next to the form, with the entered values kept.

mod audit_form;
pub(crate) mod dates;
mod focus;
mod forms;
mod material;
mod panel;
mod scale;
mod slug;
mod widgets;
pub(crate) use material::{material_file_href, material_view_href};
pub(crate) mod workflow;

use audit::{Audit, Kvalitetsmodel};
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use store::StoreError;

use crate::access::KoordinatorPage;
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

/// One set-up page of an audit: what it shows besides the audit (the values entered, the errors next
/// to their fields, a refusal by the rules), and how it is drawn.
trait SetupPage: Default {
    /// The page's path below the audit ("/panel"), where a save leads back to.
    const PATH: &'static str;

    /// The refusal by the rules shown at the top of the page, if any.
    fn refusal(&mut self) -> &mut Option<String>;

    /// The page showing what `self` holds, answered with `status`.
    async fn render(&self, page: &KoordinatorPage, status: StatusCode) -> Answer;
}

/// What a set-up handler answers: a page, a redirect, or an error page.
type Answer = Result<Response, AppError>;

/// `GET` of the set-up page `P`: nothing entered yet.
async fn show<P: SetupPage>(page: KoordinatorPage) -> Answer {
    P::default().render(&page, StatusCode::OK).await
}

/// The answer to a change of the set-up page `shown` belongs to, which the store was asked to save
/// (`result`): after a save the redirect back to the page (POST-redirect-GET); when the domain's rules
/// refuse the change, the page again with their Danish message and what was entered (409); any other
/// error as it is.
async fn saved_or_refused<P: SetupPage>(
    page: &KoordinatorPage,
    result: Result<(), StoreError>,
    mut shown: P,
) -> Answer {
    match result {
        Ok(()) => Ok(see_other(&audit_path(&page.audit, P::PATH))),
        Err(
            err @ (StoreError::Workflow(_) | StoreError::InvalidAudit(_) | StoreError::Invalid(_)),
        ) => {
            *shown.refusal() = Some(AppError::from(err).to_string());
            shown.render(page, StatusCode::CONFLICT).await
        }
        Err(err) => Err(err.into()),
    }
}

/// Whether and why the set-up of the page's audit is frozen (`Audit::setup_freeze`, with the store's
/// answer to whether any rating exists).
async fn freeze(page: &KoordinatorPage) -> Result<Option<audit::Freeze>, AppError> {
    let rated = store::audits::has_ratings(&page.app.db, &page.audit.nr).await?;
    Ok(page.audit.setup_freeze(rated))
}

/// A re-rendered form page with its status (422 for bad input, 409 for a refusal by the rules).
fn with_status(status: StatusCode, page: Markup) -> Response {
    (status, page).into_response()
}

/// The path of audit `audit`'s page `rest` ("/audits/25.3/panel").
fn audit_path(audit: &Audit, rest: &str) -> String {
    format!("/audits/{}{rest}", audit.nr)
}
