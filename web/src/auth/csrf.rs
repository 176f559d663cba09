//! CSRF protection for every form post, in one middleware so that no handler can forget it.
//!
//! Every form carries the hidden field `_csrf` (`components::form::csrf_field`). Its value is the
//! session's CSRF secret, stored with the session in the database; before login (the login form itself)
//! it is a random token that is also set as the cookie `auditpanel_csrf` (double submit). `protect`
//! compares the submitted token with the expected one in constant time for every POST, PUT, PATCH and
//! DELETE outside `/api/v1`, and answers a missing or wrong token with the Danish 403 page before any
//! handler runs, so nothing is changed.
//!
//! Where the token is read from: the `_csrf` field of a URL-encoded body; for other bodies (multipart
//! uploads), the `X-CSRF-Token` header or a `_csrf` query parameter in the form's `action`.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{SessionInfo, cookie};
use crate::error::AppError;

/// The name of the hidden form field that carries the token (defined with the field itself, in
/// `components::form`, so that components need nothing from `auth`).
pub use crate::components::form::CSRF_FIELD as FIELD;

/// The header that may carry the token instead (for bodies that are not URL-encoded).
pub const HEADER: &str = "x-csrf-token";

/// The cookie that carries the token before login (double submit on the login form).
pub const ANONYMOUS_COOKIE: &str = "auditpanel_csrf";

/// The largest URL-encoded form body read to find the token (larger ones are refused).
const FORM_LIMIT: usize = 1024 * 1024;

/// Middleware: refuses an unsafe request whose CSRF token is missing or wrong.
pub(crate) async fn protect(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let expected = match request.extensions().get::<SessionInfo>() {
        Some(session) => Some(session.csrf.clone()),
        None => cookie::get(request.headers(), ANONYMOUS_COOKIE),
    };
    let (parts, body) = request.into_parts();
    let (submitted, body) = if is_form(&parts.headers) {
        let bytes = match to_bytes(body, FORM_LIMIT).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return AppError::BadRequest(
                    "Formularen er for stor (højst 1 MB) eller blev ikke modtaget helt. Intet er gemt.".to_owned(),
                )
                .into_response();
            }
        };
        (from_form(&bytes), Body::from(bytes))
    } else {
        let from_header = parts
            .headers
            .get(HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let from_query = parts.uri.query().and_then(|q| from_form(q.as_bytes()));
        (from_header.or(from_query), body)
    };
    match (expected, submitted) {
        (Some(expected), Some(submitted)) if tokens_match(&expected, &submitted) => {
            next.run(Request::from_parts(parts, body)).await
        }
        _ => {
            tracing::warn!(path = %parts.uri.path(), "formular afvist: manglende eller forkert CSRF-nøgle");
            AppError::Csrf.into_response()
        }
    }
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"))
}

fn from_form(bytes: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes)
        .ok()?
        .into_iter()
        .find(|(key, _)| key == FIELD)
        .map(|(_, value)| value)
}

/// Compares two tokens in time that depends only on their lengths.
fn tokens_match(expected: &str, submitted: &str) -> bool {
    let (a, b) = (expected.as_bytes(), submitted.as_bytes());
    !a.is_empty()
        && a.len() == b.len()
        && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token for a form shown before login: the one in the request's `auditpanel_csrf` cookie, or a new
/// one together with the `Set-Cookie` value that stores it.
pub(crate) fn anonymous_token(headers: &HeaderMap, secure: bool) -> (String, Option<HeaderValue>) {
    match cookie::get(headers, ANONYMOUS_COOKIE) {
        Some(token) => (token, None),
        None => {
            let token = cookie::random_token();
            let set = cookie::set(ANONYMOUS_COOKIE, &token, secure);
            (token, Some(set))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{from_form, tokens_match};

    #[test]
    fn the_token_is_found_among_other_fields() {
        assert_eq!(
            from_form(b"username=a&_csrf=abc%2Bd&password=x").as_deref(),
            Some("abc+d")
        );
        assert_eq!(from_form(b"username=a"), None);
    }

    #[test]
    fn only_equal_non_empty_tokens_match() {
        assert!(tokens_match("abc", "abc"));
        assert!(!tokens_match("abc", "abd"));
        assert!(!tokens_match("abc", "ab"));
        assert!(!tokens_match("", ""));
    }
}
