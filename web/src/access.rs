//! Loading what access depends on and asking the domain: every route that shows an audit goes through
//! [`audit_for`], and every narrower question (a material file, the report draft, the exports) through
//! [`may_see`]. The rules themselves are the domain's table, `audit::access`.
//!
//! Which *ratings* a viewer sees is not decided here but by `audit::visibility` through the store.

use audit::access::{AuditList, Facts, Part};
use audit::{Audit, AuditNr, User};

use crate::error::AppError;
use crate::state::AppState;

/// Whether `user` may see `part` of `audit` (`audit::access::may_see`).
pub fn may_see(user: &User, audit: &Audit, part: Part) -> bool {
    audit::access::may_see(Facts::of(user, audit), part)
}

/// Whether `user` may open the working pages of `audit`.
pub fn may_view_audit(user: &User, audit: &Audit) -> bool {
    may_see(user, audit, Part::WorkingPages)
}

/// The audits `user` may open, by number.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
pub async fn visible_audits(app: &AppState, user: &User) -> Result<Vec<Audit>, AppError> {
    Ok(match audit::access::audit_list(user.role) {
        AuditList::All => store::audits::list_audits(&app.db).await?,
        AuditList::OwnPanels => store::audits::audits_of_member(&app.db, &user.username).await?,
        AuditList::None => Vec::new(),
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

/// Audit `nr` if `user` may see its agreement figures: the audit's own access rule first
/// ([`audit_for`]: 404 for an unknown audit, 403 for an outsider), then the domain's
/// [`audit::visibility::may_see_agreement`] (403 before reveal and for members who do not rate).
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`], or a database failure.
pub async fn revealed_audit(app: &AppState, user: &User, nr: &AuditNr) -> Result<Audit, AppError> {
    let audit = audit_for(app, user, nr).await?;
    if audit::visibility::may_see_agreement(audit.viewer(user), audit.state) {
        Ok(audit)
    } else {
        tracing::info!(user = %user.username, audit = %audit.nr, state = audit.state.id(), "enighedstal nægtet");
        Err(AppError::Forbidden)
    }
}
