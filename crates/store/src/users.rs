//! Accounts: creation with an argon2id password hash, lookup, and password checks.
//!
//! Hashing and verifying run on tokio's blocking pool: argon2id is deliberately slow and must not stall
//! the async workers serving other requests. The cost is argon2's default (19 MiB, 2 passes, 1 lane, the
//! OWASP recommendation); only a test process can lower it, through `store::testing` (behind the
//! `testing` feature), so that the end-to-end suite's hundred server starts do not each spend seconds
//! hashing the demo users' passwords. A hash carries its own cost, so verifying follows the hash.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use audit::{Role, Tilsyn, User, Username};
use rand_core::OsRng;
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, Set,
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

/// Whether this process hashes with the cheapest argon2id cost: set only by
/// `store::testing::use_cheap_password_hashing`, which exists only with the `testing` feature.
#[cfg(feature = "testing")]
pub(crate) static CHEAP_HASHING: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// The argon2id hasher of this process (see the [module documentation](self)).
fn argon2() -> Argon2<'static> {
    #[cfg(feature = "testing")]
    let cheap = CHEAP_HASHING.load(std::sync::atomic::Ordering::Relaxed);
    #[cfg(not(feature = "testing"))]
    let cheap = false;
    hasher(cheap)
}

/// argon2id at the default cost, or at the cheapest cost argon2 allows (8 KiB, 1 pass, 1 lane) when
/// `cheap`.
fn hasher(cheap: bool) -> Argon2<'static> {
    let cheap_params = Params::new(
        Params::MIN_M_COST,
        Params::MIN_T_COST,
        Params::MIN_P_COST,
        None,
    );
    match cheap_params {
        Ok(params) if cheap => Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
        _ => Argon2::default(),
    }
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
        argon2()
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
        // The parameters come from the hash itself, whichever cost it was made with.
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
    let after = serde_json::json!({ "username": user.username, "role": user.role.id() });
    let change = Change {
        actor,
        now,
        kind: "user_created",
        after,
    };
    write_password(db, password, change, async |txn, hash, now| {
        insert(txn, user, hash, now).await
    })
    .await
}

/// A change of an account, as the event log records it.
struct Change<'a> {
    actor: &'a Username,
    now: OffsetDateTime,
    kind: &'a str,
    after: serde_json::Value,
}

/// Puts a new `password` into the database: checked and hashed first, then `write` stores the hash in
/// one transaction with the event of `change`.
async fn write_password(
    db: &Db,
    password: &str,
    change: Change<'_>,
    write: impl AsyncFnOnce(&DatabaseTransaction, String, OffsetDateTime) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    check_password(password)?;
    let hash = hash_password(password).await?;
    let now = stamp(change.now);
    let txn = db.begin_write().await?;
    write(&txn, hash, now).await?;
    let event = events::new(
        change.actor.as_str(),
        now,
        change.kind,
        None,
        Some(change.after),
    );
    events::append(&txn, None, &event).await?;
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
    let change = Change {
        actor,
        now,
        kind: "password_changed",
        after: serde_json::json!({ "username": username }),
    };
    write_password(db, password, change, async |txn, hash, _| {
        let row = user::Entity::find()
            .filter(user::COLUMN.username.eq(username.as_str()))
            .one(txn)
            .await?
            .ok_or_else(|| StoreError::not_found("brugeren", username))?;
        let mut active: user::ActiveModel = row.into();
        active.password_hash = Set(hash);
        active.update(txn).await?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use rand_core::OsRng;

    use super::hasher;

    #[test]
    fn production_hashes_at_the_default_cost_and_tests_may_hash_cheaply() {
        let salt = SaltString::generate(&mut OsRng);
        let full = hasher(false).hash_password(b"demo", &salt).unwrap();
        let cheap = hasher(true).hash_password(b"demo", &salt).unwrap();
        // argon2 0.5's default: m = 19 MiB, t = 2, p = 1 (OWASP's first recommendation for argon2id).
        assert!(
            full.to_string()
                .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{full}"
        );
        assert!(
            cheap.to_string().starts_with("$argon2id$v=19$m=8,t=1,p=1$"),
            "{cheap}"
        );
        // Verifying reads the cost from the hash, so either verifies with the default hasher.
        for hash in [full.to_string(), cheap.to_string()] {
            let parsed = PasswordHash::new(&hash).unwrap();
            assert!(hasher(false).verify_password(b"demo", &parsed).is_ok());
            assert!(hasher(false).verify_password(b"demx", &parsed).is_err());
        }
    }
}
