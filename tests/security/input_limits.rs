//! Security regression tests: input_limits (see `tests/security.rs`).
//!
//! Hole 5 of the trust issue: odd input reached the database. A NUL byte in a reason gave a 500 on
//! PostgreSQL and was stored on SQLite, a 1 MB reason was stored, an unknown round or action in the
//! rating form was saved as a draft, and JSON that did not fit was answered with serde's English. Every
//! free-text field now has a length limit and refuses control characters other than newline and tab
//! (`audit::text`), and every refusal — page form or API — is a 4xx with a Danish message that names
//! the field and changes nothing.

use reqwest::{Client, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{TestApp, client, csrf_token, get, on_each_engine};
use crate::rating::{FORM, fields, send_form, snapshot, token, units_of};

/// Words of serde's and axum's English that must never reach a user.
const ENGLISH: [&str; 6] = [
    "Failed to",
    "deserialize",
    "invalid type",
    "expected",
    "unknown field",
    "missing field",
];

/// Asserts that `body` is a refusal in Danish: a 4xx `status`, none of serde's English, and `needle`.
fn assert_danish_refusal(status: StatusCode, body: &str, needle: &str, case: &str) {
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY || status == StatusCode::BAD_REQUEST,
        "{case}: status {status}: {body}"
    );
    for word in ENGLISH {
        assert!(!body.contains(word), "{case}: English »{word}« in {body}");
    }
    assert!(body.contains(needle), "{case}: no »{needle}« in {body}");
}

/// Reasons no one should be able to store, with what the refusal must say.
fn odd_reasons() -> Vec<(&'static str, String, &'static str)> {
    vec![
        ("NUL", "God\u{0}ledelse".to_owned(), "styretegn"),
        ("SOH", "God\u{1}ledelse".to_owned(), "styretegn"),
        ("DEL", "God\u{7f}ledelse".to_owned(), "styretegn"),
        ("lone CR", "God\rledelse".to_owned(), "styretegn"),
        ("5001 chars", "æ".repeat(5001), "højst 5000 tegn"),
        ("1 MB", "x".repeat(1024 * 1024), "højst 5000 tegn"),
    ]
}

/// The rating page refuses odd reasons next to the unit (422, Danish, naming the reason), stores
/// nothing, and accepts a reason of exactly the limit with newlines and tabs.
#[tokio::test]
async fn odd_reasons_on_the_rating_page_are_refused_and_change_nothing() {
    on_each_engine(async |app| {
        let syd3 = app.login_as("syd-3").await;
        let (_, page) = get(&syd3, &app.url(FORM)).await;
        let before = snapshot(app, "25.1").await;
        for (case, reason, needle) in odd_reasons() {
            let mut f = fields(&page, &[("runde", "1"), ("handling", "kladde")]);
            f.push(("v:8.a/rapport-a".to_owned(), "4".to_owned()));
            f.push(("r:8.a/rapport-a".to_owned(), reason));
            let (status, _, body) = send_form(&syd3, &app.url(FORM), &f).await;
            if case == "1 MB" {
                // Larger than any form the pages send: refused before the handler reads it.
                assert_danish_refusal(status, &body, "Formularen er for stor", case);
            } else {
                assert_danish_refusal(status, &body, needle, case);
                assert!(body.contains("Begrundelsen"), "{case}: names the field");
            }
            assert_eq!(
                snapshot(app, "25.1").await,
                before,
                "{case}: nothing stored"
            );
        }
        // Exactly 5000 characters, with a newline (as browsers send it) and a tab, is fine.
        let reason = format!("{}\r\n\t{}", "a".repeat(2000), "b".repeat(2998));
        assert_eq!(reason.replace("\r\n", "\n").chars().count(), 5000);
        let mut f = fields(&page, &[("runde", "1"), ("handling", "kladde")]);
        f.push(("v:8.a/rapport-a".to_owned(), "4".to_owned()));
        f.push(("r:8.a/rapport-a".to_owned(), reason));
        let (status, _, body) = send_form(&syd3, &app.url(FORM), &f).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    })
    .await;
}

/// An unknown round or action, or a score between the scale's steps, is refused by the rating page in
/// Danish instead of being saved as a round-1 draft.
#[tokio::test]
async fn an_unknown_round_action_or_score_in_the_rating_form_is_refused() {
    on_each_engine(async |app| {
        let syd3 = app.login_as("syd-3").await;
        let (_, page) = get(&syd3, &app.url(FORM)).await;
        let before = snapshot(app, "25.1").await;
        for (case, runde, handling, value, needle) in [
            ("round 7", "7", "kladde", "4", "Runde »7« findes ikke"),
            ("round x", "x", "kladde", "4", "Runde »x« findes ikke"),
            ("action", "1", "slet", "4", "Handlingen »slet« findes ikke"),
            (
                "score 2.5",
                "1",
                "kladde",
                "2.5",
                "»2.5« er ikke en værdi på skalaen",
            ),
        ] {
            let mut f = fields(&page, &[("runde", runde), ("handling", handling)]);
            for unit in units_of("rapport-a") {
                f.push((format!("v:{unit}"), value.to_owned()));
            }
            let (status, _, body) = send_form(&syd3, &app.url(FORM), &f).await;
            assert_danish_refusal(status, &body, needle, case);
            assert_eq!(
                snapshot(app, "25.1").await,
                before,
                "{case}: nothing stored"
            );
        }
    })
    .await;
}

/// Posts a raw body to 25.1's ratings API: status, content type and body text.
async fn post_raw(
    app: &TestApp,
    token: &str,
    content_type: &str,
    body: String,
) -> (StatusCode, String, String) {
    let response = client()
        .post(app.url("/api/v1/audits/25.1/ratings"))
        .bearer_auth(token)
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.unwrap())
}

/// The ratings API refuses odd reasons, rounds, scores, unknown fields and broken JSON with a Danish
/// problem document that names the field, and stores nothing.
#[tokio::test]
async fn odd_input_to_the_ratings_api_is_refused_in_danish_naming_the_field() {
    on_each_engine(async |app| {
        let token = token(app, "syd-3").await;
        let before = snapshot(app, "25.1").await;
        let one = |reason: &str| json!({"ratings": [{"unit": "8.a/rapport-a", "value": 4, "reason": reason}]});
        let mut cases: Vec<(String, String, &str)> = odd_reasons()
            .into_iter()
            .map(|(case, reason, needle)| (case.to_owned(), one(&reason).to_string(), needle))
            .collect();
        for (case, body, needle) in [
            ("round 7", json!({"ratings": [{"unit": "8.a/rapport-a", "value": 4}], "round": 7}), "Runde 7 findes ikke"),
            ("round 2.5", json!({"ratings": [{"unit": "8.a/rapport-a", "value": 4}], "round": 2.5}), "»round«"),
            ("round text", json!({"ratings": [{"unit": "8.a/rapport-a", "value": 4}], "round": "1"}), "»round«"),
            ("round 300", json!({"ratings": [{"unit": "8.a/rapport-a", "value": 4}], "round": 300}), "»round«"),
            ("score 2.5", json!({"ratings": [{"unit": "8.a/rapport-a", "value": 2.5}]}), "heltal"),
            ("unknown field", json!({"ratings": [{"unit": "8.a/rapport-a", "value": 4, "score": 3}]}), "»ratings[0].score«"),
            ("missing unit", json!({"ratings": [{"value": 4}]}), "»ratings[0].unit«"),
            ("ratings not a list", json!({"ratings": {"unit": "8.a/rapport-a"}}), "»ratings«"),
            ("submit not a bool", json!({"ratings": [], "submit": "ja"}), "»submit«"),
        ] {
            cases.push((case.to_owned(), body.to_string(), needle));
        }
        cases.push(("broken JSON".to_owned(), r#"{"ratings": [{"unit": "8.a/rapport-a", "#.to_owned(), "ikke gyldig JSON"));
        cases.push(("not an object".to_owned(), "[1, 2]".to_owned(), "JSON-objekt"));
        for (case, body, needle) in cases {
            let (status, content_type, text) = post_raw(app, &token, "application/json", body).await;
            assert_danish_refusal(status, &text, needle, &case);
            assert_eq!(content_type, "application/problem+json", "{case}");
            let problem: Value = serde_json::from_str(&text).unwrap();
            assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()), "{case}");
            assert_eq!(snapshot(app, "25.1").await, before, "{case}: nothing stored");
        }
        // The control characters are named in the problem document of a reason.
        let (_, _, text) = post_raw(app, &token, "application/json", one("a\u{0}b").to_string()).await;
        assert!(text.contains("Begrundelsen") && text.contains("8.a/rapport-a"), "{text}");
    })
    .await;
}

/// The value of the first hidden `version` field of a form page.
fn hidden_version(page: &str) -> String {
    page.split(r#"name="version" value=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no version field in {page}"))
        .to_owned()
}

/// Posts `form` to `path` as `client` with the CSRF token of `page_path`: status and body.
async fn post_with_csrf(
    app: &TestApp,
    client: &Client,
    page_path: &str,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let (status, page) = get(client, &app.url(page_path)).await;
    assert_eq!(status, StatusCode::OK, "{page_path}");
    let csrf = csrf_token(&page);
    let mut fields = vec![("_csrf", csrf.as_str())];
    fields.extend_from_slice(form);
    let response = client
        .post(app.url(path))
        .form(&fields)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Odd text in the koordinator's forms — audit settings, the report editor, the discussion notes, a
/// follow-up action and the workflow's reason, on the pages and the API — is refused in Danish,
/// naming the field, and changes nothing.
#[tokio::test]
async fn odd_text_in_the_koordinators_forms_is_refused_and_changes_nothing() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let audit = crate::setup::stored(app, "25.1").await;
        let events = app.count("events").await;
        let follow_up_events = app.count("follow_up_events").await;

        // The audit's title and purpose.
        let long_title = "T".repeat(301);
        for (case, titel, formaal, needle) in [
            (
                "title SOH",
                "Ledelse\u{1}",
                audit.formaal.as_str(),
                "Titlen",
            ),
            (
                "title 301",
                long_title.as_str(),
                audit.formaal.as_str(),
                "højst 300 tegn",
            ),
            (
                "purpose NUL",
                audit.titel.as_str(),
                "Formål\u{0}",
                "Formålet",
            ),
        ] {
            let (status, body) = post_with_csrf(
                app,
                &k,
                "/audits/25.1/edit",
                "/audits/25.1/edit",
                &[
                    ("model_version", "2024"),
                    ("titel", titel),
                    ("formaal", formaal),
                    ("fokus_tekst", &audit.fokus),
                    ("reveal_rule", "ved-moedet"),
                ],
            )
            .await;
            assert_danish_refusal(status, &body, needle, case);
        }
        assert_eq!(
            crate::setup::stored(app, "25.1").await,
            audit,
            "the audit is unchanged"
        );

        // The report editor's introductory sections.
        let sections = "/audits/20.1/rapport/rediger/afsnit";
        let (_, page) = get(&k, &app.url(sections)).await;
        let version = hidden_version(&page);
        let (status, body) = post_with_csrf(
            app,
            &k,
            sections,
            sections,
            &[
                ("version", &version),
                ("overskrift-0", "Baggrund\u{0}"),
                ("afsnit-0", "Tekst."),
            ],
        )
        .await;
        assert_danish_refusal(status, &body, "styretegn", "report section NUL");

        // The discussion notes of 20.1's indicator 3.a.
        let topic = "/audits/20.1/droeftelser/indikator:3.a";
        let (_, page) = get(&k, &app.url(topic)).await;
        let version = hidden_version(&page);
        let (status, body) = post_with_csrf(
            app,
            &k,
            topic,
            topic,
            &[
                ("version", &version),
                ("ligheder", "Ligheder\u{7f} på tværs"),
            ],
        )
        .await;
        assert_danish_refusal(status, &body, "styretegn", "discussion notes DEL");

        // A follow-up action's reason for letting it lapse (an open action: the demo's history leaves
        // 19.2 forstaaelsesramme planlagt).
        let action = "/opfoelgning/19.2/forstaaelsesramme";
        let (status, body) = post_with_csrf(
            app,
            &k,
            action,
            &format!("{action}/haendelse"),
            &[
                ("haendelse", "bortfald"),
                ("begrundelse", "Ikke\u{0} længere relevant"),
            ],
        )
        .await;
        assert_danish_refusal(status, &body, "Begrundelsen", "follow-up NUL");

        // The reason for going back, on the page and over the API.
        let long_reason = "r".repeat(5001);
        let (status, body) = post_with_csrf(
            app,
            &k,
            "/audits/25.1/workflow",
            "/audits/25.1/transition",
            &[("to", "planlaegning"), ("reason", &long_reason)],
        )
        .await;
        assert_danish_refusal(status, &body, "højst 5000 tegn", "workflow reason 5001");
        let api = token(app, "koordinator").await;
        let response = client()
            .post(app.url("/api/v1/audits/25.1/transition"))
            .bearer_auth(&api)
            .json(&json!({"to": "planlaegning", "reason": "Fordi\u{0}"}))
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        assert_danish_refusal(status, &body, "styretegn", "API transition reason NUL");
        let (status, body) = {
            let response = client()
                .post(app.url("/api/v1/audits/25.1/transition"))
                .bearer_auth(&api)
                .json(&json!({"to": "planlaegning", "reason": 5}))
                .send()
                .await
                .unwrap();
            (response.status(), response.text().await.unwrap())
        };
        assert_danish_refusal(status, &body, "»reason«", "API transition reason not text");

        assert_eq!(
            crate::setup::stored(app, "25.1").await,
            audit,
            "the audit is unchanged"
        );
        assert_eq!(app.count("events").await, events, "nothing was recorded");
        assert_eq!(app.count("follow_up_events").await, follow_up_events);
    })
    .await;
}

/// A typed form that does not fit names the field in Danish instead of a generic message.
#[tokio::test]
async fn a_form_that_does_not_fit_names_the_field_in_danish() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (status, body) =
            post_with_csrf(app, &k, "/indbakke", "/indbakke/laest", &[("id", "abc")]).await;
        assert_danish_refusal(status, &body, "»id«", "inbox id abc");
    })
    .await;
}
