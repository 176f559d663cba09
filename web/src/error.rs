//! One error type for every handler: a Danish page for browsers ([`AppError`]) and a problem document
//! (RFC 9457, `application/problem+json`) for the API ([`ApiError`]).
//!
//! The `Display` text of an error is what the user reads, so it is a whole Danish sentence. Details of
//! 5xx errors go to the log (the request's trace span adds method and path) and never to the client.

mod rejection;

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::layout;

/// What went wrong, in words a user can act on. `Display` is the Danish text they see.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page or thing.
    #[error("Siden findes ikke.")]
    NotFound,
    /// Not logged in: pages send the user to the login page, the API answers 401.
    #[error("Du skal logge ind (eller bruge en gyldig API-nøgle) for at se dette.")]
    Unauthenticated,
    /// Logged in, but the role or the membership of the audit does not allow this.
    #[error("Du har ikke adgang til denne side.")]
    Forbidden,
    /// A form post without the session's CSRF token (or with a wrong one); nothing was changed.
    #[error(
        "Formularen kunne ikke godkendes, fordi sikkerhedsnøglen mangler eller er forældet. Intet er ændret. Gå tilbage, genindlæs siden, og prøv igen."
    )]
    Csrf,
    /// The address exists, but not for this HTTP method (a GET to a form's POST address, say).
    #[error(
        "Siden kan ikke bruges på denne måde. Gå tilbage, og brug knapperne og formularerne på siden."
    )]
    MethodNotAllowed,
    /// Too many failed logins for one username.
    #[error(
        "For mange mislykkede forsøg på at logge ind med dette brugernavn. Vent et kvarter, og prøv igen."
    )]
    Throttled,
    /// A request the server cannot read at all (wrong content type, broken encoding).
    #[error("{0}")]
    BadRequest(String),
    /// Bad input, already phrased for the user: what is wrong, and where.
    #[error("{0}")]
    Invalid(String),
    /// The request conflicts with the current state (already submitted, changed by someone else,
    /// refused by the workflow), phrased for the user.
    #[error("{0}")]
    Conflict(String),
    /// A bug or a failing database. Details are logged, never shown.
    #[error("Der opstod en uventet fejl. Prøv igen, eller kontakt auditfunktionen.")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Throttled => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// An internal error from anything that is an error: for failures that are bugs, not user mistakes.
    pub fn internal(err: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> AppError {
        AppError::Internal(err.into())
    }

    /// Logs the details of a 5xx error; the client only sees the generic text.
    fn log(&self) {
        if let AppError::Internal(source) = self {
            // The request's trace span already carries method and path.
            tracing::error!(error = %source, "uventet fejl under behandling af en forespørgsel");
        }
    }
}

impl From<store::StoreError> for AppError {
    fn from(err: store::StoreError) -> Self {
        use store::StoreError;
        match err {
            StoreError::NotFound { .. } => AppError::NotFound,
            StoreError::AuditExists(_)
            | StoreError::UsernameTaken(_)
            | StoreError::Stale { .. }
            | StoreError::NotDemo(_) => AppError::Conflict(sentence(&err.to_string())),
            // A reason that does not pass `audit::text` is bad input, not a conflict with the state.
            StoreError::Workflow(audit::WorkflowError::Text(_)) => {
                AppError::Invalid(sentence(&err.to_string()))
            }
            StoreError::Workflow(_) => AppError::Conflict(sentence(&err.to_string())),
            StoreError::Rating(ref rating) => match rating {
                audit::RatingError::RoundClosed { .. }
                | audit::RatingError::PastDeadline(_)
                | audit::RatingError::AlreadySubmitted(_) => {
                    AppError::Conflict(sentence(&err.to_string()))
                }
                audit::RatingError::NotARater(_)
                | audit::RatingError::UnknownUnit(_)
                | audit::RatingError::WrongValue { .. }
                | audit::RatingError::OffScale { .. }
                | audit::RatingError::Text { .. } => AppError::Invalid(sentence(&err.to_string())),
            },
            StoreError::InvalidAudit(_) | StoreError::Invalid(_) | StoreError::Import(_) => {
                AppError::Invalid(sentence(&err.to_string()))
            }
            StoreError::Corrupt(_) | StoreError::Db(_) => AppError::internal(err),
        }
    }
}

impl From<audit::WorkflowError> for AppError {
    fn from(err: audit::WorkflowError) -> Self {
        match err {
            audit::WorkflowError::Text(_) => AppError::Invalid(sentence(&err.to_string())),
            _ => AppError::Conflict(sentence(&err.to_string())),
        }
    }
}

/// A free text refused by `audit::text` (too long, or a control character): 422, naming the field.
impl From<audit::TextError> for AppError {
    fn from(err: audit::TextError) -> Self {
        AppError::Invalid(sentence(&err.to_string()))
    }
}

/// A path parameter that does not parse (`/audits/x.y`, a material id with capitals) names nothing that
/// can exist: the same Danish 404 as an unknown audit, so a malformed and an unknown id look alike.
impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        tracing::debug!(%rejection, "stien kunne ikke læses");
        AppError::NotFound
    }
}

impl From<FormRejection> for AppError {
    fn from(rejection: FormRejection) -> Self {
        tracing::debug!(%rejection, "formularen blev afvist");
        match &rejection {
            FormRejection::FailedToDeserializeForm(err) => AppError::Invalid(rejection::form(err)),
            FormRejection::FailedToDeserializeFormBody(err) => {
                AppError::Invalid(rejection::form(err))
            }
            _ => AppError::BadRequest(
                "Formularen blev sendt i et format, som serveren ikke kan læse.".to_owned(),
            ),
        }
    }
}

/// A JSON body that is refused: serde's English is never shown, but said in Danish with the field's
/// path (`ratings[0].value`) where serde can tell it (`rejection`).
impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        tracing::debug!(%rejection, "JSON-indholdet blev afvist");
        match &rejection {
            JsonRejection::JsonDataError(err) => AppError::Invalid(rejection::json_data(err)),
            JsonRejection::JsonSyntaxError(err) => {
                AppError::BadRequest(rejection::json_syntax(err))
            }
            JsonRejection::MissingJsonContentType(_) => AppError::BadRequest(
                "Indholdet skal sendes med Content-Type: application/json.".to_owned(),
            ),
            _ => AppError::BadRequest("Indholdet kunne ikke læses.".to_owned()),
        }
    }
}

/// A domain message (a lower-case fragment without a final stop) as a sentence for a page.
fn sentence(fragment: &str) -> String {
    let mut chars = fragment.chars();
    let mut text: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        if let AppError::Unauthenticated = self {
            return Redirect::to("/login").into_response();
        }
        let status = self.status();
        (status, layout::error_page(status, &self.to_string())).into_response()
    }
}

/// The errors of `/api/v1`, rendered as `application/problem+json` with a Danish `detail`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(err: E) -> Self {
        ApiError(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let status = self.0.status();
        let problem = serde_json::json!({
            "type": "about:blank",
            "status": status.as_u16(),
            "title": status.canonical_reason().unwrap_or("Error"),
            "detail": self.0.to_string(),
        });
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            problem.to_string(),
        )
            .into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"auditpanel\""),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn domain_fragments_become_sentences() {
        assert_eq!(
            sentence("auditforløbet »19.1« findes allerede"),
            "Auditforløbet »19.1« findes allerede."
        );
        assert_eq!(sentence("Allerede en sætning."), "Allerede en sætning.");
        assert_eq!(sentence("ændret af en anden"), "Ændret af en anden.");
    }
}
