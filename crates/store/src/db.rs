//! The database handle: connect by URL, configure the engine, migrate, and begin write transactions.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use crate::StoreError;
use crate::migration::Migrator;

/// The SQLite file `auditpanel serve` uses when no URL is given, in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://auditpanel.db?mode=rwc";

/// How long a SQLite writer waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections in the pool. SQLite allows many readers beside one writer in WAL mode.
const POOL_SIZE: u32 = 8;

/// An arbitrary constant that names auditpanel's migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK: i64 = 0x6175_6469_7470_616e;

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// SQLite, the embedded default.
    Sqlite,
    /// PostgreSQL, chosen by a `postgres://` URL.
    Postgres,
}

/// A migrated database: a pool of connections, cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
    engine: Engine,
}

impl Db {
    /// Connects to `url` and brings the schema up to date.
    ///
    /// `sqlite://…` opens (with `?mode=rwc`: creates) a SQLite file in WAL mode, `synchronous=FULL`, with
    /// foreign keys on and a busy timeout; `postgres://…` connects to PostgreSQL. Migrations run on every connect and are a
    /// no-op when already applied; on PostgreSQL an advisory lock keeps several starting servers from
    /// migrating at once.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a URL of another engine, [`StoreError::Db`] when the database cannot be
    /// reached or migrated.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else {
            return Err(StoreError::Invalid(format!(
                "databaseadressen »{url}« understøttes ikke; brug sqlite://FIL?mode=rwc eller postgres://…"
            )));
        };
        let mut options = ConnectOptions::new(url);
        options
            .max_connections(POOL_SIZE)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .sqlx_logging(false);
        if engine == Engine::Sqlite {
            options.map_sqlx_sqlite_opts(|opts: SqliteConnectOptions| {
                opts.journal_mode(SqliteJournalMode::Wal)
                    // FULL: a commit is on disk (the WAL synced) before it is acknowledged, so a save
                    // that got its 2xx survives `kill -9` and a power cut. NORMAL would sync only at
                    // checkpoints and could lose the last commits on a power cut.
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(SQLITE_BUSY_TIMEOUT)
            });
        }
        let conn = Database::connect(options).await?;
        let db = Db { conn, engine };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self.engine {
            Engine::Sqlite => Migrator::up(&self.conn, None).await?,
            Engine::Postgres => {
                // Schema changes are transactional on PostgreSQL: hold a transaction-scoped advisory lock
                // so that a second server starting at the same moment waits, then finds nothing to do.
                let txn = self.conn.begin().await?;
                txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                    .await?;
                Migrator::up(&txn, None).await?;
                txn.commit().await?;
            }
        }
        Ok(())
    }

    /// The engine behind this handle.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Closes every pooled connection.
    ///
    /// # Errors
    /// [`StoreError::Db`] if the pool cannot be closed cleanly.
    pub async fn close(self) -> Result<(), StoreError> {
        self.conn.close().await?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Begins a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so that two writers queue on the busy timeout instead of one failing when it upgrades
    /// its read lock; PostgreSQL ignores the option.
    pub(crate) async fn begin_write(&self) -> Result<DatabaseTransaction, StoreError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.conn.begin_with_options(options).await?)
    }
}
