//! Accounts: creation with an argon2id password hash, lookup, and password checks.
//!
//! Hashing and verifying run on tokio's blocking pool: argon2id is deliberately slow and must not stall
//! the async workers serving other requests.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use audit::{Role, Tilsyn, User, Username};
use rand_core::OsRng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use time::OffsetDateTime;

use crate::entity::user;
use crate::stamp::stamp;
use crate::{Db, StoreError, events};

/// The shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 4;

fn role_columns(role: Role) -> (String, Option<String>) {
    let tilsyn = match role {
        Role::Tilsynskontakt(t) => Some(t.id().to_owned()),
        Role::Koordinator | Role::Panelist | Role::Laeser => None,
    };
    (role.id().to_owned(), tilsyn)
}

pub(crate) fn from_row(row: &user::Model) -> Result<User, StoreError> {
    let role = match (row.role.as_str(), row.role_tilsyn.as_deref()) {
        ("koordinator", _) => Role::Koordinator,
        ("panelist", _) => Role::Panelist,
        ("laeser", _) => Role::Laeser,
        ("tilsynskontakt", Some(t)) => {
            Role::Tilsynskontakt(t.parse::<Tilsyn>().map_err(StoreError::corrupt)?)
        }
        (other, _) => return Err(StoreError::corrupt(format!("rolle »{other}«"))),
    };
    Ok(User {
        username: Username::new(row.username.clone()).map_err(StoreError::corrupt)?,
        navn: row.display_name.clone(),
        role,
    })
}

/// The user with row id `id`; `None` when there is none.
pub(crate) async fn by_id<C: ConnectionTrait>(
    conn: &C,
    id: i64,
) -> Result<Option<User>, StoreError> {
    user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// An argon2id hash of `password` in PHC string form, computed off the async workers.
pub(crate) async fn hash_password(password: &str) -> Result<String, StoreError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| StoreError::corrupt(format!("adgangskoden kunne ikke hashes: {err}")))
    })
    .await
    .map_err(StoreError::corrupt)?
}

/// Whether `password` matches the PHC string `hash`, computed off the async workers.
async fn password_matches(password: &str, hash: String) -> Result<bool, StoreError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash)
            .map_err(|err| StoreError::corrupt(format!("adgangskodehash: {err}")))?;
        Ok(Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok())
    })
    .await
    .map_err(StoreError::corrupt)?
}

fn check_password(password: &str) -> Result<(), StoreError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(StoreError::Invalid(format!(
            "adgangskoden skal have mindst {MIN_PASSWORD_LEN} tegn"
        )));
    }
    Ok(())
}

/// Inserts `user` with an already computed hash; used by account creation and demo seeding.
pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    user: &User,
    password_hash: String,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let (role, role_tilsyn) = role_columns(user.role);
    user::ActiveModel {
        id: NotSet,
        username: Set(user.username.to_string()),
        display_name: Set(user.navn.clone()),
        role: Set(role),
        role_tilsyn: Set(role_tilsyn),
        password_hash: Set(password_hash),
        created_at: Set(now),
    }
    .insert(conn)
    .await
    .map_err(|err| StoreError::on_unique(err, StoreError::UsernameTaken(user.username.clone())))?;
    Ok(())
}

/// Creates an account for `user` with `password` (hashed with argon2id).
///
/// # Errors
/// [`StoreError::UsernameTaken`], or [`StoreError::Invalid`] for a password shorter than
/// [`MIN_PASSWORD_LEN`].
pub async fn create_user(
    db: &Db,
    user: &User,
    password: &str,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    check_password(password)?;
    let hash = hash_password(password).await?;
    let now = stamp(now);
    let txn = db.begin_write().await?;
    insert(&txn, user, hash, now).await?;
    let after = serde_json::json!({ "username": user.username, "role": user.role.id() });
    events::append(
        &txn,
        None,
        &events::new(actor.as_str(), now, "user_created", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn row(db: &Db, username: &Username) -> Result<Option<user::Model>, StoreError> {
    Ok(user::Entity::find()
        .filter(user::COLUMN.username.eq(username.as_str()))
        .one(db.conn())
        .await?)
}

/// The account `username`.
///
/// # Errors
/// [`StoreError::NotFound`] when there is none.
pub async fn get_user(db: &Db, username: &Username) -> Result<User, StoreError> {
    let row = row(db, username)
        .await?
        .ok_or_else(|| StoreError::not_found("brugeren", username))?;
    from_row(&row)
}

/// Every account, by username.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn list_users(db: &Db) -> Result<Vec<User>, StoreError> {
    user::Entity::find()
        .order_by_asc(user::COLUMN.username)
        .all(db.conn())
        .await?
        .iter()
        .map(from_row)
        .collect()
}

/// The account `username` if `password` is its password; `None` for an unknown user or a wrong
/// password (the two take the same time, so timing does not reveal which usernames exist).
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn verify_password(
    db: &Db,
    username: &Username,
    password: &str,
) -> Result<Option<User>, StoreError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    match row(db, username).await? {
        Some(row) => {
            if password_matches(password, row.password_hash.clone()).await? {
                Ok(Some(from_row(&row)?))
            } else {
                Ok(None)
            }
        }
        None => {
            let dummy = match DUMMY.get() {
                Some(hash) => hash.clone(),
                None => {
                    let hash = hash_password("ingen bruger").await?;
                    DUMMY.get_or_init(|| hash).clone()
                }
            };
            password_matches(password, dummy).await?;
            Ok(None)
        }
    }
}

/// Sets a new password for `username`.
///
/// # Errors
/// [`StoreError::NotFound`], or [`StoreError::Invalid`] for a too short password.
pub async fn set_password(
    db: &Db,
    username: &Username,
    password: &str,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    check_password(password)?;
    let hash = hash_password(password).await?;
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let row = user::Entity::find()
        .filter(user::COLUMN.username.eq(username.as_str()))
        .one(&txn)
        .await?
        .ok_or_else(|| StoreError::not_found("brugeren", username))?;
    let mut active: user::ActiveModel = row.into();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    let after = serde_json::json!({ "username": username });
    events::append(
        &txn,
        None,
        &events::new(actor.as_str(), now, "password_changed", None, Some(after)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
