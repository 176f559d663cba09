//! Who is asking: sessions in the database, the [`CurrentUser`] of a page and the [`ApiUser`] of the API,
//! role checks, CSRF protection and login throttling.
//!
//! How a request is authenticated:
//! - Pages: the session cookie (`auditpanel_session`, HttpOnly, SameSite=Lax, Secure over https). The
//!   token in it is looked up in the database once per request by `load_session`, so several
//!   `auditpanel serve` processes on one database serve the same sessions.
//! - API: `Authorization: Bearer T` with a token from `auditpanel token create`, or the session cookie.
//!   A token opens what its scope allows (`audit::token_permits`): a read token no write (403), a feed
//!   token nothing of the API (401); a revoked token, or one expired by the server's clock, gets 401.
//!
//! Every unsafe request (POST, PUT, PATCH, DELETE) outside `/api/v1` passes `csrf::protect` first.

pub mod cookie;
pub mod csrf;
pub(crate) mod session_cache;
pub mod throttle;

use audit::{Role, TokenUse, User, token_permits};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

pub use crate::current_user::{AuthVia, CurrentUser};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "auditpanel_session";

/// A live session found for this request, put into the request's extensions by `load_session`.
#[derive(Debug, Clone)]
pub(crate) struct SessionInfo {
    pub(crate) token: String,
    pub(crate) user: User,
    pub(crate) csrf: String,
    /// Unread reminders in the user's inbox, for the header.
    pub(crate) unread: u64,
}

/// Middleware: looks up the session cookie once and stores the session (if any) in the request's
/// extensions, for [`CurrentUser`], [`ApiUser`] and `csrf::protect`. A page view may take it from
/// [`session_cache`]; an unsafe request always asks the database, and forgets the cached session after
/// it ran.
pub(crate) async fn load_session(
    State(app): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(token) = cookie::get(request.headers(), SESSION_COOKIE) else {
        return next.run(request).await;
    };
    let now = app.clock.now();
    let safe = matches!(*request.method(), Method::GET | Method::HEAD);
    let cached = if safe {
        app.sessions.get(&token, now)
    } else {
        None
    };
    let info = match cached {
        Some(info) => Some(info),
        None => match lookup(&app, &token, now).await {
            Ok(Some((info, expires_at))) => {
                if safe {
                    app.sessions.put(info.clone(), expires_at);
                }
                Some(info)
            }
            Ok(None) => None,
            Err(err) => return err.into_response(),
        },
    };
    if let Some(info) = info {
        request.extensions_mut().insert(info);
    }
    let response = next.run(request).await;
    if !safe {
        app.sessions.forget(&token);
    }
    response
}

/// The live session of `token` from the database, with the moment it ends.
async fn lookup(
    app: &AppState,
    token: &str,
    now: time::OffsetDateTime,
) -> Result<Option<(SessionInfo, time::OffsetDateTime)>, AppError> {
    let Some(session) = store::sessions::session(&app.db, token, now).await? else {
        return Ok(None);
    };
    let unread = store::reminders::unread_count(&app.db, &session.user.username).await?;
    let info = SessionInfo {
        token: token.to_owned(),
        user: session.user,
        csrf: session.csrf_secret,
        unread,
    };
    Ok(Some((info, session.expires_at)))
}

impl CurrentUser {
    /// Whether the user is a koordinator.
    pub fn is_koordinator(&self) -> bool {
        self.role() == Role::Koordinator
    }

    /// `Ok` for a koordinator, otherwise the Danish 403.
    ///
    /// # Errors
    /// [`AppError::Forbidden`] for every other role.
    pub fn require_koordinator(&self) -> Result<(), AppError> {
        self.require(|role| role == Role::Koordinator)
    }

    /// `Ok` when `allowed` accepts the user's role, otherwise the Danish 403.
    ///
    /// # Errors
    /// [`AppError::Forbidden`] when the role is not allowed.
    pub fn require(&self, allowed: impl Fn(Role) -> bool) -> Result<(), AppError> {
        if allowed(self.role()) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Where to send a request without a session: the login page, with the way back for a GET.
fn login_redirect(parts: &Parts) -> Response {
    if parts.method == Method::GET {
        let back = parts
            .uri
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .to_owned();
        if back != "/" {
            let query = serde_urlencoded::to_string([("next", back.as_str())]).unwrap_or_default();
            return Redirect::to(&format!("/login?{query}")).into_response();
        }
    }
    Redirect::to("/login").into_response()
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<SessionInfo>() {
            Some(session) => Ok(CurrentUser::new(
                session.user.clone(),
                session.csrf.clone(),
                AuthVia::Session,
                parts.uri.path().to_owned(),
                session.unread,
            )),
            None => Err(login_redirect(parts)),
        }
    }
}

/// The caller of an API endpoint: a bearer token or the session cookie; otherwise a 401 problem
/// document. Dereferences to [`CurrentUser`] for the role checks.
#[derive(Debug, Clone)]
pub struct ApiUser(pub CurrentUser);

impl std::ops::Deref for ApiUser {
    type Target = CurrentUser;

    fn deref(&self) -> &CurrentUser {
        &self.0
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(value) = parts.headers.get(header::AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or(AppError::Unauthenticated)?;
            // Revoked or expired (by the server's clock) is as good as unknown: 401. A feed token is
            // no API token at all, so 401 too; a read token asking to write is known but refused: 403.
            let holder = store::sessions::token_holder(&app.db, token, app.clock.now())
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let wanted = if matches!(parts.method, Method::GET | Method::HEAD) {
                TokenUse::ApiRead
            } else {
                TokenUse::ApiWrite
            };
            if !token_permits(holder.scope, wanted) {
                return Err(ApiError(
                    if token_permits(holder.scope, TokenUse::ApiRead) {
                        AppError::Forbidden
                    } else {
                        AppError::Unauthenticated
                    },
                ));
            }
            let user = holder.user;
            return Ok(ApiUser(CurrentUser::new(
                user,
                String::new(),
                AuthVia::Bearer,
                parts.uri.path().to_owned(),
                0,
            )));
        }
        match parts.extensions.get::<SessionInfo>() {
            Some(session) => Ok(ApiUser(CurrentUser::new(
                session.user.clone(),
                session.csrf.clone(),
                AuthVia::Session,
                parts.uri.path().to_owned(),
                session.unread,
            ))),
            None => Err(ApiError(AppError::Unauthenticated)),
        }
    }
}
