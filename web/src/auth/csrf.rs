//! CSRF protection for every form post, in one middleware so that no handler can forget it.
//!
//! Every form carries the hidden field `_csrf` (`components::form::csrf_field`). Its value is the
//! session's CSRF secret, stored with the session in the database; before login (the login form itself)
//! it is a random token that is also set as the cookie `auditpanel_csrf` (double submit). `protect`
//! compares the submitted token with the expected one in constant time for every POST, PUT, PATCH and
//! DELETE outside `/api/v1`, and answers a missing or wrong token with the Danish 403 page before any
//! handler runs, so nothing is changed.
//!
//! Where the token is read from: the `_csrf` field of a URL-encoded body; the first field of a multipart
//! body (an upload form puts `csrf_field` first), peeked without consuming the body; or, for any body
//! that is not URL-encoded, the `X-CSRF-Token` header. Never from the URL: a token in a query string ends up in logs, history and
//! `Referer` headers, so a `?_csrf=` is ignored and the request refused like one without a token.

use axum::body::{Body, Bytes, to_bytes};
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

/// The most of a multipart body read to find the token in its first field; the field is a few hundred
/// bytes, so a body whose first field does not end within this is refused.
const MULTIPART_PEEK_LIMIT: usize = 16 * 1024;

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
        match (from_header, multipart_boundary(&parts.headers)) {
            (None, Some(boundary)) => peek_multipart(body, &boundary).await,
            (from_header, _) => (from_header, body),
        }
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

/// The boundary of a `multipart/form-data` body, from its `Content-Type`.
fn multipart_boundary(headers: &HeaderMap) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|param| {
        let (name, value) = param.trim().split_once('=')?;
        name.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// Reads the start of a multipart body until its first field is complete and returns the token in it
/// (if that field is `_csrf`) with a body that yields the same bytes again, the peeked ones first.
async fn peek_multipart(body: Body, boundary: &str) -> (Option<String>, Body) {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut seen = Vec::new();
    let mut token = None;
    while seen.len() <= MULTIPART_PEEK_LIMIT {
        match stream.next().await {
            Some(Ok(chunk)) => seen.extend_from_slice(&chunk),
            _ => break,
        }
        if let Some(found) = first_field_token(&seen, boundary) {
            token = found;
            break;
        }
    }
    let peeked = futures_util::stream::once(async move { Ok(Bytes::from(seen)) });
    (token, Body::from_stream(peeked.chain(stream)))
}

/// The token in the first field of the multipart body that starts with `bytes`: `None` while that field
/// has not ended yet, `Some(None)` when it is complete but is not a `_csrf` field.
fn first_field_token(bytes: &[u8], boundary: &str) -> Option<Option<String>> {
    let opening = format!("--{boundary}\r\n");
    let start = find(bytes, opening.as_bytes())? + opening.len();
    let headers_len = find(&bytes[start..], b"\r\n\r\n")?;
    let value_start = start + headers_len + 4;
    let closing = format!("\r\n--{boundary}");
    let value_len = find(&bytes[value_start..], closing.as_bytes())?;
    let headers = String::from_utf8_lossy(&bytes[start..start + headers_len]);
    let is_token = headers.split("\r\n").any(|line| {
        line.split_once(':').is_some_and(|(name, value)| {
            name.trim().eq_ignore_ascii_case("content-disposition")
                && value
                    .split(';')
                    .any(|param| param.trim() == format!("name=\"{FIELD}\""))
        })
    });
    let value = &bytes[value_start..value_start + value_len];
    Some(
        is_token
            .then(|| String::from_utf8(value.to_vec()).ok())
            .flatten(),
    )
}

/// The position of `needle` in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
    use super::{first_field_token, from_form, tokens_match};

    #[test]
    fn the_token_is_the_first_multipart_field_only() {
        let body = |first: &str| {
            format!(
                "--b\r\nContent-Disposition: form-data; name=\"{first}\"\r\n\r\nabc\r\n--b\r\n\
                 Content-Disposition: form-data; name=\"_csrf\"\r\n\r\nlater\r\n--b--\r\n"
            )
        };
        assert_eq!(
            first_field_token(body("_csrf").as_bytes(), "b"),
            Some(Some("abc".to_owned()))
        );
        assert_eq!(first_field_token(body("tekst").as_bytes(), "b"), Some(None));
        // Not yet complete: the caller reads more before deciding.
        assert_eq!(
            first_field_token(
                b"--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nab",
                "b"
            ),
            None
        );
    }

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
