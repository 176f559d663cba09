//! The subcommands that touch the database: `export`, `import` and `seed --demo`.
//!
//! Each opens the database from `--database-url` (or `DATABASE_URL`, or the SQLite file `serve` uses),
//! which also brings its schema up to date, runs one store operation, and reports in Danish.

use std::path::Path;

use audit::Username;
use audit::demo::{BRUGERFIL, Demo};
use store::demo::{DEMO_PASSWORD, SeedOutcome};
use store::{Db, StoreError};
use time::OffsetDateTime;

use crate::output::Failure;

/// The demo seed files, compiled in so the binary seeds from any directory: `(file name, text)`.
const DEMO_SOURCES: [(&str, &str); 6] = [
    (BRUGERFIL, include_str!("../../../seeds/demo/brugere.toml")),
    ("19.1.toml", include_str!("../../../seeds/demo/19.1.toml")),
    ("19.2.toml", include_str!("../../../seeds/demo/19.2.toml")),
    ("20.1.toml", include_str!("../../../seeds/demo/20.1.toml")),
    ("25.1.toml", include_str!("../../../seeds/demo/25.1.toml")),
    ("25.2.toml", include_str!("../../../seeds/demo/25.2.toml")),
];

/// `--database-url`, shared by every subcommand that opens the database.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct DatabaseArg {
    /// Databasen: sqlite://FIL?mode=rwc eller postgres://…
    #[arg(long = "database-url", env = "DATABASE_URL", default_value = store::DEFAULT_DATABASE_URL)]
    pub(crate) url: String,
}

/// The one place these commands read the clock: time is a parameter everywhere below.
#[allow(clippy::disallowed_methods)]
fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Who the command line acts as in the event log.
fn actor() -> Result<Username, Failure> {
    Username::new("system").map_err(Failure::other)
}

pub(crate) fn failure(err: StoreError) -> Failure {
    match err {
        StoreError::Db(_) | StoreError::Corrupt(_) => Failure::other(err),
        _ => Failure::input(err),
    }
}

/// Runs `work` on a fresh runtime with the database open.
pub(crate) fn with_db<T>(
    database: &DatabaseArg,
    work: impl AsyncFnOnce(&Db) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::other(format!("kunne ikke starte: {e}")))?;
    runtime.block_on(async {
        let db = Db::connect(&database.url).await.map_err(|e| {
            Failure::other(format!("kunne ikke åbne databasen »{}«: {e}", database.url))
        })?;
        let result = work(&db).await;
        let _ = db.close().await;
        result
    })
}

/// `auditpanel export --audit NR`: the export document on stdout.
pub(crate) fn export(nr: &str, database: &DatabaseArg) -> Result<String, Failure> {
    let nr = nr.parse().map_err(Failure::input)?;
    with_db(database, async |db| {
        let document = store::export::export_audit(db, &nr)
            .await
            .map_err(failure)?;
        document.to_json().map_err(failure)
    })
}

/// `auditpanel import FILE`: restores one audit from an export file.
pub(crate) fn import(file: &Path, database: &DatabaseArg) -> Result<String, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::input(format!("kunne ikke læse filen »{}«: {e}", file.display())))?;
    // Check the file before touching (or creating) any database.
    store::export::parse_export(&text).map_err(failure)?;
    let actor = actor()?;
    with_db(database, async |db| {
        let nr = store::export::import_audit(db, &text, &actor, now())
            .await
            .map_err(failure)?;
        Ok(format!("Auditforløb {nr} er importeret."))
    })
}

/// The demo as compiled in, dated from `today`.
pub(crate) fn load_demo(today: time::Date) -> Result<Demo, Failure> {
    let models = audit::builtin::KVALITETSMODELLER
        .iter()
        .map(|(version, _)| audit::builtin::kvalitetsmodel(version).map_err(Failure::other))
        .collect::<Result<Vec<_>, _>>()?;
    audit::demo::load(&DEMO_SOURCES, &models, today).map_err(Failure::other)
}

/// `auditpanel seed --demo`: loads the demo into an empty database (a no-op on the demo).
pub(crate) fn seed(demo: bool, database: &DatabaseArg) -> Result<String, Failure> {
    if !demo {
        return Err(Failure::input(
            "angiv --demo; seed kan kun indlæse demodata",
        ));
    }
    let now = now();
    let demo = load_demo(now.date())?;
    with_db(database, async |db| {
        match web::demo::seed(db, &demo, now)
            .await
            .map_err(|err| match err {
                web::demo::DemoSeedError::Store(err) => failure(err),
                other => Failure::other(other),
            })? {
            SeedOutcome::Seeded {
                users,
                audits,
                ratings,
            } => Ok(format!(
                "Demodata indlæst: {audits} auditforløb, {users} brugere (adgangskode »{DEMO_PASSWORD}«) og {ratings} bedømmelser."
            )),
            SeedOutcome::AlreadySeeded => {
                Ok("Databasen indeholder allerede demodata; intet er ændret.".to_owned())
            }
        }
    })
}
