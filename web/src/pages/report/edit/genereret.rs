//! Editing a generated section (Deltagere, Auditmateriale, Metodisk fokus): the koordinator replaces
//! the generated text or adds to it; the section then carries the marker "redigeret". When the
//! generated text would now read differently from when the koordinator edited it (the panel
//! changed, say), the form says so, shows the new text, and offers to take it or to keep their own.
//! The edits are stored with the report's other sections (`store::report_content::ReportSections`).

use audit::report::{Blok, Rapport, Sektion};
use audit::report_content::REDIGERBARE_AFSNIT;
use audit::text::PROSE_MAX;
use audit::{Redigeringsmaade, Tekstredigering};
use axum::extract::Query;
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;
use store::report_content::ReportSections;

use super::{
    Draft, answer, conflict, edit_path, join_paragraphs, paragraphs, plain, saved, textarea,
};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::form::{FieldErrors, csrf_field};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::report_source::build_draft;

/// `?afsnit=deltagere`: the section's anchor; without it, the first editable section.
#[derive(Debug, Deserialize)]
pub(super) struct AfsnitQuery {
    afsnit: Option<String>,
}

impl AfsnitQuery {
    fn anker(&self) -> &str {
        self.afsnit.as_deref().unwrap_or(REDIGERBARE_AFSNIT[0].0)
    }
}

/// The anchor and name of an editable section, or 404.
fn editable(anker: &str) -> Result<(&'static str, &'static str), AppError> {
    REDIGERBARE_AFSNIT
        .into_iter()
        .find(|(a, _)| *a == anker)
        .ok_or(AppError::NotFound)
}

/// The generated section `anker` of the draft.
pub(super) fn section<'r>(rapport: &'r Rapport, anker: &str) -> Option<&'r Sektion> {
    let m = &rapport.metodisk_tilrettelaeggelse;
    [&m.deltagere, &m.auditmateriale, &m.metodisk_fokus]
        .into_iter()
        .find(|s| s.overskrift.anker == anker)
}

/// The generated paragraphs of `s` as they read now, whether or not the koordinator edited them.
fn generated_now(s: &Sektion) -> Vec<String> {
    match &s.redigeret {
        Some(m) => m.genereret_nu.clone(),
        None => s
            .genereret
            .iter()
            .map(|b| match b {
                Blok::Afsnit(t) => t.clone(),
                Blok::Punkter(l) | Blok::Nummereret(l) => l.join("\n"),
            })
            .collect(),
    }
}

/// The marker the editor shows for `s`: "genereret" or "redigeret (erstattet)".
pub(super) fn marker(s: &Sektion) -> String {
    match &s.redigeret {
        None => "genereret".to_owned(),
        Some(m) if m.genereret_aendret => format!(
            "redigeret ({}); den genererede tekst er ændret siden",
            m.maade.navn()
        ),
        Some(m) => format!("redigeret ({})", m.maade.navn()),
    }
}

fn view(
    user: &CurrentUser,
    nr: &audit::AuditNr,
    (anker, navn): (&str, &str),
    s: &Sektion,
    d: &Draft<Tekstredigering>,
    before: Markup,
) -> Markup {
    let action = format!("{}/genereret?afsnit={anker}", edit_path(nr));
    let nu = generated_now(s);
    layout::page(
        &format!("{navn} i auditrapport {nr}"),
        Some(user),
        html! {
            (before)
            p { "Afsnittet er " strong.tekstkilde { (marker(s)) } "." }
            @if s.redigeret.as_ref().is_some_and(|m| m.genereret_aendret) {
                div.notice role="status" {
                    p {
                        strong { "Den genererede tekst lyder nu anderledes" }
                        " end da du redigerede afsnittet, f.eks. fordi panelet er ændret. Tag den nye tekst, "
                        "eller behold din egen."
                    }
                }
            }
            section aria-labelledby="genereret-tekst" {
                h2 #genereret-tekst { "Den genererede tekst, som den lyder nu" }
                div.genereret { @for p in &nu { p { (p) } } }
            }
            form.redigering method="post" action=(action) {
                (csrf_field(user.csrf_token()))
                input type="hidden" name="version" value=(d.version);
                fieldset {
                    legend { "Din tekst" }
                    @for (value, label) in [("erstat", "Erstat den genererede tekst"), ("tilfoej", "Tilføj efter den genererede tekst")] {
                        @let checked = (value == "tilfoej") == (d.value.maade == Redigeringsmaade::Tilfoej);
                        div.valg {
                            input type="radio" id=(format!("maade-{value}")) name="maade" value=(value) checked[checked];
                            label for=(format!("maade-{value}")) { (label) }
                        }
                    }
                    (textarea("tekst", "Tekst", "Afsnit adskilles af en tom linje.", &join_paragraphs(&d.value.tekst), d.error("tekst")))
                }
                button type="submit" name="handling" value="gem" { "Gem din tekst" }
                " "
                @if s.redigeret.as_ref().is_some_and(|m| m.genereret_aendret) {
                    button type="submit" name="handling" value="behold" { "Behold din tekst" }
                    " "
                }
                @if s.redigeret.is_some() {
                    button type="submit" name="handling" value="nulstil" { "Brug den genererede tekst" }
                    " "
                }
                a href=(edit_path(nr)) { "Tilbage uden at gemme" }
            }
        },
    )
}

/// `GET …/rediger/genereret?afsnit=…`.
pub(super) async fn form(
    page: KoordinatorPage,
    Query(q): Query<AfsnitQuery>,
) -> Result<Markup, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let which = editable(q.anker())?;
    let rapport = build_draft(&app, user.user(), &audit).await?;
    let s = section(&rapport, which.0).ok_or(AppError::NotFound)?;
    let stored = store::report_content::report_sections(&app.db, &audit.nr).await?;
    let edit = stored
        .as_ref()
        .and_then(|v| v.value.genererede.get(which.0).cloned())
        .unwrap_or_default();
    let draft = Draft::stored(edit, stored.map_or(0, |v| v.version));
    Ok(view(&user, &audit.nr, which, s, &draft, html! {}))
}

/// `POST …/rediger/genereret?afsnit=…`: `handling` is `gem` (save the text against the generated
/// text as it reads now), `behold` (keep the text, and take note of the new generated text) or
/// `nulstil` (back to the generated text).
pub(super) async fn save(
    page: KoordinatorPage,
    Query(q): Query<AfsnitQuery>,
    f: Fields,
) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let which = editable(q.anker())?;
    let rapport = build_draft(&app, user.user(), &audit).await?;
    let s = section(&rapport, which.0).ok_or(AppError::NotFound)?;
    let stored = store::report_content::report_sections(&app.db, &audit.nr).await?;
    let handling = f.trimmed("handling").to_owned();
    let mut errors = FieldErrors::default();
    let edit = Tekstredigering {
        maade: if f.get("maade") == "tilfoej" {
            Redigeringsmaade::Tilfoej
        } else {
            Redigeringsmaade::Erstat
        },
        tekst: paragraphs(f.get("tekst")),
        grundlag: generated_now(s),
    };
    if handling != "nulstil" {
        errors.check_text("tekst", "teksten", f.get("tekst"), PROSE_MAX);
        if edit.tekst.is_empty() {
            errors.add(
                "tekst",
                "Skriv din tekst, eller vælg »Brug den genererede tekst«.",
            );
        }
    }
    let draft = Draft::stored(Tekstredigering::default(), 0).posted(edit, &f, errors);
    let anker = which.0;
    let save = async |d: &Draft<Tekstredigering>| {
        let mut sections: ReportSections =
            stored.as_ref().map(|s| s.value.clone()).unwrap_or_default();
        if handling == "nulstil" {
            sections.genererede.remove(anker);
        } else {
            sections
                .genererede
                .insert(anker.to_owned(), d.value.clone());
        }
        let (by, now) = (user.username(), app.clock.now());
        store::report_content::save_report_sections(
            &app.db, &audit.nr, &sections, d.version, by, now,
        )
        .await
        .map(|_| ())
    };
    let conflict_notice = async |current: i64, yours: &Tekstredigering| {
        let theirs = stored
            .as_ref()
            .and_then(|v| v.value.genererede.get(anker))
            .map(|e| join_paragraphs(&e.tekst))
            .unwrap_or_default();
        Ok::<_, AppError>(match &stored {
            Some(v) => conflict(
                current,
                saved(&v.updated_by, v.updated_at),
                plain(&[("Tekst", theirs)]),
                plain(&[("Tekst", join_paragraphs(&yours.tekst))]),
            ),
            None => html! {},
        })
    };
    let view = |d: &Draft<Tekstredigering>, before| view(&user, &audit.nr, which, s, d, before);
    let done = edit_path(&audit.nr);
    answer(draft, save, &done, "tekst", conflict_notice, view).await
}
