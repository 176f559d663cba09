//! `GET /opfoelgning.ics?token=T`: the follow-up deadlines the token's user may see as an iCalendar feed
//! (`audit::followup::ics::kalender`), for subscribing from a calendar program, which cannot log in.
//!
//! The token is an API token (`auditpanel token create USER`); a missing, wrong or revoked token gets
//! 403 and nothing else. The request log records the path only, never the query with the token.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::visible_actions;
use crate::error::AppError;
use crate::state::AppState;

/// The feed's query.
#[derive(Debug, Deserialize)]
pub(crate) struct FeedQuery {
    #[serde(default)]
    token: String,
}

/// `GET /opfoelgning.ics`.
pub(crate) async fn feed(
    State(app): State<AppState>,
    Query(query): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let token = query.token.trim();
    let user = if token.is_empty() {
        None
    } else {
        store::sessions::api_token_user(app.db(), token).await?
    };
    let Some(user) = user else {
        return Ok((
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Kalenderen kræver en gyldig nøgle (?token=…) fra »auditpanel token create«.\n",
        )
            .into_response());
    };
    let actions = visible_actions(&app, &user).await?;
    let calendar = audit::followup::ics::kalender(&actions, app.clock().now());
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        calendar,
    )
        .into_response())
}
