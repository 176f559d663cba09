//! Logging in and out, login throttling, CSRF and the security headers, over HTTP.

use reqwest::{StatusCode, header};

use crate::helpers::{PASSWORD, client, csrf_token, get, on_each_engine, spawn_second_server};

#[tokio::test]
async fn healthz_answers_ok() {
    on_each_engine(async |app| {
        let (status, body) = get(&app.client, &app.url("/healthz")).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    })
    .await;
}

#[tokio::test]
async fn a_page_without_a_session_sends_the_browser_to_the_login_page_and_back() {
    on_each_engine(async |app| {
        let response = app
            .client
            .get(app.url("/audits/25.1"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            response.headers()[header::LOCATION],
            "/login?next=%2Faudits%2F25.1"
        );
        let (status, page) = get(&app.client, &app.url("/login?next=%2Faudits%2F25.1")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(r#"<html lang="da">"#));
        assert!(page.contains(r#"name="next" value="/audits/25.1""#));
    })
    .await;
}

#[tokio::test]
async fn login_with_the_right_password_starts_a_session_with_a_safe_cookie() {
    on_each_engine(async |app| {
        let client = client();
        let response = app.post_login(&client, "koordinator", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/");
        let cookie = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.starts_with("auditpanel_session="))
            .expect("a session cookie");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain http: {cookie}");
        assert_eq!(app.count("sessions").await, 1);

        let (status, page) = get(&client, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Koordinator, Auditfunktionen"),
            "the user's name"
        );
        assert!(page.contains("Log ud"));
        assert!(page.contains("<h1>Auditforløb</h1>"));
        assert!(page.contains(r#"<a href="/" aria-current="page">Auditforløb</a>"#));
        assert!(page.contains(r##"<a class="skip-link" href="#indhold">Gå til indhold</a>"##));
        assert!(
            page.contains(r#"<link rel="stylesheet" media="print" href="/assets/print.css?v="#)
        );
    })
    .await;
}

#[tokio::test]
async fn the_session_cookie_is_secure_behind_an_https_proxy() {
    on_each_engine(async |app| {
        let client = client();
        let (_, page) = get(&client, &app.url("/login")).await;
        let response = client
            .post(app.url("/login"))
            .header("x-forwarded-proto", "https")
            .form(&[
                ("_csrf", csrf_token(&page).as_str()),
                ("username", "koordinator"),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.contains("; Secure"), "{cookie}");
    })
    .await;
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_danish_and_keeps_the_username() {
    on_each_engine(async |app| {
        let client = client();
        let response = app.post_login(&client, "midt-1", "forkert").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(
            response
                .headers()
                .get(header::SET_COOKIE)
                .is_none_or(|c| !c.to_str().unwrap().starts_with("auditpanel_session"))
        );
        let page = response.text().await.unwrap();
        assert!(
            page.contains("Forkert brugernavn eller adgangskode."),
            "{page}"
        );
        assert!(page.contains(r#"value="midt-1""#));
        assert_eq!(app.count("sessions").await, 0);

        // An unknown user gets the very same answer.
        let response = app.post_login(&client, "ingen-saadan", "demo").await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Forkert brugernavn eller adgangskode.")
        );
    })
    .await;
}

#[tokio::test]
async fn logging_out_ends_the_session_in_the_database() {
    on_each_engine(async |app| {
        let client = app.login_as("koordinator").await;
        let (_, page) = get(&client, &app.url("/")).await;
        let response = client
            .post(app.url("/logout"))
            .form(&[("_csrf", csrf_token(&page))])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.count("sessions").await, 0);
        let response = client.get(app.url("/")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "logged out");
        let (_, page) = get(&client, &app.url("/login?logget_ud=1")).await;
        assert!(page.contains("Du er logget ud."));
    })
    .await;
}

#[tokio::test]
async fn repeated_failures_throttle_the_username_even_with_the_right_password() {
    on_each_engine(async |app| {
        let client = client();
        for attempt in 1..=5 {
            let response = app.post_login(&client, "syd-1", "forkert").await;
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "attempt {attempt}"
            );
        }
        // The sixth attempt is refused before the password is checked: the right one does not help.
        let response = app.post_login(&client, "syd-1", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let page = response.text().await.unwrap();
        assert!(page.contains("For mange mislykkede forsøg"), "{page}");
        assert_eq!(app.count("sessions").await, 0);
        // Case variants count as the same username.
        let response = app.post_login(&client, "SYD-1", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        // Other users are not affected.
        let response = app.post_login(&client, "syd-3", PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn a_form_post_without_the_csrf_token_is_refused_and_changes_nothing() {
    on_each_engine(async |app| {
        // Login form without the token: no attempt recorded, no session.
        let client = client();
        let _ = get(&client, &app.url("/login")).await;
        let attempts = app.count("login_attempts").await;
        let response = client
            .post(app.url("/login"))
            .form(&[("username", "koordinator"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let page = response.text().await.unwrap();
        assert!(page.contains("sikkerhedsnøglen mangler"), "{page}");
        assert!(page.contains("Intet er ændret."));
        assert_eq!(app.count("sessions").await, 0);
        assert_eq!(app.count("login_attempts").await, attempts);

        // Logout without the token, and with another session's token: the session survives.
        let client = app.login_as("koordinator").await;
        let other = app.login_as("midt-1").await;
        let (_, other_page) = get(&other, &app.url("/")).await;
        for form in [vec![], vec![("_csrf", csrf_token(&other_page))]] {
            let response = client
                .post(app.url("/logout"))
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN);
        }
        assert_eq!(app.count("sessions").await, 2);
        let (status, _) = get(&client, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK, "still logged in");
    })
    .await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        for (client, path) in [
            (&app.client, "/healthz"),
            (&app.client, "/login"),
            (&app.client, "/assets/style.css"),
            (&app.client, "/findes-ikke"),
            (&app.client, "/api/v1/audits"),
            (&koordinator, "/"),
            (&koordinator, "/audits/25.1"),
        ] {
            let response = client.get(app.url(path)).send().await.unwrap();
            let headers = response.headers();
            let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
            assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{path}");
            assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
        }
    })
    .await;
}

#[tokio::test]
async fn assets_are_served_with_their_type_and_long_caching() {
    on_each_engine(async |app| {
        let (_, page) = get(&app.client, &app.url("/login")).await;
        let start = page.find("/assets/style.css?v=").unwrap();
        let href = &page[start..start + page[start..].find('"').unwrap()];
        let response = app.client.get(app.url(href)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/css; charset=utf-8"
        );
        assert!(
            response.headers()[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        let etag = response.headers()[header::ETAG].clone();
        assert!(response.text().await.unwrap().contains("--brand"));
        let again = app
            .client
            .get(app.url(href))
            .header(header::IF_NONE_MATCH, etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        let (status, page) = get(&app.client, &app.url("/assets/findes-ikke.css")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("Siden findes ikke."));
    })
    .await;
}

#[tokio::test]
async fn a_session_started_on_one_server_works_on_a_second_one_on_the_same_database() {
    on_each_engine(async |app| {
        // The second server also runs `--demo`: on a database that holds exactly the demo, a no-op.
        let (second, _stop) = spawn_second_server(app).await;
        assert_eq!(
            app.count("users").await,
            29,
            "the demo was not seeded twice"
        );
        let client = app.login_as("koordinator").await;
        let (status, page) = get(&client, &format!("{second}/audits/25.1")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Fremdrift"));
        // Logging out on the second server ends the session on the first.
        let response = client
            .post(format!("{second}/logout"))
            .form(&[("_csrf", csrf_token(&page))])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let response = client.get(app.url("/")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    })
    .await;
}

#[tokio::test]
async fn an_incomplete_form_is_a_danish_422_page() {
    on_each_engine(async |app| {
        let client = client();
        let (_, page) = get(&client, &app.url("/login")).await;
        let response = client
            .post(app.url("/login"))
            .form(&[
                ("_csrf", csrf_token(&page).as_str()),
                ("username", "koordinator"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.unwrap();
        assert!(page.contains("Formularen er ufuldstændig"), "{page}");
        assert_eq!(app.count("sessions").await, 0);
    })
    .await;
}

#[tokio::test]
async fn a_wrong_http_method_gets_a_danish_405_page_or_problem() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        // /audits/{nr}/transition only takes POST (the workflow buttons).
        let (status, page) = get(&k, &app.url("/audits/25.1/transition")).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert!(
            page.contains("kan ikke bruges på denne måde") && page.contains("lang=\"da\""),
            "{page}"
        );
        // /api/v1/audits only takes GET: a problem document in Danish.
        let response = k.delete(app.url("/api/v1/audits")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let problem: serde_json::Value = response.json().await.unwrap();
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("kan ikke bruges på denne måde")
        );
    })
    .await;
}
