//! The HTML pages, one module per page group. Each module has a `router()` with its routes and keeps its
//! handlers and views together; `router` merges them.
//!
//! Page groups still to come (issue 5) get their own module here: audit set-up, panel, material,
//! forms, rating, dashboard, discussion, report, follow-up.

pub mod audits;
pub mod home;
pub mod login;
pub mod report;

use axum::Router;

use crate::state::AppState;

/// Every page route.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(home::router())
        .merge(audits::router())
        .merge(report::router())
}
