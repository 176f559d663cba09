//! Høring: the koordinator sends the current draft of the auditrapport to the participating tilsyn for
//! comments before publishing it; each høringspart's tilsynskontakt reads the frozen draft and gives
//! one høringssvar; the koordinator reads the answers beside the draft.
//!
//! - `GET /audits/{nr}/rapport/hoering`: the koordinator's page (the send form with the deadline, the
//!   answers, the frozen draft), or the tilsynskontakt's (the frozen draft and the answer form, or
//!   their answer). Anyone else: 403 (the audit is loaded by the overview rule), or 404 when the
//!   tilsynskontakt's tilsyn is a party but nothing is sent yet.
//! - `POST /audits/{nr}/rapport/hoering` (koordinator): freezes the draft and sends it with the
//!   deadline `frist`; each party's tilsynskontakt gets a message in the inbox.
//! - `POST /audits/{nr}/rapport/hoering/svar` (tilsynskontakt of a party): the answer `svar`.
//!
//! The rules are `audit::hoering`'s (who reads and answers, the deadline, the answer's text); the draft
//! is frozen after reveal only, so it never carries a value the blind rule hides: it is the report as
//! it would be published that day. Publishing does not wait for the høring; the confirmation says how
//! far it has come ([`status_note`]).

use audit::hoering::{self, HoeringFejl};
use audit::{Audit, Role, Tilsyn};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, PreEscaped, html};
use store::hoering::{Hoering, Hoeringssvar};
use store::reminders::NewReminder;
use time::Date;

use super::edit::textarea;
use super::report_path;
use crate::access::{AuditPage, KoordinatorPage, Overview};
use crate::auth::CurrentUser;
use crate::components::form::{csrf_field, error_summary, input};
use crate::components::labels::capitalized;
use crate::components::{DanishDate, DanishDateTime};
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::pages::setup::dates::parse_date;
use crate::report_render::{self, Udgave};
use crate::report_source::build_draft;
use crate::state::AppState;

/// The path of the høring page of audit `nr`.
pub(crate) fn hoering_path(audit: &Audit) -> String {
    format!("{}/hoering", report_path(&audit.nr))
}

/// A refused form: the field it concerns, what was typed, and why.
struct Refusal<'a> {
    field: &'a str,
    typed: &'a str,
    message: String,
}

/// `GET /audits/{nr}/rapport/hoering`.
pub(super) async fn show(page: AuditPage<Overview>) -> Result<Response, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    render(&app, &user, &audit, None).await
}

/// `POST /audits/{nr}/rapport/hoering`: sends the draft in høring with the deadline of the form, or
/// shows the page again with what is wrong (nothing is sent then).
pub(super) async fn send(page: KoordinatorPage, f: Fields) -> Result<Response, AppError> {
    let KoordinatorPage {
        app, user, audit, ..
    } = page;
    let typed = f.trimmed("frist");
    let today = app.clock.today();
    let frist = match parse_date(typed) {
        Ok(Some(frist)) => hoering::check_afsendelse(&audit, frist, today)
            .map(|()| frist)
            .map_err(|e| sentence(&e)),
        Ok(None) => Err("Vælg høringsfristen.".to_owned()),
        Err(message) => Err(message),
    };
    let frist = match frist {
        Ok(frist) => frist,
        Err(message) => {
            let refusal = Refusal {
                field: "frist",
                typed,
                message,
            };
            return render(&app, &user, &audit, Some(refusal)).await;
        }
    };
    let rapport = build_draft(&app, user.user(), &audit).await?;
    let content = report_render::article(&rapport, Udgave::Kladde).into_string();
    let sent = store::hoering::send_hoering(
        app.db(),
        &audit.nr,
        &content,
        frist,
        user.username(),
        app.clock.now(),
    )
    .await?;
    let message = format!(
        "Udkastet til auditrapport {} er sendt i høring hos jer. Høringsfristen er {}.",
        audit.nr,
        audit::dansk_dato(frist)
    );
    notify(
        &app,
        &audit,
        &hoering::hoeringsparter(&audit),
        Besked {
            action: hoering::HANDLING,
            key: &sent.id.to_string(),
            due: frist,
            message: &message,
            at: app.clock.now(),
        },
    )
    .await?;
    Ok(Redirect::to(&hoering_path(&audit)).into_response())
}

/// `POST /audits/{nr}/rapport/hoering/svar`: the tilsynskontakt's answer, once per tilsyn.
pub(super) async fn answer(page: AuditPage<Overview>, f: Fields) -> Result<Response, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    let Some(tilsyn) = hoering::svarer_for(user.role(), &audit) else {
        return Err(AppError::Forbidden);
    };
    let Some(current) = store::hoering::current_hoering(app.db(), &audit.nr).await? else {
        return Err(AppError::NotFound);
    };
    let typed = f.get("svar");
    let tekst = match hoering::check_svar(typed, current.frist, app.clock.today()) {
        Ok(tekst) => tekst,
        Err(e) => {
            let refusal = Refusal {
                field: "svar",
                typed,
                message: sentence(&e),
            };
            return render(&app, &user, &audit, Some(refusal)).await;
        }
    };
    // The form names the høring it answers, so that an answer to a draft sent again since is refused.
    let hoering_id = f.trimmed("hoering").parse().unwrap_or(current.id);
    store::hoering::submit_answer(
        app.db(),
        &audit.nr,
        hoering_id,
        tilsyn,
        &tekst,
        user.username(),
        app.clock.now(),
    )
    .await?;
    Ok(Redirect::to(&hoering_path(&audit)).into_response())
}

fn sentence(e: &HoeringFejl) -> String {
    capitalized(&e.to_string()) + "."
}

/// The page for the koordinator or a party's tilsynskontakt, with `refusal` shown (and 422) when a
/// form was refused.
async fn render(
    app: &AppState,
    user: &CurrentUser,
    audit: &Audit,
    refusal: Option<Refusal<'_>>,
) -> Result<Response, AppError> {
    if !hoering::maa_laese(user.role(), audit) {
        return Err(AppError::Forbidden);
    }
    let current = store::hoering::current_hoering(app.db(), &audit.nr).await?;
    let answers = match &current {
        Some(h) => store::hoering::answers(app.db(), h.id).await?,
        None => Vec::new(),
    };
    let content = match (user.role(), &current) {
        (Role::Koordinator, _) => koordinator_view(
            app,
            user,
            audit,
            current.as_ref(),
            &answers,
            refusal.as_ref(),
        ),
        (_, None) => return Err(AppError::NotFound),
        (role, Some(h)) => {
            let tilsyn = hoering::svarer_for(role, audit).ok_or(AppError::Forbidden)?;
            let own = answers.iter().find(|a| a.tilsyn == tilsyn);
            part_view(user, audit, tilsyn, h, own, refusal.as_ref())
        }
    };
    let page = layout::page(
        &format!("Høring over auditrapport {}", audit.nr),
        Some(user),
        content,
    );
    let status = if refusal.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

fn refusal_summary(refusal: Option<&Refusal<'_>>, title: &str) -> Markup {
    html! {
        @if let Some(r) = refusal {
            (error_summary(title, html! { ul { li { a href=(format!("#{}", r.field)) { (r.message) } } } }))
        }
    }
}

fn koordinator_view(
    app: &AppState,
    user: &CurrentUser,
    audit: &Audit,
    current: Option<&Hoering>,
    answers: &[Hoeringssvar],
    refusal: Option<&Refusal<'_>>,
) -> Markup {
    let parter = hoering::hoeringsparter(audit);
    let frist_error = refusal.map(|r| r.message.as_str());
    let typed = refusal.map_or("", |r| r.typed);
    html! {
        (refusal_summary(refusal, "Rapporten er ikke sendt i høring"))
        p.lead {
            "Inden rapporten offentliggøres, kan den sendes i høring hos de deltagende socialtilsyn: "
            (parter.iter().map(|t| t.fulde_navn()).collect::<Vec<_>>().join(", ")) ". "
            "Hvert tilsyn kan afgive ét høringssvar inden fristen."
        }
        @if let Some(h) = current {
            section aria-labelledby="svar-titel" {
                h2 #svar-titel { "Høringssvar" }
                p { "Sendt i høring " (DanishDateTime(h.sent_at)) " med frist " (DanishDate(h.frist)) "." }
                (answers_list(&parter, answers))
            }
        }
        @if audit.state.is_revealed() {
            form method="post" action=(hoering_path(audit)) {
                (csrf_field(user.csrf_token()))
                (input("frist", "Høringsfrist", "date", typed, frist_error, "off"))
                p.hint { "I dag er " (DanishDate(app.clock.today())) "; fristen skal ligge senere." }
                button type="submit" {
                    @if current.is_some() { "Send den nuværende kladde i høring igen" } @else { "Send kladden i høring" }
                }
                " " a href=(report_path(&audit.nr)) { "Tilbage til kladden" }
            }
        } @else {
            p.muted { "Rapporten kan sendes i høring, når bedømmelserne er afsløret." }
        }
        @if let Some(h) = current { (frozen_draft(h)) }
    }
}

fn answers_list(parter: &[Tilsyn], answers: &[Hoeringssvar]) -> Markup {
    html! {
        dl.hoeringssvar {
            @for t in parter {
                dt { (t.fulde_navn()) }
                @match answers.iter().find(|a| a.tilsyn == *t) {
                    Some(a) => dd {
                        p.muted { "Afgivet af " (a.author) " " (DanishDateTime(a.submitted_at)) }
                        @for line in a.tekst.lines() { (line) br; }
                    },
                    None => dd.muted { "Intet svar endnu." },
                }
            }
        }
    }
}

fn part_view(
    user: &CurrentUser,
    audit: &Audit,
    tilsyn: Tilsyn,
    h: &Hoering,
    own: Option<&Hoeringssvar>,
    refusal: Option<&Refusal<'_>>,
) -> Markup {
    html! {
        (refusal_summary(refusal, "Høringssvaret er ikke afgivet"))
        p.lead {
            "Auditfunktionen har sendt udkastet til auditrapport " (audit.nr) " i høring hos "
            (tilsyn.fulde_navn()) ". Høringsfristen er " (DanishDate(h.frist)) "."
        }
        @match own {
            Some(a) => section aria-labelledby="svar-titel" {
                h2 #svar-titel { "Jeres høringssvar" }
                p.muted { "Afgivet af " (a.author) " " (DanishDateTime(a.submitted_at)) }
                p { @for line in a.tekst.lines() { (line) br; } }
            },
            None => form method="post" action=(format!("{}/svar", hoering_path(audit))) {
                (csrf_field(user.csrf_token()))
                input type="hidden" name="hoering" value=(h.id);
                (textarea("svar", "Høringssvar", "Jeres bemærkninger til udkastet. Der kan afgives ét svar pr. tilsyn.",
                    refusal.map_or("", |r| r.typed), refusal.map(|r| r.message.as_str())))
                button type="submit" { "Afgiv høringssvar" }
            },
        }
        (frozen_draft(h))
    }
}

/// The draft as it was sent, frozen: rendered and escaped by `report_render` when it was sent.
fn frozen_draft(h: &Hoering) -> Markup {
    html! {
        section.hoeringsudkast aria-label="Rapportudkastet som sendt i høring" {
            link rel="stylesheet" href=(crate::assets::href("report.css"));
            (PreEscaped(h.content.as_str()))
        }
    }
}

/// What the publish confirmation says about the høring: none sent, or how many parties answered and
/// whether the deadline has passed. Publishing is allowed either way.
pub(super) async fn status_note(app: &AppState, audit: &Audit) -> Result<Markup, AppError> {
    let Some(h) = store::hoering::current_hoering(app.db(), &audit.nr).await? else {
        return Ok(html! {
            p.notice #hoering-status {
                "Rapporten har ikke været i høring hos de deltagende socialtilsyn. "
                a href=(hoering_path(audit)) { "Send den i høring" } " først, eller offentliggør uden høring."
            }
        });
    };
    let answers = store::hoering::answers(app.db(), h.id).await?.len();
    let parter = hoering::hoeringsparter(audit).len();
    let open = app.clock.today() <= h.frist;
    Ok(html! {
        p.notice #hoering-status {
            "Rapporten blev sendt i høring " (DanishDateTime(h.sent_at)) " med frist " (DanishDate(h.frist)) "; "
            (answers) " af " (parter) " socialtilsyn har afgivet høringssvar. "
            @if open { "Høringsfristen er ikke udløbet endnu. " }
            a href=(hoering_path(audit)) { "Se høringssvarene" }
        }
    })
}

/// A message to the tilsynskontakter of some tilsyn about an audit's report.
pub(crate) struct Besked<'a> {
    /// The inbox's action key (`audit::hoering::HANDLING` or `ORIENTERING`).
    pub(crate) action: &'a str,
    /// What makes the message unique beside the action, the audit and the recipient.
    pub(crate) key: &'a str,
    /// The date the inbox shows with it.
    pub(crate) due: Date,
    /// The Danish text.
    pub(crate) message: &'a str,
    /// When it is written.
    pub(crate) at: time::OffsetDateTime,
}

/// Writes `besked` into the inbox of every tilsynskontakt of `tilsyn`, once per key (a høring's id, or
/// the tilsyn for an orientation): the reminder store's idempotency key makes a second call write
/// nothing. The message is e-mailed where the user wants that. Returns how many were new.
pub(crate) async fn notify(
    app: &AppState,
    audit: &Audit,
    tilsyn: &[Tilsyn],
    besked: Besked<'_>,
) -> Result<u64, AppError> {
    let Besked {
        action,
        key,
        due,
        message,
        at,
    } = besked;
    let mut reminders = Vec::new();
    for user in store::users::list_users(app.db()).await? {
        let Role::Tilsynskontakt(t) = user.role else {
            continue;
        };
        if !tilsyn.contains(&t) {
            continue;
        }
        reminders.push(NewReminder {
            key: format!("{action}:{}:{key}:{}", audit.nr, user.username),
            email: store::reminders::email_of(app.db(), &user.username).await?,
            username: user.username,
            audit: audit.nr.clone(),
            action: action.to_owned(),
            step: action.to_owned(),
            due,
            message: message.to_owned(),
        });
    }
    Ok(store::reminders::write_reminders(app.db(), &reminders, at).await?)
}
