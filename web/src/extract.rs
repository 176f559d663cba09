//! Extractors whose rejections speak Danish: [`Form`] and [`Fields`] for pages (a Danish 422/400 page)
//! and [`ApiJson`] for the API (a problem document); [`PagePath`] and [`ApiPath`] for path parameters, parsed once into
//! their domain types (`AuditNr`, `MaterialId`, …), a parameter that does not parse being a Danish 404.
//! Use these instead of `axum::Form`, `axum::Json` and `axum::extract::Path`.
//!
//! CSRF is not checked here but for every unsafe request by the middleware in `auth::csrf`, before any
//! handler runs, so a handler cannot forget it.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, AppError};

/// A URL-encoded form body; a body that does not fit `T` becomes a Danish error page. Fields the struct
/// does not name (such as `_csrf`) are ignored.
#[derive(Debug, Clone, FromRequest)]
#[from_request(via(axum::Form), rejection(AppError))]
pub struct Form<T>(pub T);

/// A URL-encoded form body as its fields in the order sent, repeated names (checkboxes, numbered
/// fields) kept: `serde_urlencoded` cannot read a repeated name into a `Vec`, so the forms that have
/// them read their body as this and look fields up by name. A body that cannot be read becomes a
/// Danish error page.
#[derive(Debug, Clone, Default)]
pub struct Fields(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let Form(pairs) = Form::from_request(request, state).await?;
        Ok(Fields(pairs))
    }
}

impl Fields {
    /// The first value of `name`, or "" when it was not sent (an unchecked checkbox).
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The first value of `name`, trimmed.
    pub fn trimmed(&self, name: &str) -> &str {
        self.get(name).trim()
    }

    /// Every value of `name` (the checked boxes of a group), trimmed, empty ones left out.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// Whether the checkbox `name` was checked.
    pub fn checked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }

    /// Whether a field `name` was sent at all (a numbered field, even empty, marks a row of the form).
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// The names sent, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The version the form was based on, for optimistic locking (0 when missing or not a number).
    pub fn version(&self) -> i64 {
        self.trimmed("version").parse().unwrap_or(0)
    }

    /// Adds a field (for values read from a multipart body).
    pub fn push(&mut self, name: &str, value: String) {
        self.0.push((name.to_owned(), value));
    }
}

/// A JSON body for `/api/v1`; a body that does not fit `T` becomes a problem document. The API's
/// write endpoints must use it: it insists on `Content-Type: application/json`, which a cross-site HTML
/// form cannot send, so cookie-authenticated API writes are safe from CSRF.
#[derive(Debug, Clone, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// The path parameters of a page, parsed into `T` (`AuditNr`, `(AuditNr, MaterialId)`, …) before the
/// handler runs; one that does not parse is the Danish 404 page of an audit or item that does not exist.
#[derive(Debug, Clone, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct PagePath<T>(pub T);

/// The path parameters of an `/api/v1` route, parsed into `T` as [`PagePath`] does; one that does not
/// parse is a 404 problem document.
#[derive(Debug, Clone, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

#[cfg(test)]
mod tests {
    use super::Fields;

    #[test]
    fn repeated_names_are_all_kept_and_missing_ones_are_empty() {
        let fields = Fields(vec![
            ("indikator".into(), "8.a".into()),
            ("titel".into(), "  Ledelse ".into()),
            ("indikator".into(), "9.d".into()),
            ("indikator".into(), " ".into()),
            ("version".into(), " 3".into()),
        ]);
        assert_eq!(fields.all("indikator"), ["8.a", "9.d"]);
        assert_eq!(fields.trimmed("titel"), "Ledelse");
        assert_eq!(fields.get("findes-ikke"), "");
        assert!(!fields.checked("helhed"));
        assert!(fields.has("titel") && !fields.has("helhed"));
        assert_eq!(fields.version(), 3);
        assert_eq!(Fields::default().version(), 0);
    }
}
