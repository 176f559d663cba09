//! Who may see what of which audit in which state: one table for the pages, files, figures and report
//! of an audit, for every role. The web layer loads the facts (the user, the audit, whether a report is
//! published, whether a file is cleared) and asks [`may_see`]; it decides nothing itself.
//!
//! | part | koordinator | panel member | anyone else |
//! | --- | --- | --- | --- |
//! | working pages | always | always (also when exempted) | never |
//! | overview (title, dates, panel, material by pseudonym) | always | always | a tilsynskontakt whose tilsyn sits on the panel |
//! | material file | always | from vurdering on, once cleared of CPR warnings | never |
//! | material identity (real tilsyn, file name) | always | never | never |
//! | panel progress | during vurdering | never | never |
//! | rating exports | after reveal | after reveal, when rating | never |
//! | report draft | always | never | never |
//! | published report and its versions | when published | when published | when published |
//! | list of versions | always | when published | when published |
//!
//! Which rating *values* a viewer sees is not decided here but by [`crate::visibility`], the single place
//! of the blind rule (rating exports follow its [`crate::visibility::may_see_agreement`]); which
//! follow-up actions, by [`crate::followup::follow_up_visible_to`]; which edition of the report, by
//! [`crate::report::udgave_for`].

use crate::{Audit, Role, Tilsyn, User, WorkflowState};

/// How a user stands towards one audit's panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Not on the panel.
    Outside,
    /// On the panel but exempted (fritaget): sees the working pages, rates nothing.
    Exempted,
    /// On the panel, rating.
    Rating,
}

/// The facts about a user and an audit that access depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// The user's role.
    pub role: Role,
    /// The user's place on the audit's panel.
    pub panel: Panel,
    /// The audit's workflow state.
    pub state: WorkflowState,
    /// For a tilsynskontakt: whether their tilsyn took part (has a member on the panel).
    pub eget_tilsyn_deltog: bool,
}

impl Facts {
    /// The facts for `user` looking at `audit`.
    pub fn of(user: &User, audit: &Audit) -> Facts {
        let panel = match audit.member(&user.username) {
            None => Panel::Outside,
            Some(m) if m.rates() => Panel::Rating,
            Some(_) => Panel::Exempted,
        };
        Facts {
            role: user.role,
            panel,
            state: audit.state,
            eget_tilsyn_deltog: tilsyn_deltog(user.role, audit),
        }
    }
}

/// Whether `role` is a tilsynskontakt whose tilsyn has a member on `audit`'s panel.
pub fn tilsyn_deltog(role: Role, audit: &Audit) -> bool {
    match role {
        Role::Tilsynskontakt(tilsyn) => audit.panel.iter().any(|m| m.tilsyn == tilsyn),
        _ => false,
    }
}

/// A part of an audit someone may want to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The working pages: the overview, the panel, the material list, the rating pages.
    WorkingPages,
    /// The overview alone (title, purpose, dates, panel, material by pseudonym; no progress, no
    /// values): the working pages' viewers and the tilsynskontakt of a tilsyn that took part.
    Overview,
    /// The file of one material, as the panel reads it; `cleared` is false while a possible CPR number
    /// in it awaits the koordinator's look.
    MaterialFile {
        /// Whether the file is released from the CPR scan.
        cleared: bool,
    },
    /// Who is behind a material's pseudonym: its real tilsyn and original file name.
    MaterialIdentity,
    /// The panel's progress (counts, never values) while the ratings come in.
    Progress,
    /// The exports of ratings and agreement (CSV, Excel).
    RatingExports,
    /// The live report draft.
    ReportDraft,
    /// A published version of the report; `published` says whether any version is.
    PublishedReport {
        /// Whether a version is published.
        published: bool,
    },
    /// The list of published versions, which for the koordinator also says that there are none.
    ReportVersions {
        /// Whether a version is published.
        published: bool,
    },
}

/// Whether someone with `facts` may see `part` of the audit. See the table in the module documentation.
pub fn may_see(facts: Facts, part: Part) -> bool {
    let koordinator = facts.role == Role::Koordinator;
    // A panel member is a panelist on this audit's panel; another role on a panel counts for nothing.
    let member = facts.role == Role::Panelist && facts.panel != Panel::Outside;
    match part {
        Part::WorkingPages => koordinator || member,
        Part::Overview => {
            koordinator
                || member
                || (matches!(facts.role, Role::Tilsynskontakt(_)) && facts.eget_tilsyn_deltog)
        }
        Part::MaterialFile { cleared } => {
            koordinator || (member && facts.state.is_material_released() && cleared)
        }
        Part::MaterialIdentity | Part::ReportDraft => koordinator,
        Part::Progress => koordinator && facts.state == WorkflowState::Vurdering,
        // The agreement rule of `visibility::may_see_agreement`, for the viewers it knows.
        Part::RatingExports => {
            facts.state.is_revealed() && (koordinator || (member && facts.panel == Panel::Rating))
        }
        Part::PublishedReport { published } => published,
        Part::ReportVersions { published } => koordinator || published,
    }
}

/// Which audits a role lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditList {
    /// Every audit.
    All,
    /// The audits on whose panel the user sits (also when exempted).
    OwnPanels,
    /// The audits whose panel has a member from this tilsyn (their overview only, [`Part::Overview`]).
    TilsynDeltog(Tilsyn),
    /// None: the role reads published reports and follow-up instead.
    None,
}

/// The audits `role` lists: those whose working pages it may open ([`Part::WorkingPages`]), and for a
/// tilsynskontakt those their tilsyn took part in ([`Part::Overview`]).
pub fn audit_list(role: Role) -> AuditList {
    match role {
        Role::Koordinator => AuditList::All,
        Role::Panelist => AuditList::OwnPanels,
        Role::Tilsynskontakt(tilsyn) => AuditList::TilsynDeltog(tilsyn),
        Role::Laeser => AuditList::None,
    }
}

#[cfg(test)]
mod tests {
    use super::{AuditList, Facts, Panel, Part, audit_list, may_see};
    use crate::{Role, Tilsyn, WorkflowState};

    /// The viewers of the matrix: each role, and a panelist in each place on the panel.
    const VIEWERS: [(&str, Role, Panel); 7] = [
        ("koordinator", Role::Koordinator, Panel::Outside),
        ("rating panelist", Role::Panelist, Panel::Rating),
        ("exempted panelist", Role::Panelist, Panel::Exempted),
        ("other panelist", Role::Panelist, Panel::Outside),
        (
            "tilsynskontakt",
            Role::Tilsynskontakt(Tilsyn::Midt),
            Panel::Outside,
        ),
        ("læser", Role::Laeser, Panel::Outside),
        // A role that is no panelist gains nothing by a (misconfigured) seat on the panel.
        ("læser on the panel", Role::Laeser, Panel::Rating),
    ];

    /// Every part × every viewer × every state, written out by hand from the module's table. Each
    /// pattern has one character per state in workflow order (`WorkflowState::ALL`): `x` may see, `.`
    /// may not.
    #[test]
    fn the_matrix_of_part_viewer_and_state() {
        let all = "xxxxxx";
        let none = "......";
        // Viewer order: koordinator, rating, exempted, other panelist, tilsynskontakt, læser, læser on
        // the panel.
        let table: [(Part, [&str; 7]); 12] = [
            (Part::WorkingPages, [all, all, all, none, none, none, none]),
            (Part::Overview, [all, all, all, none, none, none, none]),
            (
                Part::MaterialFile { cleared: true },
                [all, ".xxxxx", ".xxxxx", none, none, none, none],
            ),
            (
                Part::MaterialFile { cleared: false },
                [all, none, none, none, none, none, none],
            ),
            (
                Part::MaterialIdentity,
                [all, none, none, none, none, none, none],
            ),
            (
                Part::Progress,
                [".x....", none, none, none, none, none, none],
            ),
            (
                Part::RatingExports,
                ["..xxxx", "..xxxx", none, none, none, none, none],
            ),
            (Part::ReportDraft, [all, none, none, none, none, none, none]),
            (
                Part::PublishedReport { published: true },
                [all, all, all, all, all, all, all],
            ),
            (
                Part::PublishedReport { published: false },
                [none, none, none, none, none, none, none],
            ),
            (
                Part::ReportVersions { published: true },
                [all, all, all, all, all, all, all],
            ),
            (
                Part::ReportVersions { published: false },
                [all, none, none, none, none, none, none],
            ),
        ];
        for (part, patterns) in table {
            for ((name, role, panel), pattern) in VIEWERS.into_iter().zip(patterns) {
                for (state, expected) in WorkflowState::ALL.into_iter().zip(pattern.chars()) {
                    let facts = Facts {
                        role,
                        panel,
                        state,
                        eget_tilsyn_deltog: false,
                    };
                    assert_eq!(
                        may_see(facts, part),
                        expected == 'x',
                        "{part:?} for {name} in {state:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_tilsyn_is_alike_for_the_audit_pages() {
        for t in Tilsyn::ALL {
            let facts = Facts {
                role: Role::Tilsynskontakt(t),
                panel: Panel::Outside,
                state: WorkflowState::Opfoelgning,
                eget_tilsyn_deltog: false,
            };
            assert!(!may_see(facts, Part::WorkingPages), "{t:?}");
            assert!(may_see(facts, Part::PublishedReport { published: true }));
        }
    }

    /// The exports follow the agreement rule of the blind rule's module.
    #[test]
    fn rating_exports_agree_with_the_agreement_rule() {
        use crate::visibility::{Viewer, may_see_agreement};
        let rater: crate::Username = "rater".parse().unwrap();
        for state in WorkflowState::ALL {
            for (role, panel, viewer) in [
                (Role::Koordinator, Panel::Outside, Viewer::Koordinator),
                (Role::Panelist, Panel::Rating, Viewer::Panelist(&rater)),
                (Role::Panelist, Panel::Exempted, Viewer::Outsider),
                (Role::Laeser, Panel::Outside, Viewer::Outsider),
            ] {
                let facts = Facts {
                    role,
                    panel,
                    state,
                    eget_tilsyn_deltog: false,
                };
                assert_eq!(
                    may_see(facts, Part::RatingExports),
                    may_see_agreement(viewer, state),
                    "{role:?} {panel:?} {state:?}"
                );
            }
        }
    }

    #[test]
    fn the_audit_list_follows_the_working_pages() {
        assert_eq!(audit_list(Role::Koordinator), AuditList::All);
        assert_eq!(audit_list(Role::Panelist), AuditList::OwnPanels);
        assert_eq!(
            audit_list(Role::Tilsynskontakt(Tilsyn::Syd)),
            AuditList::TilsynDeltog(Tilsyn::Syd)
        );
        assert_eq!(audit_list(Role::Laeser), AuditList::None);
    }

    /// A tilsynskontakt whose tilsyn took part opens the overview in every state, and nothing more of
    /// the audit: no working pages, no material file, no progress, no exports, no draft report.
    #[test]
    fn a_tilsynskontakt_opens_the_overview_of_an_audit_their_tilsyn_took_part_in() {
        for state in WorkflowState::ALL {
            for deltog in [true, false] {
                let facts = Facts {
                    role: Role::Tilsynskontakt(Tilsyn::Midt),
                    panel: Panel::Outside,
                    state,
                    eget_tilsyn_deltog: deltog,
                };
                assert_eq!(may_see(facts, Part::Overview), deltog, "{state:?}");
                for part in [
                    Part::WorkingPages,
                    Part::MaterialFile { cleared: true },
                    Part::MaterialIdentity,
                    Part::Progress,
                    Part::RatingExports,
                    Part::ReportDraft,
                    Part::PublishedReport { published: false },
                ] {
                    assert!(!may_see(facts, part), "{part:?} {state:?}");
                }
            }
            // Another role gains nothing by the flag.
            let laeser = Facts {
                role: Role::Laeser,
                panel: Panel::Outside,
                state,
                eget_tilsyn_deltog: true,
            };
            assert!(!may_see(laeser, Part::Overview));
        }
    }

    #[test]
    fn the_tilsyn_took_part_when_it_has_a_member_on_the_panel() {
        let mut audit = crate::Audit {
            nr: "25.1".parse().unwrap(),
            titel: "T".into(),
            formaal: String::new(),
            fokus: String::new(),
            model_version: "2024".into(),
            state: WorkflowState::Vurdering,
            deadline: None,
            meeting_date: None,
            reveal_rule: crate::Afsloeringsregel::default(),
            panel: Vec::new(),
            materials: Vec::new(),
            forms: Vec::new(),
        };
        let midt = Role::Tilsynskontakt(Tilsyn::Midt);
        assert!(!super::tilsyn_deltog(midt, &audit));
        audit.panel.push(crate::PanelMember {
            username: "midt-1".parse().unwrap(),
            navn: "Konsulent Midt 1".into(),
            tilsyn: Tilsyn::Midt,
            rolle: crate::Panelrolle::Tilsynskonsulent,
            attendance: crate::Fremmoede::Deltager,
        });
        assert!(super::tilsyn_deltog(midt, &audit));
        assert!(!super::tilsyn_deltog(
            Role::Tilsynskontakt(Tilsyn::Nord),
            &audit
        ));
        assert!(!super::tilsyn_deltog(Role::Koordinator, &audit));
    }
}
