//! Checks on a rating before it is stored: who may rate what, when, and with which values.
#![allow(clippy::unwrap_used)]

use audit::{
    Afsloeringsregel, Audit, FormItem, Fremmoede, ItemKind, Material, Materialetype, PanelMember,
    Panelrolle, Rating, RatingError, RatingForm, RatingStatus, RatingValue, Round, Scale, Tilsyn,
    WorkflowState,
};
use time::macros::date;

fn audit(state: WorkflowState) -> Audit {
    let material = |id: &str, tilsyn| Material {
        id: id.parse().unwrap(),
        pseudonym: format!("Sag {id}"),
        tilsyn,
        kind: Materialetype::Procesbeskrivelse,
        beskrivelse: String::new(),
        original_scores: Default::default(),
        tilbud: None,
        sagsforloeb: None,
        dato: None,
    };
    let item = |id: &str, kind| FormItem {
        id: id.parse().unwrap(),
        tekst: id.into(),
        kind,
    };
    Audit {
        nr: "19.2".parse().unwrap(),
        titel: "Dialogforløb".into(),
        formaal: String::new(),
        fokus: String::new(),
        model_version: "2017".into(),
        state,
        deadline: Some(date!(2019 - 05 - 01)),
        meeting_date: Some(date!(2019 - 05 - 15)),
        reveal_rule: Afsloeringsregel::VedMoedet,
        panel: vec![
            PanelMember {
                username: "midt-1".parse().unwrap(),
                navn: "Konsulent Midt 1".into(),
                tilsyn: Tilsyn::Midt,
                rolle: Panelrolle::Tilsynskonsulent,
                attendance: Fremmoede::Deltager,
            },
            PanelMember {
                username: "nord-1".parse().unwrap(),
                navn: "Konsulent Nord 1".into(),
                tilsyn: Tilsyn::Nord,
                rolle: Panelrolle::Jurist,
                attendance: Fremmoede::Fritaget {
                    grund: "fritaget".into(),
                },
            },
        ],
        materials: vec![
            material("a", Tilsyn::Midt),
            material("b", Tilsyn::Syd),
            material("c", Tilsyn::Oest),
        ],
        forms: vec![
            RatingForm {
                titel: "Drift".into(),
                scale: Scale::Drift,
                materials: vec!["a".parse().unwrap(), "b".parse().unwrap()],
                items: vec![item(
                    "i1",
                    ItemKind::Indikator {
                        indikator: "3.a".into(),
                    },
                )],
            },
            RatingForm {
                titel: "Udvælgelse".into(),
                scale: Scale::Drift,
                materials: vec![],
                items: vec![
                    item("valg", ItemKind::Sagsudvaelgelse { antal: 2 }),
                    item("r1", ItemKind::Refleksion),
                ],
            },
        ],
    }
}

fn r(rater: &str, unit: &str, value: Option<RatingValue>, round: Round) -> Rating {
    Rating {
        rater: rater.parse().unwrap(),
        unit: unit.parse().unwrap(),
        value,
        reason: String::new(),
        round,
        status: RatingStatus::Draft,
    }
}

const BEFORE: time::Date = date!(2019 - 04 - 20);

#[test]
fn valid_ratings_pass() {
    let a = audit(WorkflowState::Vurdering);
    a.validate().unwrap();
    for rating in [
        r("midt-1", "i1/a", Some(RatingValue::Score(4)), Round::First),
        r("midt-1", "i1/b", None, Round::First),
        r(
            "midt-1",
            "valg",
            Some(RatingValue::Picks(vec![
                "a".parse().unwrap(),
                "c".parse().unwrap(),
            ])),
            Round::First,
        ),
        r(
            "midt-1",
            "r1",
            Some(RatingValue::Text("Fordi …".into())),
            Round::First,
        ),
    ] {
        assert_eq!(
            a.check_rating(&rating, None, BEFORE),
            Ok(()),
            "{}",
            rating.unit
        );
    }
}

#[test]
fn bad_ratings_are_refused_with_a_reason() {
    let a = audit(WorkflowState::Vurdering);
    let cases: Vec<(Rating, &str)> = vec![
        (
            r("nord-1", "i1/a", Some(RatingValue::Score(3)), Round::First),
            "ikke bedømmer",
        ),
        (
            r("syd-9", "i1/a", Some(RatingValue::Score(3)), Round::First),
            "ikke bedømmer",
        ),
        (
            r("midt-1", "i1/c", Some(RatingValue::Score(3)), Round::First),
            "findes ikke",
        ),
        (
            r("midt-1", "i1", Some(RatingValue::Score(3)), Round::First),
            "findes ikke",
        ),
        (
            r("midt-1", "x9/a", Some(RatingValue::Score(3)), Round::First),
            "findes ikke",
        ),
        (
            r("midt-1", "i1/a", Some(RatingValue::Score(6)), Round::First),
            "driftsskala",
        ),
        (
            r(
                "midt-1",
                "i1/a",
                Some(RatingValue::Text("godt".into())),
                Round::First,
            ),
            "kan ikke få dette svar",
        ),
        (
            r(
                "midt-1",
                "valg",
                Some(RatingValue::Picks(vec!["a".parse().unwrap()])),
                Round::First,
            ),
            "præcis 2",
        ),
        (
            r(
                "midt-1",
                "valg",
                Some(RatingValue::Picks(vec![
                    "a".parse().unwrap(),
                    "a".parse().unwrap(),
                ])),
                Round::First,
            ),
            "mere end én gang",
        ),
        (
            r(
                "midt-1",
                "valg",
                Some(RatingValue::Picks(vec![
                    "a".parse().unwrap(),
                    "z".parse().unwrap(),
                ])),
                Round::First,
            ),
            "»z«",
        ),
        (
            r(
                "midt-1",
                "r1",
                Some(RatingValue::Text("  ".into())),
                Round::First,
            ),
            "tomt",
        ),
        (
            r("midt-1", "i1/a", Some(RatingValue::Score(3)), Round::Second),
            "runde 2",
        ),
    ];
    for (rating, needle) in cases {
        let err = a
            .check_rating(&rating, None, BEFORE)
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{}: {err}", rating.unit);
    }
}

#[test]
fn deadline_submission_and_rounds_are_enforced() {
    let a = audit(WorkflowState::Vurdering);
    let rating = r("midt-1", "i1/a", Some(RatingValue::Score(3)), Round::First);
    assert_eq!(
        a.check_rating(&rating, None, date!(2019 - 05 - 01)),
        Ok(()),
        "the deadline day itself is open"
    );
    assert!(matches!(
        a.check_rating(&rating, None, date!(2019 - 05 - 02)),
        Err(RatingError::PastDeadline(_))
    ));
    let submitted = Rating {
        status: RatingStatus::Submitted,
        ..rating.clone()
    };
    assert!(matches!(
        a.check_rating(&rating, Some(&submitted), BEFORE),
        Err(RatingError::AlreadySubmitted(_))
    ));
    let revealed = audit(WorkflowState::Droeftelse);
    assert!(matches!(
        revealed.check_rating(&rating, None, BEFORE),
        Err(RatingError::RoundClosed { round: 1, .. })
    ));
    let second = Rating {
        round: Round::Second,
        ..rating
    };
    assert_eq!(
        revealed.check_rating(&second, None, date!(2019 - 06 - 01)),
        Ok(()),
        "round 2 has no deadline"
    );
}

#[test]
fn units_and_own_tilsyn() {
    let a = audit(WorkflowState::Vurdering);
    let units: Vec<String> = a.units().iter().map(ToString::to_string).collect();
    assert_eq!(units, ["i1/a", "i1/b", "valg", "r1"]);
    let midt = "midt-1".parse().unwrap();
    assert!(a.is_own_tilsyn(&midt, &"i1/a".parse().unwrap()));
    assert!(!a.is_own_tilsyn(&midt, &"i1/b".parse().unwrap()));
    assert!(!a.is_own_tilsyn(&midt, &"valg".parse().unwrap()));
}

#[test]
fn a_pseudonym_is_in_use_whatever_its_case() {
    let a = audit(WorkflowState::Planlaegning);
    assert!(a.pseudonym_in_use("Sag a"));
    assert!(a.pseudonym_in_use("SAG A"));
    assert!(a.pseudonym_in_use("  sag b "));
    assert!(!a.pseudonym_in_use("Sag d"));
    assert!(!a.pseudonym_in_use("Sag"));
}

#[test]
fn inconsistent_audits_are_refused() {
    let mut a = audit(WorkflowState::Planlaegning);
    a.forms[0].materials.push("zz".parse().unwrap());
    assert!(a.validate().unwrap_err().to_string().contains("»zz«"));
    let mut b = audit(WorkflowState::Planlaegning);
    b.panel.push(b.panel[0].clone());
    assert!(b.validate().unwrap_err().to_string().contains("to gange"));
}

#[test]
fn setup_is_frozen_once_rating_has_begun_except_attendance() {
    let planning = audit(WorkflowState::Planlaegning);
    let mut changed = planning.clone();
    changed.forms.pop();
    assert_eq!(
        planning.check_setup_change(&changed, false),
        Ok(()),
        "everything may change in planlægning before the first rating"
    );

    let rating = audit(WorkflowState::Vurdering);
    let mut forms = rating.clone();
    forms.forms.pop();
    let mut material = rating.clone();
    material.materials[0].pseudonym = "Sag Z".into();
    let mut seat = rating.clone();
    seat.panel[0].tilsyn = Tilsyn::Syd;
    for (changed, what) in [
        (forms, "vurderingsskemaerne"),
        (material, "auditmaterialet"),
        (seat, "panelets"),
    ] {
        let err = rating
            .check_setup_change(&changed, false)
            .unwrap_err()
            .to_string();
        assert!(err.contains(what) && err.contains("planlægning"), "{err}");
    }
    let mut attendance = rating.clone();
    attendance.panel[0].attendance = Fremmoede::Afbud {
        grund: "sygdom".into(),
        paa_dagen: true,
    };
    assert_eq!(
        rating.check_setup_change(&attendance, true),
        Ok(()),
        "an afbud on the day is still recorded"
    );
}

#[test]
fn a_material_file_may_only_be_replaced_in_planlaegning() {
    assert_eq!(
        audit(WorkflowState::Planlaegning).check_material_file_change(false),
        Ok(())
    );
    let err = audit(WorkflowState::Planlaegning)
        .check_material_file_change(true)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("auditmaterialets filer ligger fast") && err.contains("kladde"),
        "a draft freezes the files too: {err}"
    );
    for state in [WorkflowState::Vurdering, WorkflowState::Droeftelse] {
        let err = audit(state)
            .check_material_file_change(false)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("auditmaterialets filer") && err.contains("planlægning"),
            "{err}"
        );
    }
}

#[test]
fn the_reveal_rule_scale_and_model_version_freeze_with_the_rest() {
    let rating = audit(WorkflowState::Vurdering);
    let mut rule = rating.clone();
    rule.reveal_rule = Afsloeringsregel::EfterEgenIndsendelse;
    let mut scale = rating.clone();
    scale.forms[0].scale = Scale::Godkendelse;
    let mut version = rating.clone();
    version.model_version = "2024".into();
    for (changed, what, why) in [
        (rule, "reglen for afsløring af bedømmelserne", "før tid"),
        (scale, "skalaen", "afgives på den"),
        (version, "kvalitetsmodellens version", "bygger på den"),
    ] {
        let err = rating
            .check_setup_change(&changed, false)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("{what} kan kun ændres under planlægning"))
                && err.contains(why),
            "{err}"
        );
    }
    let mut other = rating.clone();
    other.titel = "Ny titel".into();
    other.deadline = Some(date!(2019 - 05 - 08));
    assert_eq!(
        rating.check_setup_change(&other, true),
        Ok(()),
        "title and dates may still change"
    );
}

#[test]
fn a_rating_freezes_the_setup_even_back_in_planlaegning() {
    let planning = audit(WorkflowState::Planlaegning);
    assert_eq!(planning.setup_freeze(false), None);
    assert_eq!(planning.setup_freeze(true), Some(audit::Freeze::Rated));
    assert_eq!(
        audit(WorkflowState::Droeftelse).setup_freeze(false),
        Some(audit::Freeze::State(WorkflowState::Droeftelse))
    );
    let mut rule = planning.clone();
    rule.reveal_rule = Afsloeringsregel::EfterEgenIndsendelse;
    let mut seat = planning.clone();
    seat.panel.pop();
    let mut forms = planning.clone();
    forms.forms[0].items.pop();
    for (changed, what) in [
        (rule, "reglen for afsløring af bedømmelserne"),
        (seat, "panelets sammensætning"),
        (forms, "vurderingsskemaerne"),
    ] {
        assert_eq!(planning.check_setup_change(&changed, false), Ok(()));
        let err = planning
            .check_setup_change(&changed, true)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!(
                "{what} ligger fast, fordi der allerede er afgivet bedømmelser"
            )),
            "{err}"
        );
    }
}

#[test]
fn a_changed_scale_is_named_as_the_scale_and_other_form_changes_as_the_forms() {
    let a = audit(WorkflowState::Vurdering);
    let mut scale = a.clone();
    scale.forms[0].scale = Scale::Godkendelse;
    assert_eq!(a.changed_parts(&scale), [audit::SetupPart::Scale]);
    let mut items = a.clone();
    items.forms[0].items.pop();
    assert_eq!(a.changed_parts(&items), [audit::SetupPart::Forms]);
    assert!(a.changed_parts(&a.clone()).is_empty());
}

#[test]
fn a_reason_or_text_that_breaks_the_text_rule_is_refused_at_its_unit() {
    let a = audit(WorkflowState::Vurdering);
    let mut nul = r("midt-1", "i1/a", Some(RatingValue::Score(4)), Round::First);
    nul.reason = "God\u{0}ledelse".into();
    let mut long = nul.clone();
    long.reason = "x".repeat(audit::text::REASON_MAX + 1);
    for rating in [nul, long] {
        let err = a.check_rating(&rating, None, BEFORE).unwrap_err();
        assert!(
            matches!(&err, RatingError::Text { unit, .. } if unit.to_string() == "i1/a"),
            "{err}"
        );
        assert!(err.to_string().contains("begrundelsen"), "{err}");
    }
    let mut fine = r("midt-1", "i1/a", Some(RatingValue::Score(4)), Round::First);
    fine.reason = "x".repeat(audit::text::REASON_MAX);
    assert_eq!(a.check_rating(&fine, None, BEFORE), Ok(()));
}

#[test]
fn an_audit_with_a_control_character_or_an_overlong_title_is_invalid() {
    let mut a = audit(WorkflowState::Planlaegning);
    a.titel = "Dialog\u{1b}[31m".into();
    assert!(
        a.validate()
            .unwrap_err()
            .to_string()
            .starts_with("titlen indeholder et usynligt styretegn (U+001B)")
    );
    a.titel = "T".repeat(audit::text::TITLE_MAX + 1);
    assert!(
        a.validate()
            .unwrap_err()
            .to_string()
            .contains("højst 300 tegn")
    );
    let mut b = audit(WorkflowState::Planlaegning);
    b.materials[0].pseudonym = "Sag\u{0}A".into();
    assert!(
        b.validate()
            .unwrap_err()
            .to_string()
            .contains("pseudonymet for »a«")
    );
}

#[test]
fn kunne_ikke_bedoemmes_is_refused_on_a_scale_without_it_and_kept_where_the_scale_has_it() {
    // Seed 004: on approval "Socialtilsynet skal foretage en bedømmelse af alle indikatorer i
    // kvalitetsmodellen", so the approval scale and 20.1's graded scale have no answer without a
    // value; on the operation scale the tilsyn "fastlægger selv […] hvornår og hvor tit tilbuddet skal
    // bedømmes i forhold til de enkelte indikatorer", so a report may leave an indicator unrated.
    let drift = audit(WorkflowState::Vurdering);
    let without = r("midt-1", "i1/a", None, Round::First);
    assert_eq!(drift.check_rating(&without, None, BEFORE), Ok(()));
    for scale in [Scale::Godkendelse, Scale::Sandsynliggoerelse] {
        let mut a = audit(WorkflowState::Vurdering);
        a.forms[0].scale = scale.clone();
        let err = a.check_rating(&without, None, BEFORE).unwrap_err();
        assert!(
            matches!(&err, RatingError::WrongValue { unit, .. } if unit.to_string() == "i1/a"),
            "{err}"
        );
        assert!(
            err.to_string().contains(&format!(
                "skalaen »{}« har ikke svaret »kunne ikke bedømmes«",
                scale.navn()
            )),
            "{err}"
        );
        // A value on the scale is fine.
        let top = scale.values().last().unwrap().0;
        let rated = r(
            "midt-1",
            "i1/a",
            Some(RatingValue::Score(top)),
            Round::First,
        );
        assert_eq!(a.check_rating(&rated, None, BEFORE), Ok(()));
        // A case selection is not rated on the scale, so a form on this scale still allows it.
        let mut valg = a.forms[1].clone();
        valg.scale = scale.clone();
        assert!(valg.kan_ikke_bedoemmes(&valg.items[0]));
        assert!(!valg.kan_ikke_bedoemmes(&a.forms[0].items[0]));
    }
}
