//! The HTML pages, one module per page group. Each module has a `router()` with its routes and keeps its
//! handlers and views together; `router` merges them.
//!
//! Page groups still to come (issue 5) get their own module here: audit set-up, panel, material,
//! forms, rating, dashboard, discussion, report, follow-up.

pub mod audits;
pub mod compliance;
pub mod dashboard;
pub mod followup;
pub mod home;
pub mod login;
pub mod rating;
pub mod report;
pub mod setup;
pub mod timelines;

use axum::Router;

use crate::state::AppState;

/// Every page route.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(home::router())
        .merge(audits::router())
        .merge(rating::router())
        .merge(dashboard::router())
        .merge(setup::router())
        .merge(followup::router())
        .merge(compliance::router())
        .merge(timelines::router())
        .merge(report::router())
}
