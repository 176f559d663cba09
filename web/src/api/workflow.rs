//! `POST /api/v1/audits/{nr}/transition` and `GET /api/v1/audits/{nr}/progress`, both the
//! koordinator's (anyone else gets a 403 problem document, whether or not the audit exists).
//!
//! Stable shapes (other tools use them):
//! - transition: request `{"to": state_id, "reason": text | null}` (state ids `planlaegning` …
//!   `afsluttet`; a reason is required going back); answer `{"nr", "from", "to", "reason"}`. A step
//!   the workflow refuses is a 409 problem document whose `detail` is the domain's Danish message
//!   ("Før vurdering mangler: …"); an unknown state is a 422.
//! - progress: `{"nr", "state", "progress": [{"username", "status", "submitted", "drafts",
//!   "total"}]}` with `status` one of `submitted`, `draft`, `not_started`. Counts only, never a
//!   value, so it is safe before reveal (`audit::visibility::progress`).

use audit::WorkflowState;
use audit::visibility::{Progress, ProgressStatus};
use axum::Router;
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use crate::access::{ApiAudit, AuditRequest, Koordinator};
use crate::error::{ApiError, AppError};
use crate::extract::ApiJson;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/transition", post(transition))
        .route("/audits/{nr}/progress", get(progress))
}

/// The body of a transition request.
#[derive(Debug, Deserialize)]
pub struct TransitionRequest {
    /// The state to move to ("vurdering").
    pub to: String,
    /// Why, when going back.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A transition that was made.
#[derive(Debug, Serialize)]
pub struct TransitionDone {
    /// The audit's number.
    pub nr: String,
    /// The state before.
    pub from: &'static str,
    /// The state now.
    pub to: &'static str,
    /// The reason recorded.
    pub reason: Option<String>,
}

/// One panelist's round-1 progress.
#[derive(Debug, Serialize)]
pub struct ProgressEntry {
    /// The panelist's login.
    pub username: String,
    /// `submitted`, `draft` or `not_started`.
    pub status: &'static str,
    /// Units submitted.
    pub submitted: usize,
    /// Units saved as draft.
    pub drafts: usize,
    /// Units to rate.
    pub total: usize,
}

/// The progress of an audit's panel.
#[derive(Debug, Serialize)]
pub struct ProgressReport {
    /// The audit's number.
    pub nr: String,
    /// The state id.
    pub state: &'static str,
    /// Per rating panelist, in panel order.
    pub progress: Vec<ProgressEntry>,
}

fn status_id(status: ProgressStatus) -> &'static str {
    match status {
        ProgressStatus::Submitted => "submitted",
        ProgressStatus::Draft => "draft",
        ProgressStatus::NotStarted => "not_started",
    }
}

/// `POST /api/v1/audits/{nr}/transition`.
async fn transition(
    call: ApiAudit<Koordinator>,
    ApiJson(request): ApiJson<TransitionRequest>,
) -> Result<ApiJson<TransitionDone>, ApiError> {
    let AuditRequest {
        app, user, audit, ..
    } = call;
    let to: WorkflowState = request
        .to
        .parse()
        .map_err(|err: audit::WorkflowError| AppError::Invalid(AppError::from(err).to_string()))?;
    let done = store::audits::transition_audit(
        &app.db,
        &audit.nr,
        to,
        request.reason.as_deref(),
        user.username(),
        app.clock.today(),
        app.clock.now(),
    )
    .await?;
    Ok(ApiJson(TransitionDone {
        nr: audit.nr.to_string(),
        from: done.from.id(),
        to: done.to.id(),
        reason: done.reason,
    }))
}

/// `GET /api/v1/audits/{nr}/progress`.
async fn progress(call: ApiAudit<Koordinator>) -> Result<ApiJson<ProgressReport>, ApiError> {
    let AuditRequest {
        app,
        user: _,
        audit,
        ..
    } = call;
    let progress: Vec<Progress> = store::ratings::progress(&app.db, &audit).await?;
    Ok(ApiJson(ProgressReport {
        nr: audit.nr.to_string(),
        state: audit.state.id(),
        progress: progress
            .into_iter()
            .map(|p| ProgressEntry {
                username: p.rater.to_string(),
                status: status_id(p.status),
                submitted: p.submitted,
                drafts: p.drafts,
                total: p.total,
            })
            .collect(),
    }))
}
