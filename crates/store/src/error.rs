//! Why a store operation failed, in Danish words that name what is wrong.

use audit::{AuditError, AuditNr, RatingError, Username, WorkflowError};

/// Why a store operation failed. `Display` is a Danish fragment that can be shown as is (except for
/// [`StoreError::Db`] and [`StoreError::Corrupt`], whose details belong in a log).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("{what} »{key}« findes ikke")]
    NotFound {
        /// What was looked for, in Danish ("auditforløbet", "brugeren" …).
        what: &'static str,
        /// Its key as given.
        key: String,
    },
    /// An audit with this number already exists.
    #[error("auditforløbet »{0}« findes allerede")]
    AuditExists(AuditNr),
    /// A user with this username already exists.
    #[error("brugernavnet »{0}« er allerede i brug")]
    UsernameTaken(Username),
    /// A versioned text (discussion note, recommendation) was changed by someone else since it was read.
    #[error(
        "teksten er ændret af en anden, siden du hentede den (den er nu i version {current}); hent den nyeste udgave og prøv igen"
    )]
    Stale {
        /// The version now stored.
        current: i64,
    },
    /// A rating was refused by the domain rules.
    #[error(transparent)]
    Rating(#[from] RatingError),
    /// A workflow transition was refused by the domain rules.
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
    /// The audit's parts do not fit together.
    #[error(transparent)]
    InvalidAudit(#[from] AuditError),
    /// Input that cannot be stored, phrased for the user: what is wrong, and where.
    #[error("{0}")]
    Invalid(String),
    /// An import file that cannot be imported; the message names what is wrong with it.
    #[error("importen blev afvist: {0}")]
    Import(String),
    /// Demo seeding refused: the database holds data that is not the demo.
    #[error("demodata kan ikke indlæses: {0}")]
    NotDemo(String),
    /// A row that does not map back to a domain value: a bug or a hand-edited database.
    #[error("ugyldig række i databasen: {0}")]
    Corrupt(String),
    /// The database failed.
    #[error("databasefejl: {0}")]
    Db(#[from] sea_orm::DbErr),
}

impl StoreError {
    /// Turns a unique-constraint violation into `instead`; other errors pass through.
    pub(crate) fn on_unique(err: sea_orm::DbErr, instead: StoreError) -> StoreError {
        if is_unique_violation(&err) {
            instead
        } else {
            StoreError::Db(err)
        }
    }

    /// Whether this is a unique-constraint violation from the database (two writers raced for one key).
    pub(crate) fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Db(err) if is_unique_violation(err))
    }

    pub(crate) fn not_found(what: &'static str, key: impl ToString) -> StoreError {
        StoreError::NotFound {
            what,
            key: key.to_string(),
        }
    }

    pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(what.to_string())
    }
}

fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
