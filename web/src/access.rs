//! Loading what access depends on and asking the domain: every route that shows an audit goes through
//! [`audit_for`] (a handler by taking an [`AuditRequest`]: an [`AuditPage`] for a page, an
//! [`ApiAudit`] for `/api/v1`), and every narrower question (a material
//! file, the report draft, the exports) through [`may_see`]. The rules themselves are the domain's
//! table, `audit::access`.
//!
//! Which *ratings* a viewer sees is not decided here but by `audit::visibility` through the store.

use std::marker::PhantomData;
use std::sync::Arc;

use audit::access::{AuditList, Facts, Part};
use audit::{Audit, AuditNr, User};
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::auth::{ApiUser, CurrentUser};
use crate::error::{ApiError, AppError};
use crate::state::AppState;

/// Whether `user` may see `part` of `audit` (`audit::access::may_see`).
pub fn may_see(user: &User, audit: &Audit, part: Part) -> bool {
    audit::access::may_see(Facts::of(user, audit), part)
}

/// Whether `user` may open the working pages of `audit`.
pub fn may_view_audit(user: &User, audit: &Audit) -> bool {
    may_see(user, audit, Part::WorkingPages)
}

/// The audits `user` may open, by number.
///
/// # Errors
/// [`AppError::Internal`] when the database fails.
pub async fn visible_audits(app: &AppState, user: &User) -> Result<Vec<Audit>, AppError> {
    Ok(match audit::access::audit_list(user.role) {
        AuditList::All => store::audits::list_audits(&app.db).await?,
        AuditList::OwnPanels => store::audits::audits_of_member(&app.db, &user.username).await?,
        AuditList::TilsynDeltog(_) => store::audits::list_audits(&app.db)
            .await?
            .into_iter()
            .filter(|a| audit::access::tilsyn_deltog(user.role, a))
            .collect(),
        AuditList::None => Vec::new(),
    })
}

/// Audit `nr`, if `user` may open it.
///
/// # Errors
/// [`AppError::NotFound`] for an unknown number, [`AppError::Forbidden`] when the user may not
/// open the audit.
pub async fn audit_for(app: &AppState, user: &User, nr: &AuditNr) -> Result<Audit, AppError> {
    let (audit, _) = audit_and_revision(app, user, nr).await?;
    Ok(Audit::clone(&audit))
}

/// [`audit_for`] with the audit's revision, the audit from [`crate::audit_cache`].
async fn audit_and_revision(
    app: &AppState,
    user: &User,
    nr: &AuditNr,
) -> Result<(Arc<Audit>, i64), AppError> {
    let (audit, revision) = crate::audit_cache::audit(app, nr).await?;
    if may_view_audit(user, &audit) {
        Ok((audit, revision))
    } else {
        tracing::info!(user = %user.username, audit = %nr, "adgang nægtet til auditforløb");
        Err(AppError::Forbidden)
    }
}

/// Audit `nr` if `user` may see its agreement figures: the audit's own access rule first
/// ([`audit_for`]: 404 for an unknown audit, 403 for an outsider), then the domain's
/// [`audit::visibility::may_see_agreement`] (403 before reveal and for members who do not rate).
///
/// # Errors
/// [`AppError::NotFound`], [`AppError::Forbidden`], or a database failure.
pub async fn revealed_audit(app: &AppState, user: &User, nr: &AuditNr) -> Result<Audit, AppError> {
    let (audit, _) = revealed_audit_and_revision(app, user, nr).await?;
    Ok(Audit::clone(&audit))
}

/// [`revealed_audit`] with the audit's revision.
async fn revealed_audit_and_revision(
    app: &AppState,
    user: &User,
    nr: &AuditNr,
) -> Result<(Arc<Audit>, i64), AppError> {
    let (audit, revision) = audit_and_revision(app, user, nr).await?;
    if audit::visibility::may_see_agreement(audit.viewer(user), audit.state) {
        Ok((audit, revision))
    } else {
        tracing::info!(user = %user.username, audit = %audit.nr, state = audit.state.id(), "enighedstal nægtet");
        Err(AppError::Forbidden)
    }
}

/// Who may open an [`AuditPage`]: the rule its audit is loaded by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRule {
    /// Whoever may open the audit's working pages ([`audit_for`]).
    Viewer,
    /// The koordinator only, asked before the audit is looked up, so that nobody else learns whether
    /// it exists; then [`audit_for`].
    Koordinator,
    /// Whoever may see the audit's agreement figures ([`revealed_audit`]).
    Revealed,
    /// Whoever may open the audit's overview (`audit::access::Part::Overview`): the working pages'
    /// viewers and the tilsynskontakt of a tilsyn that took part.
    Overview,
}

/// [`PageRule::Overview`] as a type.
#[derive(Debug, Clone, Copy)]
pub struct Overview;

impl Rule for Overview {
    const RULE: PageRule = PageRule::Overview;
}

/// A [`PageRule`] as a type, for [`AuditPage`]'s parameter.
pub trait Rule {
    /// The rule.
    const RULE: PageRule;
}

/// [`PageRule::Viewer`] as a type.
#[derive(Debug, Clone, Copy)]
pub struct Viewer;

impl Rule for Viewer {
    const RULE: PageRule = PageRule::Viewer;
}

/// [`PageRule::Koordinator`] as a type.
#[derive(Debug, Clone, Copy)]
pub struct Koordinator;

impl Rule for Koordinator {
    const RULE: PageRule = PageRule::Koordinator;
}

/// [`PageRule::Revealed`] as a type.
#[derive(Debug, Clone, Copy)]
pub struct Revealed;

impl Rule for Revealed {
    const RULE: PageRule = PageRule::Revealed;
}

/// Who calls: a page's signed-in user ([`CurrentUser`]) or an API caller ([`ApiUser`]), each with its
/// own way of answering a refusal (the Danish page, or the problem document).
pub trait Caller: FromRequestParts<AppState, Rejection: IntoResponse> + Send + Sync {
    /// The user behind the call.
    fn current(&self) -> &CurrentUser;

    /// `err` answered the caller's way.
    fn refuse(err: AppError) -> Response;
}

impl Caller for CurrentUser {
    fn current(&self) -> &CurrentUser {
        self
    }

    fn refuse(err: AppError) -> Response {
        err.into_response()
    }
}

impl Caller for ApiUser {
    fn current(&self) -> &CurrentUser {
        self
    }

    fn refuse(err: AppError) -> Response {
        ApiError(err).into_response()
    }
}

/// What a request about audit `{nr}` starts from: the state, the caller `U` and the audit, loaded by
/// the rule `R` before the handler runs. Without a session (or token) the caller is refused as `U`
/// refuses; an `{nr}` that does not parse, or names no audit, is the Danish 404; a caller the rule
/// refuses gets 403.
#[derive(Debug, Clone)]
pub struct AuditRequest<R, U> {
    /// The application's state.
    pub app: AppState,
    /// The caller.
    pub user: U,
    /// The audit the path names.
    pub audit: Audit,
    /// The audit's revision when it was loaded (`store::events::audit_revision`): what caches of
    /// figures computed from it are keyed by.
    pub revision: i64,
    rule: PhantomData<R>,
}

/// A page about audit `{nr}`, for whoever may open it (or as the rule `R` says).
pub type AuditPage<R = Viewer> = AuditRequest<R, CurrentUser>;

/// An [`AuditPage`] for the koordinator only.
pub type KoordinatorPage = AuditPage<Koordinator>;

/// An [`AuditPage`] for whoever may see the agreement figures.
pub type RevealedPage = AuditPage<Revealed>;

/// An `/api/v1` call about audit `{nr}`, for whoever may open it (or as the rule `R` says).
pub type ApiAudit<R = Viewer> = AuditRequest<R, ApiUser>;

/// The `{nr}` of the request's path, parsed; one that is missing or does not parse names no audit.
async fn path_nr(parts: &mut Parts, app: &AppState) -> Result<AuditNr, AppError> {
    let params = RawPathParams::from_request_parts(parts, app)
        .await
        .map_err(|_| AppError::NotFound)?;
    params
        .iter()
        .find(|(key, _)| *key == "nr")
        .and_then(|(_, value)| value.parse().ok())
        .ok_or(AppError::NotFound)
}

/// Audit `{nr}` of the request and its revision, if `user` may see it by `rule`.
async fn load(
    parts: &mut Parts,
    app: &AppState,
    user: &CurrentUser,
    rule: PageRule,
) -> Result<(Arc<Audit>, i64), AppError> {
    let nr = path_nr(parts, app).await?;
    match rule {
        PageRule::Viewer => audit_and_revision(app, user.user(), &nr).await,
        PageRule::Koordinator => {
            user.require_koordinator()?;
            audit_and_revision(app, user.user(), &nr).await
        }
        PageRule::Revealed => revealed_audit_and_revision(app, user.user(), &nr).await,
        PageRule::Overview => {
            let (audit, revision) = crate::audit_cache::audit(app, &nr).await?;
            if may_see(user.user(), &audit, Part::Overview) {
                Ok((audit, revision))
            } else {
                tracing::info!(user = %user.username(), audit = %nr, "adgang nægtet til auditforløbets oversigt");
                Err(AppError::Forbidden)
            }
        }
    }
}

impl<R: Rule + Send + Sync, U: Caller> FromRequestParts<AppState> for AuditRequest<R, U> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        let user = U::from_request_parts(parts, app)
            .await
            .map_err(IntoResponse::into_response)?;
        let (audit, revision) = load(parts, app, user.current(), R::RULE)
            .await
            .map_err(U::refuse)?;
        Ok(AuditRequest {
            app: app.clone(),
            user,
            audit: Audit::clone(&audit),
            revision,
            rule: PhantomData,
        })
    }
}
