//! Editing one recommendation (`?id=…`), or adding one (no id): heading, paragraphs and bullet points,
//! and for a new one its id and the discussion it rests on.

use audit::report::sprog::anker;
use audit::text::{PROSE_MAX, SHORT_MAX, TITLE_MAX};
use audit::{Anbefaling, Emne};
use axum::extract::{Query, State};
use axum::response::Response;
use maud::{Markup, html};
use store::report_content::{Versioned, emne_key};

use super::{
    Draft, Fields, IdQuery, answer, conflict, edit_path, emne_of_key, input, join_paragraphs,
    koordinator_audit, lines, paragraphs, plain, query, saved, textarea, unprocessable,
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

fn view(
    user: &CurrentUser,
    nr: &audit::AuditNr,
    subjects: &[(String, String)],
    d: &Draft<Anbefaling>,
    before: Markup,
) -> Markup {
    let a = &d.value;
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
            Draft::stored(stored.value, stored.version)
        }
        None => Draft::new_item(Anbefaling {
            id: String::new(),
            emne: subjects
                .first()
                .and_then(|(k, _)| emne_of_key(k))
                .unwrap_or(Emne::Helhed),
            overskrift: "Socialstyrelsens anbefaling".to_owned(),
            tekst: Vec::new(),
            punkter: Vec::new(),
        }),
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
    let draft = Draft {
        value: anbefaling,
        version: f.version(),
        new,
        errors: errors.into_iter().collect(),
    };
    let view = |d: &Draft<Anbefaling>, before| view(&user, &audit.nr, &subjects, d, before);
    if !draft.errors.is_empty() {
        return Ok(unprocessable(&draft, view));
    }
    let result = store::report_content::save_recommendation(
        &app.db,
        &audit.nr,
        &draft.value,
        draft.version,
        user.username(),
        app.clock.now(),
    )
    .await
    .map(|_| ());
    let done = format!(
        "{}#anbefaling-{}",
        report_path(&audit.nr),
        anker(&draft.value.id)
    );
    let conflict_notice = async |current: i64, yours: &Anbefaling| {
        let shown = |a: &Anbefaling| {
            plain(&[
                ("Overskrift", a.overskrift.clone()),
                ("Tekst", join_paragraphs(&a.tekst)),
                ("Punkter", a.punkter.join("\n")),
            ])
        };
        Ok::<_, AppError>(match find(&app, &audit.nr, &yours.id).await? {
            Some(s) => conflict(
                current,
                saved(&s.updated_by, s.updated_at),
                shown(&s.value),
                shown(yours),
            ),
            None => html! {},
        })
    };
    answer(result, draft, &done, "tekst", conflict_notice, view).await
}
