//! Follow-up across all audits (opfølgning): the overview with filters, counts per tilsyn and a CSV
//! export, one page per action with its history, evidence and the forms its viewer may use, the
//! iCalendar feed, and each user's inbox of reminders.
//!
//! Who sees which actions ([`Scope`]): the koordinator every action; a tilsynskontakt the actions
//! addressed to their tilsyn; a læser (and a panelist) the actions of published audits — an audit whose
//! report is published, or which has reached opfølgning (the workflow lets it do so only after
//! publishing). Who may *change* an action is never decided here: the store applies the domain's status
//! machine (`audit::followup::status`), and the forms shown are those the domain would accept from the
//! viewer.

mod action;
mod calendar;
mod csv;
mod inbox;
mod overview;

use std::collections::BTreeSet;

use audit::followup::{SporetTiltag, Status};
use audit::{AuditNr, Role, User, WorkflowState};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use maud::{Markup, html};

use crate::error::AppError;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/opfoelgning", get(overview::show))
        .route("/opfoelgning.csv", get(csv::export))
        .route("/opfoelgning.ics", get(calendar::feed))
        .route("/opfoelgning/{nr}/{id}", get(action::show))
        .route("/opfoelgning/{nr}/{id}/haendelse", post(action::change))
        .route(
            "/opfoelgning/{nr}/{id}/rapport",
            post(action::report).layer(DefaultBodyLimit::max(action::MAX_EVIDENCE)),
        )
        .route(
            "/opfoelgning/{nr}/{id}/bilag/{bilag}",
            get(action::evidence),
        )
        .route("/indbakke", get(inbox::show))
        .route("/indbakke/laest", post(inbox::mark_read))
        .route("/indbakke/e-mail", post(inbox::set_email))
}

/// Which follow-up actions a user may see.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    role: Role,
    published: BTreeSet<AuditNr>,
}

impl Scope {
    /// The scope of `user`: for læsere and panelists, which audits are published.
    pub(crate) async fn of(app: &AppState, user: &User) -> Result<Scope, AppError> {
        let mut published = BTreeSet::new();
        if matches!(user.role, Role::Laeser | Role::Panelist) {
            for audit in store::audits::list_audits(app.db()).await? {
                if audit.state >= WorkflowState::Opfoelgning
                    || !store::reports::published_reports(app.db(), &audit.nr)
                        .await?
                        .is_empty()
                {
                    published.insert(audit.nr);
                }
            }
        }
        Ok(Scope {
            role: user.role,
            published,
        })
    }

    /// Whether the user may see `tiltag`.
    pub(crate) fn may_see(&self, tiltag: &SporetTiltag) -> bool {
        match self.role {
            Role::Koordinator => true,
            Role::Tilsynskontakt(t) => tiltag.tiltag.tilsyn().contains(&t),
            Role::Laeser | Role::Panelist => self.published.contains(&tiltag.audit),
        }
    }
}

/// Every tracked action `user` may see, by audit and plan order.
pub(crate) async fn visible_actions(
    app: &AppState,
    user: &User,
) -> Result<Vec<SporetTiltag>, AppError> {
    let scope = Scope::of(app, user).await?;
    Ok(store::follow_up_tracking::all_tracked_actions(app.db())
        .await?
        .into_iter()
        .map(|t| t.sporet)
        .filter(|t| scope.may_see(t))
        .collect())
}

/// The page of an action.
pub(crate) fn action_href(tiltag: &SporetTiltag) -> String {
    format!("/opfoelgning/{}/{}", tiltag.audit, tiltag.tiltag.id)
}

/// A status as a badge ("Rapporteret gennemført").
pub(crate) fn status_badge(status: Status) -> Markup {
    let class = match status {
        Status::Planlagt | Status::Udskudt => "status not-started",
        Status::IGang | Status::RapporteretGennemfoert => "status draft",
        Status::Kvitteret | Status::Bortfaldet => "status submitted",
    };
    html! { span class=(class) { (crate::components::labels::capitalized(status.navn())) } }
}

/// The parties of an action in words: "Socialstyrelsen, Mellemledernetværket".
pub(crate) fn parties(tiltag: &SporetTiltag) -> String {
    tiltag
        .tiltag
        .ansvarlige
        .iter()
        .map(audit::Ansvarlig::navn)
        .map(|n| crate::components::labels::capitalized(&n))
        .collect::<Vec<_>>()
        .join(", ")
}
