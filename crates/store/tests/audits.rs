//! Audits round-trip through the store; invalid changes leave nothing behind; transitions follow the
//! workflow.

use audit::{Afsloeringsregel, AuditError, Fremmoede, Tilsyn, WorkflowError, WorkflowState};
use store::StoreError;
use store::audits::{self, AuditSettings};
use time::macros::date;

use crate::fixtures::{
    NOW, TODAY, audit, engines, full_form, koordinator, material, member, name, save,
};
use audit::RatingStatus;

#[tokio::test]
async fn an_audit_round_trips_with_panel_material_and_forms() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(audits::get_audit(db, &a.nr).await.unwrap(), a);
        assert_eq!(audits::list_audits(db).await.unwrap(), vec![a.clone()]);
        assert_eq!(
            audits::audits_of_member(db, &name("syd-1")).await.unwrap(),
            vec![a.clone()]
        );
        assert!(
            audits::audits_of_member(db, &name("fremmed"))
                .await
                .unwrap()
                .is_empty()
        );

        let err = audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::AuditExists(_)), "{err}");
        assert_eq!(err.to_string(), "auditforløbet »20.1« findes allerede");

        let missing = audits::get_audit(db, &"99.9".parse().unwrap())
            .await
            .unwrap_err();
        assert_eq!(missing.to_string(), "auditforløbet »99.9« findes ikke");
    }
}

#[tokio::test]
async fn settings_panel_material_and_forms_can_be_changed() {
    for t in engines().await {
        let db = t.db();
        let mut a = audit();
        audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();

        let settings = AuditSettings {
            titel: "Ny titel".into(),
            formaal: "Nyt formål".into(),
            fokus: "Indikator 3.a".into(),
            model_version: "2024".into(),
            deadline: Some(date!(2025 - 04 - 01)),
            meeting_date: None,
            reveal_rule: Afsloeringsregel::EfterEgenIndsendelse,
        };
        audits::update_settings(db, &a.nr, &settings, &koordinator(), NOW)
            .await
            .unwrap();
        a.titel = settings.titel.clone();
        a.formaal = settings.formaal.clone();
        a.fokus = settings.fokus.clone();
        a.model_version = settings.model_version.clone();
        a.deadline = settings.deadline;
        a.meeting_date = settings.meeting_date;
        a.reveal_rule = settings.reveal_rule;
        assert_eq!(audits::get_audit(db, &a.nr).await.unwrap(), a);

        a.panel.push(member(
            "hovedstaden-1",
            Tilsyn::Hovedstaden,
            Fremmoede::Deltager,
        ));
        a.panel.swap(0, 1);
        audits::set_panel(db, &a.nr, &a.panel, &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(audits::get_audit(db, &a.nr).await.unwrap(), a);

        a.materials.push(material("c", Tilsyn::Syd));
        a.materials.remove(0);
        audits::set_materials(db, &a.nr, &a.materials, &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(audits::get_audit(db, &a.nr).await.unwrap(), a);

        a.forms[0].items.truncate(2);
        a.forms[0].materials = vec!["b".parse().unwrap()];
        audits::set_forms(db, &a.nr, &a.forms, &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(audits::get_audit(db, &a.nr).await.unwrap(), a);
    }
}

#[tokio::test]
async fn an_invalid_change_is_refused_and_leaves_nothing_behind() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        let mut broken = a.clone();
        broken.panel.push(broken.panel[0].clone());
        let err = audits::create_audit(db, &broken, &koordinator(), NOW)
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::InvalidAudit(AuditError::DuplicateMember(_))
            ),
            "{err}"
        );
        assert_eq!(t.count("audits").await.unwrap(), 0);

        audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let events_before = t.count("events").await.unwrap();
        // A form naming material that does not exist: refused, and the old forms are still there.
        let mut forms = a.forms.clone();
        forms[0].materials = vec!["zz".parse().unwrap()];
        let err = audits::set_forms(db, &a.nr, &forms, &koordinator(), NOW)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("»zz«"), "{err}");
        assert_eq!(audits::get_audit(db, &a.nr).await.unwrap(), a);
        assert_eq!(t.count("events").await.unwrap(), events_before);
    }
}

/// Seed 001: "Anbefalingen træder i kraft 1. januar 2024", so a compliance sample (an audit with a checklist) holds
/// only reports dated from that day on; the move to vurdering is refused, naming the report, until it does, and the
/// stored date survives the round trip.
#[tokio::test]
async fn a_checklist_audit_opens_only_with_reports_dated_from_the_statements_effect() {
    for t in engines().await {
        let db = t.db();
        let mut a = audit();
        for m in &mut a.materials {
            m.kind = audit::Materialetype::Tilsynsrapport;
        }
        a.materials[0].dato = Some(date!(2023 - 11 - 30));
        for form in &mut a.forms {
            form.scale = audit::Scale::Tjekliste;
            for item in &mut form.items {
                item.kind = audit::ItemKind::Tjekliste;
            }
        }
        audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let k = koordinator();
        let err =
            audits::transition_audit(db, &a.nr, WorkflowState::Vurdering, None, &k, TODAY, NOW)
                .await
                .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&format!(
                "{} er dateret 30. november 2023, før anbefalingen trådte i kraft 1. januar 2024",
                a.materials[0].pseudonym
            )),
            "{message}"
        );
        let stored = audits::get_audit(db, &a.nr).await.unwrap();
        assert_eq!(stored.state, WorkflowState::Planlaegning);
        assert_eq!(stored.materials[0].dato, a.materials[0].dato);
    }
}

#[tokio::test]
async fn transitions_follow_the_workflow_and_are_recorded() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let k = koordinator();

        let to_vurdering =
            audits::transition_audit(db, &a.nr, WorkflowState::Vurdering, None, &k, TODAY, NOW)
                .await
                .unwrap();
        assert_eq!(
            (to_vurdering.from, to_vurdering.to),
            (WorkflowState::Planlaegning, WorkflowState::Vurdering)
        );

        // No submitted ratings yet: the reveal is refused and the state stays.
        let err =
            audits::transition_audit(db, &a.nr, WorkflowState::Droeftelse, None, &k, TODAY, NOW)
                .await
                .unwrap_err();
        assert!(
            matches!(err, StoreError::Workflow(WorkflowError::Precondition(_))),
            "{err}"
        );
        assert!(
            err.to_string().contains("mindst én indsendt bedømmelse"),
            "{err}"
        );
        assert_eq!(
            audits::get_audit(db, &a.nr).await.unwrap().state,
            WorkflowState::Vurdering
        );

        save(
            db,
            &a.nr,
            &name("midt-1"),
            &full_form("midt-1", 3),
            RatingStatus::Submitted,
        )
        .await
        .unwrap();
        audits::transition_audit(db, &a.nr, WorkflowState::Droeftelse, None, &k, TODAY, NOW)
            .await
            .unwrap();
        let err = audits::transition_audit(
            db,
            &a.nr,
            WorkflowState::Vurdering,
            Some("fejl"),
            &k,
            TODAY,
            NOW,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, StoreError::Workflow(WorkflowError::CannotUnreveal)),
            "{err}"
        );

        // Opfølgning needs a published report.
        audits::transition_audit(db, &a.nr, WorkflowState::Rapport, None, &k, TODAY, NOW)
            .await
            .unwrap();
        let err =
            audits::transition_audit(db, &a.nr, WorkflowState::Opfoelgning, None, &k, TODAY, NOW)
                .await
                .unwrap_err();
        assert!(
            err.to_string().contains("offentliggjort auditrapport"),
            "{err}"
        );
        store::reports::publish_report(
            db,
            &a.nr,
            "text/html; charset=utf-8",
            "<h1>Rapport</h1>",
            |_| "<h1>Rapport</h1>".to_owned(),
            &k,
            NOW,
        )
        .await
        .unwrap();
        audits::transition_audit(db, &a.nr, WorkflowState::Opfoelgning, None, &k, TODAY, NOW)
            .await
            .unwrap();
        let back = audits::transition_audit(
            db,
            &a.nr,
            WorkflowState::Rapport,
            Some("rettelse"),
            &k,
            TODAY,
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(back.reason.as_deref(), Some("rettelse"));

        let changes: Vec<_> = store::events::events_of_audit(db, &a.nr)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.kind == "state_changed")
            .map(|e| {
                (
                    e.actor,
                    e.after.unwrap()["state"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let states: Vec<&str> = changes.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            states,
            [
                "vurdering",
                "droeftelse",
                "rapport",
                "opfoelgning",
                "rapport"
            ]
        );
        assert!(changes.iter().all(|(actor, _)| actor == "koordinator"));
    }
}

#[tokio::test]
async fn forms_and_material_are_frozen_once_rating_has_begun() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        let k = koordinator();
        audits::create_audit(db, &a, &k, NOW).await.unwrap();
        audits::transition_audit(db, &a.nr, WorkflowState::Vurdering, None, &k, TODAY, NOW)
            .await
            .unwrap();
        let events_before = t.count("events").await.unwrap();

        let mut forms = a.forms.clone();
        forms[0].items.pop();
        let err = audits::set_forms(db, &a.nr, &forms, &k, NOW)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("vurderingsskemaerne"), "{err}");
        let mut materials = a.materials.clone();
        materials.pop();
        let err = audits::set_materials(db, &a.nr, &materials, &k, NOW)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("auditmaterialet"), "{err}");
        assert_eq!(
            t.count("events").await.unwrap(),
            events_before,
            "nothing recorded"
        );

        // Fremmoede is still recorded (an afbud on the day of the meeting).
        let mut panel = a.panel.clone();
        panel[0].attendance = Fremmoede::Afbud {
            grund: "sygdom".into(),
            paa_dagen: true,
        };
        audits::set_panel(db, &a.nr, &panel, &k, NOW).await.unwrap();
        let stored = audits::get_audit(db, &a.nr).await.unwrap();
        assert_eq!((stored.panel, stored.forms), (panel, a.forms.clone()));
    }
}
