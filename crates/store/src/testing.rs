//! Fresh databases for tests: a SQLite file in a temporary directory, or a PostgreSQL database of its own
//! when `DATABASE_URL` points at a server. Dropping a [`TestDb`] removes what it created. A process that
//! makes one hashes passwords cheaply from then on ([`use_cheap_password_hashing`]).
//!
//! This is the one place in the store that reads an environment variable, and only in test builds (the
//! `testing` feature).

use std::io::Write;
use std::sync::Once;

use rand_core::{OsRng, RngCore};
use sea_orm::{ConnectionTrait, Database};

use crate::{Db, StoreError};

/// A migrated database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    db: Db,
    url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    /// The directory holding the SQLite file; removed on drop.
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    /// The PostgreSQL database to drop, and the server's URL to drop it from.
    Postgres { server_url: String, name: String },
}

/// The PostgreSQL server URL from `DATABASE_URL`, if it names one.
pub fn postgres_server_url() -> Option<String> {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres://") || url.starts_with("postgresql://"))
}

/// Says loudly, once per process, that the PostgreSQL runs were skipped because no server was given.
pub fn warn_postgres_not_run() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Written to the stderr handle itself, not with `eprintln!`, which the test harness captures.
        let _ = writeln!(
            std::io::stderr(),
            "\n!!! DATABASE_URL is not a postgres:// URL: the PostgreSQL runs of the store tests were NOT run \
             (only SQLite was tested). Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run them.\n"
        );
    });
}

/// `url` with its database name replaced by `name`, keeping any `?query`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let prefix = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{prefix}/{name}?{query}"),
        None => format!("{prefix}/{name}"),
    }
}

fn unique_name() -> String {
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    let suffix: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("auditpanel_test_{suffix}")
}

/// Makes this process hash passwords at the cheapest argon2id cost (8 KiB, one pass) instead of the
/// default 19 MiB and two passes: a test that seeds the demo's users or creates accounts spends
/// microseconds rather than a second per password. Only test code can call it (this module exists with
/// the `testing` feature), and every [`TestDb`] calls it, so a test process never pays for the real cost.
/// What is stored is still an argon2id hash, and logins verify it at the cost written in it.
pub fn use_cheap_password_hashing() {
    crate::users::CHEAP_HASHING.store(true, std::sync::atomic::Ordering::Relaxed);
}

impl TestDb {
    /// A migrated SQLite database in a new temporary file (and cheap password hashing, see
    /// [`use_cheap_password_hashing`]).
    ///
    /// # Errors
    /// [`StoreError`] when the file cannot be created or migrated.
    pub async fn sqlite() -> Result<TestDb, StoreError> {
        use_cheap_password_hashing();
        let dir = tempfile::tempdir()
            .map_err(|err| StoreError::Invalid(format!("midlertidig mappe: {err}")))?;
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        let db = Db::connect(&url).await?;
        Ok(TestDb {
            db,
            url,
            cleanup: Cleanup::Sqlite(dir),
        })
    }

    /// A migrated PostgreSQL database of its own on the server at `server_url`, dropped on drop (and cheap
    /// password hashing, see [`use_cheap_password_hashing`]).
    ///
    /// # Errors
    /// [`StoreError`] when the server cannot be reached or the database not created.
    pub async fn postgres(server_url: &str) -> Result<TestDb, StoreError> {
        use_cheap_password_hashing();
        let name = unique_name();
        let admin = Database::connect(server_url).await?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await?;
        admin.close().await?;
        let url = with_database(server_url, &name);
        let db = Db::connect(&url).await?;
        Ok(TestDb {
            db,
            url,
            cleanup: Cleanup::Postgres {
                server_url: server_url.to_owned(),
                name,
            },
        })
    }

    /// A fresh database of every engine available: SQLite always, PostgreSQL when `DATABASE_URL` names a
    /// server (otherwise [`warn_postgres_not_run`] says so).
    ///
    /// # Errors
    /// [`StoreError`] when a database cannot be created.
    pub async fn each_engine() -> Result<Vec<TestDb>, StoreError> {
        let mut dbs = vec![TestDb::sqlite().await?];
        match postgres_server_url() {
            Some(url) => dbs.push(TestDb::postgres(&url).await?),
            None => warn_postgres_not_run(),
        }
        Ok(dbs)
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Its URL, for code that connects by itself (a server under test, the CLI).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Runs one SQL statement directly, bypassing the repository: for tests that try what the
    /// repository never does (changing the event log by hand).
    ///
    /// # Errors
    /// [`StoreError::Db`] with the database's refusal.
    pub async fn execute(&self, sql: &str) -> Result<(), StoreError> {
        self.db.conn().execute_unprepared(sql).await?;
        Ok(())
    }

    /// The number of rows in `table`: for tests that check nothing was left behind.
    ///
    /// # Errors
    /// [`StoreError::Db`] when the table does not exist.
    pub async fn count(&self, table: &str) -> Result<i64, StoreError> {
        let row = self
            .db
            .conn()
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.conn().get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await?
            .ok_or_else(|| StoreError::corrupt("COUNT gav ingen række"))?;
        Ok(row.try_get::<i64>("", "n")?)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Cleanup::Postgres { server_url, name } = &self.cleanup else {
            return;
        };
        let (server_url, name) = (server_url.clone(), name.clone());
        // Drop may run inside a runtime, which cannot block on another; a thread with its own small
        // runtime can.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async move {
                let admin = Database::connect(server_url.as_str()).await.ok()?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            eprintln!("kunne ikke slette testdatabasen (PostgreSQL)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced_and_the_query_kept() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "t2"),
            "postgres://u@h/t2?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "t3"), "postgres://u@h/t3");
    }
}
