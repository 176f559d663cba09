//! Follow-up actions tracked with the domain's status machine, evidence, reminders and samples.

use std::collections::BTreeMap;

use audit::followup::{Dokumentation, Haendelse, Status};
use audit::{Role, Tilsyn, WorkflowState};
use store::StoreError;
use store::files::NewFile;
use store::follow_up_tracking::{self as tracking, TrackingError};
use store::reminders::{self, NewReminder};
use time::macros::date;

use crate::fixtures::{NOW, TODAY, audit, engines, koordinator, name, tiltag, user};

fn report(tekst: &str) -> Haendelse {
    Haendelse::RapporterGennemfoert {
        dokumentation: Dokumentation {
            tekst: tekst.into(),
            bilag: vec![],
        },
    }
}

fn evidence() -> NewFile {
    NewFile {
        file_name: "notat.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: b"%PDF-1.4 notat".to_vec(),
    }
}

#[tokio::test]
async fn the_domain_decides_who_reports_and_the_history_is_replayed() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        store::follow_up::add_follow_up_action(
            db,
            &a.nr,
            &tiltag("1", Tilsyn::Midt),
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
        let events_before = t.count("events").await.unwrap();
        let rows_before = t.count("follow_up_events").await.unwrap();

        // A tilsynskontakt of another tilsyn is refused by the domain, and nothing is stored, not even
        // the attachment.
        let syd = user("kontakt-syd", Role::Tilsynskontakt(Tilsyn::Syd));
        let err = tracking::apply_follow_up_event(
            db,
            &a.nr,
            "1",
            report("gjort"),
            &[evidence()],
            &syd,
            TODAY,
            NOW,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(
                &err,
                TrackingError::Refused(audit::followup::StatusFejl::AndetTilsyn { .. })
            ),
            "{err}"
        );
        assert!(err.to_string().contains("Socialtilsyn Midt"), "{err}");
        assert_eq!(t.count("events").await.unwrap(), events_before);
        assert_eq!(t.count("follow_up_events").await.unwrap(), rows_before);
        assert_eq!(t.count("follow_up_evidence").await.unwrap(), 0);

        // Midt's contact reports it done with evidence; the koordinator acknowledges.
        let midt = user("kontakt-midt", Role::Tilsynskontakt(Tilsyn::Midt));
        let post = tracking::apply_follow_up_event(
            db,
            &a.nr,
            "1",
            report("Praksis beskrevet"),
            &[evidence()],
            &midt,
            TODAY,
            NOW,
        )
        .await
        .unwrap();
        assert_eq!(
            (post.fra, post.til),
            (Status::Planlagt, Status::RapporteretGennemfoert)
        );
        let k = user("koordinator", Role::Koordinator);
        tracking::apply_follow_up_event(db, &a.nr, "1", Haendelse::Kvitter, &[], &k, TODAY, NOW)
            .await
            .unwrap();

        let tracked = tracking::tracked_action(db, &a.nr, "1").await.unwrap();
        assert_eq!(tracked.sporet.tilstand.status, Status::Kvitteret);
        assert_eq!(tracked.sporet.historik.len(), 2);
        assert_eq!(tracked.evidence.len(), 1);
        let id = tracked.evidence[0].id;
        let Haendelse::RapporterGennemfoert { dokumentation } =
            &tracked.sporet.historik[0].haendelse
        else {
            panic!("the first entry is the report");
        };
        assert_eq!(dokumentation.bilag, vec![id.to_string()]);
        let file = tracking::evidence_file(db, &a.nr, "1", id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(file.bytes, b"%PDF-1.4 notat");
        assert_eq!(file.info.file_name, "notat.pdf");

        // The plain columns mirror the domain's status, so the plan's own view agrees.
        let plan = store::follow_up::follow_up_actions(db, &a.nr)
            .await
            .unwrap();
        assert_eq!(plan[0].status(), Status::Kvitteret);
        // Two changes, two events.
        assert_eq!(t.count("events").await.unwrap(), events_before + 2);

        // Kvitteret is final: the domain refuses more, naming the status.
        let err = tracking::apply_follow_up_event(
            db,
            &a.nr,
            "1",
            Haendelse::Bortfald {
                begrundelse: "x".into(),
            },
            &[],
            &k,
            TODAY,
            NOW,
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("»kvitteret«"), "{err}");

        // The history survives export and import (the entry is part of each status event).
        let doc = store::export::export_audit(db, &a.nr).await.unwrap();
        assert!(doc.to_json().unwrap().contains("\"entry\""));
    }
}

#[tokio::test]
async fn an_audit_is_closed_only_when_every_action_is_kvitteret_or_bortfaldet() {
    for t in engines().await {
        let db = t.db();
        let mut a = audit();
        a.state = WorkflowState::Opfoelgning;
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        for (id, tilsyn) in [("1", Tilsyn::Midt), ("2", Tilsyn::Nord)] {
            store::follow_up::add_follow_up_action(
                db,
                &a.nr,
                &tiltag(id, tilsyn),
                &koordinator(),
                NOW,
            )
            .await
            .unwrap();
        }
        let k = user("koordinator", Role::Koordinator);
        let kn = koordinator();
        let close = || {
            store::audits::transition_audit(
                db,
                &a.nr,
                WorkflowState::Afsluttet,
                None,
                &kn,
                TODAY,
                NOW,
            )
        };
        assert!(matches!(close().await, Err(StoreError::Workflow(_))));
        tracking::apply_follow_up_event(
            db,
            &a.nr,
            "1",
            Haendelse::Bortfald {
                begrundelse: "Overhalet af ny lovgivning".into(),
            },
            &[],
            &k,
            TODAY,
            NOW,
        )
        .await
        .unwrap();
        let err = close().await.unwrap_err();
        assert!(err.to_string().contains('1'), "one open action: {err}");
        let midt_not_nord = user("kontakt-midt", Role::Tilsynskontakt(Tilsyn::Midt));
        assert!(
            tracking::apply_follow_up_event(
                db,
                &a.nr,
                "2",
                report("x"),
                &[],
                &midt_not_nord,
                TODAY,
                NOW
            )
            .await
            .is_err()
        );
        let nord = user("kontakt-nord", Role::Tilsynskontakt(Tilsyn::Nord));
        tracking::apply_follow_up_event(db, &a.nr, "2", report("Gjort"), &[], &nord, TODAY, NOW)
            .await
            .unwrap();
        tracking::apply_follow_up_event(db, &a.nr, "2", Haendelse::Kvitter, &[], &k, TODAY, NOW)
            .await
            .unwrap();
        let done = close().await.unwrap();
        assert_eq!(done.to, WorkflowState::Afsluttet);
    }
}

#[tokio::test]
async fn a_deadline_the_domain_cannot_read_is_refused_when_the_action_is_added() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        let mut bad = tiltag("1", Tilsyn::Midt);
        bad.frist = Some("snarest muligt".into());
        let err = store::follow_up::add_follow_up_action(db, &a.nr, &bad, &koordinator(), NOW)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("snarest muligt"), "{err}");
        assert_eq!(t.count("follow_up_actions").await.unwrap(), 0);
    }
}

fn reminder(key: &str, to: &str, email: Option<&str>) -> NewReminder {
    NewReminder {
        key: key.into(),
        username: name(to),
        audit: "20.1".parse().unwrap(),
        action: "1".into(),
        step: "7-dage-foer".into(),
        due: date!(2025 - 12 - 31),
        message: "Opfølgningspunkt »x« forfalder om 7 dage.".into(),
        email: email.map(str::to_owned),
    }
}

#[tokio::test]
async fn reminders_are_written_once_and_each_mail_is_claimed_once() {
    for t in engines().await {
        let db = t.db();
        let batch = [
            reminder("a/k1", "kontakt-midt", Some("midt@eksempel.dk")),
            reminder("a/k2", "koordinator", None),
        ];
        assert_eq!(
            reminders::write_reminders(db, &batch, NOW).await.unwrap(),
            2
        );
        // The same run again (a restart, or a second server): nothing new.
        assert_eq!(
            reminders::write_reminders(db, &batch, NOW).await.unwrap(),
            0
        );
        assert_eq!(t.count("reminders").await.unwrap(), 2);

        let midt = name("kontakt-midt");
        assert_eq!(reminders::unread_count(db, &midt).await.unwrap(), 1);
        let inbox = reminders::inbox(db, &midt).await.unwrap();
        // Someone else cannot mark it read.
        assert_eq!(
            reminders::mark_read(db, &koordinator(), Some(inbox[0].id), NOW)
                .await
                .unwrap(),
            0
        );
        assert_eq!(
            reminders::mark_read(db, &midt, Some(inbox[0].id), NOW)
                .await
                .unwrap(),
            1
        );
        assert_eq!(reminders::unread_count(db, &midt).await.unwrap(), 0);

        // Two claimers: only one wins the mail; a failed send releases it for the next run.
        let first = reminders::claim_mails(db, NOW).await.unwrap();
        let second = reminders::claim_mails(db, NOW).await.unwrap();
        assert_eq!((first.len(), second.len()), (1, 0));
        assert_eq!(first[0].email, "midt@eksempel.dk");
        reminders::release_mail(db, first[0].id).await.unwrap();
        let again = reminders::claim_mails(db, NOW).await.unwrap();
        assert_eq!(again.len(), 1);
        reminders::mail_sent(db, again[0].id, NOW).await.unwrap();
        reminders::release_mail(db, again[0].id).await.unwrap();
        assert!(
            reminders::claim_mails(db, NOW).await.unwrap().is_empty(),
            "a sent mail stays sent"
        );

        // Addresses.
        assert!(matches!(
            reminders::set_email(db, &midt, Some("ikke en adresse"), NOW).await,
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(reminders::email_of(db, &midt).await.unwrap(), None);
        reminders::set_email(db, &midt, Some("midt@eksempel.dk"), NOW)
            .await
            .unwrap();
        reminders::set_email(db, &midt, Some("midt2@eksempel.dk"), NOW)
            .await
            .unwrap();
        assert_eq!(
            reminders::email_of(db, &midt).await.unwrap().as_deref(),
            Some("midt2@eksempel.dk")
        );
        reminders::set_email(db, &midt, None, NOW).await.unwrap();
        assert_eq!(reminders::email_of(db, &midt).await.unwrap(), None);
    }
}

#[tokio::test]
async fn a_drawn_sample_is_recorded_with_its_seed_and_lists() {
    for t in engines().await {
        let db = t.db();
        let a = audit();
        store::audits::create_audit(db, &a, &koordinator(), NOW)
            .await
            .unwrap();
        assert_eq!(
            store::compliance_samples::latest_sample(db, &a.nr)
                .await
                .unwrap(),
            None
        );
        let lists: BTreeMap<Tilsyn, Vec<String>> = [
            (Tilsyn::Midt, vec!["m1".into(), "m2".into(), "m3".into()]),
            (Tilsyn::Syd, vec!["s1".into(), "s2".into()]),
        ]
        .into_iter()
        .collect();
        // A seed above i64::MAX survives the round trip.
        let sample = audit::compliance::udtraek(&lists, 2, u64::MAX - 7).unwrap();
        store::compliance_samples::record_sample(db, &a.nr, &lists, &sample, &koordinator(), NOW)
            .await
            .unwrap();
        let stored = store::compliance_samples::latest_sample(db, &a.nr)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.sample, sample);
        assert_eq!(stored.lists, lists);
        assert_eq!(stored.drawn_by, "koordinator");
        let events = store::events::events_of_audit(db, &a.nr).await.unwrap();
        assert_eq!(events.last().unwrap().kind, "sample_drawn");
    }
}
