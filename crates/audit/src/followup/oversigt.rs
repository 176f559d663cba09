//! The overview of follow-up across audits: which actions are overdue, which fall due soon, filters,
//! counts per tilsyn, and the rule that closes an audit.
//!
//! **Overdue** means: the due date has passed (the due day itself is still in time, as
//! [`Frist::er_overskredet`](crate::Frist::er_overskredet) says) and the next step is still the
//! responsible party's (planlagt, i gang or udskudt). An action reported done but not yet acknowledged is
//! **not** overdue, even past its due date: the reporter did their part, and the wait is the audit
//! function's. It is shown in a group of its own, "afventer kvittering", so it is not lost either.
//!
//! The groups, in the order the overview shows them:
//!
//! | group | actions |
//! | --- | --- |
//! | overskredet | waiting on the responsible party, due date passed |
//! | forfalder inden for 30 dage | waiting on the responsible party, due today or within the next 30 days |
//! | senere | waiting on the responsible party, due later |
//! | uden dato | waiting on the responsible party, no date ("ved førstkommende lejlighed", or none given) |
//! | afventer kvittering | rapporteret gennemført |
//! | afsluttet | kvitteret or bortfaldet |
//!
//! **Counts per tilsyn** count an action for each tilsyn it is addressed to that has not yet reported it
//! done; an action for all five that Midt has reported and Nord has not counts for Nord and not for Midt.
//! Actions addressed to no tilsyn count for none.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::{SporetTiltag, Status};
use crate::{Ansvarlig, AuditNr, Tilsyn};

/// Days ahead that count as "soon".
pub const SNART_DAGE: i64 = 30;

/// Where an action belongs in the overview; the order is the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Gruppe {
    /// Waiting on the responsible party, due date passed.
    Overskredet,
    /// Waiting on the responsible party, due within [`SNART_DAGE`] days (today included).
    Inden30Dage,
    /// Waiting on the responsible party, due later.
    Senere,
    /// Waiting on the responsible party, without a date.
    UdenDato,
    /// Reported done, awaiting the koordinator's acknowledgement.
    AfventerKvittering,
    /// Kvitteret or bortfaldet.
    Afsluttet,
}

impl Gruppe {
    /// Every group, in the order shown.
    pub const ALL: [Gruppe; 6] = [
        Gruppe::Overskredet,
        Gruppe::Inden30Dage,
        Gruppe::Senere,
        Gruppe::UdenDato,
        Gruppe::AfventerKvittering,
        Gruppe::Afsluttet,
    ];

    /// The heading on the overview ("Forfalder inden for 30 dage").
    pub fn overskrift(self) -> &'static str {
        match self {
            Gruppe::Overskredet => "Overskredet",
            Gruppe::Inden30Dage => "Forfalder inden for 30 dage",
            Gruppe::Senere => "Senere",
            Gruppe::UdenDato => "Uden dato",
            Gruppe::AfventerKvittering => "Afventer kvittering",
            Gruppe::Afsluttet => "Afsluttet",
        }
    }
}

impl SporetTiltag {
    /// The action's group on `i_dag`.
    pub fn gruppe(&self, i_dag: Date) -> Gruppe {
        let status = self.tilstand.status;
        if status.er_lukket() {
            return Gruppe::Afsluttet;
        }
        if status == Status::RapporteretGennemfoert {
            return Gruppe::AfventerKvittering;
        }
        match self.forfald() {
            None => Gruppe::UdenDato,
            Some(forfald) if i_dag > forfald => Gruppe::Overskredet,
            Some(forfald) if forfald - i_dag <= Duration::days(SNART_DAGE) => Gruppe::Inden30Dage,
            Some(_) => Gruppe::Senere,
        }
    }

    /// Whether the action is overdue on `i_dag` (see the [module documentation](self)).
    pub fn er_overskredet(&self, i_dag: Date) -> bool {
        self.gruppe(i_dag) == Gruppe::Overskredet
    }

    /// Whether the action is addressed to `ansvarlig`: named among its parties, or, for a tilsyn, addressed
    /// to it through "socialtilsynene".
    pub fn har_ansvarlig(&self, ansvarlig: &Ansvarlig) -> bool {
        self.tiltag.ansvarlige.contains(ansvarlig)
            || matches!(ansvarlig, Ansvarlig::Tilsyn(t) if self.tiltag.tilsyn().contains(t))
    }
}

/// What the overview is narrowed to; every field that is set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Only this audit's actions.
    #[serde(default)]
    pub audit: Option<AuditNr>,
    /// Only actions addressed to this party (see [`SporetTiltag::har_ansvarlig`]).
    #[serde(default)]
    pub ansvarlig: Option<Ansvarlig>,
    /// Only actions with this status.
    #[serde(default)]
    pub status: Option<Status>,
}

impl Filter {
    /// Whether `tiltag` passes the filter.
    pub fn passer(&self, tiltag: &SporetTiltag) -> bool {
        self.audit.as_ref().is_none_or(|a| *a == tiltag.audit)
            && self
                .ansvarlig
                .as_ref()
                .is_none_or(|a| tiltag.har_ansvarlig(a))
            && self.status.is_none_or(|s| s == tiltag.tilstand.status)
    }
}

/// The actions that pass a filter, in groups, each group ordered by due date (undated last), then audit
/// and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Oversigt<'a> {
    /// Every group in [`Gruppe::ALL`] order, empty ones included.
    pub grupper: Vec<(Gruppe, Vec<&'a SporetTiltag>)>,
}

impl<'a> Oversigt<'a> {
    /// The actions of one group.
    pub fn gruppe(&self, gruppe: Gruppe) -> &[&'a SporetTiltag] {
        self.grupper
            .iter()
            .find(|(g, _)| *g == gruppe)
            .map_or(&[], |(_, t)| t.as_slice())
    }
}

/// The overview of `tiltag` narrowed by `filter`, on `i_dag`.
pub fn oversigt<'a>(tiltag: &'a [SporetTiltag], filter: &Filter, i_dag: Date) -> Oversigt<'a> {
    let mut grupper: BTreeMap<Gruppe, Vec<&SporetTiltag>> =
        Gruppe::ALL.iter().map(|g| (*g, Vec::new())).collect();
    for t in tiltag.iter().filter(|t| filter.passer(t)) {
        grupper.entry(t.gruppe(i_dag)).or_default().push(t);
    }
    for liste in grupper.values_mut() {
        liste.sort_by_key(|t| {
            (
                t.forfald().is_none(),
                t.forfald(),
                t.audit.clone(),
                t.tiltag.id.clone(),
            )
        });
    }
    Oversigt {
        grupper: grupper.into_iter().collect(),
    }
}

/// One tilsyn's open actions on a day, by group (see the [module documentation](self) for how an action
/// addressed to several tilsyn counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TilsynsTaelling {
    /// The tilsyn.
    pub tilsyn: Tilsyn,
    /// Overdue.
    pub overskredne: usize,
    /// Due within 30 days.
    pub inden_30_dage: usize,
    /// Due later.
    pub senere: usize,
    /// Without a date.
    pub uden_dato: usize,
}

impl fmt::Display for TilsynsTaelling {
    /// "Midt: 2 overskredne", "Nord: 1 overskredet", "Syd: ingen overskredne".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.overskredne {
            0 => write!(f, "{}: ingen overskredne", self.tilsyn),
            1 => write!(f, "{}: 1 overskredet", self.tilsyn),
            n => write!(f, "{}: {n} overskredne", self.tilsyn),
        }
    }
}

/// The counts for all five tilsyn on `i_dag`, in [`Tilsyn::ALL`] order.
pub fn pr_tilsyn(tiltag: &[SporetTiltag], i_dag: Date) -> Vec<TilsynsTaelling> {
    let mut taellinger: Vec<TilsynsTaelling> = Tilsyn::ALL
        .iter()
        .map(|t| TilsynsTaelling {
            tilsyn: *t,
            overskredne: 0,
            inden_30_dage: 0,
            senere: 0,
            uden_dato: 0,
        })
        .collect();
    for t in tiltag {
        let gruppe = t.gruppe(i_dag);
        for tilsyn in t.tilstand.mangler_rapport(&t.tiltag) {
            if let Some(taelling) = taellinger.iter_mut().find(|c| c.tilsyn == tilsyn) {
                match gruppe {
                    Gruppe::Overskredet => taelling.overskredne += 1,
                    Gruppe::Inden30Dage => taelling.inden_30_dage += 1,
                    Gruppe::Senere => taelling.senere += 1,
                    Gruppe::UdenDato => taelling.uden_dato += 1,
                    Gruppe::AfventerKvittering | Gruppe::Afsluttet => {}
                }
            }
        }
    }
    taellinger
}

/// The number of `audit`'s actions neither kvitteret nor bortfaldet: the value of
/// [`TransitionFacts::open_actions`](crate::TransitionFacts::open_actions). An audit moves to afsluttet
/// only when it is 0.
pub fn aabne_tiltag(tiltag: &[SporetTiltag], audit: &AuditNr) -> usize {
    tiltag
        .iter()
        .filter(|t| t.audit == *audit && !t.tilstand.status.er_lukket())
        .count()
}
