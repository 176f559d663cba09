//! The workflow of an audit round as a state machine: which transitions are allowed, and when.
//!
//! planlægning → vurdering (blind) → drøftelse (revealed) → rapport → opfølgning → afsluttet.
//! Going back one step is allowed with a reason, except out of drøftelse: revealed ratings cannot be made
//! blind again.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::Date;

/// The state of an audit round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkflowState {
    /// Being set up: purpose, panel, material, forms.
    Planlaegning,
    /// The panel rates blind until the deadline.
    Vurdering,
    /// Ratings revealed and discussed; round-2 ratings allowed.
    Droeftelse,
    /// The report is being written and published.
    Rapport,
    /// The follow-up plan is being tracked.
    Opfoelgning,
    /// Done: every follow-up action acknowledged or dropped.
    Afsluttet,
}

impl WorkflowState {
    /// All states in workflow order.
    pub const ALL: [WorkflowState; 6] = [
        WorkflowState::Planlaegning,
        WorkflowState::Vurdering,
        WorkflowState::Droeftelse,
        WorkflowState::Rapport,
        WorkflowState::Opfoelgning,
        WorkflowState::Afsluttet,
    ];

    /// The stable ASCII id used in URLs and JSON ("droeftelse").
    pub fn id(self) -> &'static str {
        match self {
            WorkflowState::Planlaegning => "planlaegning",
            WorkflowState::Vurdering => "vurdering",
            WorkflowState::Droeftelse => "droeftelse",
            WorkflowState::Rapport => "rapport",
            WorkflowState::Opfoelgning => "opfoelgning",
            WorkflowState::Afsluttet => "afsluttet",
        }
    }

    /// The Danish name ("drøftelse").
    pub fn navn(self) -> &'static str {
        match self {
            WorkflowState::Planlaegning => "planlægning",
            WorkflowState::Vurdering => "vurdering",
            WorkflowState::Droeftelse => "drøftelse",
            WorkflowState::Rapport => "rapport",
            WorkflowState::Opfoelgning => "opfølgning",
            WorkflowState::Afsluttet => "afsluttet",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Whether the round-1 ratings have been revealed (drøftelse and every later state).
    pub fn is_revealed(self) -> bool {
        self >= WorkflowState::Droeftelse
    }

    /// Whether an audit in this state may go one step back (with a reason): every state but the first
    /// and drøftelse, since revealing is one-way — the ratings cannot be made blind again.
    pub fn may_go_back(self) -> bool {
        self != WorkflowState::Planlaegning && self != WorkflowState::Droeftelse
    }

    /// Whether the material is released to the panel: from vurdering on. During planlægning the
    /// koordinator may still replace or withdraw files, so the panel reads nothing yet.
    pub fn is_material_released(self) -> bool {
        self >= WorkflowState::Vurdering
    }
}

impl fmt::Display for WorkflowState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.navn())
    }
}

impl FromStr for WorkflowState {
    type Err = WorkflowError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        WorkflowState::ALL
            .into_iter()
            .find(|st| st.id() == s.trim() || st.navn() == s.trim())
            .ok_or_else(|| WorkflowError::UnknownState(s.to_owned()))
    }
}

/// What the workflow needs to know about an audit to judge a transition. The caller gathers it; the
/// rules stay here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransitionFacts {
    /// Today's date (time is a parameter, never read from the clock here).
    pub today: Date,
    /// The rating deadline, if set.
    pub deadline: Option<Date>,
    /// Panel members who rate (not exempted).
    pub raters: usize,
    /// Material items.
    pub materials: usize,
    /// Rating form items.
    pub form_items: usize,
    /// Panelists who have submitted round-1 ratings.
    pub submitted_raters: usize,
    /// Whether a report version has been published.
    pub report_published: bool,
    /// Follow-up actions neither acknowledged (kvitteret) nor dropped (bortfaldet).
    pub open_actions: usize,
}

/// A transition that the rules allow; the caller persists it with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    /// The state before.
    pub from: WorkflowState,
    /// The state after.
    pub to: WorkflowState,
    /// The reason given (required when going back).
    pub reason: Option<String>,
}

/// Why a transition is refused, in Danish words that say what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// The text names no state.
    #[error(
        "ukendt tilstand »{0}«; brug planlaegning, vurdering, droeftelse, rapport, opfoelgning eller afsluttet"
    )]
    UnknownState(String),
    /// Already in that state.
    #[error("auditforløbet er allerede i tilstanden {0}")]
    Unchanged(WorkflowState),
    /// Skipping states, or going back more than one.
    #[error(
        "man kan ikke gå fra {from} til {to}; kun til det næste eller (med begrundelse) det forrige trin"
    )]
    NotAdjacent {
        /// The current state.
        from: WorkflowState,
        /// The state asked for.
        to: WorkflowState,
    },
    /// Going back without a reason.
    #[error("det kræver en begrundelse at gå tilbage fra {from} til {to}")]
    ReasonRequired {
        /// The current state.
        from: WorkflowState,
        /// The state asked for.
        to: WorkflowState,
    },
    /// Going back from drøftelse to vurdering.
    #[error(
        "bedømmelserne er afsløret og kan ikke gøres blinde igen; auditforløbet kan ikke gå tilbage til vurdering"
    )]
    CannotUnreveal,
    /// A precondition of the transition is not met.
    #[error("{0}")]
    Precondition(String),
    /// The reason is too long or holds a control character (`crate::text`).
    #[error(transparent)]
    Text(#[from] crate::text::TextError),
}

/// Checks whether an audit in `from` may move to `to`, and returns the transition to record.
///
/// # Errors
/// A [`WorkflowError`] naming the rule broken: a reason that is too long or holds a control character,
/// not adjacent, no reason when going back, revealed ratings
/// cannot be hidden again, or an unmet precondition (no panel, material or form before vurdering; no
/// submitted ratings before drøftelse; no published report before opfølgning; open follow-up actions
/// before afsluttet).
pub fn transition(
    from: WorkflowState,
    to: WorkflowState,
    reason: Option<&str>,
    facts: &TransitionFacts,
) -> Result<Transition, WorkflowError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if let Some(reason) = reason {
        crate::text::check_text("begrundelsen", reason, crate::text::REASON_MAX)?;
    }
    let (f, t) = (from.index(), to.index());
    if f == t {
        return Err(WorkflowError::Unchanged(from));
    }
    if t + 1 == f {
        if !from.may_go_back() {
            return Err(WorkflowError::CannotUnreveal);
        }
        if reason.is_none() {
            return Err(WorkflowError::ReasonRequired { from, to });
        }
    } else if t != f + 1 {
        return Err(WorkflowError::NotAdjacent { from, to });
    } else {
        check_forward(to, facts)?;
    }
    Ok(Transition {
        from,
        to,
        reason: reason.map(str::to_owned),
    })
}

fn check_forward(to: WorkflowState, facts: &TransitionFacts) -> Result<(), WorkflowError> {
    let mut missing = Vec::new();
    match to {
        WorkflowState::Vurdering => {
            if facts.raters < 2 {
                missing.push("et panel med mindst to bedømmere");
            }
            if facts.materials == 0 {
                missing.push("auditmateriale");
            }
            if facts.form_items == 0 {
                missing.push("et vurderingsskema med mindst ét punkt");
            }
            match facts.deadline {
                None => missing.push("en frist for bedømmelserne"),
                Some(d) if d < facts.today => missing.push("en frist, der ikke er overskredet"),
                Some(_) => {}
            }
        }
        WorkflowState::Droeftelse if facts.submitted_raters == 0 => {
            missing.push("mindst én indsendt bedømmelse");
        }
        WorkflowState::Opfoelgning if !facts.report_published => {
            missing.push("en offentliggjort auditrapport");
        }
        WorkflowState::Afsluttet if facts.open_actions > 0 => {
            return Err(WorkflowError::Precondition(format!(
                "auditforløbet kan først afsluttes, når alle opfølgningspunkter er kvitteret eller bortfaldet ({} er åbne)",
                facts.open_actions
            )));
        }
        _ => {}
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(WorkflowError::Precondition(format!(
            "før {} mangler: {}",
            to.navn(),
            missing.join(", ")
        )))
    }
}

/// Checks that no material with an unconfirmed CPR warning is released to the panel: the move to
/// vurdering waits until the koordinator has confirmed or replaced each flagged file. `flagged` holds
/// the pseudonyms of that material, in material order.
///
/// # Errors
/// [`WorkflowError::Precondition`] naming the material, when moving to vurdering with any flagged.
pub fn check_personal_data(to: WorkflowState, flagged: &[&str]) -> Result<(), WorkflowError> {
    if to != WorkflowState::Vurdering || flagged.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = flagged.iter().map(|p| format!("»{p}«")).collect();
    let (files, it) = if flagged.len() == 1 {
        ("filen", "den")
    } else {
        ("filerne", "dem")
    };
    Err(WorkflowError::Precondition(format!(
        "før vurdering skal mulige CPR-numre i materialet {} bekræftes af koordinatoren, eller {files} erstattes; materialet frigives ikke til panelet, før du har set på {it}",
        names.join(", ")
    )))
}

#[cfg(test)]
mod tests {

    /// Which states may go back, by hand: all but planlægning (nothing before it) and drøftelse
    /// (revealing is one-way); and the transition agrees with it for every state.
    #[test]
    fn only_planlaegning_and_droeftelse_may_not_go_back() {
        use super::WorkflowState as S;
        let may: Vec<S> = S::ALL.into_iter().filter(|s| s.may_go_back()).collect();
        assert_eq!(
            may,
            [S::Vurdering, S::Rapport, S::Opfoelgning, S::Afsluttet]
        );
        let facts = super::TransitionFacts {
            today: time::macros::date!(2025 - 03 - 03),
            deadline: None,
            raters: 0,
            materials: 0,
            form_items: 0,
            submitted_raters: 0,
            report_published: false,
            open_actions: 0,
        };
        for pair in S::ALL.windows(2) {
            let (back, from) = (pair[0], pair[1]);
            let result = super::transition(from, back, Some("fejl i opsætningen"), &facts);
            assert_eq!(result.is_ok(), from.may_go_back(), "{from:?} → {back:?}");
        }
    }
    #[test]
    fn material_is_released_to_the_panel_from_vurdering_on() {
        use super::WorkflowState as S;
        let released: Vec<S> = S::ALL
            .into_iter()
            .filter(|s| s.is_material_released())
            .collect();
        assert_eq!(
            released,
            [
                S::Vurdering,
                S::Droeftelse,
                S::Rapport,
                S::Opfoelgning,
                S::Afsluttet
            ]
        );
    }

    use time::macros::date;

    use super::*;
    use WorkflowState::*;

    fn ready() -> TransitionFacts {
        TransitionFacts {
            today: date!(2025 - 03 - 01),
            deadline: Some(date!(2025 - 03 - 15)),
            raters: 5,
            materials: 10,
            form_items: 4,
            submitted_raters: 3,
            report_published: true,
            open_actions: 0,
        }
    }

    #[test]
    fn every_forward_step_is_allowed_when_its_preconditions_hold() {
        for pair in WorkflowState::ALL.windows(2) {
            let t = transition(pair[0], pair[1], None, &ready()).unwrap();
            assert_eq!((t.from, t.to, t.reason), (pair[0], pair[1], None));
        }
    }

    #[test]
    fn a_reason_with_a_control_character_or_over_the_limit_is_refused() {
        for reason in [
            "fordi\u{0}".to_owned(),
            "x".repeat(crate::text::REASON_MAX + 1),
        ] {
            let err = transition(Vurdering, Planlaegning, Some(&reason), &ready()).unwrap_err();
            assert!(matches!(err, WorkflowError::Text(_)), "{err}");
            assert!(err.to_string().starts_with("begrundelsen"), "{err}");
        }
    }

    #[test]
    fn every_skip_is_refused() {
        for from in WorkflowState::ALL {
            for to in WorkflowState::ALL {
                let (f, t) = (from as usize, to as usize);
                if t > f + 1 || t + 1 < f {
                    assert_eq!(
                        transition(from, to, Some("fordi"), &ready()),
                        Err(WorkflowError::NotAdjacent { from, to })
                    );
                }
            }
        }
    }

    #[test]
    fn going_back_needs_a_reason_and_never_unreveals() {
        for pair in WorkflowState::ALL.windows(2) {
            let (to, from) = (pair[0], pair[1]);
            if from == Droeftelse {
                assert_eq!(
                    transition(from, to, Some("fejl"), &ready()),
                    Err(WorkflowError::CannotUnreveal)
                );
                continue;
            }
            assert_eq!(
                transition(from, to, None, &ready()),
                Err(WorkflowError::ReasonRequired { from, to })
            );
            assert_eq!(
                transition(from, to, Some("  "), &ready()),
                Err(WorkflowError::ReasonRequired { from, to })
            );
            let t = transition(from, to, Some("materiale mangler"), &ready()).unwrap();
            assert_eq!(t.reason.as_deref(), Some("materiale mangler"));
        }
    }

    #[test]
    fn staying_put_is_refused() {
        assert_eq!(
            transition(Rapport, Rapport, None, &ready()),
            Err(WorkflowError::Unchanged(Rapport))
        );
    }

    #[test]
    fn vurdering_needs_panel_material_form_and_a_future_deadline() {
        let facts = TransitionFacts {
            raters: 1,
            materials: 0,
            form_items: 0,
            deadline: None,
            ..ready()
        };
        let err = transition(Planlaegning, Vurdering, None, &facts)
            .unwrap_err()
            .to_string();
        for needed in [
            "mindst to bedømmere",
            "auditmateriale",
            "vurderingsskema",
            "frist",
        ] {
            assert!(err.contains(needed), "{err} lacks {needed}");
        }
        let past = TransitionFacts {
            deadline: Some(date!(2025 - 02 - 01)),
            ..ready()
        };
        assert!(
            transition(Planlaegning, Vurdering, None, &past)
                .unwrap_err()
                .to_string()
                .contains("overskredet")
        );
    }

    #[test]
    fn other_forward_preconditions() {
        let none_submitted = TransitionFacts {
            submitted_raters: 0,
            ..ready()
        };
        assert!(matches!(
            transition(Vurdering, Droeftelse, None, &none_submitted),
            Err(WorkflowError::Precondition(_))
        ));
        let unpublished = TransitionFacts {
            report_published: false,
            ..ready()
        };
        assert!(matches!(
            transition(Rapport, Opfoelgning, None, &unpublished),
            Err(WorkflowError::Precondition(_))
        ));
        let open = TransitionFacts {
            open_actions: 2,
            ..ready()
        };
        let err = transition(Opfoelgning, Afsluttet, None, &open)
            .unwrap_err()
            .to_string();
        assert!(err.contains("2 er åbne"), "{err}");
    }

    #[test]
    fn flagged_material_blocks_only_the_move_to_vurdering() {
        let err = check_personal_data(Vurdering, &["Sag A", "Sag B"])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("mulige CPR-numre i materialet »Sag A«, »Sag B« bekræftes"),
            "{err}"
        );
        assert!(check_personal_data(Vurdering, &[]).is_ok());
        assert!(check_personal_data(Droeftelse, &["Sag A"]).is_ok());
    }

    #[test]
    fn states_parse_from_id_and_danish_name() {
        assert_eq!("droeftelse".parse(), Ok(Droeftelse));
        assert_eq!("drøftelse".parse(), Ok(Droeftelse));
        assert!(matches!(
            "færdig".parse::<WorkflowState>(),
            Err(WorkflowError::UnknownState(_))
        ));
    }
}
