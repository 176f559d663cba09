//! After reveal (drøftelse): the agreement dashboard `GET /audits/{nr}/enighed`, a panelist's private
//! "Dig og panelet" `GET /audits/{nr}/mig`, and the discussion notes per indicator
//! `GET|POST /audits/{nr}/droeftelser/{emne}`.
//!
//! Who sees what is the domain's rule, not this module's: the audit comes from [`access::audit_for`],
//! the figures are shown only when [`visibility::may_see_agreement`] says so (after reveal, to the
//! koordinator and the audit's raters; an exempted member, a læser or a tilsynskontakt reads them in
//! the published report), and every figure is computed by `audit::calibration::report` from the ratings
//! the store lets the viewer see (`store::ratings::ratings_visible_to`). Before reveal every page of
//! this group is a 403 that carries no value.

mod droeftelser;
mod enighed;
mod figures;
mod mig;
mod sections;

use std::sync::Arc;

use audit::visibility::{self, Viewer};
use audit::{Audit, User};
use axum::Router;
use axum::routing::get;
use maud::{Markup, html};

use crate::agreement_cache::Agreement;
use crate::error::AppError;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/enighed", get(enighed::show))
        .route("/audits/{nr}/mig", get(mig::show))
        .route("/audits/{nr}/droeftelser", get(droeftelser::list))
        .route(
            "/audits/{nr}/droeftelser/{emne}",
            get(droeftelser::edit).post(droeftelser::save),
        )
}

/// The notice that `audit`'s ratings are synthetic, when it is a demo audit.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
pub(crate) async fn synthetic_notice(app: &AppState, audit: &Audit) -> Result<Markup, AppError> {
    let demo = store::demo::is_demo_audit(&app.db, &audit.nr).await?;
    Ok(crate::components::synthetic_notice(demo))
}

/// The calibration report of `audit` at `revision` from the ratings `user` may see, with the default options (round
/// 1, the bootstrap with its fixed seed), from the cache shared by every request
/// ([`crate::agreement_cache`]): computed once per change of the audit, the bootstrap in the background.
///
/// # Errors
/// [`AppError::Internal`] when the database fails or the stored ratings do not fit the audit's forms.
pub(crate) async fn calibration_report(
    app: &AppState,
    audit: &Audit,
    revision: i64,
    user: &User,
) -> Result<Arc<Agreement>, AppError> {
    crate::agreement_cache::agreement(app, audit, revision, user).await
}

/// Says that the bootstrap intervals are still being computed, while they are.
fn intervals_notice(agreement: &Agreement) -> Markup {
    html! {
        @if agreement.intervals_pending {
            p.notice role="status" {
                "Bootstrap-intervallerne for Krippendorffs α og bedømmernes strenghed beregnes stadig. "
                "Tallene nedenfor er endelige; indtil videre vises kun de analytiske intervaller. "
                "Genindlæs siden om et øjeblik."
            }
        }
    }
}

/// Links from the audit's overview to this group's pages, for the viewers who may open them: nothing
/// before reveal.
pub fn links(audit: &Audit, user: &User) -> Markup {
    let viewer = audit.viewer(user);
    if !visibility::may_see_agreement(viewer, audit.state) {
        return html! {};
    }
    html! {
        nav.subpages aria-label="Drøftelse" {
            ul {
                li { a href=(format!("/audits/{}/enighed", audit.nr)) { "Enighed mellem bedømmerne" } }
                @if matches!(viewer, Viewer::Panelist(_)) {
                    li { a href=(format!("/audits/{}/mig", audit.nr)) { "Dig og panelet" } }
                }
                li { a href=(format!("/audits/{}/droeftelser", audit.nr)) { "Drøftelser pr. indikator" } }
            }
        }
    }
}

/// The navigation above each page of the group, with the current one marked.
fn subnav(audit: &Audit, user: &User, current: &str) -> Markup {
    let viewer = audit.viewer(user);
    let mut entries = vec![(
        format!("/audits/{}/enighed", audit.nr),
        "Enighed mellem bedømmerne",
    )];
    if matches!(viewer, Viewer::Panelist(_)) {
        entries.push((format!("/audits/{}/mig", audit.nr), "Dig og panelet"));
    }
    entries.push((
        format!("/audits/{}/droeftelser", audit.nr),
        "Drøftelser pr. indikator",
    ));
    html! {
        nav.subpages.no-print aria-label="Drøftelse" {
            ul {
                li { a href=(format!("/audits/{}", audit.nr)) { "← " (audit.nr) " " (audit.titel) } }
                @for (href, label) in &entries {
                    li { a href=(href) aria-current=[(href == current).then_some("page")] { (label) } }
                }
            }
        }
    }
}
