//! The panelist's rating pages: `GET/POST /audits/{nr}/bedoemmelse`.
//!
//! - Round 1 (vurdering): every item of every form, the material by pseudonym in the panelist's own
//!   order (`order`), the scale's labels as radio buttons with "Kan ikke bedømmes" and a reason;
//!   "Gem kladde" saves drafts, "Indsend" saves them and asks on a confirmation page what it will
//!   submit (`confirm`; everything answered), whose post submits. Submitted ratings are read-only. Material from the panelist's own tilsyn is marked.
//! - Reveal: the others' ratings appear where the store returns them (`store::ratings::
//!   ratings_visible_to`, i.e. `audit::visibility`): under "efter egen indsendelse" for a material once
//!   the panelist's own ratings of it are submitted, otherwise from drøftelse on.
//! - Round 2 (drøftelse): round 1 sealed; per scored unit the panel's distribution and reasons, and a
//!   revised rating with a required reason for the change.
//!
//! Posts are checked field by field (`entry`, with the domain's `Audit::check_value`); a refused post
//! is shown again with status 422, the errors next to their fields and the entered values kept, and
//! nothing saved. The store applies the domain's rules again in its transaction (deadline, state,
//! already submitted); its refusals are a Danish 409 page. Success redirects (303) back to the page.

mod confirm;
mod entry;
mod reveal;
mod sheet;
mod unit;
mod view;

use crate::components::form::FieldErrors;
use crate::rating_rules::{self, field_message, rater, sentence};

use std::collections::BTreeSet;

use audit::visibility::ProgressStatus;
use audit::{Audit, PanelMember, RatingStatus, Round, WorkflowState};
use axum::Router;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};

use crate::access::AuditPage;
use crate::auth::CurrentUser;
use crate::components::labels::{fremdrift, progress_status};
use crate::error::AppError;
use crate::extract::Form;
use crate::layout;
use crate::state::AppState;
use entry::Action;
use sheet::{Input, Sheet};
use view::Saved;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/bedoemmelse", get(show).post(save))
        .route(
            "/audits/{nr}/bedoemmelse/indsend",
            get(confirm::show).post(confirm::submit),
        )
}

/// What a page needs from the database besides the audit: the ratings the user may see, the material
/// that has a file, and the quality model.
struct Loaded {
    visible: Vec<audit::Rating>,
    files: BTreeSet<audit::MaterialId>,
    model: Option<audit::Kvalitetsmodel>,
}

impl Loaded {
    async fn load(app: &AppState, audit: &Audit, user: &CurrentUser) -> Result<Loaded, AppError> {
        let visible = store::ratings::ratings_visible_to(&app.db, audit, user.user()).await?;
        let files = store::files::material_files(&app.db, &audit.nr)
            .await?
            .into_iter()
            .map(|f| f.material)
            .collect();
        let model = quality_model(app, &audit.model_version).await?;
        Ok(Loaded {
            visible,
            files,
            model,
        })
    }

    fn sheet<'a>(&'a self, app: &AppState, audit: &'a Audit, me: &'a PanelMember) -> Sheet<'a> {
        Sheet::new(
            audit,
            me,
            &self.visible,
            self.files.clone(),
            self.model.clone(),
            app.clock.today(),
        )
    }
}

/// The quality model of `version`: the one stored in the database if there is one, else the shipped
/// one; `None` (the forms' own texts are shown) when neither loads.
async fn quality_model(
    app: &AppState,
    version: &str,
) -> Result<Option<audit::Kvalitetsmodel>, AppError> {
    if let Some(text) = store::model_versions::model_version_text(&app.db, version).await? {
        match audit::Kvalitetsmodel::from_toml(&text) {
            Ok(model) => return Ok(Some(model)),
            Err(err) => {
                tracing::warn!(%version, error = %err, "den gemte kvalitetsmodel kunne ikke læses")
            }
        }
    }
    Ok(audit::builtin::kvalitetsmodel(version).ok())
}

/// `GET /audits/{nr}/bedoemmelse`: the rating page of a panelist.
async fn show(page: AuditPage, RawQuery(query): RawQuery) -> Result<Markup, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    let me = rater(&audit, &user)?;
    let loaded = Loaded::load(&app, &audit, &user).await?;
    let sheet = loaded.sheet(&app, &audit, me);
    let nothing = Default::default();
    let no_errors = FieldErrors::default();
    let input = Input {
        round: Round::First,
        entered: &nothing,
        errors: &no_errors,
    };
    Ok(view::page(
        &user,
        &sheet,
        &input,
        Saved::from_query(query.as_deref()),
    ))
}

/// `POST /audits/{nr}/bedoemmelse`: saves drafts or submits, then back to the page; a refused post is
/// the page again (422) with the errors and the entered values, a refusal of the store a 409 page.
async fn save(
    page: AuditPage,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    let me = rater(&audit, &user)?;
    let posted = entry::parse(&pairs);
    let loaded = Loaded::load(&app, &audit, &user).await?;
    let sheet = loaded.sheet(&app, &audit, me);
    let refused = |errors: FieldErrors| {
        let input = Input {
            round: posted.round,
            entered: &posted.entries,
            errors: &errors,
        };
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            view::page(&user, &sheet, &input, None),
        )
            .into_response()
    };
    // The form's "answer everything" rule applies while the round is open; when it is not, the store
    // refuses the post as a whole (deadline, reveal) with its own message.
    let open = if sheet.open_round() == Some(posted.round) {
        sheet.open_units(posted.round)
    } else {
        Vec::new()
    };
    let ratings = match entry::ratings_from(&audit, &me.username, &posted, &open) {
        Ok(ratings) => ratings,
        Err(errors) => return Ok(refused(errors)),
    };
    // "Indsend" saves drafts and then asks (`confirm`): nothing is submitted in one click. With
    // nothing left open (a retry of a submission, a closed round) there is nothing to ask about: the
    // post goes to the store as a submission, which stores nothing new or refuses in Danish.
    let confirm_first = posted.action == Action::Submit && !open.is_empty();
    let status = match posted.action {
        Action::Submit if !confirm_first => RatingStatus::Submitted,
        _ => RatingStatus::Draft,
    };
    let written = rating_rules::save(&app, &audit, me, &ratings, status).await;
    match written {
        Ok(_) if confirm_first => {
            Ok(Redirect::to(&confirm::href(&audit.nr, posted.round)).into_response())
        }
        Ok(_) => {
            let saved = match (posted.round, posted.action) {
                (Round::First, Action::Draft) => Saved::Draft,
                (Round::First, Action::Submit) => Saved::Submitted,
                (Round::Second, Action::Draft) => Saved::SecondDraft,
                (Round::Second, Action::Submit) => Saved::SecondSubmitted,
            };
            Ok(
                Redirect::to(&format!("{}?gemt={}", view::href(&audit.nr), saved.id()))
                    .into_response(),
            )
        }
        Err(store::StoreError::Rating(err)) => match entry::unit_of(&err) {
            Some(unit) => {
                let mut errors = FieldErrors::default();
                errors.add(&unit.to_string(), field_message(&err));
                Ok(refused(errors))
            }
            None => Ok(not_saved(&user, &audit, &sentence(&err.to_string()))),
        },
        Err(err) => Err(err.into()),
    }
}

/// The 409 page when the store refuses the ratings as a whole (deadline passed, round closed,
/// already submitted): what happened, that nothing was saved, and the way back.
fn not_saved(user: &CurrentUser, audit: &Audit, message: &str) -> Response {
    let page = layout::page(
        "Bedømmelserne blev ikke gemt",
        Some(user),
        html! {
            div.notice.error role="alert" {
                p { (message) }
                p { "Intet er gemt eller ændret." }
            }
            p { a href=(view::href(&audit.nr)) { "Tilbage til bedømmelsen af " (audit.nr) } }
        },
    );
    (StatusCode::CONFLICT, page).into_response()
}

/// The start page's cell for one of a panelist's audits: a link to the rating page with the
/// panelist's own round-1 progress ("3 indsendt, 2 i kladde, 35 ikke startet") during vurdering, a link to the revealed
/// ratings later, nothing in planlægning or for an exempted member.
pub(crate) fn home_cell(audit: &Audit, progress: Option<&audit::visibility::Progress>) -> Markup {
    let href = view::href(&audit.nr);
    html! {
        @match (audit.state, progress) {
            (WorkflowState::Vurdering, Some(p)) => {
                a href=(href) { "Bedøm" span.visually-hidden { " " (audit.nr) } }
                " · " (fremdrift(p.fremdrift())) " "
                @if p.status != ProgressStatus::Submitted { (progress_status(p.status)) }
            }
            (WorkflowState::Droeftelse, Some(_)) => {
                a href=(href) { "Se bedømmelserne og giv runde 2" span.visually-hidden { " (" (audit.nr) ")" } }
            }
            (state, Some(_)) if state.is_revealed() => {
                a href=(href) { "Se bedømmelserne" span.visually-hidden { " (" (audit.nr) ")" } }
            }
            _ => { span.muted { "–" } }
        }
    }
}
