//! Editing the introductory sections (`indledende afsnit`): heading, paragraphs, bullet points and
//! closing paragraphs each; an empty extra section adds one, a section emptied of everything is
//! removed. The plenum discussions and annexes of the same stored part are kept as they are.

use audit::Tekstafsnit;
use audit::text::{PROSE_MAX, TITLE_MAX};
use axum::response::Response;
use maud::{Markup, html};
use store::report_content::ReportSections;

use super::{
    Draft, answer, conflict, edit_path, input, join_paragraphs, lines, paragraphs, plain, saved,
    textarea,
};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::form::{FieldErrors, csrf_field};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::pages::report::report_path;

/// The form of the sections in `d`, each section's error at its heading (`overskrift-{i}`).
fn view(
    user: &CurrentUser,
    nr: &audit::AuditNr,
    d: &Draft<Vec<Tekstafsnit>>,
    before: Markup,
) -> Markup {
    let (afsnit, version) = (&d.value, d.version);
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
                    @let heading = format!("overskrift-{i}");
                    fieldset {
                        legend { @if i < afsnit.len() { "Afsnit " (i + 1) } @else { "Nyt afsnit" } }
                        (input(&heading, "Overskrift", &a.overskrift, d.error(&heading)))
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
pub(super) async fn form(page: KoordinatorPage) -> Result<Markup, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let stored = store::report_content::report_sections(&app.db, &audit.nr).await?;
    let draft = stored.map_or_else(
        || Draft::stored(Vec::new(), 0),
        |s| Draft::stored(s.value.indledende_afsnit, s.version),
    );
    Ok(view(&user, &audit.nr, &draft, html! {}))
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
pub(super) async fn save(page: KoordinatorPage, f: Fields) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let mut afsnit = Vec::new();
    let mut errors = FieldErrors::default();
    for i in 0.. {
        let key = format!("overskrift-{i}");
        if !f.has(&key) {
            break;
        }
        let a = Tekstafsnit {
            overskrift: f.trimmed(&key).to_owned(),
            afsnit: paragraphs(f.get(&format!("afsnit-{i}"))),
            punkter: lines(f.get(&format!("punkter-{i}"))),
            afslutning: paragraphs(f.get(&format!("afslutning-{i}"))),
        };
        let empty_text = a.afsnit.is_empty() && a.punkter.is_empty() && a.afslutning.is_empty();
        if a.overskrift.is_empty() && empty_text {
            continue;
        }
        // The section's first problem is shown at its heading, numbered as the form shows it again.
        let at = format!("overskrift-{}", afsnit.len());
        for (name, what, max) in [
            (key.clone(), "overskriften", TITLE_MAX),
            (format!("afsnit-{i}"), "teksten", PROSE_MAX),
            (format!("punkter-{i}"), "punkterne", PROSE_MAX),
            (
                format!("afslutning-{i}"),
                "teksten efter punkterne",
                PROSE_MAX,
            ),
        ] {
            errors.check_text(&at, what, f.get(&name), max);
        }
        if a.overskrift.is_empty() {
            errors.add(&at, "Afsnittet mangler en overskrift.");
        }
        afsnit.push(a);
    }
    let stored = store::report_content::report_sections(&app.db, &audit.nr).await?;
    let draft = Draft::stored(Vec::new(), 0).posted(afsnit, &f, errors);
    let save = async |d: &Draft<Vec<Tekstafsnit>>| {
        let mut sections: ReportSections =
            stored.as_ref().map(|s| s.value.clone()).unwrap_or_default();
        sections.indledende_afsnit = d.value.clone();
        let (by, now) = (user.username(), app.clock.now());
        store::report_content::save_report_sections(
            &app.db, &audit.nr, &sections, d.version, by, now,
        )
        .await
        .map(|_| ())
    };
    let conflict_notice = async |current: i64, yours: &Vec<Tekstafsnit>| {
        Ok::<_, AppError>(match &stored {
            Some(s) => conflict(
                current,
                saved(&s.updated_by, s.updated_at),
                shown(&s.value.indledende_afsnit),
                shown(yours),
            ),
            None => html! {},
        })
    };
    let view = |d: &Draft<Vec<Tekstafsnit>>, before| view(&user, &audit.nr, d, before);
    let done = report_path(&audit.nr);
    answer(draft, save, &done, "overskrift-0", conflict_notice, view).await
}
