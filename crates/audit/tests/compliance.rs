//! The compliance sample of the faglig udtalelse: the checklist's single source, the reproducible sample,
//! the compliance table with hand-computed Wilson intervals, and the checkers' agreement, on small
//! examples and on the demo audit 25.2.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use audit::compliance::{self, Celle, Efterlevelsestabel, StikproeveFejl};
use audit::demo::{self, Demo};
use audit::{
    Afsloeringsregel, Audit, Fremmoede, ItemId, Kvalitetsmodel, Material, MaterialId,
    Materialetype, PanelMember, Panelrolle, Rating, RatingStatus, RatingValue, Round, Tilsyn,
    UnitKey, Username, WorkflowState,
};
use time::macros::date;

// ---- the demo ------------------------------------------------------------------------------------

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// The demo, loaded as `tests/demo.rs` loads it.
fn demo() -> Demo {
    let mut files: Vec<(String, String)> = std::fs::read_dir(seeds().join("demo"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    let models: Vec<Kvalitetsmodel> = ["2017", "2024"]
        .iter()
        .map(|v| {
            let path = seeds().join(format!("kvalitetsmodel/{v}.toml"));
            Kvalitetsmodel::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap()
        })
        .collect();
    let sources: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    demo::load(&sources, &models, date!(2026 - 02 - 02)).unwrap_or_else(|e| panic!("{e}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 5e-5
}

fn assert_interval(celle: &Celle, forventet: [f64; 2]) {
    let [nedre, oevre] = celle.interval().unwrap();
    assert!(
        close(nedre, forventet[0]) && close(oevre, forventet[1]),
        "{celle:?}: [{nedre}; {oevre}], expected {forventet:?}"
    );
}

fn celle<'a>(t: &'a Efterlevelsestabel, tilsyn: Tilsyn, krav: &str) -> &'a Celle {
    let k = t.krav.iter().position(|k| k.id.as_str() == krav).unwrap();
    &t.raekker
        .iter()
        .find(|r| r.tilsyn == tilsyn)
        .unwrap()
        .celler[k]
}

fn i_alt<'a>(t: &'a Efterlevelsestabel, krav: &str) -> &'a Celle {
    let k = t.krav.iter().position(|k| k.id.as_str() == krav).unwrap();
    &t.i_alt[k]
}

// ---- the checklist -------------------------------------------------------------------------------

#[test]
fn the_checklist_is_the_statements_minimum_content_read_from_its_one_source() {
    let items = compliance::tjekliste().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "samlet-vurdering",
            "samlet-vurdering-pris",
            "udfoldet-vurdering",
            "oekonomi",
            "konkrete-forhold",
            "risiko",
            "scorer-og-spindelvaev",
            "udviklingspunkter",
            "udviklingspunkter-ikke-mangler",
            "ingen-opmaerksomhedspunkter",
            "mangler-tydelige",
            "sendt-til-tilbuddet",
        ]
    );
    // The statement's words (seed 001), as the requirements quote them, one requirement each.
    let tekster: Vec<&str> = items.iter().map(|i| i.tekst.as_str()).collect();
    for (tekst, ord) in tekster.iter().zip([
        "bør indeholde en samlet vurdering af kvaliteten",
        "uforholdsmæssigt dyrt sammenholdt med kvaliteten af tilbuddets indsats, bør dette fremgå af den samlede vurdering",
        "for alle temaer være tilstrækkeligt udfoldet",
        "samt tilbuddets eller plejefamiliens økonomi",
        "og hvordan disse konkrete forhold er vægtet",
        "alvorlig bekymring for kvaliteten (høj risiko)",
        "Scorer for alle kvalitetsmodellens indikatorer og spindelvæv",
        "Udviklingspunkter bør anvendes, men ikke offentliggøres",
        "Udviklingspunkter bør dermed ikke anvendes i forhold til mangler ved kvaliteten",
        "Opmærksomhedspunkter bør ikke anvendes",
        "Mangler i kvaliteten bør herunder fremgå tydeligt i den samlede vurdering",
        "Tilsynsrapporter bør sendes til plejefamilier og tilbud",
    ]) {
        assert!(tekst.contains(ord), "{tekst:?} does not quote {ord:?}");
    }
    // The demo audit 25.2 loads the very same items.
    let d = demo();
    let demo_skema = &d.forloeb("25.2").unwrap().audit.forms[0];
    assert_eq!(demo_skema.items, items);

    let m = vec![MaterialId::new("rapport-1").unwrap()];
    let skema = compliance::tjeklisteskema(m.clone()).unwrap();
    assert_eq!((skema.materials, skema.items), (m, items));
    assert_eq!(skema.titel, demo_skema.titel);
}

// ---- the sample ----------------------------------------------------------------------------------

fn lister(antal: usize) -> BTreeMap<Tilsyn, Vec<String>> {
    Tilsyn::ALL
        .into_iter()
        .map(|t| {
            (
                t,
                (1..=antal).map(|n| format!("{}-{n:03}", t.id())).collect(),
            )
        })
        .collect()
}

#[test]
fn the_sample_matches_an_independent_implementation_of_the_documented_algorithm() {
    // Computed with a separate Python implementation of the module documentation's algorithm (FNV-1a
    // key, SplitMix64, partial Fisher–Yates over the sorted ids), seed 2025, k = 4 of 12 per tilsyn.
    let s = compliance::udtraek(&lister(12), 4, 2025).unwrap();
    let forventet: BTreeMap<Tilsyn, Vec<&str>> = [
        (
            Tilsyn::Hovedstaden,
            [
                "hovedstaden-006",
                "hovedstaden-011",
                "hovedstaden-012",
                "hovedstaden-008",
            ],
        ),
        (
            Tilsyn::Midt,
            ["midt-004", "midt-008", "midt-011", "midt-005"],
        ),
        (
            Tilsyn::Nord,
            ["nord-008", "nord-004", "nord-009", "nord-010"],
        ),
        (Tilsyn::Syd, ["syd-006", "syd-005", "syd-008", "syd-007"]),
        (
            Tilsyn::Oest,
            ["oest-004", "oest-006", "oest-003", "oest-007"],
        ),
    ]
    .into_iter()
    .map(|(t, v)| (t, v.to_vec()))
    .collect();
    let faktisk: BTreeMap<Tilsyn, Vec<&str>> = s
        .udtraek
        .iter()
        .map(|(t, v)| (*t, v.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(faktisk, forventet);
    assert_eq!((s.seed, s.k), (2025, 4));
}

#[test]
fn the_same_seed_gives_the_same_sample_whatever_the_order_of_the_list() {
    let a = compliance::udtraek(&lister(30), 5, 7).unwrap();
    assert_eq!(compliance::udtraek(&lister(30), 5, 7).unwrap(), a);

    let mut blandet = lister(30);
    for ids in blandet.values_mut() {
        ids.reverse();
        ids.rotate_left(11);
        ids[0] = format!("  {}  ", ids[0]);
    }
    assert_eq!(compliance::udtraek(&blandet, 5, 7).unwrap(), a);

    let b = compliance::udtraek(&lister(30), 5, 8).unwrap();
    assert_ne!(a.udtraek, b.udtraek, "another seed, another sample");
    // One tilsyn's list does not change another's sample.
    let mut uden_syd = lister(30);
    uden_syd.remove(&Tilsyn::Syd);
    uden_syd
        .get_mut(&Tilsyn::Nord)
        .unwrap()
        .push("nord-999".into());
    let c = compliance::udtraek(&uden_syd, 5, 7).unwrap();
    assert_eq!(c.udtraek[&Tilsyn::Midt], a.udtraek[&Tilsyn::Midt]);
    assert!(!c.udtraek.contains_key(&Tilsyn::Syd));
}

#[test]
fn the_sample_draws_distinct_reports_and_every_subset_equally_often() {
    let alle = compliance::udtraek(&lister(6), 6, 1).unwrap();
    for (t, v) in &alle.udtraek {
        let saet: BTreeSet<&String> = v.iter().collect();
        assert_eq!(saet.len(), 6, "k = n is a permutation of {t}'s list");
    }
    // 2 of 5 has C(5, 2) = 10 subsets; over 10 000 seeds each should come up 1 000 times, with a
    // binomial standard deviation of √(10 000 · 0.1 · 0.9) = 30. Allow 5 standard deviations.
    let liste: BTreeMap<Tilsyn, Vec<String>> =
        [(Tilsyn::Midt, (1..=5).map(|n| n.to_string()).collect())].into();
    let mut hyppighed: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for seed in 0..10_000 {
        let mut v = compliance::udtraek(&liste, 2, seed).unwrap().udtraek[&Tilsyn::Midt].clone();
        v.sort();
        *hyppighed.entry(v).or_default() += 1;
    }
    assert_eq!(hyppighed.len(), 10);
    for (delmaengde, antal) in &hyppighed {
        assert!((850..=1150).contains(antal), "{delmaengde:?}: {antal}");
    }
}

#[test]
fn a_list_the_sample_cannot_be_drawn_from_is_refused_with_the_tilsyn_named() {
    let mut l = lister(3);
    assert_eq!(compliance::udtraek(&l, 0, 1), Err(StikproeveFejl::Tom));
    assert_eq!(
        compliance::udtraek(&l, 4, 1).unwrap_err().to_string(),
        "Socialtilsyn Hovedstaden har kun 3 rapporter på listen, men stikprøven skal have 4 fra \
         hvert tilsyn."
    );
    l.get_mut(&Tilsyn::Oest).unwrap().push(" oest-002".into());
    assert_eq!(
        compliance::udtraek(&l, 2, 1).unwrap_err().to_string(),
        "Rapporten »oest-002« står to gange på listen fra Socialtilsyn Øst."
    );
    l.get_mut(&Tilsyn::Oest).unwrap()[3] = "  ".into();
    assert_eq!(
        compliance::udtraek(&l, 2, 1).unwrap_err().to_string(),
        "Listen over rapporter fra Socialtilsyn Øst har en tom linje som nr. 4."
    );
}

// ---- the table on a small audit, by hand -----------------------------------------------------------

/// A checklist audit with `rapporter` reports per tilsyn (ids "<tilsyn>-<n>") and two checkers.
fn tjekaudit(rapporter: &[(Tilsyn, usize)]) -> Audit {
    let materials: Vec<Material> = rapporter
        .iter()
        .flat_map(|(t, n)| {
            (1..=*n).map(move |i| Material {
                id: MaterialId::new(format!("{}-{i}", t.id())).unwrap(),
                pseudonym: format!("Rapport {}-{i}", t.navn()),
                tilsyn: *t,
                kind: Materialetype::Tilsynsrapport,
                beskrivelse: String::new(),
                original_scores: BTreeMap::new(),
                tilbud: None,
                sagsforloeb: None,
                dato: None,
            })
        })
        .collect();
    let medlem = |navn: &str, t| PanelMember {
        username: Username::new(navn).unwrap(),
        navn: navn.into(),
        tilsyn: t,
        rolle: Panelrolle::FagligKoordinator,
        attendance: Fremmoede::Deltager,
    };
    Audit {
        nr: "25.9".parse().unwrap(),
        titel: "Stikprøve".into(),
        formaal: String::new(),
        fokus: String::new(),
        model_version: "2024".into(),
        state: WorkflowState::Droeftelse,
        deadline: None,
        meeting_date: None,
        reveal_rule: Afsloeringsregel::VedMoedet,
        panel: vec![medlem("anna", Tilsyn::Syd), medlem("bo", Tilsyn::Nord)],
        materials,
        forms: vec![compliance::tjeklisteskema(vec![]).unwrap()],
    }
}

fn svar(rater: &str, item: &str, material: &str, kode: i32, round: Round) -> Rating {
    Rating {
        rater: Username::new(rater).unwrap(),
        unit: UnitKey::new(
            ItemId::new(item).unwrap(),
            Some(MaterialId::new(material).unwrap()),
        ),
        value: Some(RatingValue::Score(kode)),
        reason: String::new(),
        round,
        status: RatingStatus::Submitted,
    }
}

#[test]
fn a_cell_counts_reports_and_leaves_ikke_relevant_and_disagreements_out_of_the_share() {
    let audit = tjekaudit(&[(Tilsyn::Midt, 6), (Tilsyn::Oest, 1)]);
    let r1 = Round::First;
    let u = "udviklingspunkter";
    let mut ratings = vec![
        // midt-1..3: ja by one checker; midt-4: nej; midt-5: ikke relevant.
        svar("anna", u, "midt-1", 1, r1),
        svar("anna", u, "midt-2", 1, r1),
        svar("bo", u, "midt-3", 1, r1),
        svar("anna", u, "midt-4", 0, r1),
        svar("bo", u, "midt-5", 2, r1),
        // midt-6: the two checkers disagree in round 1 …
        svar("anna", u, "midt-6", 1, r1),
        svar("bo", u, "midt-6", 0, r1),
        // … and a draft never counts.
        Rating {
            status: RatingStatus::Draft,
            ..svar("bo", u, "oest-1", 1, r1)
        },
    ];
    let t = compliance::efterlevelsestabel(&audit, &ratings);
    assert_eq!(t.krav.len(), 12);
    assert_eq!(
        t.raekker
            .iter()
            .map(|r| (r.tilsyn, r.rapporter))
            .collect::<Vec<_>>(),
        [(Tilsyn::Midt, 6), (Tilsyn::Oest, 1)]
    );
    let c = *celle(&t, Tilsyn::Midt, u);
    assert_eq!(
        (c.ja, c.nej, c.ikke_relevant, c.uenige, c.ubesvaret),
        (3, 1, 1, 1, 0)
    );
    // 3 of 4, worked out in `compliance::wilson`'s tests: 75 %, [0.3006; 0.9544].
    assert_eq!(c.andel(), Some(0.75));
    assert_interval(&c, [0.3006, 0.9544]);
    assert_eq!(c.tekst(), "3 af 4 (75 %; 95 %-KI 30–95 %)");
    let oest = celle(&t, Tilsyn::Oest, u);
    assert_eq!(
        (oest.ubesvaret, oest.andel(), oest.interval()),
        (1, None, None)
    );
    assert_eq!(oest.tekst(), "–");

    // After the discussion bo agrees with anna: round 2 replaces round 1, and midt-6 counts as ja.
    ratings.push(svar("bo", u, "midt-6", 1, Round::Second));
    let t = compliance::efterlevelsestabel(&audit, &ratings);
    let c = celle(&t, Tilsyn::Midt, u);
    assert_eq!((c.ja, c.nej, c.uenige), (4, 1, 0));
    // 4 of 5: p̂ = 0.8, z²/n = 0.768292, 1 + z²/n = 1.768292,
    // centre = (0.8 + 0.384146) / 1.768292 = 0.669655,
    // half = 1.959964 / 1.768292 · √(0.16/5 + 3.841459/100) = 1.108394 · √0.070415 = 0.294121,
    // so [0.3755; 0.9638].
    assert_interval(c, [0.3755, 0.9638]);
    // The total row adds the tilsyn up.
    assert_eq!(i_alt(&t, u).ubesvaret, 1);
    assert_eq!(i_alt(&t, u).ja, 4);
    assert_eq!(i_alt(&t, "samlet-vurdering").ubesvaret, 7);
}

// ---- the demo audit 25.2 -------------------------------------------------------------------------

#[test]
fn the_demo_compliance_sample_has_its_table_with_hand_checked_shares_and_intervals() {
    let d = demo();
    let a = d.forloeb("25.2").unwrap();
    let t = compliance::efterlevelsestabel(&a.audit, &a.ratings);

    // 20 reports, 4 from each tilsyn, 12 requirements, every report answered.
    assert_eq!(t.krav.len(), 12);
    assert_eq!(
        t.raekker
            .iter()
            .map(|r| (r.tilsyn, r.rapporter))
            .collect::<Vec<_>>(),
        Tilsyn::ALL.map(|t| (t, 4))
    );
    for c in &t.i_alt {
        assert_eq!(c.ja + c.nej + c.ikke_relevant + c.uenige, 20);
        assert_eq!(c.ubesvaret, 0);
    }

    // Hovedstaden, udfoldet vurdering: 3 ja, 1 nej. 3 of 4 = 75 %, [0.3006; 0.9544] (see
    // `compliance::wilson`'s tests for the arithmetic).
    let c = celle(&t, Tilsyn::Hovedstaden, "udfoldet-vurdering");
    assert_eq!((c.ja, c.nej), (3, 1));
    assert_interval(c, [0.3006, 0.9544]);

    // Syd, udfoldet vurdering: 0 of 4 (the statement: Syd's assessments are "kun i lille grad
    // udfoldede"). Centre = half = (0 + 0.480182) / 1.960365 = 0.244945, so [0; 0.4899].
    let c = celle(&t, Tilsyn::Syd, "udfoldet-vurdering");
    assert_eq!((c.ja, c.nej, c.andel()), (0, 4, Some(0.0)));
    assert_interval(c, [0.0, 0.4899]);

    // Midt, no opmærksomhedspunkter: 0 of 4, as Midt used them.
    let c = celle(&t, Tilsyn::Midt, "ingen-opmaerksomhedspunkter");
    assert_eq!((c.ja, c.nej), (0, 4));
    assert_interval(c, [0.0, 0.4899]);

    // Nord, samlet vurdering: 3 ja and one report whose two checkers disagree, so 3 of 3.
    // p̂ = 1, z²/n = 1.280486, 1 + z²/n = 2.280486, centre = (1 + 0.640243) / 2.280486 = 0.719251,
    // half = 1.959964 / 2.280486 · √(3.841459 / 36) = 0.859450 · 0.326661 = 0.280749: [0.4385; 1].
    let c = celle(&t, Tilsyn::Nord, "samlet-vurdering");
    assert_eq!((c.ja, c.nej, c.uenige), (3, 0, 1));
    assert_interval(c, [0.4385, 1.0]);

    // Hovedstaden, udviklingspunkter: 1 ja, 1 nej and 2 ikke relevant, so 1 of 2 = 50 %.
    // z²/n = 1.920729, 1 + z²/n = 2.920729, centre = (0.5 + 0.960365) / 2.920729 = 0.5,
    // half = 1.959964 / 2.920729 · √(0.25/2 + 3.841459/16) = 0.671053 · 0.604228 = 0.405469:
    // [0.0945; 0.9055].
    let c = celle(&t, Tilsyn::Hovedstaden, "udviklingspunkter");
    assert_eq!((c.ja, c.nej, c.ikke_relevant), (1, 1, 2));
    assert_eq!(c.andel(), Some(0.5));
    assert_interval(c, [0.0945, 0.9055]);

    // All tilsyn, no opmærksomhedspunkter: 11 ja, 8 nej, 1 disagreement: 11 of 19 = 57.9 %.
    // p̂ = 0.578947, z²/n = 0.202182, 1 + z²/n = 1.202182,
    // centre = (0.578947 + 0.101091) / 1.202182 = 0.565670,
    // half = 1.959964 / 1.202182 · √(0.578947 · 0.421053 / 19 + 3.841459 / 1444)
    //      = 1.630339 · √(0.012830 + 0.002660) = 1.630339 · 0.124459 = 0.202911: [0.3628; 0.7686].
    let c = i_alt(&t, "ingen-opmaerksomhedspunkter");
    assert_eq!((c.ja, c.nej, c.uenige), (11, 8, 1));
    assert!(close(c.andel().unwrap(), 11.0 / 19.0));
    assert_interval(c, [0.3628, 0.7686]);
    assert_eq!(c.tekst(), "11 af 19 (58 %; 95 %-KI 36–77 %)");

    // All tilsyn, udviklingspunkter: 7 reports without any are left out: 11 of 13 = 84.6 %.
    // p̂ = 0.846154, z²/n = 0.295497, centre = (0.846154 + 0.147748) / 1.295497 = 0.767198,
    // half = 1.959964 / 1.295497 · √(0.846154 · 0.153846 / 13 + 3.841459 / 676)
    //      = 1.512905 · √(0.010014 + 0.005683) = 1.512905 · 0.125285 = 0.189544: [0.5777; 0.9567].
    let c = i_alt(&t, "udviklingspunkter");
    assert_eq!((c.ja, c.nej, c.ikke_relevant), (11, 2, 7));
    assert_interval(c, [0.5777, 0.9567]);
}

#[test]
fn the_demo_checkers_agree_on_116_of_120_double_checked_answers() {
    let d = demo();
    let a = d.forloeb("25.2").unwrap();
    let e = compliance::tjekkerenighed(&a.audit, &a.ratings).unwrap();
    // Two reports per tilsyn are checked twice: 10 reports × 12 requirements = 120 units.
    assert_eq!((e.rapporter, e.n), (10, 120));
    // The four disagreements: opmærksomhedspunkter in rapport-b, samlet vurdering in rapport-h, risiko in
    // rapport-f and konkrete forhold in rapport-i.
    assert!(close(e.procentvis_enighed, 116.0 / 120.0));
    // Checker 1 × checker 2 (nej, ja, ikke relevant), counted from the demo's synthetic answers:
    //   nej  12  3   0
    //   ja    1 86   0
    //   i.r.  0  0  18
    // p_o = 116/120; margins (15, 87, 18) and (13, 89, 18), so
    // p_e = (15·13 + 87·89 + 18·18) / 120² = (195 + 7743 + 324) / 14400 = 8262/14400;
    // κ = (13920 − 8262) / (14400 − 8262) = 5658/6138 = 0.921799.
    assert!(close(*e.kappa.as_ref().unwrap(), 5658.0 / 6138.0));
}

#[test]
fn agreement_needs_a_double_checked_report_and_says_when_kappa_is_undefined() {
    let audit = tjekaudit(&[(Tilsyn::Midt, 2)]);
    let r1 = Round::First;
    let en = vec![svar("anna", "samlet-vurdering", "midt-1", 1, r1)];
    assert_eq!(
        compliance::tjekkerenighed(&audit, &en).unwrap_err(),
        agreement::AgreementError::NoPairableUnits
    );
    // Both checkers say ja to everything: 100 % agreement, κ undefined (chance agreement is 1).
    let enige: Vec<Rating> = ["midt-1", "midt-2"]
        .into_iter()
        .flat_map(|m| {
            [
                svar("anna", "samlet-vurdering", m, 1, r1),
                svar("bo", "samlet-vurdering", m, 1, r1),
            ]
        })
        .collect();
    let e = compliance::tjekkerenighed(&audit, &enige).unwrap();
    assert_eq!((e.rapporter, e.n, e.procentvis_enighed), (2, 2, 1.0));
    assert_eq!(e.kappa, Err(agreement::AgreementError::NoVariation));
    // Round-2 answers are not the independent check and are left out.
    let mut med_runde2 = enige.clone();
    med_runde2.push(svar(
        "anna",
        "sendt-til-tilbuddet",
        "midt-1",
        0,
        Round::Second,
    ));
    med_runde2.push(svar(
        "bo",
        "sendt-til-tilbuddet",
        "midt-1",
        1,
        Round::Second,
    ));
    assert_eq!(
        compliance::tjekkerenighed(&audit, &med_runde2).unwrap().n,
        2
    );
}
