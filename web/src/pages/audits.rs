//! One audit round: `GET /audits/{nr}`, its overview.
//!
//! Shows the title, purpose and focus, the workflow steps, the deadline and meeting date, the panel, and
//! the material by pseudonym. During vurdering the koordinator also sees the panel's progress (submitted,
//! draft, not started, with counts), never a value: progress comes from `audit::visibility::progress`,
//! which carries none.

use audit::access::Part;
use audit::bedoemmelsesfrist;
use audit::visibility::Progress;
use audit::{Audit, PanelMember, WorkflowState};
use axum::Router;
use axum::routing::get;
use maud::{Markup, html};

use crate::access::{self, AuditPage, Overview};
use crate::auth::CurrentUser;
use crate::components::labels::{attendance, capitalized, fremdrift, progress_status, reveal_rule};
use crate::components::table::{Table, num, text};
use crate::components::workflow;
use crate::components::{DanishDate, date};
use crate::error::AppError;
use crate::layout;
use crate::pages::setup::material_file_href;
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/audits/{nr}", get(show))
}

/// `GET /audits/{nr}`: the overview of one audit, for the koordinator, the audit's panel and the
/// tilsynskontakt of a tilsyn on the panel (`audit::access::Part::Overview`).
async fn show(page: AuditPage<Overview>) -> Result<Markup, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    let progress = if access::may_see(user.user(), &audit, Part::Progress) {
        Some(Fremdriftsside {
            progress: store::ratings::progress(&app.db, &audit).await?,
            reminded: store::reminders::reminded(&app.db, &audit.nr, bedoemmelsesfrist::HANDLING)
                .await?,
        })
    } else {
        None
    };
    let me = audit.member(user.username());
    // A tilsynskontakt sees the overview only: no links to files or working pages they cannot open.
    let working = access::may_view_audit(user.user(), &audit);
    let files = if working {
        store::files::material_files(&app.db, &audit.nr).await?
    } else {
        Vec::new()
    };
    let published = !store::reports::published_reports(&app.db, &audit.nr)
        .await?
        .is_empty();
    Ok(layout::page(
        &format!("{} {}", audit.nr, audit.titel),
        Some(&user),
        html! {
            (pages_of_the_audit(&audit, user.user(), published))
            (super::dashboard::links(&audit, user.user()))
            (view(&audit, me, &user, progress.as_ref(), &files))
        },
    ))
}

/// The panel's progress and who has been reminded of the rating deadline, when, for the koordinator.
struct Fremdriftsside {
    progress: Vec<Progress>,
    reminded: Vec<(audit::Username, time::OffsetDateTime)>,
}

/// "påmindet 3. marts 2025" beside a panelist who has had a rating reminder; nothing otherwise.
pub(crate) fn reminded_note(
    reminded: &[(audit::Username, time::OffsetDateTime)],
    rater: &audit::Username,
) -> Markup {
    html! {
        @if let Some((_, at)) = reminded.iter().find(|(u, _)| u == rater) {
            " " span.muted.reminded { "påmindet " (DanishDate(crate::clock::danish_time(*at).date())) }
        }
    }
}

fn view(
    audit: &Audit,
    me: Option<&PanelMember>,
    user: &CurrentUser,
    progress: Option<&Fremdriftsside>,
    files: &[store::files::FileInfo],
) -> Markup {
    let koordinator = user.is_koordinator();
    html! {
        (workflow::steps(audit.state))
        @if koordinator {
            (crate::pages::setup::workflow::audit_actions(audit, user.csrf_token()))
        }
        dl.facts {
            dt { "Formål" } dd { (audit.formaal) }
            dt { "Fokus" } dd { (audit.fokus) }
            dt { "Kvalitetsmodel" } dd { "Version " (audit.model_version) }
            dt { "Frist for bedømmelser" } dd { (date::optional(audit.deadline)) }
            dt { "Auditmøde" } dd { (date::optional(audit.meeting_date)) }
            dt { "Afsløring" } dd { (reveal_rule(audit.reveal_rule)) }
        }
        @if let Some(progress) = progress {
            (progress_table(audit, progress))
        }
        (panel_table(audit))
        (material_table(audit, me, access::may_see(user.user(), audit, Part::MaterialIdentity), files))
    }
}

fn progress_table(audit: &Audit, side: &Fremdriftsside) -> Markup {
    let progress = &side.progress;
    html! {
        section aria-labelledby="fremdrift" {
            h2 #fremdrift { "Fremdrift" }
            p {
                "Panelet: " (fremdrift(audit::visibility::fremdrift(progress))) ". "
                "Bedømmelserne er blinde: ingen, heller ikke koordinatoren, ser værdierne, før de afsløres."
            }
            (Table::new(&[
                text("Panelist"),
                text("Tilsyn"),
                text("Status"),
                num("Indsendt"),
                num("Kladder"),
                num("I alt"),
            ]).rows(html! {
                @for p in progress {
                    @let member = audit.member(&p.rater);
                    tr {
                        td { (member.map_or(p.rater.as_str(), |m| m.navn.as_str())) }
                        td { (member.map_or("–", |m| m.tilsyn.navn())) }
                        td { (progress_status(p.status)) (reminded_note(&side.reminded, &p.rater)) }
                        td.num { (p.submitted) }
                        td.num { (p.drafts) }
                        td.num { (p.total) }
                    }
                }
            }))
        }
    }
}

fn panel_table(audit: &Audit) -> Markup {
    html! {
        section aria-labelledby="panel" {
            h2 #panel { "Panel" }
            @if audit.panel.is_empty() {
                p { "Panelet er endnu ikke sammensat." }
            } @else {
                (Table::new(&[
                    text("Navn"), text("Tilsyn"), text("Rolle"), text("Deltagelse"),
                ]).rows(html! {
                    @for m in &audit.panel {
                        tr {
                            td { (m.navn) }
                            td { (m.tilsyn.fulde_navn()) }
                            td { (capitalized(m.rolle.navn())) }
                            td { (capitalized(&attendance(&m.attendance))) }
                        }
                    }
                }))
            }
        }
    }
}

fn material_table(
    audit: &Audit,
    me: Option<&PanelMember>,
    identity: bool,
    files: &[store::files::FileInfo],
) -> Markup {
    html! {
        section aria-labelledby="materiale" {
            h2 #materiale { "Materiale" }
            @if audit.materials.is_empty() {
                p { "Der er endnu ikke tilføjet materiale." }
            } @else if identity {
                (Table::new(&[
                    text("Pseudonym"), text("Art"), text("Tilsyn"), text("Beskrivelse"),
                ]).rows(html! {
                    @for m in &audit.materials {
                        tr {
                            td { (download_link(audit, m, files)) }
                            td { (capitalized(m.kind.navn())) }
                            td { (m.tilsyn.fulde_navn()) }
                            td { (m.beskrivelse) }
                        }
                    }
                }))
            } @else {
                p { "Materialet vises under pseudonymer, så tilbuddene ikke kan genkendes." }
                (Table::new(&[
                    text("Pseudonym"), text("Art"),
                ]).rows(html! {
                    @for m in &audit.materials {
                        tr {
                            td {
                                (download_link(audit, m, files))
                                @if me.is_some_and(|me| me.tilsyn == m.tilsyn) {
                                    " " span.tag { "Dit eget tilsyn" }
                                }
                            }
                            td { (capitalized(m.kind.navn())) }
                        }
                    }
                }))
            }
        }
    }
}

/// The pseudonym, linked to the material's download (`pages::setup`) when a file is attached.
fn download_link(audit: &Audit, m: &audit::Material, files: &[store::files::FileInfo]) -> Markup {
    html! {
        @if files.iter().any(|f| f.material == m.id) {
            a href=(material_file_href(&audit.nr, &m.id)) { (m.pseudonym) }
        } @else {
            (m.pseudonym)
        }
    }
}

/// Links to the audit's other page groups that this user may open in its current state: the rating
/// form, the report, the case timelines (process descriptions with dated steps) and the compliance sample
/// (checklist forms). Each page checks access itself; this only avoids offering dead ends: the report is
/// offered to whoever may read its draft or, once a version is `published`, that version.
fn pages_of_the_audit(audit: &Audit, user: &audit::User, published: bool) -> Markup {
    let nr = &audit.nr;
    let rater = matches!(audit.viewer(user), audit::visibility::Viewer::Panelist(_));
    let rating_open = matches!(
        audit.state,
        WorkflowState::Vurdering | WorkflowState::Droeftelse
    );
    let report = access::may_see(user, audit, Part::ReportDraft)
        || access::may_see(user, audit, Part::PublishedReport { published });
    let working = access::may_view_audit(user, audit);
    let timelines = working && audit.materials.iter().any(|m| m.sagsforloeb.is_some());
    let checklist = working
        && audit
            .forms
            .iter()
            .any(|f| f.scale == audit::Scale::Tjekliste);
    let mut links: Vec<(String, &str)> = Vec::new();
    if rater && rating_open {
        links.push((format!("/audits/{nr}/bedoemmelse"), "Din bedømmelse"));
    }
    if report {
        links.push((format!("/audits/{nr}/rapport"), "Auditrapport"));
    }
    if timelines {
        links.push((format!("/audits/{nr}/sagsforloeb"), "Sagsforløb"));
    }
    if checklist && audit.state.is_revealed() {
        links.push((
            format!("/audits/{nr}/stikproeve"),
            "Stikprøve og efterlevelse",
        ));
    }
    if links.is_empty() {
        return html! {};
    }
    html! {
        nav.subpages aria-label="Auditforløbets sider" {
            ul {
                @for (href, label) in &links {
                    li { a href=(href) { (label) } }
                }
            }
        }
    }
}
