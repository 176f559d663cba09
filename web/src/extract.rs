//! Extractors whose rejections speak Danish: [`Form`] for pages (a Danish 422/400 page) and [`ApiJson`]
//! for the API (a problem document); [`PagePath`] and [`ApiPath`] for path parameters, parsed once into
//! their domain types (`AuditNr`, `MaterialId`, …), a parameter that does not parse being a Danish 404.
//! Use these instead of `axum::Form`, `axum::Json` and `axum::extract::Path`.
//!
//! CSRF is not checked here but for every unsafe request by the middleware in `auth::csrf`, before any
//! handler runs, so a handler cannot forget it.

use axum::extract::{FromRequest, FromRequestParts};
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, AppError};

/// A URL-encoded form body; a body that does not fit `T` becomes a Danish error page. Fields the struct
/// does not name (such as `_csrf`) are ignored.
#[derive(Debug, Clone, FromRequest)]
#[from_request(via(axum::Form), rejection(AppError))]
pub struct Form<T>(pub T);

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
