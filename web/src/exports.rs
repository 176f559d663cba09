//! The export files of an audit: the ratings in long format with a codebook, agreement per item, the
//! follow-up plan, as CSV (UTF-8 without a byte-order mark, header first) and as one .xlsx workbook
//! (sheets Bedømmelser, Kodebog, Enighed, Opfølgningsplan). The report page
//! (`GET /audits/{nr}/rapport/eksport/{fil}`) and the API (`GET /api/v1/audits/{nr}/eksport/{fil}`)
//! serve the same files under the same rule ([`may_export`]).
//!
//! Rating values: only after reveal, only to the koordinator and the panel (403 otherwise, before
//! reveal for everyone), the ratings read through `store::ratings::ratings_visible_to` and the
//! agreement from the same report build as the page.

pub mod tables;
pub mod xlsx;

use audit::{Audit, User};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::report_source::build_draft;
use crate::state::AppState;

/// Whether `user` may download the rating exports of `audit` (`audit::access`: the koordinator and the
/// rating panel, after reveal).
pub(crate) fn may_export(user: &User, audit: &Audit) -> bool {
    crate::access::may_see(user, audit, audit::access::Part::RatingExports)
}

/// The export files, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fil {
    /// `bedoemmelser.csv`.
    Bedoemmelser,
    /// `kodebog.csv`.
    Kodebog,
    /// `enighed.csv`.
    Enighed,
    /// `opfoelgningsplan.csv`.
    Opfoelgningsplan,
    /// `auditpanel-{nr}.xlsx` (any name ending in `.xlsx`).
    Projektmappe,
}

impl Fil {
    /// The file named `name`, if there is one.
    pub fn parse(name: &str) -> Option<Fil> {
        Some(match name {
            "bedoemmelser.csv" => Fil::Bedoemmelser,
            "kodebog.csv" => Fil::Kodebog,
            "enighed.csv" => Fil::Enighed,
            "opfoelgningsplan.csv" => Fil::Opfoelgningsplan,
            n if n.ends_with(".xlsx") => Fil::Projektmappe,
            _ => return None,
        })
    }
}

/// The bytes of export `fil` of `audit` for `user`, with its content type and file name.
///
/// # Errors
/// [`AppError::Forbidden`] before reveal or for anyone but the koordinator and the audit's panel.
pub async fn render(
    app: &AppState,
    user: &audit::User,
    audit: &Audit,
    fil: Fil,
) -> Result<(Vec<u8>, &'static str, String), AppError> {
    if !may_export(user, audit) {
        tracing::info!(user = %user.username, audit = %audit.nr, "eksport afvist (ikke afsløret eller ikke i panelet)");
        return Err(AppError::Forbidden);
    }
    let csv = "text/csv; charset=utf-8";
    let nr = &audit.nr;
    Ok(match fil {
        Fil::Bedoemmelser => {
            let ratings = store::ratings::ratings_visible_to(&app.db, audit, user).await?;
            let t = tables::ratings(audit, &ratings);
            (
                tables::csv(&t).into_bytes(),
                csv,
                format!("bedoemmelser-{nr}.csv"),
            )
        }
        Fil::Kodebog => (
            tables::csv(&tables::codebook(audit)).into_bytes(),
            csv,
            format!("kodebog-{nr}.csv"),
        ),
        Fil::Enighed => {
            let rapport = build_draft(app, user, audit).await?;
            let t = tables::agreement(rapport.bilag.kalibrering.statistik.as_ref());
            (
                tables::csv(&t).into_bytes(),
                csv,
                format!("enighed-{nr}.csv"),
            )
        }
        Fil::Opfoelgningsplan => {
            let plan = store::follow_up_plan::follow_up_plan(&app.db, nr).await?;
            (
                tables::csv(&tables::follow_up(audit, &plan)).into_bytes(),
                csv,
                format!("opfoelgningsplan-{nr}.csv"),
            )
        }
        Fil::Projektmappe => {
            let ratings = store::ratings::ratings_visible_to(&app.db, audit, user).await?;
            let rapport = build_draft(app, user, audit).await?;
            let plan = store::follow_up_plan::follow_up_plan(&app.db, nr).await?;
            let bytes = xlsx::workbook(&[
                ("Bedømmelser", &tables::ratings(audit, &ratings)),
                ("Kodebog", &tables::codebook(audit)),
                (
                    "Enighed",
                    &tables::agreement(rapport.bilag.kalibrering.statistik.as_ref()),
                ),
                ("Opfølgningsplan", &tables::follow_up(audit, &plan)),
            ])
            .map_err(AppError::internal)?;
            (
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("auditpanel-{nr}.xlsx"),
            )
        }
    })
}

/// The response for a downloaded file: its type, and `Content-Disposition: attachment`.
pub fn attachment(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
