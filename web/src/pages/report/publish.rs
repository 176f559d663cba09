//! "Offentliggør": `GET /audits/{nr}/rapport/offentliggoer` asks for the publication date and shows
//! what the new version changes against the last published one; `POST` (with the CSRF field, like every
//! form) freezes the current draft as the next published version with that date. No JavaScript: the
//! draft page links to the confirmation, and the confirmation's form does it.
//!
//! The snapshot is the standalone HTML file (CSS and SVG inlined) with the `Rapport` data it was built
//! from as a JSON data block inside it, stored through `store::reports::publish_report`, which numbers
//! it, records who and when, appends `report_published` to the event log, and never lets it change
//! (database triggers refuse UPDATE and DELETE). One draft state is published once.
//!
//! The date is the domain's to judge (`audit::report::check_offentliggoerelsesdato`: not after today,
//! not before the latest version). The version is stored at the moment of the request when dated
//! today; dated earlier, at noon UTC of that day, so that the Danish date is the chosen one
//! (`published_at` is what the report prints, as for the demo's historical reports).

use audit::report::{Rapport, check_offentliggoerelsesdato};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use store::reports::{Publication, PublishedReport};
use time::{Date, OffsetDateTime};

use super::{forskel, report_path};
use crate::access::KoordinatorPage;
use crate::clock::danish_time;
use crate::components::DanishDate;
use crate::components::form::{csrf_field, input};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::pages::setup::dates::parse_date;
use crate::report_render::{self, SNAPSHOT_MEDIA_TYPE, Udgave};
use crate::report_source::build_draft;
use crate::state::AppState;
use audit::{Audit, User};

/// `GET /audits/{nr}/rapport/offentliggoer`: the confirmation, dated today.
pub(super) async fn confirm(page: KoordinatorPage) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let today = app.clock.today();
    confirmation(&app, &user, &audit, &today.to_string(), None).await
}

/// `POST /audits/{nr}/rapport/offentliggoer`: publishes the draft with the date of the form, or shows
/// the confirmation again with what is wrong with the date (nothing is published then). Once per
/// draft state (`store::reports::publish_report` compares the draft's data with the latest version's
/// in its transaction): a second "Offentliggør" of the same draft — a double click, six at once —
/// makes no new version and is answered with a page that says so and links to the version that
/// holds it.
pub(super) async fn publish(page: KoordinatorPage, f: Fields) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let today = app.clock.today();
    // A request without the field (an older form, a script) publishes dated today; an emptied field
    // is refused like any other bad date.
    let typed = if f.has("dato") {
        f.trimmed("dato").to_owned()
    } else {
        today.to_string()
    };
    let typed = typed.as_str();
    let published = store::reports::published_reports(&app.db, &audit.nr).await?;
    let latest = published
        .iter()
        .max_by_key(|r| r.version)
        .map(|r| danish_time(r.published_at).date());
    let date = match parse_date(typed) {
        Ok(Some(date)) => check_offentliggoerelsesdato(date, latest, today)
            .map(|()| date)
            .map_err(|e| e.to_string()),
        Ok(None) => Err("Vælg den dato, versionen offentliggøres med.".to_owned()),
        Err(message) => Err(message),
    };
    let date = match date {
        Ok(date) => date,
        Err(message) => {
            return confirmation(&app, &user, &audit, typed, Some(&message)).await;
        }
    };
    let at = publication_instant(date, today, app.clock.now());
    let publication = publish_draft(&app, user.user(), &audit, at).await?;
    let path = format!(
        "{}/v/{}",
        report_path(&audit.nr),
        publication.report().version
    );
    Ok(match publication {
        Publication::Published(_) => Redirect::to(&path).into_response(),
        Publication::AlreadyPublished(r) => layout::page(
            "Rapporten er allerede offentliggjort",
            Some(&user),
            html! {
                div.notice role="status" {
                    p {
                        "Kladden er allerede offentliggjort som version " (r.version)
                        ", og den er ikke ændret siden. Der er ikke lavet en ny version."
                    }
                }
                p { a href=(path) { "Se version " (r.version) } " · " a href=(report_path(&audit.nr)) { "Tilbage til kladden" } }
            },
        )
        .into_response(),
    })
}

/// The instant a version dated `date` is stored with: `now` when it is dated today, else noon UTC of
/// the day, which is the same day in Danish time (UTC+1 or +2).
fn publication_instant(date: Date, today: Date, now: OffsetDateTime) -> OffsetDateTime {
    if date == today {
        now
    } else {
        date.with_time(time::macros::time!(12:00)).assume_utc()
    }
}

/// The confirmation page: the number and date the version will get, what it changes against the
/// latest published version, and the form. `typed` is the date field's value; `error` why it was
/// refused (answered 422 then).
async fn confirmation(
    app: &AppState,
    user: &crate::auth::CurrentUser,
    audit: &Audit,
    typed: &str,
    error: Option<&str>,
) -> Result<Response, AppError> {
    if !audit.state.is_revealed() {
        return Err(not_revealed());
    }
    let rapport = build_draft(app, user.user(), audit).await?;
    let published = store::reports::published_reports(&app.db, &audit.nr).await?;
    let latest = published.iter().max_by_key(|r| r.version);
    let path = report_path(&audit.nr);
    let next = latest.map_or(1, |r| r.version + 1);
    let hoering_status = super::hoering::status_note(app, audit).await?;
    let content = html! {
        @if let Some(e) = error {
            div.notice.error role="alert" { p { "Rapporten er ikke offentliggjort. " a href="#dato" { (e) } } }
        }
        p.lead {
            "Kladden bliver offentliggjort som version " (next) " af auditrapport " (audit.nr)
            ". En offentliggjort version kan ikke ændres bagefter; rettelser bliver en ny version."
        }
        (changes(latest, &rapport))
        (hoering_status)
        form method="post" action=(format!("{path}/offentliggoer")) {
            (csrf_field(user.csrf_token()))
            (input("dato", "Offentliggørelsesdato", "date", typed, error, "off"))
            p.hint {
                "Datoen står på rapportens forside. I dag er " (DanishDate(app.clock.today())) "; datoen kan ikke ligge senere"
                @if let Some(r) = latest { " eller før version " (r.version) " (" (DanishDate::local(r.published_at)) ")" }
                "."
            }
            button type="submit" { "Offentliggør version " (next) }
            " "
            a href=(path) { "Fortryd" }
        }
    };
    let page = layout::page(
        &format!("Offentliggør auditrapport {}", audit.nr),
        Some(user),
        content,
    );
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

/// What the draft changes against the latest published version, or that it is the first.
fn changes(latest: Option<&PublishedReport>, rapport: &Rapport) -> Markup {
    match latest {
        None => {
            html! { p { "Rapporten er ikke offentliggjort før; dette bliver den første version." } }
        }
        Some(r) => forskel::visning(
            &format!("Ændringer i forhold til version {}", r.version),
            forskel::mod_version(r, rapport).as_ref(),
        ),
    }
}

fn not_revealed() -> AppError {
    AppError::Conflict(
        "Rapporten kan først offentliggøres, når bedømmelserne er afsløret på auditmødet. Intet er offentliggjort."
            .to_owned(),
    )
}

/// Publishes the draft of `audit`, as `koordinator` sees it, as its next version at the moment `at`:
/// the report frozen as the standalone file, stored through `store::reports::publish_report` (version,
/// snapshot and the `report_published` event). The handler publishes at the date the koordinator
/// chose; the demo (`crate::demo`) publishes its historical reports at their own dates through this
/// same function. An exempted tilsyn is oriented about the publication
/// ([`super::orientering::orienter`]).
///
/// # Errors
/// [`AppError::Conflict`] before the ratings are revealed; the store's errors otherwise.
pub(crate) async fn publish_draft(
    app: &AppState,
    koordinator: &User,
    audit: &Audit,
    at: OffsetDateTime,
) -> Result<Publication, AppError> {
    if !audit.state.is_revealed() {
        return Err(not_revealed());
    }
    let rapport = build_draft(app, koordinator, audit).await?;
    let draft = serde_json::to_string(&rapport).map_err(AppError::internal)?;
    let publication = store::reports::publish_report(
        &app.db,
        &audit.nr,
        SNAPSHOT_MEDIA_TYPE,
        &draft,
        |version| report_render::standalone(&rapport, Udgave::Offentliggjort { version, at }),
        &koordinator.username,
        at,
    )
    .await?;
    super::orientering::orienter(app, audit, at).await?;
    Ok(publication)
}
