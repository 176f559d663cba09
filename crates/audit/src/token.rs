//! API tokens as the domain sees them: what a token may be used for ([`TokenScope`], [`token_permits`])
//! and whether it still counts at a given moment ([`token_state`]). The store keeps only the tokens'
//! hashes; the web layer asks these rules on every request with the server's clock.

use std::fmt;
use std::str::FromStr;

use time::OffsetDateTime;

/// What a token may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenScope {
    /// Reads the API (`GET`), changes nothing.
    Read,
    /// Reads and writes the API.
    Write,
    /// Reads the calendar feed (`/opfoelgning.ics`) and nothing else: it travels in a URL that calendar
    /// programs store and sync, so it must not open anything more.
    Feed,
}

impl TokenScope {
    /// The stable id ("read", "write", "feed"), as typed on the command line and stored.
    pub fn id(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
            TokenScope::Feed => "feed",
        }
    }

    /// The Danish name ("kun læsning").
    pub fn navn(self) -> &'static str {
        match self {
            TokenScope::Read => "kun læsning",
            TokenScope::Write => "læsning og skrivning",
            TokenScope::Feed => "kun kalender",
        }
    }
}

impl fmt::Display for TokenScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A scope that is not one of "read", "write" and "feed".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("»{0}« er ikke et omfang for en nøgle; brug read, write eller feed")]
pub struct UkendtOmfang(pub String);

impl FromStr for TokenScope {
    type Err = UkendtOmfang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "read" => Ok(TokenScope::Read),
            "write" => Ok(TokenScope::Write),
            "feed" => Ok(TokenScope::Feed),
            other => Err(UkendtOmfang(other.to_owned())),
        }
    }
}

/// What a request wants to do with a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    /// A safe request (`GET`, `HEAD`) to `/api/v1`.
    ApiRead,
    /// Any other request to `/api/v1`.
    ApiWrite,
    /// Reading the calendar feed.
    Feed,
}

/// Whether a token of `scope` may be used for `brug`: read and write tokens the API (a read token no
/// write), a feed token the feed only — and no API token the feed, so that the URL a calendar keeps
/// never carries a key to the API.
pub fn token_permits(scope: TokenScope, brug: TokenUse) -> bool {
    match (scope, brug) {
        (TokenScope::Write, TokenUse::ApiRead | TokenUse::ApiWrite)
        | (TokenScope::Read, TokenUse::ApiRead)
        | (TokenScope::Feed, TokenUse::Feed) => true,
        (TokenScope::Read, TokenUse::ApiWrite)
        | (TokenScope::Read | TokenScope::Write, TokenUse::Feed)
        | (TokenScope::Feed, TokenUse::ApiRead | TokenUse::ApiWrite) => false,
    }
}

/// Whether a token counts at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    /// It opens what its scope allows.
    Aktiv,
    /// Revoked: it opens nothing, ever again.
    Tilbagekaldt,
    /// Past its expiry: it opens nothing.
    Udloebet,
}

impl TokenState {
    /// The Danish word ("aktiv", "tilbagekaldt", "udløbet").
    pub fn navn(self) -> &'static str {
        match self {
            TokenState::Aktiv => "aktiv",
            TokenState::Tilbagekaldt => "tilbagekaldt",
            TokenState::Udloebet => "udløbet",
        }
    }
}

/// The state at `now` of a token revoked at `revoked_at` that expires at `expires_at`: a token is
/// expired from the moment of its expiry on.
pub fn token_state(
    revoked_at: Option<OffsetDateTime>,
    expires_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> TokenState {
    if revoked_at.is_some_and(|r| r <= now) {
        TokenState::Tilbagekaldt
    } else if expires_at.is_some_and(|e| e <= now) {
        TokenState::Udloebet
    } else {
        TokenState::Aktiv
    }
}

#[cfg(test)]
mod tests {
    use time::Duration;
    use time::macros::datetime;

    use super::{TokenScope, TokenState, TokenUse, token_permits, token_state};

    #[test]
    fn each_scope_opens_only_what_it_names() {
        use TokenScope::{Feed, Read, Write};
        use TokenUse::{ApiRead, ApiWrite, Feed as Kalender};
        let table = [
            (Read, ApiRead, true),
            (Read, ApiWrite, false),
            (Read, Kalender, false),
            (Write, ApiRead, true),
            (Write, ApiWrite, true),
            (Write, Kalender, false),
            (Feed, ApiRead, false),
            (Feed, ApiWrite, false),
            (Feed, Kalender, true),
        ];
        for (scope, brug, expected) in table {
            assert_eq!(token_permits(scope, brug), expected, "{scope:?} {brug:?}");
        }
    }

    #[test]
    fn a_token_expires_at_its_moment_and_revocation_wins() {
        let now = datetime!(2025-03-03 09:00 UTC);
        let day = Duration::days(1);
        assert_eq!(token_state(None, None, now), TokenState::Aktiv);
        assert_eq!(token_state(None, Some(now + day), now), TokenState::Aktiv);
        assert_eq!(token_state(None, Some(now), now), TokenState::Udloebet);
        assert_eq!(
            token_state(None, Some(now - day), now),
            TokenState::Udloebet
        );
        assert_eq!(
            token_state(Some(now - day), Some(now - day), now),
            TokenState::Tilbagekaldt
        );
    }

    #[test]
    fn scopes_read_back_and_an_unknown_one_is_named() {
        for scope in [TokenScope::Read, TokenScope::Write, TokenScope::Feed] {
            assert_eq!(scope.id().parse::<TokenScope>(), Ok(scope));
        }
        let err = "admin".parse::<TokenScope>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "»admin« er ikke et omfang for en nøgle; brug read, write eller feed"
        );
    }
}
