//! Editing the follow-up plan's wording with optimistic locking (`store::follow_up_plan`).

use audit::Tilsyn;
use store::StoreError;
use store::follow_up_plan::{edit_follow_up_action, follow_up_plan};

use crate::fixtures::{NOW, audit, engines, koordinator, name, tiltag};

#[tokio::test]
async fn an_edit_names_the_version_it_read_and_a_stale_one_changes_nothing() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let first = tiltag("1", Tilsyn::Midt);
        store::follow_up::add_follow_up_action(db, &a.nr, &first, &koordinator(), NOW)
            .await
            .unwrap();
        let plan = follow_up_plan(db, &a.nr).await.unwrap();
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].version, 1, "an added action is at version 1");

        let mut mine = first.clone();
        mine.tekst = "Midt præsenterer på fællesmødet".into();
        mine.frist = Some("2. halvår 2026".into());
        let v = edit_follow_up_action(db, &a.nr, &mine, 1, &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(v, 2);

        // A second editor who also read version 1 is refused, and nothing changes.
        let mut theirs = first.clone();
        theirs.tekst = "En anden tekst".into();
        let err = edit_follow_up_action(db, &a.nr, &theirs, 1, &name("k2"), NOW)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Stale { current: 2 }), "{err}");
        let plan = follow_up_plan(db, &a.nr).await.unwrap();
        assert_eq!(plan[0].version, 2);
        assert_eq!(plan[0].action.tiltag, mine);
        // The status history is kept.
        assert_eq!(plan[0].action.history.len(), 1);

        // An unreadable deadline is refused in Danish, naming the text; nothing changes.
        let mut bad = mine.clone();
        bad.frist = Some("snarest muligt".into());
        let err = edit_follow_up_action(db, &a.nr, &bad, 2, &koordinator(), NOW)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("snarest muligt"), "{err}");
        assert_eq!(follow_up_plan(db, &a.nr).await.unwrap()[0].version, 2);

        let mut unknown = mine.clone();
        unknown.id = "findes-ikke".into();
        assert!(matches!(
            edit_follow_up_action(db, &a.nr, &unknown, 1, &koordinator(), NOW).await,
            Err(StoreError::NotFound { .. })
        ));
        let kinds: Vec<String> = store::events::events_of_audit(db, &a.nr)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .filter(|k| k == "follow_up_edited")
            .collect();
        assert_eq!(kinds.len(), 1, "one successful edit, one event");
    }
}
