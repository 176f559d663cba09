//! `GET` and `POST /api/v1/audits/{nr}/ratings` on the demo audit 25.1 (see `tests/rating.rs` for the
//! seed's facts): the stable shapes, idempotent submission, Danish problem documents that name the unit,
//! nothing stored on a refusal, and — before reveal — nobody's values but one's own.

use reqwest::{StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{TestApp, client, on_each_engine};
use crate::rating::{all_units, case_selection_audit, reveal, snapshot, token, units_of};

/// Posts `body` to 25.1's ratings with `token`: status, content type, JSON.
async fn post(app: &TestApp, nr: &str, token: &str, body: &Value) -> (StatusCode, String, Value) {
    let response = client()
        .post(app.url(&format!("/api/v1/audits/{nr}/ratings")))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.json().await.unwrap())
}

/// `GET …/ratings` with `token`.
async fn get_ratings(app: &TestApp, nr: &str, token: &str) -> (StatusCode, Value) {
    let response = client()
        .get(app.url(&format!("/api/v1/audits/{nr}/ratings")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

fn keys(entry: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[tokio::test]
async fn the_ratings_api_stores_drafts_and_submissions_in_the_stable_shape() {
    on_each_engine(async |app| {
        let token = token(app, "syd-3").await;
        let (status, _, written) = post(
            app,
            "25.1",
            &token,
            &json!({"ratings": [{"unit": "8.a/rapport-a", "value": 4, "reason": "Stabil ledelse."},
                                {"unit": "8.b/rapport-a", "value": null}]}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{written}");
        assert_eq!(written["status"], "draft");
        assert_eq!(written["round"], 1);
        assert_eq!(written["stored"], 2);
        assert_eq!(written["unchanged"], 0);
        let stored = written["ratings"].as_array().unwrap();
        assert_eq!(stored.len(), 2);
        assert_eq!(keys(&stored[0]), ["rater", "reason", "round", "status", "unit", "value"]);
        assert_eq!(
            stored[0],
            json!({"rater": "syd-3", "unit": "8.a/rapport-a", "value": 4, "round": 1,
                   "reason": "Stabil ledelse.", "status": "draft"})
        );
        assert_eq!(stored[1]["value"], Value::Null, "kan ikke bedømmes");

        // Submit one material; the same again is idempotent (200, all unchanged).
        let submission = json!({
            "ratings": units_of("rapport-a").iter().map(|u| json!({"unit": u, "value": 3, "reason": "Middel."})).collect::<Vec<_>>(),
            "submit": true,
        });
        let (status, _, written) = post(app, "25.1", &token, &submission).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!((written["stored"].as_u64(), written["unchanged"].as_u64()), (Some(4), Some(0)));
        assert!(written["ratings"].as_array().unwrap().iter().all(|r| r["status"] == "submitted"));
        let before = snapshot(app, "25.1").await;
        let (status, _, written) = post(app, "25.1", &token, &submission).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((written["stored"].as_u64(), written["unchanged"].as_u64()), (Some(0), Some(4)));
        assert_eq!(snapshot(app, "25.1").await, before);

        // A different value for a submitted rating: 409, nothing changes.
        let (status, content_type, problem) = post(
            app,
            "25.1",
            &token,
            &json!({"ratings": [{"unit": "8.a/rapport-a", "value": 5}], "submit": true}),
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(
            problem["detail"],
            "Bedømmelsen af »8.a/rapport-a« er allerede indsendt og kan ikke ændres."
        );
        assert_eq!(snapshot(app, "25.1").await, before);

        // GET has the same shape, with the caller's ratings.
        let (status, list) = get_ratings(app, "25.1", &token).await;
        assert_eq!(status, StatusCode::OK);
        let ratings = list["ratings"].as_array().unwrap();
        assert_eq!(ratings.len(), 4);
        assert!(ratings.iter().all(|r| keys(r) == ["rater", "reason", "round", "status", "unit", "value"]));
    })
    .await;
}

#[tokio::test]
async fn bad_rating_posts_are_danish_problems_naming_the_unit_and_store_nothing() {
    on_each_engine(async |app| {
        let token = token(app, "nord-1").await;
        let before = snapshot(app, "25.1").await;
        let cases = [
            // A score outside the scale, beside a good one: all or nothing.
            (
                json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3}, {"unit": "8.b/rapport-b", "value": 9}]}),
                "8.b/rapport-b",
                "Værdien 9 findes ikke på skalaen »driftsskala 1–5«",
            ),
            (json!({"ratings": [{"unit": "9.z/rapport-a", "value": 3}]}), "9.z/rapport-a", "findes ikke i auditforløbets vurderingsskemaer"),
            (json!({"ratings": [{"unit": "8.a/rapport-z", "value": 3}]}), "8.a/rapport-z", "findes ikke i auditforløbets vurderingsskemaer"),
            (json!({"ratings": [{"unit": "8.a/rapport-a", "value": "fire"}]}), "8.a/rapport-a", "skal være et heltal på skalaen"),
            (json!({"ratings": [{"unit": "8.a/rapport-a"}]}), "8.a/rapport-a", "Feltet »value« mangler"),
            (json!({"ratings": [{"unit": "Ikke En Enhed", "value": 3}]}), "Ikke En Enhed", "ugyldigt"),
        ];
        for (body, unit, message) in cases {
            let (status, content_type, problem) = post(app, "25.1", &token, &body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {problem}");
            assert_eq!(content_type, "application/problem+json");
            assert!(problem["detail"].as_str().unwrap().contains(&format!("»{unit}«")), "{problem}");
            let errors = problem["errors"].as_array().unwrap();
            assert_eq!(errors.len(), 1, "{problem}");
            assert_eq!(errors[0]["unit"], unit);
            assert!(errors[0]["detail"].as_str().unwrap().contains(message), "{problem}");
            assert_eq!(snapshot(app, "25.1").await, before, "{body}");
        }
        // A round that does not exist, and no ratings at all.
        for body in [json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3}], "round": 3}), json!({"ratings": []})] {
            let (status, _, problem) = post(app, "25.1", &token, &body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            assert_eq!(snapshot(app, "25.1").await, before);
        }

        // Not a rater of 25.1: the koordinator and a panelist of other audits.
        for username in ["koordinator", "hovedstaden-2"] {
            let other = crate::rating::token(app, username).await;
            let (status, _, _) = post(app, "25.1", &other, &json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3}]})).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
        }
        assert_eq!(snapshot(app, "25.1").await, before);

        // A case selection with the wrong count (19.2's form in a copy in vurdering).
        let rater = case_selection_audit(app).await;
        let rater_token = crate::rating::token(app, &rater).await;
        let audit = store::audits::get_audit(app.db.db(), &"26.2".parse().unwrap()).await.unwrap();
        let item = audit
            .forms
            .iter()
            .flat_map(|f| &f.items)
            .find(|i| matches!(i.kind, audit::ItemKind::Sagsudvaelgelse { .. }))
            .unwrap();
        let before = snapshot(app, "26.2").await;
        let picks: Vec<&str> = audit.materials.iter().take(3).map(|m| m.id.as_str()).collect();
        let (status, _, problem) = post(
            app,
            "26.2",
            &rater_token,
            &json!({"ratings": [{"unit": item.id.as_str(), "value": picks}]}),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["errors"][0]["unit"], item.id.as_str());
        assert!(problem["detail"].as_str().unwrap().contains("Vælg præcis 4 sager (der er valgt 3)."), "{problem}");
        assert_eq!(snapshot(app, "26.2").await, before);
    })
    .await;
}

#[tokio::test]
async fn after_reveal_round_one_posts_are_409_and_round_two_needs_a_reason() {
    on_each_engine(async |app| {
        reveal(app, "25.1").await;
        let token = token(app, "syd-3").await;
        let before = snapshot(app, "25.1").await;
        let (status, _, problem) = post(app, "25.1", &token, &json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3}]})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(
            problem["detail"],
            "Runde 1 kan ikke bedømmes, når auditforløbet er i tilstanden drøftelse."
        );
        let (status, _, problem) =
            post(app, "25.1", &token, &json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3}], "round": 2})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(problem["detail"].as_str().unwrap().contains("begrundelse for ændringen"), "{problem}");
        assert_eq!(snapshot(app, "25.1").await, before);
        let (status, _, written) = post(
            app,
            "25.1",
            &token,
            &json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3, "reason": "Efter drøftelsen."}], "round": 2, "submit": true}),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{written}");
        assert_eq!(written["ratings"][0]["round"], 2);
    })
    .await;
}

#[tokio::test]
async fn before_reveal_every_panelists_ratings_are_their_own_only_and_the_koordinator_gets_none() {
    on_each_engine(async |app| {
        // syd-3 submits everything first: still nothing of the others under "ved mødet".
        let syd3 = token(app, "syd-3").await;
        let body = json!({
            "ratings": all_units().iter().map(|u| json!({"unit": u, "value": 2, "reason": "x"})).collect::<Vec<_>>(),
            "submit": true,
        });
        let (status, _, _) = post(app, "25.1", &syd3, &body).await;
        assert_eq!(status, StatusCode::CREATED);

        let audit = store::audits::get_audit(app.db.db(), &"25.1".parse().unwrap()).await.unwrap();
        let mut seen = 0;
        for member in audit.raters() {
            let username = member.username.as_str();
            let token = token(app, username).await;
            let (status, list) = get_ratings(app, "25.1", &token).await;
            assert_eq!(status, StatusCode::OK);
            let ratings = list["ratings"].as_array().unwrap();
            for r in ratings {
                assert_eq!(r["rater"], username, "{username} sees another rater's rating: {r}");
            }
            seen += ratings.len();
        }
        // Seed: four panelists submitted 40 units each, three have drafts, syd-3 now 40: values exist.
        assert!(seen >= 5 * 40, "{seen}");
        let koordinator = token(app, "koordinator").await;
        let (status, list) = get_ratings(app, "25.1", &koordinator).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list, json!({"ratings": []}), "the koordinator sees progress only, never values");
        let outsider = token(app, "hovedstaden-2").await;
        let (status, _) = get_ratings(app, "25.1", &outsider).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // After the reveal everybody on the audit sees every submitted rating, never a draft.
        reveal(app, "25.1").await;
        let (_, list) = get_ratings(app, "25.1", &koordinator).await;
        let ratings = list["ratings"].as_array().unwrap();
        assert_eq!(ratings.len(), 5 * 40, "hovedstaden-1, midt-1, nord-3, oest-1 and syd-3");
        assert!(ratings.iter().all(|r| r["status"] == "submitted"));
    })
    .await;
}
