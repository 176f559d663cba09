//! The discussion notes per indicator: `GET /audits/{nr}/droeftelser` (every topic's notes, read-only),
//! `GET /audits/{nr}/droeftelser/{emne}` (the koordinator's form; the panel reads the notes) and
//! `POST /audits/{nr}/droeftelser/{emne}` (the koordinator saves).
//!
//! The topics are the audit's indicators (from its forms, in form order), the overall assessment when a
//! form has one, and any other topic already stored (a tema, a tematik). `{emne}` is the topic's key
//! (`indikator:3.a`, `helhed`, see `store::report_content::emne_key`).
//!
//! Saving uses the store's optimistic locking: the form carries the version it was read at, and
//! `store::report_content::save_discussion` refuses a save based on an older version
//! (`StoreError::Stale`). Nothing is lost then: the answer is a 409 page with the stored version (theirs)
//! beside the koordinator's own text, kept in the form and now based on the stored version, so that a
//! second save after merging goes through.

mod input;
mod view;

use audit::{Audit, Droeftelse, Emne, Username};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use store::StoreError;
use store::report_content::{Versioned, emne_key};

use self::input::NotesInput;
use super::figures::{discussion_href, emne_of_item, path_segment};
use crate::auth::CurrentUser;
use crate::components::form::FieldErrors;
use crate::error::AppError;
use crate::extract::Form;
use crate::extract::PagePath;
use crate::layout;
use crate::state::AppState;
use audit::AuditNr;

/// One topic of discussion.
pub(super) struct Topic {
    /// What is discussed.
    emne: Emne,
    /// "Indikator 3.a".
    titel: String,
    /// The text of the form item (the indicator's text), if the topic comes from a form.
    tekst: Option<String>,
    /// The stored notes, if any.
    stored: Option<Versioned<Droeftelse>>,
}

impl Topic {
    /// The anchor of the topic on the list page.
    fn anchor(&self) -> String {
        format!(
            "emne-{}",
            path_segment(&emne_key(&self.emne)).replace(['%', ':'], "-")
        )
    }

    /// A new discussion of the topic, for the first save.
    fn new_discussion(&self) -> Droeftelse {
        Droeftelse {
            emne: self.emne.clone(),
            overskrift: self.titel.clone(),
            indledning: self.tekst.iter().cloned().collect(),
            afsnit: Vec::new(),
            ligheder: Vec::new(),
            opmaerksomheder: Vec::new(),
            datakilder: Vec::new(),
            vurdering: None,
        }
    }
}

/// The title of a topic that comes from a form.
fn emne_title(emne: &Emne) -> String {
    match emne {
        Emne::Indikator(id) => format!("Indikator {id}"),
        Emne::Tema(id) => format!("Tema {id}"),
        Emne::Helhed => "Helhedsvurdering".to_owned(),
        Emne::Tematik(navn) => navn.clone(),
    }
}

/// The audit's topics with their stored notes, in form order, then the other stored topics.
fn topics(audit: &Audit, stored: Vec<Versioned<Droeftelse>>) -> Vec<Topic> {
    let mut out: Vec<Topic> = Vec::new();
    for form in &audit.forms {
        for item in &form.items {
            if let Some(emne) = emne_of_item(audit, &item.id)
                && !out.iter().any(|t| t.emne == emne)
            {
                out.push(Topic {
                    titel: emne_title(&emne),
                    emne,
                    tekst: Some(item.tekst.clone()).filter(|t| !t.trim().is_empty()),
                    stored: None,
                });
            }
        }
    }
    for v in stored {
        match out.iter_mut().find(|t| t.emne == v.value.emne) {
            Some(topic) => topic.stored = Some(v),
            None => out.push(Topic {
                emne: v.value.emne.clone(),
                titel: v.value.overskrift.clone(),
                tekst: None,
                stored: Some(v),
            }),
        }
    }
    out
}

/// The audit (after reveal) and its topics.
async fn load(
    app: &AppState,
    user: &CurrentUser,
    nr: &AuditNr,
) -> Result<(Audit, Vec<Topic>), AppError> {
    let audit = crate::access::revealed_audit(app, user.user(), nr).await?;
    let stored = store::report_content::discussions(&app.db, &audit.nr).await?;
    let topics = topics(&audit, stored);
    Ok((audit, topics))
}

/// The display name of the user who saved a version (the username when the account is gone).
async fn name_of(app: &AppState, username: &str) -> String {
    match username.parse::<Username>() {
        Ok(u) => store::users::get_user(&app.db, &u)
            .await
            .map_or_else(|_| username.to_owned(), |user| user.navn),
        Err(_) => username.to_owned(),
    }
}

/// The query of the list page: the topic just saved, for the confirmation.
#[derive(Debug, Deserialize)]
pub(super) struct Saved {
    gemt: Option<String>,
}

/// `GET /audits/{nr}/droeftelser`: every topic with its notes.
pub(super) async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath(nr): PagePath<AuditNr>,
    Query(saved): Query<Saved>,
) -> Result<Markup, AppError> {
    let (audit, topics) = load(&app, &user, &nr).await?;
    let mut names = Vec::with_capacity(topics.len());
    for t in &topics {
        names.push(match &t.stored {
            Some(v) => Some(name_of(&app, &v.updated_by).await),
            None => None,
        });
    }
    let saved = saved.gemt.and_then(|key| {
        topics
            .iter()
            .find(|t| emne_key(&t.emne) == key)
            .map(|t| t.titel.clone())
    });
    let content = html! {
        (super::subnav(&audit, user.user(), user.path()))
        @if let Some(titel) = saved {
            div.notice.ok role="status" { p { "Noterne til " (titel) " er gemt." } }
        }
        p.lead {
            "Auditpanelets drøftelse pr. indikator: ligheder på tværs af tilsynenes bedømmelser, "
            "opmærksomheder og datakilder og undersøgelsesmetoder. Noterne bliver til afsnittet "
            "»Auditpanelets drøftelser« i auditrapporten."
            @if !user.is_koordinator() { " Koordinatoren skriver noterne; du kan læse dem her." }
        }
        @if topics.is_empty() {
            p { "Auditforløbets skemaer har ingen indikatorer at drøfte." }
        }
        @for (topic, name) in topics.iter().zip(&names) {
            article.topic id=(topic.anchor()) aria-labelledby=(format!("{}-titel", topic.anchor())) {
                h2 id=(format!("{}-titel", topic.anchor())) { (topic.titel) }
                @if let Some(tekst) = &topic.tekst { p.indicator-text { (tekst) } }
                @match &topic.stored {
                    Some(v) => {
                        (view::notes(&v.value, 3))
                        p.muted { small { (view::saved_by(v, name.as_deref().unwrap_or_default())) } }
                    },
                    None => p.muted { "Der er endnu ingen noter fra drøftelsen." },
                }
                @if user.is_koordinator() {
                    p.no-print { a.button href=(discussion_href(&audit, &topic.emne)) { "Skriv noter" span.visually-hidden { " til " (topic.titel) } } }
                }
            }
        }
    };
    Ok(layout::page(
        &format!("Drøftelser i auditforløb {}", audit.nr),
        Some(&user),
        content,
    ))
}

/// The topic `key` of the audit, or 404.
fn find(topics: Vec<Topic>, key: &str) -> Result<Topic, AppError> {
    topics
        .into_iter()
        .find(|t| emne_key(&t.emne) == key)
        .ok_or(AppError::NotFound)
}

/// `GET /audits/{nr}/droeftelser/{emne}`: the form for the koordinator, the notes for the panel.
pub(super) async fn edit(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, key)): PagePath<(AuditNr, String)>,
) -> Result<Markup, AppError> {
    let (audit, topics) = load(&app, &user, &nr).await?;
    let topic = find(topics, &key)?;
    let saved = match &topic.stored {
        Some(v) => Some(view::saved_by(v, &name_of(&app, &v.updated_by).await)),
        None => None,
    };
    let content = html! {
        (super::subnav(&audit, user.user(), user.path()))
        @if let Some(tekst) = &topic.tekst { p.indicator-text { (tekst) } }
        @if let Some(saved) = &saved { p.muted { small { (saved) } } }
        @if user.is_koordinator() {
            @let input = NotesInput::of(topic.stored.as_ref().map(|v| &v.value), topic.stored.as_ref().map_or(0, |v| v.version));
            (view::form(user.csrf_token(), &discussion_href(&audit, &topic.emne), &topic, &input, &FieldErrors::default()))
        } @else {
            @match &topic.stored {
                Some(v) => (view::notes(&v.value, 2)),
                None => p.muted { "Der er endnu ingen noter fra drøftelsen." },
            }
        }
    };
    let title = if user.is_koordinator() {
        format!("Noter til {}", topic.titel)
    } else {
        format!("Drøftelsen af {}", topic.titel)
    };
    Ok(layout::page(&title, Some(&user), content))
}

/// `POST /audits/{nr}/droeftelser/{emne}`: the koordinator saves the notes of one topic.
pub(super) async fn save(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, key)): PagePath<(AuditNr, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (audit, topics) = load(&app, &user, &nr).await?;
    user.require_koordinator()?;
    let topic = find(topics, &key)?;
    let input = NotesInput::parse(&fields).ok_or_else(|| {
        AppError::Invalid(
            "Formularen mangler versionsnummeret for noterne, så den kan ikke gemmes sikkert. Intet er gemt. Genindlæs siden, og prøv igen."
                .to_owned(),
        )
    })?;
    let action = discussion_href(&audit, &topic.emne);
    let errors = input.errors();
    if !errors.is_empty() {
        let content = html! {
            (super::subnav(&audit, user.user(), user.path()))
            (view::form(user.csrf_token(), &action, &topic, &input, &errors))
        };
        let page = layout::page(&format!("Noter til {}", topic.titel), Some(&user), content);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let base = topic
        .stored
        .as_ref()
        .map_or_else(|| topic.new_discussion(), |v| v.value.clone());
    let droeftelse = input.apply(base);
    match store::report_content::save_discussion(
        &app.db,
        &audit.nr,
        &droeftelse,
        input.version,
        user.username(),
        app.clock.now(),
    )
    .await
    {
        Ok(_) => {
            let key = emne_key(&topic.emne);
            let query = serde_urlencoded::to_string([("gemt", key.as_str())]).unwrap_or_default();
            Ok(Redirect::to(&format!(
                "/audits/{}/droeftelser?{query}#{}",
                audit.nr,
                topic.anchor()
            ))
            .into_response())
        }
        Err(StoreError::Stale { current }) => {
            let theirs = store::report_content::discussions(&app.db, &audit.nr)
                .await?
                .into_iter()
                .find(|v| v.value.emne == topic.emne);
            let name = match &theirs {
                Some(v) => name_of(&app, &v.updated_by).await,
                None => String::new(),
            };
            // Yours, now based on the stored version: saving again after merging goes through.
            let yours = NotesInput {
                version: current,
                ..input
            };
            let page = conflict(
                &user,
                &audit,
                &topic,
                theirs.as_ref(),
                &name,
                &yours,
                &action,
            );
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(err) => Err(err.into()),
    }
}

/// The page for a stale save: the stored version beside the koordinator's own, kept in the form.
fn conflict(
    user: &CurrentUser,
    audit: &Audit,
    topic: &Topic,
    theirs: Option<&Versioned<Droeftelse>>,
    name: &str,
    yours: &NotesInput,
    action: &str,
) -> Markup {
    let content = html! {
        (super::subnav(audit, user.user(), user.path()))
        div.notice.error role="alert" {
            @match theirs {
                Some(v) => p {
                    (name) " har gemt en ny udgave af noterne til " (topic.titel) " (version " (v.version)
                    "), mens du skrev. Dine ændringer er ikke gemt endnu, men intet er tabt: den gemte udgave står "
                    "til venstre, din egen i formularen til højre. Flet de to tekster i formularen, og gem igen."
                },
                None => p {
                    "Noterne til " (topic.titel) " er ændret, siden du hentede dem. Dine ændringer er ikke gemt "
                    "endnu; de står i formularen. Gem igen for at gemme dem."
                },
            }
        }
        div.conflict {
            section.theirs aria-labelledby="deres" {
                h2 #deres { "Den gemte udgave" }
                @if let Some(v) = theirs {
                    p.muted { small { (view::saved_by(v, name)) } }
                    (view::notes(&v.value, 3))
                }
            }
            section.yours aria-labelledby="din" {
                h2 #din { "Din udgave" }
                (view::form(user.csrf_token(), action, topic, yours, &FieldErrors::default()))
            }
        }
    };
    layout::page(
        &format!("Noterne til {} er ændret af en anden", topic.titel),
        Some(user),
        content,
    )
}
