//! Follow-up across all audits (opfølgning): the overview with filters, counts per tilsyn and a CSV
//! export, one page per action with its history, evidence and the forms its viewer may use, the
//! iCalendar feed, and each user's inbox of reminders.
//!
//! Who sees which actions ([`Scope`]) is the domain's rule, `audit::followup::follow_up_visible_to`:
//! exactly those who see the report the action comes from, in the edition they read — the koordinator
//! the draft, so every action; everyone else the latest published version, so only the actions its plan
//! holds (all of an audit in opfølgning with no version stored here); and of those a tilsynskontakt only
//! the actions addressed to their tilsyn. Every read path goes through it: the overview, the action's
//! page and evidence, the CSV, the calendar feed, the inbox, the start page and the reminder job. An
//! action the viewer may not see is answered as one that does not exist (404), for posts too, so that
//! nobody learns what an unpublished plan holds. Who may *change* an action is never decided here: the
//! store applies the domain's status machine (`audit::followup::status`), and the forms shown are those
//! the domain would accept from the viewer.

mod action;
mod calendar;
mod csv;
mod inbox;
mod overview;

use std::collections::{BTreeMap, BTreeSet};

use audit::followup::{SporetTiltag, Status, follow_up_visible_to};
use audit::report::{Rapportudgave, udgave_for};
use audit::{AuditNr, Opfoelgningstiltag, Role, User, WorkflowState};
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
        .route("/opfoelgning/kalender", post(calendar::subscribe))
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

/// What is published of each audit's report, as the follow-up rule needs it: the audit's state and the
/// ids of the actions in its latest published version's plan (`None` while none is published). It is the
/// same for every viewer, so the reminder job loads it once for all recipients.
#[derive(Debug, Clone, Default)]
pub(crate) struct Publication {
    audits: BTreeMap<AuditNr, (WorkflowState, Option<BTreeSet<String>>)>,
}

impl Publication {
    /// Reads every audit's state and latest published version.
    pub(crate) async fn load(app: &AppState) -> Result<Publication, store::StoreError> {
        let mut audits = BTreeMap::new();
        for audit in store::audits::list_audits(app.db()).await? {
            let latest = store::reports::published_reports(app.db(), &audit.nr)
                .await?
                .into_iter()
                .max_by_key(|r| r.version);
            let ids = latest.map(|r| published_action_ids(&r.content));
            audits.insert(audit.nr, (audit.state, ids));
        }
        Ok(Publication { audits })
    }

    /// Whether `role` may see `tiltag` of audit `nr`: the domain's rule
    /// (`audit::followup::follow_up_visible_to`). An audit not known here counts as unpublished and in
    /// planlægning, which only the koordinator's draft shows.
    pub(crate) fn visible_to(&self, role: Role, nr: &AuditNr, tiltag: &Opfoelgningstiltag) -> bool {
        let (state, ids) = self
            .audits
            .get(nr)
            .map_or((WorkflowState::Planlaegning, None), |(state, ids)| {
                (*state, ids.as_ref())
            });
        follow_up_visible_to(role, state, ids, tiltag)
    }
}

/// The ids of the actions in a published snapshot's follow-up plan, read from the data block it was
/// frozen with. A snapshot that cannot be read holds no actions, so that nothing is shown by mistake.
fn published_action_ids(content: &str) -> BTreeSet<String> {
    crate::report_render::snapshot_data(content)
        .and_then(|data| {
            data["opfoelgningsplan"]["tiltag"].as_array().map(|tiltag| {
                tiltag
                    .iter()
                    .filter_map(|t| t["id"].as_str().map(str::to_owned))
                    .collect()
            })
        })
        .unwrap_or_default()
}

/// Which follow-up actions a user may see.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    role: Role,
    publication: Publication,
}

impl Scope {
    /// The scope of `user`. The koordinator reads the draft, so what is published is not looked up.
    pub(crate) async fn of(app: &AppState, user: &User) -> Result<Scope, AppError> {
        let publication = match udgave_for(user.role) {
            Rapportudgave::Kladde => Publication::default(),
            Rapportudgave::SenesteOffentliggjorte => Publication::load(app).await?,
        };
        Ok(Scope {
            role: user.role,
            publication,
        })
    }

    /// Whether the user may see `tiltag`.
    pub(crate) fn may_see(&self, tiltag: &SporetTiltag) -> bool {
        self.may_see_in(&tiltag.audit, &tiltag.tiltag)
    }

    /// Whether the user may see `tiltag` of audit `nr`.
    pub(crate) fn may_see_in(&self, nr: &AuditNr, tiltag: &Opfoelgningstiltag) -> bool {
        self.publication.visible_to(self.role, nr, tiltag)
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

/// Each responsible tilsyn's status of an action as a short list ("Midt: i gang · Syd: rapporteret
/// gennemført"); nothing for an action addressed to no tilsyn, whose status is the audit function's.
pub(crate) fn tilsyn_statuses(tiltag: &SporetTiltag) -> Markup {
    let dele = tiltag.tilstand.per_tilsyn(&tiltag.tiltag);
    html! {
        @if !dele.is_empty() {
            ul.tilsyn-status aria-label="Status pr. socialtilsyn" {
                @for (tilsyn, status) in dele {
                    li { (tilsyn.navn()) ": " (status.navn()) }
                }
            }
        }
    }
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
