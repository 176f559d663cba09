//! Security regression tests: freeze (see `tests/security.rs`).
//!
//! Hole 1 of the trust issue: during vurdering the koordinator could switch the reveal rule from "ved
//! mødet" to "efter egen indsendelse" (`POST /audits/{nr}/edit`), after which every panelist who had
//! submitted could read everybody's values. Once a rating exists — a draft counts — the reveal rule,
//! the scale, the panel's tilsyn, the material and the forms are frozen by the domain
//! (`audit::Audit::check_setup_change`), whichever page asks for the change, and the edit page shows
//! the frozen settings read-only with the reason.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{NOW, TestApp, client, csrf_token, get, on_each_engine};
use crate::rating::{copy_in_vurdering, snapshot, token};
use crate::setup::{post, stored};

/// Everything about audit `nr` that a frozen change could touch: its settings, panel, material and
/// forms as stored, and the row counts of the event log and the ratings.
async fn frozen_state(app: &TestApp, nr: &str) -> Value {
    let audit = stored(app, nr).await;
    json!({
        "audit": serde_json::to_value(&audit).unwrap(),
        "ratings": snapshot(app, nr).await,
    })
}

/// The fields of the edit form that keep `nr`'s settings as they are, with `changes` on top.
async fn edit_fields(app: &TestApp, nr: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let audit = stored(app, nr).await;
    let rule = match audit.reveal_rule {
        audit::Afsloeringsregel::VedMoedet => "ved-moedet",
        audit::Afsloeringsregel::EfterEgenIndsendelse => "efter-egen-indsendelse",
    };
    let deadline = audit.deadline.map(|d| d.to_string()).unwrap_or_default();
    let meeting = audit
        .meeting_date
        .map(|d| d.to_string())
        .unwrap_or_default();
    let mut fields: Vec<(String, String)> = [
        ("model_version", audit.model_version.as_str()),
        ("titel", audit.titel.as_str()),
        ("formaal", audit.formaal.as_str()),
        ("fokus_tekst", audit.fokus.as_str()),
        ("deadline", deadline.as_str()),
        ("meeting_date", meeting.as_str()),
        ("reveal_rule", rule),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    for (name, value) in changes {
        match fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

/// Posts the edit form of `nr` with `fields` as the koordinator `k`: status and body.
async fn post_edit(
    app: &TestApp,
    k: &Client,
    nr: &str,
    fields: &[(String, String)],
) -> (StatusCode, String) {
    let (_, page) = get(k, &app.url(&format!("/audits/{nr}/edit"))).await;
    let mut form = vec![("_csrf".to_owned(), csrf_token(&page))];
    form.extend_from_slice(fields);
    let response = k
        .post(app.url(&format!("/audits/{nr}/edit")))
        .form(&form)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// The reveal rule cannot be switched during vurdering: the edit page refuses with a Danish message
/// that names the rule and why, nothing is stored, and a panelist who has submitted still sees only
/// their own ratings.
#[tokio::test]
async fn the_reveal_rule_cannot_be_switched_during_vurdering() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let before = frozen_state(app, "25.1").await;
        let fields = edit_fields(app, "25.1", &[("reveal_rule", "efter-egen-indsendelse")]).await;
        let (status, page) = post_edit(app, &k, "25.1", &fields).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(
            page.contains("Reglen for afsløring af bedømmelserne kan kun ændres under planlægning"),
            "{page}"
        );
        assert!(page.contains("før tid"), "the reason is given: {page}");
        assert_eq!(frozen_state(app, "25.1").await, before, "nothing changed");
        assert_eq!(
            stored(app, "25.1").await.reveal_rule,
            audit::Afsloeringsregel::VedMoedet
        );

        // hovedstaden-1 submitted everything (seed): still only their own ratings.
        let token = token(app, "hovedstaden-1").await;
        let list: Value = client()
            .get(app.url("/api/v1/audits/25.1/ratings"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let ratings = list["ratings"].as_array().unwrap();
        assert!(!ratings.is_empty());
        assert!(
            ratings.iter().all(|r| r["rater"] == "hovedstaden-1"),
            "{list}"
        );
    })
    .await;
}

/// The edit page shows the frozen settings (model version, scale, reveal rule) read-only with the
/// reason, instead of controls that would only be refused.
#[tokio::test]
async fn the_edit_page_shows_the_frozen_settings_read_only_with_the_reason() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (status, page) = get(&k, &app.url("/audits/25.1/edit")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !page.contains(r#"name="reveal_rule""#),
            "no reveal-rule control: {page}"
        );
        assert!(!page.contains(r#"name="skala""#), "no scale control");
        assert!(
            page.contains("Ved mødet: koordinatoren afslører alle bedømmelser på auditmødet"),
            "the rule in force is shown: {page}"
        );
        assert!(
            page.contains("Reglen for afsløring af bedømmelserne kan kun ændres under planlægning"),
            "{page}"
        );
    })
    .await;
}

/// A draft counts: an audit sent back to planlægning after a panelist saved a draft keeps its reveal
/// rule, scale, forms and panel, on the edit page, the form builder and the panel page alike.
#[tokio::test]
async fn after_a_draft_the_setup_stays_frozen_even_back_in_planlaegning() {
    on_each_engine(async |app| {
        let rater = copy_in_vurdering(app, "25.1", "26.1").await;
        let token = token(app, &rater).await;
        let response = client()
            .post(app.url("/api/v1/audits/26.1/ratings"))
            .bearer_auth(&token)
            .json(&json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3, "reason": "Kladde."}]}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        store::audits::transition_audit(
            app.db.db(),
            &"26.1".parse().unwrap(),
            audit::WorkflowState::Planlaegning,
            Some("Materialet skal suppleres"),
            &"koordinator".parse().unwrap(),
            NOW.date(),
            NOW,
        )
        .await
        .unwrap();
        let k = app.login_as("koordinator").await;
        let before = frozen_state(app, "26.1").await;

        let fields = edit_fields(app, "26.1", &[("reveal_rule", "efter-egen-indsendelse")]).await;
        let (status, page) = post_edit(app, &k, "26.1", &fields).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(
            page.contains("Reglen for afsløring af bedømmelserne ligger fast, fordi der allerede er afgivet bedømmelser"),
            "{page}"
        );

        let fields = edit_fields(app, "26.1", &[("skala", "godkendelse")]).await;
        let (status, page) = post_edit(app, &k, "26.1", &fields).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains("Skalaen ligger fast"), "{page}");

        let (_, builder) = get(&k, &app.url("/audits/26.1/forms")).await;
        let csrf = csrf_token(&builder);
        let (status, _, page) = post(
            app,
            &k,
            &csrf,
            "/audits/26.1/forms",
            &[
                ("titel", "Vurderingsskema"),
                ("skala", "drift"),
                ("materialer", "alle"),
                ("indikator", "8.a"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains("Vurderingsskemaerne ligger fast"), "{page}");

        let member = stored(app, "26.1").await.panel[0].username.to_string();
        let (status, _, page) = post(
            app,
            &k,
            &csrf,
            "/audits/26.1/panel/remove",
            &[("username", &member)],
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains("Panelets sammensætning ligger fast"), "{page}");

        assert_eq!(frozen_state(app, "26.1").await, before, "nothing changed");

        // The edit page says why the frozen settings are read-only.
        let (_, page) = get(&k, &app.url("/audits/26.1/edit")).await;
        assert!(!page.contains(r#"name="reveal_rule""#), "{page}");
        assert!(page.contains("ligger fast, fordi der allerede er afgivet bedømmelser"));

        // What does not touch the ratings may still change: the title.
        let fields = edit_fields(app, "26.1", &[("titel", "Ny titel")]).await;
        let (status, page) = post_edit(app, &k, "26.1", &fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(stored(app, "26.1").await.titel, "Ny titel");
    })
    .await;
}
