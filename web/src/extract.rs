//! Extractors whose rejections speak Danish: [`Form`] for pages (a Danish 422/400 page) and [`ApiJson`]
//! for the API (a problem document). Use these instead of `axum::Form` and `axum::Json`.
//!
//! CSRF is not checked here but for every unsafe request by the middleware in `auth::csrf`, before any
//! handler runs, so a handler cannot forget it.

use axum::extract::FromRequest;
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
