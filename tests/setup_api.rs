//! The koordinator's workflow API: `POST /api/v1/audits/{nr}/transition` and
//! `GET /api/v1/audits/{nr}/progress`, their stable shapes, the Danish 409 of a refused step, and the
//! 403 for everyone else.

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{NOW, TestApp, client, on_each_engine};

async fn token_for(app: &TestApp, username: &str) -> String {
    store::sessions::create_api_token(app.db.db(), &username.parse().unwrap(), "test", NOW)
        .await
        .unwrap()
}

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, String, Value) {
    let response = request.send().await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.json().await.unwrap())
}

async fn state_of(app: &TestApp, nr: &str) -> audit::WorkflowState {
    store::audits::get_audit(app.db.db(), &nr.parse().unwrap())
        .await
        .unwrap()
        .state
}

#[tokio::test]
async fn progress_has_the_stable_shape_with_counts_and_no_values() {
    on_each_engine(async |app| {
        let token = token_for(app, "koordinator").await;
        let (status, _, body) = send(
            client()
                .get(app.url("/api/v1/audits/25.1/progress"))
                .bearer_auth(&token),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (body["nr"].as_str(), body["state"].as_str()),
            (Some("25.1"), Some("vurdering"))
        );
        let entries = body["progress"].as_array().unwrap();
        // The expected counts are the store's own (audit::visibility::progress on the demo's ratings).
        let audit = store::audits::get_audit(app.db.db(), &"25.1".parse().unwrap())
            .await
            .unwrap();
        let expected = store::ratings::progress(app.db.db(), &audit).await.unwrap();
        assert_eq!(entries.len(), expected.len());
        for (entry, p) in entries.iter().zip(&expected) {
            let mut keys: Vec<&str> = entry
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            assert_eq!(
                keys,
                ["drafts", "status", "submitted", "total", "username"],
                "no values, no reasons"
            );
            assert_eq!(entry["username"], p.rater.as_str());
            assert_eq!(entry["submitted"], p.submitted);
            assert_eq!(entry["drafts"], p.drafts);
            assert_eq!(entry["total"], p.total);
        }
        let status_of = |username: &str| {
            entries.iter().find(|e| e["username"] == username).unwrap()["status"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        // seeds/demo/25.1.toml: hovedstaden-1 submitted everything, syd-1 has a draft, nord-1 has not begun.
        assert_eq!(status_of("hovedstaden-1"), "submitted");
        assert_eq!(status_of("syd-1"), "draft");
        assert_eq!(status_of("nord-1"), "not_started");

        // A panelist of the audit, with a token or a session, gets a 403 problem document.
        let token = token_for(app, "midt-1").await;
        let (status, content_type, problem) = send(
            client()
                .get(app.url("/api/v1/audits/25.1/progress"))
                .bearer_auth(&token),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["detail"], "Du har ikke adgang til denne side.");
        let session = app.login_as("midt-1").await;
        let (status, _, _) = send(session.get(app.url("/api/v1/audits/25.1/progress"))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn transition_moves_the_audit_or_says_in_danish_why_not() {
    on_each_engine(async |app| {
        let koordinator = token_for(app, "koordinator").await;
        let panelist = token_for(app, "midt-1").await;
        let events = app.count("events").await;
        let transition = |token: &str, body: Value| {
            client()
                .post(app.url("/api/v1/audits/25.1/transition"))
                .bearer_auth(token)
                .json(&body)
        };

        // A panelist may not, whatever the body.
        let (status, content_type, _) =
            send(transition(&panelist, json!({"to": "droeftelse"}))).await;
        assert_eq!(
            (status, content_type.as_str()),
            (StatusCode::FORBIDDEN, "application/problem+json")
        );

        // Going back without a reason: the domain's message (audit::workflow::WorkflowError).
        let (status, content_type, problem) =
            send(transition(&koordinator, json!({"to": "planlaegning"}))).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["status"], 409);
        assert_eq!(
            problem["detail"],
            "Det kræver en begrundelse at gå tilbage fra vurdering til planlægning."
        );
        let (status, _, problem) = send(transition(&koordinator, json!({"to": "færdig"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            problem["detail"].as_str().unwrap().contains("»færdig«"),
            "{problem}"
        );
        assert_eq!(state_of(app, "25.1").await, audit::WorkflowState::Vurdering);
        assert_eq!(app.count("events").await, events, "refusals record nothing");

        // The reveal, by id.
        let (status, _, done) = send(transition(&koordinator, json!({"to": "droeftelse"}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            done,
            json!({"nr": "25.1", "from": "vurdering", "to": "droeftelse", "reason": null})
        );
        assert_eq!(
            state_of(app, "25.1").await,
            audit::WorkflowState::Droeftelse
        );

        // An empty audit cannot be opened for rating; the detail lists what is missing.
        let audit = audit::Audit {
            nr: "25.9".parse().unwrap(),
            titel: "Tomt".into(),
            formaal: "Afprøvning".into(),
            fokus: String::new(),
            model_version: "2024".into(),
            state: audit::WorkflowState::Planlaegning,
            deadline: None,
            meeting_date: None,
            reveal_rule: audit::Afsloeringsregel::VedMoedet,
            panel: vec![],
            materials: vec![],
            forms: vec![],
        };
        store::audits::create_audit(app.db.db(), &audit, &"koordinator".parse().unwrap(), NOW)
            .await
            .unwrap();
        let (status, _, problem) = send(
            client()
                .post(app.url("/api/v1/audits/25.9/transition"))
                .bearer_auth(&koordinator)
                .json(&json!({"to": "vurdering", "reason": null})),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .starts_with("Før vurdering mangler: et panel med mindst to bedømmere"),
            "{problem}"
        );
        assert_eq!(
            state_of(app, "25.9").await,
            audit::WorkflowState::Planlaegning
        );
    })
    .await;
}
