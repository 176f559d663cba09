//! One follow-up action: `GET /opfoelgning/{nr}/{id}` with its text, the recommendations it follows
//! from, the responsible parties, the deadline as typed beside the computed due date, the reports of the
//! current round with their evidence, the dated status history, and the forms the viewer may use.
//!
//! Changes post to `/opfoelgning/{nr}/{id}/haendelse` (URL-encoded: påbegynd, kvittér, send tilbage,
//! udskyd, bortfald) and `/opfoelgning/{nr}/{id}/rapport` (multipart: the report of the action done, with
//! evidence files). An action the viewer may not see (`super::Scope`) is a 404 exactly like one that
//! does not exist, for the page, its evidence and every post. The store applies the domain's status
//! machine; a refusal is answered with the domain's Danish message: 403 when the user may not do this at
//! all (a læser), 409 when the status does not allow it, 422 for a missing reason or a deadline that does not
//! read, next to the field with what was typed kept. Nothing is changed then.

use audit::followup::{Dokumentation, Haendelse, SporetTiltag, StatusFejl, anvend};
use audit::{Anbefaling, AuditNr, User};
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;
use store::files::NewFile;
use store::follow_up_tracking::{Evidence, TrackedAction, TrackingError};

use super::{Scope, parties, status_badge, tilsyn_statuses};
use crate::auth::CurrentUser;
use crate::components::date::{self, DanishDate};
use crate::components::form::{FieldErrors, csrf_field};
use crate::components::labels::capitalized;
use crate::components::table::scroll_region;
use crate::error::AppError;
use crate::extract::Form;
use crate::extract::PagePath;
use crate::layout;
use crate::state::AppState;

/// The largest evidence file accepted, in bytes.
pub(crate) const MAX_EVIDENCE: usize = 20 * 1024 * 1024;

/// What the page shows after a post: a notice, or a refusal, next to the field of the form it belongs
/// to (with the values typed in that form) or for the page as a whole.
#[derive(Debug, Default)]
struct Feedback {
    saved: bool,
    /// The form whose typed values are shown again ("udskyd", "rapport" …).
    form: Option<String>,
    errors: FieldErrors,
    begrundelse: String,
    ny_frist: String,
    tekst: String,
}

impl Feedback {
    /// `message` refuses what was typed in `form`: shown beside the form's field for it, the typed
    /// values kept.
    fn refuse_form(&mut self, form: &str, message: String) {
        let field = match form {
            "rapport" => "rapport-tekst",
            "udskyd" => "udskyd-ny_frist",
            "send-tilbage" => "send-tilbage-begrundelse",
            "bortfald" => "bortfald-begrundelse",
            _ => return self.errors.add_general(message),
        };
        self.form = Some(form.to_owned());
        self.errors.add(field, message);
    }

    /// The typed value `v` of `form`, when that form was refused; otherwise the field starts empty.
    fn value(&self, form: &str, v: &str) -> String {
        if self.form.as_deref() == Some(form) {
            v.to_owned()
        } else {
            String::new()
        }
    }
}

/// `?gemt=1` after a successful change.
#[derive(Debug, Deserialize)]
pub(crate) struct ShowQuery {
    #[serde(default)]
    gemt: Option<String>,
}

/// Action `id` of audit `nr` when `user` may see it. One the user may not see is answered exactly as one
/// that does not exist — [`AppError::NotFound`], before anything is changed — so neither a page nor a
/// refused post tells whether an unpublished plan holds it.
async fn load(
    app: &AppState,
    user: &CurrentUser,
    nr: &AuditNr,
    id: &str,
) -> Result<TrackedAction, AppError> {
    let action = store::follow_up_tracking::tracked_action(app.db(), nr, id).await?;
    if !Scope::of(app, user.user()).await?.may_see(&action.sporet) {
        return Err(AppError::NotFound);
    }
    Ok(action)
}

/// `GET /opfoelgning/{nr}/{id}`.
pub(crate) async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, id)): PagePath<(AuditNr, String)>,
    Query(query): Query<ShowQuery>,
) -> Result<Markup, AppError> {
    let action = load(&app, &user, &nr, &id).await?;
    let feedback = Feedback {
        saved: query.gemt.is_some(),
        ..Feedback::default()
    };
    render(&app, &user, &nr, &action, &feedback).await
}

async fn render(
    app: &AppState,
    user: &CurrentUser,
    nr: &AuditNr,
    action: &TrackedAction,
    feedback: &Feedback,
) -> Result<Markup, AppError> {
    let anbefalinger: Vec<Anbefaling> = store::report_content::recommendations(app.db(), nr)
        .await?
        .into_iter()
        .map(|v| v.value)
        .filter(|a| action.sporet.tiltag.anbefalinger.contains(&a.id))
        .collect();
    let today = app.clock().today();
    let title = format!("Opfølgningspunkt fra audit {}", nr);
    Ok(layout::page(
        &title,
        Some(user),
        view(user, action, &anbefalinger, feedback, today),
    ))
}

fn view(
    user: &CurrentUser,
    action: &TrackedAction,
    anbefalinger: &[Anbefaling],
    feedback: &Feedback,
    today: time::Date,
) -> Markup {
    let t = &action.sporet;
    let base = super::action_href(t);
    html! {
        p { a href="/opfoelgning" { "← Alle opfølgningspunkter" } }
        @if feedback.saved {
            div.notice.ok role="status" { p { "Ændringen er gemt og skrevet i hændelsesloggen." } }
        }
        @for message in feedback.errors.general() {
            div.notice.error role="alert" { p { (message) } }
        }
        section.action-text aria-label="Opfølgningspunktet" {
            p.lead { (t.tiltag.tekst) }
            @if !t.tiltag.punkter.is_empty() {
                ul { @for p in &t.tiltag.punkter { li { (p) } } }
            }
        }
        dl.facts {
            dt { "Status" } dd { (status_badge(t.tilstand.status)) }
            dt { "Ansvarlige" } dd { (parties(t)) }
            dt { "Frist (som skrevet)" }
            dd {
                @match &t.tilstand.frist {
                    Some(frist) => { "»" (frist) "«" },
                    None => span.muted { "Ingen frist i planen" },
                }
                @if let Some(plan) = &t.tiltag.frist && t.tilstand.frist.as_ref().is_some_and(|f| f.tekst().trim() != plan.trim()) {
                    br; span.muted { "Oprindelig frist i planen: »" (plan) "«" }
                }
            }
            dt { "Forfalder" }
            dd {
                (date::optional(t.forfald()))
                @if t.er_overskredet(today) { " " strong.overdue { "Overskredet" } }
            }
        }
        @if !anbefalinger.is_empty() {
            section aria-labelledby="anbefalinger" {
                h2 #anbefalinger { "Følger af anbefaling" }
                @for a in anbefalinger {
                    h3 { (a.overskrift) }
                    @for p in &a.tekst { p { (p) } }
                    @if !a.punkter.is_empty() { ul { @for p in &a.punkter { li { (p) } } } }
                }
            }
        }
        (reports(t, &action.evidence, &base))
        (history(t, &action.evidence, &base))
        (forms(user, t, feedback, &base, today))
    }
}

fn evidence_links(bilag: &[String], evidence: &[Evidence], base: &str) -> Markup {
    html! {
        @if !bilag.is_empty() {
            ul.evidence {
                @for id in bilag {
                    @let found = evidence.iter().find(|e| e.id.to_string() == *id);
                    li {
                        @match found {
                            Some(e) => {
                                a href=(format!("{base}/bilag/{}", e.id)) download { (e.file_name) }
                                " " span.muted { "(" (kilobytes(e.size)) ")" }
                            },
                            None => { "Bilag " (id) },
                        }
                    }
                }
            }
        }
    }
}

/// A size in kB with a decimal comma ("12,3 kB").
fn kilobytes(size: i64) -> String {
    format!("{} kB", audit::danske_tal::decimal(size as f64 / 1024.0, 1))
}

fn reports(t: &SporetTiltag, evidence: &[Evidence], base: &str) -> Markup {
    let missing = t.tilstand.mangler_rapport(&t.tiltag);
    html! {
        section aria-labelledby="rapporter" {
            h2 #rapporter { "Rapporteret gennemført" }
            (tilsyn_statuses(t))
            @if t.tilstand.rapporter.is_empty() {
                p.muted { "Ingen har rapporteret punktet gennemført i denne runde." }
            }
            @for r in &t.tilstand.rapporter {
                article.report {
                    h3 {
                        (r.tilsyn.map_or_else(|| "Auditfunktionen".to_owned(), audit::Tilsyn::fulde_navn))
                        ", " (DanishDate(r.dato))
                    }
                    p { (r.dokumentation.tekst) }
                    (evidence_links(&r.dokumentation.bilag, evidence, base))
                }
            }
            @if !missing.is_empty() && !t.tilstand.status.er_lukket() {
                p { "Mangler rapport fra: "
                    (missing.iter().map(|m| m.fulde_navn()).collect::<Vec<_>>().join(", ")) "." }
            }
        }
    }
}

fn describe(h: &Haendelse, evidence: &[Evidence], base: &str) -> Markup {
    html! {
        @match h {
            Haendelse::Paabegynd => "Meldt i gang.",
            Haendelse::RapporterGennemfoert { dokumentation } => {
                "Rapporteret gennemført: " (dokumentation.tekst)
                (evidence_links(&dokumentation.bilag, evidence, base))
            },
            Haendelse::Kvitter => "Kvitteret af Auditfunktionen.",
            Haendelse::SendTilbage { begrundelse } => { "Sendt tilbage: " (begrundelse) },
            Haendelse::Udskyd { ny_frist, begrundelse } => { "Udskudt til »" (ny_frist) "«: " (begrundelse) },
            Haendelse::Bortfald { begrundelse } => { "Bortfaldet: " (begrundelse) },
        }
    }
}

fn history(t: &SporetTiltag, evidence: &[Evidence], base: &str) -> Markup {
    html! {
            section aria-labelledby="historik" {
                h2 #historik { "Statushistorik" }
                @if t.historik.is_empty() {
                    p.muted { "Punktet er planlagt; der er endnu ikke sket noget." }
                } @else {
                    (scroll_region("Statushistorik", html! {
    table {
                        thead { tr { th scope="col" { "Dato" } th scope="col" { "Af" } th scope="col" { "Status" } th scope="col" { "Hændelse" } } }
                        tbody {
                            @for post in &t.historik {
                                tr {
                                    td { (DanishDate(post.dato)) }
                                    td {
                                        (post.af)
                                        @if let audit::Role::Tilsynskontakt(tilsyn) = post.rolle {
                                            br; span.muted { "tilsynskontakt, " (tilsyn.fulde_navn()) }
                                        } @else {
                                            br; span.muted { (post.rolle.navn()) }
                                        }
                                    }
                                    td { (capitalized(post.fra.navn())) " → " (post.til.navn()) }
                                    td { (describe(&post.haendelse, evidence, base)) }
                                }
                            }
                        }
                    }
    }))
                }
            }
        }
}

/// Whether the domain would accept `haendelse` from `user` but for what the form asks for (a reason,
/// documentation, a new deadline): the forms shown are exactly those.
fn offered(t: &SporetTiltag, haendelse: Haendelse, user: &User, today: time::Date) -> bool {
    match anvend(&t.tiltag, &t.tilstand, haendelse, user, today) {
        Ok(_) => true,
        Err(err) => is_content_error(&err),
    }
}

fn is_content_error(err: &StatusFejl) -> bool {
    matches!(
        err,
        StatusFejl::ManglerBegrundelse { .. }
            | StatusFejl::ManglerDokumentation { .. }
            | StatusFejl::TomtBilag { .. }
            | StatusFejl::Frist { .. }
            | StatusFejl::IkkeSenere { .. }
            | StatusFejl::Tekst(_)
    )
}

fn is_role_error(err: &StatusFejl) -> bool {
    matches!(
        err,
        StatusFejl::KunKoordinator { .. }
            | StatusFejl::AndetTilsyn { .. }
            | StatusFejl::TilsynetRapporterer { .. }
            | StatusFejl::IkkeEtTilsynsPunkt { .. }
            | StatusFejl::IngenAdgang { .. }
    )
}

fn textarea(form: &str, name: &str, label: &str, value: &str, feedback: &Feedback) -> Markup {
    let id = format!("{form}-{name}");
    let error = feedback.errors.get(&id);
    let error_id = format!("{id}-fejl");
    html! {
        div.field {
            label for=(id) { (label) }
            textarea id=(id) name=(name) required
                aria-invalid=[error.as_ref().map(|_| "true")]
                aria-describedby=[error.as_ref().map(|_| error_id.as_str())] { (value) }
            @if let Some(error) = &error { p.field-error id=(error_id) role="alert" { (error) } }
        }
    }
}

fn event_form(user: &CurrentUser, base: &str, kind: &str, button: &str, fields: Markup) -> Markup {
    html! {
        form.stacked method="post" action=(format!("{base}/haendelse")) {
            (csrf_field(user.csrf_token()))
            input type="hidden" name="haendelse" value=(kind);
            (fields)
            button type="submit" { (button) }
        }
    }
}

fn forms(
    user: &CurrentUser,
    t: &SporetTiltag,
    feedback: &Feedback,
    base: &str,
    today: time::Date,
) -> Markup {
    let u = user.user();
    let empty = String::new;
    let paabegynd = offered(t, Haendelse::Paabegynd, u, today);
    let rapport = offered(
        t,
        Haendelse::RapporterGennemfoert {
            dokumentation: Dokumentation::default(),
        },
        u,
        today,
    );
    let kvitter = offered(t, Haendelse::Kvitter, u, today);
    let tilbage = offered(
        t,
        Haendelse::SendTilbage {
            begrundelse: empty(),
        },
        u,
        today,
    );
    let udskyd = offered(
        t,
        Haendelse::Udskyd {
            ny_frist: empty(),
            begrundelse: empty(),
        },
        u,
        today,
    );
    let bortfald = offered(
        t,
        Haendelse::Bortfald {
            begrundelse: empty(),
        },
        u,
        today,
    );
    let value = |form: &str, v: &str| feedback.value(form, v);
    html! {
        @if paabegynd || rapport || kvitter || tilbage || udskyd || bortfald {
            section.no-print aria-labelledby="handlinger" {
                h2 #handlinger { "Handlinger" }
                @if paabegynd {
                    h3 { "Meld i gang" }
                    (event_form(user, base, "paabegynd", "Meld punktet i gang", own_tilsyn_field(user)))
                }
                @if rapport {
                    h3 { "Rapportér gennemført" }
                    form.stacked method="post" enctype="multipart/form-data"
                        action=(format!("{base}/rapport")) {
                        // First field: the CSRF middleware reads the token from the start of a multipart body.
                        (csrf_field(user.csrf_token()))
                        (own_tilsyn_field(user))
                        (textarea("rapport", "tekst", "Hvad er der gjort?", &value("rapport", &feedback.tekst), feedback))
                        div.field {
                            label for="rapport-bilag" { "Dokumentation (bilag, valgfrit)" }
                            input #rapport-bilag type="file" name="bilag" multiple;
                        }
                        button type="submit" { "Rapportér gennemført" }
                    }
                }
                @if kvitter {
                    h3 { "Kvittér" }
                    (event_form(user, base, "kvitter", "Kvittér for punktet", html! {}))
                }
                @if tilbage {
                    h3 { "Send tilbage" }
                    (event_form(user, base, "send-tilbage", "Send tilbage", textarea("send-tilbage", "begrundelse", "Hvad mangler?", &value("send-tilbage", &feedback.begrundelse), feedback)))
                }
                @if udskyd {
                    h3 { "Udskyd" }
                    @let error = feedback.errors.get("udskyd-ny_frist");
                    (event_form(user, base, "udskyd", "Udskyd punktet", html! {
                        div.field {
                            label for="udskyd-ny_frist" { "Ny frist" }
                            p.hint #udskyd-ny_frist-hjaelp { "Som i opfølgningsplanen, f.eks. »2. halvår 2025«, »1. kvartal 2026« eller »15. marts 2026«." }
                            input #udskyd-ny_frist type="text" name="ny_frist" value=(value("udskyd", &feedback.ny_frist)) required
                                aria-invalid=[error.as_ref().map(|_| "true")]
                                aria-describedby=(if error.is_some() { "udskyd-ny_frist-hjaelp udskyd-ny_frist-fejl" } else { "udskyd-ny_frist-hjaelp" });
                            @if let Some(error) = &error { p.field-error #udskyd-ny_frist-fejl role="alert" { (error) } }
                        }
                        div.field {
                            label for="udskyd-begrundelse" { "Begrundelse" }
                            textarea #udskyd-begrundelse name="begrundelse" required { (value("udskyd", &feedback.begrundelse)) }
                        }
                    }))
                }
                @if bortfald {
                    h3 { "Lad bortfalde" }
                    (event_form(user, base, "bortfald", "Lad punktet bortfalde", textarea("bortfald", "begrundelse", "Begrundelse", &value("bortfald", &feedback.begrundelse), feedback)))
                }
            }
        }
    }
}

/// The body of `POST …/haendelse`.
#[derive(Debug, Deserialize)]
pub(crate) struct ChangeForm {
    haendelse: String,
    #[serde(default)]
    begrundelse: String,
    #[serde(default)]
    ny_frist: String,
    /// The tilsyn a tilsynskontakt reports for (the forms say it; see [`for_own_tilsyn`]).
    #[serde(default)]
    tilsyn: String,
}

/// Refuses (403) a report or påbegynd that names a tilsyn other than the user's own: a tilsynskontakt
/// reports the status of their own tilsyn's part only, and nobody else names a tilsyn.
fn for_own_tilsyn(user: &CurrentUser, tilsyn: &str) -> Result<(), AppError> {
    match user.role() {
        _ if tilsyn.is_empty() => Ok(()),
        audit::Role::Tilsynskontakt(own) if own.id() == tilsyn => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// The hidden field that names the tilsyn a tilsynskontakt's form reports for.
fn own_tilsyn_field(user: &CurrentUser) -> Markup {
    html! {
        @if let audit::Role::Tilsynskontakt(own) = user.role() {
            input type="hidden" name="tilsyn" value=(own.id());
        }
    }
}

/// `POST /opfoelgning/{nr}/{id}/haendelse`.
pub(crate) async fn change(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, id)): PagePath<(AuditNr, String)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, AppError> {
    for_own_tilsyn(&user, &form.tilsyn)?;
    let haendelse = match form.haendelse.as_str() {
        "paabegynd" => Haendelse::Paabegynd,
        "kvitter" => Haendelse::Kvitter,
        "send-tilbage" => Haendelse::SendTilbage {
            begrundelse: form.begrundelse.clone(),
        },
        "udskyd" => Haendelse::Udskyd {
            ny_frist: form.ny_frist.clone(),
            begrundelse: form.begrundelse.clone(),
        },
        "bortfald" => Haendelse::Bortfald {
            begrundelse: form.begrundelse.clone(),
        },
        other => {
            return Err(AppError::Invalid(format!(
                "Ukendt handling »{other}«; brug formularerne på siden."
            )));
        }
    };
    let feedback = Feedback {
        begrundelse: form.begrundelse,
        ny_frist: form.ny_frist,
        ..Feedback::default()
    };
    apply(
        &app,
        &user,
        &nr,
        &id,
        haendelse,
        &[],
        feedback,
        &form.haendelse,
    )
    .await
}

/// `POST /opfoelgning/{nr}/{id}/rapport` (multipart: `tekst` and any number of `bilag` files).
pub(crate) async fn report(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, id)): PagePath<(AuditNr, String)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut tekst = String::new();
    let mut files = Vec::new();
    let unreadable = |_| {
        AppError::BadRequest(
            "Formularen kunne ikke læses; filerne må højst fylde 20 MB i alt.".to_owned(),
        )
    };
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("tekst") => tekst = field.text().await.map_err(unreadable)?,
            Some("tilsyn") => for_own_tilsyn(&user, &field.text().await.map_err(unreadable)?)?,
            Some("bilag") => {
                let raw_name = field.file_name().unwrap_or_default().trim().to_owned();
                let media_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_owned();
                let bytes = field.bytes().await.map_err(unreadable)?;
                // A file input left empty still sends a part, without a name or content.
                if raw_name.is_empty() && bytes.is_empty() {
                    continue;
                }
                files.push(NewFile {
                    // No directories, control or reserved characters (`audit::file_name`).
                    file_name: audit::file_name::safe_file_name(&raw_name),
                    media_type,
                    bytes: bytes.to_vec(),
                });
            }
            _ => {}
        }
    }
    let haendelse = Haendelse::RapporterGennemfoert {
        dokumentation: Dokumentation {
            tekst: tekst.clone(),
            bilag: Vec::new(),
        },
    };
    let mut feedback = Feedback {
        tekst,
        ..Feedback::default()
    };
    if let Some(err) = files
        .iter()
        .find_map(|f| audit::file_name::check_upload(&f.file_name, f.bytes.len()).err())
    {
        // Refused before anything is stored; `load` answers 404 to whoever may not see the action.
        let action = load(&app, &user, &nr, &id).await?;
        let text = capitalized(&err.to_string());
        feedback.refuse_form(
            "rapport",
            format!("{text}. Intet er gemt; vælg den fil, der skal vedlægges."),
        );
        let page = render(&app, &user, &nr, &action, &feedback).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    apply(
        &app, &user, &nr, &id, haendelse, &files, feedback, "rapport",
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn apply(
    app: &AppState,
    user: &CurrentUser,
    nr: &AuditNr,
    id: &str,
    haendelse: Haendelse,
    files: &[NewFile],
    mut feedback: Feedback,
    form: &str,
) -> Result<Response, AppError> {
    load(app, user, nr, id).await?;
    let result = store::follow_up_tracking::apply_follow_up_event(
        app.db(),
        nr,
        id,
        haendelse,
        files,
        user.user(),
        app.clock().today(),
        app.clock().now(),
    )
    .await;
    let err = match result {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/opfoelgning/{nr}/{id}?gemt=1")).into_response());
        }
        Err(TrackingError::Store(err)) => return Err(err.into()),
        Err(TrackingError::Refused(err)) => err,
    };
    tracing::info!(user = %user.username(), audit = %nr, action = id, "opfølgningsændring afvist");
    if is_role_error(&err) {
        return Ok((
            StatusCode::FORBIDDEN,
            layout::error_page(StatusCode::FORBIDDEN, &err.to_string()),
        )
            .into_response());
    }
    let status = if is_content_error(&err) {
        feedback.refuse_form(form, err.to_string());
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        feedback.errors.add_general(err.to_string());
        StatusCode::CONFLICT
    };
    let action = load(app, user, nr, id).await?;
    let page = render(app, user, nr, &action, &feedback).await?;
    Ok((status, page).into_response())
}

/// `GET /opfoelgning/{nr}/{id}/bilag/{bilag}`: an evidence file, always as a download.
pub(crate) async fn evidence(
    State(app): State<AppState>,
    user: CurrentUser,
    PagePath((nr, id, bilag)): PagePath<(AuditNr, String, i64)>,
) -> Result<Response, AppError> {
    load(&app, &user, &nr, &id).await?;
    let file = store::follow_up_tracking::evidence_file(app.db(), &nr, &id, bilag)
        .await?
        .ok_or(AppError::NotFound)?;
    let media_type = if is_simple_media_type(&file.info.media_type) {
        file.info.media_type.clone()
    } else {
        "application/octet-stream".to_owned()
    };
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&file.info.file_name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response())
}

fn is_simple_media_type(media_type: &str) -> bool {
    let mut parts = media_type.split('/');
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-'))
    };
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if ok(a) && ok(b))
}

/// `attachment` with an ASCII fallback name and the real name in RFC 5987 encoding.
fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::{content_disposition, is_simple_media_type, kilobytes};

    #[test]
    fn downloads_name_the_file_safely() {
        assert_eq!(
            content_disposition("notat æ.pdf"),
            "attachment; filename=\"notat__.pdf\"; filename*=UTF-8''notat%20%C3%A6.pdf"
        );
        assert!(is_simple_media_type("application/pdf"));
        assert!(!is_simple_media_type("text/html; charset=utf-8"));
        assert_eq!(kilobytes(2048), "2,0 kB");
    }
}
