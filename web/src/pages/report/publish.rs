//! `POST /audits/{nr}/rapport/offentliggoer`: freezes the current draft as the next published version.
//!
//! The snapshot is the standalone HTML file (CSS and SVG inlined) with the `Rapport` data it was built
//! from as a JSON data block inside it, stored through `store::reports::publish_report`, which numbers
//! it, records who and when, appends `report_published` to the event log, and never lets it change
//! (database triggers refuse UPDATE and DELETE).

use axum::extract::{Path, State};
use axum::response::Redirect;

use super::{build_draft, report_path};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::report_render::{self, SNAPSHOT_MEDIA_TYPE, Udgave};
use crate::state::AppState;

/// Publishes the draft of audit `nr`; only the koordinator, only after reveal.
pub(super) async fn publish(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(nr): Path<String>,
) -> Result<Redirect, AppError> {
    user.require_koordinator()?;
    let audit = crate::access::audit_for(&app, user.user(), &nr).await?;
    if !audit.state.is_revealed() {
        return Err(AppError::Conflict(
            "Rapporten kan først offentliggøres, når bedømmelserne er afsløret på auditmødet. Intet er offentliggjort."
                .to_owned(),
        ));
    }
    let rapport = build_draft(&app, user.user(), &audit).await?;
    let now = app.clock.now();
    let next = store::reports::published_reports(&app.db, &audit.nr)
        .await?
        .iter()
        .map(|r| r.version)
        .max()
        .unwrap_or(0)
        + 1;
    let html = report_render::standalone(
        &rapport,
        Udgave::Offentliggjort {
            version: next,
            at: now,
        },
    );
    let published = store::reports::publish_report(
        &app.db,
        &audit.nr,
        SNAPSHOT_MEDIA_TYPE,
        &html,
        user.username(),
        now,
    )
    .await?;
    if published.version != next {
        // Two publications at the same moment: the snapshot still holds what it was built from.
        tracing::warn!(
            audit = %audit.nr,
            expected = next,
            got = published.version,
            "rapporten blev offentliggjort samtidig med en anden version"
        );
    }
    Ok(Redirect::to(&format!(
        "{}/v/{}",
        report_path(&audit.nr),
        published.version
    )))
}
