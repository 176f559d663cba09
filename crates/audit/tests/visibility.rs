//! The blind rule tested like a security boundary: every viewer × every state × both reveal rules.
#![allow(clippy::unwrap_used)]

use audit::visibility::{ProgressStatus, Viewer, may_see_agreement, progress, visible_ratings};
use audit::{
    Afsloeringsregel, Audit, FormItem, Fremmoede, ItemKind, Material, Materialetype, PanelMember,
    Panelrolle, Rating, RatingForm, RatingStatus, RatingValue, Role, Round, Scale, Tilsyn, User,
    Username, WorkflowState,
};

fn user(name: &str, role: Role) -> User {
    User {
        username: name.parse().unwrap(),
        navn: name.into(),
        role,
    }
}

fn member(name: &str, tilsyn: Tilsyn, attendance: Fremmoede) -> PanelMember {
    PanelMember {
        username: name.parse().unwrap(),
        navn: name.into(),
        tilsyn,
        rolle: Panelrolle::Tilsynskonsulent,
        attendance,
    }
}

/// Two materials (Midt, Syd), one indicator item rated per material and one nomination; p1 and p2 rate,
/// p3 is exempted.
fn fixture(state: WorkflowState, reveal_rule: Afsloeringsregel) -> Audit {
    let material = |id: &str, tilsyn| Material {
        id: id.parse().unwrap(),
        pseudonym: format!("Rapport {id}"),
        tilsyn,
        kind: Materialetype::Tilsynsrapport,
        beskrivelse: String::new(),
        original_scores: Default::default(),
        tilbud: None,
        sagsforloeb: None,
        dato: None,
    };
    Audit {
        nr: "25.1".parse().unwrap(),
        titel: "Testforløb".into(),
        formaal: String::new(),
        fokus: String::new(),
        model_version: "2024".into(),
        state,
        deadline: None,
        meeting_date: None,
        reveal_rule,
        panel: vec![
            member("p1", Tilsyn::Midt, Fremmoede::Deltager),
            member("p2", Tilsyn::Syd, Fremmoede::Deltager),
            member(
                "p3",
                Tilsyn::Nord,
                Fremmoede::Fritaget {
                    grund: "ingen sager".into(),
                },
            ),
        ],
        materials: vec![material("m1", Tilsyn::Midt), material("m2", Tilsyn::Syd)],
        forms: vec![RatingForm {
            titel: "Skema".into(),
            scale: Scale::Drift,
            materials: vec![],
            items: vec![
                FormItem {
                    id: "i1".parse().unwrap(),
                    tekst: "8.a".into(),
                    kind: ItemKind::Indikator {
                        indikator: "8.a".into(),
                    },
                },
                FormItem {
                    id: "n1".parse().unwrap(),
                    tekst: "Bedste".into(),
                    kind: ItemKind::Nominering { indikator: None },
                },
            ],
        }],
    }
}

fn rating(
    rater: &str,
    unit: &str,
    value: RatingValue,
    round: Round,
    status: RatingStatus,
) -> Rating {
    Rating {
        rater: rater.parse().unwrap(),
        unit: unit.parse().unwrap(),
        value: Some(value),
        reason: String::new(),
        round,
        status,
    }
}

/// p1 submitted everything in round 1; p2 submitted m1, has a draft on m2, gave no nomination, and has a
/// submitted round-2 rating (present in the data even in states where it could not exist, to prove it is
/// filtered anyway).
fn ratings() -> Vec<Rating> {
    use RatingStatus::*;
    use RatingValue::*;
    vec![
        rating("p1", "i1/m1", Score(4), Round::First, Submitted),
        rating("p1", "i1/m2", Score(2), Round::First, Submitted),
        rating(
            "p1",
            "n1",
            Pick("m1".parse().unwrap()),
            Round::First,
            Submitted,
        ),
        rating("p2", "i1/m1", Score(5), Round::First, Submitted),
        rating("p2", "i1/m2", Score(3), Round::First, Draft),
        rating("p2", "i1/m2", Score(4), Round::Second, Submitted),
    ]
}

/// The visible ratings as "rater unit round" strings, sorted.
fn seen(audit: &Audit, viewer: Viewer<'_>, all: &[Rating]) -> Vec<String> {
    let mut v: Vec<String> = visible_ratings(audit, viewer, all)
        .into_iter()
        .map(|r| format!("{} {} {}", r.rater, r.unit, r.round.number()))
        .collect();
    v.sort();
    v
}

fn strs(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| (*s).to_owned()).collect();
    v.sort();
    v
}

const P1_OWN: [&str; 3] = ["p1 i1/m1 1", "p1 i1/m2 1", "p1 n1 1"];
const P2_OWN: [&str; 3] = ["p2 i1/m1 1", "p2 i1/m2 1", "p2 i1/m2 2"];
const ALL_SUBMITTED: [&str; 5] = [
    "p1 i1/m1 1",
    "p1 i1/m2 1",
    "p1 n1 1",
    "p2 i1/m1 1",
    "p2 i1/m2 2",
];

#[test]
fn outsiders_never_see_any_rating() {
    let outsiders = [
        user("p3", Role::Panelist),          // exempted member of this panel
        user("andet-panel", Role::Panelist), // panelist of another audit
        user("tk", Role::Tilsynskontakt(Tilsyn::Midt)),
        user("laeser", Role::Laeser),
    ];
    for state in WorkflowState::ALL {
        for rule in [
            Afsloeringsregel::VedMoedet,
            Afsloeringsregel::EfterEgenIndsendelse,
        ] {
            let audit = fixture(state, rule);
            for u in &outsiders {
                assert_eq!(audit.viewer(u), Viewer::Outsider);
                assert!(
                    seen(&audit, audit.viewer(u), &ratings()).is_empty(),
                    "{} in {state:?}",
                    u.username
                );
                assert!(!may_see_agreement(audit.viewer(u), state));
            }
        }
    }
}

#[test]
fn koordinator_sees_nothing_before_reveal_and_all_submitted_after() {
    let k = user("koordinator", Role::Koordinator);
    for state in WorkflowState::ALL {
        for rule in [
            Afsloeringsregel::VedMoedet,
            Afsloeringsregel::EfterEgenIndsendelse,
        ] {
            let audit = fixture(state, rule);
            let expected: Vec<String> = if state.is_revealed() {
                strs(&ALL_SUBMITTED)
            } else {
                vec![]
            };
            assert_eq!(
                seen(&audit, audit.viewer(&k), &ratings()),
                expected,
                "{state:?} {rule:?}"
            );
            assert_eq!(
                may_see_agreement(audit.viewer(&k), state),
                state.is_revealed()
            );
        }
    }
}

#[test]
fn panelist_sees_own_before_reveal_and_everything_submitted_after() {
    let p1 = user("p1", Role::Panelist);
    let p2 = user("p2", Role::Panelist);
    for state in WorkflowState::ALL {
        let audit = fixture(state, Afsloeringsregel::VedMoedet);
        let (e1, e2) = if state.is_revealed() {
            // After reveal: everything submitted plus one's own drafts, never another's draft.
            (
                strs(&ALL_SUBMITTED),
                strs(&[&ALL_SUBMITTED[..], &["p2 i1/m2 1"]].concat()),
            )
        } else {
            (strs(&P1_OWN), strs(&P2_OWN))
        };
        assert_eq!(
            seen(&audit, audit.viewer(&p1), &ratings()),
            e1,
            "p1 {state:?}"
        );
        assert_eq!(
            seen(&audit, audit.viewer(&p2), &ratings()),
            e2,
            "p2 {state:?}"
        );
    }
}

#[test]
fn per_material_rule_unlocks_only_fully_submitted_material_during_vurdering() {
    let audit = fixture(
        WorkflowState::Vurdering,
        Afsloeringsregel::EfterEgenIndsendelse,
    );
    let p1 = user("p1", Role::Panelist);
    let p2 = user("p2", Role::Panelist);
    // p1 submitted m1, m2 and n1: sees p2's submitted round-1 rating of m1, not p2's draft of m2, not round 2.
    assert_eq!(
        seen(&audit, audit.viewer(&p1), &ratings()),
        strs(&[&P1_OWN[..], &["p2 i1/m1 1"]].concat())
    );
    // p2 submitted only m1: sees p1's m1 rating, not p1's m2 rating nor p1's nomination.
    assert_eq!(
        seen(&audit, audit.viewer(&p2), &ratings()),
        strs(&[&P2_OWN[..], &["p1 i1/m1 1"]].concat())
    );
    // In planlægning the rule unlocks nothing.
    let planning = fixture(
        WorkflowState::Planlaegning,
        Afsloeringsregel::EfterEgenIndsendelse,
    );
    assert_eq!(
        seen(&planning, planning.viewer(&p1), &ratings()),
        strs(&P1_OWN)
    );
}

#[test]
fn panelists_may_see_agreement_only_after_reveal() {
    let p1 = user("p1", Role::Panelist);
    for state in WorkflowState::ALL {
        let audit = fixture(state, Afsloeringsregel::EfterEgenIndsendelse);
        assert_eq!(
            may_see_agreement(audit.viewer(&p1), state),
            state.is_revealed(),
            "{state:?}"
        );
    }
}

#[test]
fn progress_counts_without_values() {
    let audit = fixture(WorkflowState::Vurdering, Afsloeringsregel::VedMoedet);
    let p = progress(&audit, &ratings());
    // Three units (i1/m1, i1/m2, n1); p3 is exempted and not listed.
    assert_eq!(p.len(), 2);
    assert_eq!(
        (p[0].rater.as_str(), p[0].status, p[0].submitted, p[0].total),
        ("p1", ProgressStatus::Submitted, 3, 3)
    );
    assert_eq!(
        (
            p[1].rater.as_str(),
            p[1].status,
            p[1].submitted,
            p[1].drafts
        ),
        ("p2", ProgressStatus::Draft, 1, 1)
    );
    let nobody = progress(&audit, &[]);
    assert!(
        nobody
            .iter()
            .all(|p| p.status == ProgressStatus::NotStarted)
    );
    // The serialized form holds no value field at all.
    let json = format!("{:?}", p);
    assert!(!json.contains("Score"));
    let _: &Username = &p[0].rater;
}
