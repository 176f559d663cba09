//! The discussion notes per indicator: a stale save shows both versions and saves nothing until it is
//! sent again; a panelist reads the notes and cannot change them; a point with a heading but no text
//! is refused next to its field with the typed text kept.

use reqwest::StatusCode;

use super::between;
use crate::helpers::{PASSWORD, TestApp, client, csrf_token, get, on_each_engine};

const TOPIC: &str = "/audits/20.1/droeftelser/indikator:3.a";

/// The value of the hidden `version` field of a notes form.
fn version(page: &str) -> i64 {
    let field = between(page, r#"name="version" value=""#, ">");
    field[r#"name="version" value=""#.len()..]
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// 20.1's stored discussion of indicator 3.a: its version and "ligheder".
async fn stored_3a(app: &TestApp) -> (i64, Vec<String>, usize) {
    let stored = store::report_content::discussions(app.db.db(), &"20.1".parse().unwrap())
        .await
        .unwrap();
    let d = stored
        .iter()
        .find(|d| d.value.emne == audit::Emne::Indikator("3.a".to_owned()))
        .unwrap();
    (
        d.version,
        d.value.ligheder.clone(),
        d.value.opmaerksomheder.len(),
    )
}

async fn second_koordinator(app: &TestApp) -> reqwest::Client {
    let user = audit::User {
        username: "koordinator-2".parse().unwrap(),
        navn: "Anden koordinator".to_owned(),
        role: audit::Role::Koordinator,
    };
    store::users::create_user(
        app.db.db(),
        &user,
        PASSWORD,
        &"koordinator".parse().unwrap(),
        crate::helpers::NOW,
    )
    .await
    .unwrap();
    app.login_as("koordinator-2").await
}

#[tokio::test]
async fn a_stale_save_shows_both_versions_and_saves_nothing_until_sent_again() {
    on_each_engine(async |app| {
        // Both koordinatorer open the form of indicator 3.a (stored by the demo, seeds/demo/20.1.toml).
        let first = app.login_as("koordinator").await;
        let other = second_koordinator(app).await;
        let (status, mine) = get(&first, &app.url(TOPIC)).await;
        assert_eq!(status, StatusCode::OK, "{mine}");
        let (_, theirs) = get(&other, &app.url(TOPIC)).await;
        let (read_at, _, opm) = stored_3a(app).await;
        assert_eq!(version(&mine), read_at);
        assert_eq!(version(&theirs), read_at);
        // The existing points are in the form: 20.1 has four opmærksomheder for 3.a.
        assert_eq!(opm, 4);
        assert!(mine.contains("Procesbeskrivelser kan øge indsigten"), "{mine}");

        // The other one saves first.
        let response = other
            .post(app.url(TOPIC))
            .form(&[
                ("_csrf", csrf_token(&theirs).as_str()),
                ("version", &read_at.to_string()),
                ("ligheder", "Deres ligheder: alle så på målgruppen."),
                ("opmaerksomhed-0-tekst", "Deres opmærksomhed."),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/audits/20.1/droeftelser?gemt=indikator%3A3.a"), "{location}");
        let (saved_version, saved, _) = stored_3a(app).await;
        assert_eq!(saved_version, read_at + 1);
        assert_eq!(saved, ["Deres ligheder: alle så på målgruppen."]);
        let events = app.count("events").await;

        // The first one's save is based on the old version: 409, both texts shown, nothing stored.
        let response = first
            .post(app.url(TOPIC))
            .form(&[
                ("_csrf", csrf_token(&mine).as_str()),
                ("version", &read_at.to_string()),
                ("ligheder", "Mine ligheder: alle brugte interview."),
                ("opmaerksomhed-0-overskrift", "Min overskrift"),
                ("opmaerksomhed-0-tekst", "Min opmærksomhed."),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let conflict = response.text().await.unwrap();
        let stored_side = between(&conflict, r#"id="deres""#, "</section>");
        assert!(stored_side.contains("Deres ligheder: alle så på målgruppen."), "{stored_side}");
        assert!(stored_side.contains("Deres opmærksomhed."), "{stored_side}");
        assert!(stored_side.contains("Anden koordinator"), "who saved it: {stored_side}");
        let own_side = between(&conflict, r#"id="din""#, "</section>");
        assert!(own_side.contains(">Mine ligheder: alle brugte interview.</textarea>"), "{own_side}");
        assert!(own_side.contains(r#"value="Min overskrift""#), "{own_side}");
        assert!(own_side.contains(">Min opmærksomhed.</textarea>"), "{own_side}");
        assert_eq!(version(own_side), read_at + 1, "the form is now based on the stored version");
        assert!(conflict.contains("Anden koordinator har gemt en ny udgave"), "{conflict}");
        assert_eq!(stored_3a(app).await.0, read_at + 1, "nothing saved");
        assert_eq!(app.count("events").await, events, "no event for the refused save");

        // Merged and sent again from the conflict page: saved on top of the other's version.
        let response = first
            .post(app.url(TOPIC))
            .form(&[
                ("_csrf", csrf_token(&conflict).as_str()),
                ("version", &version(own_side).to_string()),
                (
                    "ligheder",
                    "Deres ligheder: alle så på målgruppen.\r\n\r\nMine ligheder: alle brugte interview.",
                ),
                ("opmaerksomhed-0-tekst", "Deres opmærksomhed."),
                ("opmaerksomhed-1-overskrift", "Min overskrift"),
                ("opmaerksomhed-1-tekst", "Min opmærksomhed."),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (merged_version, merged, opm) = stored_3a(app).await;
        assert_eq!(merged_version, read_at + 2);
        assert_eq!(
            merged,
            [
                "Deres ligheder: alle så på målgruppen.",
                "Mine ligheder: alle brugte interview."
            ]
        );
        assert_eq!(opm, 2);
        let (_, list) = get(&first, &app.url("/audits/20.1/droeftelser?gemt=indikator:3.a")).await;
        assert!(list.contains("Noterne til Indikator 3.a er gemt."), "{list}");
        assert!(list.contains("Mine ligheder: alle brugte interview."));
    })
    .await;
}

#[tokio::test]
async fn a_panelist_reads_the_notes_and_cannot_change_them() {
    on_each_engine(async |app| {
        let panelist = app.login_as("midt-1").await;
        let (status, page) = get(&panelist, &app.url(TOPIC)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("notes-form"), "no form for a panelist");
        // The demo's first opmærksomhed of 3.a (seeds/demo/20.1.toml).
        assert!(
            page.contains("Tilbuddets faglige tilgange og metoder skal være relevante"),
            "{page}"
        );
        let before = stored_3a(app).await;
        let events = app.count("events").await;
        let response = panelist
            .post(app.url(TOPIC))
            .form(&[
                ("_csrf", csrf_token(&page).as_str()),
                ("version", &before.0.to_string()),
                ("ligheder", "En panelist skriver."),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(stored_3a(app).await, before, "nothing changed");
        assert_eq!(app.count("events").await, events);
        // Not logged in (and so without a CSRF token): refused before any handler runs.
        let response = client()
            .post(app.url(TOPIC))
            .form(&[("version", "1"), ("ligheder", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(stored_3a(app).await, before);
    })
    .await;
}

#[tokio::test]
async fn a_point_without_text_is_refused_next_to_its_field_with_the_text_kept() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        let (_, form) = get(&koordinator, &app.url(TOPIC)).await;
        let before = stored_3a(app).await;
        let response = koordinator
            .post(app.url(TOPIC))
            .form(&[
                ("_csrf", csrf_token(&form).as_str()),
                ("version", &before.0.to_string()),
                ("ligheder", "Ny tekst, der ikke må gå tabt."),
                ("opmaerksomhed-0-tekst", "En hel opmærksomhed."),
                ("opmaerksomhed-1-overskrift", "Kun en overskrift"),
                ("opmaerksomhed-1-tekst", ""),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.unwrap();
        let field = between(&page, r#"id="opmaerksomhed-1-tekst""#, "</div>");
        assert!(field.contains(r#"aria-invalid="true""#), "{field}");
        assert!(
            field.contains("har overskriften »Kun en overskrift«, men ingen tekst"),
            "{field}"
        );
        assert!(
            page.contains(">Ny tekst, der ikke må gå tabt.</textarea>"),
            "typed text kept"
        );
        assert!(page.contains(r#"value="Kun en overskrift""#));
        assert_eq!(stored_3a(app).await, before, "nothing saved");
        // Without the version the form cannot be checked against what was read: refused.
        let response = koordinator
            .post(app.url(TOPIC))
            .form(&[("_csrf", csrf_token(&form).as_str()), ("ligheder", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(response.text().await.unwrap().contains("versionsnummeret"));
        assert_eq!(stored_3a(app).await, before);
    })
    .await;
}
