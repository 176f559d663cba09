//! Blindness of the agreement pages: before reveal (25.1 is in vurdering) the dashboard, "Dig og
//! panelet", the discussion notes and the agreement API are 403 for everyone — the koordinator, the
//! audit's panelists, panelists of other audits and the læser — and the 403 carries no rating value.
//! After reveal (20.1) the koordinator and the raters get in, an exempted member and outsiders do not.

use std::collections::BTreeSet;

use reqwest::StatusCode;

use super::{SCALE_LABELS, audit_and_ratings};
use crate::helpers::{NOW, client, get, on_each_engine};

/// 25.1's panel (seeds/demo/25.1.toml), two panelists of other audits only, and the læser.
const PANEL_25_1: [&str; 10] = [
    "hovedstaden-1",
    "hovedstaden-3",
    "midt-1",
    "midt-3",
    "nord-1",
    "nord-3",
    "syd-1",
    "syd-3",
    "oest-1",
    "oest-3",
];
const NOT_ON_25_1: [&str; 2] = ["hovedstaden-2", "midt-4"];

const PAGES: [&str; 4] = [
    "/audits/25.1/enighed",
    "/audits/25.1/mig",
    "/audits/25.1/droeftelser",
    "/audits/25.1/droeftelser/helhed",
];

#[tokio::test]
async fn before_reveal_every_agreement_page_and_the_api_are_403_without_a_value() {
    on_each_engine(async |app| {
        // Every value and reason the raters of 25.1 have stored, read as each rater sees their own.
        let mut secrets: BTreeSet<String> = SCALE_LABELS.iter().map(|s| (*s).to_owned()).collect();
        for rater in PANEL_25_1 {
            let (_, own) = audit_and_ratings(app, "25.1", rater).await;
            secrets.extend(
                own.iter()
                    .map(|r| r.reason.trim().to_owned())
                    .filter(|r| r.len() > 3),
            );
        }
        assert!(
            secrets.len() > SCALE_LABELS.len(),
            "the demo's 25.1 has ratings with reasons to look for"
        );
        let users: Vec<&str> = ["koordinator", "laeser"]
            .into_iter()
            .chain(PANEL_25_1)
            .chain(NOT_ON_25_1)
            .collect();
        for username in users {
            let session = app.login_as(username).await;
            for path in PAGES {
                let (status, page) = get(&session, &app.url(path)).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{username} {path}");
                assert!(
                    page.contains("Du har ikke adgang til denne side."),
                    "{page}"
                );
                for secret in &secrets {
                    assert!(
                        !page.contains(secret.as_str()),
                        "{username} {path} leaks »{secret}«"
                    );
                }
            }
            let token = store::sessions::create_api_token(
                app.db.db(),
                &username.parse().unwrap(),
                "test",
                NOW,
            )
            .await
            .unwrap();
            for path in [
                "/api/v1/audits/25.1/agreement",
                "/api/v1/audits/25.1/agreement?round=2",
            ] {
                let response = client()
                    .get(app.url(path))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    response.status(),
                    StatusCode::FORBIDDEN,
                    "{username} {path}"
                );
                assert_eq!(
                    response.headers()["content-type"],
                    "application/problem+json"
                );
                let body = response.text().await.unwrap();
                for secret in &secrets {
                    assert!(
                        !body.contains(secret.as_str()),
                        "{username} {path} leaks »{secret}«"
                    );
                }
            }
            // Posting notes is refused too, and stores nothing.
            let (_, home) = get(&session, &app.url("/")).await;
            let response = session
                .post(app.url("/audits/25.1/droeftelser/helhed"))
                .form(&[
                    ("_csrf", crate::helpers::csrf_token(&home).as_str()),
                    ("version", "0"),
                    ("ligheder", "Før afsløring"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{username}");
        }
        let stored = store::report_content::discussions(app.db.db(), &"25.1".parse().unwrap())
            .await
            .unwrap();
        assert!(
            stored
                .iter()
                .all(|d| d.value.ligheder.iter().all(|l| l != "Før afsløring")),
            "nothing was saved before reveal"
        );
        // The overview of 25.1 offers no link to the agreement pages before reveal.
        let koordinator = app.login_as("koordinator").await;
        let (_, overview) = get(&koordinator, &app.url("/audits/25.1")).await;
        assert!(!overview.contains("/audits/25.1/enighed"), "{overview}");
    })
    .await;
}

#[tokio::test]
async fn after_reveal_the_koordinator_and_the_raters_get_in_and_no_one_else() {
    on_each_engine(async |app| {
        // 20.1 (seeds/demo/20.1.toml): midt-1 rates; nord-3 is on the panel but exempted (fritaget);
        // nord-1 is not on it; the læser reads published reports only.
        let cases: [(&str, &str, StatusCode); 10] = [
            ("koordinator", "/audits/20.1/enighed", StatusCode::OK),
            ("koordinator", "/audits/20.1/droeftelser", StatusCode::OK),
            ("koordinator", "/audits/20.1/mig", StatusCode::FORBIDDEN),
            ("midt-1", "/audits/20.1/enighed", StatusCode::OK),
            ("midt-1", "/audits/20.1/mig", StatusCode::OK),
            ("midt-1", "/audits/20.1/droeftelser", StatusCode::OK),
            ("nord-3", "/audits/20.1/enighed", StatusCode::FORBIDDEN),
            ("nord-3", "/audits/20.1/mig", StatusCode::FORBIDDEN),
            ("nord-1", "/audits/20.1/enighed", StatusCode::FORBIDDEN),
            ("laeser", "/audits/20.1/enighed", StatusCode::FORBIDDEN),
        ];
        for (username, path, expected) in cases {
            let session = app.login_as(username).await;
            let (status, page) = get(&session, &app.url(path)).await;
            assert_eq!(status, expected, "{username} {path}");
            if expected == StatusCode::FORBIDDEN {
                for label in SCALE_LABELS {
                    assert!(!page.contains(label), "{username} {path} shows »{label}«");
                }
            }
        }
        // The overview links to the pages of drøftelse, "Dig og panelet" only for a rater.
        let midt = app.login_as("midt-1").await;
        let (_, overview) = get(&midt, &app.url("/audits/20.1")).await;
        assert!(overview.contains(r#"href="/audits/20.1/enighed""#));
        assert!(overview.contains(r#"href="/audits/20.1/mig""#));
        let koordinator = app.login_as("koordinator").await;
        let (_, overview) = get(&koordinator, &app.url("/audits/20.1")).await;
        assert!(overview.contains(r#"href="/audits/20.1/enighed""#));
        assert!(!overview.contains(r#"href="/audits/20.1/mig""#));
        // The API: the exempted member and an outsider are refused with a problem document.
        for username in ["nord-3", "nord-1", "laeser"] {
            let token = store::sessions::create_api_token(
                app.db.db(),
                &username.parse().unwrap(),
                "test",
                NOW,
            )
            .await
            .unwrap();
            let response = client()
                .get(app.url("/api/v1/audits/20.1/agreement"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{username}");
        }
    })
    .await;
}
