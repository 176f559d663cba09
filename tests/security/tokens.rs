//! Security regression tests: tokens (see `tests/security.rs`).
//!
//! Hole: every API token could do everything its user can, for ever, and the calendar feed took the same
//! tokens in its URL — so a calendar program's stored address was a key to the whole API. Tokens now
//! have a scope (read, write, feed: `audit::TokenScope`) and may expire by the server's clock; a revoked
//! or expired token gets 401, a read token 403 on a write, and the feed has its own feed-only token from
//! `/opfoelgning`, which opens nothing else and is renewed there.

use reqwest::{Client, StatusCode};
use serde_json::json;
use time::Duration;

use crate::helpers::{NOW, TestApp, client, csrf_token, get, on_each_engine};
use crate::security::followup_visibility::feed_path;

/// A token for `username` with `scope`, expiring at `expires_at`.
async fn token(
    app: &TestApp,
    username: &str,
    scope: audit::TokenScope,
    expires_at: Option<time::OffsetDateTime>,
) -> String {
    let new = store::sessions::NewApiToken {
        label: "test".into(),
        scope,
        expires_at,
    };
    store::sessions::create_token(app.db.db(), &username.parse().unwrap(), &new, NOW)
        .await
        .unwrap()
}

async fn api_get(app: &TestApp, token: &str, path: &str) -> StatusCode {
    client()
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

async fn state_of(app: &TestApp, nr: &str) -> audit::WorkflowState {
    store::audits::get_audit(app.db.db(), &nr.parse().unwrap())
        .await
        .unwrap()
        .state
}

/// A read token reads and may not write (403, nothing changes); a write token writes; an expired or a
/// revoked token gets 401.
#[tokio::test]
async fn a_read_token_cannot_write_and_an_expired_or_revoked_one_opens_nothing() {
    on_each_engine(async |app| {
        let read = token(app, "koordinator", audit::TokenScope::Read, None).await;
        let write = token(app, "koordinator", audit::TokenScope::Write, None).await;
        assert_eq!(api_get(app, &read, "/api/v1/audits").await, StatusCode::OK);
        let back = json!({"to": "planlaegning", "reason": "Forkert panel."});
        let transition = |token: &str| {
            client()
                .post(app.url("/api/v1/audits/25.1/transition"))
                .bearer_auth(token)
                .json(&back)
                .send()
        };
        let response = transition(&read).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(state_of(app, "25.1").await, audit::WorkflowState::Vurdering);
        let response = transition(&write).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            state_of(app, "25.1").await,
            audit::WorkflowState::Planlaegning
        );

        // Expired by the server's clock (NOW), whether long ago or this very moment.
        for expires in [NOW - Duration::days(1), NOW] {
            let expired = token(app, "koordinator", audit::TokenScope::Write, Some(expires)).await;
            assert_eq!(
                api_get(app, &expired, "/api/v1/audits").await,
                StatusCode::UNAUTHORIZED
            );
        }
        let later = token(
            app,
            "koordinator",
            audit::TokenScope::Read,
            Some(NOW + Duration::days(1)),
        )
        .await;
        assert_eq!(api_get(app, &later, "/api/v1/audits").await, StatusCode::OK);

        store::sessions::revoke_api_token(app.db.db(), &read, NOW)
            .await
            .unwrap();
        assert_eq!(
            api_get(app, &read, "/api/v1/audits").await,
            StatusCode::UNAUTHORIZED
        );
    })
    .await;
}

async fn feed_status(app: &TestApp, path: &str) -> StatusCode {
    client().get(app.url(path)).send().await.unwrap().status()
}

/// An API token no longer opens the feed; the page's feed token opens the feed and nothing else (401 on
/// the API), and renewing it from the page shuts the old address.
#[tokio::test]
async fn the_feed_has_its_own_token_that_opens_nothing_else() {
    on_each_engine(async |app| {
        let api = token(app, "tilsynskontakt-midt", audit::TokenScope::Write, None).await;
        assert_eq!(
            feed_status(app, &format!("/opfoelgning.ics?token={api}")).await,
            StatusCode::UNAUTHORIZED
        );
        for path in ["/opfoelgning.ics", "/opfoelgning.ics?token=forkert"] {
            assert_eq!(
                feed_status(app, path).await,
                StatusCode::UNAUTHORIZED,
                "{path}"
            );
        }

        let midt: Client = app.login_as("tilsynskontakt-midt").await;
        let (_, page) = get(&midt, &app.url("/opfoelgning")).await;
        assert!(page.contains("Abonnér i din kalender"), "{page}");
        let first = feed_path(app, &midt).await;
        let response = client().get(app.url(&first)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.text().await.unwrap().contains("BEGIN:VCALENDAR"));
        let feed_token = first.rsplit('=').next().unwrap().to_owned();
        for path in ["/api/v1/audits", "/api/v1/audits/19.1"] {
            assert_eq!(
                api_get(app, &feed_token, path).await,
                StatusCode::UNAUTHORIZED,
                "{path}"
            );
        }

        // The page now offers to renew; renewing shuts the old address.
        let (_, page) = get(&midt, &app.url("/opfoelgning")).await;
        assert!(page.contains("Forny"), "{page}");
        let _ = csrf_token(&page);
        let second = feed_path(app, &midt).await;
        assert_ne!(first, second);
        assert_eq!(feed_status(app, &first).await, StatusCode::UNAUTHORIZED);
        assert_eq!(feed_status(app, &second).await, StatusCode::OK);
    })
    .await;
}
