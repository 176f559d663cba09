//! `GET /indbakke`: the user's reminders of follow-up deadlines (written by the daily job in
//! `crate::reminders`), newest first, unread ones marked; posts mark one or all read, and set the
//! address the user wants reminders e-mailed to. Only reminders of actions the user may see are shown
//! (`super::Scope`).

use std::collections::BTreeSet;

use audit::{bedoemmelsesfrist, hoering};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use store::reminders::Reminder;

use crate::auth::CurrentUser;
use crate::components::DanishDate;
use crate::components::form::{csrf_field, input};
use crate::error::AppError;
use crate::extract::Form;
use crate::layout;
use crate::state::AppState;

/// `GET /indbakke`.
pub(crate) async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
) -> Result<Markup, AppError> {
    let email = store::reminders::email_of(app.db(), user.username()).await?;
    page(&app, &user, email.as_deref().unwrap_or(""), None).await
}

async fn page(
    app: &AppState,
    user: &CurrentUser,
    email: &str,
    email_error: Option<&str>,
) -> Result<Markup, AppError> {
    // Only reminders of actions the user may see now: the job writes no others, but a row written
    // before an action left the published plan must not show its text either.
    let visible: BTreeSet<(String, String)> = super::visible_actions(app, user.user())
        .await?
        .into_iter()
        .map(|t| (t.audit.to_string(), t.tiltag.id))
        .collect();
    let reminders: Vec<Reminder> = store::reminders::inbox(app.db(), user.username())
        .await?
        .into_iter()
        .filter(|r| {
            // A rating reminder is the recipient's own progress, written to them alone.
            r.action == bedoemmelsesfrist::HANDLING
                || r.action == hoering::HANDLING
                || r.action == hoering::ORIENTERING
                || visible.contains(&(r.audit.clone(), r.action.clone()))
        })
        .collect();
    let unread = reminders.iter().filter(|r| r.read_at.is_none()).count();
    Ok(layout::page(
        "Indbakke",
        Some(user),
        html! {
            p.lead {
                "Påmindelser om frister for opfølgningspunkter (30, 7 og 1 dag før fristen og dagen efter) og for bedømmelser (14, 7 og 2 dage før fristen og dagen efter). "
                @match unread {
                    0 => "Du har ingen ulæste påmindelser.",
                    1 => "Du har 1 ulæst påmindelse.",
                    n => { "Du har " (n) " ulæste påmindelser." },
                }
            }
            @if unread > 0 {
                form method="post" action="/indbakke/laest" {
                    (csrf_field(user.csrf_token()))
                    button.secondary type="submit" { "Markér alle som læst" }
                }
            }
            @if reminders.is_empty() {
                p { "Der er ingen påmindelser." }
            } @else {
                ul.inbox {
                    @for r in &reminders { (item(user, r)) }
                }
            }
            section aria-labelledby="e-mail" {
                h2 #e-mail { "Påmindelser på e-mail" }
                p { "Påmindelserne sendes også på e-mail, når serveren er sat op til det. Lad feltet stå tomt for ikke at få e-mail." }
                form.stacked method="post" action="/indbakke/e-mail" {
                    (csrf_field(user.csrf_token()))
                    (input("email", "E-mailadresse", "email", email, email_error, "email"))
                    button type="submit" { "Gem adressen" }
                }
            }
        },
    ))
}

fn item(user: &CurrentUser, r: &Reminder) -> Markup {
    html! {
        li.unread[r.read_at.is_none()] {
            @if r.read_at.is_none() { strong { "Ulæst: " } }
            (r.message) " "
            @if r.action == bedoemmelsesfrist::HANDLING {
                a href=(format!("/audits/{}/bedoemmelse", r.audit)) { "Gå til bedømmelsen" }
            } @else if r.action == hoering::HANDLING {
                a href=(format!("/audits/{}/rapport/hoering", r.audit)) { "Læs udkastet og afgiv høringssvar" }
            } @else if r.action == hoering::ORIENTERING {
                a href=(format!("/audits/{}/rapport", r.audit)) { "Læs rapporten" }
            } @else {
                a href=(format!("/opfoelgning/{}/{}", r.audit, r.action)) { "Se punktet" }
            }
            br;
            @if r.action == hoering::ORIENTERING {
                span.muted { "Offentliggjort " (DanishDate(r.due)) "." }
            } @else {
                span.muted { "Fristen er " (DanishDate(r.due)) "." }
            }
            @if r.read_at.is_none() {
                form.inline method="post" action="/indbakke/laest" {
                    (csrf_field(user.csrf_token()))
                    input type="hidden" name="id" value=(r.id);
                    button.secondary type="submit" { "Markér som læst" }
                }
            }
        }
    }
}

/// The body of `POST /indbakke/laest`: one reminder, or all when `id` is missing.
#[derive(Debug, Deserialize)]
pub(crate) struct ReadForm {
    #[serde(default)]
    id: Option<i64>,
}

/// `POST /indbakke/laest`.
pub(crate) async fn mark_read(
    State(app): State<AppState>,
    user: CurrentUser,
    Form(form): Form<ReadForm>,
) -> Result<Redirect, AppError> {
    store::reminders::mark_read(app.db(), user.username(), form.id, app.clock().now()).await?;
    Ok(Redirect::to("/indbakke"))
}

/// The body of `POST /indbakke/e-mail`.
#[derive(Debug, Deserialize)]
pub(crate) struct EmailForm {
    #[serde(default)]
    email: String,
}

/// `POST /indbakke/e-mail`.
pub(crate) async fn set_email(
    State(app): State<AppState>,
    user: CurrentUser,
    Form(form): Form<EmailForm>,
) -> Result<Response, AppError> {
    let email = form.email.trim();
    match store::reminders::set_email(
        app.db(),
        user.username(),
        Some(email).filter(|e| !e.is_empty()),
        app.clock().now(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/indbakke").into_response()),
        Err(store::StoreError::Invalid(message)) => {
            let message = crate::components::labels::capitalized(&message) + ".";
            let page = page(&app, &user, email, Some(&message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(err) => Err(err.into()),
    }
}
