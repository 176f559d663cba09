//! Migrations apply to an empty database and re-run harmlessly.

use store::Db;

use crate::fixtures::{NOW, audit, engines, koordinator};

#[tokio::test]
async fn migrations_apply_to_an_empty_database_and_rerun_harmlessly() {
    for t in engines().await {
        // `engines` connected once, which migrated the empty database; the tables are there and empty.
        assert_eq!(t.count("audits").await.unwrap(), 0);
        assert_eq!(t.count("events").await.unwrap(), 0);
        let a = audit();
        store::audits::create_audit(t.db(), &a, &koordinator(), NOW)
            .await
            .unwrap();

        // Connecting again re-runs the migrator: nothing to do, nothing lost.
        for _ in 0..2 {
            let again = Db::connect(t.url()).await.unwrap();
            assert_eq!(store::audits::get_audit(&again, &a.nr).await.unwrap(), a);
            again.close().await.unwrap();
        }
        assert_eq!(
            t.count("seaql_migrations").await.unwrap(),
            migration_files()
        );
    }
}

#[tokio::test]
async fn several_servers_starting_at_once_migrate_once() {
    for t in engines().await {
        let url = t.url().to_owned();
        let connects = (0..4).map(|_| {
            let url = url.clone();
            async move { Db::connect(&url).await }
        });
        for db in futures_join(connects).await {
            db.unwrap();
        }
        assert_eq!(
            t.count("seaql_migrations").await.unwrap(),
            migration_files()
        );
    }
}

async fn futures_join<F: std::future::Future + Send + 'static>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn an_unknown_database_url_is_refused_in_danish() {
    let err = Db::connect("mysql://localhost/x").await.unwrap_err();
    assert!(err.to_string().contains("understøttes ikke"), "{err}");
}

/// The number of migration files in `src/migration/`: every one is applied once (counted from the
/// files so that adding a migration does not mean editing this test).
fn migration_files() -> i64 {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/migration");
    let files = std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with('m')
        })
        .count();
    i64::try_from(files).unwrap()
}
