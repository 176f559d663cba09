//! Demo seeding: loads into an empty database, is a no-op on the demo, refuses other data; the demo
//! audits survive an export/import round trip byte for byte.

use std::path::Path;

use audit::demo::Demo;
use audit::{Kvalitetsmodel, Role};
use store::StoreError;
use store::demo::{DEMO_PASSWORD, SeedOutcome, seed_demo};

use crate::fixtures::{NOW, TODAY, audit, engines, koordinator, name};

fn load_demo() -> Demo {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut files: Vec<(String, String)> = std::fs::read_dir(seeds.join("demo"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    let sources: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let models: Vec<Kvalitetsmodel> = audit::builtin::KVALITETSMODELLER
        .iter()
        .map(|(_, text)| Kvalitetsmodel::from_toml(text).unwrap())
        .collect();
    audit::demo::load(&sources, &models, TODAY).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_seeds_once_and_round_trips() {
    let demo = load_demo();
    for t in engines().await {
        let db = t.db();
        let outcome = seed_demo(db, &demo, NOW).await.unwrap();
        let ratings: usize = demo.forloeb.iter().map(|a| a.ratings.len()).sum();
        assert_eq!(
            outcome,
            SeedOutcome::Seeded {
                users: demo.brugere.len(),
                audits: demo.forloeb.len(),
                ratings
            }
        );
        assert_eq!(
            seed_demo(db, &demo, NOW).await.unwrap(),
            SeedOutcome::AlreadySeeded
        );
        assert_eq!(t.count("ratings").await.unwrap(), ratings as i64);

        let first = &demo.brugere[0];
        assert_eq!(
            store::users::verify_password(db, &first.username, DEMO_PASSWORD)
                .await
                .unwrap()
                .as_ref(),
            Some(first)
        );
        for forloeb in &demo.forloeb {
            let stored = store::audits::get_audit(db, &forloeb.audit.nr)
                .await
                .unwrap();
            assert_eq!(stored, forloeb.audit, "{}", forloeb.fil);
            let content = store::report_content::report_content(db, &forloeb.audit.nr)
                .await
                .unwrap();
            assert_eq!(content, forloeb.rapport, "{}", forloeb.fil);
            // Every material item carries its fictitious demo file (audit::demo::materiale).
            let files = store::files::material_files(db, &forloeb.audit.nr)
                .await
                .unwrap();
            assert_eq!(
                files.len(),
                forloeb.audit.materials.len(),
                "{}",
                forloeb.fil
            );
            for item in &forloeb.audit.materials {
                let file = store::files::material_file(db, &forloeb.audit.nr, &item.id)
                    .await
                    .unwrap()
                    .unwrap_or_else(|| panic!("{} {} has no file", forloeb.fil, item.id));
                let text = String::from_utf8(file.bytes).unwrap();
                assert!(
                    text.starts_with(audit::demo::materiale::OVERSKRIFT),
                    "{text}"
                );
                assert_eq!(file.info.file_name, format!("{}.txt", item.id));
            }
            let koordinator = audit::User {
                username: name("k"),
                navn: "K".into(),
                role: Role::Koordinator,
            };
            let visible = store::ratings::ratings_visible_to(db, &stored, &koordinator)
                .await
                .unwrap();
            let expected = audit::visibility::visible_ratings(
                &stored,
                stored.viewer(&koordinator),
                &forloeb.ratings,
            );
            assert_eq!(visible.len(), expected.len(), "{}", forloeb.fil);

            let export = store::export::export_audit(db, &forloeb.audit.nr)
                .await
                .unwrap()
                .to_json()
                .unwrap();
            let fresh = store::testing::TestDb::sqlite().await.unwrap();
            crate::fixtures::create_raters(fresh.db(), &export).await;
            store::export::import_audit(fresh.db(), &export, &koordinator.username, NOW)
                .await
                .unwrap();
            let again = store::export::export_audit(fresh.db(), &forloeb.audit.nr)
                .await
                .unwrap()
                .to_json()
                .unwrap();
            assert!(export == again, "{} does not round-trip", forloeb.fil);
        }
    }
}

#[tokio::test]
async fn seeding_is_refused_when_the_database_holds_other_data() {
    let demo = load_demo();
    for t in engines().await {
        let db = t.db();
        let mut other = audit();
        other.nr = "30.1".parse().unwrap();
        store::audits::create_audit(db, &other, &koordinator(), NOW)
            .await
            .unwrap();
        let err = seed_demo(db, &demo, NOW).await.unwrap_err();
        assert!(matches!(err, StoreError::NotDemo(_)), "{err}");
        assert!(err.to_string().contains("»30.1«"), "{err}");
        assert_eq!(t.count("users").await.unwrap(), 0, "nothing was seeded");
        let _ = TODAY;
    }
}
