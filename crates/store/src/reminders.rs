//! Reminders of follow-up deadlines in each user's inbox, the e-mails sent for them, and where users
//! want them by e-mail.
//!
//! **Exactly once.** A reminder row is unique by its key, the domain's idempotency key for one
//! recipient (`audit::followup::paamindelse::Paamindelse::noegle_til`). [`write_reminders`] inserts
//! every reminder of a run with "insert, or do nothing when the key exists" in one transaction, so a
//! run after a restart, or the same run in a second server process on the same database, writes
//! nothing twice. Its e-mail is sent by whoever claims it first: [`claim_mails`] marks each unsent row
//! with a conditional update (`… WHERE mail_claimed_at IS NULL`), which only one process can win; the
//! winner sends and calls [`mail_sent`], or [`release_mail`] when sending failed so that a later run
//! tries again. A process that dies between claiming and sending leaves the mail unsent rather than
//! risk sending it twice.

use audit::{AuditNr, Username};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::NotSet, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::entity::{reminder, user_email};
use crate::stamp::stamp;
use crate::{Db, StoreError, events};

/// A reminder to write into one user's inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReminder {
    /// The idempotency key for this recipient.
    pub key: String,
    /// The recipient.
    pub username: Username,
    /// The audit of the action.
    pub audit: AuditNr,
    /// The action's id within the audit.
    pub action: String,
    /// The reminder step's id ("7-dage-foer").
    pub step: String,
    /// The due date it reminds of.
    pub due: Date,
    /// The Danish text.
    pub message: String,
    /// Where to send it by e-mail, if the user wants that.
    pub email: Option<String>,
}

/// A reminder in an inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    /// Its id, for marking it read.
    pub id: i64,
    /// The audit of the action.
    pub audit: String,
    /// The action's id within the audit.
    pub action: String,
    /// The reminder step's id.
    pub step: String,
    /// The due date it reminds of.
    pub due: Date,
    /// The Danish text.
    pub message: String,
    /// When it was written.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When the user marked it read.
    #[serde(with = "time::serde::rfc3339::option")]
    pub read_at: Option<OffsetDateTime>,
}

/// A reminder e-mail this process has claimed and must now send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMail {
    /// The reminder's id.
    pub id: i64,
    /// The reminder's key (for a stable Message-ID).
    pub key: String,
    /// The address.
    pub email: String,
    /// The audit of the action.
    pub audit: String,
    /// The action's id within the audit (`audit::bedoemmelsesfrist::HANDLING` for a rating reminder).
    pub action: String,
    /// The Danish text.
    pub message: String,
}

/// Writes `reminders` into the inboxes, each unless its key is there already, in one transaction; returns
/// how many were new. A run that wrote any also appends one `reminders_written` event to the global log.
///
/// # Errors
/// [`StoreError::Db`] when the database fails; nothing is written then.
pub async fn write_reminders(
    db: &Db,
    reminders: &[NewReminder],
    now: OffsetDateTime,
) -> Result<u64, StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let mut written = 0;
    for r in reminders {
        let row = reminder::ActiveModel {
            id: NotSet,
            reminder_key: Set(r.key.clone()),
            username: Set(r.username.to_string()),
            audit_nr: Set(r.audit.to_string()),
            action_key: Set(r.action.clone()),
            step: Set(r.step.clone()),
            due: Set(r.due),
            message: Set(r.message.clone()),
            created_at: Set(now),
            read_at: Set(None),
            email: Set(r.email.clone()),
            mail_claimed_at: Set(None),
            mail_sent_at: Set(None),
        };
        written += reminder::Entity::insert(row)
            .on_conflict(
                OnConflict::column(reminder::Column::ReminderKey)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
    }
    if written > 0 {
        events::append(
            &txn,
            None,
            &events::new(
                "system",
                now,
                "reminders_written",
                None,
                Some(serde_json::json!({ "reminders": written })),
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(written)
}

fn from_row(row: reminder::Model) -> Reminder {
    Reminder {
        id: row.id,
        audit: row.audit_nr,
        action: row.action_key,
        step: row.step,
        due: row.due,
        message: row.message,
        created_at: row.created_at,
        read_at: row.read_at,
    }
}

/// `username`'s reminders, newest first.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn inbox(db: &Db, username: &Username) -> Result<Vec<Reminder>, StoreError> {
    Ok(reminder::Entity::find()
        .filter(reminder::COLUMN.username.eq(username.as_str()))
        .order_by_desc(reminder::COLUMN.id)
        .all(db.conn())
        .await?
        .into_iter()
        .map(from_row)
        .collect())
}

/// Who has been reminded of `action` of audit `audit`, and when last: each recipient once, with the
/// time of their newest reminder.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn reminded(
    db: &Db,
    audit: &AuditNr,
    action: &str,
) -> Result<Vec<(Username, OffsetDateTime)>, StoreError> {
    let rows = reminder::Entity::find()
        .filter(reminder::COLUMN.audit_nr.eq(audit.as_str()))
        .filter(reminder::COLUMN.action_key.eq(action))
        .order_by_desc(reminder::COLUMN.id)
        .all(db.conn())
        .await?;
    let mut latest: Vec<(Username, OffsetDateTime)> = Vec::new();
    for row in rows {
        let username: Username = row.username.parse().map_err(|_| {
            StoreError::Corrupt(format!(
                "påmindelse til ugyldigt brugernavn »{}«",
                row.username
            ))
        })?;
        if !latest.iter().any(|(u, _)| *u == username) {
            latest.push((username, row.created_at));
        }
    }
    Ok(latest)
}

/// How many of `username`'s reminders are unread.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn unread_count(db: &Db, username: &Username) -> Result<u64, StoreError> {
    Ok(reminder::Entity::find()
        .filter(reminder::COLUMN.username.eq(username.as_str()))
        .filter(reminder::COLUMN.read_at.is_null())
        .count(db.conn())
        .await?)
}

/// Marks `username`'s reminder `id` (or, with `None`, all their reminders) read at `now`; returns how
/// many changed. Someone else's reminder is never touched.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn mark_read(
    db: &Db,
    username: &Username,
    id: Option<i64>,
    now: OffsetDateTime,
) -> Result<u64, StoreError> {
    let mut update = reminder::Entity::update_many()
        .col_expr(reminder::Column::ReadAt, Expr::value(stamp(now)))
        .filter(reminder::COLUMN.username.eq(username.as_str()))
        .filter(reminder::COLUMN.read_at.is_null());
    if let Some(id) = id {
        update = update.filter(reminder::COLUMN.id.eq(id));
    }
    Ok(update.exec(db.conn()).await?.rows_affected)
}

/// Claims every reminder with an address whose e-mail nobody has claimed yet; returns those this call
/// won (see the [module documentation](self)).
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn claim_mails(db: &Db, now: OffsetDateTime) -> Result<Vec<ClaimedMail>, StoreError> {
    let now = stamp(now);
    let candidates = reminder::Entity::find()
        .filter(reminder::COLUMN.email.is_not_null())
        .filter(reminder::COLUMN.mail_claimed_at.is_null())
        .order_by_asc(reminder::COLUMN.id)
        .all(db.conn())
        .await?;
    let mut claimed = Vec::new();
    for row in candidates {
        let won = reminder::Entity::update_many()
            .col_expr(reminder::Column::MailClaimedAt, Expr::value(now))
            .filter(reminder::COLUMN.id.eq(row.id))
            .filter(reminder::COLUMN.mail_claimed_at.is_null())
            .exec(db.conn())
            .await?
            .rows_affected
            == 1;
        if let (true, Some(email)) = (won, row.email) {
            claimed.push(ClaimedMail {
                id: row.id,
                key: row.reminder_key,
                email,
                audit: row.audit_nr,
                action: row.action_key,
                message: row.message,
            });
        }
    }
    Ok(claimed)
}

/// Records that the e-mail of reminder `id` was sent at `now`.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn mail_sent(db: &Db, id: i64, now: OffsetDateTime) -> Result<(), StoreError> {
    reminder::Entity::update_many()
        .col_expr(reminder::Column::MailSentAt, Expr::value(stamp(now)))
        .filter(reminder::COLUMN.id.eq(id))
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Gives up the claim on reminder `id`'s e-mail after a failed send, so that a later run tries again.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn release_mail(db: &Db, id: i64) -> Result<(), StoreError> {
    reminder::Entity::update_many()
        .col_expr(
            reminder::Column::MailClaimedAt,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .filter(reminder::COLUMN.id.eq(id))
        .filter(reminder::COLUMN.mail_sent_at.is_null())
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Sets (or with `None` removes) the address `username` wants reminders sent to. The address must look
/// like one: a single `@` with text on both sides, no spaces.
///
/// # Errors
/// [`StoreError::Invalid`] for an address that does not look like one; [`StoreError::Db`].
pub async fn set_email(
    db: &Db,
    username: &Username,
    email: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let txn = db.conn().begin().await?;
    user_email::Entity::delete_many()
        .filter(user_email::COLUMN.username.eq(username.as_str()))
        .exec(&txn)
        .await?;
    if let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) {
        if !looks_like_an_address(email) {
            return Err(StoreError::Invalid(format!(
                "»{email}« er ikke en e-mailadresse; skriv den som navn@eksempel.dk"
            )));
        }
        user_email::Entity::insert(user_email::ActiveModel {
            username: Set(username.to_string()),
            email: Set(email.to_owned()),
            updated_at: Set(stamp(now)),
        })
        .exec_without_returning(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

fn looks_like_an_address(email: &str) -> bool {
    let mut parts = email.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>' || c == ',')
    )
}

/// The address `username` wants reminders sent to.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn email_of(db: &Db, username: &Username) -> Result<Option<String>, StoreError> {
    Ok(user_email::Entity::find_by_id(username.to_string())
        .one(db.conn())
        .await?
        .map(|row| row.email))
}

#[cfg(test)]
mod tests {
    use super::looks_like_an_address;

    #[test]
    fn addresses_are_checked_loosely() {
        assert!(looks_like_an_address("kontakt@midt.dk"));
        assert!(looks_like_an_address("a.b+c@sub.eksempel.dk"));
        for bad in [
            "",
            "kontakt",
            "a@b",
            "@midt.dk",
            "a@@midt.dk",
            "a b@midt.dk",
            "a@midt.dk>",
        ] {
            assert!(!looks_like_an_address(bad), "{bad}");
        }
    }
}
