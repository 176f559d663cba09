//! The daily reminder job: reminders of follow-up deadlines 30, 7 and 1 days before the due date and the
//! day after it (`audit::followup::paamindelse`), and of the rating deadline 14, 7 and 2 days before it
//! and the day after to each panelist who has not submitted (`audit::bedoemmelsesfrist`), written into each responsible user's inbox and, when
//! SMTP is configured ([`crate::mail::MailSettings`]), sent by e-mail through [`crate::mail`].
//!
//! `auditpanel serve` runs [`run_once`] at start, before it answers requests, and then [`run_daily`] in
//! the background, shortly after each Danish midnight by the server's [`Clock`](crate::Clock).
//!
//! **Who is reminded**: for an action addressed to socialtilsyn, the tilsynskontakter of each addressed
//! tilsyn that has not yet reported it done (`Tilstand::mangler_rapport`); for an action addressed to no
//! tilsyn, which the audit function carries out itself, every koordinator — and of those only the ones
//! who may see the action (`audit::followup::follow_up_visible_to`): nobody but the koordinator is
//! reminded of, or mailed the text of, an action from a report that is not published.
//!
//! **Each reminder once**: the inbox row's key is the domain's idempotency key for the recipient, unique
//! in the database, and written with insert-or-ignore in one transaction (`store::reminders`), so a run
//! after a restart or in a second server process on the same database adds nothing; an e-mail is sent by
//! the process that claims it first.

use std::collections::BTreeMap;

use audit::bedoemmelsesfrist;
use audit::followup::paamindelse::paamindelse;
use audit::{Role, Tilsyn, User, Username};
use store::reminders::NewReminder;
use time::Duration;

use crate::clock::danish_time;
use crate::mail::{Mail, Mailer};
use crate::pages::followup::Publication;
use crate::state::AppState;

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Reminders written that were not there before.
    pub written: u64,
    /// E-mails sent by this run.
    pub mailed: usize,
    /// E-mails that could not be sent (tried again by the next run).
    pub failed: usize,
}

/// One run of the job on the clock's today: write the reminders that are due, then send the e-mails
/// nobody has claimed yet.
///
/// # Errors
/// [`store::StoreError`] when the database fails; a failing SMTP server is counted in
/// [`RunReport::failed`] and logged, not an error.
pub async fn run_once(app: &AppState) -> Result<RunReport, store::StoreError> {
    let today = app.clock().today();
    let now = app.clock().now();
    let actions = store::follow_up_tracking::all_tracked_actions(app.db()).await?;
    let users = store::users::list_users(app.db()).await?;
    let publication = Publication::load(app).await?;
    let mut emails: BTreeMap<Username, Option<String>> = BTreeMap::new();
    let mut reminders = Vec::new();
    for action in &actions {
        let sporet = &action.sporet;
        let Some(p) = paamindelse(sporet, today) else {
            continue;
        };
        for user in recipients(
            &users,
            &sporet.tilstand.mangler_rapport(&sporet.tiltag),
            sporet.tiltag.tilsyn().is_empty(),
        )
        .into_iter()
        .filter(|u| publication.visible_to(u.role, &sporet.audit, &sporet.tiltag))
        {
            let email = match emails.get(&user.username) {
                Some(email) => email.clone(),
                None => {
                    let email = store::reminders::email_of(app.db(), &user.username).await?;
                    emails.insert(user.username.clone(), email.clone());
                    email
                }
            };
            reminders.push(NewReminder {
                key: p.noegle_til(user.username.as_str()),
                username: user.username.clone(),
                audit: sporet.audit.clone(),
                action: sporet.tiltag.id.clone(),
                step: p.trin.id().to_owned(),
                due: p.forfald,
                message: p.tekst.clone(),
                email,
            });
        }
    }
    reminders.extend(rating_reminders(app, today, &mut emails).await?);
    let mut report = RunReport {
        written: store::reminders::write_reminders(app.db(), &reminders, now).await?,
        ..RunReport::default()
    };
    if let Some(settings) = &app.config().mail {
        let claimed = store::reminders::claim_mails(app.db(), now).await?;
        let mailer = match Mailer::new(settings) {
            Ok(mailer) => mailer,
            Err(err) => {
                // Settings that cannot work: every message waits for a server start with better ones.
                tracing::error!(error = %err, "påmindelser kan ikke sendes på e-mail med disse indstillinger");
                for c in &claimed {
                    store::reminders::release_mail(app.db(), c.id).await?;
                }
                report.failed += claimed.len();
                return Ok(report);
            }
        };
        let mut queue = claimed.into_iter();
        while let Some(claimed) = queue.next() {
            let (subject, next_step) = if claimed.action == bedoemmelsesfrist::HANDLING {
                (
                    format!("Påmindelse om bedømmelse i audit {}", claimed.audit),
                    "Bedøm og indsend i auditpanel under auditforløbet.",
                )
            } else {
                (
                    format!("Påmindelse om opfølgning på audit {}", claimed.audit),
                    "Se opfølgningspunktet og rapportér i auditpanel under Opfølgning.",
                )
            };
            let mail = Mail {
                to: claimed.email.clone(),
                subject,
                body: format!(
                    "{}\n\n{next_step}\n\n\
                     Denne e-mail er sendt automatisk af auditpanel.\n",
                    claimed.message
                ),
                message_id: crate::mail::message_id(&claimed.key),
                date: now,
            };
            match mailer.send(&mail).await {
                Ok(()) => {
                    store::reminders::mail_sent(app.db(), claimed.id, now).await?;
                    report.mailed += 1;
                }
                Err(err) if err.is_message_fault() => {
                    // Only this message is wrong (an address that does not parse): the others may go.
                    tracing::warn!(error = %err, "en påmindelse kunne ikke sendes på e-mail; prøves igen ved næste kørsel");
                    store::reminders::release_mail(app.db(), claimed.id).await?;
                    report.failed += 1;
                }
                Err(err) => {
                    // The server is down or refusing: give this and the rest back to the next run
                    // rather than wait for a timeout per message.
                    tracing::warn!(error = %err, "påmindelser kunne ikke sendes på e-mail; prøves igen ved næste kørsel");
                    store::reminders::release_mail(app.db(), claimed.id).await?;
                    report.failed += 1;
                    for rest in queue.by_ref() {
                        store::reminders::release_mail(app.db(), rest.id).await?;
                        report.failed += 1;
                    }
                }
            }
        }
    }
    if report.written > 0 || report.mailed > 0 || report.failed > 0 {
        tracing::info!(
            written = report.written,
            mailed = report.mailed,
            failed = report.failed,
            "påmindelser om frister"
        );
    }
    Ok(report)
}

/// The rating reminders due on `today` (`audit::bedoemmelsesfrist`): one for each rating panelist of an
/// audit in vurdering who has not submitted everything. Progress is counts only, never a value.
async fn rating_reminders(
    app: &AppState,
    today: time::Date,
    emails: &mut BTreeMap<Username, Option<String>>,
) -> Result<Vec<NewReminder>, store::StoreError> {
    let mut reminders = Vec::new();
    for audit in store::audits::list_audits(app.db()).await? {
        if audit.state != audit::WorkflowState::Vurdering {
            continue;
        }
        for progress in store::ratings::progress(app.db(), &audit).await? {
            let Some(p) = bedoemmelsesfrist::paamindelse(&audit, &progress, today) else {
                continue;
            };
            let email = match emails.get(&progress.rater) {
                Some(email) => email.clone(),
                None => {
                    let email = store::reminders::email_of(app.db(), &progress.rater).await?;
                    emails.insert(progress.rater.clone(), email.clone());
                    email
                }
            };
            reminders.push(NewReminder {
                key: p.noegle,
                username: progress.rater.clone(),
                audit: audit.nr.clone(),
                action: bedoemmelsesfrist::HANDLING.to_owned(),
                step: p.trin.id().to_owned(),
                due: p.frist,
                message: p.tekst,
                email,
            });
        }
    }
    Ok(reminders)
}

/// The users to remind: the tilsynskontakter of `tilsyn`, or every koordinator for an action that is the
/// audit function's own.
fn recipients<'u>(users: &'u [User], tilsyn: &[Tilsyn], own_action: bool) -> Vec<&'u User> {
    users
        .iter()
        .filter(|u| match u.role {
            Role::Koordinator => own_action,
            Role::Tilsynskontakt(t) => tilsyn.contains(&t),
            Role::Panelist | Role::Laeser => false,
        })
        .collect()
}

/// Runs the job shortly after every Danish midnight by the app's clock, for ever; errors are logged and
/// the next day's run tries again. Spawn it; abort it when the server stops.
pub async fn run_daily(app: AppState) {
    loop {
        tokio::time::sleep(until_next_run(app.clock().now())).await;
        if let Err(err) = run_once(&app).await {
            tracing::error!(error = %err, "påmindelsesjobbet fejlede");
        }
    }
}

/// The time from `now` to five minutes past the next Danish midnight.
fn until_next_run(now: time::OffsetDateTime) -> std::time::Duration {
    let local = danish_time(now);
    let next = local
        .date()
        .next_day()
        .and_then(|d| d.with_hms(0, 5, 0).ok())
        .map(|d| d.assume_offset(local.offset()));
    let wait = next.map_or(Duration::hours(24), |n| n - local);
    std::time::Duration::try_from(wait.max(Duration::minutes(1)))
        .unwrap_or(std::time::Duration::from_secs(24 * 3600))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::until_next_run;

    #[test]
    fn the_next_run_is_five_past_danish_midnight() {
        // 22:00 UTC on 2 March 2025 is 23:00 in Denmark (UTC+1): 1 h 5 min to go.
        assert_eq!(
            until_next_run(datetime!(2025-03-02 22:00 UTC)).as_secs(),
            65 * 60
        );
    }
}
