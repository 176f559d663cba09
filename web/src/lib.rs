//! The auditpanel web application: axum routes, authentication, maud pages, the JSON API under
//! `/api/v1`, and the stylesheets embedded in the binary.
//!
//! Map of the crate (one module per concern; page groups under `pages/`, API groups under `api/`):
//! - [`state`]: [`AppState`] (database, [`Clock`], [`WebConfig`]), reached with `State`.
//! - [`error`]: [`AppError`] (a Danish page) and [`ApiError`] (a problem document).
//! - [`auth`]: sessions, [`auth::CurrentUser`], [`auth::ApiUser`], CSRF, login throttling.
//! - [`extract`]: `Form` and `ApiJson`, whose rejections speak Danish.
//! - [`access`]: who may open which audit.
//! - [`layout`] and [`components`]: the page frame and the shared pieces (Danish dates, workflow steps).
//! - [`pages`] and [`api`]: the routes. What both need lives outside `pages`: [`exports`] (the CSV and
//!   .xlsx files), [`report_source`] (the report's audit and live draft) and `rating_rules` (who rates,
//!   and the Danish wording of refused ratings).
//! - [`reminders`]: the daily job that writes follow-up reminders into inboxes and e-mails them through
//!   [`mail`] (settings and an SMTP sender on `lettre`, knowing nothing of reminders or state).
//!
//! Handlers are thin: parse, check access, call the store (which applies the domain's rules), render.
//!
//! Adding a page group (the shape `pages/audits.rs` shows):
//! 1. A module `pages/<group>.rs` with `pub(crate) fn router() -> Router<AppState>`, merged in
//!    `pages::router`; its handlers and views live together in it.
//! 2. Handlers take `State<AppState>`, a [`auth::CurrentUser`] (redirects to `/login` when there is no
//!    session) and their path; an audit comes from [`access::audit_for`] (404/403 decided there), a role
//!    check is `user.require_koordinator()?`; they return `Result<Markup, AppError>`, or a 303 redirect
//!    after a post.
//! 3. Forms post URL-encoded bodies read with [`extract::Form`] and carry
//!    `components::form::csrf_field(user.csrf_token())`; the CSRF middleware checks it before the
//!    handler runs. Multipart uploads carry the same field as their first field;
//!    the token never goes in a URL.
//! 4. Views are functions returning `Markup` inside [`layout::page`]; dates are
//!    [`components::DanishDate`]; never `PreEscaped` on user text. Navigation entries go in
//!    [`layout::nav_items`].
//! 5. The API mirror goes in `api/<group>.rs` with [`auth::ApiUser`] and [`ApiError`], JSON bodies through
//!    [`extract::ApiJson`].
//! 6. End-to-end tests go in `tests/` (package `e2e`) with `spawn_app`/`on_each_engine`.

pub mod access;
mod agreement_cache;
pub mod api;
mod asset_routes;
mod assets;
mod audit_cache;
pub mod auth;
pub mod clock;
pub mod components;
mod current_user;
pub mod demo;
pub mod error;
pub mod exports;
pub mod extract;
pub mod layout;
pub mod mail;
mod material_text;
pub mod pages;
mod rating_rules;
pub mod reminders;
pub mod report_render;
pub mod report_source;
pub mod security;
pub mod state;

use axum::Router;
use axum::extract::Request;
use axum::middleware;
use axum::routing::get;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use clock::Clock;
pub use error::{ApiError, AppError};
pub use state::{AppState, WebConfig};

/// The whole application: pages, API, assets and `/healthz`, with session loading, CSRF protection,
/// security headers and request tracing.
pub fn router(state: AppState) -> Router {
    let pages = pages::router()
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(middleware::from_fn(auth::csrf::protect))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::load_session,
        ));
    let api = api::router()
        .method_not_allowed_fallback(|| async { ApiError::from(AppError::MethodNotAllowed) })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::load_session,
        ));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(asset_routes::router())
        .nest("/api/v1", api)
        .merge(pages)
        .layer(middleware::map_response(security::headers))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    // The path only: query strings may carry tokens.
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}
