//! `GET /opfoelgning.csv`: the overview as a spreadsheet, with the same filters as the page.
//!
//! Semicolon-separated (what Danish spreadsheet programs expect, since the comma is the decimal mark),
//! UTF-8 with a byte-order mark so that æøå open correctly, one row per action in the overview's order.
//! Written by the one CSV writer (`audit::csv`, dialect `DANSK_REGNEARK`): cells quoted as RFC 4180
//! says, and a cell a spreadsheet would run as a formula gets a leading `'`.

use audit::csv::{CsvWriter, Dialect};
use audit::followup::SporetTiltag;
use audit::followup::oversigt::{self, Filter};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::overview::{FilterQuery, gruppe_id};
use super::{parties, visible_actions};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;

/// `GET /opfoelgning.csv`.
pub(crate) async fn export(
    State(app): State<AppState>,
    user: CurrentUser,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AppError> {
    let today = app.clock().today();
    let (filter, _) = query.parse();
    let actions: Vec<SporetTiltag> = visible_actions(&app, user.user())
        .await?
        .into_iter()
        .filter(|t| filter.passer(t))
        .collect();
    let overview = oversigt::oversigt(&actions, &Filter::default(), today);
    let mut out = CsvWriter::new(Dialect::DANSK_REGNEARK);
    out.text_row(&[
        "audit",
        "id",
        "opfoelgningspunkt",
        "ansvarlige",
        "frist",
        "forfalder",
        "status",
        "gruppe",
    ]);
    for (gruppe, tiltag) in &overview.grupper {
        for t in tiltag {
            let frist = t
                .tilstand
                .frist
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            let forfald = t.forfald().map_or_else(String::new, |d| d.to_string());
            out.text_row(&[
                t.audit.as_str(),
                &t.tiltag.id,
                &t.titel(),
                &parties(t),
                &frist,
                &forfald,
                t.tilstand.status.navn(),
                gruppe_id(*gruppe),
            ]);
        }
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"opfoelgning.csv\"",
            ),
        ],
        out.finish(),
    )
        .into_response())
}
