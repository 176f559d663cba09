//! Audits as loaded from the database, kept per revision: every request about audit `{nr}` reads its
//! revision (`store::events::audit_revision`, one indexed read) and loads the whole audit (its panel,
//! material and forms: five queries) only when the revision has moved since this process last loaded
//! it. Every change of an audit appends to its event log, which raises the revision in the same
//! transaction, so a cached audit is never older than the revision it is filed under — on this process
//! or after a change made by another server on the same database.
//!
//! The revision is read before the audit is loaded: what is filed under a revision is that revision
//! or newer, never older.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use audit::{Audit, AuditNr};

use crate::error::AppError;
use crate::state::AppState;

/// The latest loaded version of each audit, with its revision.
#[derive(Debug, Default)]
pub(crate) struct AuditCache {
    entries: Mutex<HashMap<AuditNr, (i64, Arc<Audit>)>>,
}

impl AuditCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<AuditNr, (i64, Arc<Audit>)>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Audit `nr` as it is now, and its revision.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown audit, [`AppError::Internal`] when the database fails.
pub(crate) async fn audit(app: &AppState, nr: &AuditNr) -> Result<(Arc<Audit>, i64), AppError> {
    let revision = store::events::audit_revision(&app.db, nr).await?;
    if let Some((cached, audit)) = app.audits.lock().get(nr)
        && *cached == revision
    {
        return Ok((audit.clone(), revision));
    }
    let audit = Arc::new(store::audits::get_audit(&app.db, nr).await?);
    let mut entries = app.audits.lock();
    let newer = entries
        .get(nr)
        .is_some_and(|(cached, _)| *cached > revision);
    if !newer {
        entries.insert(nr.clone(), (revision, audit.clone()));
    }
    Ok((audit, revision))
}
