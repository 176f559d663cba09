//! The auditrapport: the draft (koordinator), published versions (everyone logged in), publishing,
//! editing the written parts, and the exports of ratings, agreement and follow-up plan.
//!
//! Routes:
//! - `GET /audits/{nr}/rapport`: the koordinator sees the current draft, built live, with the edit
//!   link and the "Offentliggør" button; everyone else sees the latest published version, or a 404
//!   "ikke offentliggjort endnu".
//! - `GET /audits/{nr}/rapport/versioner`, `GET /audits/{nr}/rapport/v/{n}`: published versions.
//! - `POST /audits/{nr}/rapport/offentliggoer`: freezes the draft as the next version ([`publish`]).
//! - `/audits/{nr}/rapport/rediger/…`: the koordinator's editor ([`edit`]).
//! - `GET /audits/{nr}/rapport/eksport/{fil}`: CSV and .xlsx exports ([`export`]), after reveal and
//!   to the koordinator and the panel only.
//!
//! Who sees what: published reports are public to every logged-in user (læsere, tilsynskontakter and
//! panelists of other audits included), as the audit function publishes them; the draft and the
//! editor are the koordinator's; the exports carry rating values and follow the blind rule
//! (`audit::visibility::may_see_agreement`, ratings through `store::ratings::ratings_visible_to`).

pub mod edit;
pub mod export;
pub mod publish;
pub mod show;

use audit::calibration::Options;
use audit::report::{Rapport, Rapportgrundlag};
use audit::{Audit, AuditNr, Kvalitetsmodel, User};
use axum::Router;
use axum::routing::{get, post};

use crate::error::AppError;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/rapport", get(show::current))
        .route("/audits/{nr}/rapport/versioner", get(show::versions))
        .route("/audits/{nr}/rapport/v/{n}", get(show::version))
        .route("/audits/{nr}/rapport/offentliggoer", post(publish::publish))
        .route("/audits/{nr}/rapport/eksport/{fil}", get(export::download))
        .merge(edit::router())
}

/// The path of the report of audit `nr`.
pub fn report_path(nr: &AuditNr) -> String {
    format!("/audits/{nr}/rapport")
}

/// Audit `nr` for reading its published report: any logged-in user, for any existing audit.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown number.
pub async fn audit_for_reading(app: &AppState, nr: &AuditNr) -> Result<Audit, AppError> {
    Ok(store::audits::get_audit(&app.db, nr).await?)
}

/// The quality model the audit pinned: the stored text of its version, else the shipped one.
async fn model(app: &AppState, audit: &Audit) -> Result<Kvalitetsmodel, AppError> {
    if let Some(text) =
        store::model_versions::model_version_text(&app.db, &audit.model_version).await?
    {
        return Kvalitetsmodel::from_toml(&text).map_err(AppError::internal);
    }
    audit::builtin::kvalitetsmodel(&audit.model_version).map_err(AppError::internal)
}

/// The report of `audit` as `user` may see it now, built live from the stored content and the ratings
/// the store lets `user` see (before reveal: none, so the draft carries no figures).
///
/// # Errors
/// [`AppError::Internal`] when the database fails or the model cannot be read.
pub async fn build_draft(app: &AppState, user: &User, audit: &Audit) -> Result<Rapport, AppError> {
    let ratings = store::ratings::ratings_visible_to(&app.db, audit, user).await?;
    let indhold = store::report_content::report_content(&app.db, &audit.nr).await?;
    let model = model(app, audit).await?;
    let tekster = audit::builtin::rapporttekster().map_err(AppError::internal)?;
    let kalibrering = Options::default();
    audit::report::byg_rapport(&Rapportgrundlag {
        audit,
        ratings: &ratings,
        indhold: &indhold,
        model: &model,
        tekster: &tekster,
        kalibrering: &kalibrering,
    })
    .map_err(AppError::internal)
}
