//! The auditpanel: who sits on an audit, for which socialtilsyn, in which role, and whether they came.

use serde::{Deserialize, Serialize};

use crate::{Tilsyn, Username};

/// A panel member's professional role, as the reports name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Panelrolle {
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

impl Panelrolle {
    /// All roles, in the order reports list them.
    pub const ALL: [Panelrolle; 6] = [
        Panelrolle::Tilsynskonsulent,
        Panelrolle::FagligLeder,
        Panelrolle::FagligKoordinator,
        Panelrolle::Udviklingskonsulent,
        Panelrolle::Jurist,
        Panelrolle::Tilsynschef,
    ];

    /// The Danish name in the singular ("faglig leder").
    pub fn navn(self) -> &'static str {
        match self {
            Panelrolle::Tilsynskonsulent => "tilsynskonsulent",
            Panelrolle::FagligLeder => "faglig leder",
            Panelrolle::FagligKoordinator => "faglig koordinator",
            Panelrolle::Udviklingskonsulent => "udviklingskonsulent",
            Panelrolle::Jurist => "jurist",
            Panelrolle::Tilsynschef => "tilsynschef",
        }
    }

    /// The Danish name in the plural ("faglige ledere").
    pub fn flertal(self) -> &'static str {
        match self {
            Panelrolle::Tilsynskonsulent => "tilsynskonsulenter",
            Panelrolle::FagligLeder => "faglige ledere",
            Panelrolle::FagligKoordinator => "faglige koordinatorer",
            Panelrolle::Udviklingskonsulent => "udviklingskonsulenter",
            Panelrolle::Jurist => "jurister",
            Panelrolle::Tilsynschef => "tilsynschefer",
        }
    }
}

/// Whether a member took part in the audit meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Fremmoede {
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

/// Why an attendance is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeltagelseFejl {
    /// An id other than "deltager", "afbud" or "fritaget".
    #[error("ukendt deltagelse »{0}«; brug deltager, afbud eller fritaget")]
    Ukendt(String),
    /// An afbud without a reason: the report says why a tilsyn was missing.
    #[error("et afbud skal have en grund")]
    AfbudUdenGrund,
    /// An exemption without a reason: the report says why a tilsyn was exempted.
    #[error("en fritagelse skal have en grund")]
    FritagetUdenGrund,
}

impl Fremmoede {
    /// The attendance with the id `id` ("deltager", "afbud", "fritaget") and the reason `grund` as
    /// entered (trimmed here); `paa_dagen` counts for an afbud only. An afbud and an exemption need a
    /// reason, since the report's Deltagere section gives it; a member who took part needs none, and a
    /// reason given with it is dropped.
    ///
    /// # Errors
    /// [`DeltagelseFejl`] for an unknown id or a missing reason.
    pub fn ny(id: &str, grund: &str, paa_dagen: bool) -> Result<Fremmoede, DeltagelseFejl> {
        let grund = grund.trim();
        match id {
            "deltager" => Ok(Fremmoede::Deltager),
            "afbud" if grund.is_empty() => Err(DeltagelseFejl::AfbudUdenGrund),
            "afbud" => Ok(Fremmoede::Afbud {
                grund: grund.to_owned(),
                paa_dagen,
            }),
            "fritaget" if grund.is_empty() => Err(DeltagelseFejl::FritagetUdenGrund),
            "fritaget" => Ok(Fremmoede::Fritaget {
                grund: grund.to_owned(),
            }),
            other => Err(DeltagelseFejl::Ukendt(other.to_owned())),
        }
    }

    /// The stable id ("deltager", "afbud", "fritaget").
    pub fn id(&self) -> &'static str {
        match self {
            Fremmoede::Deltager => "deltager",
            Fremmoede::Afbud { .. } => "afbud",
            Fremmoede::Fritaget { .. } => "fritaget",
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
    pub rolle: Panelrolle,
    /// Whether the member took part.
    pub attendance: Fremmoede,
}

impl PanelMember {
    /// Whether the member rates in this round: everyone but the exempted. A member who cancelled the
    /// meeting has usually rated beforehand, so their ratings count.
    pub fn rates(&self) -> bool {
        !matches!(self.attendance, Fremmoede::Fritaget { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::{DeltagelseFejl, Fremmoede};

    #[test]
    fn an_afbud_and_an_exemption_need_a_reason_taking_part_does_not() {
        assert_eq!(
            Fremmoede::ny("deltager", "", false),
            Ok(Fremmoede::Deltager)
        );
        assert_eq!(
            Fremmoede::ny("deltager", "glemt", true),
            Ok(Fremmoede::Deltager)
        );
        assert_eq!(
            Fremmoede::ny("afbud", " Syg ", true),
            Ok(Fremmoede::Afbud {
                grund: "Syg".into(),
                paa_dagen: true
            })
        );
        assert_eq!(
            Fremmoede::ny("afbud", "  ", false),
            Err(DeltagelseFejl::AfbudUdenGrund)
        );
        assert_eq!(
            Fremmoede::ny("fritaget", "efter eget ønske", true),
            Ok(Fremmoede::Fritaget {
                grund: "efter eget ønske".into()
            }),
            "paa_dagen belongs to an afbud only"
        );
        assert_eq!(
            Fremmoede::ny("fritaget", "", false),
            Err(DeltagelseFejl::FritagetUdenGrund)
        );
    }

    #[test]
    fn an_unknown_id_is_refused_and_quoted() {
        let err = Fremmoede::ny("udeblevet", "", false).unwrap_err();
        assert_eq!(err, DeltagelseFejl::Ukendt("udeblevet".into()));
        assert_eq!(
            err.to_string(),
            "ukendt deltagelse »udeblevet«; brug deltager, afbud eller fritaget"
        );
        for id in ["deltager", "afbud", "fritaget"] {
            let a = Fremmoede::ny(id, "grund", false).unwrap();
            assert_eq!(a.id(), id, "the id round-trips");
        }
    }
}
