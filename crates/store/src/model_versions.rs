//! Quality-model versions as stored: the TOML text by version, so an audit can always be read under the
//! model it was run with.

use audit::Username;
use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, EntityTrait, QueryFilter, QueryOrder, Set};
use time::OffsetDateTime;

use crate::entity::model_version;
use crate::stamp::stamp;
use crate::{Db, StoreError, events};

/// Stores the TOML text of model `version`. Storing the same text again is a no-op; a different text
/// under a stored version is refused (a version never changes).
///
/// # Errors
/// [`StoreError::Invalid`] when the version is stored with another text.
pub async fn save_model_version(
    db: &Db,
    version: &str,
    toml: &str,
    actor: &Username,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = stamp(now);
    let txn = db.begin_write().await?;
    let existing = model_version::Entity::find()
        .filter(model_version::COLUMN.version.eq(version))
        .one(&txn)
        .await?;
    match existing {
        Some(row) if row.toml == toml => return Ok(()),
        Some(_) => {
            return Err(StoreError::Invalid(format!(
                "kvalitetsmodellen version »{version}« findes allerede med en anden tekst"
            )));
        }
        None => {}
    }
    model_version::ActiveModel {
        id: NotSet,
        version: Set(version.to_owned()),
        toml: Set(toml.to_owned()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let after = serde_json::json!({ "version": version });
    events::append(
        &txn,
        None,
        &events::new(
            actor.as_str(),
            now,
            "model_version_saved",
            None,
            Some(after),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The TOML text of model `version`, if stored.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn model_version_text(db: &Db, version: &str) -> Result<Option<String>, StoreError> {
    Ok(model_version::Entity::find()
        .filter(model_version::COLUMN.version.eq(version))
        .one(db.conn())
        .await?
        .map(|row| row.toml))
}

/// The stored model versions, in order.
///
/// # Errors
/// [`StoreError::Db`] when the database fails.
pub async fn model_versions(db: &Db) -> Result<Vec<String>, StoreError> {
    Ok(model_version::Entity::find()
        .order_by_asc(model_version::COLUMN.version)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|row| row.version)
        .collect())
}
