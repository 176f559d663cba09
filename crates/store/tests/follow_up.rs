//! Follow-up actions, their status history, and published reports.

use audit::Tilsyn;
use store::StoreError;
use store::follow_up::{self, FollowUpStatus, StatusChange};

use crate::fixtures::{NOW, audit, engines, koordinator, name, tiltag};

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
        assert_eq!(added.status(), FollowUpStatus::Planlagt);
        assert!(matches!(
            follow_up::add_follow_up_action(db, &a.nr, &new, &koordinator(), NOW).await,
            Err(StoreError::Invalid(_))
        ));

        let change = |status, note: &str, frist: Option<&str>| StatusChange {
            status,
            note: note.into(),
            new_frist: frist.map(str::to_owned),
        };
        let err = follow_up::record_follow_up_status(
            db,
            &a.nr,
            "1",
            &change(FollowUpStatus::Udskudt, "", None),
            &koordinator(),
            NOW,
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("ny frist"), "{err}");
        let kontakt = name("kontakt-midt");
        follow_up::record_follow_up_status(
            db,
            &a.nr,
            "1",
            &change(FollowUpStatus::Udskudt, "travlt", Some("1. kvartal 2026")),
            &kontakt,
            NOW,
        )
        .await
        .unwrap();
        follow_up::record_follow_up_status(
            db,
            &a.nr,
            "1",
            &change(
                FollowUpStatus::RapporteretGennemfoert,
                "notat vedlagt",
                None,
            ),
            &kontakt,
            NOW,
        )
        .await
        .unwrap();
        follow_up::record_follow_up_status(
            db,
            &a.nr,
            "1",
            &change(FollowUpStatus::Kvitteret, "", None),
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        let err = follow_up::record_follow_up_status(
            db,
            &a.nr,
            "1",
            &change(FollowUpStatus::IGang, "", None),
            &kontakt,
            NOW,
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("lukket"), "{err}");

        let stored = follow_up::follow_up_actions(db, &a.nr).await.unwrap();
        assert_eq!(stored.len(), 1);
        let action = &stored[0];
        assert_eq!(action.status(), FollowUpStatus::Kvitteret);
        assert_eq!(action.current_frist(), Some("1. kvartal 2026"));
        let statuses: Vec<_> = action.history.iter().map(|e| e.change.status).collect();
        assert_eq!(
            statuses,
            [
                FollowUpStatus::Planlagt,
                FollowUpStatus::Udskudt,
                FollowUpStatus::RapporteretGennemfoert,
                FollowUpStatus::Kvitteret
            ]
        );
        assert_eq!(action.history[1].actor, "kontakt-midt");
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
            "<p>første</p>",
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        let v2 = store::reports::publish_report(
            db,
            &a.nr,
            "text/html",
            "<p>anden</p>",
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!((v1.version, v2.version), (1, 2));
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
