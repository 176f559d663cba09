//! The schema of the demo seed files (`seeds/demo/*.toml`): one audit per file, and the users file.
//!
//! An audit file is the [`Audit`] in its own serde form (panel, materials and forms are the domain
//! types as they are), except for its dates, which are ISO dates ("2019-03-28") or, for rounds that
//! must stay current, day offsets from the day the demo is loaded (`{ om_dage = 14 }`). Beside the
//! audit it holds the report content, the report's publication and follow-up history
//! ([`super::offentliggoerelse`]), the source and assumptions, and the parameters of the synthetic
//! ratings.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::offentliggoerelse::OffentliggoerelseFil;
use super::syntetisk::SyntetiskeParametre;
use crate::{
    Afsloeringsregel, Audit, AuditNr, Material, PanelMember, Rapportindhold, RatingForm, User,
    WorkflowState,
};

/// Where a demo audit comes from, and what the demo assumes where the report is silent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kilde {
    /// The source document ("Auditrapport 19.1 (2019), seed 002_716482a71b096637.txt").
    pub dokument: String,
    /// Facts the demo had to choose because the report does not state them.
    #[serde(default)]
    pub antagelser: Vec<String>,
}

/// A date in a seed file: a fixed ISO date, or a number of days after the day the demo is loaded.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(super) enum Dag {
    /// "2019-03-28".
    Dato(String),
    /// `{ om_dage = 14 }`.
    Relativ {
        /// Days after the day of loading; negative for days before.
        om_dage: i64,
    },
}

/// ISO 8601 calendar dates, as the seed files write them.
const ISO: &[time::format_description::BorrowedFormatItem<'_>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Dag {
    /// The date, counting relative days from `today`.
    pub(super) fn dato(&self, today: Date) -> Result<Date, String> {
        match self {
            Dag::Dato(text) => Date::parse(text.trim(), ISO)
                .map_err(|_| format!("datoen »{text}« er ikke en dato på formen ÅÅÅÅ-MM-DD")),
            Dag::Relativ { om_dage } => today
                .checked_add(Duration::days(*om_dage))
                .ok_or_else(|| format!("{om_dage} dage fra i dag ligger uden for kalenderen")),
        }
    }
}

/// One audit file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AuditFil {
    pub(super) nr: AuditNr,
    pub(super) titel: String,
    pub(super) formaal: String,
    pub(super) fokus: String,
    pub(super) model_version: String,
    pub(super) state: WorkflowState,
    #[serde(default)]
    pub(super) deadline: Option<Dag>,
    #[serde(default)]
    pub(super) meeting_date: Option<Dag>,
    #[serde(default)]
    pub(super) reveal_rule: Afsloeringsregel,
    pub(super) kilde: Kilde,
    pub(super) panel: Vec<PanelMember>,
    pub(super) materials: Vec<Material>,
    pub(super) forms: Vec<RatingForm>,
    #[serde(default)]
    pub(super) rapport: Rapportindhold,
    #[serde(default)]
    pub(super) offentliggoerelse: Option<OffentliggoerelseFil>,
    #[serde(default)]
    pub(super) syntetiske_bedoemmelser: Option<SyntetiskeParametre>,
}

impl AuditFil {
    /// The audit, with its dates resolved against `today`.
    pub(super) fn audit(&self, today: Date) -> Result<Audit, String> {
        let resolve = |d: &Option<Dag>| d.as_ref().map(|d| d.dato(today)).transpose();
        Ok(Audit {
            nr: self.nr.clone(),
            titel: self.titel.clone(),
            formaal: self.formaal.clone(),
            fokus: self.fokus.clone(),
            model_version: self.model_version.clone(),
            state: self.state,
            deadline: resolve(&self.deadline)?,
            meeting_date: resolve(&self.meeting_date)?,
            reveal_rule: self.reveal_rule,
            panel: self.panel.clone(),
            materials: self.materials.clone(),
            forms: self.forms.clone(),
        })
    }
}

/// The users file (`brugere.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BrugerFil {
    pub(super) brugere: Vec<User>,
}
