//! Shared texts carry a version: a stale write is refused with the version now stored.

use store::StoreError;
use store::discussion::{self, DiscussionText, RecommendationText};

use crate::fixtures::{NOW, audit, engines, koordinator, name};

fn text(ligheder: &str) -> DiscussionText {
    DiscussionText {
        topic: "3.a".into(),
        ligheder: ligheder.into(),
        opmaerksomheder: "Borgerens perspektiv vægtes forskelligt".into(),
        datakilder: "Interview med ledelse og medarbejdere".into(),
    }
}

#[tokio::test]
async fn a_stale_discussion_note_is_refused() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let first =
            discussion::save_discussion_note(db, &a.nr, &text("v1"), 0, &koordinator(), NOW)
                .await
                .unwrap();
        assert_eq!(first.version, 1);
        // Two editors read version 1; the first to save wins, the second is refused.
        let second =
            discussion::save_discussion_note(db, &a.nr, &text("v2"), 1, &name("anden"), NOW)
                .await
                .unwrap();
        assert_eq!((second.version, second.updated_by.as_str()), (2, "anden"));
        let err =
            discussion::save_discussion_note(db, &a.nr, &text("v2 tabt"), 1, &koordinator(), NOW)
                .await
                .unwrap_err();
        assert!(matches!(err, StoreError::Stale { current: 2 }), "{err}");
        assert!(err.to_string().contains("version 2"), "{err}");
        // Creating a note that exists, or updating one that does not, is stale too.
        assert!(matches!(
            discussion::save_discussion_note(db, &a.nr, &text("ny"), 0, &koordinator(), NOW).await,
            Err(StoreError::Stale { current: 2 })
        ));
        let other = DiscussionText {
            topic: "3.b".into(),
            ..text("x")
        };
        assert!(matches!(
            discussion::save_discussion_note(db, &a.nr, &other, 4, &koordinator(), NOW).await,
            Err(StoreError::Stale { current: 0 })
        ));
        assert_eq!(
            discussion::discussion_notes(db, &a.nr).await.unwrap(),
            vec![second]
        );
    }
}

#[tokio::test]
async fn a_stale_recommendation_is_refused() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let rec = |tekst: &str| RecommendationText {
            key: "3.a".into(),
            position: 1,
            overskrift: "Indikator 3.a".into(),
            tekst: tekst.into(),
        };
        let v1 = discussion::save_recommendation(
            db,
            &a.nr,
            &rec("Socialstyrelsen anbefaler …"),
            0,
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        let v2 = discussion::save_recommendation(
            db,
            &a.nr,
            &rec("… præciseret"),
            v1.version,
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(v2.version, 2);
        let err =
            discussion::save_recommendation(db, &a.nr, &rec("forældet"), 1, &koordinator(), NOW)
                .await
                .unwrap_err();
        assert!(matches!(err, StoreError::Stale { current: 2 }), "{err}");
        assert_eq!(
            discussion::recommendations(db, &a.nr).await.unwrap(),
            vec![v2]
        );
    }
}
