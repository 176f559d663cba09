//! The audit's panel: `GET /audits/{nr}/panel`, and posts to add a member (`POST /audits/{nr}/panel`),
//! remove one (`…/panel/remove`) and record attendance (`…/panel/attendance`).
//!
//! A member is an existing user with the panelist role, seated for a socialtilsyn in a panel role, and
//! attends as deltager, afbud (with a reason, possibly on the day) or fritaget (with a reason). After
//! planlægning only attendance may change: the store refuses the rest with the domain's message
//! (`Audit::check_setup_change`), which the page shows.

mod view;

use audit::{Audit, DeltagelseFejl, Fremmoede, PanelMember, Panelrolle, Role, Tilsyn, Username};
use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use store::StoreError;

use super::{Answer, SetupPage, freeze, saved_or_refused, show, with_status};
use crate::access::KoordinatorPage;
use crate::components::form::FieldErrors;
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::state::AppState;

/// The routes of this part.
pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/audits/{nr}/panel", get(show::<Shown>).post(add))
        .route("/audits/{nr}/panel/remove", post(remove))
        .route("/audits/{nr}/panel/attendance", post(set_attendance))
}

/// The serde id of a panel role ("faglig-leder").
pub(super) fn role_id(role: Panelrolle) -> String {
    match serde_json::to_value(role) {
        Ok(serde_json::Value::String(id)) => id,
        _ => String::new(),
    }
}

/// Fremmoede as posted: `deltagelse` (deltager, afbud, fritaget), `grund` and `paa_dagen`.
#[derive(Debug, Clone, Default)]
struct FremmoedeKladde {
    deltagelse: String,
    grund: String,
    paa_dagen: bool,
}

impl FremmoedeKladde {
    fn from_fields(fields: &Fields) -> FremmoedeKladde {
        FremmoedeKladde {
            deltagelse: fields.trimmed("deltagelse").to_owned(),
            grund: fields.trimmed("grund").to_owned(),
            paa_dagen: fields.checked("paa_dagen"),
        }
    }

    fn of(attendance: &Fremmoede) -> FremmoedeKladde {
        let (grund, paa_dagen) = match attendance {
            Fremmoede::Deltager => (String::new(), false),
            Fremmoede::Afbud { grund, paa_dagen } => (grund.clone(), *paa_dagen),
            Fremmoede::Fritaget { grund } => (grund.clone(), false),
        };
        FremmoedeKladde {
            deltagelse: attendance.id().to_owned(),
            grund,
            paa_dagen,
        }
    }

    /// The attendance, or errors keyed by `deltagelse{suffix}` / `grund{suffix}`.
    fn check(&self, suffix: &str, errors: &mut FieldErrors) -> Option<Fremmoede> {
        if !errors.check_text(
            &format!("grund{suffix}"),
            "grunden",
            &self.grund,
            audit::text::REASON_MAX,
        ) {
            return None;
        }
        // The domain's rule (`Fremmoede::ny`), worded for the form.
        match Fremmoede::ny(&self.deltagelse, &self.grund, self.paa_dagen) {
            Ok(attendance) => Some(attendance),
            Err(err) => {
                let (field, message) = match err {
                    DeltagelseFejl::AfbudUdenGrund => ("grund", "Skriv grunden til afbuddet."),
                    DeltagelseFejl::FritagetUdenGrund => {
                        ("grund", "Skriv, hvorfor medlemmet er fritaget.")
                    }
                    DeltagelseFejl::Ukendt(_) => (
                        "deltagelse",
                        "Vælg deltagelse: deltager, afbud eller fritaget.",
                    ),
                };
                errors.add(&format!("{field}{suffix}"), message);
                None
            }
        }
    }
}

/// The add form as posted.
#[derive(Debug, Clone)]
struct AddDraft {
    username: String,
    tilsyn: String,
    rolle: String,
    attendance: FremmoedeKladde,
}

/// The empty add form: a new member attends (deltager) unless told otherwise.
impl Default for AddDraft {
    fn default() -> AddDraft {
        AddDraft {
            username: String::new(),
            tilsyn: String::new(),
            rolle: String::new(),
            attendance: FremmoedeKladde {
                deltagelse: "deltager".into(),
                ..FremmoedeKladde::default()
            },
        }
    }
}

/// What the page shows besides the audit: the add form's values, a row's posted attendance, errors and
/// a refusal by the rules.
#[derive(Debug, Default)]
struct Shown {
    add: AddDraft,
    row: Option<(String, FremmoedeKladde)>,
    errors: FieldErrors,
    refusal: Option<String>,
}

/// Saves `panel`; a refusal by the rules is shown on the page with what was entered.
async fn save(page: &KoordinatorPage, panel: &[PanelMember], shown: Shown) -> Answer {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let result =
        store::audits::set_panel(&app.db, &audit.nr, panel, user.username(), app.clock.now()).await;
    saved_or_refused(page, result, shown).await
}

/// `POST /audits/{nr}/panel`: seats an existing panelist.
async fn add(page: KoordinatorPage, fields: Fields) -> Answer {
    let audit = &page.audit;
    let draft = AddDraft {
        username: fields.trimmed("username").to_owned(),
        tilsyn: fields.trimmed("tilsyn").to_owned(),
        rolle: fields.trimmed("rolle").to_owned(),
        attendance: FremmoedeKladde::from_fields(&fields),
    };
    let mut errors = FieldErrors::default();
    let member = match draft.username.parse::<Username>() {
        _ if draft.username.is_empty() => {
            errors.add("username", "Skriv brugernavnet på en panelist.");
            None
        }
        Err(_) => {
            errors.add(
                "username",
                format!("»{}« er ikke et gyldigt brugernavn.", draft.username),
            );
            None
        }
        Ok(username) if audit.member(&username).is_some() => {
            errors.add(
                "username",
                format!("»{username}« sidder allerede i panelet."),
            );
            None
        }
        Ok(username) => match store::users::get_user(&page.app.db, &username).await {
            Ok(found) if found.role == Role::Panelist => Some(found),
            Ok(found) => {
                errors.add(
                    "username",
                    format!(
                        "»{username}« er ikke panelist (brugeren er {}); kun panelister kan sidde i et auditpanel.",
                        found.role.navn()
                    ),
                );
                None
            }
            Err(StoreError::NotFound { .. }) => {
                errors.add(
                    "username",
                    format!("Der findes ingen bruger med brugernavnet »{username}«."),
                );
                None
            }
            Err(err) => return Err(err.into()),
        },
    };
    let tilsyn = draft.tilsyn.parse::<Tilsyn>().ok();
    if tilsyn.is_none() {
        errors.add("tilsyn", "Vælg det socialtilsyn, medlemmet kommer fra.");
    }
    let rolle = Panelrolle::ALL
        .into_iter()
        .find(|r| role_id(*r) == draft.rolle);
    if rolle.is_none() {
        errors.add("rolle", "Vælg medlemmets rolle.");
    }
    let attendance = draft.attendance.check("", &mut errors);
    let (Some(found), Some(tilsyn), Some(rolle), Some(attendance), true) =
        (member, tilsyn, rolle, attendance, errors.is_empty())
    else {
        let shown = Shown {
            add: draft,
            errors,
            ..Shown::default()
        };
        return shown.render(&page, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let mut panel = audit.panel.clone();
    panel.push(PanelMember {
        username: found.username,
        navn: found.navn,
        tilsyn,
        rolle,
        attendance,
    });
    let shown = Shown {
        add: draft,
        ..Shown::default()
    };
    save(&page, &panel, shown).await
}

/// The member named by the posted `username`, or a Danish 422.
fn posted_member<'a>(audit: &'a Audit, fields: &Fields) -> Result<&'a PanelMember, AppError> {
    let username = fields.trimmed("username");
    username
        .parse::<Username>()
        .ok()
        .and_then(|u| audit.panel.iter().find(|m| m.username == u))
        .ok_or_else(|| AppError::Invalid(format!("»{username}« sidder ikke i panelet.")))
}

/// `POST /audits/{nr}/panel/remove`: takes a member off the panel (planlægning only).
async fn remove(page: KoordinatorPage, fields: Fields) -> Answer {
    let member = posted_member(&page.audit, &fields)?;
    let panel: Vec<PanelMember> = page
        .audit
        .panel
        .iter()
        .filter(|m| m.username != member.username)
        .cloned()
        .collect();
    save(&page, &panel, Shown::default()).await
}

/// `POST /audits/{nr}/panel/attendance`: records a member's attendance (in every state).
async fn set_attendance(page: KoordinatorPage, fields: Fields) -> Answer {
    let member = posted_member(&page.audit, &fields)?;
    let draft = FremmoedeKladde::from_fields(&fields);
    let mut errors = FieldErrors::default();
    let suffix = format!("-{}", member.username);
    let Some(attendance) = draft.check(&suffix, &mut errors) else {
        let shown = Shown {
            row: Some((member.username.to_string(), draft)),
            errors,
            ..Shown::default()
        };
        return shown.render(&page, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let panel: Vec<PanelMember> = page
        .audit
        .panel
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if m.username == member.username {
                m.attendance = attendance.clone();
            }
            m
        })
        .collect();
    let shown = Shown {
        row: Some((member.username.to_string(), draft)),
        ..Shown::default()
    };
    save(&page, &panel, shown).await
}

impl SetupPage for Shown {
    const PATH: &'static str = "/panel";

    fn refusal(&mut self) -> &mut Option<String> {
        &mut self.refusal
    }

    async fn render(&self, page: &KoordinatorPage, status: StatusCode) -> Answer {
        let (user, audit) = (&page.user, &page.audit);
        let candidates: Vec<audit::User> = store::users::list_users(&page.app.db)
            .await?
            .into_iter()
            .filter(|u| u.role == Role::Panelist && audit.member(&u.username).is_none())
            .collect();
        let title = format!("Panel for auditforløb {}", audit.nr);
        let freeze = freeze(page).await?;
        let content = view::view(user, audit, freeze, self, &candidates);
        Ok(with_status(
            status,
            layout::page(&title, Some(user), content),
        ))
    }
}
