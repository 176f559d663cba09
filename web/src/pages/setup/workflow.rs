//! The workflow buttons: `GET /audits/{nr}/workflow` (the steps, the next step, going back with a
//! reason, and the history), `POST /audits/{nr}/transition` and the reveal's confirmation page
//! `GET /audits/{nr}/reveal`.
//!
//! Every transition goes through `store::audits::transition_audit`, which asks the domain
//! (`audit::workflow::transition`); a refusal is shown as the domain's Danish message (e.g. "før
//! vurdering mangler: …") on the workflow page, with status 409 and the reason kept. Revealing
//! (vurdering → drøftelse) cannot be undone, so the button leads to a page that asks first, naming who
//! has not submitted, how many drafts will not count and the deadline if it has not passed; a post to
//! drøftelse without the confirmation is sent there.

use audit::danske_datoer::dage_til;
use audit::visibility::ProgressStatus;
use audit::{Audit, WorkflowState};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use maud::{Markup, html};
use store::StoreError;
use store::events::Event;

use super::widgets::{Control, refusal};
use super::{Answer, SetupPage, audit_path, see_other, show, with_status};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::form::{FieldErrors, csrf_field};
use crate::components::labels::capitalized;
use crate::components::labels::fremdrift;
use crate::components::table::scroll_region;
use crate::components::workflow::steps;
use crate::components::{DanishDate, DanishDateTime};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::state::AppState;

/// The routes of this part.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/workflow", get(show::<Shown>))
        .route("/audits/{nr}/transition", post(transition))
        .route("/audits/{nr}/reveal", get(confirm_reveal))
}

/// The state after `state`, if any.
fn next(state: WorkflowState) -> Option<WorkflowState> {
    WorkflowState::ALL.into_iter().find(|s| *s > state)
}

/// The state before `state`, if any.
fn previous(state: WorkflowState) -> Option<WorkflowState> {
    WorkflowState::ALL.into_iter().rev().find(|s| *s < state)
}

/// What the button to `to` says.
fn forward_label(to: WorkflowState) -> &'static str {
    match to {
        WorkflowState::Planlaegning => "Gå til planlægning",
        WorkflowState::Vurdering => "Åbn for bedømmelse (vurdering)",
        WorkflowState::Droeftelse => "Afslør bedømmelserne (drøftelse) …",
        WorkflowState::Rapport => "Gå videre til rapport",
        WorkflowState::Opfoelgning => "Gå videre til opfølgning",
        WorkflowState::Afsluttet => "Afslut auditforløbet",
    }
}

/// The koordinator's box on the audit's overview: links to the set-up pages and the next step.
pub(crate) fn audit_actions(audit: &Audit, csrf: &str) -> Markup {
    let counts = (
        audit.panel.len(),
        audit.materials.len(),
        audit.forms.iter().map(|f| f.items.len()).sum::<usize>(),
    );
    html! {
        section.setup-actions.no-print aria-labelledby="opsaetning" {
            h2 #opsaetning { "Opsætning og arbejdsgang" }
            ul.links {
                li { a href=(audit_path(audit, "/edit")) { "Rediger oplysninger" } }
                li { a href=(audit_path(audit, "/panel")) { "Panel" } " (" (counts.0) ")" }
                li { a href=(audit_path(audit, "/material")) { "Materiale" } " (" (counts.1) ")" }
                li { a href=(audit_path(audit, "/forms")) { "Vurderingsskemaer" } " (" (counts.2) " punkter)" }
                li { a href=(audit_path(audit, "/workflow")) { "Arbejdsgang og historik" } }
            }
            (forward_button(audit, csrf))
        }
    }
}

/// The button to the next state: a post, or for the reveal a link to the confirmation page.
fn forward_button(audit: &Audit, csrf: &str) -> Markup {
    html! {
        @match next(audit.state) {
            Some(WorkflowState::Droeftelse) => {
                a.button href=(audit_path(audit, "/reveal")) { (forward_label(WorkflowState::Droeftelse)) }
            },
            Some(to) => {
                form.inline method="post" action=(audit_path(audit, "/transition")) {
                    (csrf_field(csrf))
                    input type="hidden" name="to" value=(to.id());
                    button type="submit" { (forward_label(to)) }
                }
            },
            None => { p { "Auditforløbet er afsluttet." } },
        }
    }
}

/// What the workflow page shows besides the audit.
#[derive(Debug, Default)]
struct Shown {
    refusal: Option<String>,
    reason: String,
    errors: FieldErrors,
}

/// `POST /audits/{nr}/transition`: `to` (a state id), `reason` (required going back) and, for the
/// reveal, `bekraeft=ja`.
async fn transition(page: KoordinatorPage, fields: Fields) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    let reason = fields.trimmed("reason").to_owned();
    let to: WorkflowState = match fields.trimmed("to").parse() {
        Ok(to) => to,
        Err(err) => {
            let shown = Shown {
                refusal: Some(AppError::from(err).to_string()),
                reason,
                ..Shown::default()
            };
            return shown.render(&page, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    if to == WorkflowState::Droeftelse
        && audit.state == WorkflowState::Vurdering
        && fields.trimmed("bekraeft") != "ja"
    {
        return Ok(see_other(&audit_path(audit, "/reveal")));
    }
    let result = store::audits::transition_audit(
        &app.db,
        &audit.nr,
        to,
        Some(reason.as_str()),
        user.username(),
        app.clock.today(),
        app.clock.now(),
    )
    .await;
    match result {
        Ok(_) => Ok(see_other(&audit_path(audit, ""))),
        Err(StoreError::Workflow(err)) => {
            let message = AppError::from(err.clone()).to_string();
            let mut errors = FieldErrors::default();
            if matches!(
                err,
                audit::WorkflowError::ReasonRequired { .. } | audit::WorkflowError::Text(_)
            ) {
                errors.add("reason", message.clone());
            }
            // A reason the domain's text rule refuses is bad input; the rest are refusals by the rules.
            let status = if matches!(err, audit::WorkflowError::Text(_)) {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::CONFLICT
            };
            let shown = Shown {
                refusal: Some(message),
                reason,
                errors,
            };
            shown.render(&page, status).await
        }
        Err(err) => Err(err.into()),
    }
}

/// `GET /audits/{nr}/reveal`: "Er du sikker?" before the ratings are revealed.
async fn confirm_reveal(page: KoordinatorPage) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    if audit.state != WorkflowState::Vurdering {
        return Ok(see_other(&audit_path(audit, "/workflow")));
    }
    // Counts and names only (`audit::visibility::progress`): no value is shown before reveal.
    let progress = store::ratings::progress(&app.db, audit).await?;
    let missing: Vec<(&str, usize)> = progress
        .iter()
        .filter(|p| p.status != ProgressStatus::Submitted)
        .map(|p| {
            let name = audit
                .member(&p.rater)
                .map_or(p.rater.as_str(), |m| m.navn.as_str());
            (name, p.drafts)
        })
        .collect();
    let drafts: usize = progress.iter().map(|p| p.drafts).sum();
    let today = app.clock.today();
    let content = html! {
        div.notice.warning role="alert" {
            p { strong { "Er du sikker? Bedømmelserne kan ikke gøres blinde igen." } }
            p {
                "Når bedømmelserne afsløres, ser hele panelet og koordinatoren alle indsendte bedømmelser, og der kan ikke længere gives bedømmelser i første runde. "
                "Panelet: " (fremdrift(audit::visibility::fremdrift(&progress))) "."
            }
            @if let Some(deadline) = audit.deadline.filter(|d| *d >= today) {
                p { "Fristen for bedømmelser er ikke nået: den er " (DanishDate(deadline)) " (" (dage_til(deadline, today)) ")." }
            }
            @if missing.is_empty() {
                p { "Alle panelister har indsendt alle deres bedømmelser." }
            } @else {
                p { "Disse panelister har ikke indsendt alle deres bedømmelser:" }
                ul.missing {
                    @for (name, own_drafts) in &missing {
                        li {
                            (name)
                            @if *own_drafts > 0 { " (" (own_drafts) " i kladde)" } @else { " (ikke startet)" }
                        }
                    }
                }
            }
            @if drafts > 0 {
                p { strong { (drafts) " bedømmelser i kladde tæller ikke med" } ", når bedømmelserne afsløres: kun indsendte bedømmelser indgår." }
            }
        }
        form method="post" action=(audit_path(audit, "/transition")) {
            (csrf_field(user.csrf_token()))
            input type="hidden" name="to" value=(WorkflowState::Droeftelse.id());
            input type="hidden" name="bekraeft" value="ja";
            button type="submit" { "Ja, afslør bedømmelserne" }
            " "
            a href=(audit_path(audit, "")) { "Nej, tilbage til auditforløbet" }
        }
    };
    let title = format!("Afslør bedømmelserne i auditforløb {}", audit.nr);
    Ok(with_status(
        StatusCode::OK,
        layout::page(&title, Some(user), content),
    ))
}

impl SetupPage for Shown {
    const PATH: &'static str = "/workflow";

    fn refusal(&mut self) -> &mut Option<String> {
        &mut self.refusal
    }

    async fn render(&self, page: &KoordinatorPage, status: StatusCode) -> Answer {
        let (user, audit) = (&page.user, &page.audit);
        let history: Vec<Event> = store::events::events_of_audit(&page.app.db, &audit.nr)
            .await?
            .into_iter()
            .filter(|e| e.kind == "state_changed")
            .collect();
        let title = format!("Arbejdsgang for auditforløb {}", audit.nr);
        let content = view(user, audit, self, &history);
        Ok(with_status(
            status,
            layout::page(&title, Some(user), content),
        ))
    }
}

fn state_name(value: Option<&serde_json::Value>) -> String {
    value
        .and_then(|v| v.get("state"))
        .and_then(|s| s.as_str())
        .and_then(|s| s.parse::<WorkflowState>().ok())
        .map_or_else(|| "?".to_owned(), |s| s.navn().to_owned())
}

fn view(user: &CurrentUser, audit: &Audit, shown: &Shown, history: &[Event]) -> Markup {
    html! {
            p.no-print { a href=(audit_path(audit, "")) { "Tilbage til auditforløb " (audit.nr) } }
            (refusal(shown.refusal.as_deref()))
            @if shown.refusal.is_some() {
                p.no-print {
                    "Ret opsætningen: "
                    a href=(audit_path(audit, "/edit")) { "oplysninger" } " · "
                    a href=(audit_path(audit, "/panel")) { "panel" } " · "
                    a href=(audit_path(audit, "/material")) { "materiale" } " · "
                    a href=(audit_path(audit, "/forms")) { "vurderingsskemaer" }
                }
            }
            (steps(audit.state))
            p { "Auditforløbet er i tilstanden " strong { (audit.state.navn()) } "." }
            div.no-print {
                h2 { "Næste trin" }
                (forward_button(audit, user.csrf_token()))
                @match previous(audit.state) {
                    Some(back) if audit.state.may_go_back() => {
                        h2 { "Gå tilbage" }
                        form.setup method="post" action=(audit_path(audit, "/transition")) {
                            (csrf_field(user.csrf_token()))
                            input type="hidden" name="to" value=(back.id());
                            (Control::new("reason", "Begrundelse", &shown.reason)
                                .hint("Skriv, hvorfor forløbet går et trin tilbage; begrundelsen gemmes i historikken.")
                                .required()
                                .textarea(&shown.errors))
                            button.secondary type="submit" { "Gå tilbage til " (back.navn()) }
                        }
                    },
                    Some(_) => {
                        p.muted { "Bedømmelserne er afsløret og kan ikke gøres blinde igen; forløbet kan ikke gå tilbage til vurdering." }
                    },
                    None => {},
                }
            }
            h2 { "Historik" }
            @if history.is_empty() {
                p { "Forløbet har ikke skiftet tilstand endnu." }
            } @else {
                (scroll_region("Historik", html! {
    table {
                    thead { tr { th scope="col" { "Tidspunkt" } th scope="col" { "Af" } th scope="col" { "Fra" } th scope="col" { "Til" } th scope="col" { "Begrundelse" } } }
                    tbody {
                        @for e in history {
                            tr {
                                td { (DanishDateTime(e.at)) }
                                td { (e.actor) }
                                td { (capitalized(&state_name(e.before.as_ref()))) }
                                td { (capitalized(&state_name(e.after.as_ref()))) }
                                td { (e.after.as_ref().and_then(|a| a.get("reason")).and_then(|r| r.as_str()).unwrap_or("")) }
                            }
                        }
                    }
                }
    }))
            }
        }
}

#[cfg(test)]
mod tests {
    use audit::WorkflowState;

    use super::{next, previous};

    #[test]
    fn next_and_previous_follow_the_workflow_order() {
        assert_eq!(
            next(WorkflowState::Vurdering),
            Some(WorkflowState::Droeftelse)
        );
        assert_eq!(next(WorkflowState::Afsluttet), None);
        assert_eq!(
            previous(WorkflowState::Vurdering),
            Some(WorkflowState::Planlaegning)
        );
        assert_eq!(previous(WorkflowState::Planlaegning), None);
    }
}
