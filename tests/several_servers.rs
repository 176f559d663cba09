//! Several `auditpanel serve` processes on one database behave as one (issue 16, item 4): a session
//! started on one server works on the other, a rating saved on one changes the dashboard the other
//! serves (its caches are keyed by the audit's revision in the database, so they follow changes made
//! by any process), and failed logins on both count toward one throttle (the attempts are stored in
//! the database).

use reqwest::StatusCode;
use serde_json::json;

use crate::full_round::revealed_round;
use crate::helpers::{NOW, PASSWORD, client, csrf_token, get, on_each_engine};

/// What the dashboard's round section says while no rater has a round-2 rating
/// (`web/src/pages/dashboard/sections/rounds.rs`).
const NO_ROUND_2: &str = "Der er endnu ingen bedømmelser i runde 2 at sammenligne med.";

#[tokio::test]
async fn two_servers_on_one_database_share_sessions_figures_and_the_login_throttle() {
    on_each_engine(async |app| {
        // Audit 25.9, revealed on server A with three panelists' round-1 ratings.
        let values = [
            ("midt-1", [4, 3, 2, 5]),
            ("syd-1", [4, 2, 2, 4]),
            ("oest-3", [3, 3, 1, 5]),
        ];
        let koordinator = revealed_round(app, &values).await;
        // Server B on the same database (without --demo: the database holds more than the demo now).
        let (b, _stop_b) = crate::rating::server_at(app, NOW).await;

        // The koordinator's session from A opens the dashboard on B.
        let (status, on_b) = get(&koordinator, &format!("{b}/audits/25.9/enighed")).await;
        assert_eq!(status, StatusCode::OK, "{on_b}");
        assert!(on_b.contains(NO_ROUND_2), "{on_b}");
        // A computes and caches its dashboard before the change below.
        let (status, before) = get(&koordinator, &app.url("/audits/25.9/enighed")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(before.contains(NO_ROUND_2), "{before}");

        // A panelist logs in on A and saves a round-2 rating on B with that session.
        let midt = app.login_as("midt-1").await;
        let response = midt
            .post(format!("{b}/api/v1/audits/25.9/ratings"))
            .json(&json!({
                "ratings": [{"unit": "8.b/sag-a", "value": 1, "reason": "Efter drøftelsen."}],
                "submit": true,
                "round": 2
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "{}",
            response.text().await.unwrap()
        );

        // A's dashboard now compares the rounds: one of the 12 round-1 ratings has a round-2 partner.
        let (status, after) = get(&koordinator, &app.url("/audits/25.9/enighed")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!after.contains(NO_ROUND_2), "A still shows the old figures");
        assert!(
            after.contains("1 bedømmelser blev ændret i runde 2"),
            "midt-1 changed 8.b/sag-a from 2 to 1:\n{after}"
        );

        // Failed logins: three on A and two on B make the five the throttle allows (WebConfig's
        // default `throttle_max_failures`) for syd-3 from 127.0.0.1; the sixth is refused on either
        // server, the right password included.
        let attacker = client();
        for base in [
            app.base.as_str(),
            app.base.as_str(),
            app.base.as_str(),
            &b,
            &b,
        ] {
            let status = post_login(&attacker, base, "syd-3", "forkert").await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{base}");
        }
        assert_eq!(
            post_login(&attacker, &b, "syd-3", PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(
            post_login(&attacker, &app.base, "syd-3", PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS
        );
    })
    .await;
}

/// Posts the login form of the server at `base` and returns the status.
async fn post_login(
    client: &reqwest::Client,
    base: &str,
    username: &str,
    password: &str,
) -> StatusCode {
    let (_, page) = get(client, &format!("{base}/login")).await;
    client
        .post(format!("{base}/login"))
        .form(&[
            ("_csrf", csrf_token(&page).as_str()),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
        .status()
}
