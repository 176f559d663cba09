//! Calibration on the demo audits (`seeds/demo/`): the figures behave as the demo's synthetic design
//! intends, and they are the `agreement` crate's own figures on the same matrix. Each expected value
//! names its source: the seed file's parameters, the seed report, or a count taken from the ratings.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use agreement::{Level, Ratings, RatingsBuilder, Weights};
use audit::calibration::{self, CalibrationReport, Items, Options, ScaleAnalysis, Selection};
use audit::demo::{self, Demo, DemoAudit};
use audit::visibility::{self, Viewer};
use audit::{IKKE_RELEVANT, Kvalitetsmodel, Rating, Round, Scale, Tilsyn};
use time::macros::date;

fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds/demo");
        let files: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        let sources: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let models: Vec<Kvalitetsmodel> = ["2017", "2024"]
            .iter()
            .map(|v| audit::builtin::kvalitetsmodel(v).unwrap())
            .collect();
        demo::load(&sources, &models, date!(2026 - 02 - 02)).unwrap()
    })
}

fn forloeb(nr: &str) -> &'static DemoAudit {
    demo().forloeb(nr).unwrap()
}

/// What the koordinator may see of the audit's ratings: every submitted rating once revealed.
fn visible(a: &DemoAudit) -> Vec<Rating> {
    visibility::visible_ratings(&a.audit, Viewer::Koordinator, &a.ratings)
        .into_iter()
        .cloned()
        .collect()
}

fn report(nr: &str) -> CalibrationReport {
    let a = forloeb(nr);
    calibration::report(&a.audit, &visible(a), &Options::default()).unwrap()
}

fn only_scale(r: &CalibrationReport) -> &ScaleAnalysis {
    assert_eq!(r.scales.len(), 1, "{:?}", r.notes);
    &r.scales[0]
}

fn value(c: &calibration::Coefficient) -> f64 {
    c.value.unwrap_or_else(|| panic!("undefined: {:?}", c.note))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

// --- 20.1: graded ratings, skewed towards "i høj grad" ------------------------------------------

#[test]
fn graded_20_1_is_ordinal_with_high_agreement_low_kappa_and_says_why() {
    // seeds/demo/20.1.toml: niveau = 4.8 on the graded scale 1 »slet ikke« … 4 »i høj grad«, so most
    // ratings are »i høj grad« (audit::demo::syntetisk: "the skew under which κ and AC1 part ways").
    let r = report("20.1");
    let s = only_scale(&r);
    assert_eq!(s.scale, Scale::Sandsynliggoerelse);
    // "i hvilken grad" orders its steps, so the statistics read them as ordinal.
    assert_eq!(s.level, Level::Ordinal);
    // 8 items × 4 reports (three forms), 8 raters: 000, Deltagere: "I alt deltog 8 personer fra de tre
    // socialtilsyn" (Syd cancelled on the day and Nord was exempted, so neither has ratings).
    let o = &s.overall;
    assert_eq!((o.n_units, o.n_raters), (32, 8));
    assert_eq!(s.forms.len(), 3);
    let (pa, ac1, kappa) = (
        value(&o.percent_agreement),
        value(&o.gwet_ac1),
        value(&o.fleiss_kappa),
    );
    assert!(pa > 0.75, "percent agreement {pa}");
    assert!(ac1 > 0.7, "AC1 {ac1}");
    assert!(kappa < ac1 - 0.4, "κ {kappa} is clearly below AC1 {ac1}");
    assert!(o.max_prevalence.unwrap() > 0.8);
    assert!(o.fleiss_kappa.ci95.is_some() && o.krippendorff_alpha.ci95.is_some());
    let paradox = o
        .interpretation
        .iter()
        .find(|s| s.contains("κ-paradokset"))
        .unwrap_or_else(|| panic!("{:#?}", o.interpretation));
    assert!(paradox.contains("er langt lavere end AC1"), "{paradox}");
    assert!(paradox.contains("skæve fordeling"), "{paradox}");
}

#[test]
fn items_20_1_are_listed_least_agreement_first() {
    let r = report("20.1");
    let items = &only_scale(&r).items;
    assert_eq!(items.len(), 8);
    let pa: Vec<f64> = items
        .iter()
        .map(|i| value(&i.coefficients.percent_agreement))
        .collect();
    assert!(pa.windows(2).all(|w| w[0] <= w[1]), "{pa:?}");
    // seeds/demo/20.1.toml [punkter]: 3.b, 3.c, 1.b and 1.d are made harder, so the least agreement is
    // on one of them.
    assert!(
        ["3.b", "3.c", "1.b", "1.d"].contains(&items[0].item.as_str()),
        "{}",
        items[0].item
    );
    for i in items {
        let total: usize = i.distribution.iter().map(|c| c.count).sum();
        assert_eq!(total, i.coefficients.n_ratings);
        if i.coefficients.fleiss_kappa.value.is_none() {
            assert!(i.coefficients.fleiss_kappa.note.is_some());
        }
    }
}

#[test]
fn round_2_of_20_1_agrees_at_least_as_well_on_the_same_units() {
    let a = forloeb("20.1");
    let r = report("20.1");
    let rounds = only_scale(&r).rounds.as_ref().unwrap();
    // Every scored round-2 rating revises a round-1 rating with a value (audit::demo::syntetisk), so
    // each is one paired cell.
    let revised = visible(a)
        .iter()
        .filter(|x| x.round == Round::Second && x.score().is_some())
        .count();
    assert_eq!(rounds.paired_ratings, revised);
    // Round 2 comes from the 8 who attended (20.1, Deltagere), on all 32 units.
    assert_eq!((rounds.raters, rounds.units), (8, 32));
    // seeds/demo/20.1.toml [runde2] tilnaermelse = 0.5: each keeps half their own deviation.
    let (p1, p2) = (
        value(&rounds.first.percent_agreement),
        value(&rounds.second.percent_agreement),
    );
    assert!(p2 >= p1, "{p1} → {p2}");
    assert!(value(&rounds.second.gwet_ac1) >= value(&rounds.first.gwet_ac1));
    assert_eq!(rounds.changed, rounds.raised + rounds.lowered);
    assert_eq!(rounds.unchanged + rounds.changed, rounds.paired_ratings);
}

#[test]
fn raters_tilsyn_and_own_tilsyn_in_20_1() {
    let a = forloeb("20.1");
    let r = report("20.1");
    let s = only_scale(&r);
    // 000: "I alt deltog 8 personer fra de tre socialtilsyn".
    assert_eq!(s.raters.len(), 8);
    assert!(
        s.raters
            .iter()
            .all(|x| x.severity.is_some() && x.tilsyn.is_some())
    );
    let effect = |t: Tilsyn| {
        s.tilsyn_effects
            .iter()
            .find(|e| e.tilsyn == t)
            .unwrap()
            .clone()
    };
    // Nord was exempted and Syd cancelled on the day (20.1, Deltagere): no rater, no effect, no pairs.
    for absent in [Tilsyn::Nord, Tilsyn::Syd] {
        assert_eq!(
            (effect(absent).raters, effect(absent).mean_severity),
            (0, None),
            "{absent}"
        );
    }
    // seeds/demo/20.1.toml [bedoemmertilsyn]: Midt +0.3 is the mildest tilsyn.
    let midt = effect(Tilsyn::Midt).mean_severity.unwrap();
    for t in [Tilsyn::Hovedstaden, Tilsyn::Oest] {
        assert!(effect(t).mean_severity.unwrap() < midt, "{t}");
    }
    for p in &s.tilsyn_pairs {
        let absent = [p.a, p.b]
            .iter()
            .any(|t| matches!(t, Tilsyn::Nord | Tilsyn::Syd));
        assert_eq!(p.n == 0, absent, "{} {}", p.a, p.b);
        assert_eq!(p.percent_agreement.value.is_some(), !absent);
    }
    // Own tilsyn: every round-1 rating with a value of material from the rater's own tilsyn counts.
    let own = visible(a)
        .iter()
        .filter(|x| x.round == Round::First && x.score().is_some())
        .filter(|x| a.audit.is_own_tilsyn(&x.rater, &x.unit))
        .count();
    assert_eq!(s.own_tilsyn.own.n, own);
    let without = s.own_tilsyn.without_own.as_ref().unwrap();
    assert_eq!(without.n_ratings, s.overall.n_ratings - own);
    // The heatmap is units × raters.
    assert_eq!(s.heatmap.rows.len(), 32);
    assert!(s.heatmap.rows.iter().all(|row| row.values.len() == 8));
}

// --- 25.2: the checklist of the compliance sample --------------------------------------------------

#[test]
fn checklist_25_2_measures_the_agreement_of_the_two_checkers() {
    // seeds/demo/25.2.toml [tjekfordeling] dobbelttjek = 2: two reports per tilsyn are checked twice.
    // Counted from the ratings: the units with two answers other than "ikke relevant", and on how many
    // of them the checkers agree.
    let a = forloeb("25.2");
    let mut units: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for x in visible(a).iter().filter(|x| x.round == Round::First) {
        if let Some(v) = x.score().filter(|v| *v != IKKE_RELEVANT) {
            units.entry(x.unit.to_string()).or_default().push(v);
        }
    }
    let double: Vec<&Vec<i32>> = units.values().filter(|v| v.len() == 2).collect();
    let agreeing = double.iter().filter(|v| v[0] == v[1]).count();
    assert!(
        double.len() > 40,
        "10 reports × 6 items, less ikke relevant"
    );

    let r = report("25.2");
    let s = only_scale(&r);
    assert_eq!(s.scale, Scale::Tjekliste);
    let o = &s.overall;
    assert_eq!(o.n_pairable_units, double.len());
    // With two answers per unit, percent agreement is the share of units where they agree.
    let expected = agreeing as f64 / double.len() as f64;
    assert!(close(value(&o.percent_agreement), expected));
    assert!(close(o.unanimous_share.unwrap(), expected));
    assert!(o.gwet_ac1.value.is_some() && o.fleiss_kappa.value.is_some());
    assert_eq!(o.n_raters, 5);
    // "ikke relevant" is read as missing, but still shown in the distribution.
    let ikke_relevant = s
        .distribution
        .iter()
        .find(|c| c.category.code == Some(IKKE_RELEVANT))
        .unwrap();
    assert!(ikke_relevant.count > 0);
    assert_eq!(s.categories.len(), 2);
    // Nobody checks their own tilsyn's reports (25.2's design).
    assert_eq!(s.own_tilsyn.own.n, 0);
    assert_eq!(
        s.own_tilsyn.interpretation,
        ["Ingen har bedømt materiale fra sit eget tilsyn."]
    );
}

// --- cross-check against the agreement crate ----------------------------------------------------

/// The matrix built here from the raw ratings, independently of `audit::calibration`: round 1,
/// submitted, scored, "ikke relevant" missing, on the declared values of the audit's one scale.
fn independent_matrix(a: &DemoAudit) -> Ratings {
    let scale = &a.audit.forms[0].scale;
    let level = match scale {
        Scale::Drift | Scale::Sandsynliggoerelse | Scale::Ordinal { .. } => Level::Ordinal,
        _ => Level::Nominal,
    };
    let declared: Vec<String> = scale
        .values()
        .into_iter()
        .map(|(v, _)| v)
        .filter(|v| !(*scale == Scale::Tjekliste && *v == IKKE_RELEVANT))
        .map(|v| v.to_string())
        .collect();
    let mut b = RatingsBuilder::new(level, Some(declared)).unwrap();
    for x in a
        .ratings
        .iter()
        .filter(|x| x.round == Round::First && x.is_submitted())
    {
        let v = x
            .score()
            .filter(|v| !(*scale == Scale::Tjekliste && *v == IKKE_RELEVANT));
        b.add(
            &x.unit.to_string(),
            x.rater.as_str(),
            v.map(|v| v.to_string()).as_deref(),
        )
        .unwrap();
    }
    b.build().unwrap()
}

#[test]
fn the_report_gives_the_agreement_crates_figures_on_the_same_matrix() {
    for nr in ["20.1", "25.2"] {
        let a = forloeb(nr);
        let m = independent_matrix(a);
        let w = Weights::unweighted(&m);
        let r = report(nr);
        let o = &only_scale(&r).overall;
        let pa = agreement::percent_agreement(&m, &w).unwrap();
        assert_eq!(
            o.percent_agreement.value,
            Some(pa.estimate.estimate),
            "{nr}"
        );
        assert_eq!(o.percent_agreement.ci95, pa.estimate.ci95, "{nr}");
        let kappa = agreement::fleiss_kappa(&m, &w).unwrap();
        assert_eq!(o.fleiss_kappa.value, Some(kappa.estimate), "{nr}");
        assert_eq!(o.fleiss_kappa.ci95, kappa.ci95, "{nr}");
        let ac1 = agreement::gwet_ac1(&m).unwrap();
        assert_eq!(o.gwet_ac1.value, Some(ac1.estimate), "{nr}");
        let bp = agreement::brennan_prediger(&m, &w).unwrap();
        assert_eq!(o.brennan_prediger.value, Some(bp.estimate), "{nr}");
        let alpha = agreement::krippendorff_alpha(&m, m.level()).unwrap();
        assert!(close(o.krippendorff_alpha.value.unwrap(), alpha), "{nr}");
        // Severity: the crate's rater diagnostics on the ordinal reading of the same matrix.
        let ordinal = m.at_level(Level::Ordinal).unwrap();
        let diagnostics = agreement::rater_diagnostics(&ordinal, None);
        for d in &diagnostics {
            let mine = only_scale(&r)
                .raters
                .iter()
                .find(|x| x.username.as_str() == d.rater)
                .unwrap();
            let (x, y) = (mine.severity.unwrap(), d.severity.unwrap());
            assert!(close(x, y), "{nr} {}: {x} vs {y}", d.rater);
        }
        // And `calibration::build` gives a matrix with the same figures.
        let built =
            calibration::build(&a.audit, &a.ratings, &Selection::new(Items::Scored)).unwrap();
        assert_eq!(built.ratings.n_ratings(), m.n_ratings(), "{nr}");
        assert_eq!(agreement::gwet_ac1(&built.ratings).unwrap(), ac1, "{nr}");
    }
}

// --- the other demo audits ------------------------------------------------------------------------

#[test]
fn nominations_and_case_selections_get_their_own_agreement() {
    // 19.1: the nominations of 8.a, 8.b and 9.a pick among the same ten reports, 8.c's among five
    // (seeds/demo/19.1.toml, the forms' materials).
    let r = report("19.1");
    assert!(r.scales.is_empty());
    let groups: Vec<Vec<&str>> = r
        .choices
        .iter()
        .map(|c| c.items.iter().map(|i| i.as_str()).collect())
        .collect();
    assert_eq!(
        groups,
        [
            vec!["8.a-bedst", "8.b-bedst", "9.a-bedst"],
            vec!["8.c-bedst"]
        ]
    );
    assert_eq!(r.choices[1].distribution.len(), 5);
    // 19.2: one case selection over ten process descriptions; each panelist picks four
    // (tests/demo.rs), so "valgt" is given four times per panelist who answered.
    let r = report("19.2");
    let c = &r.choices[0];
    assert_eq!(c.coefficients.n_units, 10);
    let valgt = c
        .distribution
        .iter()
        .find(|d| d.category.label == "valgt")
        .unwrap();
    assert_eq!(valgt.count, 4 * c.coefficients.n_raters);
    assert!(c.coefficients.percent_agreement.value.is_some());
}

#[test]
fn before_reveal_the_koordinator_gets_no_figures_and_original_scores_wait_for_the_panel() {
    // 25.1 is in vurdering: the koordinator sees no values, so there is nothing to compute.
    let r = report("25.1");
    assert!(r.scales.is_empty());
    assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
    assert!(
        r.notes[0].contains("ingen indsendte bedømmelser"),
        "{}",
        r.notes[0]
    );
    // With every submitted rating (as after reveal), the tilsyn's own scores are set against the panel.
    let a = forloeb("25.1");
    let all = calibration::report(&a.audit, &a.ratings, &Options::default()).unwrap();
    let s = only_scale(&all);
    assert_eq!(s.level, Level::Ordinal);
    assert!(s.overall.gwet_ac2.as_ref().unwrap().value.is_some());
    assert!(!s.original_vs_panel.is_empty());
    assert!(s.original_vs_panel.iter().all(|o| o.difference.is_some()));
    assert_eq!(s.original_by_indicator.len(), 4, "8.a, 8.b, 9.a and 9.d");
}

#[test]
fn every_demo_report_serialises() {
    for a in &demo().forloeb {
        let r = calibration::report(&a.audit, &a.ratings, &Options::default()).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert!(
            json.contains(&format!("\"audit\":\"{}\"", a.audit.nr)),
            "{}",
            a.audit.nr
        );
    }
}
