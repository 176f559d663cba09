//! `GET /api/v1/audits/{nr}/ratings` and `POST /api/v1/audits/{nr}/ratings`.
//!
//! Stable shapes (other tools use them):
//! - `GET` → `{"ratings": [{"rater", "unit", "value", "round", "reason", "status"}]}`: exactly the ratings
//!   the caller may see, as `store::ratings::ratings_visible_to` (and so `audit::visibility`) returns
//!   them — before reveal a panelist's own only, the koordinator none.
//! - `POST` (a rating panelist) `{"ratings": [{"unit", "value", "reason"}], "submit": bool (default
//!   false: drafts), "round": 1 | 2 (default 1)}` → 201 when something was stored, 200 when everything
//!   was already submitted exactly so (idempotent), with `{"status", "round", "stored", "unchanged",
//!   "ratings"}` (the caller's stored ratings of the posted units). Unlike the page, the API may submit
//!   part of the units (for example one material's, which unlocks the others' ratings of it under the
//!   reveal rule "efter egen indsendelse").
//! - Errors: 422 problem document naming the unit and what is wrong (every wrong unit under `errors`;
//!   a reason or text answer over 5 000 characters or with a control character is wrong, see
//!   `audit::text`), a Danish 400/422 naming the field for a body that is not JSON or does not fit,
//!   409 after the deadline, after reveal or for a different value of a submitted rating, 403 for
//!   anyone who does not rate in the audit. All or nothing: a refused post stores nothing.
//!
//! Values: an integer for scale items, a material id for nominations, an array of material ids for case
//! selections, a string for reflections, `null` for "kan ikke bedømmes".

use std::collections::BTreeSet;

use audit::{Audit, ItemKind, MaterialId, Rating, RatingStatus, RatingValue, Round, UnitKey};
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::access::{ApiAudit, AuditRequest};
use crate::error::{ApiError, AppError};
use crate::extract::ApiJson;
use crate::rating_rules::{self, field_message, rater, sentence, unit_of};
use crate::state::AppState;

/// The routes of this group.
pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/audits/{nr}/ratings", get(list).post(write))
}

/// One rating as the API shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingEntry {
    /// The rater's username.
    pub rater: String,
    /// The unit: `item` or `item/material`.
    pub unit: String,
    /// The answer (see the module documentation); `null` is "kan ikke bedømmes".
    pub value: Value,
    /// 1 or 2.
    pub round: u8,
    /// The reason (begrundelse).
    pub reason: String,
    /// "draft" or "submitted".
    pub status: &'static str,
}

impl RatingEntry {
    /// The entry of a domain rating.
    pub fn of(rating: &Rating) -> RatingEntry {
        RatingEntry {
            rater: rating.rater.to_string(),
            unit: rating.unit.to_string(),
            value: value_json(rating.value.as_ref()),
            round: rating.round.number(),
            reason: rating.reason.clone(),
            status: match rating.status {
                RatingStatus::Draft => "draft",
                RatingStatus::Submitted => "submitted",
            },
        }
    }
}

/// The body of `GET …/ratings`.
#[derive(Debug, Clone, Serialize)]
pub struct RatingList {
    /// The ratings the caller may see.
    pub ratings: Vec<RatingEntry>,
}

/// One rating in the body of `POST …/ratings`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostedRating {
    /// The unit.
    pub unit: String,
    /// The answer; must be present (`null` for "kan ikke bedømmes").
    #[serde(default, deserialize_with = "present")]
    pub value: Option<Value>,
    /// The reason.
    #[serde(default)]
    pub reason: String,
}

/// The body of `POST …/ratings`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingsPost {
    /// The ratings to save.
    pub ratings: Vec<PostedRating>,
    /// Submit (`true`) or save as drafts (`false`, the default).
    #[serde(default)]
    pub submit: bool,
    /// The round, 1 (default) or 2.
    #[serde(default = "first_round")]
    pub round: u8,
}

fn first_round() -> u8 {
    1
}

/// A field that is present, `null` included, as `Some`; an absent one stays `None` through `default`.
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// The answer of `POST …/ratings`.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// "draft" or "submitted".
    pub status: &'static str,
    /// The round.
    pub round: u8,
    /// Ratings written.
    pub stored: usize,
    /// Ratings already submitted exactly so, left as they were.
    pub unchanged: usize,
    /// The caller's stored ratings of the posted units, after the write.
    pub ratings: Vec<RatingEntry>,
}

/// A rating value as JSON.
fn value_json(value: Option<&RatingValue>) -> Value {
    match value {
        None => Value::Null,
        Some(RatingValue::Score(v)) => Value::from(*v),
        Some(RatingValue::Pick(m)) => Value::from(m.as_str()),
        Some(RatingValue::Picks(ms)) => ms.iter().map(|m| Value::from(m.as_str())).collect(),
        Some(RatingValue::Text(t)) => Value::from(t.as_str()),
    }
}

/// The domain value of `json` for the item of `unit`, or what is wrong, in Danish.
fn value_from_json(
    audit: &Audit,
    unit: &UnitKey,
    json: &Value,
) -> Result<Option<RatingValue>, String> {
    let (_, item) = audit
        .item(&unit.item)
        .ok_or_else(|| field_message(&audit::RatingError::UnknownUnit(unit.clone())))?;
    let material = |v: &Value| {
        v.as_str()
            .and_then(|s| MaterialId::new(s).ok())
            .ok_or_else(|| format!("»{v}« er ikke et materiale-id."))
    };
    let expected = match &item.kind {
        kind if kind.is_scored() => "et heltal på skalaen",
        ItemKind::Nominering { .. } => "et materiale-id",
        ItemKind::Sagsudvaelgelse { .. } => "en liste af materiale-id'er",
        _ => "en tekst",
    };
    let wrong =
        || format!("Svaret skal være {expected} eller null (kan ikke bedømmes), ikke {json}.");
    Ok(Some(match (&item.kind, json) {
        (_, Value::Null) => return Ok(None),
        (kind, Value::Number(n)) if kind.is_scored() => RatingValue::Score(
            n.as_i64()
                .and_then(|v| i32::try_from(v).ok())
                .ok_or_else(wrong)?,
        ),
        (ItemKind::Nominering { .. }, v @ Value::String(_)) => RatingValue::Pick(material(v)?),
        (ItemKind::Sagsudvaelgelse { .. }, Value::Array(items)) => {
            RatingValue::Picks(items.iter().map(material).collect::<Result<_, _>>()?)
        }
        (ItemKind::Refleksion, Value::String(text)) => RatingValue::Text(text.trim().to_owned()),
        _ => return Err(wrong()),
    }))
}

/// A 422 problem document listing every wrong unit.
fn invalid(errors: Vec<(String, String)>) -> Response {
    let detail = match errors.as_slice() {
        [(unit, message)] => format!("Bedømmelsen af »{unit}« kan ikke gemmes: {message}"),
        _ => format!(
            "{} bedømmelser kan ikke gemmes; se »errors«. Intet er gemt.",
            errors.len()
        ),
    };
    let problem = serde_json::json!({
        "type": "about:blank",
        "status": 422,
        "title": "Unprocessable Entity",
        "detail": detail,
        "errors": errors
            .iter()
            .map(|(unit, message)| serde_json::json!({ "unit": unit, "detail": message }))
            .collect::<Vec<_>>(),
    });
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        [(header::CONTENT_TYPE, "application/problem+json")],
        problem.to_string(),
    )
        .into_response()
}

/// `GET /api/v1/audits/{nr}/ratings`: the ratings the caller may see.
async fn list(call: ApiAudit) -> Result<ApiJson<RatingList>, ApiError> {
    let AuditRequest {
        app, user, audit, ..
    } = call;
    let visible = store::ratings::ratings_visible_to(&app.db, &audit, user.user()).await?;
    Ok(ApiJson(RatingList {
        ratings: visible.iter().map(RatingEntry::of).collect(),
    }))
}

/// `POST /api/v1/audits/{nr}/ratings`: a rating panelist saves drafts or submits.
async fn write(call: ApiAudit, ApiJson(body): ApiJson<RatingsPost>) -> Result<Response, ApiError> {
    let AuditRequest {
        app, user, audit, ..
    } = call;
    let me = rater(&audit, &user)?;
    let round = Round::try_from(body.round).map_err(|err| AppError::Invalid(sentence(&err)))?;
    if body.ratings.is_empty() {
        return Err(
            AppError::Invalid("Der er ingen bedømmelser i forespørgslen.".to_owned()).into(),
        );
    }
    let mut errors = Vec::new();
    let mut ratings = Vec::new();
    for posted in &body.ratings {
        let unit: UnitKey = match posted.unit.parse() {
            Ok(unit) => unit,
            Err(err) => {
                errors.push((posted.unit.clone(), sentence(&err.to_string())));
                continue;
            }
        };
        let Some(json) = &posted.value else {
            errors.push((
                posted.unit.clone(),
                "Feltet »value« mangler (brug null for »kan ikke bedømmes«).".to_owned(),
            ));
            continue;
        };
        let value = match value_from_json(&audit, &unit, json) {
            Ok(value) => value,
            Err(message) => {
                errors.push((posted.unit.clone(), message));
                continue;
            }
        };
        if let Err(err) = audit.check_value(&unit, value.as_ref()) {
            errors.push((posted.unit.clone(), field_message(&err)));
            continue;
        }
        let reason = match audit::check_reason(round, &posted.reason) {
            Ok(reason) => reason.to_owned(),
            Err(err) => {
                errors.push((posted.unit.clone(), sentence(&err.to_string())));
                continue;
            }
        };
        ratings.push(Rating {
            rater: me.username.clone(),
            unit,
            value,
            reason,
            round,
            status: RatingStatus::Draft,
        });
    }
    if !errors.is_empty() {
        return Ok(invalid(errors));
    }
    let status = if body.submit {
        RatingStatus::Submitted
    } else {
        RatingStatus::Draft
    };
    let outcome = rating_rules::save(&app, &audit, me, &ratings, status).await;
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(store::StoreError::Rating(err)) => {
            if let Some(unit) = unit_of(&err) {
                return Ok(invalid(vec![(unit.to_string(), field_message(&err))]));
            }
            return Err(AppError::from(store::StoreError::Rating(err)).into());
        }
        Err(err) => return Err(err.into()),
    };
    let units: BTreeSet<&UnitKey> = ratings.iter().map(|r| &r.unit).collect();
    let stored = store::ratings::ratings_visible_to(&app.db, &audit, user.user())
        .await?
        .iter()
        .filter(|r| r.rater == me.username && r.round == round && units.contains(&r.unit))
        .map(RatingEntry::of)
        .collect();
    let status = if outcome.stored > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let written = Written {
        status: if body.submit { "submitted" } else { "draft" },
        round: round.number(),
        stored: outcome.stored,
        unchanged: outcome.unchanged,
        ratings: stored,
    };
    Ok((status, ApiJson(written)).into_response())
}
