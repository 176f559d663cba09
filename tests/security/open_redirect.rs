//! Security regression tests: open_redirect (see `tests/security.rs`).
//!
//! `next` on `/login` says where to go after logging in. A browser strips tabs and newlines from a URL
//! and reads a backslash as a slash, so a `next` that merely *starts* with one slash could still send
//! the user to another site. These tests try the tricks an attacker would, on both paths that redirect
//! (already logged in: `GET /login`; after logging in: `POST /login`), and require every `Location` to
//! be a path on this site; control characters must give the login page, not a server error.

use reqwest::{Client, StatusCode, Url, header};

use crate::helpers::{PASSWORD, TestApp, client, csrf_token, get, on_each_engine};

/// `next` values that must never lead off this site.
const HOSTILE: &[&str] = &[
    "/\t/evil.example/",
    "/\t\\evil.example/",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "/%09/evil.example",
    "/%2F/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "https:evil.example",
    "https://evil.example/",
    "http://evil.example/",
    "/\u{0}/evil.example",
    "/\u{1}",
    "/\u{7f}",
    "\u{0}",
    " //evil.example",
];

/// Asserts that a redirect's `Location` is a path on this site: resolved the way a browser resolves it
/// (WHATWG URL rules) against the app's address, it stays on the app's origin, and it is written as a
/// plain path (no scheme, no `//`, no characters a browser would strip or reinterpret).
fn assert_same_origin(app: &TestApp, next: &str, response: &reqwest::Response) {
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "next={next:?}: a redirect"
    );
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap_or_else(|_| panic!("next={next:?}: Location is not ASCII"));
    assert!(
        location.starts_with('/') && !location.starts_with("//"),
        "next={next:?}: Location {location:?} is not a path"
    );
    assert!(
        !location.contains(['\t', '\r', '\n', '\\']) && !location.chars().any(char::is_control),
        "next={next:?}: Location {location:?} holds characters a browser strips or rewrites"
    );
    let base = Url::parse(&app.base).unwrap();
    let target = base.join(location).unwrap();
    assert_eq!(
        target.origin(),
        base.origin(),
        "next={next:?}: Location {location:?} leaves the site"
    );
}

/// Hole: `next` values with tabs, newlines, backslashes, encoded or absolute URLs redirected a logged-in
/// user off-site (`GET /login`), and control characters gave a 500.
#[tokio::test]
async fn a_logged_in_user_is_never_sent_off_site_by_next() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        for next in HOSTILE {
            let response = koordinator
                .get(app.url("/login"))
                .query(&[("next", next)])
                .send()
                .await
                .unwrap();
            assert_same_origin(app, next, &response);
        }
        // A path on the site is still followed, query included.
        let response = koordinator
            .get(app.url("/login"))
            .query(&[("next", "/audits/19.1?fane=panel")])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()[header::LOCATION],
            "/audits/19.1?fane=panel"
        );
    })
    .await;
}

/// Hole: the same `next` values posted with the login form redirected off-site after the login, and
/// control characters gave a 500 instead of logging in.
#[tokio::test]
async fn logging_in_never_sends_the_user_off_site() {
    on_each_engine(async |app| {
        for next in HOSTILE {
            let client = client();
            let response = post_login_with_next(app, &client, next).await;
            assert_same_origin(app, next, &response);
        }
        let client = client();
        let response = post_login_with_next(app, &client, "/audits/19.1").await;
        assert_eq!(response.headers()[header::LOCATION], "/audits/19.1");
    })
    .await;
}

/// Hole: control characters in `next` gave a 500 on the login page; they must give the login form,
/// and its hidden `next` field must not carry them (or a way off the site) into the form.
#[tokio::test]
async fn control_characters_in_next_give_the_login_page() {
    on_each_engine(async |app| {
        for next in HOSTILE {
            let client = client();
            let response = client
                .get(app.url("/login"))
                .query(&[("next", next)])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "next={next:?}");
            let page = response.text().await.unwrap();
            assert!(page.contains("Log ind"), "next={next:?}: {page}");
            if let Some(field) = hidden_next(&page) {
                assert!(
                    field.starts_with('/') && !field.starts_with("//") && !field.contains('\\'),
                    "next={next:?}: the form's next is {field:?}"
                );
            }
        }
    })
    .await;
}

/// Posts the login form as `koordinator` with the right password and `next`.
async fn post_login_with_next(app: &TestApp, client: &Client, next: &str) -> reqwest::Response {
    let (status, page) = get(client, &app.url("/login")).await;
    assert_eq!(status, StatusCode::OK);
    client
        .post(app.url("/login"))
        .form(&[
            ("_csrf", csrf_token(&page).as_str()),
            ("username", "koordinator"),
            ("password", PASSWORD),
            ("next", next),
        ])
        .send()
        .await
        .unwrap()
}

/// The value of the login form's hidden `next` field, if it has one.
fn hidden_next(page: &str) -> Option<&str> {
    let marker = "name=\"next\" value=\"";
    let start = page.find(marker)? + marker.len();
    let end = start + page[start..].find('"')?;
    Some(&page[start..end])
}
