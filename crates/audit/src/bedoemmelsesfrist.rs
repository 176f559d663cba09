//! Reminders of the rating deadline (frist for bedømmelser): a panelist who has not submitted all
//! round-1 ratings is reminded 14, 7 and 2 days before the deadline and on the day after it.
//!
//! As with the follow-up reminders (`crate::followup::paamindelse`), the steps divide time into windows
//! and only the step whose window holds today is due, so a job that runs late sends the reminder that
//! fits now. **The key** is `bedoemmelse/audit/deadline/step/panelist`
//! ("bedoemmelse/25.1/2025-03-17/7-dage-foer/nord-1"): one reminder per panelist per step, the same in
//! every run and every process, so a unique index makes writing idempotent; a moved deadline starts the
//! steps over. Only while the audit is in vurdering: after the reveal there is nothing left to rate.

use time::{Date, Duration};

use crate::danske_datoer::dage_til;
use crate::visibility::{Progress, ProgressStatus};
use crate::{Audit, WorkflowState, dansk_dato};

/// What a rating reminder's action key is in the inbox, beside the follow-up actions' ids.
pub const HANDLING: &str = "bedoemmelse";

/// The reminder steps, in the order they fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trin {
    /// 14 days before the deadline.
    FjortenDageFoer,
    /// 7 days before the deadline.
    SyvDageFoer,
    /// 2 days before the deadline.
    ToDageFoer,
    /// The day after the deadline.
    DagenEfter,
}

impl Trin {
    /// Every step, in the order they fall.
    pub const ALL: [Trin; 4] = [
        Trin::FjortenDageFoer,
        Trin::SyvDageFoer,
        Trin::ToDageFoer,
        Trin::DagenEfter,
    ];

    /// Days from the step's first day to the deadline; negative after it.
    pub fn dage_foer(self) -> i64 {
        match self {
            Trin::FjortenDageFoer => 14,
            Trin::SyvDageFoer => 7,
            Trin::ToDageFoer => 2,
            Trin::DagenEfter => -1,
        }
    }

    /// The stable id used in keys ("7-dage-foer").
    pub fn id(self) -> &'static str {
        match self {
            Trin::FjortenDageFoer => "14-dage-foer",
            Trin::SyvDageFoer => "7-dage-foer",
            Trin::ToDageFoer => "2-dage-foer",
            Trin::DagenEfter => "dagen-efter",
        }
    }
}

/// The step whose window holds `i_dag` for a deadline on `frist`; `None` before the first window.
pub fn trin(frist: Date, i_dag: Date) -> Option<Trin> {
    Trin::ALL
        .into_iter()
        .rev()
        .find(|t| frist - Duration::days(t.dage_foer()) <= i_dag)
}

/// A rating reminder that is due for one panelist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paamindelse {
    /// The idempotency key (see the [module documentation](self)).
    pub noegle: String,
    /// The step.
    pub trin: Trin,
    /// The rating deadline.
    pub frist: Date,
    /// The Danish text for the inbox and the mail.
    pub tekst: String,
}

/// The reminder due on `i_dag` for the panelist of `progress` on `audit`, if any: only in vurdering,
/// with a deadline, and while the panelist has not submitted everything.
pub fn paamindelse(audit: &Audit, progress: &Progress, i_dag: Date) -> Option<Paamindelse> {
    if audit.state != WorkflowState::Vurdering || progress.status == ProgressStatus::Submitted {
        return None;
    }
    let frist = audit.deadline?;
    let trin = trin(frist, i_dag)?;
    let hvornaar = if trin == Trin::DagenEfter {
        format!(
            "Fristen for bedømmelser var {}, og du har ikke indsendt alle dine bedømmelser. Kontakt koordinatoren.",
            dansk_dato(frist)
        )
    } else {
        format!(
            "Fristen for bedømmelser er {} ({}). Du har {}.",
            dansk_dato(frist),
            dage_til(frist, i_dag),
            progress.fremdrift()
        )
    };
    Some(Paamindelse {
        noegle: format!(
            "{HANDLING}/{}/{frist}/{}/{}",
            audit.nr,
            trin.id(),
            progress.rater
        ),
        trin,
        frist,
        tekst: format!(
            "Påmindelse om bedømmelse i audit {} {}: {hvornaar}",
            audit.nr, audit.titel
        ),
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::{Trin, trin};

    #[test]
    fn the_steps_fall_14_7_and_2_days_before_and_the_day_after() {
        let frist = date!(2025 - 03 - 17);
        assert_eq!(trin(frist, date!(2025 - 03 - 02)), None);
        assert_eq!(
            trin(frist, date!(2025 - 03 - 03)),
            Some(Trin::FjortenDageFoer)
        );
        assert_eq!(
            trin(frist, date!(2025 - 03 - 09)),
            Some(Trin::FjortenDageFoer)
        );
        assert_eq!(trin(frist, date!(2025 - 03 - 10)), Some(Trin::SyvDageFoer));
        assert_eq!(trin(frist, date!(2025 - 03 - 15)), Some(Trin::ToDageFoer));
        assert_eq!(trin(frist, date!(2025 - 03 - 17)), Some(Trin::ToDageFoer));
        assert_eq!(trin(frist, date!(2025 - 03 - 18)), Some(Trin::DagenEfter));
    }

    fn audit(state: &str) -> crate::Audit {
        crate::Audit {
            nr: "25.1".parse().unwrap(),
            titel: "Ledelse".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2024".into(),
            state: state.parse().unwrap(),
            deadline: Some(date!(2025 - 03 - 17)),
            meeting_date: None,
            reveal_rule: crate::Afsloeringsregel::default(),
            panel: Vec::new(),
            materials: Vec::new(),
            forms: Vec::new(),
        }
    }

    fn progress(
        status: crate::visibility::ProgressStatus,
        submitted: usize,
    ) -> crate::visibility::Progress {
        crate::visibility::Progress {
            rater: "nord-1".parse().unwrap(),
            status,
            submitted,
            drafts: 0,
            total: 40,
        }
    }

    #[test]
    fn only_a_panelist_who_has_not_submitted_in_vurdering_is_reminded() {
        use crate::visibility::ProgressStatus::{NotStarted, Submitted};
        let i_dag = date!(2025 - 03 - 10);
        let p = super::paamindelse(&audit("vurdering"), &progress(NotStarted, 0), i_dag).unwrap();
        assert_eq!(p.noegle, "bedoemmelse/25.1/2025-03-17/7-dage-foer/nord-1");
        assert!(
            p.tekst.contains("17. marts 2025 (om 7 dage)"),
            "{}",
            p.tekst
        );
        assert!(
            p.tekst.contains("0 indsendt, 0 i kladde, 40 ikke startet"),
            "{}",
            p.tekst
        );
        assert_eq!(
            super::paamindelse(&audit("vurdering"), &progress(Submitted, 40), i_dag),
            None
        );
        assert_eq!(
            super::paamindelse(&audit("droeftelse"), &progress(NotStarted, 0), i_dag),
            None
        );
    }
}
