//! `GET /api/v1/audits` and `GET /api/v1/audits/{nr}`.
//!
//! Stable shapes (other tools use them): the list is `[{"nr", "title", "state", "deadline",
//! "meeting_date", "reveal_rule"}]` with state ids `planlaegning` … `afsluttet` and ISO dates (or
//! `null`); the detail adds `purpose`, `focus`, `model_version`, `panel: [{"username", "name",
//! "tilsyn", "role", "attendance"}]` and `materials: [{"id", "pseudonym", "kind", …}]`.

use audit::access::Part;
use audit::{Afsloeringsregel, Audit, PanelMember};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;

use crate::access::{self, ApiAudit, AuditRequest};
use crate::auth::ApiUser;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits", get(list))
        .route("/audits/{nr}", get(detail))
}

/// One audit in the list.
#[derive(Debug, Serialize)]
pub struct AuditSummary {
    /// "19.1".
    pub nr: String,
    /// The title.
    pub title: String,
    /// The state id ("vurdering").
    pub state: &'static str,
    /// The rating deadline, ISO 8601.
    pub deadline: Option<String>,
    /// The meeting date, ISO 8601.
    pub meeting_date: Option<String>,
    /// "ved-moedet" or "efter-egen-indsendelse".
    pub reveal_rule: &'static str,
}

/// One panel member.
#[derive(Debug, Serialize)]
pub struct PanelEntry {
    /// The login.
    pub username: String,
    /// The display name.
    pub name: String,
    /// The tilsyn id ("oest").
    pub tilsyn: &'static str,
    /// The panel role id ("faglig-leder").
    pub role: String,
    /// "deltager", "afbud" or "fritaget".
    pub attendance: &'static str,
}

/// One material item as the caller may see it.
#[derive(Debug, Serialize)]
pub struct MaterialEntry {
    /// The id within the audit.
    pub id: String,
    /// The pseudonym the panel sees.
    pub pseudonym: String,
    /// The kind id ("tilsynsrapport").
    pub kind: String,
    /// The tilsyn id; only for the koordinator (the panel sees pseudonyms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tilsyn: Option<&'static str>,
    /// For a panelist: whether the material comes from their own tilsyn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub own_tilsyn: Option<bool>,
}

/// The audit in full.
#[derive(Debug, Serialize)]
pub struct AuditDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: AuditSummary,
    /// Formål.
    pub purpose: String,
    /// Fokus.
    pub focus: String,
    /// The quality-model version.
    pub model_version: String,
    /// The panel.
    pub panel: Vec<PanelEntry>,
    /// The material.
    pub materials: Vec<MaterialEntry>,
}

fn summary(audit: &Audit) -> AuditSummary {
    AuditSummary {
        nr: audit.nr.to_string(),
        title: audit.titel.clone(),
        state: audit.state.id(),
        deadline: audit.deadline.map(|d| d.to_string()),
        meeting_date: audit.meeting_date.map(|d| d.to_string()),
        reveal_rule: match audit.reveal_rule {
            Afsloeringsregel::VedMoedet => "ved-moedet",
            Afsloeringsregel::EfterEgenIndsendelse => "efter-egen-indsendelse",
        },
    }
}

/// A serde id of a unit-like enum variant ("faglig-leder").
fn serde_id<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(id)) => id,
        _ => String::new(),
    }
}

/// `GET /api/v1/audits`: the audits the caller may open.
async fn list(
    State(app): State<AppState>,
    user: ApiUser,
) -> Result<ApiJson<Vec<AuditSummary>>, ApiError> {
    // Only those the API opens: a tilsynskontakt's overviews are pages, not API calls.
    let audits = access::visible_audits(&app, user.user()).await?;
    Ok(ApiJson(
        audits
            .iter()
            .filter(|a| access::may_view_audit(user.user(), a))
            .map(summary)
            .collect(),
    ))
}

/// `GET /api/v1/audits/{nr}`: one audit with panel and material, if the caller may open it.
async fn detail(call: ApiAudit) -> Result<ApiJson<AuditDetail>, ApiError> {
    let AuditRequest {
        app: _,
        user,
        audit,
        ..
    } = call;
    let me: Option<&PanelMember> = audit.member(user.username());
    let identity = access::may_see(user.user(), &audit, Part::MaterialIdentity);
    let materials = audit
        .materials
        .iter()
        .map(|m| MaterialEntry {
            id: m.id.to_string(),
            pseudonym: m.pseudonym.clone(),
            kind: serde_id(&m.kind),
            tilsyn: identity.then(|| m.tilsyn.id()),
            own_tilsyn: me.map(|me| me.tilsyn == m.tilsyn),
        })
        .collect();
    let panel = audit
        .panel
        .iter()
        .map(|m| PanelEntry {
            username: m.username.to_string(),
            name: m.navn.clone(),
            tilsyn: m.tilsyn.id(),
            role: serde_id(&m.rolle),
            attendance: m.attendance.id(),
        })
        .collect();
    Ok(ApiJson(AuditDetail {
        summary: summary(&audit),
        purpose: audit.formaal.clone(),
        focus: audit.fokus.clone(),
        model_version: audit.model_version.clone(),
        panel,
        materials,
    }))
}
