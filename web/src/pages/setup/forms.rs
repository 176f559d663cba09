//! The rating-form builder: `GET/POST /audits/{nr}/forms`.
//!
//! The koordinator picks indicators from the audit's quality model (grouped by tema and kriterium, with
//! their texts; those in the audit's focus that apply to the material's offers are pre-checked), and
//! adds a helhedsvurdering, a nomination per indicator, a case selection of k, reflection questions and
//! checklist requirements, on the chosen scale, for all or some of the material. Saving replaces the
//! audit's forms (`store::audits::set_forms`, only until rating begins: `Audit::setup_freeze`) with the main form and, when there are
//! checklist requirements, a checklist form.

mod build;

use std::collections::BTreeSet;

use audit::{Audit, Kvalitetsmodel, RatingForm, SetupPart};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use maud::{Markup, html};

use self::build::{ALL, CHOSEN, Draft};
use super::focus;
use super::widgets::{Control, checkbox, error_summary, options, refusal};
use super::{Answer, SetupPage, audit_path, freeze, model_of, saved_or_refused, show, with_status};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::form::{FieldErrors, csrf_field};
use crate::components::labels::capitalized;
use crate::extract::Fields;
use crate::layout;
use crate::state::AppState;

/// The routes of this part.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/audits/{nr}/forms", get(show::<Shown>).post(save))
}

/// What the forms page shows besides the audit: the builder's values as entered (`None`: those
/// suggested by the audit's focus), their errors, and a refusal by the rules.
#[derive(Debug, Default)]
struct Shown {
    draft: Option<Draft>,
    errors: FieldErrors,
    refusal: Option<String>,
}

impl SetupPage for Shown {
    const PATH: &'static str = "/forms";

    fn refusal(&mut self) -> &mut Option<String> {
        &mut self.refusal
    }

    async fn render(&self, page: &KoordinatorPage, status: StatusCode) -> Answer {
        let (user, audit) = (&page.user, &page.audit);
        let model = model_of(&page.app, audit).await?;
        let freeze = freeze(page).await?;
        let draft = match &self.draft {
            Some(draft) => draft.clone(),
            None => Draft::of_audit(audit, &build::suggested(audit, &model)),
        };
        let title = format!("Vurderingsskemaer for auditforløb {}", audit.nr);
        let content = html! {
            p.no-print { a href=(audit_path(audit, "")) { "Tilbage til auditforløb " (audit.nr) } }
            (refusal(self.refusal.as_deref()))
            (error_summary(&self.errors))
            (stored_forms(audit))
            @match freeze {
                None => { (builder(user, audit, &model, &draft, &self.errors)) },
                Some(freeze) => { p.notice { (capitalized(&freeze.message(SetupPart::Forms))) "." } },
            }
        };
        Ok(with_status(
            status,
            layout::page(&title, Some(user), content),
        ))
    }
}

/// `POST /audits/{nr}/forms`: builds the forms and replaces the audit's.
async fn save(page: KoordinatorPage, fields: Fields) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    let model = model_of(app, audit).await?;
    let draft = Draft::from_fields(&fields);
    match build::build(&draft, audit, &model) {
        Ok(built) => {
            let now = app.clock.now();
            let result =
                store::audits::set_forms(&app.db, &audit.nr, &built, user.username(), now).await;
            let shown = Shown {
                draft: Some(draft),
                ..Shown::default()
            };
            saved_or_refused(&page, result, shown).await
        }
        Err(errors) => {
            let shown = Shown {
                draft: Some(draft),
                errors,
                refusal: None,
            };
            shown.render(&page, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

fn material_words(audit: &Audit, form: &RatingForm) -> String {
    if form.materials.is_empty() {
        return "alt materiale".to_owned();
    }
    audit
        .form_materials(form)
        .map(|m| m.pseudonym.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

fn stored_forms(audit: &Audit) -> Markup {
    html! {
        section aria-labelledby="skemaer" {
            h2 #skemaer { "Skemaer" }
            @if audit.forms.iter().all(|f| f.items.is_empty()) {
                p { "Auditforløbet har endnu ingen punkter at bedømme." }
            }
            @for form in audit.forms.iter().filter(|f| !f.items.is_empty()) {
                section.form-summary {
                    h3 { (form.titel) }
                    p.muted {
                        (capitalized(form.scale.navn())) " · " (form.items.len()) " punkter · "
                        (material_words(audit, form))
                    }
                    ol {
                        @for item in &form.items {
                            li {
                                (item.tekst) " "
                                span.tag { (item.kind.navn()) }
                                " " span.muted { "(" (item.id) ")" }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn builder(
    user: &CurrentUser,
    audit: &Audit,
    model: &Kvalitetsmodel,
    draft: &Draft,
    errors: &FieldErrors,
) -> Markup {
    let in_focus: BTreeSet<String> = focus::parse(model, &audit.fokus)
        .0
        .map(|f| f.indicators(model).into_iter().collect())
        .unwrap_or_default();
    let offers = build::offers(
        audit,
        if draft.materialer == CHOSEN {
            &draft.valgte
        } else {
            &[]
        },
    );
    let checked: BTreeSet<String> = draft.indikatorer.iter().cloned().collect();
    let not_all = |ind: &audit::Indikator| !focus::applies_to_all(ind, &offers);
    let materials_error = errors.get("materialer");
    let indicator_error = errors.get("indikator");
    html! {
        section.no-print aria-labelledby="byg" {
            h2 #byg { "Byg skema fra kvalitetsmodellen (version " (model.version()) ")" }
            p {
                "Når du gemmer, erstattes auditforløbets skemaer af skemaet herunder og – hvis du skriver tjeklistepunkter – en tjekliste. "
                "Punkternes id'er dannes af indikatorernes numre og spørgsmålenes tekst, så de er de samme, hver gang skemaet gemmes."
            }
            form.setup method="post" action=(audit_path(audit, "/forms")) {
                (csrf_field(user.csrf_token()))
                (Control::new("titel", "Skemaets titel", &draft.titel).required().input("text", errors))
                (super::scale::controls(&draft.skala, &draft.skala_labels, errors))
                fieldset.field #materialer aria-describedby=[materials_error.map(|_| "materialer-fejl")] {
                    legend { "Materiale, skemaet dækker" }
                    @if let Some(error) = materials_error { p.field-error #materialer-fejl { (error) } }
                    @for (value, label) in options([(ALL, "Alt materiale (også materiale, der tilføjes senere)"), (CHOSEN, "Kun det valgte materiale:")]) {
                        @let id = format!("materialer-{value}");
                        div.choice {
                            input type="radio" id=(id) name="materialer" value=(value) checked[draft.materialer == value];
                            label for=(id) { (label) }
                        }
                    }
                    @for m in &audit.materials {
                        (checkbox("materiale", &format!("materiale-{}", m.id), m.id.as_str(),
                            draft.valgte.iter().any(|v| v == m.id.as_str()),
                            html! { (m.pseudonym) " " span.muted { "(" (m.tilsyn.navn()) ", " (m.kind.navn()) ")" } }))
                    }
                }
                fieldset.field.focus #indikator aria-describedby=[indicator_error.map(|_| "indikator-fejl")] {
                    legend { "Indikatorer: ét punkt pr. indikator for hvert materiale" }
                    p.hint {
                        "Indikatorerne i auditforløbets fokus er foreslået"
                        @if !offers.is_empty() { ", dog kun dem, der gælder for materialets tilbud" }
                        ". Indikatorer med en regel om, hvilke tilbud de gælder for, viser reglen."
                    }
                    @if let Some(error) = indicator_error { p.field-error #indikator-fejl { (error) } }
                    (focus::indicator_groups(model, "indikator", &checked, |_| None, |ind| {
                        if in_focus.contains(&ind.id) && not_all(ind) {
                            Some("i fokus · gælder ikke alle materialets tilbud")
                        } else if in_focus.contains(&ind.id) {
                            Some("i fokus")
                        } else if not_all(ind) {
                            Some("gælder ikke alle materialets tilbud")
                        } else {
                            None
                        }
                    }))
                }
                fieldset.field {
                    legend { "Andre punkter" }
                    (checkbox("helhed", "helhed", "ja", draft.helhed, html! { "Helhedsvurdering af hvert materiale (på skalaen)" }))
                    (checkbox("nominering", "nominering", "ja", draft.nominering, html! { "Nominering af det bedste eksempel for hver valgt indikator" }))
                }
                (Control::new("sager", "Udvælgelse af sager til drøftelse: antal (k)", &draft.sager)
                    .hint("Hver panelist vælger k sager blandt materialet. Lad feltet stå tomt for ingen udvælgelse.")
                    .input("number", errors))
                (Control::new("refleksion", "Refleksionsspørgsmål", &draft.refleksion)
                    .hint("Ét spørgsmål pr. linje; besvares med fri tekst.")
                    .textarea(errors))
                (Control::new("tjekliste", "Tjeklistepunkter", &draft.tjekliste)
                    .hint("Ét krav pr. linje; besvares ja / nej / ikke relevant for hvert materiale i en særskilt tjekliste.")
                    .textarea(errors))
                button type="submit" { "Gem vurderingsskema" }
            }
        }
    }
}
