//! "Indsend" asks first: `GET /audits/{nr}/bedoemmelse/indsend?runde=N` shows what will be submitted
//! (the panelist's own drafts of the open units, value and reason) and that it cannot be changed
//! afterwards; `POST /audits/{nr}/bedoemmelse/indsend` (with the CSRF field, `runde`) submits exactly
//! those drafts. The form's "Indsend" button saves the answers as drafts first (`super::save`), so
//! nothing typed is lost if the panelist goes back, and nothing is submitted without the second step.
//! No JavaScript is involved.

use audit::{Audit, Rating, RatingStatus, Round};
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde::Deserialize;

use super::sheet::Sheet;
use super::view::{self, Saved, short_name};
use super::{Loaded, not_saved};
use crate::access::AuditPage;
use crate::components::form::csrf_field;
use crate::error::AppError;
use crate::extract::Fields;
use crate::layout;
use crate::rating_rules::{self, rater, sentence};

/// The address of the confirmation of `round`.
pub(crate) fn href(nr: &audit::AuditNr, round: Round) -> String {
    format!("{}/indsend?runde={}", view::href(nr), round.number())
}

/// The query of the confirmation page.
#[derive(Debug, Deserialize)]
pub(crate) struct RoundQuery {
    runde: Option<String>,
}

fn round_of(text: Option<&str>) -> Round {
    match text.map(str::trim) {
        Some("2") => Round::Second,
        _ => Round::First,
    }
}

/// What the confirmation would submit: the panelist's drafts of the units still open in `round`, and
/// the open units that have no draft (round 1 must answer every unit; round 2 submits only changes).
fn pending<'a>(sheet: &Sheet<'a>, round: Round) -> (Vec<&'a Rating>, Vec<audit::UnitKey>) {
    let mut drafts = Vec::new();
    let mut unanswered = Vec::new();
    for unit in sheet.open_units(round) {
        match sheet.own(&unit, round) {
            Some(rating) if !rating.is_submitted() => drafts.push(rating),
            _ => unanswered.push(unit),
        }
    }
    if round == Round::Second {
        unanswered.clear();
    }
    (drafts, unanswered)
}

/// `GET /audits/{nr}/bedoemmelse/indsend`: the confirmation.
pub(crate) async fn show(
    page: AuditPage,
    Query(query): Query<RoundQuery>,
) -> Result<Response, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    let me = rater(&audit, &user)?;
    let round = round_of(query.runde.as_deref());
    let loaded = Loaded::load(&app, &audit, &user).await?;
    let sheet = loaded.sheet(&app, &audit, me);
    if sheet.open_round() != Some(round) {
        return Ok(Redirect::to(&view::href(&audit.nr)).into_response());
    }
    let (drafts, unanswered) = pending(&sheet, round);
    let title = format!("Indsend dine bedømmelser i {}", audit.nr);
    Ok(layout::page(
        &title,
        Some(&user),
        html! {
            (summary(&sheet, &audit, &drafts, &unanswered))
            @if unanswered.is_empty() && !drafts.is_empty() {
                form method="post" action=(format!("{}/indsend", view::href(&audit.nr))) {
                    (csrf_field(user.csrf_token()))
                    input type="hidden" name="runde" value=(round.number());
                    div.actions {
                        button type="submit" { "Ja, indsend " (drafts.len()) " bedømmelser" }
                        " "
                        a href=(view::href(&audit.nr)) { "Nej, tilbage til bedømmelsen" }
                    }
                }
            } @else {
                p { a href=(view::href(&audit.nr)) { "Tilbage til bedømmelsen" } }
            }
        },
    )
    .into_response())
}

fn summary(
    sheet: &Sheet<'_>,
    audit: &Audit,
    drafts: &[&Rating],
    unanswered: &[audit::UnitKey],
) -> Markup {
    html! {
        @if !unanswered.is_empty() {
            div.notice.error role="alert" {
                p { "Du mangler at besvare " (unanswered.len()) " punkter, før du kan indsende:" }
                ul {
                    @for unit in unanswered.iter().take(10) {
                        li { (short_name(sheet, unit)) }
                    }
                }
            }
        } @else if drafts.is_empty() {
            p { "Der er intet at indsende." }
        } @else {
            div.notice.warning role="alert" {
                p { strong { "Når du indsender, kan bedømmelserne ikke ændres bagefter." } }
                p { "Du indsender " (drafts.len()) " bedømmelser i auditforløb " (audit.nr) ". Tjek dem herunder." }
            }
            table.confirm {
                caption { "Det indsender du" }
                thead { tr { th scope="col" { "Punkt" } th scope="col" { "Bedømmelse" } th scope="col" { "Begrundelse" } } }
                tbody {
                    @for rating in drafts {
                        tr {
                            td { (short_name(sheet, &rating.unit)) }
                            td {
                                @match audit.check_unit(&rating.unit) {
                                    Ok((form, _)) => (sheet.value_text(form, rating.value.as_ref())),
                                    Err(_) => "–",
                                }
                            }
                            td.reason { (rating.reason) }
                        }
                    }
                }
            }
        }
    }
}

/// `POST /audits/{nr}/bedoemmelse/indsend`: submits the drafts the confirmation showed.
pub(crate) async fn submit(page: AuditPage, fields: Fields) -> Result<Response, AppError> {
    let AuditPage {
        app, user, audit, ..
    } = page;
    let me = rater(&audit, &user)?;
    let round = round_of(Some(fields.trimmed("runde")));
    let loaded = Loaded::load(&app, &audit, &user).await?;
    let sheet = loaded.sheet(&app, &audit, me);
    let (drafts, unanswered) = pending(&sheet, round);
    if !unanswered.is_empty() || drafts.is_empty() {
        return Ok(Redirect::to(&href(&audit.nr, round)).into_response());
    }
    let ratings: Vec<Rating> = drafts.into_iter().cloned().collect();
    match rating_rules::save(&app, &audit, me, &ratings, RatingStatus::Submitted).await {
        Ok(_) => {
            let saved = match round {
                Round::First => Saved::Submitted,
                Round::Second => Saved::SecondSubmitted,
            };
            Ok(
                Redirect::to(&format!("{}?gemt={}", view::href(&audit.nr), saved.id()))
                    .into_response(),
            )
        }
        Err(store::StoreError::Rating(err)) => {
            Ok(not_saved(&user, &audit, &sentence(&err.to_string())))
        }
        Err(err) => Err(err.into()),
    }
}
