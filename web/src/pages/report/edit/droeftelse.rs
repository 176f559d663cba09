//! Editing the texts of one discussion (`?emne=indikator:8.a`): heading, introduction, "ligheder på
//! tværs", the points of attention and those about data sources and methods. Its headed sections and
//! Socialstyrelsen's assessment are kept as stored. The figures beside it are generated, not edited.

use audit::report::sprog::anker;
use audit::text::{PROSE_MAX, TITLE_MAX};
use audit::{Droeftelse, Opmaerksomhed};
use axum::extract::Query;
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;
use store::report_content::{Versioned, emne_key};

use super::{
    Draft, answer, conflict, edit_path, input, join_paragraphs, paragraphs, plain, query, saved,
    textarea,
};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::form::{FieldErrors, csrf_field};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::pages::report::report_path;
use crate::state::AppState;

/// `?emne=…`.
#[derive(Debug, Deserialize)]
pub(super) struct EmneQuery {
    emne: String,
}

fn points(prefix: &str, legend: &str, list: &[Opmaerksomhed]) -> Markup {
    let blank = Opmaerksomhed {
        overskrift: None,
        tekst: String::new(),
    };
    html! {
        @for (i, p) in list.iter().chain(std::iter::once(&blank)).enumerate() {
            fieldset {
                legend { (legend) " " (i + 1) @if i == list.len() { " (ny)" } }
                (input(&format!("{prefix}-overskrift-{i}"), "Overskrift (kan være tom)", p.overskrift.as_deref().unwrap_or(""), None))
                (textarea(&format!("{prefix}-tekst-{i}"), "Tekst", "Afsnit adskilles af en tom linje. Tøm feltet for at fjerne punktet.", &p.tekst, None))
            }
        }
    }
}

fn read_points(f: &Fields, prefix: &str) -> Vec<Opmaerksomhed> {
    let mut out = Vec::new();
    for i in 0.. {
        let key = format!("{prefix}-tekst-{i}");
        if !f.has(&key) {
            break;
        }
        let tekst = paragraphs(f.get(&key)).join("\n\n");
        if tekst.is_empty() {
            continue;
        }
        let overskrift = f.trimmed(&format!("{prefix}-overskrift-{i}"));
        out.push(Opmaerksomhed {
            overskrift: (!overskrift.is_empty()).then(|| overskrift.to_owned()),
            tekst,
        });
    }
    out
}

/// The form of the discussion in `draft`; its one error is shown at the heading.
fn view(
    user: &CurrentUser,
    nr: &audit::AuditNr,
    draft: &Draft<Droeftelse>,
    before: Markup,
) -> Markup {
    let (d, version, error) = (&draft.value, draft.version, draft.error("overskrift"));
    let action = format!(
        "{}/droeftelse{}",
        edit_path(nr),
        query("emne", &emne_key(&d.emne))
    );
    layout::page(
        &format!("Rediger drøftelsen »{}«", d.overskrift),
        Some(user),
        html! {
            (before)
            p { "Bedømmelsernes fordeling og enighed skrives af værktøjet og redigeres ikke her." }
            form.redigering method="post" action=(action) {
                (csrf_field(user.csrf_token()))
                input type="hidden" name="version" value=(version);
                (input("overskrift", "Overskrift", &d.overskrift, error))
                (textarea("indledning", "Indledning", "Afsnit adskilles af en tom linje. Indikatorens tekst fra kvalitetsmodellen trykkes automatisk.", &join_paragraphs(&d.indledning), None))
                (textarea("ligheder", "Ligheder på tværs", "Afsnit adskilles af en tom linje.", &join_paragraphs(&d.ligheder), None))
                (points("opm", "Opmærksomhed", &d.opmaerksomheder))
                (points("data", "Datakilder og undersøgelsesmetoder, punkt", &d.datakilder))
                button type="submit" { "Gem drøftelsen" }
                " " a href=(edit_path(nr)) { "Tilbage uden at gemme" }
            }
        },
    )
}

async fn find(
    app: &AppState,
    nr: &audit::AuditNr,
    key: &str,
) -> Result<Versioned<Droeftelse>, AppError> {
    store::report_content::discussions(&app.db, nr)
        .await?
        .into_iter()
        .find(|d| emne_key(&d.value.emne) == key)
        .ok_or(AppError::NotFound)
}

/// `GET …/rediger/droeftelse?emne=…`.
pub(super) async fn form(
    page: KoordinatorPage,
    Query(q): Query<EmneQuery>,
) -> Result<Markup, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let d = find(&app, &audit.nr, &q.emne).await?;
    let draft = Draft::stored(d.value, d.version);
    Ok(view(&user, &audit.nr, &draft, html! {}))
}

fn shown(d: &Droeftelse) -> Markup {
    let list = |l: &[Opmaerksomhed]| {
        l.iter()
            .map(|p| match &p.overskrift {
                Some(o) => format!("{o}: {}", p.tekst),
                None => p.tekst.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    plain(&[
        ("Overskrift", d.overskrift.clone()),
        ("Indledning", join_paragraphs(&d.indledning)),
        ("Ligheder på tværs", join_paragraphs(&d.ligheder)),
        ("Opmærksomheder", list(&d.opmaerksomheder)),
        ("Datakilder og undersøgelsesmetoder", list(&d.datakilder)),
    ])
}

/// `POST …/rediger/droeftelse?emne=…`.
pub(super) async fn save(
    page: KoordinatorPage,
    Query(q): Query<EmneQuery>,
    f: Fields,
) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let stored = find(&app, &audit.nr, &q.emne).await?;
    let d = Droeftelse {
        overskrift: f.trimmed("overskrift").to_owned(),
        indledning: paragraphs(f.get("indledning")),
        ligheder: paragraphs(f.get("ligheder")),
        opmaerksomheder: read_points(&f, "opm"),
        datakilder: read_points(&f, "data"),
        ..stored.value.clone()
    };
    // Every posted text against its limit (the points' fields are "opm-…" and "data-…"); the first
    // problem is shown at the heading.
    let mut errors = FieldErrors::default();
    for name in f.names() {
        let (what, max) = match name {
            "overskrift" => ("overskriften", TITLE_MAX),
            "indledning" => ("indledningen", PROSE_MAX),
            "ligheder" => ("ligheder på tværs", PROSE_MAX),
            n if n.starts_with("opm") => ("opmærksomheden", PROSE_MAX),
            n if n.starts_with("data") => ("datakilden", PROSE_MAX),
            _ => continue,
        };
        errors.check_text("overskrift", what, f.get(name), max);
    }
    if d.overskrift.is_empty() {
        errors.add("overskrift", "Skriv en overskrift til drøftelsen.");
    }
    let anchor = match &d.emne {
        audit::Emne::Indikator(id) => format!("droeftelse-indikator-{}", anker(id)),
        _ => "droeftelser".to_owned(),
    };
    let draft = Draft::stored(stored.value.clone(), stored.version).posted(d, &f, errors);
    let save = async |d: &Draft<Droeftelse>| {
        let (by, now) = (user.username(), app.clock.now());
        store::report_content::save_discussion(&app.db, &audit.nr, &d.value, d.version, by, now)
            .await
            .map(|_| ())
    };
    let conflict_notice = async |current: i64, yours: &Droeftelse| {
        Ok::<_, AppError>(conflict(
            current,
            saved(&stored.updated_by, stored.updated_at),
            shown(&stored.value),
            shown(yours),
        ))
    };
    let view = |d: &Draft<Droeftelse>, before| view(&user, &audit.nr, d, before);
    let done = format!("{}#{anchor}", report_path(&audit.nr));
    answer(draft, save, &done, "overskrift", conflict_notice, view).await
}
