//! The JSON API: the stable shapes of `/api/v1/audits` and `/api/v1/audits/{nr}`, bearer tokens, and
//! problem documents in Danish.

use reqwest::{StatusCode, header};
use serde_json::Value;

use crate::helpers::{NOW, TestApp, client, on_each_engine};

async fn json(response: reqwest::Response) -> (StatusCode, String, Value) {
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.json().await.unwrap())
}

async fn token_for(app: &TestApp, username: &str) -> String {
    store::sessions::create_api_token(app.db.db(), &username.parse().unwrap(), "test", NOW)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_audit_list_has_the_stable_shape_and_only_what_the_caller_may_see() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        let (status, _, list) = json(
            koordinator
                .get(app.url("/api/v1/audits"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let list = list.as_array().unwrap();
        let nrs: Vec<&str> = list.iter().map(|a| a["nr"].as_str().unwrap()).collect();
        assert_eq!(nrs, ["19.1", "19.2", "20.1", "25.1", "25.2"]);
        let a251 = &list[3];
        assert_eq!(a251["state"], "vurdering");
        assert_eq!(
            a251["title"],
            "Organisation og ledelse – opfølgning på audit 19.1"
        );
        assert_eq!(a251["deadline"], "2025-03-17");
        assert_eq!(a251["meeting_date"], "2025-03-24");
        assert_eq!(list[4]["state"], "droeftelse");
        assert_eq!(list[0]["state"], "opfoelgning");

        // A panelist with a bearer token sees the audits on whose panel they sit.
        let token = token_for(app, "hovedstaden-2").await;
        let (status, _, list) = json(
            client()
                .get(app.url("/api/v1/audits"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let nrs: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["nr"].as_str().unwrap())
            .collect();
        assert!(!nrs.is_empty());
        assert!(
            !nrs.contains(&"25.1"),
            "hovedstaden-2 is not on 25.1: {nrs:?}"
        );

        // A læser sees no working audits.
        let token = token_for(app, "laeser").await;
        let (_, _, list) = json(
            client()
                .get(app.url("/api/v1/audits"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(list, serde_json::json!([]));
    })
    .await;
}

#[tokio::test]
async fn the_audit_detail_lists_the_panel_with_tilsyn_role_and_attendance() {
    on_each_engine(async |app| {
        let token = token_for(app, "koordinator").await;
        let (status, content_type, audit) = json(
            client()
                .get(app.url("/api/v1/audits/25.1"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.starts_with("application/json"));
        assert_eq!(audit["nr"], "25.1");
        assert_eq!(audit["state"], "vurdering");
        assert_eq!(audit["model_version"], "2024");
        let panel = audit["panel"].as_array().unwrap();
        assert_eq!(panel.len(), 10);
        assert_eq!(
            panel[0],
            serde_json::json!({
                "username": "hovedstaden-1",
                "name": "Konsulent Hovedstaden 1",
                "tilsyn": "hovedstaden",
                "role": "tilsynskonsulent",
                "attendance": "deltager",
            })
        );
        let materials = audit["materials"].as_array().unwrap();
        assert!(
            materials.iter().all(|m| m["tilsyn"].is_string()),
            "the koordinator sees tilsyn"
        );
        assert!(audit.get("ratings").is_none(), "no ratings in the detail");

        // A panelist sees pseudonyms and whether the material is from their own tilsyn, not its tilsyn.
        let token = token_for(app, "midt-1").await;
        let (_, _, audit) = json(
            client()
                .get(app.url("/api/v1/audits/25.1"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        let materials = audit["materials"].as_array().unwrap();
        assert!(materials.iter().all(|m| m.get("tilsyn").is_none()));
        assert!(materials.iter().any(|m| m["own_tilsyn"] == true));
    })
    .await;
}

#[tokio::test]
async fn api_errors_are_danish_problem_documents() {
    on_each_engine(async |app| {
        // No credentials.
        let response = client()
            .get(app.url("/api/v1/audits"))
            .send()
            .await
            .unwrap();
        assert!(response.headers().contains_key(header::WWW_AUTHENTICATE));
        let (status, content_type, problem) = json(response).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["status"], 401);
        assert!(problem["detail"].as_str().unwrap().contains("logge ind"));

        // A wrong token.
        let (status, _, _) = json(
            client()
                .get(app.url("/api/v1/audits"))
                .bearer_auth("forkert")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        // Not on the panel.
        let token = token_for(app, "hovedstaden-2").await;
        let (status, content_type, problem) = json(
            client()
                .get(app.url("/api/v1/audits/25.1"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(problem["detail"], "Du har ikke adgang til denne side.");

        // Unknown audit and unknown endpoint.
        for path in ["/api/v1/audits/99.9", "/api/v1/findes-ikke"] {
            let (status, content_type, problem) = json(
                client()
                    .get(app.url(path))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(content_type, "application/problem+json");
            assert_eq!(problem["detail"], "Siden findes ikke.");
        }
    })
    .await;
}
