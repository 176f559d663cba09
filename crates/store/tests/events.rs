//! The event log records every change, with who and when, and refuses to be changed.

use audit::WorkflowState;
use store::files::NewFile;

use crate::fixtures::{NOW, TODAY, audit, engines, full_form, koordinator, name, save};
use audit::RatingStatus;

#[tokio::test]
async fn every_change_appends_its_event_and_the_log_cannot_be_changed() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        let k = koordinator();
        store::audits::create_audit(db, &a, &k, NOW).await.unwrap();
        let mut settings = store::audits::AuditSettings::of(&a);
        settings.fokus = "Tema 4".into();
        store::audits::update_settings(db, &a.nr, &settings, &k, NOW)
            .await
            .unwrap();
        store::audits::set_panel(db, &a.nr, &a.panel, &k, NOW)
            .await
            .unwrap();
        store::audits::set_materials(db, &a.nr, &a.materials, &k, NOW)
            .await
            .unwrap();
        store::audits::set_forms(db, &a.nr, &a.forms, &k, NOW)
            .await
            .unwrap();
        let file = NewFile {
            file_name: "a.pdf".into(),
            media_type: "application/pdf".into(),
            bytes: b"%PDF-1.4".to_vec(),
        };
        store::material_upload::replace_material_file(
            db,
            &a.nr,
            &"a".parse().unwrap(),
            &file,
            &[],
            &k,
            NOW,
        )
        .await
        .unwrap();
        store::audits::transition_audit(db, &a.nr, WorkflowState::Vurdering, None, &k, TODAY, NOW)
            .await
            .unwrap();
        let mut draft = full_form("midt-1", 2);
        for r in &mut draft {
            r.status = audit::RatingStatus::Draft;
        }
        save(db, &a.nr, &name("midt-1"), &draft, RatingStatus::Draft)
            .await
            .unwrap();
        save(
            db,
            &a.nr,
            &name("midt-1"),
            &full_form("midt-1", 3),
            RatingStatus::Submitted,
        )
        .await
        .unwrap();
        let note = crate::fixtures::droeftelse("3.a", "ens");
        store::report_content::save_discussion(db, &a.nr, &note, 0, &k, NOW)
            .await
            .unwrap();
        store::reports::publish_report(
            db,
            &a.nr,
            "text/html",
            "<p>r</p>",
            |_| "<p>r</p>".to_owned(),
            &k,
            NOW,
        )
        .await
        .unwrap();

        let log = store::events::events_of_audit(db, &a.nr).await.unwrap();
        let kinds: Vec<&str> = log.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "audit_created",
                "audit_updated",
                "panel_set",
                "materials_set",
                "forms_set",
                "file_attached",
                "state_changed",
                "ratings_drafted",
                "ratings_submitted",
                "discussion_saved",
                "report_published",
            ]
        );
        assert!(log.iter().all(|e| e.at == NOW));
        assert_eq!(log[1].before.as_ref().unwrap()["fokus"], a.fokus.as_str());
        assert_eq!(log[1].after.as_ref().unwrap()["fokus"], "Tema 4");
        assert_eq!(log[8].actor, "midt-1");

        let count = t.count("events").await.unwrap();
        assert!(
            t.execute("UPDATE events SET actor = 'mallory'")
                .await
                .is_err()
        );
        assert!(t.execute("DELETE FROM events").await.is_err());
        assert_eq!(t.count("events").await.unwrap(), count);
        assert_eq!(
            store::events::events_of_audit(db, &a.nr).await.unwrap(),
            log
        );
    }
}
