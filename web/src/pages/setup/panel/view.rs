//! The panel page: the members with their attendance forms, and the form to seat a panelist.

use audit::{Audit, Freeze, PanelMember, Panelrolle, SetupPart, Tilsyn};
use maud::{Markup, html};

use super::super::audit_path;
use super::super::widgets::{Control, checkbox, error_summary, options, refusal};
use super::{FremmoedeKladde, Shown, role_id};
use crate::auth::CurrentUser;
use crate::components::form::csrf_field;
use crate::components::labels::{attendance, capitalized};
use crate::components::table::{Column, Table, text};

fn attendance_options() -> Vec<(String, String)> {
    options([
        ("deltager", "Deltager"),
        ("afbud", "Afbud"),
        ("fritaget", "Fritaget"),
    ])
}

fn tilsyn_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Vælg socialtilsyn".to_owned()))
        .chain(
            Tilsyn::ALL
                .iter()
                .map(|t| (t.id().to_owned(), t.fulde_navn())),
        )
        .collect()
}

fn role_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), "Vælg rolle".to_owned()))
        .chain(
            Panelrolle::ALL
                .iter()
                .map(|r| (role_id(*r), capitalized(r.navn()))),
        )
        .collect()
}

/// The panel page; `freeze` says whether and why the panel's composition is frozen
/// (`Audit::setup_freeze`), in which case only attendance can be changed.
pub(super) fn view(
    user: &CurrentUser,
    audit: &Audit,
    freeze: Option<Freeze>,
    shown: &Shown,
    candidates: &[audit::User],
) -> Markup {
    let planning = freeze.is_none();
    html! {
        p.no-print { a href=(audit_path(audit, "")) { "Tilbage til auditforløb " (audit.nr) } }
        (refusal(shown.refusal.as_deref()))
        (error_summary(&shown.errors))
        @if audit.panel.is_empty() {
            p { "Panelet er endnu ikke sammensat." }
        } @else {
            (Table::new(&[
                text("Navn"),
                text("Socialtilsyn"),
                text("Rolle"),
                text("Deltagelse"),
                Column { heading: "Ændr", class: Some("no-print") },
            ]).caption(html! { (audit.panel.len()) " medlemmer, " (audit.raters().count()) " bedømmere" }).class("panel").rows(html! {
                @for m in &audit.panel {
                    tr {
                        td { (m.navn) br; span.muted { (m.username) } }
                        td { (m.tilsyn.fulde_navn()) }
                        td { (capitalized(m.rolle.navn())) }
                        td { (capitalized(&attendance(&m.attendance))) }
                        td.no-print { (row_forms(user, audit, m, shown, planning)) }
                    }
                }
            }))
        }
        @if planning || !shown.add.username.is_empty() {
            // After a refused post the form stays, with what was entered.
            (add_form(user, audit, shown, candidates))
        }
        @if let Some(freeze) = freeze {
            p.notice {
                (capitalized(&freeze.message(SetupPart::Panel))) ". "
                "Kun deltagelsen kan stadig ændres (f.eks. et afbud på dagen)."
            }
        }
    }
}

fn row_forms(
    user: &CurrentUser,
    audit: &Audit,
    m: &PanelMember,
    shown: &Shown,
    planning: bool,
) -> Markup {
    let name = m.username.as_str();
    let draft = match &shown.row {
        Some((row, draft)) if row == name => draft.clone(),
        _ => FremmoedeKladde::of(&m.attendance),
    };
    let deltagelse = format!("deltagelse-{name}");
    let grund = format!("grund-{name}");
    let paa_dagen = format!("paa-dagen-{name}");
    html! {
        form.row-form method="post" action=(audit_path(audit, "/panel/attendance")) {
            (csrf_field(user.csrf_token()))
            input type="hidden" name="username" value=(name);
            div.field {
                label for=(deltagelse) { "Deltagelse" span.visually-hidden { " for " (m.navn) } }
                select id=(deltagelse) name="deltagelse" {
                    @for (value, label) in attendance_options() {
                        option value=(value) selected[value == draft.deltagelse] { (label) }
                    }
                }
                @if let Some(error) = shown.errors.get(&deltagelse) { p.field-error { (error) } }
            }
            div.field {
                label for=(grund) { "Grund" span.visually-hidden { " for " (m.navn) } }
                input type="text" id=(grund) name="grund" value=(draft.grund)
                    aria-invalid=[shown.errors.get(&grund).map(|_| "true")]
                    aria-describedby=[shown.errors.get(&grund).map(|_| format!("{grund}-fejl"))];
                @if let Some(error) = shown.errors.get(&grund) {
                    p.field-error id=(format!("{grund}-fejl")) { (error) }
                }
            }
            (checkbox("paa_dagen", &paa_dagen, "ja", draft.paa_dagen, html! { "Afbud på dagen" }))
            button.secondary type="submit" { "Gem deltagelse" span.visually-hidden { " for " (m.navn) } }
        }
        @if planning {
            form.row-form method="post" action=(audit_path(audit, "/panel/remove")) {
                (csrf_field(user.csrf_token()))
                input type="hidden" name="username" value=(name);
                button.secondary type="submit" { "Fjern" span.visually-hidden { " " (m.navn) " fra panelet" } }
            }
        }
    }
}

fn add_form(
    user: &CurrentUser,
    audit: &Audit,
    shown: &Shown,
    candidates: &[audit::User],
) -> Markup {
    let draft = &shown.add;
    let errors = &shown.errors;
    let username_error = errors.get("username");
    html! {
        section.no-print aria-labelledby="tilfoej" {
            h2 #tilfoej { "Tilføj panelmedlem" }
            form.setup method="post" action=(audit_path(audit, "/panel")) {
                (csrf_field(user.csrf_token()))
                div.field {
                    label for="username" { "Brugernavn" }
                    input type="text" id="username" name="username" value=(draft.username) list="panelister"
                        required autocomplete="off"
                        aria-invalid=[username_error.map(|_| "true")]
                        aria-describedby=(if username_error.is_some() { "username-hjaelp username-fejl" } else { "username-hjaelp" });
                    datalist #panelister {
                        @for c in candidates { option value=(c.username) { (c.navn) } }
                    }
                    p.hint #username-hjaelp { "En eksisterende bruger med rollen panelist, f.eks. midt-1." }
                    @if let Some(error) = username_error { p.field-error #username-fejl { (error) } }
                }
                (Control::new("tilsyn", "Socialtilsyn", &draft.tilsyn).required().select(&tilsyn_options(), errors))
                (Control::new("rolle", "Rolle", &draft.rolle).required().select(&role_options(), errors))
                (Control::new("deltagelse", "Deltagelse", &draft.attendance.deltagelse)
                    .select(&attendance_options(), errors))
                (Control::new("grund", "Grund (ved afbud eller fritagelse)", &draft.attendance.grund).input("text", errors))
                (checkbox("paa_dagen", "paa_dagen", "ja", draft.attendance.paa_dagen, html! { "Afbud på dagen" }))
                button type="submit" { "Tilføj til panelet" }
            }
        }
    }
}
