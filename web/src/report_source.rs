//! Where the auditrapport's content comes from, for the report pages, the exports and the API alike:
//! the audit to read (any existing audit, since published reports are public to every logged-in user)
//! and the live draft built from the stored content and the ratings the reader may see.

use audit::calibration::Options;
use audit::report::{Rapport, Rapportgrundlag};
use audit::{Audit, AuditNr, Kvalitetsmodel, User};

use crate::error::AppError;
use crate::state::AppState;

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
    let syntetisk = store::demo::is_demo_audit(&app.db, &audit.nr).await?;
    audit::report::byg_rapport(&Rapportgrundlag {
        audit,
        ratings: &ratings,
        indhold: &indhold,
        model: &model,
        tekster: &tekster,
        kalibrering: &kalibrering,
        syntetisk,
    })
    .map_err(AppError::internal)
}
