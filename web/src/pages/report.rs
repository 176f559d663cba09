//! The auditrapport: the draft (koordinator), published versions (everyone logged in), publishing,
//! editing the written parts, and the exports of ratings, agreement and follow-up plan.
//!
//! Routes:
//! - `GET /audits/{nr}/rapport`: the koordinator sees the current draft, built live, with the edit
//!   link and the "Offentliggør" button; everyone else sees the latest published version, or a 404
//!   "ikke offentliggjort endnu".
//! - `GET /audits/{nr}/rapport/sidehoved.css`: the printed report's running header ("Auditrapport 20.1").
//! - `GET /audits/{nr}/rapport/versioner`, `GET /audits/{nr}/rapport/v/{n}`: published versions.
//! - `GET /audits/{nr}/rapport/offentliggoer`: the confirmation (date, what changes); `POST` freezes
//!   the draft as the next version with that date ([`publish`]).
//! - `/audits/{nr}/rapport/hoering` (and `…/hoering/svar`): the høring of the draft at the
//!   participating tilsyn and their answers ([`hoering`]).
//! - `/audits/{nr}/rapport/rediger/…`: the koordinator's editor ([`edit`]).
//! - `GET /audits/{nr}/rapport/eksport/{fil}`: CSV and .xlsx exports ([`export`]), after reveal and
//!   to the koordinator and the panel only.
//!
//! Who sees what: published reports are public to every logged-in user (læsere, tilsynskontakter and
//! panelists of other audits included), as the audit function publishes them; the draft and the
//! editor are the koordinator's; the exports carry rating values and follow the blind rule
//! (`audit::visibility::may_see_agreement`, ratings through `store::ratings::ratings_visible_to`).

pub mod edit;
pub mod export;
mod forskel;
pub mod hoering;
mod orientering;
pub mod publish;
pub mod show;

use audit::AuditNr;
use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/rapport", get(show::current))
        .route(
            "/audits/{nr}/rapport/sidehoved.css",
            get(show::running_header),
        )
        .route("/audits/{nr}/rapport/versioner", get(show::versions))
        .route("/audits/{nr}/rapport/v/{n}", get(show::version))
        .route(
            "/audits/{nr}/rapport/offentliggoer",
            get(publish::confirm).post(publish::publish),
        )
        .route(
            "/audits/{nr}/rapport/hoering",
            get(hoering::show).post(hoering::send),
        )
        .route("/audits/{nr}/rapport/hoering/svar", post(hoering::answer))
        .route("/audits/{nr}/rapport/eksport/{fil}", get(export::download))
        .merge(edit::router())
}

/// The path of the report of audit `nr`.
pub fn report_path(nr: &AuditNr) -> String {
    format!("/audits/{nr}/rapport")
}
