//! `GET /api/v1/audits/{nr}/agreement[?round=1|2]`: the whole coefficient set of an audit's scored
//! ratings, in the JSON shape of `auditpanel agreement --format json` (`agreement::Analysis`).
//!
//! The grouping by scale is the domain's (`audit::calibration::analyses`). The matrix is the audit's scored items (indicator ratings, overall ratings, checklist items) of the
//! round (round 1, the blind one, by default), built by `audit::calibration::build` from the ratings the
//! caller may see; the analysis is `agreement::analyse` with its defaults (the level's weights, analytic
//! intervals, no bootstrap), exactly as the command line computes it from the same matrix.
//!
//! The envelope (stable, other tools read it):
//! - when every scored item is on one scale (the usual case), the body **is** the analysis:
//!   `{"level", "units", "raters", "ratings", …, "coefficients": {…}, …}`;
//! - when the forms use different scales, items on different scales cannot share a matrix, so there is
//!   one analysis per form with scored items that have ratings in the round:
//!   `{"forms": [{"form": 0, "titel": "…", "scale": "drift", "analysis": {…}}]}`.
//!
//! Access is the dashboard's: 404 for an unknown audit, 403 (a problem document without any value)
//! before reveal, for members who do not rate and for everyone outside the audit; 409 when there is no
//! submitted scored rating in the round; 422 for a `round` other than 1 or 2.

use audit::Round;
use audit::calibration::analyses::{AgreementBody, analyses};
use axum::Router;
use axum::extract::Query;
use axum::routing::get;
use serde::Deserialize;

use crate::access::{ApiAudit, AuditRequest, Revealed};
use crate::error::{ApiError, AppError};
use crate::extract::ApiJson;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/audits/{nr}/agreement", get(agreement))
}

/// The query: which round.
#[derive(Debug, Deserialize)]
struct RoundQuery {
    round: Option<String>,
}

/// `GET /api/v1/audits/{nr}/agreement`.
async fn agreement(
    call: ApiAudit<Revealed>,
    Query(query): Query<RoundQuery>,
) -> Result<ApiJson<AgreementBody>, ApiError> {
    let AuditRequest {
        app, user, audit, ..
    } = call;
    let round = match query.round.as_deref().map(str::trim) {
        None | Some("1") => Round::First,
        Some("2") => Round::Second,
        Some(other) => {
            return Err(AppError::Invalid(format!(
                "Parameteren round skal være 1 eller 2, ikke »{other}«."
            ))
            .into());
        }
    };
    let ratings = store::ratings::ratings_visible_to(&app.db, &audit, user.user()).await?;
    let audit_for_task = audit.clone();
    let body = tokio::task::spawn_blocking(move || analyses(&audit_for_task, &ratings, round))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    body.map(ApiJson).ok_or_else(|| {
        AppError::Conflict(format!(
            "Auditforløb {} har ingen indsendte bedømmelser på en skala i runde {}, så API'et har ingen enighed at beregne. Enigheden om nomineringer og udvælgelser af sager står på siden »Enighed mellem bedømmerne«.",
            audit.nr,
            round.number()
        ))
        .into()
    })
}
