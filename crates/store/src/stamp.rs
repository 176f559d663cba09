//! Timestamps as stored: UTC, whole microseconds, so that both engines give back exactly what was written.

use time::{OffsetDateTime, UtcOffset};

/// `at` in UTC, truncated to microseconds (PostgreSQL's precision).
pub(crate) fn stamp(at: OffsetDateTime) -> OffsetDateTime {
    let at = at.to_offset(UtcOffset::UTC);
    let micros = at.microsecond();
    at.replace_microsecond(micros).unwrap_or(at)
}
