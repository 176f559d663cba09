//! The start page `/`, one view per role: the koordinator's audits with state and next deadline, a
//! panelist's own audits with their own progress, a tilsynskontakt's follow-up actions, a læser's
//! published reports.

use audit::visibility::Progress;
use audit::{Audit, Role, Tilsyn, WorkflowState};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::{Markup, html};
use time::Date;

use crate::access;
use crate::auth::CurrentUser;
use crate::components::DanishDate;
use crate::components::labels::capitalized;
use crate::components::table::{Table, text};
use crate::error::AppError;
use crate::layout;
use crate::pages::rating;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

/// `GET /`: the start page for the user's role.
async fn show(State(app): State<AppState>, user: CurrentUser) -> Result<Markup, AppError> {
    let today = app.clock.today();
    match user.role() {
        Role::Koordinator => {
            let audits = access::visible_audits(&app, user.user()).await?;
            Ok(layout::page(
                "Auditforløb",
                Some(&user),
                koordinator_view(&audits, today),
            ))
        }
        Role::Panelist => {
            let audits = access::visible_audits(&app, user.user()).await?;
            let mut rows = Vec::with_capacity(audits.len());
            for audit in audits {
                // Counts only (`audit::visibility::progress`), and only the panelist's own row.
                let own = if audit.state >= WorkflowState::Vurdering {
                    store::ratings::progress(&app.db, &audit)
                        .await?
                        .into_iter()
                        .find(|p| &p.rater == user.username())
                } else {
                    None
                };
                rows.push((audit, own));
            }
            Ok(layout::page(
                "Mine auditforløb",
                Some(&user),
                panelist_view(&rows, today),
            ))
        }
        Role::Tilsynskontakt(tilsyn) => {
            // The actions the tilsynskontakt may see (`followup::Scope`): addressed to their tilsyn and
            // in the published report.
            let scope = super::followup::Scope::of(&app, user.user()).await?;
            let mut actions = Vec::new();
            for audit in store::audits::list_audits(&app.db).await? {
                for action in store::follow_up::follow_up_actions(&app.db, &audit.nr).await? {
                    if scope.may_see_in(&audit.nr, &action.tiltag) {
                        actions.push((audit.nr.clone(), audit.titel.clone(), action));
                    }
                }
            }
            Ok(layout::page(
                &format!("Opfølgning for {}", tilsyn.fulde_navn()),
                Some(&user),
                tilsynskontakt_view(tilsyn, &actions),
            ))
        }
        Role::Laeser => {
            let mut published = Vec::new();
            for audit in store::audits::list_audits(&app.db).await? {
                if let Some(latest) = store::reports::published_reports(&app.db, &audit.nr)
                    .await?
                    .into_iter()
                    .max_by_key(|r| r.version)
                {
                    published.push((audit, latest.version, latest.published_at.date()));
                }
            }
            Ok(layout::page(
                "Auditrapporter",
                Some(&user),
                laeser_view(&published),
            ))
        }
    }
}

/// The next date that matters for an audit from `today` on: the rating deadline until the ratings are
/// in, then the meeting.
pub(crate) fn next_date(audit: &Audit, today: Date) -> Option<(&'static str, Date)> {
    let candidates = [
        (
            audit.state <= WorkflowState::Vurdering,
            "Frist for bedømmelser",
            audit.deadline,
        ),
        (
            audit.state <= WorkflowState::Droeftelse,
            "Auditmøde",
            audit.meeting_date,
        ),
    ];
    candidates
        .into_iter()
        .filter_map(|(applies, label, date)| date.filter(|_| applies).map(|d| (label, d)))
        .filter(|(_, date)| *date >= today)
        .min_by_key(|(_, date)| *date)
}

fn next_date_cell(audit: &Audit, today: Date) -> Markup {
    html! {
        @match next_date(audit, today) {
            Some((label, date)) => { (label) ": " (DanishDate(date)) },
            None => span.muted { "Ingen kommende frist" },
        }
    }
}

fn koordinator_view(audits: &[Audit], today: Date) -> Markup {
    html! {
        @if audits.is_empty() {
            p { "Der er endnu ingen auditforløb." }
        } @else {
            table {
                caption.visually-hidden { "Alle auditforløb" }
                thead { tr { th scope="col" { "Nr." } th scope="col" { "Titel" } th scope="col" { "Tilstand" } th scope="col" { "Næste frist" } } }
                tbody {
                    @for audit in audits {
                        tr {
                            td { a href=(format!("/audits/{}", audit.nr)) { (audit.nr) } }
                            td { (audit.titel) }
                            td { (capitalized(audit.state.navn())) }
                            td { (next_date_cell(audit, today)) }
                        }
                    }
                }
            }
        }
    }
}

fn panelist_view(rows: &[(Audit, Option<Progress>)], today: Date) -> Markup {
    html! {
        @if rows.is_empty() {
            p { "Du sidder ikke i panelet på noget auditforløb." }
        } @else {
            table {
                caption.visually-hidden { "De auditforløb, du sidder i panelet på" }
                thead { tr { th scope="col" { "Nr." } th scope="col" { "Titel" } th scope="col" { "Tilstand" } th scope="col" { "Næste frist" } th scope="col" { "Dine bedømmelser" } } }
                tbody {
                    @for (audit, own) in rows {
                        tr {
                            td { a href=(format!("/audits/{}", audit.nr)) { (audit.nr) } }
                            td { (audit.titel) }
                            td { (capitalized(audit.state.navn())) }
                            td { (next_date_cell(audit, today)) }
                            td { (rating::home_cell(audit, own.as_ref())) }
                        }
                    }
                }
            }
        }
    }
}

fn tilsynskontakt_view(
    tilsyn: Tilsyn,
    actions: &[(audit::AuditNr, String, store::follow_up::FollowUpAction)],
) -> Markup {
    html! {
        p.lead { "Opfølgningstiltag fra auditrapporterne, som " (tilsyn.fulde_navn()) " skal rapportere på." }
        @if actions.is_empty() {
            p { "Der er ingen opfølgningstiltag til " (tilsyn.fulde_navn()) "." }
        } @else {
            (Table::new(&[
                text("Audit"), text("Tiltag"), text("Frist"), text("Status"),
            ]).rows(html! {
                @for (nr, titel, action) in actions {
                    tr {
                        td { (nr) " " span.muted { (titel) } }
                        td { (action.tiltag.tekst) }
                        td { (action.current_frist().unwrap_or("–")) }
                        td { (capitalized(action.status().navn())) }
                    }
                }
            }))
        }
    }
}

fn laeser_view(published: &[(Audit, i32, Date)]) -> Markup {
    html! {
        p.lead { "Offentliggjorte auditrapporter fra de lærende auditforløb." }
        @if published.is_empty() {
            p { "Der er endnu ingen offentliggjorte auditrapporter." }
        } @else {
            (Table::new(&[
                text("Nr."), text("Titel"), text("Version"), text("Offentliggjort"),
            ]).rows(html! {
                @for (audit, version, date) in published {
                    tr {
                        td { (audit.nr) }
                        td { (audit.titel) }
                        td.num { (version) }
                        td { (DanishDate(*date)) }
                    }
                }
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::next_date;

    fn audit(
        state: &str,
        deadline: Option<time::Date>,
        meeting: Option<time::Date>,
    ) -> audit::Audit {
        audit::Audit {
            nr: "25.1".parse().unwrap(),
            titel: "T".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2024".into(),
            state: state.parse().unwrap(),
            deadline,
            meeting_date: meeting,
            reveal_rule: audit::Afsloeringsregel::default(),
            panel: Vec::new(),
            materials: Vec::new(),
            forms: Vec::new(),
        }
    }

    #[test]
    fn the_rating_deadline_comes_first_then_the_meeting() {
        let (d, m) = (date!(2025 - 03 - 15), date!(2025 - 03 - 22));
        let today = date!(2025 - 03 - 01);
        assert_eq!(
            next_date(&audit("vurdering", Some(d), Some(m)), today),
            Some(("Frist for bedømmelser", d))
        );
        assert_eq!(
            next_date(&audit("vurdering", Some(d), Some(m)), date!(2025 - 03 - 16)),
            Some(("Auditmøde", m))
        );
        assert_eq!(
            next_date(&audit("droeftelse", Some(d), Some(m)), today),
            Some(("Auditmøde", m))
        );
        assert_eq!(next_date(&audit("rapport", Some(d), Some(m)), today), None);
    }
}
