//! The auditpanel: who sits on an audit, for which socialtilsyn, in which role, and whether they came.

use serde::{Deserialize, Serialize};

use crate::{Tilsyn, Username};

/// A panel member's professional role, as the reports name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PanelRole {
    /// Tilsynskonsulent: the inspector who did the supervision.
    Tilsynskonsulent,
    /// Faglig leder.
    FagligLeder,
    /// Faglig koordinator.
    FagligKoordinator,
    /// Udviklingskonsulent.
    Udviklingskonsulent,
    /// Jurist.
    Jurist,
    /// Tilsynschef.
    Tilsynschef,
}

impl PanelRole {
    /// All roles, in the order reports list them.
    pub const ALL: [PanelRole; 6] = [
        PanelRole::Tilsynskonsulent,
        PanelRole::FagligLeder,
        PanelRole::FagligKoordinator,
        PanelRole::Udviklingskonsulent,
        PanelRole::Jurist,
        PanelRole::Tilsynschef,
    ];

    /// The Danish name in the singular ("faglig leder").
    pub fn navn(self) -> &'static str {
        match self {
            PanelRole::Tilsynskonsulent => "tilsynskonsulent",
            PanelRole::FagligLeder => "faglig leder",
            PanelRole::FagligKoordinator => "faglig koordinator",
            PanelRole::Udviklingskonsulent => "udviklingskonsulent",
            PanelRole::Jurist => "jurist",
            PanelRole::Tilsynschef => "tilsynschef",
        }
    }

    /// The Danish name in the plural ("faglige ledere").
    pub fn flertal(self) -> &'static str {
        match self {
            PanelRole::Tilsynskonsulent => "tilsynskonsulenter",
            PanelRole::FagligLeder => "faglige ledere",
            PanelRole::FagligKoordinator => "faglige koordinatorer",
            PanelRole::Udviklingskonsulent => "udviklingskonsulenter",
            PanelRole::Jurist => "jurister",
            PanelRole::Tilsynschef => "tilsynschefer",
        }
    }
}

/// Whether a member took part in the audit meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Attendance {
    /// Took part.
    Deltager,
    /// Sent apologies (afbud); `paa_dagen` when it came on the day of the meeting, as Syd's in audit 20.1.
    Afbud {
        /// Why, as recorded.
        grund: String,
        /// Whether the cancellation came on the day of the meeting.
        #[serde(default)]
        paa_dagen: bool,
    },
    /// Exempted from the round (fritaget), as Nord in audit 20.1; an exempted member does not rate.
    Fritaget {
        /// Why, as recorded.
        grund: String,
    },
}

impl Attendance {
    /// The stable id ("deltager", "afbud", "fritaget").
    pub fn id(&self) -> &'static str {
        match self {
            Attendance::Deltager => "deltager",
            Attendance::Afbud { .. } => "afbud",
            Attendance::Fritaget { .. } => "fritaget",
        }
    }
}

/// One member of an audit's panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelMember {
    /// The member's login.
    pub username: Username,
    /// The display name; in the demo a role-based name such as "Konsulent Midt 1".
    pub navn: String,
    /// The socialtilsyn the member comes from.
    pub tilsyn: Tilsyn,
    /// The member's role.
    pub rolle: PanelRole,
    /// Whether the member took part.
    pub attendance: Attendance,
}

impl PanelMember {
    /// Whether the member rates in this round: everyone but the exempted. A member who cancelled the
    /// meeting has usually rated beforehand, so their ratings count.
    pub fn rates(&self) -> bool {
        !matches!(self.attendance, Attendance::Fritaget { .. })
    }
}
