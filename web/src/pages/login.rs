//! Logging in and out: `GET/POST /login`, `POST /logout`.
//!
//! A login checks the throttle first (too many recent failures of the username from the client's
//! address, or from that address at all: refused without checking the password), then the password (argon2id, in the store), records the attempt, and on
//! success starts a session in the database and sets the session cookie. The form carries a CSRF token
//! like every other form (double submit before login, see `auth::csrf`).

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;

use crate::auth::{self, SESSION_COOKIE, cookie, csrf, throttle};
use crate::components::form::{csrf_field, input};
use crate::error::AppError;
use crate::extract::Form;
use crate::layout;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show).post(submit))
        .route("/logout", post(logout))
}

/// The query of `GET /login`.
#[derive(Debug, Deserialize)]
pub(crate) struct LoginQuery {
    /// Where to go after logging in.
    next: Option<String>,
    /// Set after logging out, to say so.
    logget_ud: Option<String>,
}

/// The login form as posted.
#[derive(Debug, Deserialize)]
pub(crate) struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

/// `GET /login`: the form; a logged-in user goes straight on.
async fn show(
    State(app): State<AppState>,
    session: Option<axum::Extension<auth::SessionInfo>>,
    headers: HeaderMap,
    Query(query): Query<LoginQuery>,
) -> Response {
    let next = safe_next(query.next.as_deref());
    if session.is_some() {
        return Redirect::to(next.as_deref().unwrap_or("/")).into_response();
    }
    let notice = query
        .logget_ud
        .is_some()
        .then_some(Notice::Ok("Du er logget ud."));
    form_response(&app, &headers, StatusCode::OK, "", next.as_deref(), notice)
}

/// `POST /login`: checks the throttle and the password, then starts a session.
async fn submit(
    State(app): State<AppState>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_next(form.next.as_deref());
    let key = throttle::key(&form.username);
    let address = throttle::client_address(
        peer.map(|axum::Extension(ConnectInfo(addr))| addr),
        &headers,
        app.config.client_ip_header.as_ref(),
    );
    if let Err(refusal) = throttle::check(&app, &address, &key).await? {
        let message = refusal.to_string();
        return Ok(form_response(
            &app,
            &headers,
            StatusCode::TOO_MANY_REQUESTS,
            &form.username,
            next.as_deref(),
            Some(Notice::Error(&message)),
        ));
    }
    let user = match key.parse::<audit::Username>() {
        Ok(username) => store::users::verify_password(&app.db, &username, &form.password).await?,
        Err(_) => None,
    };
    throttle::record(&app, &address, &key, user.is_some()).await?;
    let Some(user) = user else {
        tracing::info!(username = key, address, "mislykket login");
        return Ok(form_response(
            &app,
            &headers,
            StatusCode::UNAUTHORIZED,
            &form.username,
            next.as_deref(),
            Some(Notice::Error("Forkert brugernavn eller adgangskode.")),
        ));
    };
    let session = store::sessions::create_session(
        &app.db,
        &user.username,
        app.clock.now(),
        app.config.session_lifetime,
    )
    .await?;
    // Housekeeping on a path that is rare and not hot: expired sessions and login attempts older than the
    // throttling window go.
    store::sessions::purge_expired_sessions(&app.db, app.clock.now()).await?;
    store::sessions::purge_old_login_attempts(
        &app.db,
        app.clock.now() - app.config.throttle_window,
    )
    .await?;
    tracing::info!(username = %user.username, "logget ind");
    let secure = cookie::secure(&app, &headers);
    let mut response = Redirect::to(next.as_deref().unwrap_or("/")).into_response();
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        cookie::set(SESSION_COOKIE, &session.token, secure),
    );
    cookies.append(
        header::SET_COOKIE,
        cookie::clear(csrf::ANONYMOUS_COOKIE, secure),
    );
    Ok(response)
}

/// `POST /logout`: ends the session in the database and removes the cookie.
async fn logout(
    State(app): State<AppState>,
    session: Option<axum::Extension<auth::SessionInfo>>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(axum::Extension(session)) = session {
        store::sessions::end_session(&app.db, &session.token).await?;
        tracing::info!(username = %session.user.username, "logget ud");
    }
    let mut response = Redirect::to("/login?logget_ud=1").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookie::clear(SESSION_COOKIE, cookie::secure(&app, &headers)),
    );
    Ok(response)
}

/// Where to go after logging in: `next` as a path (and query) on this site, or `None`.
///
/// Browsers read a URL by the WHATWG rules: they strip tabs and newlines, take a backslash for a
/// slash, and resolve `//host` as another site. Checking the raw text misses such tricks, so `next` is
/// resolved by the same rules against a stand-in origin and accepted only if it stays on that origin;
/// what is returned is the *serialized* path and query of the parsed URL (control characters
/// percent-encoded, nothing a browser would reinterpret), never the raw input.
fn safe_next(next: Option<&str>) -> Option<String> {
    let base = url::Url::parse("http://auditpanel.invalid/").ok()?;
    let parsed = base.join(next?).ok()?;
    if parsed.origin() != base.origin() {
        return None;
    }
    let mut path = parsed.path().to_owned();
    // A path such as `/.//evil.example` normalises to `//evil.example`, which a browser would read as
    // another host: not a path on this site.
    if !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    if let Some(query) = parsed.query() {
        path.push('?');
        path.push_str(query);
    }
    Some(path)
}

enum Notice<'a> {
    Ok(&'a str),
    Error(&'a str),
}

fn form_response(
    app: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    username: &str,
    next: Option<&str>,
    notice: Option<Notice<'_>>,
) -> Response {
    let (token, set_cookie) = csrf::anonymous_token(headers, cookie::secure(app, headers));
    let mut response = (status, view(&token, username, next, notice)).into_response();
    if let Some(set_cookie) = set_cookie {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie);
    }
    response
}

fn view(token: &str, username: &str, next: Option<&str>, notice: Option<Notice<'_>>) -> Markup {
    layout::page(
        "Log ind",
        None,
        html! {
            @match notice {
                Some(Notice::Error(message)) => div.notice.error role="alert" { p { (message) } },
                Some(Notice::Ok(message)) => div.notice.ok role="status" { p { (message) } },
                None => {},
            }
            p.lead { "Log ind med dit brugernavn og din adgangskode." }
            form.stacked method="post" action="/login" {
                (csrf_field(token))
                @if let Some(next) = next {
                    input type="hidden" name="next" value=(next);
                }
                (input("username", "Brugernavn", "text", username, None, "username"))
                (input("password", "Adgangskode", "password", "", None, "current-password"))
                button type="submit" { "Log ind" }
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        let next = |n: &str| safe_next(Some(n));
        assert_eq!(next("/audits/19.1").as_deref(), Some("/audits/19.1"));
        assert_eq!(
            next("/audits/19.1?fane=a").as_deref(),
            Some("/audits/19.1?fane=a")
        );
        assert_eq!(safe_next(None), None);
        for hostile in [
            "//evil.example",
            "https://evil.example",
            "https:evil.example",
            "javascript:alert(1)",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example/",
            "/\t\\evil.example/",
            "/\n/evil.example",
            "/\r/evil.example",
            "/.//evil.example",
            " //evil.example",
        ] {
            assert_eq!(next(hostile), None, "{hostile:?}");
        }
    }

    #[test]
    fn control_characters_come_back_percent_encoded() {
        assert_eq!(safe_next(Some("/a\u{0}b")).as_deref(), Some("/a%00b"));
        assert_eq!(safe_next(Some("/a\u{7f}b")).as_deref(), Some("/a%7Fb"));
        assert_eq!(
            safe_next(Some("/%09/evil.example")).as_deref(),
            Some("/%09/evil.example")
        );
    }
}
