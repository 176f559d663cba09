//! The JSON API under `/api/v1`: the same data as the pages, under exactly the same access and
//! visibility rules (`access`, `audit::visibility`). Callers authenticate with `Authorization: Bearer T`
//! or the session cookie; errors are `application/problem+json` with a Danish `detail` (`ApiError`).
//!
//! Write endpoints must take their body through `extract::ApiJson`, which insists on
//! `Content-Type: application/json`: a cross-site form cannot send that, so the form CSRF check is not
//! needed here.

pub mod agreement;
pub mod audits;
pub mod ratings;
pub mod report;
pub mod workflow;

use axum::Router;

use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Every API route, to be nested under `/api/v1`.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .merge(audits::router())
        .merge(ratings::router())
        .merge(agreement::router())
        .merge(workflow::router())
        .merge(report::router())
        .fallback(|| async { ApiError(AppError::NotFound) })
}
