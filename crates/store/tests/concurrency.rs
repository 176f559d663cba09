//! Concurrent submissions: fifty panelists at once all land exactly once; the same submission sent many
//! times at once is stored once and every sender gets a success.

use std::sync::Arc;

use audit::{Fremmoede, Tilsyn, WorkflowState};
use store::ratings::{self, SaveOutcome};

use crate::fixtures::{NOW, TODAY, audit, engines, full_form, koordinator, member, name, save};
use audit::RatingStatus;

const PANELISTS: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_submissions_all_land_exactly_once() {
    for t in engines().await {
        let db = t.db().clone();
        let mut a = audit();
        a.panel = (0..PANELISTS)
            .map(|i| member(&format!("p-{i}"), Tilsyn::ALL[i % 5], Fremmoede::Deltager))
            .collect();
        store::audits::create_audit(&db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        store::audits::transition_audit(
            &db,
            &a.nr,
            WorkflowState::Vurdering,
            None,
            &koordinator(),
            TODAY,
            NOW,
        )
        .await
        .unwrap();
        let nr = Arc::new(a.nr.clone());
        let tasks: Vec<_> = (0..PANELISTS)
            .map(|i| {
                let (db, nr) = (db.clone(), nr.clone());
                tokio::spawn(async move {
                    let rater = format!("p-{i}");
                    save(
                        &db,
                        &nr,
                        &name(&rater),
                        &full_form(&rater, 1 + (i % 5) as i32),
                        RatingStatus::Submitted,
                    )
                    .await
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(
                task.await.unwrap().unwrap(),
                SaveOutcome {
                    stored: 4,
                    unchanged: 0
                }
            );
        }
        assert_eq!(t.count("ratings").await.unwrap(), (PANELISTS * 4) as i64);
        let a = store::audits::get_audit(&db, &a.nr).await.unwrap();
        let progress = ratings::progress(&db, &a).await.unwrap();
        assert!(progress.iter().all(|p| p.submitted == 4), "{progress:?}");
        let submits = store::events::events_of_audit(&db, &a.nr)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.kind == "ratings_submitted")
            .count();
        assert_eq!(submits, PANELISTS);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_submission_sent_twenty_times_at_once_is_stored_once() {
    for t in engines().await {
        let db = t.db().clone();
        let a = crate::fixtures::open_audit(&db).await;
        let nr = Arc::new(a.nr.clone());
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let (db, nr) = (db.clone(), nr.clone());
                tokio::spawn(async move {
                    save(
                        &db,
                        &nr,
                        &name("midt-1"),
                        &full_form("midt-1", 4),
                        RatingStatus::Submitted,
                    )
                    .await
                })
            })
            .collect();
        let mut stored = 0;
        for task in tasks {
            let outcome = task.await.unwrap().unwrap();
            assert_eq!(outcome.stored + outcome.unchanged, 4);
            stored += outcome.stored;
        }
        assert_eq!(stored, 4, "exactly one of the twenty wrote");
        assert_eq!(t.count("ratings").await.unwrap(), 4);
    }
}
