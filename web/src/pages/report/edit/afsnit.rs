//! Editing the introductory sections (`indledende afsnit`): heading, paragraphs, bullet points and
//! closing paragraphs each; an empty extra section adds one, a section emptied of everything is
//! removed. The plenum discussions and annexes of the same stored part are kept as they are.

use audit::Tekstafsnit;
use audit::text::{PROSE_MAX, TITLE_MAX};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use store::StoreError;
use store::report_content::ReportSections;

use super::{
    Fields, conflict, edit_path, input, join_paragraphs, koordinator_audit, lines, paragraphs,
    plain, saved, textarea,
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
    afsnit: &[Tekstafsnit],
    version: i64,
    errors: &[(usize, String)],
    before: Markup,
) -> Markup {
    let blank = Tekstafsnit::default();
    layout::page(
        &format!("Indledende afsnit i auditrapport {nr}"),
        Some(user),
        html! {
            (before)
            p {
                "Afsnit med overskriften »Fokus«, »Deltagere«, »Auditmateriale« eller »Metodisk fokus« trykkes i det "
                "tilsvarende afsnit under Metodisk tilrettelæggelse, efter den genererede tekst; de øvrige efter formålet."
            }
            form.redigering method="post" action=(format!("{}/afsnit", edit_path(nr))) {
                (csrf_field(user.csrf_token()))
                input type="hidden" name="version" value=(version);
                @for (i, a) in afsnit.iter().chain(std::iter::once(&blank)).enumerate() {
                    @let error = errors.iter().find(|(j, _)| *j == i).map(|(_, e)| e.as_str());
                    fieldset {
                        legend { @if i < afsnit.len() { "Afsnit " (i + 1) } @else { "Nyt afsnit" } }
                        (input(&format!("overskrift-{i}"), "Overskrift", &a.overskrift, error))
                        (textarea(&format!("afsnit-{i}"), "Tekst", "Afsnit adskilles af en tom linje.", &join_paragraphs(&a.afsnit), None))
                        (textarea(&format!("punkter-{i}"), "Punkter", "Ét punkt pr. linje; kan være tomt.", &a.punkter.join("\n"), None))
                        (textarea(&format!("afslutning-{i}"), "Tekst efter punkterne", "Kan være tom.", &join_paragraphs(&a.afslutning), None))
                    }
                }
                button type="submit" { "Gem de indledende afsnit" }
                " " a href=(edit_path(nr)) { "Tilbage uden at gemme" }
            }
        },
    )
}

/// `GET …/rediger/afsnit`.
pub(super) async fn form(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
) -> Result<Markup, AppError> {
    let audit = koordinator_audit(&app, &user, &nr).await?;
    let stored = store::report_content::report_sections(&app.db, &audit.nr).await?;
    let (afsnit, version) =
        stored.map_or((Vec::new(), 0), |s| (s.value.indledende_afsnit, s.version));
    Ok(view(&user, &audit.nr, &afsnit, version, &[], html! {}))
}

fn shown(afsnit: &[Tekstafsnit]) -> Markup {
    let parts: Vec<(&str, String)> = afsnit
        .iter()
        .map(|a| {
            (
                "Afsnit",
                format!("{}\n\n{}", a.overskrift, join_paragraphs(&a.afsnit)),
            )
        })
        .collect();
    plain(&parts)
}

/// `POST …/rediger/afsnit`.
pub(super) async fn save(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let audit = koordinator_audit(&app, &user, &nr).await?;
    let f = Fields(fields);
    let mut afsnit = Vec::new();
    let mut errors = Vec::new();
    for i in 0.. {
        let key = format!("overskrift-{i}");
        if !f.0.iter().any(|(k, _)| *k == key) {
            break;
        }
        let a = Tekstafsnit {
            overskrift: f.get(&key).trim().to_owned(),
            afsnit: paragraphs(f.get(&format!("afsnit-{i}"))),
            punkter: lines(f.get(&format!("punkter-{i}"))),
            afslutning: paragraphs(f.get(&format!("afslutning-{i}"))),
        };
        let empty_text = a.afsnit.is_empty() && a.punkter.is_empty() && a.afslutning.is_empty();
        if a.overskrift.is_empty() && empty_text {
            continue;
        }
        let text_error = [
            (key.clone(), "overskriften", TITLE_MAX),
            (format!("afsnit-{i}"), "teksten", PROSE_MAX),
            (format!("punkter-{i}"), "punkterne", PROSE_MAX),
            (
                format!("afslutning-{i}"),
                "teksten efter punkterne",
                PROSE_MAX,
            ),
        ]
        .into_iter()
        .find_map(|(name, what, max)| f.text_error(&name, what, max));
        if let Some(message) = text_error {
            errors.push((afsnit.len(), message));
        } else if a.overskrift.is_empty() {
            errors.push((afsnit.len(), "Afsnittet mangler en overskrift.".to_owned()));
        }
        afsnit.push(a);
    }
    let version = f.version();
    if !errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            view(&user, &audit.nr, &afsnit, version, &errors, html! {}),
        )
            .into_response());
    }
    let stored = store::report_content::report_sections(&app.db, &audit.nr).await?;
    let mut sections: ReportSections = stored.as_ref().map(|s| s.value.clone()).unwrap_or_default();
    sections.indledende_afsnit = afsnit.clone();
    match store::report_content::save_report_sections(
        &app.db,
        &audit.nr,
        &sections,
        version,
        user.username(),
        app.clock.now(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&report_path(&audit.nr)).into_response()),
        Err(StoreError::Stale { current }) => {
            let before = match &stored {
                Some(s) => conflict(
                    current,
                    saved(&s.updated_by, s.updated_at),
                    shown(&s.value.indledende_afsnit),
                    shown(&afsnit),
                ),
                None => html! {},
            };
            Ok((
                StatusCode::CONFLICT,
                view(&user, &audit.nr, &afsnit, current, &[], before),
            )
                .into_response())
        }
        Err(err) => Err(err.into()),
    }
}
