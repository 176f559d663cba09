//! The blind rule: who may see which ratings, in which state, under which reveal rule.
//!
//! **Architecture invariant:** this module is the only place that decides whether a rating value may be
//! shown. The store filters every read through [`visible_ratings`], and the web layer renders only what it
//! gets back. Before reveal nobody — the koordinator included — sees another rater's values; the
//! koordinator sees progress ([`progress`]), which carries no values.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::{
    Afsloeringsregel, Audit, MaterialId, Rating, Role, Round, UnitKey, User, Username,
    WorkflowState,
};

/// Who is looking, relative to one audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer<'a> {
    /// A koordinator (audit-function staff).
    Koordinator,
    /// A rating member of this audit's panel.
    Panelist(&'a Username),
    /// Anyone else: a panelist of another audit, an exempted member, a tilsynskontakt, a læser.
    Outsider,
}

impl Audit {
    /// How `user` stands towards this audit.
    pub fn viewer<'a>(&self, user: &'a User) -> Viewer<'a> {
        match user.role {
            Role::Koordinator => Viewer::Koordinator,
            Role::Panelist if self.member(&user.username).is_some_and(|m| m.rates()) => {
                Viewer::Panelist(&user.username)
            }
            _ => Viewer::Outsider,
        }
    }
}

/// What a viewer may see of an audit's ratings in its current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingAccess {
    /// Every submitted rating (and one's own drafts): after reveal.
    All,
    /// One's own ratings only: a panelist before reveal.
    Own,
    /// One's own, plus others' submitted round-1 ratings of the material one has submitted oneself
    /// (a panelist during vurdering under [`Afsloeringsregel::EfterEgenIndsendelse`]).
    OwnAndUnlocked,
    /// No values, only who has submitted how much: the koordinator before reveal.
    ProgressOnly,
    /// Nothing at all.
    Nothing,
}

/// The access `viewer` has to the ratings of an audit in `state` under `rule`.
pub fn rating_access(
    viewer: Viewer<'_>,
    state: WorkflowState,
    rule: Afsloeringsregel,
) -> RatingAccess {
    match viewer {
        Viewer::Outsider => RatingAccess::Nothing,
        _ if state.is_revealed() => RatingAccess::All,
        Viewer::Koordinator => RatingAccess::ProgressOnly,
        Viewer::Panelist(_)
            if state == WorkflowState::Vurdering
                && rule == Afsloeringsregel::EfterEgenIndsendelse =>
        {
            RatingAccess::OwnAndUnlocked
        }
        Viewer::Panelist(_) => RatingAccess::Own,
    }
}

/// The ratings among `ratings` (all of one audit) that `viewer` may see. Every read of rating values goes
/// through here.
///
/// Rules: a rater always sees their own ratings, drafts included; nobody ever sees another rater's draft;
/// after reveal the panel and the koordinator see every submitted rating of both rounds; under
/// [`Afsloeringsregel::EfterEgenIndsendelse`] a panelist sees others' submitted round-1 ratings of a unit once
/// that unit is unlocked for them (see [`unlocked_units`]); outsiders see nothing.
pub fn visible_ratings<'r>(
    audit: &Audit,
    viewer: Viewer<'_>,
    ratings: &'r [Rating],
) -> Vec<&'r Rating> {
    let access = rating_access(viewer, audit.state, audit.reveal_rule);
    let me = match viewer {
        Viewer::Panelist(me) => Some(me),
        _ => None,
    };
    let unlocked = match (access, me) {
        (RatingAccess::OwnAndUnlocked, Some(me)) => unlocked_units(audit, me, ratings),
        _ => BTreeSet::new(),
    };
    ratings
        .iter()
        .filter(|r| {
            let own = me == Some(&r.rater);
            own || (r.is_submitted()
                && match access {
                    RatingAccess::All => true,
                    RatingAccess::OwnAndUnlocked => {
                        r.round == Round::First && unlocked.contains(&r.unit)
                    }
                    RatingAccess::Own | RatingAccess::ProgressOnly | RatingAccess::Nothing => false,
                })
        })
        .collect()
}

/// The units whose other ratings `rater` may see under [`Afsloeringsregel::EfterEgenIndsendelse`]: every unit of
/// a material once the rater has submitted round-1 ratings of all that material's units, and a unit
/// without material (a nomination, a case selection, a reflection) once the rater's own rating of it is
/// submitted.
pub fn unlocked_units(audit: &Audit, rater: &Username, ratings: &[Rating]) -> BTreeSet<UnitKey> {
    let submitted: BTreeSet<&UnitKey> = ratings
        .iter()
        .filter(|r| &r.rater == rater && r.round == Round::First && r.is_submitted())
        .map(|r| &r.unit)
        .collect();
    let mut unlocked = BTreeSet::new();
    let materials: BTreeSet<&MaterialId> = audit.materials.iter().map(|m| &m.id).collect();
    for material in materials {
        let units = audit.units_of_material(material);
        if !units.is_empty() && units.iter().all(|u| submitted.contains(u)) {
            unlocked.extend(units);
        }
    }
    unlocked.extend(
        submitted
            .into_iter()
            .filter(|u| u.material.is_none())
            .cloned(),
    );
    unlocked
}

/// How far one panelist has come with round 1, without any values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// Every unit submitted.
    Submitted,
    /// Something saved or submitted, not everything submitted.
    Draft,
    /// Nothing saved.
    NotStarted,
}

/// One panelist's round-1 progress: what the koordinator sees during vurdering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The panelist.
    pub rater: Username,
    /// Submitted, draft or not started.
    pub status: ProgressStatus,
    /// Units submitted.
    pub submitted: usize,
    /// Units saved as draft.
    pub drafts: usize,
    /// Units to rate.
    pub total: usize,
}

/// Round-1 progress of every rater of the audit. Carries counts only, never values, so it is safe to show
/// before reveal.
pub fn progress(audit: &Audit, ratings: &[Rating]) -> Vec<Progress> {
    let total = audit.units().len();
    audit
        .raters()
        .map(|m| {
            let mine = ratings
                .iter()
                .filter(|r| r.rater == m.username && r.round == Round::First);
            let (submitted, drafts) = mine.fold((0, 0), |(s, d), r| {
                if r.is_submitted() {
                    (s + 1, d)
                } else {
                    (s, d + 1)
                }
            });
            let status = match (submitted, drafts) {
                (s, 0) if s >= total && total > 0 => ProgressStatus::Submitted,
                (0, 0) => ProgressStatus::NotStarted,
                _ => ProgressStatus::Draft,
            };
            Progress {
                rater: m.username.clone(),
                status,
                submitted,
                drafts,
                total,
            }
        })
        .collect()
}

/// Whether `viewer` may see agreement figures (the dashboard, the agreement API): only after reveal, and
/// only the koordinator and the panel; everyone else reads them in the published report.
pub fn may_see_agreement(viewer: Viewer<'_>, state: WorkflowState) -> bool {
    state.is_revealed() && !matches!(viewer, Viewer::Outsider)
}

/// Progress in three counts, the one way every page says how far the ratings have come: "4 indsendt, 2
/// i kladde, 3 ikke startet". For a panel ([`fremdrift`]) it counts panelists; for one panelist
/// ([`Progress::fremdrift`]) their units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Fremdrift {
    /// Submitted (every unit, for a panelist).
    pub indsendt: usize,
    /// Started but not submitted: drafts, or some units submitted and some not.
    pub kladde: usize,
    /// Nothing saved.
    pub ikke_startet: usize,
}

impl std::fmt::Display for Fremdrift {
    /// "4 indsendt, 2 i kladde, 3 ikke startet".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} indsendt, {} i kladde, {} ikke startet",
            self.indsendt, self.kladde, self.ikke_startet
        )
    }
}

/// The panel's progress: how many panelists have submitted everything, have started, have not started.
pub fn fremdrift(progress: &[Progress]) -> Fremdrift {
    progress.iter().fold(Fremdrift::default(), |mut f, p| {
        match p.status {
            ProgressStatus::Submitted => f.indsendt += 1,
            ProgressStatus::Draft => f.kladde += 1,
            ProgressStatus::NotStarted => f.ikke_startet += 1,
        }
        f
    })
}

impl Progress {
    /// This panelist's progress by unit: submitted, saved as draft, not yet saved.
    pub fn fremdrift(&self) -> Fremdrift {
        Fremdrift {
            indsendt: self.submitted,
            kladde: self.drafts,
            ikke_startet: self.total.saturating_sub(self.submitted + self.drafts),
        }
    }
}

#[cfg(test)]
mod fremdrift_tests {
    use super::{Fremdrift, Progress, ProgressStatus, fremdrift};

    fn p(status: ProgressStatus, submitted: usize, drafts: usize) -> Progress {
        Progress {
            rater: "r".parse().unwrap(),
            status,
            submitted,
            drafts,
            total: 10,
        }
    }

    #[test]
    fn the_panel_counts_panelists_by_status() {
        let panel = [
            p(ProgressStatus::Submitted, 10, 0),
            p(ProgressStatus::Draft, 0, 3),
            p(ProgressStatus::Draft, 4, 0),
            p(ProgressStatus::NotStarted, 0, 0),
        ];
        let f = fremdrift(&panel);
        assert_eq!(
            f,
            Fremdrift {
                indsendt: 1,
                kladde: 2,
                ikke_startet: 1
            }
        );
        assert_eq!(f.to_string(), "1 indsendt, 2 i kladde, 1 ikke startet");
    }

    #[test]
    fn one_panelist_counts_units() {
        assert_eq!(
            p(ProgressStatus::Draft, 4, 2).fremdrift().to_string(),
            "4 indsendt, 2 i kladde, 4 ikke startet"
        );
    }
}
