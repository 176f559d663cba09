//! Login throttling: after too many failed logins of one username from one client address, or from one
//! client address for any usernames, within a window, further attempts from there are refused without
//! checking the password, until the oldest failure leaves the window. The rule is the domain's
//! (`audit::login_throttle`); this module finds the client address and asks the store for the counts.
//!
//! The attempts are stored in the database (`store::sessions::record_login_attempt`), so throttling
//! holds across several server processes and restarts. The username key is the username as typed,
//! trimmed and in lower case, so unknown usernames are throttled too and case variants count as one.
//! Nothing is counted per username alone: wrong passwords from one address must not lock the user out
//! at another.

use std::net::{IpAddr, SocketAddr};

use audit::login_throttle::{self, Failures, Limits, Refusal};
use axum::http::{HeaderMap, HeaderName};

use crate::error::AppError;
use crate::state::AppState;

/// The key a login attempt is counted under.
pub(crate) fn key(typed: &str) -> String {
    typed.trim().to_lowercase().chars().take(64).collect()
}

/// The client address failures are counted under (`audit::login_throttle::address_key`).
///
/// The TCP peer, unless the operator named a header that a reverse proxy sets (`trusted`): then the
/// right-most address in that header, which is the one the proxy itself added (entries to the left
/// come from the client and may be made up). A missing or unreadable header falls back to the peer;
/// without either the address is `ukendt`.
pub(crate) fn client_address(
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    trusted: Option<&HeaderName>,
) -> String {
    let forwarded = trusted.and_then(|name| {
        let last = headers.get_all(name).iter().next_back()?;
        let entry = last.to_str().ok()?.rsplit(',').next()?.trim();
        entry
            .parse::<IpAddr>()
            .ok()
            .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
    });
    match forwarded.or(peer.map(|p| p.ip())) {
        Some(ip) => login_throttle::address_key(ip),
        None => "ukendt".to_owned(),
    }
}

/// The domain's verdict on a login of `key` from `address`: `Ok(Err(refusal))` when it is refused.
///
/// # Errors
/// [`AppError`] when the store fails.
pub(crate) async fn check(
    app: &AppState,
    address: &str,
    key: &str,
) -> Result<Result<(), Refusal>, AppError> {
    let since = app.clock.now() - app.config.throttle_window;
    let failures = Failures {
        user_at_address: store::sessions::recent_failed_logins(&app.db, address, key, since)
            .await?,
        address: store::sessions::recent_failed_logins_from(&app.db, address, since).await?,
    };
    let limits = Limits {
        per_user_at_address: app.config.throttle_max_failures,
        per_address: app.config.throttle_max_failures_per_address,
    };
    let verdict = login_throttle::decide(failures, limits);
    if let Err(refusal) = verdict {
        tracing::warn!(
            username = key,
            address,
            failures.user_at_address,
            failures.address,
            ?refusal,
            "login afvist: for mange mislykkede forsøg"
        );
    }
    Ok(verdict)
}

/// Records an attempt of `key` from `address`: a success ends the count of that pair's failures
/// before it (not the address's count).
pub(crate) async fn record(
    app: &AppState,
    address: &str,
    key: &str,
    succeeded: bool,
) -> Result<(), AppError> {
    store::sessions::record_login_attempt(&app.db, address, key, succeeded, app.clock.now())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;

    use axum::http::{HeaderMap, HeaderName, HeaderValue};

    use super::client_address;

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_header_names_it() {
        let peer: Option<SocketAddr> = Some("10.0.0.1:5000".parse().unwrap());
        let xff = HeaderName::from_static("x-forwarded-for");
        let mut headers = HeaderMap::new();
        headers.append(&xff, HeaderValue::from_static("198.51.100.1, 203.0.113.7"));
        assert_eq!(
            client_address(peer, &headers, None),
            "10.0.0.1",
            "not believed by default"
        );
        assert_eq!(
            client_address(peer, &headers, Some(&xff)),
            "203.0.113.7",
            "right-most"
        );
        headers.append(&xff, HeaderValue::from_static("203.0.113.9"));
        assert_eq!(
            client_address(peer, &headers, Some(&xff)),
            "203.0.113.9",
            "last header line"
        );
        let mut bad = HeaderMap::new();
        bad.append(&xff, HeaderValue::from_static("unknown"));
        assert_eq!(
            client_address(peer, &bad, Some(&xff)),
            "10.0.0.1",
            "unreadable: the peer"
        );
        assert_eq!(
            client_address(None, &HeaderMap::new(), Some(&xff)),
            "ukendt"
        );
    }
}
