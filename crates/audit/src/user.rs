//! Accounts and their roles in the application (not the panel role, which is per audit).

use serde::{Deserialize, Serialize};

use crate::{Tilsyn, Username};

/// What an account may do across the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "rolle", content = "tilsyn", rename_all = "lowercase")]
pub enum Role {
    /// Audit-function staff: sets up audits, reveals, writes the report.
    Koordinator,
    /// An inspector who sits on panels and rates.
    Panelist,
    /// A contact person in one socialtilsyn who reports on its follow-up actions.
    Tilsynskontakt(Tilsyn),
    /// Reads published reports and follow-up status.
    Laeser,
}

impl Role {
    /// The stable id ("koordinator", "panelist", "tilsynskontakt", "laeser").
    pub fn id(self) -> &'static str {
        match self {
            Role::Koordinator => "koordinator",
            Role::Panelist => "panelist",
            Role::Tilsynskontakt(_) => "tilsynskontakt",
            Role::Laeser => "laeser",
        }
    }

    /// The Danish name ("læser").
    pub fn navn(self) -> &'static str {
        match self {
            Role::Koordinator => "koordinator",
            Role::Panelist => "panelist",
            Role::Tilsynskontakt(_) => "tilsynskontakt",
            Role::Laeser => "læser",
        }
    }
}

/// A signed-in user as the domain sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The login.
    pub username: Username,
    /// The display name.
    pub navn: String,
    /// The account's role.
    pub role: Role,
}
