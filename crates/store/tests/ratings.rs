//! Drafts and submissions: round trips, idempotent double submits, refused resubmissions, all or nothing.

use audit::visibility::ProgressStatus;
use audit::{RatingError, RatingStatus, RatingValue, Role, Round, WorkflowState};
use store::StoreError;
use store::ratings::{self, SaveOutcome};

use crate::fixtures::{
    NOW, TODAY, engines, full_form, koordinator, name, open_audit, rating, save, user,
};

#[tokio::test]
async fn drafts_and_submissions_round_trip_domain_values() {
    for t in engines().await {
        let db = t.db();
        let a = open_audit(db).await;
        let midt = name("midt-1");
        let mut draft = rating("midt-1", "3-a/a", 2);
        draft.status = RatingStatus::Draft;
        let mut pick = rating("midt-1", "bedst", 0);
        pick.value = Some(RatingValue::Pick("b".parse().unwrap()));
        let mut text = rating("midt-1", "refleksion-1", 0);
        text.value = Some(RatingValue::Text(
            "Vi vægter »borgerens perspektiv« forskelligt.".into(),
        ));
        let mut cannot = rating("midt-1", "3-b/b", 0);
        cannot.value = None;

        let saved = save(db, &a.nr, &midt, &[draft.clone()], RatingStatus::Draft)
            .await
            .unwrap();
        assert_eq!(
            saved,
            SaveOutcome {
                stored: 1,
                unchanged: 0
            }
        );
        let me = user("midt-1", Role::Panelist);
        assert_eq!(
            ratings::ratings_visible_to(db, &a, &me).await.unwrap(),
            vec![draft.clone()]
        );

        // Submitting replaces the draft; the other kinds of value survive the trip too.
        let submitted = vec![rating("midt-1", "3-a/a", 4), pick, text, cannot];
        save(db, &a.nr, &midt, &submitted, RatingStatus::Submitted)
            .await
            .unwrap();
        let mut expected = submitted.clone();
        expected.sort_by_key(|x| x.unit.to_string());
        assert_eq!(
            ratings::ratings_visible_to(db, &a, &me).await.unwrap(),
            expected
        );
        assert_eq!(t.count("ratings").await.unwrap(), 4);

        let progress = ratings::progress(db, &a).await.unwrap();
        let midt_progress = progress.iter().find(|p| p.rater == midt).unwrap();
        assert_eq!(
            (
                midt_progress.submitted,
                midt_progress.drafts,
                midt_progress.total
            ),
            (4, 0, 6)
        );
        assert_eq!(midt_progress.status, ProgressStatus::Draft);
        let syd = progress.iter().find(|p| p.rater == name("syd-1")).unwrap();
        assert_eq!(syd.status, ProgressStatus::NotStarted);
        assert!(
            progress.iter().all(|p| p.rater != name("nord-1")),
            "the exempted member does not rate"
        );
    }
}

#[tokio::test]
async fn a_double_submit_is_stored_once_and_a_conflicting_one_is_refused() {
    for t in engines().await {
        let db = t.db();
        let a = open_audit(db).await;
        let midt = name("midt-1");
        let form = full_form("midt-1", 3);
        let first = save(db, &a.nr, &midt, &form, RatingStatus::Submitted)
            .await
            .unwrap();
        assert_eq!(
            first,
            SaveOutcome {
                stored: 4,
                unchanged: 0
            }
        );
        let again = save(db, &a.nr, &midt, &form, RatingStatus::Submitted)
            .await
            .unwrap();
        assert_eq!(
            again,
            SaveOutcome {
                stored: 0,
                unchanged: 4
            }
        );
        assert_eq!(t.count("ratings").await.unwrap(), 4);
        let submits = store::events::events_of_audit(db, &a.nr)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.kind == "ratings_submitted")
            .count();
        assert_eq!(
            submits, 1,
            "the repeated submission changed nothing, so it logged nothing"
        );

        // A different value for a submitted rating is refused, and nothing changes.
        let changed = vec![rating("midt-1", "3-a/a", 5)];
        let err = save(db, &a.nr, &midt, &changed, RatingStatus::Submitted)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Rating(RatingError::AlreadySubmitted(_))),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "bedømmelsen af »3-a/a« er allerede indsendt og kan ikke ændres"
        );
        let mut draft = rating("midt-1", "3-a/a", 1);
        draft.status = RatingStatus::Draft;
        assert!(
            save(db, &a.nr, &midt, &[draft], RatingStatus::Draft)
                .await
                .is_err()
        );
        let me = user("midt-1", Role::Panelist);
        let stored = ratings::ratings_visible_to(db, &a, &me).await.unwrap();
        assert!(stored.iter().all(|r| r.score() == Some(3)));
    }
}

#[tokio::test]
async fn a_submission_failing_midway_stores_nothing() {
    for t in engines().await {
        let db = t.db();
        let a = open_audit(db).await;
        let midt = name("midt-1");
        let events_before = t.count("events").await.unwrap();
        // The first three are fine and get written inside the transaction; the fourth is off the scale.
        let mut form = full_form("midt-1", 3);
        form[3] = rating("midt-1", "3-b/b", 9);
        let err = save(db, &a.nr, &midt, &form, RatingStatus::Submitted)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Rating(RatingError::OffScale { .. })),
            "{err}"
        );
        assert!(err.to_string().contains("værdien 9 findes ikke"), "{err}");
        assert_eq!(t.count("ratings").await.unwrap(), 0);
        assert_eq!(t.count("events").await.unwrap(), events_before);

        // Someone else's rating, a unit twice, an unknown unit, a rater outside the panel: all refused.
        let err = save(
            db,
            &a.nr,
            &midt,
            &[rating("syd-1", "3-a/a", 3)],
            RatingStatus::Submitted,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        let twice = vec![rating("midt-1", "3-a/a", 3), rating("midt-1", "3-a/a", 4)];
        assert!(matches!(
            save(db, &a.nr, &midt, &twice, RatingStatus::Submitted).await,
            Err(StoreError::Invalid(_))
        ));
        let unknown = vec![rating("midt-1", "9-z/a", 3)];
        assert!(matches!(
            save(db, &a.nr, &midt, &unknown, RatingStatus::Submitted).await,
            Err(StoreError::Rating(RatingError::UnknownUnit(_)))
        ));
        let nord = name("nord-1");
        assert!(matches!(
            save(
                db,
                &a.nr,
                &nord,
                &[rating("nord-1", "3-a/a", 3)],
                RatingStatus::Submitted
            )
            .await,
            Err(StoreError::Rating(RatingError::NotARater(_)))
        ));
        assert_eq!(t.count("ratings").await.unwrap(), 0);
    }
}

#[tokio::test]
async fn rounds_are_kept_apart_and_closed_rounds_refused() {
    for t in engines().await {
        let db = t.db();
        let a = open_audit(db).await;
        let midt = name("midt-1");
        save(
            db,
            &a.nr,
            &midt,
            &full_form("midt-1", 3),
            RatingStatus::Submitted,
        )
        .await
        .unwrap();

        // Round 2 is closed during vurdering; round 1 is closed after the deadline.
        let mut second = rating("midt-1", "3-a/a", 4);
        second.round = Round::Second;
        let err = save(db, &a.nr, &midt, &[second.clone()], RatingStatus::Submitted)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Rating(RatingError::RoundClosed { .. })),
            "{err}"
        );
        let late = time::macros::date!(2025 - 03 - 16);
        let syd = name("syd-1");
        let err = ratings::save_ratings(
            db,
            &a.nr,
            &syd,
            &full_form("syd-1", 2),
            audit::RatingStatus::Submitted,
            late,
            NOW,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, StoreError::Rating(RatingError::PastDeadline(_))),
            "{err}"
        );

        store::audits::transition_audit(
            db,
            &a.nr,
            WorkflowState::Droeftelse,
            None,
            &koordinator(),
            TODAY,
            NOW,
        )
        .await
        .unwrap();
        save(db, &a.nr, &midt, &[second.clone()], RatingStatus::Submitted)
            .await
            .unwrap();
        let a = store::audits::get_audit(db, &a.nr).await.unwrap();
        let mine = ratings::ratings_visible_to(db, &a, &user("midt-1", Role::Panelist))
            .await
            .unwrap();
        assert_eq!(mine.len(), 5);
        assert_eq!(
            mine.iter()
                .filter(|r| r.round == Round::Second)
                .cloned()
                .collect::<Vec<_>>(),
            vec![second]
        );
        assert!(mine.iter().any(|r| r.round == Round::First
            && r.unit.to_string() == "3-a/a"
            && r.score() == Some(3)));
    }
}
