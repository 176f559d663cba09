//! Before reveal a panelist reads only their own ratings, the koordinator none; after it, the panel and the
//! koordinator read every submitted rating and nobody reads another's draft.

use audit::{RatingStatus, Role, Tilsyn, WorkflowState};
use store::ratings;

use crate::fixtures::{
    NOW, TODAY, engines, full_form, koordinator, name, open_audit, rating, save, user,
};

#[tokio::test]
async fn before_reveal_a_panelist_reads_only_their_own_ratings() {
    for t in engines().await {
        let db = t.db();
        let a = open_audit(db).await;
        save(
            db,
            &a.nr,
            &name("midt-1"),
            &full_form("midt-1", 3),
            RatingStatus::Submitted,
        )
        .await
        .unwrap();
        save(
            db,
            &a.nr,
            &name("syd-1"),
            &full_form("syd-1", 5),
            RatingStatus::Submitted,
        )
        .await
        .unwrap();
        let mut draft = rating("oest-1", "3-a/a", 1);
        draft.status = RatingStatus::Draft;
        save(
            db,
            &a.nr,
            &name("oest-1"),
            &[draft.clone()],
            RatingStatus::Draft,
        )
        .await
        .unwrap();

        let midt = ratings::ratings_visible_to(db, &a, &user("midt-1", Role::Panelist))
            .await
            .unwrap();
        assert_eq!(midt.len(), 4);
        assert!(midt.iter().all(|r| r.rater == name("midt-1")));
        let oest = ratings::ratings_visible_to(db, &a, &user("oest-1", Role::Panelist))
            .await
            .unwrap();
        assert_eq!(oest, vec![draft.clone()]);
        for outsider in [
            user("koordinator", Role::Koordinator),
            user("nord-1", Role::Panelist),
            user("fremmed", Role::Panelist),
            user("kontakt-midt", Role::Tilsynskontakt(Tilsyn::Midt)),
            user("laeser", Role::Laeser),
        ] {
            let seen = ratings::ratings_visible_to(db, &a, &outsider)
                .await
                .unwrap();
            assert!(seen.is_empty(), "{} saw {seen:?}", outsider.username);
        }

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
        let a = store::audits::get_audit(db, &a.nr).await.unwrap();
        let k = ratings::ratings_visible_to(db, &a, &user("koordinator", Role::Koordinator))
            .await
            .unwrap();
        assert_eq!(k.len(), 8, "every submitted rating, not oest-1's draft");
        let midt = ratings::ratings_visible_to(db, &a, &user("midt-1", Role::Panelist))
            .await
            .unwrap();
        assert_eq!(midt, k);
        let oest = ratings::ratings_visible_to(db, &a, &user("oest-1", Role::Panelist))
            .await
            .unwrap();
        assert_eq!(
            oest.len(),
            9,
            "everyone's submitted ratings and the own draft"
        );
        assert!(
            ratings::ratings_visible_to(db, &a, &user("laeser", Role::Laeser))
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn the_event_log_carries_no_rating_values() {
    for t in engines().await {
        let db = t.db();
        let a = open_audit(db).await;
        save(
            db,
            &a.nr,
            &name("midt-1"),
            &full_form("midt-1", 3),
            RatingStatus::Submitted,
        )
        .await
        .unwrap();
        let log = serde_json::to_string(&store::events::events_of_audit(db, &a.nr).await.unwrap())
            .unwrap();
        assert!(
            !log.contains("begrunder"),
            "a reason leaked into the event log: {log}"
        );
        assert!(
            !log.contains("score"),
            "a value leaked into the event log: {log}"
        );
    }
}
