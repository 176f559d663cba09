//! Small conversions between domain values and column values: enum ids and JSON text.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::StoreError;

/// The stable id of a unit-variant enum, as its serde name ("faglig-leder", "oest", "vurdering").
pub(crate) fn enum_id<T: Serialize>(value: &T) -> Result<String, StoreError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(id)) => Ok(id),
        Ok(other) => Err(StoreError::corrupt(format!("{other} er ikke et id"))),
        Err(err) => Err(StoreError::corrupt(err)),
    }
}

/// Parses a stored enum id back; `what` names the column in the error.
pub(crate) fn parse_enum<T: DeserializeOwned>(what: &str, id: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(id.to_owned()))
        .map_err(|err| StoreError::corrupt(format!("{what} »{id}«: {err}")))
}

/// A value as JSON text for a text column.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(StoreError::corrupt)
}

/// A JSON text column back to a value; `what` names the column in the error.
pub(crate) fn from_json<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|err| StoreError::corrupt(format!("{what}: {err}")))
}

/// A small JSON value for an event's before/after.
pub(crate) fn json_value<T: Serialize + ?Sized>(
    value: &T,
) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(value).map_err(StoreError::corrupt)
}
