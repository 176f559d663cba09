//! The start page `/`, one view per role, led by "Det skal du nu": for the koordinator the follow-up
//! actions overdue or due soon, the audits in vurdering with who has not rated, the reports waiting for
//! publication and the unread inbox, then every audit with state and next deadline; for a panelist the
//! audits to rate with progress and deadline, then their audits; a tilsynskontakt's follow-up actions;
//! a læser's published reports, newest first. Progress is counts only (`audit::visibility::progress`).

use audit::danske_datoer::dage_til;
use audit::followup::SporetTiltag;
use audit::followup::oversigt::Gruppe;
use audit::visibility::{Progress, ProgressStatus};
use audit::{Audit, Role, Tilsyn, WorkflowState};
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maud::{Markup, html};
use time::Date;

use crate::access;
use crate::auth::CurrentUser;
use crate::components::DanishDate;
use crate::components::labels::{capitalized, fremdrift};
use crate::components::table::{Table, text};
use crate::error::AppError;
use crate::layout;
use crate::pages::rating;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/", get(show))
}

/// `GET /`: the start page for the user's role, "Det skal du nu" first.
async fn show(State(app): State<AppState>, user: CurrentUser) -> Result<Markup, AppError> {
    let today = app.clock.today();
    match user.role() {
        Role::Koordinator => {
            let audits = access::visible_audits(&app, user.user()).await?;
            let actions = super::followup::visible_actions(&app, user.user()).await?;
            let mut rating = Vec::new();
            let mut unpublished = Vec::new();
            for audit in &audits {
                if audit.state == WorkflowState::Vurdering {
                    // Counts only (`audit::visibility::progress`): never a value before reveal.
                    let reminded = store::reminders::reminded(
                        &app.db,
                        &audit.nr,
                        audit::bedoemmelsesfrist::HANDLING,
                    )
                    .await?;
                    rating.push((
                        audit,
                        store::ratings::progress(&app.db, audit).await?,
                        reminded,
                    ));
                } else if audit.state == WorkflowState::Rapport
                    && store::reports::published_reports(&app.db, &audit.nr)
                        .await?
                        .is_empty()
                {
                    unpublished.push(audit);
                }
            }
            let todo = Koordinatoropgaver {
                actions: &actions,
                rating: &rating,
                unpublished: &unpublished,
                unread: user.unread(),
            };
            Ok(layout::page(
                "Auditforløb",
                Some(&user),
                html! {
                    (todo.view(today))
                    (koordinator_view(&audits, &actions, today))
                },
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
                html! {
                    (panelist_todo(&rows, today))
                    (panelist_view(&rows, today))
                },
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
            // The audits their tilsyn took part in (`audit::access::Part::Overview`), with the report
            // when a version is published (never the draft).
            let mut taken_part = Vec::new();
            for audit in access::visible_audits(&app, user.user()).await? {
                let published = !store::reports::published_reports(&app.db, &audit.nr)
                    .await?
                    .is_empty();
                taken_part.push((audit, published));
            }
            // What waits for this tilsyn: open actions it has not yet reported done.
            let to_report: Vec<SporetTiltag> = super::followup::visible_actions(&app, user.user())
                .await?
                .into_iter()
                .filter(|t| {
                    t.tilstand.status.venter_paa_ansvarlige()
                        && t.tilstand.mangler_rapport(&t.tiltag).contains(&tilsyn)
                })
                .collect();
            let to_report: Vec<&SporetTiltag> = to_report.iter().collect();
            Ok(layout::page(
                &format!("Opfølgning for {}", tilsyn.fulde_navn()),
                Some(&user),
                html! {
                    section.todo aria-labelledby="det-skal-du-nu" {
                        h2 #det-skal-du-nu { "Det skal du nu" }
                        @if to_report.is_empty() {
                            p { "Der er ingen åbne opfølgningstiltag, som " (tilsyn.fulde_navn()) " skal rapportere på." }
                        } @else {
                            p { "Rapportér på " (antal(to_report.len(), "opfølgningstiltag", "opfølgningstiltag")) ":" }
                            (action_list(&to_report, today))
                        }
                    }
                    (tilsynskontakt_view(tilsyn, &actions))
                    (tilsyn_audits(tilsyn, &taken_part))
                },
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
            // Newest first: what was published last is what a reader has not read yet.
            published.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.nr.cmp(&b.0.nr)));
            Ok(layout::page(
                "Auditrapporter",
                Some(&user),
                laeser_view(&published),
            ))
        }
    }
}

/// An audit in vurdering: its panel's progress and who has been reminded of the deadline, when.
type InVurdering<'a> = (
    &'a Audit,
    Vec<Progress>,
    Vec<(audit::Username, time::OffsetDateTime)>,
);

/// What waits for the koordinator: follow-up actions overdue or due soon, audits in vurdering with
/// who has not rated, reports not yet published, unread reminders.
struct Koordinatoropgaver<'a> {
    actions: &'a [SporetTiltag],
    rating: &'a [InVurdering<'a>],
    unpublished: &'a [&'a Audit],
    unread: u64,
}

impl Koordinatoropgaver<'_> {
    fn view(&self, today: Date) -> Markup {
        let overdue: Vec<&SporetTiltag> = self
            .actions
            .iter()
            .filter(|t| t.gruppe(today) == Gruppe::Overskredet)
            .collect();
        let soon: Vec<&SporetTiltag> = self
            .actions
            .iter()
            .filter(|t| t.gruppe(today) == Gruppe::Inden30Dage)
            .collect();
        let nothing = overdue.is_empty()
            && soon.is_empty()
            && self.rating.is_empty()
            && self.unpublished.is_empty()
            && self.unread == 0;
        html! {
            section.todo aria-labelledby="det-skal-du-nu" {
                h2 #det-skal-du-nu { "Det skal du nu" }
                @if nothing {
                    p { "Der venter ikke noget på dig i dag." }
                }
                @if !overdue.is_empty() {
                    h3 { (antal(overdue.len(), "opfølgningstiltag har", "opfølgningstiltag har")) " overskredet fristen" }
                    (action_list(&overdue, today))
                }
                @if !soon.is_empty() {
                    h3 { (antal(soon.len(), "opfølgningstiltag forfalder", "opfølgningstiltag forfalder")) " inden for 30 dage" }
                    (action_list(&soon, today))
                }
                @for (audit, progress, reminded) in self.rating {
                    (rating_status(audit, progress, reminded, today))
                }
                @for audit in self.unpublished {
                    h3 { "Auditrapporten for " (audit.nr) " venter på offentliggørelse" }
                    p { a href=(format!("/audits/{}/rapport", audit.nr)) { "Gå til rapporten for " (audit.nr) " " (audit.titel) } }
                }
                @if self.unread > 0 {
                    h3 { "Indbakke" }
                    p { a href="/indbakke" { "Du har " (antal(usize::try_from(self.unread).unwrap_or(usize::MAX), "ulæst påmindelse", "ulæste påmindelser")) } }
                }
            }
        }
    }
}

/// "1 ulæst påmindelse", "3 ulæste påmindelser".
fn antal(n: usize, en: &str, flere: &str) -> String {
    if n == 1 {
        format!("1 {en}")
    } else {
        format!("{n} {flere}")
    }
}

/// Follow-up actions as a list of links with their due dates.
fn action_list(actions: &[&SporetTiltag], today: Date) -> Markup {
    html! {
        ul {
            @for t in actions {
                li {
                    a href=(super::followup::action_href(t)) { (t.audit) ": " (t.titel()) }
                    @if let Some(forfald) = t.forfald() {
                        " — frist " (DanishDate(forfald)) " (" (dage_til(forfald, today)) ")"
                    }
                }
            }
        }
    }
}

/// One audit in vurdering on the koordinator's start page: the panel's progress, who has not started
/// and who has drafts only (by name), and the days to the rating deadline. Counts and names only.
fn rating_status(
    audit: &Audit,
    progress: &[Progress],
    reminded: &[(audit::Username, time::OffsetDateTime)],
    today: Date,
) -> Markup {
    let names = |status: ProgressStatus| -> Markup {
        let mut named = progress.iter().filter(|p| p.status == status).peekable();
        html! {
            @while let Some(p) = named.next() {
                (audit.member(&p.rater).map_or(p.rater.as_str(), |m| m.navn.as_str()))
                (super::audits::reminded_note(reminded, &p.rater))
                @if named.peek().is_some() { ", " }
            }
        }
    };
    let count = |status: ProgressStatus| progress.iter().filter(|p| p.status == status).count();
    let not_started = names(ProgressStatus::NotStarted);
    let drafts = names(ProgressStatus::Draft);
    html! {
        h3 { "Auditforløb " (audit.nr) " er i vurdering" }
        p {
            a href=(format!("/audits/{}", audit.nr)) { (audit.nr) " " (audit.titel) } ": "
            (fremdrift(audit::visibility::fremdrift(progress))) "."
            @if let Some(deadline) = audit.deadline {
                " Frist for bedømmelser " (DanishDate(deadline)) " (" (dage_til(deadline, today)) ")."
            }
        }
        @if count(ProgressStatus::NotStarted) + count(ProgressStatus::Draft) > 0 {
            ul {
                @if count(ProgressStatus::NotStarted) > 0 {
                    li { "Ikke startet: " (not_started) }
                }
                @if count(ProgressStatus::Draft) > 0 {
                    li { "Kun kladder eller ikke alt indsendt: " (drafts) }
                }
            }
        }
    }
}

/// The panelist's audits that wait for their ratings, with progress and deadline.
fn panelist_todo(rows: &[(Audit, Option<Progress>)], today: Date) -> Markup {
    let waiting: Vec<&(Audit, Option<Progress>)> = rows
        .iter()
        .filter(|(audit, own)| {
            audit.state == WorkflowState::Vurdering
                && own
                    .as_ref()
                    .is_some_and(|p| p.status != ProgressStatus::Submitted)
        })
        .collect();
    html! {
        section.todo aria-labelledby="det-skal-du-nu" {
            h2 #det-skal-du-nu { "Det skal du nu" }
            @if waiting.is_empty() {
                p { "Du har ingen bedømmelser, der venter." }
            } @else {
                ul {
                    @for (audit, own) in waiting {
                        li {
                            a href=(format!("/audits/{}/bedoemmelse", audit.nr)) { "Bedøm " (audit.nr) " " (audit.titel) }
                            @if let Some(p) = own {
                                ": " (fremdrift(p.fremdrift())) "."
                            }
                            @if let Some(deadline) = audit.deadline {
                                " Frist " (DanishDate(deadline)) " (" (dage_til(deadline, today)) ")."
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The next date that matters for an audit from `today` on: the rating deadline until the ratings are
/// in, then the meeting, then the due dates of its open follow-up actions (`follow_up`, the audit's own).
pub(crate) fn next_date(
    audit: &Audit,
    follow_up: &[&SporetTiltag],
    today: Date,
) -> Option<(&'static str, Date)> {
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
    let follow_up_dates = follow_up
        .iter()
        .filter(|t| t.tilstand.status.venter_paa_ansvarlige())
        .filter_map(|t| t.forfald())
        .map(|d| ("Opfølgningstiltag", d));
    candidates
        .into_iter()
        .filter_map(|(applies, label, date)| date.filter(|_| applies).map(|d| (label, d)))
        .chain(follow_up_dates)
        .filter(|(_, date)| *date >= today)
        .min_by_key(|(_, date)| *date)
}

/// The audit's next date, or how many of its follow-up actions are overdue when any are (a "fra …"
/// start has no due date and is never overdue: `audit::frist`).
fn next_date_cell(audit: &Audit, follow_up: &[&SporetTiltag], today: Date) -> Markup {
    let overdue = follow_up.iter().filter(|t| t.er_overskredet(today)).count();
    html! {
        @if overdue > 0 {
            strong.overdue { (antal(overdue, "opfølgningstiltag", "opfølgningstiltag")) " over fristen" }
            br;
        }
        @match next_date(audit, follow_up, today) {
            Some((label, date)) => { (label) ": " (DanishDate(date)) },
            None if overdue == 0 => span.muted { "Ingen kommende frist" },
            None => {},
        }
    }
}

fn koordinator_view(audits: &[Audit], actions: &[SporetTiltag], today: Date) -> Markup {
    html! {
        @if audits.is_empty() {
            p { "Der er endnu ingen auditforløb." }
        } @else {
            h2 { "Alle auditforløb" }
            table {
                caption.visually-hidden { "Alle auditforløb" }
                thead { tr { th scope="col" { "Nr." } th scope="col" { "Titel" } th scope="col" { "Tilstand" } th scope="col" { "Næste frist" } } }
                tbody {
                    @for audit in audits {
                        @let own: Vec<&SporetTiltag> = actions.iter().filter(|t| t.audit == audit.nr).collect();
                        tr {
                            td { a href=(format!("/audits/{}", audit.nr)) { (audit.nr) } }
                            td { (audit.titel) }
                            td { (capitalized(audit.state.navn())) }
                            td { (next_date_cell(audit, &own, today)) }
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
                            td { (next_date_cell(audit, &[], today)) }
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

/// The audits a tilsyn took part in, linked to their overview and, once published, their report.
fn tilsyn_audits(tilsyn: Tilsyn, audits: &[(Audit, bool)]) -> Markup {
    html! {
        h2 { "Auditforløb med " (tilsyn.fulde_navn()) }
        @if audits.is_empty() {
            p { (tilsyn.fulde_navn()) " har ikke deltaget i noget auditforløb." }
        } @else {
            (Table::new(&[
                text("Nr."), text("Titel"), text("Tilstand"), text("Auditrapport"),
            ]).rows(html! {
                @for (audit, published) in audits {
                    tr {
                        td { a href=(format!("/audits/{}", audit.nr)) { (audit.nr) } }
                        td { (audit.titel) }
                        td { (capitalized(audit.state.navn())) }
                        td {
                            @if *published {
                                a href=(format!("/audits/{}/rapport", audit.nr)) { "Læs rapporten" span.visually-hidden { " " (audit.nr) } }
                            } @else {
                                span.muted { "Ikke offentliggjort" }
                            }
                        }
                    }
                }
            }))
        }
    }
}

fn laeser_view(published: &[(Audit, i32, Date)]) -> Markup {
    html! {
        p.lead { "Offentliggjorte auditrapporter fra de lærende auditforløb, de nyeste først." }
        @if published.is_empty() {
            p { "Der er endnu ingen offentliggjorte auditrapporter." }
        } @else {
            (Table::new(&[
                text("Nr."), text("Titel"), text("Version"), text("Offentliggjort"),
            ]).rows(html! {
                @for (audit, version, date) in published {
                    tr {
                        td { a href=(format!("/audits/{}/rapport", audit.nr)) { (audit.nr) } }
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
            next_date(&audit("vurdering", Some(d), Some(m)), &[], today),
            Some(("Frist for bedømmelser", d))
        );
        assert_eq!(
            next_date(
                &audit("vurdering", Some(d), Some(m)),
                &[],
                date!(2025 - 03 - 16)
            ),
            Some(("Auditmøde", m))
        );
        assert_eq!(
            next_date(&audit("droeftelse", Some(d), Some(m)), &[], today),
            Some(("Auditmøde", m))
        );
        assert_eq!(
            next_date(&audit("rapport", Some(d), Some(m)), &[], today),
            None
        );
    }
}
