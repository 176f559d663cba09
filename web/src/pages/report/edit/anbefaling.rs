//! Editing one recommendation (`?id=…`), or adding one (no id): heading, paragraphs and bullet points,
//! and for a new one its id and the discussion it rests on.

use audit::report::sprog::anker;
use audit::text::{PROSE_MAX, SHORT_MAX, TITLE_MAX};
use audit::{Anbefaling, Emne};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use store::StoreError;
use store::report_content::{Versioned, emne_key};

use super::{
    Fields, conflict, edit_path, emne_of_key, input, join_paragraphs, koordinator_audit, lines,
    paragraphs, plain, query, saved, textarea,
};
use crate::auth::CurrentUser;
use crate::components::form::csrf_field;
use crate::error::AppError;
use crate::extract::Form;
use crate::extract::PagePath;
use crate::layout;
use crate::pages::report::report_path;
use crate::state::AppState;
use audit::AuditNr;

/// `?id=…`.
#[derive(Debug, Deserialize)]
pub(super) struct IdQuery {
    id: Option<String>,
}

/// What the form shows: the values, the version they rest on, and the errors by field.
struct Draft {
    anbefaling: Anbefaling,
    version: i64,
    new: bool,
    errors: Vec<(&'static str, String)>,
}

impl Draft {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }
}

fn view(
    user: &CurrentUser,
    nr: &audit::AuditNr,
    subjects: &[(String, String)],
    d: &Draft,
    before: Markup,
) -> Markup {
    let a = &d.anbefaling;
    let action = if d.new {
        format!("{}/anbefaling", edit_path(nr))
    } else {
        format!("{}/anbefaling{}", edit_path(nr), query("id", &a.id))
    };
    let title = if d.new {
        format!("Ny anbefaling i auditrapport {nr}")
    } else {
        format!("Rediger anbefalingen »{}«", a.overskrift)
    };
    let chosen = emne_key(&a.emne);
    layout::page(
        &title,
        Some(user),
        html! {
            (before)
            form.redigering method="post" action=(action) {
                (csrf_field(user.csrf_token()))
                input type="hidden" name="version" value=(d.version);
                @if d.new {
                    (input("id", "Id (bruges af opfølgningsplanen, fx »8-a«)", &a.id, d.error("id")))
                    div.field {
                        label for="emne" { "Bygger på drøftelsen" }
                        select id="emne" name="emne" aria-invalid=[d.error("emne").map(|_| "true")] {
                            @for (key, label) in subjects {
                                option value=(key) selected[*key == chosen] { (label) }
                            }
                        }
                        @if let Some(e) = d.error("emne") { p.field-error role="alert" { (e) } }
                    }
                }
                (input("overskrift", "Overskrift", &a.overskrift, d.error("overskrift")))
                (textarea("tekst", "Anbefalingens tekst", "Afsnit adskilles af en tom linje.", &join_paragraphs(&a.tekst), d.error("tekst")))
                (textarea("punkter", "Punkter efter teksten", "Ét punkt pr. linje; kan være tomt.", &a.punkter.join("\n"), d.error("punkter")))
                button type="submit" { "Gem anbefalingen" }
                " " a href=(edit_path(nr)) { "Tilbage uden at gemme" }
            }
        },
    )
}

/// The discussions' subjects, for the choice of a new recommendation's basis.
async fn subjects(app: &AppState, nr: &audit::AuditNr) -> Result<Vec<(String, String)>, AppError> {
    Ok(store::report_content::discussions(&app.db, nr)
        .await?
        .into_iter()
        .map(|d| (emne_key(&d.value.emne), d.value.overskrift))
        .collect())
}

/// `GET …/rediger/anbefaling[?id=…]`.
pub(super) async fn form(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
    Query(q): Query<IdQuery>,
) -> Result<Markup, AppError> {
    let audit = koordinator_audit(&app, &user, &nr).await?;
    let subjects = subjects(&app, &audit.nr).await?;
    let draft = match q.id {
        Some(id) => {
            let stored = find(&app, &audit.nr, &id)
                .await?
                .ok_or(AppError::NotFound)?;
            Draft {
                anbefaling: stored.value,
                version: stored.version,
                new: false,
                errors: Vec::new(),
            }
        }
        None => Draft {
            anbefaling: Anbefaling {
                id: String::new(),
                emne: subjects
                    .first()
                    .and_then(|(k, _)| emne_of_key(k))
                    .unwrap_or(Emne::Helhed),
                overskrift: "Socialstyrelsens anbefaling".to_owned(),
                tekst: Vec::new(),
                punkter: Vec::new(),
            },
            version: 0,
            new: true,
            errors: Vec::new(),
        },
    };
    Ok(view(&user, &audit.nr, &subjects, &draft, html! {}))
}

async fn find(
    app: &AppState,
    nr: &audit::AuditNr,
    id: &str,
) -> Result<Option<Versioned<Anbefaling>>, AppError> {
    Ok(store::report_content::recommendations(&app.db, nr)
        .await?
        .into_iter()
        .find(|a| a.value.id == id))
}

/// `POST …/rediger/anbefaling[?id=…]`.
pub(super) async fn save(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
    Query(q): Query<IdQuery>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let audit = koordinator_audit(&app, &user, &nr).await?;
    let f = Fields(fields);
    let subjects = subjects(&app, &audit.nr).await?;
    let existing = match &q.id {
        Some(id) => Some(find(&app, &audit.nr, id).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let mut errors = Vec::new();
    let (id, emne) = match &existing {
        Some(e) => (e.value.id.clone(), e.value.emne.clone()),
        None => {
            let id = f.get("id").trim().to_owned();
            if id.is_empty() {
                errors.push(("id", "Skriv et id til anbefalingen, fx »8-a«.".to_owned()));
            } else if find(&app, &audit.nr, &id).await?.is_some() {
                errors.push((
                    "id",
                    format!("Der findes allerede en anbefaling med id »{id}«. Vælg et andet id."),
                ));
            }
            let emne = emne_of_key(f.get("emne"))
                .filter(|_| subjects.iter().any(|(k, _)| k == f.get("emne")));
            if emne.is_none() {
                errors.push((
                    "emne",
                    "Vælg den drøftelse, anbefalingen bygger på.".to_owned(),
                ));
            }
            (id, emne.unwrap_or(Emne::Helhed))
        }
    };
    let anbefaling = Anbefaling {
        id,
        emne,
        overskrift: f.get("overskrift").trim().to_owned(),
        tekst: paragraphs(f.get("tekst")),
        punkter: lines(f.get("punkter")),
    };
    for (name, what, max) in [
        ("id", "id'et", SHORT_MAX),
        ("overskrift", "overskriften", TITLE_MAX),
        ("tekst", "teksten", PROSE_MAX),
        ("punkter", "punkterne", PROSE_MAX),
    ] {
        if let Some(message) = f.text_error(name, what, max) {
            errors.push((name, message));
        }
    }
    if anbefaling.overskrift.is_empty() {
        errors.push((
            "overskrift",
            "Skriv en overskrift til anbefalingen.".to_owned(),
        ));
    }
    if anbefaling.tekst.is_empty() {
        errors.push(("tekst", "Skriv anbefalingens tekst.".to_owned()));
    }
    let new = existing.is_none();
    let mut draft = Draft {
        anbefaling,
        version: f.version(),
        new,
        errors,
    };
    if !draft.errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            view(&user, &audit.nr, &subjects, &draft, html! {}),
        )
            .into_response());
    }
    match store::report_content::save_recommendation(
        &app.db,
        &audit.nr,
        &draft.anbefaling,
        draft.version,
        user.username(),
        app.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}#anbefaling-{}",
            report_path(&audit.nr),
            anker(&draft.anbefaling.id)
        ))
        .into_response()),
        Err(StoreError::Stale { current }) => {
            let stored = find(&app, &audit.nr, &draft.anbefaling.id).await?;
            let shown = |a: &Anbefaling| {
                plain(&[
                    ("Overskrift", a.overskrift.clone()),
                    ("Tekst", join_paragraphs(&a.tekst)),
                    ("Punkter", a.punkter.join("\n")),
                ])
            };
            let before = match &stored {
                Some(s) => conflict(
                    current,
                    saved(&s.updated_by, s.updated_at),
                    shown(&s.value),
                    shown(&draft.anbefaling),
                ),
                None => html! {},
            };
            draft.version = current;
            Ok((
                StatusCode::CONFLICT,
                view(&user, &audit.nr, &subjects, &draft, before),
            )
                .into_response())
        }
        Err(StoreError::Invalid(message)) => {
            draft.errors.push(("tekst", message));
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                view(&user, &audit.nr, &subjects, &draft, html! {}),
            )
                .into_response())
        }
        Err(err) => Err(err.into()),
    }
}
