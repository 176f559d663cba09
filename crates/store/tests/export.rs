//! Export → import into a fresh database → export again is byte-identical, across engines too; a damaged
//! or mismatched file is refused with a Danish message and changes nothing.

use audit::{RatingStatus, Round, Tilsyn, WorkflowState};
use store::Db;
use store::export::{export_audit, import_audit};
use store::files::NewFile;
use store::report_content::{self, ReportSections};
use store::testing::TestDb;

use crate::fixtures::{
    NOW, TODAY, anbefaling, droeftelse, engines, full_form, koordinator, name, rating, save, tiltag,
};

/// An audit with something in every part: files, both rounds and a draft, discussion, recommendations,
/// follow-up with history, two published reports, and the events all that wrote.
async fn populate(db: &Db) -> audit::AuditNr {
    // The file is attached in planlægning, while the material may still change; then rating opens.
    let a = crate::fixtures::audit();
    let k = koordinator();
    store::audits::create_audit(db, &a, &k, NOW).await.unwrap();
    let pdf: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
    let file = NewFile {
        file_name: "Rapport A – tilsyn.pdf".into(),
        media_type: "application/pdf".into(),
        bytes: pdf,
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
    store::audits::transition_audit(
        db,
        &a.nr,
        audit::WorkflowState::Vurdering,
        None,
        &k,
        TODAY,
        NOW,
    )
    .await
    .unwrap();
    for (rater, score) in [("midt-1", 3), ("syd-1", 5)] {
        save(
            db,
            &a.nr,
            &name(rater),
            &full_form(rater, score),
            RatingStatus::Submitted,
        )
        .await
        .unwrap();
    }
    let mut draft = rating("oest-1", "3-a/a", 1);
    draft.status = RatingStatus::Draft;
    save(db, &a.nr, &name("oest-1"), &[draft], RatingStatus::Draft)
        .await
        .unwrap();
    store::audits::transition_audit(db, &a.nr, WorkflowState::Droeftelse, None, &k, TODAY, NOW)
        .await
        .unwrap();
    let mut second = rating("syd-1", "3-a/a", 4);
    second.round = Round::Second;
    save(
        db,
        &a.nr,
        &name("syd-1"),
        &[second],
        RatingStatus::Submitted,
    )
    .await
    .unwrap();
    for topic in ["3.b", "3.a"] {
        let d = droeftelse(topic, "Alle vægter »dokumentation« højt");
        let v1 = report_content::save_discussion(db, &a.nr, &d, 0, &k, NOW)
            .await
            .unwrap();
        report_content::save_discussion(db, &a.nr, &d, v1.version, &k, NOW)
            .await
            .unwrap();
    }
    for id in ["b", "a"] {
        report_content::save_recommendation(db, &a.nr, &anbefaling(id, "Anbefaling"), 0, &k, NOW)
            .await
            .unwrap();
    }
    let sections = ReportSections {
        bilag: vec![audit::Bilag {
            titel: "Bilag 1".into(),
            afsnit: vec![],
        }],
        ..ReportSections::default()
    };
    report_content::save_report_sections(db, &a.nr, &sections, 0, &k, NOW)
        .await
        .unwrap();
    store::audits::transition_audit(db, &a.nr, WorkflowState::Rapport, None, &k, TODAY, NOW)
        .await
        .unwrap();
    store::reports::publish_report(
        db,
        &a.nr,
        "text/html; charset=utf-8",
        "<h1>Auditrapport 20.1</h1>",
        |_| "<h1>Auditrapport 20.1</h1>".to_owned(),
        &k,
        NOW,
    )
    .await
    .unwrap();
    store::reports::publish_report(
        db,
        &a.nr,
        "text/html; charset=utf-8",
        "<h1>Rettet</h1>",
        |_| "<h1>Rettet</h1>".to_owned(),
        &k,
        NOW,
    )
    .await
    .unwrap();
    store::audits::transition_audit(db, &a.nr, WorkflowState::Opfoelgning, None, &k, TODAY, NOW)
        .await
        .unwrap();
    for (id, tilsyn) in [("2", Tilsyn::Nord), ("1", Tilsyn::Syd)] {
        store::follow_up::add_follow_up_action(db, &a.nr, &tiltag(id, tilsyn), &k, NOW)
            .await
            .unwrap();
    }
    let postpone = audit::followup::status::Haendelse::Udskyd {
        ny_frist: "1. kvartal 2026".into(),
        begrundelse: "ny leder".into(),
    };
    let koordinator_user = crate::fixtures::user("koordinator", audit::Role::Koordinator);
    store::follow_up_tracking::apply_follow_up_event(
        db,
        &a.nr,
        "1",
        postpone,
        &[],
        &koordinator_user,
        TODAY,
        NOW,
    )
    .await
    .unwrap();
    a.nr
}

#[tokio::test]
async fn export_import_export_is_byte_identical_on_and_across_engines() {
    for source in engines().await {
        let nr = populate(source.db()).await;
        let first = export_audit(source.db(), &nr)
            .await
            .unwrap()
            .to_json()
            .unwrap();
        assert!(first.contains("\"format_version\": 1"));
        for target in engines().await {
            crate::fixtures::create_raters(target.db(), &first).await;
            let imported = import_audit(target.db(), &first, &koordinator(), NOW)
                .await
                .unwrap();
            assert_eq!(imported, nr);
            let second = export_audit(target.db(), &nr)
                .await
                .unwrap()
                .to_json()
                .unwrap();
            assert!(
                first == second,
                "export after import differs:\n{}",
                first_difference(&first, &second)
            );
            assert_eq!(
                store::audits::get_audit(target.db(), &nr).await.unwrap(),
                store::audits::get_audit(source.db(), &nr).await.unwrap()
            );
            let global = store::events::global_events(target.db()).await.unwrap();
            assert_eq!(global.last().unwrap().kind, "audit_imported");
        }
    }
}

fn first_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map_or("(one is a prefix of the other)".into(), |(i, (x, y))| {
            format!("line {}: {x} ≠ {y}", i + 1)
        })
}

async fn counts(t: &TestDb) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "audits",
        "panel_members",
        "materials",
        "blobs",
        "form_items",
        "ratings",
        "discussion_notes",
        "events",
    ] {
        out.push(t.count(table).await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_damaged_or_mismatched_file_is_refused_and_changes_nothing() {
    let source = TestDb::sqlite().await.unwrap();
    let nr = populate(source.db()).await;
    let good = export_audit(source.db(), &nr)
        .await
        .unwrap()
        .to_json()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut d = doc.clone();
        f(&mut d);
        serde_json::to_string_pretty(&d).unwrap()
    };
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "truncated",
            good[..good.len() / 2].to_owned(),
            "ikke gyldig JSON",
        ),
        (
            "not an export",
            "{\"hej\": 1}".to_owned(),
            "mangler feltet »format_version«",
        ),
        (
            "newer format",
            edit(&|d| d["format_version"] = 2.into()),
            "formatversion 2",
        ),
        (
            "missing part",
            edit(&|d| drop(d.as_object_mut().unwrap().remove("ratings"))),
            "feltet »ratings« mangler",
        ),
        (
            "bad state",
            edit(&|d| d["audit"]["state"] = "faerdig".into()),
            "passer ikke til eksportformatet",
        ),
        (
            "tampered file",
            edit(&|d| d["files"][0]["content_base64"] = "AAAA".into()),
            "filen til materialet »a« er beskadiget",
        ),
        (
            "bad base64",
            edit(&|d| d["files"][0]["content_base64"] = "%%%".into()),
            "ikke gyldig base64",
        ),
        (
            "unknown unit",
            edit(&|d| d["ratings"][0]["rating"]["unit"] = "9-z/a".into()),
            "enheden »9-z/a« findes ikke",
        ),
        (
            "tampered report",
            edit(&|d| d["reports"][0]["content"] = "<h1>Ændret</h1>".into()),
            "rapport version 1 er beskadiget",
        ),
        (
            // Passes every check before writing, then fails on the unique index halfway through.
            "duplicate topic",
            edit(&|d| {
                let notes = d["discussions"].as_array_mut().unwrap();
                let copy = notes[0].clone();
                notes.push(copy);
            }),
            "drøftelsen af »indikator:3.b« står to gange",
        ),
    ];
    for t in engines().await {
        // The target already holds another audit, so "unchanged" is checked against real data.
        let mut other = crate::fixtures::audit();
        other.nr = "21.1".parse().unwrap();
        store::audits::create_audit(t.db(), &other, &koordinator(), NOW)
            .await
            .unwrap();
        crate::fixtures::create_raters(t.db(), &good).await;
        let before = counts(&t).await;
        for (case, text, expected) in &cases {
            let err = import_audit(t.db(), text, &koordinator(), NOW)
                .await
                .unwrap_err();
            assert!(
                err.to_string().starts_with("importen blev afvist: "),
                "{case}: {err}"
            );
            assert!(err.to_string().contains(expected), "{case}: {err}");
            assert_eq!(counts(&t).await, before, "{case} left something behind");
        }
        // Once the number is taken in this database, the good file is refused too, and nothing changes.
        crate::fixtures::open_audit(t.db()).await;
        let before = counts(&t).await;
        let err = import_audit(t.db(), &good, &koordinator(), NOW)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("findes allerede"), "{err}");
        assert_eq!(counts(&t).await, before);
    }
}
