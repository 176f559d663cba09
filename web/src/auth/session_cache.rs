//! Sessions remembered for a moment: a page view (GET or HEAD) whose session cookie was looked up less
//! than [`TTL`] ago takes the session from memory instead of asking the database again (three queries:
//! the session, its user and the unread count). At 200 page views a second that is most of a request's
//! database work.
//!
//! What the moment may cost, and why it is safe: every unsafe request (POST, PUT, PATCH, DELETE) asks
//! the database and afterwards forgets the cached session, so no write is ever done on a session that
//! has ended, and a change a user makes (reading a reminder, logging out) shows on their next page at
//! once. A logout on *another* server of the same database, an expired account or a new reminder from
//! the daily job shows on this server's pages within [`TTL`]. A session's expiry is checked on every hit.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use time::OffsetDateTime;

use super::SessionInfo;

/// How long a looked-up session is served from memory.
pub(crate) const TTL: Duration = Duration::from_secs(1);

/// More entries than this and the cache starts over (it holds only sessions that exist, so only logged-in
/// users fill it).
const CAPACITY: usize = 10_000;

#[derive(Debug, Clone)]
struct Entry {
    looked_up: Instant,
    expires_at: OffsetDateTime,
    info: SessionInfo,
}

/// The sessions of this process's recent page views, by cookie token.
#[derive(Debug, Default)]
pub(crate) struct SessionCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl SessionCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The session of `token` if it was looked up less than [`TTL`] ago and has not expired at `now`.
    pub(crate) fn get(&self, token: &str, now: OffsetDateTime) -> Option<SessionInfo> {
        let entries = self.lock();
        let entry = entries.get(token)?;
        (entry.looked_up.elapsed() < TTL && entry.expires_at > now).then(|| entry.info.clone())
    }

    /// Remembers `info`, which the database just returned for its token.
    pub(crate) fn put(&self, info: SessionInfo, expires_at: OffsetDateTime) {
        let mut entries = self.lock();
        if entries.len() >= CAPACITY {
            entries.retain(|_, e| e.looked_up.elapsed() < TTL);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(
            info.token.clone(),
            Entry {
                looked_up: Instant::now(),
                expires_at,
                info,
            },
        );
    }

    /// Forgets the session of `token`.
    pub(crate) fn forget(&self, token: &str) {
        self.lock().remove(token);
    }
}
