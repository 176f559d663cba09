//! The rating page: the audit's facts, notices, the error summary, and every form with its material
//! in the panelist's order, wrapped in one `<form>` while a round is open.

use audit::{Afsloeringsregel, ItemKind, Round, UnitKey};
use maud::{Markup, html};

use crate::auth::CurrentUser;
use crate::components::date::{self, DanishDate};
use crate::components::form::{self, csrf_field};
use crate::components::labels::{capitalized, fremdrift, reveal_rule};
use crate::components::workflow;
use crate::layout;
use crate::pages::rating::sheet::{Input, Mode, Sheet, UnitRef, dom_id};
use crate::pages::rating::unit;
use crate::pages::setup::material_view_href;

/// What was just saved, for the notice after the redirect (`?gemt=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Saved {
    /// Round-1 draft.
    Draft,
    /// Round-1 submission.
    Submitted,
    /// Round-2 draft.
    SecondDraft,
    /// Round-2 submission.
    SecondSubmitted,
}

impl Saved {
    /// The query value of the redirect.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Saved::Draft => "kladde",
            Saved::Submitted => "indsendt",
            Saved::SecondDraft => "runde2-kladde",
            Saved::SecondSubmitted => "runde2-indsendt",
        }
    }

    /// The notice for a query string, if it names one.
    pub(crate) fn from_query(query: Option<&str>) -> Option<Saved> {
        let query = query?;
        [
            Saved::Draft,
            Saved::Submitted,
            Saved::SecondDraft,
            Saved::SecondSubmitted,
        ]
        .into_iter()
        .find(|s| query.split('&').any(|p| p == format!("gemt={}", s.id())))
    }

    fn text(self) -> &'static str {
        match self {
            Saved::Draft => {
                "Din kladde er gemt. Kun du kan se den; du kan fortsætte, når det passer dig."
            }
            Saved::Submitted => "Dine bedømmelser er indsendt. De kan ikke længere ændres.",
            Saved::SecondDraft => "Din kladde til runde 2 er gemt. Kun du kan se den.",
            Saved::SecondSubmitted => "Dine bedømmelser i runde 2 er indsendt. Runde 1 er uændret.",
        }
    }
}

/// The address of the rating page of audit `nr`.
pub(crate) fn href(nr: &audit::AuditNr) -> String {
    format!("/audits/{nr}/bedoemmelse")
}

/// The whole page.
pub(crate) fn page(
    user: &CurrentUser,
    sheet: &Sheet<'_>,
    input: &Input<'_>,
    saved: Option<Saved>,
) -> Markup {
    let audit = sheet.audit;
    let round = sheet
        .open_round()
        .filter(|r| !sheet.open_units(*r).is_empty());
    layout::page(
        &format!("Bedømmelse: {} {}", audit.nr, audit.titel),
        Some(user),
        html! {
            (workflow::steps(audit.state))
            (facts(sheet))
            @if let Some(saved) = saved {
                div.notice.ok role="status" { p { (saved.text()) } }
            }
            (error_summary(sheet, input))
            (intro(sheet))
            @if let Some(round) = round {
                form.rating method="post" action=(href(&audit.nr)) novalidate {
                    (csrf_field(user.csrf_token()))
                    input type="hidden" name="runde" value=(round.number());
                    (forms(sheet, input))
                    (actions(round))
                }
            } @else {
                (forms(sheet, input))
            }
        },
    )
}

fn facts(sheet: &Sheet<'_>) -> Markup {
    let progress = sheet.first_round_progress();
    html! {
        dl.facts {
            dt { "Frist for bedømmelser" } dd { (date::optional(sheet.audit.deadline)) }
            dt { "Afsløring" } dd { (reveal_rule(sheet.audit.reveal_rule)) }
            dt { "Dine bedømmelser" } dd { (fremdrift(progress)) }
            dt { "Rækkefølge" }
            dd { "Materialet står i en rækkefølge, der er tilfældig for dig, men den samme hver gang – så rækkefølgen ikke præger bedømmelserne." }
        }
    }
}

fn intro(sheet: &Sheet<'_>) -> Markup {
    let audit = sheet.audit;
    let everything_submitted = sheet.open_units(Round::First).is_empty();
    let rule = match audit.reveal_rule {
        Afsloeringsregel::VedMoedet => {
            "De andres bedømmelser vises først, når koordinatoren afslører dem på auditmødet."
        }
        Afsloeringsregel::EfterEgenIndsendelse => {
            "Når du har indsendt dine bedømmelser af et materiale, kan du se de andres indsendte bedømmelser af det."
        }
    };
    html! {
        @match sheet.mode {
            Mode::NotOpen => {
                div.notice { p { "Bedømmelsen er ikke åbnet endnu. Den åbner, når koordinatoren starter vurderingen." } }
            }
            Mode::FirstRound { open: true } if everything_submitted => {
                div.notice.ok { p { "Du har indsendt alle dine bedømmelser. De kan ikke ændres. " (rule) } }
            }
            Mode::FirstRound { open: true } => {
                p.lead {
                    "Bedøm hvert punkt, og begrund din bedømmelse; »Kan ikke bedømmes« kan vælges, hvor skalaen har det. "
                    "»Gem kladde« gemmer det udfyldte, så du kan fortsætte senere. "
                    "»Indsend« indsender bedømmelserne; derefter kan de ikke ændres. "
                    (rule)
                }
            }
            Mode::FirstRound { open: false } => {
                div.notice.error {
                    p {
                        "Fristen for bedømmelserne var "
                        @if let Some(deadline) = audit.deadline { (DanishDate(deadline)) }
                        ". Der kan ikke længere bedømmes."
                    }
                }
            }
            Mode::SecondRound if sheet.first_round_progress().indsendt == 0 => {
                div.notice {
                    p { "Bedømmelserne er afsløret. Du indsendte ingen bedømmelser i runde 1, så der er intet at ændre i runde 2; panelets bedømmelser står under hvert punkt." }
                }
            }
            Mode::SecondRound => {
                p.lead {
                    "Bedømmelserne er afsløret, og runde 1 er låst. Under hvert punkt ser du panelets bedømmelser. "
                    "Vil du ændre din bedømmelse efter drøftelsen, giver du en ny bedømmelse i runde 2 med en begrundelse for ændringen; "
                    "runde 1 gemmes uændret ved siden af."
                }
            }
            Mode::Closed => {
                div.notice { p { "Forløbet er i tilstanden " (audit.state.navn()) ". Bedømmelserne kan kun læses." } }
            }
        }
    }
}

fn error_summary(sheet: &Sheet<'_>, input: &Input<'_>) -> Markup {
    html! {
        @if !input.errors.is_empty() {
            (form::error_summary("Bedømmelserne er ikke gemt", html! {
                p { "Ret fejlene herunder, og prøv igen. Intet er gemt, og det, du har udfyldt, står der stadig." }
                ul {
                    @for message in input.errors.general() { li { (message) } }
                    @for (unit, message) in unit_errors(sheet, input) {
                        li { a href=(format!("#{}", dom_id(&unit))) { (short_name(sheet, &unit)) } ": " (message) }
                    }
                }
            }))
        }
    }
}

/// The errors of single units, in the order their units stand on the page (the errors are keyed by
/// the unit's text).
fn unit_errors<'a>(sheet: &Sheet<'_>, input: &Input<'a>) -> Vec<(UnitKey, &'a str)> {
    let order = page_order(sheet);
    let mut errors: Vec<(UnitKey, &str)> = input
        .errors
        .iter()
        .filter_map(|(field, message)| Some((field.parse().ok()?, message)))
        .collect();
    errors.sort_by_key(|(unit, _)| order.iter().position(|u| u == unit).unwrap_or(usize::MAX));
    errors
}

/// Every unit in the order [`forms`] writes them: form by form, each material in the panelist's own
/// order with its items, then the form's items about no material.
fn page_order(sheet: &Sheet<'_>) -> Vec<UnitKey> {
    let mut units = Vec::new();
    for form in &sheet.audit.forms {
        for material in sheet.form_materials(form) {
            for item in form.items.iter().filter(|i| i.kind.per_material()) {
                units.push(UnitKey::new(item.id.clone(), Some(material.id.clone())));
            }
        }
        for item in form.items.iter().filter(|i| !i.kind.per_material()) {
            units.push(UnitKey::new(item.id.clone(), None));
        }
    }
    units
}

/// "Rapport A, indikator 8.a": where a unit is, in few words.
pub(crate) fn short_name(sheet: &Sheet<'_>, unit: &UnitKey) -> String {
    let item = match sheet.audit.item(&unit.item) {
        Some((_, item)) => match &item.kind {
            ItemKind::Indikator { indikator } => format!("indikator {indikator}"),
            _ => item.tekst.clone(),
        },
        None => unit.item.to_string(),
    };
    match &unit.material {
        Some(m) => format!("{}, {item}", sheet.pseudonym(m)),
        None => capitalized(&item),
    }
}

fn forms(sheet: &Sheet<'_>, input: &Input<'_>) -> Markup {
    let audit = sheet.audit;
    html! {
        @for (index, form) in audit.forms.iter().enumerate() {
            @let heading = format!("skema-{}", index + 1);
            @let per_material: Vec<_> = form.items.iter().filter(|i| i.kind.per_material()).collect();
            section.rating-form aria-labelledby=(heading) {
                h2 id=(heading) { (form.titel) }
                @if !per_material.is_empty() {
                    p.muted { "Skala: " (form.scale.navn()) "." }
                    @for material in sheet.form_materials(form) {
                        @let material_heading = format!("materiale-{}-{}", index + 1, material.id);
                        section.material aria-labelledby=(material_heading) {
                            h3 id=(material_heading) {
                                (material.pseudonym)
                                @if sheet.is_own_material(material) {
                                    " " span.tag.own-tilsyn { "Materiale fra dit eget tilsyn" }
                                }
                            }
                            p.material-meta {
                                (capitalized(material.kind.navn()))
                                " · "
                                @if sheet.files.contains(&material.id) {
                                    // A new tab, so that the form and what is typed in it stay where they are.
                                    a.material-file href=(material_view_href(&audit.nr, &material.id)) target="_blank" rel="noopener" {
                                        "Åbn " (material.pseudonym) " " span.new-window { "(åbner i nyt vindue)" }
                                    }
                                } @else {
                                    span.muted { "Ingen fil uploadet" }
                                }
                            }
                            @for item in &per_material {
                                (unit::block(sheet, input, &UnitRef {
                                    form,
                                    item,
                                    material: Some(material),
                                    unit: UnitKey::new(item.id.clone(), Some(material.id.clone())),
                                }))
                            }
                        }
                    }
                }
                @for item in form.items.iter().filter(|i| !i.kind.per_material()) {
                    (unit::block(sheet, input, &UnitRef {
                        form,
                        item,
                        material: None,
                        unit: UnitKey::new(item.id.clone(), None),
                    }))
                }
            }
        }
    }
}

fn actions(round: Round) -> Markup {
    html! {
        div.actions {
            // "Gem kladde" comes first, so that Enter in a field saves a draft rather than submitting.
            button.secondary type="submit" name="handling" value="kladde" { "Gem kladde" }
            button type="submit" name="handling" value="indsend" {
                @if round == Round::Second { "Indsend ændringer" } @else { "Indsend" }
            }
            p.muted {
                @if round == Round::Second {
                    "Indsendte bedømmelser i runde 2 kan ikke ændres. Punkter, der står som »Uændret«, sendes ikke."
                } @else {
                    "Når du indsender, kan bedømmelserne ikke ændres. Alle punkter skal være besvaret (eller markeret »Kan ikke bedømmes«, hvor det kan vælges)."
                }
            }
        }
    }
}
