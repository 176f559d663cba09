//! Loading the demo into a database — what `auditpanel serve --demo`, `auditpanel seed --demo` and the
//! test fixtures call.
//!
//! `store::demo::seed_demo` writes the users, audits, ratings and report content in one transaction.
//! A published report, though, is a frozen snapshot rendered by [`crate::report_render`], which the
//! store cannot do alone; so each historical report of the demo (`audit::demo::Offentliggoerelse`) is
//! then published here through the publish handler's own code path
//! ([`crate::pages::report::publish`]), at its publication date and by its koordinator, and the
//! follow-up events that came after are applied through `store::follow_up_tracking`, as the
//! follow-up pages apply them. Versions, snapshots, history and events are those of the real thing.
//!
//! Each step is taken only where it is missing — a report with no published version, an action with
//! no history — so a start that stopped after seeding completes the history at the next start, and a
//! demo database that has it (or that someone has since worked in) is left as it is.

use audit::demo::{Demo, Offentliggoerelse};
use audit::{AuditNr, User, Username};
use store::demo::SeedOutcome;
use store::follow_up_tracking::TrackingError;
use store::{Db, StoreError};
use time::OffsetDateTime;

use crate::clock::Clock;
use crate::pages::report::publish::publish_draft;
use crate::state::{AppState, WebConfig};

/// Why the demo could not be loaded; `Display` is a Danish sentence fragment.
#[derive(Debug, thiserror::Error)]
pub enum DemoSeedError {
    /// The store refused the demo or failed (a database with other data, for one).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A historical report could not be published.
    #[error("auditrapport {nr} kunne ikke offentliggøres: {reason}")]
    Publish {
        /// The audit.
        nr: AuditNr,
        /// Why, in Danish.
        reason: String,
    },
    /// A follow-up event of a historical report was refused or failed.
    #[error("opfølgningstiltaget »{tiltag}« i audit {nr}: {source}")]
    FollowUp {
        /// The audit.
        nr: AuditNr,
        /// The action's id.
        tiltag: String,
        /// Why (boxed: the store's error is large).
        source: Box<TrackingError>,
    },
    /// The history names a user the demo does not have (the loader checks this, so it means a demo
    /// that was not loaded by `audit::demo::load`).
    #[error("demoen har ingen bruger »{0}«")]
    UnknownUser(Username),
}

/// Loads `demo` into `db` at the moment `now` (see the [module documentation](self)): seeds it through
/// `store::demo::seed_demo`, then publishes the historical reports and applies their follow-up history
/// where that is missing. Returns what the seeding did.
///
/// # Errors
/// [`DemoSeedError::Store`] when the store refuses the demo (a database with other data) or fails;
/// [`DemoSeedError::Publish`] or [`DemoSeedError::FollowUp`] when a step of the history is refused.
pub async fn seed(db: &Db, demo: &Demo, now: OffsetDateTime) -> Result<SeedOutcome, DemoSeedError> {
    let outcome = store::demo::seed_demo(db, demo, now).await?;
    for forloeb in &demo.forloeb {
        if let Some(historik) = &forloeb.offentliggoerelse {
            record(db, demo, &forloeb.audit.nr, historik).await?;
        }
    }
    Ok(outcome)
}

fn user<'d>(demo: &'d Demo, username: &Username) -> Result<&'d User, DemoSeedError> {
    demo.bruger(username.as_str())
        .ok_or_else(|| DemoSeedError::UnknownUser(username.clone()))
}

/// Writes the history of demo audit `nr` where it is missing: publishes its report at its date unless
/// a version is already published, then applies the follow-up events of each action that has no
/// history yet.
async fn record(
    db: &Db,
    demo: &Demo,
    nr: &AuditNr,
    historik: &Offentliggoerelse,
) -> Result<(), DemoSeedError> {
    if store::reports::published_reports(db, nr).await?.is_empty() {
        let at = historik.tidspunkt();
        // The state the publish handler would be given, with the clock at the day of publication.
        let app = AppState::new(db.clone(), Clock::Fixed(at), WebConfig::default());
        let audit = store::audits::get_audit(db, nr).await?;
        publish_draft(&app, user(demo, &historik.af)?, &audit, at)
            .await
            .map_err(|err| DemoSeedError::Publish {
                nr: nr.clone(),
                reason: err.to_string(),
            })?;
    }
    let untouched: Vec<String> = store::follow_up_tracking::tracked_actions(db, nr)
        .await?
        .into_iter()
        .filter(|a| a.sporet.historik.is_empty())
        .map(|a| a.sporet.tiltag.id)
        .collect();
    for h in historik
        .opfoelgning
        .iter()
        .filter(|h| untouched.contains(&h.tiltag))
    {
        store::follow_up_tracking::apply_follow_up_event(
            db,
            nr,
            &h.tiltag,
            h.haendelse.clone(),
            &[],
            user(demo, &h.af)?,
            h.dato,
            h.tidspunkt(),
        )
        .await
        .map_err(|source| DemoSeedError::FollowUp {
            nr: nr.clone(),
            tiltag: h.tiltag.clone(),
            source: Box::new(source),
        })?;
    }
    Ok(())
}
