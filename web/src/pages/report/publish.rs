//! `POST /audits/{nr}/rapport/offentliggoer`: freezes the current draft as the next published version.
//!
//! The snapshot is the standalone HTML file (CSS and SVG inlined) with the `Rapport` data it was built
//! from as a JSON data block inside it, stored through `store::reports::publish_report`, which numbers
//! it, records who and when, appends `report_published` to the event log, and never lets it change
//! (database triggers refuse UPDATE and DELETE). One draft state is published once.

use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use store::reports::Publication;

use super::report_path;
use crate::access::KoordinatorPage;
use crate::error::AppError;
use crate::layout;
use crate::report_render::{self, SNAPSHOT_MEDIA_TYPE, Udgave};
use crate::report_source::build_draft;
use crate::state::AppState;
use audit::{Audit, User};
use time::OffsetDateTime;

/// Publishes the draft of audit `nr`; only the koordinator, only after reveal. Once per draft state
/// (`store::reports::publish_report` compares the draft's data with the latest version's in its
/// transaction): a second "Offentliggør" of the same draft — a double click, six at once — makes no
/// new version and is answered with a page that says so and links to the version that holds it.
pub(super) async fn publish(page: KoordinatorPage) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let publication = publish_draft(&app, user.user(), &audit, app.clock.now()).await?;
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

/// Publishes the draft of `audit`, as `koordinator` sees it, as its next version at the moment `at`:
/// the report frozen as the standalone file, stored through `store::reports::publish_report` (version,
/// snapshot and the `report_published` event). The handler publishes at the clock's now; the demo
/// (`crate::demo`) publishes its historical reports at their own dates through this same function.
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
        return Err(AppError::Conflict(
            "Rapporten kan først offentliggøres, når bedømmelserne er afsløret på auditmødet. Intet er offentliggjort."
                .to_owned(),
        ));
    }
    let rapport = build_draft(app, koordinator, audit).await?;
    let draft = serde_json::to_string(&rapport).map_err(AppError::internal)?;
    Ok(store::reports::publish_report(
        &app.db,
        &audit.nr,
        SNAPSHOT_MEDIA_TYPE,
        &draft,
        |version| report_render::standalone(&rapport, Udgave::Offentliggjort { version, at }),
        &koordinator.username,
        at,
    )
    .await?)
}
