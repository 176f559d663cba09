//! What every handler can reach: the database, the clock and the server's settings.

use std::sync::Arc;

use time::Duration;

use crate::clock::Clock;

/// Settings of the web application that do not change while it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebConfig {
    /// Whether session cookies always carry `Secure`. They carry it anyway when a request arrived over
    /// https (`X-Forwarded-Proto: https` from a reverse proxy).
    pub secure_cookies: bool,
    /// How long a login lasts.
    pub session_lifetime: Duration,
    /// Failed logins of one username from one client address within [`WebConfig::throttle_window`]
    /// before further attempts of that username from that address are refused without checking the
    /// password.
    pub throttle_max_failures: u64,
    /// Failed logins from one client address, whatever the username, within the window before every
    /// further attempt from that address is refused.
    pub throttle_max_failures_per_address: u64,
    /// The request header that carries the client's address when auditpanel runs behind a reverse
    /// proxy (`X-Forwarded-For`, say); its right-most address is taken. `None` (the default): the TCP
    /// peer is the client, and no header is believed, since a client can send any header it likes.
    pub client_ip_header: Option<axum::http::HeaderName>,
    /// The window in which failed logins are counted.
    pub throttle_window: Duration,
    /// Where reminder e-mails go out; `None` writes reminders to the inboxes only.
    pub mail: Option<crate::mail::MailSettings>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            session_lifetime: Duration::hours(12),
            throttle_max_failures: 5,
            throttle_max_failures_per_address: 30,
            client_ip_header: None,
            throttle_window: Duration::minutes(15),
            mail: None,
        }
    }
}

/// The state every handler gets through `State<AppState>`: cheap to clone (handles only).
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) db: store::Db,
    pub(crate) clock: Clock,
    pub(crate) config: Arc<WebConfig>,
    pub(crate) agreement_cache: Arc<crate::agreement_cache::AgreementCache>,
    pub(crate) audits: Arc<crate::audit_cache::AuditCache>,
    pub(crate) sessions: Arc<crate::auth::session_cache::SessionCache>,
}

impl AppState {
    /// State over a migrated database, a clock and the settings.
    pub fn new(db: store::Db, clock: Clock, config: WebConfig) -> AppState {
        AppState {
            db,
            clock,
            config: Arc::new(config),
            agreement_cache: Arc::default(),
            audits: Arc::default(),
            sessions: Arc::default(),
        }
    }

    /// The database.
    pub fn db(&self) -> &store::Db {
        &self.db
    }

    /// The clock.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The settings.
    pub fn config(&self) -> &WebConfig {
        &self.config
    }
}
