//! Login throttling: after too many failed logins for one username within a window, further attempts
//! are refused without checking the password, until the oldest failure leaves the window.
//!
//! The attempts are stored in the database (`store::sessions::record_login_attempt`), so throttling
//! holds across several server processes and restarts. The key is the username as typed, trimmed and in
//! lower case, so unknown usernames are throttled too and case variants count as one.

use crate::error::AppError;
use crate::state::AppState;

/// The key a login attempt is counted under.
pub(crate) fn key(typed: &str) -> String {
    typed.trim().to_lowercase().chars().take(64).collect()
}

/// `Err(AppError::Throttled)` when `key` has reached the limit of failed logins in the window.
pub(crate) async fn check(app: &AppState, key: &str) -> Result<(), AppError> {
    let since = app.clock.now() - app.config.throttle_window;
    let failures = store::sessions::recent_failed_logins(&app.db, key, since).await?;
    if failures >= app.config.throttle_max_failures {
        tracing::warn!(
            username = key,
            failures,
            "login afvist: for mange mislykkede forsøg"
        );
        return Err(AppError::Throttled);
    }
    Ok(())
}

/// Records an attempt for `key`: a success ends the count of failures before it.
pub(crate) async fn record(app: &AppState, key: &str, succeeded: bool) -> Result<(), AppError> {
    store::sessions::record_login_attempt(&app.db, key, succeeded, app.clock.now()).await?;
    Ok(())
}
