//! The calendar feed, `GET /opfoelgning.ics?token=T`: the follow-up deadlines the token's user may see as
//! an iCalendar feed (`audit::followup::ics::kalender`), for subscribing from a calendar program, which
//! cannot log in; and `POST /opfoelgning/kalender`, which gives the logged-in user the address.
//!
//! The token is a feed token (`audit::TokenScope::Feed`), made on `/opfoelgning` ("Abonnér i din
//! kalender"): it opens the feed and nothing else, and an API token does not open the feed, since a
//! calendar program stores and syncs the address. A missing, wrong, revoked or expired token gets 401 and
//! nothing else. Only the token's hash is stored, so the address is shown once, when it is made; making a
//! new one (forny) revokes the old in the same transaction. The request log records the path only, never
//! the query with the token.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::visible_actions;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::layout;
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
    let holder = if token.is_empty() {
        None
    } else {
        store::sessions::token_holder(app.db(), token, app.clock().now()).await?
    };
    let Some(user) = holder
        .filter(|h| audit::token_permits(h.scope, audit::TokenUse::Feed))
        .map(|h| h.user)
    else {
        return Ok((
            StatusCode::UNAUTHORIZED,
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            "Kalenderen kræver en gyldig kalendernøgle (?token=…). Hent en ny adresse under \
             »Abonnér i din kalender« på siden Opfølgning; en API-nøgle virker ikke her.\n",
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

/// The section of `/opfoelgning` that offers the calendar address: to make one, or to renew it when the
/// user already has one (made `since`).
pub(crate) fn offer(user: &CurrentUser, since: Option<time::Date>) -> Markup {
    html! {
        section.no-print aria-labelledby="kalender" {
            h2 #kalender { "Kalender" }
            form method="post" action="/opfoelgning/kalender" {
                (crate::components::form::csrf_field(user.csrf_token()))
                @match since {
                    Some(since) => {
                        p {
                            "Du har en kalenderadresse fra " (crate::components::DanishDate(since)) ". "
                            "Adressen vises kun, når den laves. Forny den, hvis du har mistet den eller "
                            "tror, andre kender den: den gamle holder så op med at virke."
                        }
                        button.secondary type="submit" { "Forny kalenderadressen" }
                    }
                    None => {
                        p { "Få fristerne for de opfølgningspunkter, du kan se, i din kalender." }
                        button type="submit" { "Abonnér i din kalender" }
                    }
                }
            }
        }
    }
}

/// `POST /opfoelgning/kalender`: a new feed token for the user (revoking the one before), shown once as
/// a `webcal://` link and an address to copy.
pub(crate) async fn subscribe(
    State(app): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let token =
        store::sessions::renew_feed_token(app.db(), user.username(), app.clock().now()).await?;
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or("localhost");
    let https = app.config().secure_cookies
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|p| p.as_bytes().eq_ignore_ascii_case(b"https"));
    let path = format!("/opfoelgning.ics?token={token}");
    let scheme = if https { "https" } else { "http" };
    let address = format!("{scheme}://{host}{path}");
    let content = html! {
        div.notice.ok role="status" {
            p { "Din kalenderadresse er lavet. Den vises kun denne ene gang; en tidligere adresse virker ikke længere." }
        }
        p { a.button href=(format!("webcal://{host}{path}")) { "Abonnér i din kalender" } }
        div.field {
            label for="kalenderadresse" { "Eller kopiér adressen ind i dit kalenderprogram" }
            input #kalenderadresse type="text" readonly value=(address);
        }
        p.muted { "Adressen giver kun adgang til kalenderen, ikke til resten af auditpanel. Del den ikke." }
        p { a href="/opfoelgning" { "Tilbage til opfølgningen" } }
    };
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        layout::page("Kalenderadresse", Some(&user), content),
    )
        .into_response())
}
