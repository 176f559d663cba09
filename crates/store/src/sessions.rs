//! Login sessions in the database (so several server processes can serve one user), API tokens, and the
//! login attempts that throttling counts.
//!
//! Tokens are 32 random bytes, base64url; only their sha256 is stored, so a copy of the database does not
//! let anyone log in. An API token has a scope (`audit::TokenScope`: read, write, or feed for the calendar
//! feed only) and may expire; [`token_holder`] finds only tokens that count at the moment it is given,
//! the server's clock.

use audit::{TokenScope, TokenState, User, Username, token_state};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand_core::{OsRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use time::{Duration, OffsetDateTime};

use crate::entity::{api_token, login_attempt, session, user};
use crate::reports::sha256_hex;
use crate::stamp::stamp;
use crate::{Db, StoreError, users};

/// A fresh random token, base64url without padding.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A session just created: the token goes into the cookie and is never stored in clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The session token for the cookie.
    pub token: String,
    /// The secret CSRF tokens of this session are derived from or compared with.
    pub csrf_secret: String,
    /// When the session ends.
    pub expires_at: OffsetDateTime,
}

/// A live session, found by its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Who is logged in.
    pub user: User,
    /// The session's CSRF secret.
    pub csrf_secret: String,
    /// When the session ends.
    pub expires_at: OffsetDateTime,
}

async fn user_id(db: &Db, username: &Username) -> Result<i64, StoreError> {
    Ok(user::Entity::find()
        .filter(user::COLUMN.username.eq(username.as_str()))
        .one(db.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("brugeren", username))?
        .id)
}

/// Starts a session for `username` that lasts `lifetime` from `now`.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown user.
pub async fn create_session(
    db: &Db,
    username: &Username,
    now: OffsetDateTime,
    lifetime: Duration,
) -> Result<NewSession, StoreError> {
    let now = stamp(now);
    let user_id = user_id(db, username).await?;
    let new = NewSession {
        token: random_token(),
        csrf_secret: random_token(),
        expires_at: stamp(now + lifetime),
    };
    session::ActiveModel {
        id: NotSet,
        token_hash: Set(sha256_hex(new.token.as_bytes())),
        user_id: Set(user_id),
        csrf_secret: Set(new.csrf_secret.clone()),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
    }
    .insert(db.conn())
    .await?;
    Ok(new)
}

/// The stored API token whose hash is that of `token`, if any.
async fn token_row<C: ConnectionTrait>(
    conn: &C,
    token: &str,
) -> Result<Option<api_token::Model>, StoreError> {
    Ok(api_token::Entity::find()
        .filter(
            api_token::COLUMN
                .token_hash
                .eq(sha256_hex(token.as_bytes())),
        )
        .one(conn)
        .await?)
}

/// The live session with this token at `now`; `None` for an unknown or expired token.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn session(
    db: &Db,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<Session>, StoreError> {
    let found = session::Entity::find()
        .filter(session::COLUMN.token_hash.eq(sha256_hex(token.as_bytes())))
        .one(db.conn())
        .await?;
    let Some(found) = found.filter(|s| s.expires_at > now) else {
        return Ok(None);
    };
    let Some(user) = users::by_id(db.conn(), found.user_id).await? else {
        return Ok(None);
    };
    Ok(Some(Session {
        user,
        csrf_secret: found.csrf_secret,
        expires_at: found.expires_at,
    }))
}

/// Ends the session with this token (log out). Unknown tokens are ignored.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn end_session(db: &Db, token: &str) -> Result<(), StoreError> {
    session::Entity::delete_many()
        .filter(session::COLUMN.token_hash.eq(sha256_hex(token.as_bytes())))
        .exec(db.conn())
        .await?;
    Ok(())
}

/// Removes sessions that expired before `now`; returns how many.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn purge_expired_sessions(db: &Db, now: OffsetDateTime) -> Result<u64, StoreError> {
    Ok(session::Entity::delete_many()
        .filter(session::COLUMN.expires_at.lte(stamp(now)))
        .exec(db.conn())
        .await?
        .rows_affected)
}

/// What a new token is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    /// A note on what it is used for.
    pub label: String,
    /// What it may open.
    pub scope: TokenScope,
    /// When it stops counting; `None` for never.
    pub expires_at: Option<OffsetDateTime>,
}

/// A stored token as listed: everything but the token, which is never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenInfo {
    /// Its id, to revoke it by (`auditpanel token revoke ID`).
    pub id: i64,
    /// Whose it is.
    pub username: Username,
    /// The note it was made with.
    pub label: String,
    /// What it may open.
    pub scope: TokenScope,
    /// When it was made.
    pub created_at: OffsetDateTime,
    /// When it stops counting, if ever.
    pub expires_at: Option<OffsetDateTime>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<OffsetDateTime>,
}

impl ApiTokenInfo {
    /// Whether it counts at `now` (`audit::token_state`).
    pub fn state(&self, now: OffsetDateTime) -> TokenState {
        token_state(self.revoked_at, self.expires_at, now)
    }
}

/// The holder of a token that counts, and what the token may open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenHolder {
    /// The user.
    pub user: User,
    /// The token's scope; the caller asks `audit::token_permits` whether it opens what was asked.
    pub scope: TokenScope,
}

fn scope_of(row: &api_token::Model) -> Result<TokenScope, StoreError> {
    row.scope.parse().map_err(StoreError::corrupt)
}

async fn insert_token<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    new: &NewApiToken,
    now: OffsetDateTime,
) -> Result<String, StoreError> {
    let token = random_token();
    api_token::ActiveModel {
        id: NotSet,
        token_hash: Set(sha256_hex(token.as_bytes())),
        user_id: Set(user_id),
        label: Set(new.label.clone()),
        created_at: Set(stamp(now)),
        revoked_at: Set(None),
        scope: Set(new.scope.id().to_owned()),
        expires_at: Set(new.expires_at.map(stamp)),
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// Creates a token for `username` as `new` says; returns the token, which is shown once and never stored
/// in clear.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown user.
pub async fn create_token(
    db: &Db,
    username: &Username,
    new: &NewApiToken,
    now: OffsetDateTime,
) -> Result<String, StoreError> {
    let user_id = user_id(db, username).await?;
    insert_token(db.conn(), user_id, new, now).await
}

/// Creates a read-and-write API token without expiry for `username` (what every token was before
/// tokens had scopes); see [`create_token`] for the others.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown user.
pub async fn create_api_token(
    db: &Db,
    username: &Username,
    label: &str,
    now: OffsetDateTime,
) -> Result<String, StoreError> {
    let new = NewApiToken {
        label: label.to_owned(),
        scope: TokenScope::Write,
        expires_at: None,
    };
    create_token(db, username, &new, now).await
}

/// The holder of `token` when it counts at `now` (not revoked, not expired); `None` otherwise.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn token_holder(
    db: &Db,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<TokenHolder>, StoreError> {
    let found = token_row(db.conn(), token).await?;
    let Some(found) = found else { return Ok(None) };
    if token_state(found.revoked_at, found.expires_at, now) != TokenState::Aktiv {
        return Ok(None);
    }
    let scope = scope_of(&found)?;
    let Some(user) = users::by_id(db.conn(), found.user_id).await? else {
        return Ok(None);
    };
    Ok(Some(TokenHolder { user, scope }))
}

/// Every stored token (of `username` only, when given), oldest first.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown `username`.
pub async fn list_api_tokens(
    db: &Db,
    username: Option<&Username>,
) -> Result<Vec<ApiTokenInfo>, StoreError> {
    let mut query = api_token::Entity::find().order_by_asc(api_token::COLUMN.id);
    if let Some(username) = username {
        query = query.filter(api_token::COLUMN.user_id.eq(user_id(db, username).await?));
    }
    let rows = query.all(db.conn()).await?;
    let users: std::collections::BTreeMap<i64, Username> = user::Entity::find()
        .all(db.conn())
        .await?
        .iter()
        .map(|u| Ok((u.id, users::from_row(u)?.username)))
        .collect::<Result<_, StoreError>>()?;
    rows.iter()
        .map(|row| {
            Ok(ApiTokenInfo {
                id: row.id,
                username: users
                    .get(&row.user_id)
                    .cloned()
                    .ok_or_else(|| StoreError::corrupt(format!("nøgle {} uden bruger", row.id)))?,
                label: row.label.clone(),
                scope: scope_of(row)?,
                created_at: row.created_at,
                expires_at: row.expires_at,
                revoked_at: row.revoked_at,
            })
        })
        .collect()
}

async fn revoke_row<C: ConnectionTrait>(
    conn: &C,
    found: Option<api_token::Model>,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let Some(found) = found.filter(|f| f.revoked_at.is_none()) else {
        return Ok(false);
    };
    let mut active: api_token::ActiveModel = found.into();
    active.revoked_at = Set(Some(stamp(now)));
    active.update(conn).await?;
    Ok(true)
}

/// Revokes an API token at `now`; returns whether there was such a token not yet revoked.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn revoke_api_token(
    db: &Db,
    token: &str,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let found = token_row(db.conn(), token).await?;
    revoke_row(db.conn(), found, now).await
}

/// Revokes the token with id `id` at `now`; returns whether there was such a token not yet revoked.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn revoke_api_token_id(
    db: &Db,
    id: i64,
    now: OffsetDateTime,
) -> Result<bool, StoreError> {
    let found = api_token::Entity::find_by_id(id).one(db.conn()).await?;
    revoke_row(db.conn(), found, now).await
}

/// The label of the calendar feed's tokens.
const FEED_LABEL: &str = "kalender";

/// A new feed token for `username`, revoking the feed tokens the user had, in one transaction: the
/// page's "forny" makes the old calendar address stop working at once.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown user.
pub async fn renew_feed_token(
    db: &Db,
    username: &Username,
    now: OffsetDateTime,
) -> Result<String, StoreError> {
    let user_id = user_id(db, username).await?;
    let txn = db.begin_write().await?;
    let live = api_token::Entity::find()
        .filter(api_token::COLUMN.user_id.eq(user_id))
        .filter(api_token::COLUMN.scope.eq(TokenScope::Feed.id()))
        .filter(api_token::COLUMN.revoked_at.is_null())
        .all(&txn)
        .await?;
    for row in live {
        revoke_row(&txn, Some(row), now).await?;
    }
    let new = NewApiToken {
        label: FEED_LABEL.to_owned(),
        scope: TokenScope::Feed,
        expires_at: None,
    };
    let token = insert_token(&txn, user_id, &new, now).await?;
    txn.commit().await?;
    Ok(token)
}

/// When `username`'s live feed token was made, if the user has one.
///
/// # Errors
/// [`StoreError::NotFound`] for an unknown user.
pub async fn feed_token_since(
    db: &Db,
    username: &Username,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, StoreError> {
    Ok(list_api_tokens(db, Some(username))
        .await?
        .into_iter()
        .filter(|t| t.scope == TokenScope::Feed && t.state(now) == TokenState::Aktiv)
        .map(|t| t.created_at)
        .max())
}

/// Records a login attempt for `username` (as typed, so unknown names are throttled too) from the client
/// address `address` (as `audit::login_throttle::address_key` writes it).
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn record_login_attempt(
    db: &Db,
    address: &str,
    username: &str,
    succeeded: bool,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    login_attempt::ActiveModel {
        id: NotSet,
        username: Set(username.to_owned()),
        address: Set(address.to_owned()),
        succeeded: Set(succeeded),
        at: Set(stamp(now)),
    }
    .insert(db.conn())
    .await?;
    Ok(())
}

/// Failed login attempts for `username` from `address` since `since` and after the last successful
/// login of that username from that address: the number throttling compares with its per-user limit.
/// Attempts from other addresses do not count, so failures typed elsewhere cannot lock a user out here.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn recent_failed_logins(
    db: &Db,
    address: &str,
    username: &str,
    since: OffsetDateTime,
) -> Result<u64, StoreError> {
    let last_success = login_attempt::Entity::find()
        .filter(login_attempt::COLUMN.address.eq(address))
        .filter(login_attempt::COLUMN.username.eq(username))
        .filter(login_attempt::COLUMN.succeeded.eq(true))
        .order_by_desc(login_attempt::COLUMN.at)
        .one(db.conn())
        .await?
        .map(|a| a.at);
    let from = match last_success {
        Some(at) if at > since => at,
        _ => stamp(since),
    };
    Ok(login_attempt::Entity::find()
        .filter(login_attempt::COLUMN.address.eq(address))
        .filter(login_attempt::COLUMN.username.eq(username))
        .filter(login_attempt::COLUMN.succeeded.eq(false))
        .filter(login_attempt::COLUMN.at.gte(from))
        .count(db.conn())
        .await?)
}

/// Failed login attempts from `address` for any username since `since`: the number throttling compares
/// with its per-address limit. A success does not reset it, or an attacker with an account of their
/// own could log in now and then to keep guessing at others.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn recent_failed_logins_from(
    db: &Db,
    address: &str,
    since: OffsetDateTime,
) -> Result<u64, StoreError> {
    Ok(login_attempt::Entity::find()
        .filter(login_attempt::COLUMN.address.eq(address))
        .filter(login_attempt::COLUMN.succeeded.eq(false))
        .filter(login_attempt::COLUMN.at.gte(stamp(since)))
        .count(db.conn())
        .await?)
}

/// Deletes login attempts made before `before`, returning how many went. Throttling only counts attempts
/// inside its window (and the last success inside it), so attempts older than the window carry nothing.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn purge_old_login_attempts(db: &Db, before: OffsetDateTime) -> Result<u64, StoreError> {
    Ok(login_attempt::Entity::delete_many()
        .filter(login_attempt::COLUMN.at.lt(stamp(before)))
        .exec(db.conn())
        .await?
        .rows_affected)
}
