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
//! - [`pages`] and [`api`]: the routes.
//!
//! Handlers are thin: parse, check access, call the store (which applies the domain's rules), render.

pub mod access;
pub mod api;
mod assets;
pub mod auth;
pub mod clock;
pub mod components;
pub mod error;
pub mod extract;
pub mod layout;
pub mod pages;
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
        .layer(middleware::from_fn(auth::csrf::protect))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::load_session,
        ));
    let api = api::router().layer(middleware::from_fn_with_state(
        state.clone(),
        auth::load_session,
    ));
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(assets::router())
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
