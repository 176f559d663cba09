//! Creating and editing an audit: `GET/POST /audits/new` and `GET/POST /audits/{nr}/edit`.
//!
//! The form takes the number, title, purpose, the focus chosen from the quality model of the chosen
//! version (a tema, or indicators as checkboxes with their texts), the scale (godkendelse, drift or an
//! own ordinal scale with labels), the rating deadline and the meeting date (ISO from a date picker or
//! Danish as typed) and the reveal rule. The model version is picked first with a small GET form,
//! because the focus choices depend on it and the pages work without JavaScript.
//!
//! The domain has no scale on the audit itself: the scale belongs to its rating forms. A new audit is
//! therefore created with one empty rating form on the chosen scale, which the form builder fills; a
//! changed scale is written to the audit's forms (only in planlægning, like every form change).

use audit::{Audit, AuditNr, Kvalitetsmodel, RatingForm, RevealRule, Scale, WorkflowState};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use maud::{Markup, html};
use serde::Deserialize;
use store::StoreError;
use store::audits::AuditSettings;
use time::Date;

use super::dates::{input_value, parse_date};
use super::fields::{Errors, Fields};
use super::focus::{self, Focus};
use super::scale::{self, main_scale, parse_scale};
use super::widgets::{Control, error_summary, options};
use super::{koordinator_audit, model, model_versions, see_other, with_status};
use crate::auth::CurrentUser;
use crate::components::form::csrf_field;
use crate::error::AppError;
use crate::extract::Form;
use crate::layout;
use crate::state::AppState;

/// The routes of this part.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/new", get(new_form).post(create))
        .route("/audits/{nr}/edit", get(edit_form).post(update))
}

/// The query of the form pages: the model version whose focus choices to show.
#[derive(Debug, Deserialize)]
struct VersionQuery {
    version: Option<String>,
}

/// The form's values as text, as entered (or as stored, for an edit).
#[derive(Debug, Clone, Default)]
struct Draft {
    nr: String,
    titel: String,
    formaal: String,
    fokus_art: String,
    indikatorer: Vec<String>,
    fokus_tekst: String,
    model_version: String,
    skala: String,
    skala_labels: String,
    deadline: String,
    meeting_date: String,
    reveal_rule: String,
}

const VED_MOEDET: &str = "ved-moedet";
const EFTER_EGEN: &str = "efter-egen-indsendelse";

impl Draft {
    fn from_fields(fields: &Fields) -> Draft {
        Draft {
            nr: fields.trimmed("nr").to_owned(),
            titel: fields.trimmed("titel").to_owned(),
            formaal: fields.trimmed("formaal").to_owned(),
            fokus_art: fields.trimmed("fokus_art").to_owned(),
            indikatorer: fields.all("indikator"),
            fokus_tekst: fields.trimmed("fokus_tekst").to_owned(),
            model_version: fields.trimmed("model_version").to_owned(),
            skala: fields.trimmed("skala").to_owned(),
            skala_labels: fields.get("skala_labels").trim().to_owned(),
            deadline: fields.trimmed("deadline").to_owned(),
            meeting_date: fields.trimmed("meeting_date").to_owned(),
            reveal_rule: fields.trimmed("reveal_rule").to_owned(),
        }
    }

    fn of_audit(audit: &Audit, model: &Kvalitetsmodel) -> Draft {
        let (choice, elaboration) = focus::parse(model, &audit.fokus);
        let (skala, skala_labels) = scale::draft_of(main_scale(audit).as_ref());
        Draft {
            nr: audit.nr.to_string(),
            titel: audit.titel.clone(),
            formaal: audit.formaal.clone(),
            fokus_art: choice.as_ref().map(Focus::radio_value).unwrap_or_default(),
            indikatorer: match &choice {
                Some(Focus::Indikatorer(ids)) => ids.clone(),
                _ => Vec::new(),
            },
            fokus_tekst: elaboration,
            model_version: audit.model_version.clone(),
            skala,
            skala_labels,
            deadline: audit.deadline.map(|d| d.to_string()).unwrap_or_default(),
            meeting_date: audit
                .meeting_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            reveal_rule: reveal_id(audit.reveal_rule).to_owned(),
        }
    }
}

fn reveal_id(rule: RevealRule) -> &'static str {
    match rule {
        RevealRule::VedMoedet => VED_MOEDET,
        RevealRule::EfterEgenIndsendelse => EFTER_EGEN,
    }
}

/// What the form says once checked.
struct Checked {
    nr: Option<AuditNr>,
    settings: AuditSettings,
    /// The scale for the forms; `None` when it may no longer change.
    scale: Option<Scale>,
}

/// Checks `draft` against the model and the rules of the form; `existing` is the stored audit when
/// editing. Dates in the past are refused when they are new (an old audit keeps its dates).
fn check(
    draft: &Draft,
    model: Option<&Kvalitetsmodel>,
    today: Date,
    existing: Option<&Audit>,
) -> Result<Checked, Errors> {
    let mut errors = Errors::default();
    let nr = match existing {
        Some(audit) => Some(audit.nr.clone()),
        None if draft.nr.is_empty() => {
            errors.add("nr", "Skriv auditforløbets nummer, f.eks. 25.3.");
            None
        }
        None => match draft.nr.parse::<AuditNr>() {
            Ok(nr) => Some(nr),
            Err(err) => {
                errors.add("nr", sentence(&err.to_string()));
                None
            }
        },
    };
    if draft.titel.is_empty() {
        errors.add("titel", "Skriv en titel på auditforløbet.");
    } else if draft.titel.chars().count() > 200 {
        errors.add("titel", "Titlen er for lang (højst 200 tegn).");
    }
    if draft.formaal.is_empty() {
        errors.add("formaal", "Skriv auditforløbets formål.");
    }
    let frozen = existing.is_some_and(|a| a.state != WorkflowState::Planlaegning);
    if let (true, Some(audit)) = (frozen, existing)
        && draft.model_version != audit.model_version
    {
        errors.add(
            "model_version",
            "Kvalitetsmodellens version kan kun ændres under planlægning.",
        );
    }
    let fokus = match model {
        None => {
            errors.add(
                "model_version",
                format!(
                    "Kvalitetsmodellen findes ikke i version »{}«.",
                    draft.model_version
                ),
            );
            None
        }
        Some(model) => {
            match focus::from_post(model, &draft.fokus_art, &draft.indikatorer) {
                Ok(choice) => Some(focus::compose(model, &choice, &draft.fokus_tekst)),
                // An audit whose focus was written as prose (the demo's) may keep it without a choice.
                Err(_)
                    if draft.fokus_art.is_empty()
                        && existing.is_some()
                        && !draft.fokus_tekst.is_empty() =>
                {
                    Some(draft.fokus_tekst.clone())
                }
                Err(message) => {
                    errors.add("fokus_art", message);
                    None
                }
            }
        }
    };
    // Once rating has begun the scale is the forms' and stays as it is.
    let scale = if frozen {
        Some(None)
    } else {
        match parse_scale(&draft.skala, &draft.skala_labels) {
            Ok(scale) => Some(Some(scale)),
            Err(message) => {
                let field = if draft.skala == "ordinal" {
                    "skala_labels"
                } else {
                    "skala"
                };
                errors.add(field, message);
                None
            }
        }
    };
    let date =
        |errors: &mut Errors, field: &str, text: &str, old: Option<Date>| match parse_date(text) {
            Ok(Some(d)) if d < today && Some(d) != old => {
                errors.add(
                    field,
                    format!(
                        "Datoen {} ligger før i dag ({}). Vælg en dato fra i dag og frem.",
                        audit::dansk_dato(d),
                        audit::dansk_dato(today)
                    ),
                );
                None
            }
            Ok(d) => Some(d),
            Err(message) => {
                errors.add(field, message);
                None
            }
        };
    let deadline = date(
        &mut errors,
        "deadline",
        &draft.deadline,
        existing.and_then(|a| a.deadline),
    );
    let meeting_date = date(
        &mut errors,
        "meeting_date",
        &draft.meeting_date,
        existing.and_then(|a| a.meeting_date),
    );
    if let (Some(Some(deadline)), Some(Some(meeting))) = (deadline, meeting_date)
        && meeting < deadline
        && existing.is_none_or(|a| a.deadline != Some(deadline) || a.meeting_date != Some(meeting))
    {
        errors.add(
            "meeting_date",
            format!(
                "Auditmødet ({}) ligger før fristen for bedømmelserne ({}); bedømmelserne skal være afgivet før mødet.",
                audit::dansk_dato(meeting),
                audit::dansk_dato(deadline)
            ),
        );
    }
    let reveal_rule = match draft.reveal_rule.as_str() {
        "" | VED_MOEDET => RevealRule::VedMoedet,
        EFTER_EGEN => RevealRule::EfterEgenIndsendelse,
        _ => {
            errors.add("reveal_rule", "Vælg, hvornår bedømmelserne afsløres.");
            RevealRule::VedMoedet
        }
    };
    match (nr, fokus, scale, deadline, meeting_date) {
        (Some(nr), Some(fokus), Some(scale), Some(deadline), Some(meeting_date))
            if errors.is_empty() =>
        {
            Ok(Checked {
                nr: existing.is_none().then_some(nr),
                settings: AuditSettings {
                    titel: draft.titel.clone(),
                    formaal: draft.formaal.clone(),
                    fokus,
                    model_version: draft.model_version.clone(),
                    deadline,
                    meeting_date,
                    reveal_rule,
                },
                scale,
            })
        }
        _ => Err(errors),
    }
}

/// A domain fragment ("auditnummer »x« er ugyldigt: …") as a sentence.
fn sentence(fragment: &str) -> String {
    let mut text = crate::components::labels::capitalized(fragment);
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// The version to show: the query's, else the draft's, else the newest shipped.
fn chosen_version(query: Option<String>, fallback: &str) -> String {
    query.filter(|v| !v.trim().is_empty()).unwrap_or_else(|| {
        if fallback.is_empty() {
            audit::builtin::NYESTE_VERSION.to_owned()
        } else {
            fallback.to_owned()
        }
    })
}

/// `GET /audits/new`: the empty form for the newest model version (or `?version=`).
async fn new_form(
    State(app): State<AppState>,
    user: CurrentUser,
    Query(query): Query<VersionQuery>,
) -> Result<Response, AppError> {
    user.require_koordinator()?;
    let draft = Draft {
        model_version: chosen_version(query.version, ""),
        skala: "drift".into(),
        reveal_rule: VED_MOEDET.into(),
        ..Draft::default()
    };
    render(
        &app,
        &user,
        None,
        &draft,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /audits/new`: creates the audit in planlægning with one empty form on the chosen scale.
async fn create(
    State(app): State<AppState>,
    user: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require_koordinator()?;
    let draft = Draft::from_fields(&Fields::new(pairs));
    let model = model(&app, &draft.model_version).await?;
    let checked = match check(&draft, model.as_ref(), app.clock.today(), None) {
        Ok(checked) => checked,
        Err(errors) => {
            return render(
                &app,
                &user,
                None,
                &draft,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let Some(nr) = checked.nr else {
        return Err(AppError::internal("a new audit without a number"));
    };
    let s = checked.settings;
    let audit = Audit {
        nr: nr.clone(),
        titel: s.titel,
        formaal: s.formaal,
        fokus: s.fokus,
        model_version: s.model_version,
        state: WorkflowState::Planlaegning,
        deadline: s.deadline,
        meeting_date: s.meeting_date,
        reveal_rule: s.reveal_rule,
        panel: Vec::new(),
        materials: Vec::new(),
        forms: vec![RatingForm {
            titel: "Vurderingsskema".into(),
            scale: checked.scale.unwrap_or(Scale::Drift),
            materials: Vec::new(),
            items: Vec::new(),
        }],
    };
    match store::audits::create_audit(&app.db, &audit, user.username(), app.clock.now()).await {
        Ok(()) => Ok(see_other(&format!("/audits/{nr}"))),
        Err(StoreError::AuditExists(nr)) => {
            let mut errors = Errors::default();
            errors.add(
                "nr",
                format!("Auditforløbet »{nr}« findes allerede. Vælg et andet nummer."),
            );
            render(&app, &user, None, &draft, &errors, StatusCode::CONFLICT).await
        }
        Err(err) => Err(err.into()),
    }
}

/// `GET /audits/{nr}/edit`: the form with the audit's values.
async fn edit_form(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(nr): Path<String>,
    Query(query): Query<VersionQuery>,
) -> Result<Response, AppError> {
    let audit = koordinator_audit(&app, &user, &nr).await?;
    let stored_model = super::model_of(&app, &audit).await?;
    let mut draft = Draft::of_audit(&audit, &stored_model);
    if audit.state == WorkflowState::Planlaegning {
        let version = chosen_version(query.version, &audit.model_version);
        if version != audit.model_version {
            // Another version's focus choices: the stored choice is not carried over.
            draft.model_version = version;
            draft.fokus_art.clear();
            draft.indikatorer.clear();
        }
    }
    render(
        &app,
        &user,
        Some(&audit),
        &draft,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /audits/{nr}/edit`: saves the settings, and the scale into the forms while in planlægning.
async fn update(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(nr): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let audit = koordinator_audit(&app, &user, &nr).await?;
    let draft = Draft::from_fields(&Fields::new(pairs));
    let model = model(&app, &draft.model_version).await?;
    let checked = match check(&draft, model.as_ref(), app.clock.today(), Some(&audit)) {
        Ok(checked) => checked,
        Err(errors) => {
            return render(
                &app,
                &user,
                Some(&audit),
                &draft,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = app.clock.now();
    if let Some(scale) = checked
        .scale
        .filter(|s| main_scale(&audit).as_ref() != Some(s))
    {
        let mut forms = audit.forms.clone();
        let mut changed = false;
        for form in forms.iter_mut().filter(|f| f.scale != Scale::Tjekliste) {
            form.scale = scale.clone();
            changed = true;
        }
        if !changed {
            forms.insert(
                0,
                RatingForm {
                    titel: "Vurderingsskema".into(),
                    scale,
                    materials: Vec::new(),
                    items: Vec::new(),
                },
            );
        }
        if let Err(err) =
            store::audits::set_forms(&app.db, &audit.nr, &forms, user.username(), now).await
        {
            let mut errors = Errors::default();
            errors.add("skala", AppError::from(err).to_string());
            return render(
                &app,
                &user,
                Some(&audit),
                &draft,
                &errors,
                StatusCode::CONFLICT,
            )
            .await;
        }
    }
    store::audits::update_settings(&app.db, &audit.nr, &checked.settings, user.username(), now)
        .await?;
    Ok(see_other(&format!("/audits/{}", audit.nr)))
}

/// The form page for a new audit (`existing` is `None`) or an edit.
async fn render(
    app: &AppState,
    user: &CurrentUser,
    existing: Option<&Audit>,
    draft: &Draft,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let versions = model_versions(app).await?;
    let shown = match model(app, &draft.model_version).await? {
        Some(model) => model,
        None => audit::builtin::kvalitetsmodel(audit::builtin::NYESTE_VERSION)
            .map_err(AppError::internal)?,
    };
    let title = match existing {
        Some(audit) => format!("Rediger auditforløb {}", audit.nr),
        None => "Nyt auditforløb".to_owned(),
    };
    let content = view(user, existing, draft, errors, &versions, &shown);
    Ok(with_status(
        status,
        layout::page(&title, Some(user), content),
    ))
}

fn view(
    user: &CurrentUser,
    existing: Option<&Audit>,
    draft: &Draft,
    errors: &Errors,
    versions: &[String],
    model: &Kvalitetsmodel,
) -> Markup {
    let action = match existing {
        Some(audit) => format!("/audits/{}/edit", audit.nr),
        None => "/audits/new".to_owned(),
    };
    let frozen = existing.is_some_and(|a| a.state != WorkflowState::Planlaegning);
    let version_options: Vec<(String, String)> = versions
        .iter()
        .map(|v| (v.clone(), format!("Version {v}")))
        .collect();
    html! {
        (error_summary(errors))
        @if frozen {
            p.notice {
                "Auditforløbet er i tilstanden " (existing.map_or("", |a| a.state.navn())) ". "
                "Kvalitetsmodellens version og skalaen ligger fast, fordi skemaerne og bedømmelserne bygger på dem."
            }
        } @else {
            form.version-switch.no-print method="get" action=(action) {
                (Control::new("version", "Kvalitetsmodel", &draft.model_version)
                    .hint("Vælg først versionen: fokus vælges blandt denne versions temaer og indikatorer.")
                    .select(&version_options, &Errors::default()))
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
                        .hint("År og løbenummer, f.eks. 25.3.")
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
            } @else {
                (scale::controls(&draft.skala, &draft.skala_labels, errors))
            }
            (Control::new("deadline", "Frist for bedømmelserne", &input_value(&draft.deadline))
                .hint(&date_hint(&draft.deadline))
                .input("date", errors))
            (Control::new("meeting_date", "Auditmøde", &input_value(&draft.meeting_date))
                .hint(&date_hint(&draft.meeting_date))
                .input("date", errors))
            (Control::new("reveal_rule", "Afsløring af bedømmelserne", &draft.reveal_rule).radios(&options([
                (VED_MOEDET, "Ved mødet: koordinatoren afslører alle bedømmelser på auditmødet (standard)"),
                (EFTER_EGEN, "Når egen bedømmelse er indsendt: en panelist ser de andres bedømmelser af et materiale, når vedkommendes egne bedømmelser af det er indsendt"),
            ]), errors))
            button type="submit" {
                @if existing.is_some() { "Gem ændringer" } @else { "Opret auditforløb" }
            }
            " "
            a href=(existing.map_or("/".to_owned(), |a| format!("/audits/{}", a.nr))) { "Annuller" }
        }
    }
}

fn date_hint(text: &str) -> String {
    match parse_date(text) {
        Ok(Some(date)) => format!("Valgt: {}.", audit::dansk_dato(date)),
        _ => "Vælg i kalenderen, eller skriv f.eks. 15. marts 2025.".to_owned(),
    }
}

fn focus_fieldset(model: &Kvalitetsmodel, draft: &Draft, errors: &Errors) -> Markup {
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
