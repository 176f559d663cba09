//! The koordinator's editor for the report's written parts, under `/audits/{nr}/rapport/rediger`:
//! the generated sections (replaced or extended), the introductory sections, each discussion's texts,
//! the recommendations and the follow-up plan's actions. The five forms follow one pattern: a [`Draft`] of the part, answered by [`answer`]. Every
//! save names the version it was based on (optimistic locking in the store); a stale save is answered
//! 409 with the stored version and the user's own side by side, the user's text kept in the form so
//! nothing is lost. Bad input is answered 422 with the message next to the field and the entered
//! values kept; nothing is saved. Every text is checked by `audit::check_text`: headings
//! at most `TITLE_MAX` characters, texts at most `PROSE_MAX`, short fields (ids, deadlines, names) at
//! most `SHORT_MAX`, and no control characters but newline and tab.
//!
//! The dashboard's discussion editor uses the same store functions (`store::report_content`); this
//! one lives under the report's routes.

mod afsnit;
mod anbefaling;
mod droeftelse;
mod genereret;
mod tiltag;

use audit::AuditNr;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use store::StoreError;
use time::OffsetDateTime;

use super::report_path;
use crate::access::KoordinatorPage;
use crate::components::DanishDateTime;
use crate::components::form::FieldErrors;
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::state::AppState;

/// The editor's routes.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/rapport/rediger", get(overview))
        .route(
            "/audits/{nr}/rapport/rediger/afsnit",
            get(afsnit::form).post(afsnit::save),
        )
        .route(
            "/audits/{nr}/rapport/rediger/droeftelse",
            get(droeftelse::form).post(droeftelse::save),
        )
        .route(
            "/audits/{nr}/rapport/rediger/anbefaling",
            get(anbefaling::form).post(anbefaling::save),
        )
        .route(
            "/audits/{nr}/rapport/rediger/tiltag",
            get(tiltag::form).post(tiltag::save),
        )
        .route(
            "/audits/{nr}/rapport/rediger/genereret",
            get(genereret::form).post(genereret::save),
        )
}

/// The editor's base path.
fn edit_path(nr: &AuditNr) -> String {
    format!("{}/rediger", report_path(nr))
}

/// A query string `?key=value`, encoded.
fn query(key: &str, value: &str) -> String {
    format!(
        "?{}",
        serde_urlencoded::to_string([(key, value)]).unwrap_or_default()
    )
}

/// `GET /audits/{nr}/rapport/rediger`: what can be edited, with links.
async fn overview(page: KoordinatorPage) -> Result<Markup, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let base = edit_path(&audit.nr);
    let discussions = store::report_content::discussions(&app.db, &audit.nr).await?;
    let recommendations = store::report_content::recommendations(&app.db, &audit.nr).await?;
    let plan = store::follow_up_plan::follow_up_plan(&app.db, &audit.nr).await?;
    let rapport = crate::report_source::build_draft(&app, user.user(), &audit).await?;
    Ok(layout::page(
        &format!("Rediger auditrapport {}", audit.nr),
        Some(&user),
        html! {
            p { a href=(report_path(&audit.nr)) { "Se rapporten (forhåndsvisning af kladden)" } }
            h2 { "Genererede afsnit" }
            p { "Værktøjet skriver disse afsnit ud fra auditforløbets data. Du kan erstatte teksten eller tilføje til den." }
            ul {
                @for (anker, navn) in audit::report_content::REDIGERBARE_AFSNIT {
                    @if let Some(s) = genereret::section(&rapport, anker) {
                        li data-afsnit=(anker) {
                            a href=(format!("{base}/genereret{}", query("afsnit", anker))) { (navn) }
                            " " span.muted { "(" (genereret::marker(s)) ")" }
                        }
                    }
                }
            }
            h2 { "Indledende afsnit" }
            p { a href=(format!("{base}/afsnit")) { "Rediger de indledende afsnit" } }
            h2 { "Auditpanelets drøftelser" }
            @if discussions.is_empty() { p { "Der er endnu ingen drøftelser." } }
            ul {
                @for d in &discussions {
                    li {
                        a href=(format!("{base}/droeftelse{}", query("emne", &store::report_content::emne_key(&d.value.emne)))) { (d.value.overskrift) }
                        " " span.muted { "(version " (d.version) ")" }
                    }
                }
            }
            h2 { "Anbefalinger" }
            ul {
                @for a in &recommendations {
                    li {
                        a href=(format!("{base}/anbefaling{}", query("id", &a.value.id))) { (a.value.overskrift) }
                        " " span.muted { "(version " (a.version) ")" }
                    }
                }
            }
            p { a href=(format!("{base}/anbefaling")) { "Tilføj en anbefaling" } }
            h2 { "Opfølgningsplan" }
            ul {
                @for t in &plan {
                    li {
                        a href=(format!("{base}/tiltag{}", query("id", &t.action.tiltag.id))) { (t.action.tiltag.tekst) }
                        " " span.muted { "(version " (t.version) ")" }
                    }
                }
            }
            p { a href=(format!("{base}/tiltag")) { "Tilføj et opfølgningstiltag" } }
        },
    ))
}

/// The subject of a stored key (`store::report_content::emne_key`): `indikator:8.a`, `tema:<id>`,
/// `helhed` or `tematik:<navn>`.
fn emne_of_key(key: &str) -> Option<audit::Emne> {
    use audit::Emne;
    match key.split_once(':') {
        Some(("indikator", id)) => Some(Emne::Indikator(id.to_owned())),
        Some(("tema", id)) => Some(Emne::Tema(id.to_owned())),
        Some(("tematik", navn)) => Some(Emne::Tematik(navn.to_owned())),
        None if key == "helhed" => Some(Emne::Helhed),
        _ => None,
    }
}

/// Paragraphs from a text area: blocks separated by blank lines, trimmed, line ends normalised.
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Lines from a text area, one item each.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// `?id=…`: the item an edit form is for; none for a new one.
#[derive(Debug, Deserialize)]
struct IdQuery {
    id: Option<String>,
}

/// What the edit form of one part of the report shows: the values, the version they rest on, whether
/// the part is new, and the errors by field.
struct Draft<T> {
    value: T,
    version: i64,
    new: bool,
    errors: FieldErrors,
}

impl<T> Draft<T> {
    /// The form of the stored `value` at `version`.
    fn stored(value: T, version: i64) -> Self {
        Draft {
            value,
            version,
            new: false,
            errors: FieldErrors::default(),
        }
    }

    /// The form of the item `id` names (`?id=…`): the stored one with its version, looked up by `find`
    /// (404 when there is none); without an id, the form of a new item filled with `blank`.
    async fn of_item(
        id: Option<&str>,
        find: impl AsyncFnOnce(&str) -> Result<Option<(T, i64)>, AppError>,
        blank: impl FnOnce() -> T,
    ) -> Result<Self, AppError> {
        Ok(match id {
            Some(id) => {
                let (value, version) = find(id).await?.ok_or(AppError::NotFound)?;
                Draft::stored(value, version)
            }
            None => Draft {
                new: true,
                ..Draft::stored(blank(), 0)
            },
        })
    }

    /// The same form with the posted `value`, resting on the version the post names, and `errors`.
    fn posted(self, value: T, fields: &Fields, errors: FieldErrors) -> Self {
        Draft {
            value,
            version: fields.version(),
            new: self.new,
            errors,
        }
    }

    /// The error of `field`, if any.
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.get(field)
    }
}

/// The answer to a posted `draft`, the one pattern of the editor's forms: with errors, the form again
/// (`view`), 422, and nothing saved; otherwise `save` stores it, and after a save comes the redirect
/// to `done`; when someone saved first, 409 with the form again resting on the stored version and
/// the notice built by `conflict_notice` from that version and the user's value above it; when the
/// store refused the value, 422 with its message at `invalid_field`.
async fn answer<T>(
    mut draft: Draft<T>,
    save: impl AsyncFnOnce(&Draft<T>) -> Result<(), StoreError>,
    done: &str,
    invalid_field: &str,
    conflict_notice: impl AsyncFnOnce(i64, &T) -> Result<Markup, AppError>,
    view: impl Fn(&Draft<T>, Markup) -> Markup,
) -> Result<Response, AppError> {
    if draft.errors.is_empty() {
        match save(&draft).await {
            Ok(()) => return Ok(Redirect::to(done).into_response()),
            Err(StoreError::Stale { current }) => {
                let before = conflict_notice(current, &draft.value).await?;
                draft.version = current;
                return Ok((StatusCode::CONFLICT, view(&draft, before)).into_response());
            }
            Err(StoreError::Invalid(message)) => draft.errors.add(invalid_field, message),
            Err(err) => return Err(err.into()),
        }
    }
    Ok((StatusCode::UNPROCESSABLE_ENTITY, view(&draft, html! {})).into_response())
}

/// Paragraphs back into a text area.
fn join_paragraphs(p: &[String]) -> String {
    p.join("\n\n")
}

/// A labelled text area with a hint and an optional error next to it.
pub(super) fn textarea(
    name: &str,
    label: &str,
    hint: &str,
    value: &str,
    error: Option<&str>,
) -> Markup {
    let hint_id = format!("{name}-hjaelp");
    let error_id = format!("{name}-fejl");
    let described = match error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    html! {
        div.field {
            label for=(name) { (label) }
            @if !hint.is_empty() { p.hjaelp id=(hint_id) { (hint) } }
            textarea id=(name) name=(name) rows="6" aria-describedby=(described)
                aria-invalid=[error.map(|_| "true")] { (value) }
            @if let Some(e) = error { p.field-error id=(error_id) role="alert" { (e) } }
        }
    }
}

/// A labelled one-line input with an optional error next to it.
fn input(name: &str, label: &str, value: &str, error: Option<&str>) -> Markup {
    crate::components::form::input(name, label, "text", value, error, "off")
}

/// Who saved a stored version, and when, the Danish way.
fn saved(by: &str, at: OffsetDateTime) -> Markup {
    html! { "gemt af " (by) " " (DanishDateTime(at)) }
}

/// The conflict notice: the stored version and the user's, side by side.
fn conflict(version: i64, by: Markup, stored: Markup, yours: Markup) -> Markup {
    html! {
        div.notice.error role="alert" {
            p {
                strong { "Teksten er ændret af en anden, mens du redigerede." }
                " Den gemte udgave er nu version " (version) " (" (by) "). Din udgave er ikke gemt, men den er bevaret i formularen nedenfor. "
                "Sammenlign de to, ret din udgave til, og gem igen – så erstatter den version " (version) "."
            }
        }
        div.sammenligning {
            section aria-labelledby="gemt-udgave" { h2 #gemt-udgave { "Den gemte udgave (version " (version) ")" } (stored) }
            section aria-labelledby="din-udgave" { h2 #din-udgave { "Din udgave (ikke gemt)" } (yours) }
        }
    }
}

/// A read-only text for the comparison: the paragraphs as they would print.
fn plain(parts: &[(&str, String)]) -> Markup {
    html! {
        dl {
            @for (label, text) in parts {
                dt { strong { (label) } }
                dd { pre { (text) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{lines, paragraphs};

    #[test]
    fn text_areas_split_into_paragraphs_and_lines() {
        assert_eq!(
            paragraphs("Første afsnit.\r\n\r\n  Andet, med æøå.\n\n\n"),
            vec!["Første afsnit.", "Andet, med æøå."]
        );
        assert_eq!(lines(" a \n\n b\r\n"), vec!["a", "b"]);
    }
}
