//! Editing one recommendation (`?id=…`), or adding one (no id): heading, paragraphs and bullet points,
//! and for a new one its id and the discussion it rests on.

use audit::report::sprog::anker;
use audit::text::{PROSE_MAX, SHORT_MAX, TITLE_MAX};
use audit::{Anbefaling, Emne};
use axum::extract::Query;
use axum::response::Response;
use maud::{Markup, html};
use store::report_content::{Versioned, emne_key};

use super::{
    Draft, IdQuery, answer, conflict, edit_path, emne_of_key, input, join_paragraphs, lines,
    paragraphs, plain, query, saved, textarea,
};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::form::{FieldErrors, csrf_field};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::pages::report::report_path;
use crate::state::AppState;

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

/// A new recommendation: based on the first discussion, with Socialstyrelsen's heading.
fn blank(subjects: &[(String, String)]) -> Anbefaling {
    Anbefaling {
        id: String::new(),
        emne: subjects
            .first()
            .and_then(|(k, _)| emne_of_key(k))
            .unwrap_or(Emne::Helhed),
        overskrift: "Socialstyrelsens anbefaling".to_owned(),
        tekst: Vec::new(),
        punkter: Vec::new(),
    }
}

/// The form of the recommendation `id` names, or of a new one.
async fn draft(
    app: &AppState,
    nr: &audit::AuditNr,
    id: Option<&str>,
    subjects: &[(String, String)],
) -> Result<Draft<Anbefaling>, AppError> {
    let found = async |id: &str| {
        let stored = find(app, nr, id).await?;
        Ok(stored.map(|s| (s.value, s.version)))
    };
    Draft::of_item(id, found, || blank(subjects)).await
}

/// `GET …/rediger/anbefaling[?id=…]`.
pub(super) async fn form(
    page: KoordinatorPage,
    Query(q): Query<IdQuery>,
) -> Result<Markup, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let subjects = subjects(&app, &audit.nr).await?;
    let draft = draft(&app, &audit.nr, q.id.as_deref(), &subjects).await?;
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
    page: KoordinatorPage,
    Query(q): Query<IdQuery>,
    f: Fields,
) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let subjects = subjects(&app, &audit.nr).await?;
    let draft = draft(&app, &audit.nr, q.id.as_deref(), &subjects).await?;
    let mut errors = FieldErrors::default();
    let (id, emne) = if draft.new {
        let id = f.trimmed("id").to_owned();
        if id.is_empty() {
            errors.add("id", "Skriv et id til anbefalingen, fx »8-a«.");
        } else if find(&app, &audit.nr, &id).await?.is_some() {
            errors.add(
                "id",
                format!("Der findes allerede en anbefaling med id »{id}«. Vælg et andet id."),
            );
        }
        let emne =
            emne_of_key(f.get("emne")).filter(|_| subjects.iter().any(|(k, _)| k == f.get("emne")));
        if emne.is_none() {
            errors.add("emne", "Vælg den drøftelse, anbefalingen bygger på.");
        }
        (id, emne.unwrap_or(Emne::Helhed))
    } else {
        (draft.value.id.clone(), draft.value.emne.clone())
    };
    let anbefaling = Anbefaling {
        id,
        emne,
        overskrift: f.trimmed("overskrift").to_owned(),
        tekst: paragraphs(f.get("tekst")),
        punkter: lines(f.get("punkter")),
    };
    for (name, what, max) in [
        ("id", "id'et", SHORT_MAX),
        ("overskrift", "overskriften", TITLE_MAX),
        ("tekst", "teksten", PROSE_MAX),
        ("punkter", "punkterne", PROSE_MAX),
    ] {
        errors.check_text(name, what, f.get(name), max);
    }
    if anbefaling.overskrift.is_empty() {
        errors.add("overskrift", "Skriv en overskrift til anbefalingen.");
    }
    if anbefaling.tekst.is_empty() {
        errors.add("tekst", "Skriv anbefalingens tekst.");
    }
    let draft = draft.posted(anbefaling, &f, errors);
    let save = async |d: &Draft<Anbefaling>| {
        let (by, now) = (user.username(), app.clock.now());
        store::report_content::save_recommendation(&app.db, &audit.nr, &d.value, d.version, by, now)
            .await
            .map(|_| ())
    };
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
    let view = |d: &Draft<Anbefaling>, before| view(&user, &audit.nr, &subjects, d, before);
    answer(draft, save, &done, "tekst", conflict_notice, view).await
}
