//! Shared texts carry a version: a stale write is refused with the version now stored.

use store::StoreError;
use store::report_content::{self, ReportSections};

use crate::fixtures::{NOW, anbefaling, audit, droeftelse, engines, koordinator, name, tiltag};

#[tokio::test]
async fn a_stale_discussion_is_refused() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let first = report_content::save_discussion(
            db,
            &a.nr,
            &droeftelse("3.a", "v1"),
            0,
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(first.version, 1);
        // Two editors read version 1; the first to save wins, the second is refused.
        let second = report_content::save_discussion(
            db,
            &a.nr,
            &droeftelse("3.a", "v2"),
            1,
            &name("anden"),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!((second.version, second.updated_by.as_str()), (2, "anden"));
        let err = report_content::save_discussion(
            db,
            &a.nr,
            &droeftelse("3.a", "v2 tabt"),
            1,
            &koordinator(),
            NOW,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Stale { current: 2 }), "{err}");
        assert!(err.to_string().contains("version 2"), "{err}");
        // Creating a topic that exists, or updating one that does not, is stale too.
        assert!(matches!(
            report_content::save_discussion(
                db,
                &a.nr,
                &droeftelse("3.a", "ny"),
                0,
                &koordinator(),
                NOW
            )
            .await,
            Err(StoreError::Stale { current: 2 })
        ));
        assert!(matches!(
            report_content::save_discussion(
                db,
                &a.nr,
                &droeftelse("3.b", "x"),
                4,
                &koordinator(),
                NOW
            )
            .await,
            Err(StoreError::Stale { current: 0 })
        ));
        let other = report_content::save_discussion(
            db,
            &a.nr,
            &droeftelse("3.b", "x"),
            0,
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(
            report_content::discussions(db, &a.nr).await.unwrap(),
            vec![second, other]
        );
    }
}

#[tokio::test]
async fn a_stale_recommendation_is_refused_and_report_content_round_trips() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        let k = koordinator();
        store::audits::create_audit(db, &a, &k, NOW).await.unwrap();
        let v1 = report_content::save_recommendation(
            db,
            &a.nr,
            &anbefaling("3-a", "Socialstyrelsen anbefaler …"),
            0,
            &k,
            NOW,
        )
        .await
        .unwrap();
        let v2 = report_content::save_recommendation(
            db,
            &a.nr,
            &anbefaling("3-a", "… præciseret"),
            v1.version,
            &k,
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(v2.version, 2);
        let err = report_content::save_recommendation(
            db,
            &a.nr,
            &anbefaling("3-a", "forældet"),
            1,
            &k,
            NOW,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Stale { current: 2 }), "{err}");

        let sections = ReportSections {
            plenum: vec![audit::Tekstafsnit {
                overskrift: "Plenum".into(),
                afsnit: vec!["æøå".into()],
                punkter: vec![],
                ..Default::default()
            }],
            ..ReportSections::default()
        };
        report_content::save_report_sections(db, &a.nr, &sections, 0, &k, NOW)
            .await
            .unwrap();
        let d = droeftelse("3.a", "fælles");
        report_content::save_discussion(db, &a.nr, &d, 0, &k, NOW)
            .await
            .unwrap();
        let action = tiltag("1", audit::Tilsyn::Syd);
        store::follow_up::add_follow_up_action(db, &a.nr, &action, &k, NOW)
            .await
            .unwrap();
        let content = report_content::report_content(db, &a.nr).await.unwrap();
        assert_eq!(content.droeftelser, vec![d]);
        assert_eq!(content.anbefalinger, vec![v2.value]);
        assert_eq!(content.plenum, sections.plenum);
        assert_eq!(content.opfoelgning, vec![action]);
    }
}
