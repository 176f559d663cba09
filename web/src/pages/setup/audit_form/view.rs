//! The audit form as a page: the model-version switch, the fields with their errors, and the focus
//! as a tema radio or indicator checkboxes from the chosen model.

use audit::{Audit, Freeze, Kvalitetsmodel, SetupPart};
use maud::{Markup, html};

use super::super::dates::{input_value, parse_date};
use super::super::focus;
use super::super::scale::{self, main_scale};
use super::super::widgets::{Control, error_summary, options};
use super::check::sentence;
use super::{Draft, EFTER_EGEN, VED_MOEDET, reveal_id};
use crate::auth::CurrentUser;
use crate::components::form::FieldErrors;
use crate::components::form::csrf_field;

/// The form for a new audit (`existing` is `None`) or an edit; `freeze` says whether and why the
/// existing audit's set-up is frozen, in which case the model version, the scale and the reveal rule
/// are shown read-only with the domain's reason.
pub(super) fn view(
    user: &CurrentUser,
    existing: Option<&Audit>,
    freeze: Option<Freeze>,
    draft: &Draft,
    errors: &FieldErrors,
    versions: &[String],
    model: &Kvalitetsmodel,
) -> Markup {
    let action = match existing {
        Some(audit) => format!("/audits/{}/edit", audit.nr),
        None => "/audits/new".to_owned(),
    };
    let frozen = freeze.is_some();
    let why = |part: SetupPart| {
        freeze
            .map(|f| sentence(&f.message(part)))
            .unwrap_or_default()
    };
    let version_options: Vec<(String, String)> = versions
        .iter()
        .map(|v| (v.clone(), format!("Version {v}")))
        .collect();
    html! {
        (error_summary(errors))
        @if frozen {
            p.notice { (why(SetupPart::ModelVersion)) }
        } @else {
            form.version-switch.no-print method="get" action=(action) {
                (Control::new("version", "Kvalitetsmodel", &draft.model_version)
                    .hint("Vælg først versionen: fokus vælges blandt denne versions temaer og indikatorer.")
                    .select(&version_options, &FieldErrors::default()))
                button.secondary type="submit" { "Vis version" }
            }
        }
        form.setup method="post" action=(action) {
            (csrf_field(user.csrf_token()))
            input type="hidden" name="model_version" value=(draft.model_version);
            @if let Some(error) = errors.get("model_version") {
                p.field-error id="model_version" { (error) }
            }
            @match existing {
                Some(audit) => {
                    dl.facts {
                        dt { "Nummer" } dd { (audit.nr) }
                        dt { "Kvalitetsmodel" } dd { "Version " (draft.model_version) }
                    }
                },
                None => {
                    (Control::new("nr", "Nummer", &draft.nr)
                        .hint("År og løbenummer eller bogstav, f.eks. 25.3 eller 16.a.")
                        .required()
                        .input("text", errors))
                },
            }
            (Control::new("titel", "Titel", &draft.titel).required().input("text", errors))
            (Control::new("formaal", "Formål", &draft.formaal)
                .hint("Hvorfor forløbet gennemføres; teksten indgår i auditrapporten.")
                .required()
                .textarea(errors))
            (focus_fieldset(model, draft, errors))
            (Control::new("fokus_tekst", "Uddybning af fokus (valgfri)", &draft.fokus_tekst)
                .hint("F.eks. hvilke indikatorer der er valgt fra og hvorfor.")
                .textarea(errors))
            @if frozen {
                dl.facts { dt { "Skala" } dd { (scale::words(existing.and_then(main_scale).as_ref())) } }
                p.hint { (why(SetupPart::Scale)) }
            } @else {
                (scale::controls(&draft.skala, &draft.skala_labels, errors))
            }
            (Control::new("deadline", "Frist for bedømmelserne", &input_value(&draft.deadline))
                .hint(&date_hint(&draft.deadline))
                .input("date", errors))
            (Control::new("meeting_date", "Auditmøde", &input_value(&draft.meeting_date))
                .hint(&date_hint(&draft.meeting_date))
                .input("date", errors))
            @match existing.filter(|_| frozen) {
                Some(audit) => {
                    dl.facts #reveal_rule {
                        dt { "Afsløring af bedømmelserne" }
                        dd { (reveal_words(reveal_id(audit.reveal_rule))) }
                    }
                    p.hint { (why(SetupPart::Afsloeringsregel)) }
                },
                None => {
                    (Control::new("reveal_rule", "Afsløring af bedømmelserne", &draft.reveal_rule).radios(&options([
                        (VED_MOEDET, reveal_words(VED_MOEDET)),
                        (EFTER_EGEN, reveal_words(EFTER_EGEN)),
                    ]), errors))
                },
            }
            button type="submit" {
                @if existing.is_some() { "Gem ændringer" } @else { "Opret auditforløb" }
            }
            " "
            a href=(existing.map_or("/".to_owned(), |a| format!("/audits/{}", a.nr))) { "Annuller" }
        }
    }
}

/// The words for a reveal rule id.
fn reveal_words(id: &str) -> &'static str {
    if id == EFTER_EGEN {
        "Når egen bedømmelse er indsendt: en panelist ser de andres bedømmelser af et materiale, når vedkommendes egne bedømmelser af det er indsendt"
    } else {
        "Ved mødet: koordinatoren afslører alle bedømmelser på auditmødet (standard)"
    }
}

fn date_hint(text: &str) -> String {
    match parse_date(text) {
        Ok(Some(date)) => format!("Valgt: {}.", audit::dansk_dato(date)),
        _ => "Vælg i kalenderen, eller skriv f.eks. 15. marts 2025.".to_owned(),
    }
}

fn focus_fieldset(model: &Kvalitetsmodel, draft: &Draft, errors: &FieldErrors) -> Markup {
    let error = errors.get("fokus_art");
    let checked = draft.indikatorer.iter().cloned().collect();
    let describedby = if error.is_some() {
        "fokus_art-hjaelp fokus_art-fejl"
    } else {
        "fokus_art-hjaelp"
    };
    html! {
        fieldset.field.focus #fokus_art aria-describedby=(describedby) {
            legend { "Fokus i kvalitetsmodellen (version " (model.version()) ")" }
            p.hint #fokus_art-hjaelp {
                "Vælg et helt tema, eller vælg »Udvalgte indikatorer« og sæt flueben ved de indikatorer, forløbet handler om."
            }
            @if let Some(error) = error { p.field-error #fokus_art-fejl { (error) } }
            div.choice {
                input type="radio" id="fokus-indikatorer" name="fokus_art" value=(focus::INDICATORS)
                    checked[draft.fokus_art == focus::INDICATORS];
                label for="fokus-indikatorer" { "Udvalgte indikatorer (sæt flueben nedenfor)" }
            }
            (focus::indicator_groups(model, "indikator", &checked, |tema| {
                let value = focus::tema_value(&tema.id);
                let id = format!("fokus-tema-{}", tema.id);
                Some(html! {
                    div.choice {
                        input type="radio" id=(id) name="fokus_art" value=(value)
                            checked[draft.fokus_art == value];
                        label for=(id) { "Hele temaet ”" (tema.navn) "”" }
                    }
                })
            }, |_| None))
        }
    }
}
