//! The agreement figures of an audit, computed once per change of the audit and shared by every request
//! and page that shows them (`/audits/{nr}/enighed`, `/audits/{nr}/mig`).
//!
//! An entry is keyed by the audit, its revision (the id of its latest event, which every change of its
//! ratings appends in the same transaction: `store::events::audit_revision`, read once per request by
//! `crate::access::AuditRequest`) and whose ratings it is
//! computed from: the viewers who rate in the audit see their own drafts too, so each of them has an
//! entry, and everyone else shares one. The first request after a change computes the figures without
//! the bootstrap (milliseconds) and starts the bootstrap intervals in the background; until they are
//! there, pages get the figures with analytic intervals only and say so. Concurrent requests for a missing
//! entry wait for the one computation. Entries of older revisions are dropped when a newer one is made.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use audit::calibration::{self, CalibrationReport, Options};
use audit::{Audit, AuditNr, Rating, User, Username};
use tokio::sync::OnceCell;

use crate::error::AppError;
use crate::state::AppState;

/// The figures of one audit as one viewer may see them.
#[derive(Debug)]
pub(crate) struct Agreement {
    /// The calibration report.
    pub(crate) report: CalibrationReport,
    /// The ratings it was computed from (visible to the viewer).
    pub(crate) ratings: Vec<Rating>,
    /// Whether the bootstrap intervals are still being computed (the report has analytic ones only).
    pub(crate) intervals_pending: bool,
    /// The content of the dashboard page (`/enighed`) drawn from these figures, once it was drawn: it
    /// belongs to this entry's viewer like the figures, so it is never shown to anyone else.
    pub(crate) dashboard: OnceCell<String>,
}

/// Whose view of the ratings an entry holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ViewerKey {
    /// Anyone outside the panel (koordinator, tilsynskontakt, læser): after reveal they all see the same
    /// submitted ratings.
    Shared,
    /// A panel member, who also sees their own ratings, drafts included.
    Rater(Username),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    nr: AuditNr,
    revision: i64,
    viewer: ViewerKey,
}

/// One entry: the quick figures (computed once, awaited by every request that comes before they are
/// there) and, later, the figures with bootstrap intervals.
#[derive(Debug, Default)]
struct Entry {
    quick: OnceCell<Arc<Agreement>>,
    full: OnceCell<Arc<Agreement>>,
}

/// The cache, shared by every request through [`AppState`].
#[derive(Debug, Default)]
pub(crate) struct AgreementCache {
    entries: Mutex<HashMap<Key, Arc<Entry>>>,
}

impl AgreementCache {
    /// The entry for `key`, made (and older revisions of the audit dropped) if it is not there.
    fn entry(&self, key: &Key) -> Arc<Entry> {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(entry) = entries.get(key) {
            return entry.clone();
        }
        entries.retain(|k, _| k.nr != key.nr || k.revision >= key.revision);
        let entry = Arc::new(Entry::default());
        entries.insert(key.clone(), entry.clone());
        entry
    }
}

/// The agreement figures of the (revealed) `audit` at `revision` (read before the audit was loaded,
/// `crate::access::AuditRequest::revision`) as `user` may see them, from the cache when the audit has
/// not changed since they were computed.
///
/// # Errors
/// [`AppError::Internal`] when the database fails or the stored ratings do not fit the audit's forms.
pub(crate) async fn agreement(
    app: &AppState,
    audit: &Audit,
    revision: i64,
    user: &User,
) -> Result<Arc<Agreement>, AppError> {
    // Every panel member has an entry of their own, not only those who rate now: the blind rule shows
    // a panelist their own ratings, drafts included, so a member who once rated (and was then exempted)
    // must never fill the entry everyone else reads.
    let viewer = match audit.member(&user.username) {
        Some(_) => ViewerKey::Rater(user.username.clone()),
        None => ViewerKey::Shared,
    };
    let key = Key {
        nr: audit.nr.clone(),
        revision,
        viewer,
    };
    let entry = app.agreement_cache.entry(&key);
    if let Some(full) = entry.full.get() {
        return Ok(full.clone());
    }
    let quick = entry
        .quick
        .get_or_try_init(|| async {
            let ratings = store::ratings::ratings_visible_to(&app.db, audit, user).await?;
            let quick = compute(audit, ratings, true).await?;
            start_bootstrap(entry.clone(), audit.clone(), quick.ratings.clone());
            Ok::<_, AppError>(quick)
        })
        .await?;
    Ok(entry.full.get().unwrap_or(quick).clone())
}

/// The report of `audit` from `ratings`, on a blocking thread: with the default bootstrap intervals, or
/// (`quick`) with analytic intervals only.
async fn compute(
    audit: &Audit,
    ratings: Vec<Rating>,
    quick: bool,
) -> Result<Arc<Agreement>, AppError> {
    let audit = audit.clone();
    tokio::task::spawn_blocking(move || {
        let mut options = Options::default();
        if quick {
            options.bootstrap = None;
        }
        calibration::report(&audit, &ratings, &options).map(|report| {
            Arc::new(Agreement {
                report,
                ratings,
                intervals_pending: quick,
                dashboard: OnceCell::new(),
            })
        })
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Computes the figures with the bootstrap intervals in the background and stores them in `entry`.
fn start_bootstrap(entry: Arc<Entry>, audit: Audit, ratings: Vec<Rating>) {
    tokio::spawn(async move {
        match compute(&audit, ratings, false).await {
            Ok(full) => {
                let _ = entry.full.set(full);
            }
            Err(e) => {
                tracing::warn!(audit = %audit.nr, error = ?e, "bootstrap-intervaller fejlede")
            }
        }
    });
}
