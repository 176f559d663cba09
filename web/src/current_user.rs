//! The logged-in user of a page, as the page frame and the handlers read it. A leaf module: `auth`
//! builds it from the session or API token (and adds the role checks), `layout` shows it, and neither
//! needs the other for that.

use audit::{Role, User, Username};

/// How the current user proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthVia {
    /// The session cookie.
    Session,
    /// An API token.
    Bearer,
}

/// The logged-in user of a page. A request without a valid session is sent to `/login` (and back here
/// after logging in, for a GET).
#[derive(Debug, Clone)]
pub struct CurrentUser {
    user: User,
    csrf: String,
    via: AuthVia,
    path: String,
    unread: u64,
}

impl CurrentUser {
    /// Unread reminders in the user's inbox (`/indbakke`), as counted when the request came in; 0 for API
    /// tokens.
    pub fn unread(&self) -> u64 {
        self.unread
    }

    /// The account.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// The login name.
    pub fn username(&self) -> &Username {
        &self.user.username
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.user.navn
    }

    /// The account's role.
    pub fn role(&self) -> Role {
        self.user.role
    }

    /// The session's CSRF token, for the hidden `_csrf` field of every form (see
    /// `components::form::csrf_field`). Empty for API tokens, which never post forms.
    pub fn csrf_token(&self) -> &str {
        &self.csrf
    }

    /// How the user authenticated.
    pub fn via(&self) -> AuthVia {
        self.via
    }

    /// The path of the request, so that the navigation can mark the current page.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The user of a request: the account, the session's CSRF token (empty for API tokens), how they
    /// authenticated, the request's path and the count of unread reminders.
    pub(crate) fn new(user: User, csrf: String, via: AuthVia, path: String, unread: u64) -> Self {
        CurrentUser {
            user,
            csrf,
            via,
            path,
            unread,
        }
    }
}
