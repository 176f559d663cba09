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
//! changed scale is written to the audit's forms in the same transaction as the settings.
//!
//! Once rating has begun (`Audit::setup_freeze`: outside planlægning, or once any rating exists, a
//! draft included) the model version, the scale and the reveal rule are frozen by the domain: the page
//! shows them read-only with the reason, and a post that changes them anyway is refused (409) with the
//! domain's message next to the field.

mod check;
mod view;

use audit::{
    Afsloeringsregel, Audit, Freeze, Kvalitetsmodel, RatingForm, Scale, SetupPart, WorkflowState,
};
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use serde::Deserialize;
use store::StoreError;

use super::Answer;
use super::focus::{self, Focus};
use super::scale::{self, main_scale};
use super::{freeze, model, model_of, model_versions, see_other, with_status};
use crate::access::KoordinatorPage;
use crate::auth::CurrentUser;
use crate::components::form::FieldErrors;
use crate::error::AppError;
use crate::extract::Fields;
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

fn reveal_id(rule: Afsloeringsregel) -> &'static str {
    match rule {
        Afsloeringsregel::VedMoedet => VED_MOEDET,
        Afsloeringsregel::EfterEgenIndsendelse => EFTER_EGEN,
    }
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
) -> Answer {
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
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /audits/new`: creates the audit in planlægning with one empty form on the chosen scale.
async fn create(State(app): State<AppState>, user: CurrentUser, fields: Fields) -> Answer {
    user.require_koordinator()?;
    let draft = Draft::from_fields(&fields);
    let model = model(&app, &draft.model_version).await?;
    let checked = match check::check(&draft, model.as_ref(), app.clock.today(), None, false) {
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
            let mut errors = FieldErrors::default();
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
async fn edit_form(page: KoordinatorPage, Query(query): Query<VersionQuery>) -> Answer {
    let audit = &page.audit;
    let stored_model = model_of(&page.app, audit).await?;
    let mut draft = Draft::of_audit(audit, &stored_model);
    let freeze = freeze(&page).await?;
    if freeze.is_none() {
        let version = chosen_version(query.version, &audit.model_version);
        if version != audit.model_version {
            // Another version's focus choices: the stored choice is not carried over.
            draft.model_version = version;
            draft.fokus_art.clear();
            draft.indikatorer.clear();
        }
    }
    let existing = Some((audit, freeze));
    let errors = FieldErrors::default();
    render(
        &page.app,
        &page.user,
        existing,
        &draft,
        &errors,
        StatusCode::OK,
    )
    .await
}

/// `POST /audits/{nr}/edit`: saves the settings, and the scale into the forms, in one transaction.
/// A change of a frozen setting (`Audit::check_setup_change`) is refused with the domain's reason next
/// to its field (409), and nothing is saved.
async fn update(page: KoordinatorPage, fields: Fields) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = &page;
    let freeze = freeze(&page).await?;
    let existing = Some((audit, freeze));
    let draft = Draft::from_fields(&fields);
    let model = model(app, &draft.model_version).await?;
    let today = app.clock.today();
    let checked = match check::check(&draft, model.as_ref(), today, Some(audit), freeze.is_some()) {
        Ok(checked) => checked,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(app, user, existing, &draft, &errors, status).await;
        }
    };
    let forms = checked
        .scale
        .and_then(|scale| forms_with_scale(audit, scale));
    let s = &checked.settings;
    let changed = Audit {
        titel: s.titel.clone(),
        formaal: s.formaal.clone(),
        fokus: s.fokus.clone(),
        model_version: s.model_version.clone(),
        deadline: s.deadline,
        meeting_date: s.meeting_date,
        reveal_rule: s.reveal_rule,
        forms: forms.clone().unwrap_or_else(|| audit.forms.clone()),
        ..audit.clone()
    };
    if let Some(freeze) = freeze {
        let mut errors = FieldErrors::default();
        for part in audit.changed_parts(&changed) {
            let field = match part {
                SetupPart::ModelVersion => "model_version",
                SetupPart::Afsloeringsregel => "reveal_rule",
                _ => "skala",
            };
            errors.add(field, check::sentence(&freeze.message(part)));
        }
        if !errors.is_empty() {
            return render(app, user, existing, &draft, &errors, StatusCode::CONFLICT).await;
        }
    }
    store::audits::update_setup(
        &app.db,
        &audit.nr,
        &checked.settings,
        forms.as_deref(),
        user.username(),
        app.clock.now(),
    )
    .await?;
    Ok(see_other(&format!("/audits/{}", audit.nr)))
}

/// The audit's forms with `scale` on every form but the checklists (or a new empty form on it when
/// there is none); `None` when the scale is the one they have.
fn forms_with_scale(audit: &Audit, scale: Scale) -> Option<Vec<RatingForm>> {
    if main_scale(audit).as_ref() == Some(&scale) {
        return None;
    }
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
    Some(forms)
}

/// The form page for a new audit (`existing` is `None`) or an edit of an audit, with whether and why
/// its set-up is frozen.
async fn render(
    app: &AppState,
    user: &CurrentUser,
    existing: Option<(&Audit, Option<Freeze>)>,
    draft: &Draft,
    errors: &FieldErrors,
    status: StatusCode,
) -> Answer {
    let versions = model_versions(app).await?;
    let shown = match model(app, &draft.model_version).await? {
        Some(model) => model,
        None => audit::builtin::kvalitetsmodel(audit::builtin::NYESTE_VERSION)
            .map_err(AppError::internal)?,
    };
    let title = match existing {
        Some((audit, _)) => format!("Rediger auditforløb {}", audit.nr),
        None => "Nyt auditforløb".to_owned(),
    };
    let (audit, freeze) = existing.map_or((None, None), |(audit, freeze)| (Some(audit), freeze));
    let content = view::view(user, audit, freeze, draft, errors, &versions, &shown);
    Ok(with_status(
        status,
        layout::page(&title, Some(user), content),
    ))
}
