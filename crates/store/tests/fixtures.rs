//! A small audit, its users and fixed times, shared by the tests.

use audit::{
    Afsloeringsregel, Audit, AuditNr, FormItem, Fremmoede, ItemKind, Material, Materialetype,
    PanelMember, Panelrolle, Rating, RatingStatus, RatingValue, Role, Round, Scale, Tilsyn, User,
    Username, WorkflowState,
};
use store::ratings::SaveOutcome;
use store::testing::TestDb;
use store::{Db, StoreError};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

/// "Today" in the tests: before the audit's deadline.
pub(crate) const TODAY: Date = date!(2025 - 03 - 01);

/// "Now" in the tests.
pub(crate) const NOW: OffsetDateTime = datetime!(2025-03-01 10:00:00.123456 UTC);

/// Fresh databases of every available engine.
pub(crate) async fn engines() -> Vec<TestDb> {
    TestDb::each_engine().await.expect("test database")
}

pub(crate) fn name(s: &str) -> Username {
    s.parse().unwrap()
}

pub(crate) fn koordinator() -> Username {
    name("koordinator")
}

pub(crate) fn user(username: &str, role: Role) -> User {
    User {
        username: name(username),
        navn: format!("Bruger {username}"),
        role,
    }
}

pub(crate) fn member(username: &str, tilsyn: Tilsyn, attendance: Fremmoede) -> PanelMember {
    PanelMember {
        username: name(username),
        navn: format!("Konsulent {username}"),
        tilsyn,
        rolle: Panelrolle::Tilsynskonsulent,
        attendance,
    }
}

pub(crate) fn material(id: &str, tilsyn: Tilsyn) -> Material {
    Material {
        id: id.parse().unwrap(),
        pseudonym: format!("Rapport {}", id.to_uppercase()),
        tilsyn,
        kind: Materialetype::Tilsynsrapport,
        beskrivelse: "Botilbud, § 107".into(),
        original_scores: [("3.a".to_owned(), 4), ("3.b".to_owned(), 2)]
            .into_iter()
            .collect(),
        tilbud: Some(audit::Tilbud::new(audit::Tilbudstype::Botilbud).med_bestyrelse(true)),
        sagsforloeb: None,
        dato: None,
    }
}

/// Audit "20.1" in planlægning: three raters (midt-1, syd-1, oest-1) and an exempted nord-1, two
/// material items, one form with two indicator items on the drift scale, a nomination and a reflection.
pub(crate) fn audit() -> Audit {
    let item = |id: &str, kind| FormItem {
        id: id.parse().unwrap(),
        tekst: format!("Indikator {id}"),
        kind,
    };
    Audit {
        nr: "20.1".parse().unwrap(),
        titel: "Sammenhæng mellem indikatorer og helhedsvurdering".into(),
        formaal: "Ensartet praksis på tværs af socialtilsynene".into(),
        fokus: "Tema 3: Målgruppe, metoder og resultater — æøå".into(),
        model_version: "2017".into(),
        state: WorkflowState::Planlaegning,
        deadline: Some(date!(2025 - 03 - 15)),
        meeting_date: Some(date!(2025 - 03 - 20)),
        reveal_rule: Afsloeringsregel::VedMoedet,
        panel: vec![
            member("midt-1", Tilsyn::Midt, Fremmoede::Deltager),
            member(
                "syd-1",
                Tilsyn::Syd,
                Fremmoede::Afbud {
                    grund: "sygdom".into(),
                    paa_dagen: true,
                },
            ),
            member("oest-1", Tilsyn::Oest, Fremmoede::Deltager),
            member(
                "nord-1",
                Tilsyn::Nord,
                Fremmoede::Fritaget {
                    grund: "egen sag".into(),
                },
            ),
        ],
        materials: vec![
            material("a", Tilsyn::Midt),
            material("b", Tilsyn::Hovedstaden),
        ],
        forms: vec![audit::RatingForm {
            titel: "Vurderingsskema 1".into(),
            scale: Scale::Drift,
            materials: vec![],
            items: vec![
                item(
                    "3-a",
                    ItemKind::Indikator {
                        indikator: "3.a".into(),
                    },
                ),
                item(
                    "3-b",
                    ItemKind::Indikator {
                        indikator: "3.b".into(),
                    },
                ),
                item(
                    "bedst",
                    ItemKind::Nominering {
                        indikator: Some("3.a".into()),
                    },
                ),
                item("refleksion-1", ItemKind::Refleksion),
            ],
        }],
    }
}

/// A rating by `rater` of `unit` ("3-a/a").
pub(crate) fn rating(rater: &str, unit: &str, score: i32) -> Rating {
    Rating {
        rater: name(rater),
        unit: unit.parse().unwrap(),
        value: Some(RatingValue::Score(score)),
        reason: format!("{rater} begrunder {unit} med {score}"),
        round: Round::First,
        status: RatingStatus::Submitted,
    }
}

/// The four per-material scored units of [`audit`], each rated `score`.
pub(crate) fn full_form(rater: &str, score: i32) -> Vec<Rating> {
    ["3-a/a", "3-a/b", "3-b/a", "3-b/b"]
        .iter()
        .map(|u| rating(rater, u, score))
        .collect()
}

/// Saves `ratings` of `rater` in audit `nr` with `status` (drafts, or submitted) on [`TODAY`] at
/// [`NOW`].
pub(crate) async fn save(
    db: &Db,
    nr: &AuditNr,
    rater: &Username,
    ratings: &[Rating],
    status: RatingStatus,
) -> Result<SaveOutcome, StoreError> {
    store::ratings::save_ratings(db, nr, rater, ratings, status, TODAY, NOW).await
}

/// Stores [`audit`] and opens it for rating.
pub(crate) async fn open_audit(db: &Db) -> Audit {
    let audit = audit();
    store::audits::create_audit(db, &audit, &koordinator(), NOW)
        .await
        .unwrap();
    store::audits::transition_audit(
        db,
        &audit.nr,
        WorkflowState::Vurdering,
        None,
        &koordinator(),
        TODAY,
        NOW,
    )
    .await
    .unwrap();
    store::audits::get_audit(db, &audit.nr).await.unwrap()
}

/// A discussion of indicator `indikator`.
pub(crate) fn droeftelse(indikator: &str, ligheder: &str) -> audit::Droeftelse {
    audit::Droeftelse {
        emne: audit::Emne::Indikator(indikator.into()),
        overskrift: format!("Indikator {indikator}"),
        indledning: vec!["Tilbuddet understøtter borgerens udvikling.".into()],
        afsnit: vec![],
        ligheder: vec![ligheder.into()],
        opmaerksomheder: vec![audit::Opmaerksomhed {
            overskrift: Some("Borgerens perspektiv".into()),
            tekst: "Vægtes forskelligt.\n\nAndet afsnit.".into(),
        }],
        datakilder: vec![],
        vurdering: None,
    }
}

/// A recommendation with id `id`.
pub(crate) fn anbefaling(id: &str, tekst: &str) -> audit::Anbefaling {
    audit::Anbefaling {
        id: id.into(),
        emne: audit::Emne::Indikator("3.a".into()),
        overskrift: "Socialstyrelsens anbefaling vedr. indikator 3.a".into(),
        tekst: vec![tekst.into()],
        punkter: vec![],
    }
}

/// A follow-up action addressed to `tilsyn`.
pub(crate) fn tiltag(id: &str, tilsyn: Tilsyn) -> audit::Opfoelgningstiltag {
    audit::Opfoelgningstiltag {
        id: id.into(),
        tekst: "Socialtilsynet beskriver sin praksis for brug af datakilder".into(),
        punkter: vec![],
        anbefalinger: vec![],
        ansvarlige: vec![audit::Ansvarlig::Tilsyn(tilsyn)],
        frist: Some("2. halvår 2025".into()),
    }
}

/// Creates a panelist account for every rater of the export `text` that `db` does not have yet: an
/// import refuses ratings by usernames that are no user where the audit is going.
pub(crate) async fn create_raters(db: &Db, text: &str) {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let raters: std::collections::BTreeSet<&str> = doc["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rating"]["rater"].as_str().unwrap())
        .collect();
    let existing = store::users::list_users(db).await.unwrap();
    for rater in raters {
        if existing.iter().any(|u| u.username.as_str() == rater) {
            continue;
        }
        store::users::create_user(
            db,
            &user(rater, Role::Panelist),
            "hemmeligt",
            &koordinator(),
            NOW,
        )
        .await
        .unwrap();
    }
}
