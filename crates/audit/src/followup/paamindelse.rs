//! Reminders of follow-up deadlines: 30, 7 and 1 days before the due date and the day after it, each
//! with a stable key so that a daily job can write them idempotently.
//!
//! [`paamindelse`] answers, for one action on one day, which reminder is due now, if any. The reminder
//! steps ([`Trin`]) divide time into windows: from 30 days before the due date the 30-day reminder is
//! due, from 7 days before the 7-day one, from the day before the 1-day one, and from the day after the
//! due date the overdue one. Only the step whose window holds today is returned, so a job that runs late
//! (after a restart, or for an action published a week before its deadline) sends the reminder that fits
//! now and not a stale "om 30 dage" five days before; its text counts the days that are actually left.
//!
//! **The key** is `audit/tiltag/due date/step` ("19.1/praesentation/2019-06-30/7-dage-foer"). It
//! depends on nothing but the action, the due date and the step, so every run of the job, in every
//! process, computes the same key for the same reminder, and a unique index on it makes writing
//! idempotent. A postponed action (udskudt) has a new due date and so gets new keys: its reminders start
//! over. A job that writes one row per recipient extends the key with the recipient
//! ([`Paamindelse::noegle_til`]).
//!
//! There are reminders only while the next step is the responsible party's (planlagt, i gang, udskudt;
//! see [`Status::venter_paa_ansvarlige`]): none for actions that are closed or reported done, and none
//! without a due date. Who receives them is the caller's business: for an action addressed to tilsyn,
//! [`crate::followup::Tilstand::mangler_rapport`] says which have still to report.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::{SporetTiltag, Status};
use crate::dansk_dato;

/// The reminder steps, in the order they fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trin {
    /// 30 days before the due date.
    TrediveDageFoer,
    /// 7 days before the due date.
    SyvDageFoer,
    /// The day before the due date.
    EnDagFoer,
    /// The day after the due date: the deadline is exceeded.
    DagenEfter,
}

impl Trin {
    /// Every step, in the order they fall.
    pub const ALL: [Trin; 4] = [
        Trin::TrediveDageFoer,
        Trin::SyvDageFoer,
        Trin::EnDagFoer,
        Trin::DagenEfter,
    ];

    /// Days from the step's first day to the due date; negative after it.
    pub fn dage_foer(self) -> i64 {
        match self {
            Trin::TrediveDageFoer => 30,
            Trin::SyvDageFoer => 7,
            Trin::EnDagFoer => 1,
            Trin::DagenEfter => -1,
        }
    }

    /// The stable id used in keys ("7-dage-foer").
    pub fn id(self) -> &'static str {
        match self {
            Trin::TrediveDageFoer => "30-dage-foer",
            Trin::SyvDageFoer => "7-dage-foer",
            Trin::EnDagFoer => "1-dag-foer",
            Trin::DagenEfter => "dagen-efter",
        }
    }

    /// The first day of the step's window for `forfald`.
    pub fn fra(self, forfald: Date) -> Date {
        forfald - Duration::days(self.dage_foer())
    }
}

/// A reminder that is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paamindelse {
    /// The idempotency key, `audit/tiltag/YYYY-MM-DD/step`.
    pub noegle: String,
    /// The action's id across audits ("19.1/praesentation").
    pub tiltag: String,
    /// The step.
    pub trin: Trin,
    /// The due date it reminds of.
    pub forfald: Date,
    /// The Danish text for the inbox and the mail.
    pub tekst: String,
}

impl Paamindelse {
    /// The key of this reminder for one recipient, for a job that writes one row per inbox.
    pub fn noegle_til(&self, modtager: &str) -> String {
        format!("{}/{modtager}", self.noegle)
    }
}

/// The reminder of `tiltag` that is due on `i_dag`, if any (see the [module documentation](self)).
pub fn paamindelse(tiltag: &SporetTiltag, i_dag: Date) -> Option<Paamindelse> {
    let forfald = tiltag.forfald()?;
    let trin = trin(forfald, tiltag.tilstand.status, i_dag)?;
    let id = tiltag.id();
    Some(Paamindelse {
        noegle: format!("{id}/{forfald}/{}", trin.id()),
        tekst: tekst(tiltag, forfald, trin, i_dag),
        tiltag: id,
        trin,
        forfald,
    })
}

/// The step whose window holds `i_dag` for an action in `status` due on `forfald`; `None` before the
/// first window and when the action is not waiting on the responsible party.
pub fn trin(forfald: Date, status: Status, i_dag: Date) -> Option<Trin> {
    if !status.venter_paa_ansvarlige() {
        return None;
    }
    Trin::ALL
        .into_iter()
        .rev()
        .find(|t| t.fra(forfald) <= i_dag)
}

fn tekst(tiltag: &SporetTiltag, forfald: Date, trin: Trin, i_dag: Date) -> String {
    let dato = dansk_dato(forfald);
    let hvornaar = match (forfald - i_dag).whole_days() {
        _ if trin == Trin::DagenEfter => format!("har overskredet fristen ({dato})"),
        0 => format!("forfalder i dag ({dato})"),
        1 => format!("forfalder i morgen ({dato})"),
        n => format!("forfalder om {n} dage ({dato})"),
    };
    let mut tekst = format!(
        "Opfølgningspunkt »{}« fra audit {} {hvornaar}.",
        tiltag.titel(),
        tiltag.audit
    );
    if let Some(frist) = &tiltag.tilstand.frist
        && frist.fra() != frist.til()
    {
        tekst.push_str(&format!(" Fristen er »{frist}«."));
    }
    tekst
}
