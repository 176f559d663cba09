//! Who may open which audit. Every route that shows an audit goes through [`audit_for`], so the rule
//! lives in one place: the koordinator sees every audit, a panelist the audits whose panel they sit on
//! (also when exempted), nobody else sees an audit's working pages (læsere and tilsynskontakter read
//! published reports and follow-up instead).
//!
//! Which *ratings* a viewer sees is not decided here but by `audit::visibility` through the store.

use audit::{Audit, AuditNr, Role, User};

use crate::error::AppError;
use crate::state::AppState;

/// Whether `user` may open the working pages of `audit`.
pub fn may_view_audit(user: &User, audit: &Audit) -> bool {
    match user.role {
        Role::Koordinator => true,
        Role::Panelist => audit.member(&user.username).is_some(),
        Role::Tilsynskontakt(_) | Role::Laeser => false,
    }
}

/// The audits `user` may open, by number.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
pub async fn visible_audits(app: &AppState, user: &User) -> Result<Vec<Audit>, AppError> {
    Ok(match user.role {
        Role::Koordinator => store::audits::list_audits(&app.db).await?,
        Role::Panelist => store::audits::audits_of_member(&app.db, &user.username).await?,
        Role::Tilsynskontakt(_) | Role::Laeser => Vec::new(),
    })
}

/// Audit `nr`, if `user` may open it.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown number, [`AppError::Forbidden`] when the user may not
/// open the audit.
pub async fn audit_for(app: &AppState, user: &User, nr: &AuditNr) -> Result<Audit, AppError> {
    let audit = store::audits::get_audit(&app.db, nr).await?;
    if may_view_audit(user, &audit) {
        Ok(audit)
    } else {
        tracing::info!(user = %user.username, audit = %nr, "adgang nægtet til auditforløb");
        Err(AppError::Forbidden)
    }
}
