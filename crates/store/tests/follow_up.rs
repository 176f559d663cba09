//! Follow-up actions, their status history, and published reports.

use audit::Tilsyn;
use audit::followup::Status;
use store::StoreError;
use store::follow_up;

use crate::fixtures::{NOW, audit, engines, koordinator, tiltag};

#[tokio::test]
async fn follow_up_actions_keep_their_history() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let new = tiltag("1", Tilsyn::Midt);
        let added = follow_up::add_follow_up_action(db, &a.nr, &new, &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(added.status(), Status::Planlagt);
        assert!(matches!(
            follow_up::add_follow_up_action(db, &a.nr, &new, &koordinator(), NOW).await,
            Err(StoreError::Invalid(_))
        ));

        // Status changes go through the domain's rules: tests/follow_up_tracking.rs.
        let stored = follow_up::follow_up_actions(db, &a.nr).await.unwrap();
        assert_eq!(stored.len(), 1);
        let action = &stored[0];
        assert_eq!(action.status(), Status::Planlagt);
        assert_eq!(action.history.len(), 1, "the plan's own entry");
        assert_eq!(action.tiltag, new);
        assert_eq!(action.tiltag.tilsyn(), [Tilsyn::Midt]);
    }
}

#[tokio::test]
async fn published_reports_are_numbered_and_frozen() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let v1 = store::reports::publish_report(
            db,
            &a.nr,
            "text/html",
            "første",
            |_| "<p>første</p>".to_owned(),
            &koordinator(),
            NOW,
        )
        .await
        .unwrap()
        .into_report();
        let v2 = store::reports::publish_report(
            db,
            &a.nr,
            "text/html",
            "anden",
            |_| "<p>anden</p>".to_owned(),
            &koordinator(),
            NOW,
        )
        .await
        .unwrap()
        .into_report();
        assert_eq!((v1.version, v2.version), (1, 2));
        // The same draft state again is not a new version.
        let again = store::reports::publish_report(
            db,
            &a.nr,
            "text/html",
            "anden",
            |_| unreachable!("nothing is rendered for a draft already published"),
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(
            again,
            store::reports::Publication::AlreadyPublished(v2.clone())
        );
        assert_eq!(
            store::reports::published_reports(db, &a.nr).await.unwrap(),
            vec![v1, v2]
        );
        for sql in [
            "UPDATE report_snapshots SET content = 'ændret'",
            "DELETE FROM report_snapshots",
            "UPDATE follow_up_events SET note = 'x'",
        ] {
            // follow_up_events is empty here, so only the first two can fire; all must leave data alone.
            let _ = t.execute(sql).await;
        }
        assert_eq!(t.count("report_snapshots").await.unwrap(), 2);
        assert!(t.execute("DELETE FROM report_snapshots").await.is_err());
        let reports = store::reports::published_reports(db, &a.nr).await.unwrap();
        assert_eq!(reports[0].content, "<p>første</p>");
    }
}
