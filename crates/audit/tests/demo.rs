//! The demo seeds (`seeds/demo/*.toml`): every file loads and validates, and each demo audit matches
//! the facts of the report it is built on. Each expected number names its source.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use audit::demo::{self, Demo, DemoAudit};
use audit::frist::Fristart;
use audit::optaelling::stemmer;
use audit::sagsforloeb::Skridtart;
use audit::visibility::{self, ProgressStatus, RatingAccess, Viewer};
use audit::{
    Audit, Fremmoede, ItemKind, Kvalitetsmodel, Materialetype, Panelrolle, Rating, RatingStatus,
    Role, Round, Scale, Tilsyn, WorkflowState,
};
use time::Date;
use time::macros::date;

const TODAY: Date = date!(2026 - 02 - 02);

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(seeds().join("demo"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn models() -> Vec<Kvalitetsmodel> {
    ["2017", "2024"]
        .iter()
        .map(|v| {
            let path = seeds().join(format!("kvalitetsmodel/{v}.toml"));
            Kvalitetsmodel::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap()
        })
        .collect()
}

fn try_load(files: &[(String, String)], today: Date) -> Result<Demo, demo::DemoError> {
    let sources: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    demo::load(&sources, &models(), today)
}

fn load() -> Demo {
    try_load(&files(), TODAY).unwrap_or_else(|e| panic!("{e}"))
}

/// The files with one file's text changed.
fn files_with(file: &str, from: &str, to: &str) -> Vec<(String, String)> {
    let mut out = files();
    let (_, text) = out.iter_mut().find(|(n, _)| n == file).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    *text = text.replacen(from, to, 1);
    out
}

fn forloeb<'a>(d: &'a Demo, nr: &str) -> &'a DemoAudit {
    d.forloeb(nr).unwrap_or_else(|| panic!("no audit {nr}"))
}

/// Panel members per (tilsyn, role, attendance id).
fn panel_counts(a: &Audit) -> BTreeMap<(Tilsyn, Panelrolle, &'static str), usize> {
    let mut out = BTreeMap::new();
    for m in &a.panel {
        *out.entry((m.tilsyn, m.rolle, m.attendance.id()))
            .or_default() += 1;
    }
    out
}

fn per_tilsyn(a: &Audit, kind: Materialetype) -> BTreeMap<Tilsyn, usize> {
    let mut out = BTreeMap::new();
    for m in a.materials.iter().filter(|m| m.kind == kind) {
        *out.entry(m.tilsyn).or_default() += 1;
    }
    out
}

fn scores(ratings: &[Rating], round: Round) -> Vec<i32> {
    ratings
        .iter()
        .filter(|r| r.round == round)
        .filter_map(Rating::score)
        .collect()
}

/// Pairwise percent agreement over units with at least two scores (Fleiss' P̄).
fn pairwise_agreement(ratings: &[Rating], round: Round) -> f64 {
    let mut units: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for r in ratings.iter().filter(|r| r.round == round) {
        if let Some(v) = r.score() {
            units.entry(r.unit.to_string()).or_default().push(v);
        }
    }
    let per_unit: Vec<f64> = units
        .values()
        .filter(|vs| vs.len() >= 2)
        .map(|vs| {
            let n = vs.len() as f64;
            let agreeing: usize = vs
                .iter()
                .map(|v| vs.iter().filter(|w| *w == v).count() - 1)
                .sum();
            agreeing as f64 / (n * (n - 1.0))
        })
        .collect();
    per_unit.iter().sum::<f64>() / per_unit.len() as f64
}

// --- Every file ---------------------------------------------------------------------------------

#[test]
fn every_demo_file_loads_and_validates() {
    let d = load();
    let numbers: BTreeSet<&str> = d.forloeb.iter().map(|a| a.audit.nr.as_str()).collect();
    assert_eq!(
        numbers,
        BTreeSet::from(["19.1", "19.2", "20.1", "25.1", "25.2"])
    );
    // One users file and one file per audit, nothing else in seeds/demo.
    assert_eq!(files().len(), d.forloeb.len() + 1);
    for a in &d.forloeb {
        assert!(!a.kilde.dokument.is_empty(), "{}", a.fil);
        assert!(!a.ratings.is_empty(), "{} has no ratings", a.fil);
        a.audit.validate().unwrap();
        a.rapport.validate().unwrap();
    }
}

#[test]
fn every_file_with_ratings_says_they_are_synthetic() {
    for (name, text) in files().iter().filter(|(n, _)| n != demo::BRUGERFIL) {
        assert!(text.contains("[syntetiske_bedoemmelser]"), "{name}");
        assert!(
            text.contains("SYNTETISK"),
            "{name} does not say its ratings are synthetic"
        );
    }
}

#[test]
fn demo_users_have_the_agreed_usernames_and_roles() {
    let d = load();
    assert_eq!(d.bruger("koordinator").unwrap().role, Role::Koordinator);
    assert_eq!(d.bruger("laeser").unwrap().role, Role::Laeser);
    for t in Tilsyn::ALL {
        let contact = d.bruger(&format!("tilsynskontakt-{}", t.id())).unwrap();
        assert_eq!(contact.role, Role::Tilsynskontakt(t));
    }
    for u in d.brugere.iter().filter(|u| u.role == Role::Panelist) {
        let (tilsyn, n) = u.username.as_str().rsplit_once('-').unwrap();
        assert!(tilsyn.parse::<Tilsyn>().is_ok(), "{}", u.username);
        assert!(n.parse::<u8>().is_ok(), "{}", u.username);
        // Role-based names, never real-sounding people.
        assert!(
            [
                "Konsulent ",
                "Faglig leder ",
                "Faglig koordinator ",
                "Udviklingskonsulent ",
                "Jurist "
            ]
            .iter()
            .any(|p| u.navn.starts_with(p)),
            "{}",
            u.navn
        );
    }
    let used: BTreeSet<&str> = d
        .forloeb
        .iter()
        .flat_map(|a| &a.audit.panel)
        .map(|m| m.username.as_str())
        .collect();
    let panelists: BTreeSet<&str> = d
        .brugere
        .iter()
        .filter(|u| u.role == Role::Panelist)
        .map(|u| u.username.as_str())
        .collect();
    assert_eq!(
        used, panelists,
        "every panelist sits on a panel, every panel member is a user"
    );
}

// --- 19.1 ---------------------------------------------------------------------------------------

#[test]
fn panel_19_1_has_two_consultants_and_one_leader_from_each_of_the_five() {
    // 19.1, Deltagere: "Fra hvert af de fem socialtilsyn deltog de to tilsynskonsulenter […].
    // Herudover deltog den faglige leder på området eller faglig koordinator/udviklingskonsulent.
    // I alt deltog 15 personer fra de fem socialtilsyn i audit 19.1."
    let d = load();
    let a = &forloeb(&d, "19.1").audit;
    assert_eq!(a.panel.len(), 15);
    assert!(a.panel.iter().all(|m| m.attendance == Fremmoede::Deltager));
    for t in Tilsyn::ALL {
        let mine: Vec<_> = a.panel.iter().filter(|m| m.tilsyn == t).collect();
        let consultants = mine
            .iter()
            .filter(|m| m.rolle == Panelrolle::Tilsynskonsulent)
            .count();
        let leaders = mine
            .iter()
            .filter(|m| {
                matches!(
                    m.rolle,
                    Panelrolle::FagligLeder
                        | Panelrolle::FagligKoordinator
                        | Panelrolle::Udviklingskonsulent
                )
            })
            .count();
        assert_eq!((mine.len(), consultants, leaders), (3, 2, 1), "{t}");
    }
}

#[test]
fn material_19_1_is_two_reports_per_tilsyn_with_practice_descriptions() {
    // 19.1, Auditmateriale: "to tilsynsrapporter fra hvert socialtilsyn" and the participants'
    // practice descriptions; "alle 10 rapporter".
    let d = load();
    let a = &forloeb(&d, "19.1").audit;
    let reports = per_tilsyn(a, Materialetype::Tilsynsrapport);
    assert_eq!(reports, Tilsyn::ALL.iter().map(|t| (*t, 2)).collect());
    assert_eq!(
        per_tilsyn(a, Materialetype::Praksisbeskrivelse)
            .values()
            .sum::<usize>(),
        10
    );
}

#[test]
fn forms_19_1_nominate_per_indicator_and_ask_the_four_questions_verbatim() {
    // 19.1, Metodisk fokus: the best examples of 8.a, 8.b, 8.c (only reports on private offers with a
    // board) and 9.a, and for each indicator the four questions.
    const QUESTIONS: [&str; 4] = [
        "Hvorfor er netop dette eksempel særligt godt?",
        "På hvilken måde bidrager valg af praksis til den tilsynsfaglige kvalitet i bedømmelsen?",
        "Har du ideer til, hvordan bedømmelsen i dette eksempel kunne gøres endnu bedre?",
        "Hvilke tilsynsfaglige opmærksomheder/dilemmaer giver eksemplet på bedømmelsen af indikatoren i øvrigt anledning til?",
    ];
    let d = load();
    let a = &forloeb(&d, "19.1").audit;
    let nominated: Vec<String> = a
        .forms
        .iter()
        .flat_map(|f| &f.items)
        .filter_map(|i| match &i.kind {
            ItemKind::Nominering { indikator } => indikator.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(nominated, ["8.a", "8.b", "8.c", "9.a"]);
    for form in &a.forms {
        let questions: Vec<&str> = form
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Refleksion)
            .map(|i| i.tekst.as_str())
            .collect();
        assert_eq!(questions, QUESTIONS, "{}", form.titel);
    }
    let board = a.forms.iter().find(|f| f.titel.contains("8.c")).unwrap();
    assert!(!board.materials.is_empty() && board.materials.len() < 10);
    for m in a.form_materials(board) {
        assert!(
            m.beskrivelse.contains("privat tilbud med en bestyrelse"),
            "{}",
            m.id
        );
    }
    let others = a
        .materials
        .iter()
        .filter(|m| m.kind == Materialetype::Tilsynsrapport && !board.materials.contains(&m.id));
    for m in others {
        assert!(
            !m.beskrivelse.contains("bestyrelse"),
            "{} has a board but is not in 8.c",
            m.id
        );
    }
}

#[test]
fn nominations_19_1_make_one_example_the_most_nominated_per_indicator() {
    // 19.1: "de eksempler […], som flest deltagere pegede på som de bedste, drøftet". Every panelist
    // nominates once per indicator; the synthetic popularity makes a clear winner.
    let d = load();
    let a = forloeb(&d, "19.1");
    for (item, winner) in [
        ("8.a-bedst", "rapport-c"),
        ("8.b-bedst", "rapport-e"),
        ("8.c-bedst", "rapport-a"),
        ("9.a-bedst", "rapport-i"),
    ] {
        let tal = stemmer(&a.audit, &a.ratings, &item.parse().unwrap(), Round::First);
        assert_eq!(tal.iter().map(|t| t.stemmer).sum::<usize>(), 15, "{item}");
        assert_eq!(tal[0].material.as_str(), winner, "{item}: {tal:?}");
        assert!(
            tal[0].stemmer > tal[1].stemmer,
            "{item}: a tie for first place"
        );
    }
}

// --- 19.2 ---------------------------------------------------------------------------------------

#[test]
fn panel_19_2_follows_the_reported_composition() {
    // 19.2, Deltagere: "Fra fire af socialtilsynene deltog to tilsynskonsulenter og en faglig leder
    // eller faglig koordinator. Fra et tilsyn deltog en jurist og en faglig leder. I alt deltog 15
    // personer." The composition gives 4 × 3 + 2 = 14; the demo follows it and records the
    // contradiction among its assumptions.
    let d = load();
    let demo = forloeb(&d, "19.2");
    let a = &demo.audit;
    assert_eq!(a.panel.len(), 14);
    let mut three = 0;
    for t in Tilsyn::ALL {
        let roles: Vec<Panelrolle> = a
            .panel
            .iter()
            .filter(|m| m.tilsyn == t)
            .map(|m| m.rolle)
            .collect();
        let konsulenter = roles
            .iter()
            .filter(|r| **r == Panelrolle::Tilsynskonsulent)
            .count();
        if roles.len() == 3 {
            three += 1;
            assert_eq!(konsulenter, 2, "{t}");
            assert!(
                roles
                    .iter()
                    .any(|r| matches!(r, Panelrolle::FagligLeder | Panelrolle::FagligKoordinator))
            );
        } else {
            assert_eq!(
                BTreeSet::from_iter(roles),
                BTreeSet::from([Panelrolle::Jurist, Panelrolle::FagligLeder]),
                "{t}"
            );
        }
    }
    assert_eq!(three, 4);
    assert!(
        demo.kilde
            .antagelser
            .iter()
            .any(|s| s.contains("15") && s.contains("14"))
    );
}

#[test]
fn cases_19_2_are_ten_process_descriptions_two_per_tilsyn_with_timelines() {
    // 19.2, Auditmateriale: "de to seneste sager fra hvert socialtilsyn"; "alle 10 sager".
    let d = load();
    let a = &forloeb(&d, "19.2").audit;
    let cases = per_tilsyn(a, Materialetype::Procesbeskrivelse);
    assert_eq!(cases, Tilsyn::ALL.iter().map(|t| (*t, 2)).collect());
    for m in a
        .materials
        .iter()
        .filter(|m| m.kind == Materialetype::Procesbeskrivelse)
    {
        let f = m.sagsforloeb.as_ref().unwrap();
        assert_eq!(f.sag(), m.pseudonym);
        // Every case is a dialogue process that ended, with a påbud or with the concern ceasing.
        assert!(f.varigheder().dialogforloeb.is_some(), "{}", m.id);
        let agterskrivelse = f
            .skridt()
            .iter()
            .any(|s| s.art == Skridtart::Agterskrivelse);
        let annex = a.materials.iter().any(|x| {
            x.kind == Materialetype::Agterskrivelse
                && x.id.as_str() == format!("{}-agterskrivelse", m.id)
        });
        assert_eq!(
            agterskrivelse, annex,
            "{}: agterskrivelse and its material",
            m.id
        );
    }
    // "et socialtilsyn ofte anmoder om en redegørelse som et af de første trin": Midt's cases ask
    // for one within their first three steps.
    for m in a
        .materials
        .iter()
        .filter(|m| m.tilsyn == Tilsyn::Midt && m.sagsforloeb.is_some())
    {
        let steps = m.sagsforloeb.as_ref().unwrap().skridt();
        assert!(
            steps[..3]
                .iter()
                .any(|s| s.art == Skridtart::AnmodningOmRedegoerelse),
            "{}",
            m.id
        );
    }
}

#[test]
fn each_panelist_picks_four_cases_and_the_five_most_picked_are_stable() {
    // 19.2: "Hver deltager blev desuden i forberedelsen bedt om at udvælge fire sager"; "blev der på
    // auditmødet udvalgt én sag fra hvert socialtilsyn til drøftelse. Der blev i alt drøftet tre
    // sager, hvor der var udstedt påbud og to sager, hvor dialogforløbet resulterede i, at der ikke
    // blev udstedt påbud."
    let d = load();
    let demo = forloeb(&d, "19.2");
    let a = &demo.audit;
    let picks: Vec<&Rating> = demo
        .ratings
        .iter()
        .filter(|r| r.unit.item.as_str() == "sagsvalg")
        .collect();
    assert_eq!(picks.len(), 14);
    for r in &picks {
        assert!(matches!(&r.value, Some(audit::RatingValue::Picks(p)) if p.len() == 4));
    }
    let tal = stemmer(a, &demo.ratings, &"sagsvalg".parse().unwrap(), Round::First);
    assert_eq!(tal.iter().map(|t| t.stemmer).sum::<usize>(), 14 * 4);
    assert!(
        tal[4].stemmer > tal[5].stemmer,
        "the fifth place is tied: {tal:?}"
    );
    let top: BTreeSet<&str> = tal[..5].iter().map(|t| t.material.as_str()).collect();
    assert_eq!(
        top,
        BTreeSet::from(["sag-a", "sag-b", "sag-c", "sag-e", "sag-j"])
    );
    let tilsyn: BTreeSet<Tilsyn> = tal[..5]
        .iter()
        .map(|t| a.material(&t.material).unwrap().tilsyn)
        .collect();
    assert_eq!(tilsyn.len(), 5, "one case from each tilsyn");
    let with_paabud = tal[..5]
        .iter()
        .filter(|t| {
            let f = a
                .material(&t.material)
                .unwrap()
                .sagsforloeb
                .as_ref()
                .unwrap();
            f.skridt().iter().any(|s| s.art.er_paabud())
        })
        .count();
    assert_eq!(with_paabud, 3);
    // Stable: the same set on another day of loading.
    let again = try_load(&files(), date!(2031 - 07 - 01)).unwrap();
    let again = forloeb(&again, "19.2");
    let tal2 = stemmer(
        &again.audit,
        &again.ratings,
        &"sagsvalg".parse().unwrap(),
        Round::First,
    );
    assert_eq!(tal, tal2);
}

// --- 20.1 ---------------------------------------------------------------------------------------

#[test]
fn panel_20_1_has_eight_participants_from_three_tilsyn_nord_exempted_syd_cancelled_on_the_day() {
    // 20.1, Deltagere: "Socialtilsyn Nord blev […] fritaget fra deltagelse i audit 20.1. […]
    // Socialtilsyn Syd meldte afbud på dagen for auditmødet. Fra de øvrige tre socialtilsyn deltog fem
    // tilsynskonsulenter […]. Herudover deltog to faglige ledere og en faglig koordinator. I alt
    // deltog 8 personer fra de tre socialtilsyn."
    let d = load();
    let a = &forloeb(&d, "20.1").audit;
    let deltagere: Vec<_> = a
        .panel
        .iter()
        .filter(|m| m.attendance == Fremmoede::Deltager)
        .collect();
    assert_eq!(deltagere.len(), 8);
    let tilsyn: BTreeSet<Tilsyn> = deltagere.iter().map(|m| m.tilsyn).collect();
    assert_eq!(
        tilsyn,
        BTreeSet::from([Tilsyn::Hovedstaden, Tilsyn::Midt, Tilsyn::Oest])
    );
    let role = |r| deltagere.iter().filter(|m| m.rolle == r).count();
    assert_eq!(role(Panelrolle::Tilsynskonsulent), 5);
    assert_eq!(role(Panelrolle::FagligLeder), 2);
    assert_eq!(role(Panelrolle::FagligKoordinator), 1);
    for m in a.panel.iter().filter(|m| m.tilsyn == Tilsyn::Nord) {
        assert!(
            matches!(m.attendance, Fremmoede::Fritaget { .. }),
            "{}",
            m.username
        );
        assert!(!m.rates());
    }
    for m in a.panel.iter().filter(|m| m.tilsyn == Tilsyn::Syd) {
        assert!(
            matches!(
                m.attendance,
                Fremmoede::Afbud {
                    paa_dagen: true,
                    ..
                }
            ),
            "{}",
            m.username
        );
    }
    assert!(a.panel.iter().any(|m| m.tilsyn == Tilsyn::Nord));
    assert!(a.panel.iter().any(|m| m.tilsyn == Tilsyn::Syd));
    let counts = panel_counts(a);
    assert_eq!(counts.values().sum::<usize>(), a.panel.len());
}

#[test]
fn forms_20_1_are_one_per_tema_and_a_helhedsvurdering_on_the_graded_scale() {
    // 000, Metodisk fokus: "var der udarbejdet i alt tre vurderingsskemaer, hvor deltagerne blev bedt
    // om følgende: 1. Foretage en vurdering af i hvilken grad det var sandsynliggjort, at tilbuddet
    // forventes/ikke forventes at kunne opfylde indikatorerne inden for temaet ”Målgruppe, metoder og
    // resultater”. 2. […] inden for temaet ”Uddannelse og beskæftigelse”. 3. Foretage en
    // helhedsvurdering af den samlede kvalitetsvurdering, herunder i hvilken grad det var
    // sandsynliggjort […]"; "de fremsendte godkendelser […] fra de fire deltagende socialtilsyn".
    let d = load();
    let a = &forloeb(&d, "20.1").audit;
    assert_eq!(a.forms.len(), 3);
    // "i hvilken grad": the graded scale, not the approval scale's yes/no.
    assert!(a.forms.iter().all(|f| f.scale == Scale::Sandsynliggoerelse));
    let titles: Vec<&str> = a.forms.iter().map(|f| f.titel.as_str()).collect();
    assert!(
        titles[0].ends_with("Målgruppe, metoder og resultater"),
        "{titles:?}"
    );
    assert!(
        titles[1].ends_with("Uddannelse og beskæftigelse"),
        "{titles:?}"
    );
    assert!(titles[2].ends_with("Helhedsvurdering"), "{titles:?}");
    let indicators: Vec<Vec<&str>> = a
        .forms
        .iter()
        .map(|f| {
            f.items
                .iter()
                .map(|i| match &i.kind {
                    ItemKind::Indikator { indikator } => indikator.as_str(),
                    ItemKind::Helhedsvurdering => "helhed",
                    _ => "?",
                })
                .collect()
        })
        .collect();
    assert_eq!(
        indicators,
        vec![
            vec!["3.a", "3.b", "3.c", "3.d"],
            vec!["1.a", "1.b", "1.d"],
            vec!["helhed"]
        ]
    );
    let approvals = per_tilsyn(a, Materialetype::Godkendelsesrapport);
    assert_eq!(
        approvals,
        [Tilsyn::Hovedstaden, Tilsyn::Midt, Tilsyn::Syd, Tilsyn::Oest]
            .into_iter()
            .map(|t| (t, 1))
            .collect()
    );
    let model = models()
        .into_iter()
        .find(|m| m.version() == "2017")
        .unwrap();
    let tema = |id| model.tema_for(id).map(|t| t.id.clone());
    assert_eq!(
        tema("3.c").as_deref(),
        Some("maalgruppe-metoder-og-resultater")
    );
    assert_eq!(tema("1.d").as_deref(), Some("uddannelse-og-beskaeftigelse"));
}

#[test]
fn graded_ratings_20_1_lean_to_i_hoej_grad_and_every_unit_is_rated() {
    let d = load();
    let demo = forloeb(&d, "20.1");
    let first = scores(&demo.ratings, Round::First);
    let counts: BTreeMap<i32, usize> = first.iter().fold(BTreeMap::new(), |mut m, v| {
        *m.entry(*v).or_default() += 1;
        m
    });
    // Synthetic, from the seed's niveau (4.8 on the four steps 1 »slet ikke« … 4 »i høj grad«):
    // most units are made probable »i høj grad«, some »i nogen grad«, a few less (Rapport C).
    let hoej = counts.get(&4).copied().unwrap_or(0);
    assert!(hoej as f64 / first.len() as f64 > 0.75, "{counts:?}");
    assert!(counts.get(&3).copied().unwrap_or(0) > 0, "{counts:?}");
    assert!(counts.keys().all(|v| (1..=4).contains(v)), "{counts:?}");
    assert!(counts.len() >= 3, "more than yes/no: {counts:?}");
    // 8 raters × 8 items × 4 reports. 000, Deltagere: "I alt deltog 8 personer fra de tre
    // socialtilsyn"; Syd cancelled on the day and Nord was exempted, so neither has ratings.
    let raters: BTreeSet<&str> = demo.ratings.iter().map(|r| r.rater.as_str()).collect();
    assert_eq!(raters.len(), 8);
    assert!(
        demo.ratings
            .iter()
            .all(|r| demo.audit.member(&r.rater).unwrap().attendance == Fremmoede::Deltager)
    );
    assert_eq!(
        demo.ratings
            .iter()
            .filter(|r| r.round == Round::First)
            .count(),
        8 * 8 * 4
    );
    // The graded scale has no »kunne ikke bedømmes«: an approval rates every indicator (000:
    // "socialtilsynet skal foretage en bedømmelse af alle indikatorer i kvalitetsmodellen").
    assert!(demo.ratings.iter().all(|r| r.value.is_some()));
}

#[test]
fn round_2_of_20_1_comes_from_those_present_and_agrees_more() {
    let d = load();
    let demo = forloeb(&d, "20.1");
    let second: Vec<&Rating> = demo
        .ratings
        .iter()
        .filter(|r| r.round == Round::Second)
        .collect();
    assert!(!second.is_empty());
    for r in &second {
        let m = demo.audit.member(&r.rater).unwrap();
        assert_eq!(
            m.attendance,
            Fremmoede::Deltager,
            "{} was not at the meeting",
            r.rater
        );
        assert!(!r.reason.is_empty());
    }
    let before = pairwise_agreement(&demo.ratings, Round::First);
    let after = pairwise_agreement(&demo.ratings, Round::Second);
    assert!(after > before, "{before} → {after}");
}

#[test]
fn annex_20_1_describes_the_organisation_of_approvals_in_all_five_tilsyn() {
    // 20.1, Bilag: "Oversigt over socialtilsynenes organisering af godkendelse af tilbud".
    let d = load();
    let r = &forloeb(&d, "20.1").rapport;
    assert_eq!(r.bilag.len(), 1);
    let tilsyn: BTreeSet<Tilsyn> = r.bilag[0].afsnit.iter().filter_map(|a| a.tilsyn).collect();
    assert_eq!(tilsyn, BTreeSet::from(Tilsyn::ALL));
    assert!(
        !r.plenum.is_empty(),
        "20.1 has a plenum discussion outside the forms"
    );
}

// --- Report content of all three ---------------------------------------------------------------

#[test]
fn recommendations_and_follow_up_plans_match_the_reports() {
    // 19.1: a recommendation per indicator, four actions; 19.2: "to faglige anbefalinger", three
    // actions; 20.1: one recommendation ("Socialstyrelsens anbefaling"), three actions.
    let d = load();
    let count = |nr| {
        let r = &forloeb(&d, nr).rapport;
        (r.anbefalinger.len(), r.opfoelgning.len())
    };
    assert_eq!(count("19.1"), (4, 4));
    assert_eq!(count("19.2"), (2, 3));
    assert_eq!(count("20.1"), (1, 3));
    let r191 = &forloeb(&d, "19.1").rapport;
    let discussed: Vec<String> = r191
        .droeftelser
        .iter()
        .map(|x| x.emne.beskrivelse())
        .collect();
    assert_eq!(
        discussed,
        [
            "indikator 8.a",
            "indikator 8.b",
            "indikator 8.c",
            "indikator 9.a"
        ]
    );
    for d in &r191.droeftelser {
        assert!(
            !d.ligheder.is_empty() && !d.opmaerksomheder.is_empty() && !d.datakilder.is_empty()
        );
    }
}

#[test]
fn every_follow_up_deadline_parses_to_the_period_the_report_means() {
    // The deadlines as typed in the plans of 19.1, 19.2, 20.1 and the faglig udtalelse (25.2).
    let d = load();
    let mut due: Vec<(String, Option<Date>)> = Vec::new();
    for a in &d.forloeb {
        for t in &a.rapport.opfoelgning {
            if let Some(frist) = t.frist() {
                let frist = frist.unwrap_or_else(|e| panic!("{} {}: {e}", a.audit.nr, t.id));
                due.push((format!("{} {}", a.audit.nr, frist.tekst()), frist.forfald()));
            }
        }
    }
    let expected: Vec<(String, Option<Date>)> = [
        ("19.1 i maj og juni 2019", Some(date!(2019 - 06 - 30))),
        ("19.1 i 2. halvår 2019", Some(date!(2019 - 12 - 31))),
        ("19.1 i 1. halvår 2020", Some(date!(2020 - 06 - 30))),
        ("19.2 i efteråret 2019", Some(date!(2019 - 11 - 30))),
        ("19.2 i 1. halvår 2020", Some(date!(2020 - 06 - 30))),
        ("19.2 i 2. halvår 2020", Some(date!(2020 - 12 - 31))),
        ("20.1 ved førstkommende lejlighed", None),
        // 000: "Socialstyrelsen vil fra 2. halvår 2020 initiere et udviklingsarbejde": a start.
        ("20.1 fra 2. halvår 2020", None),
        ("25.2 i første kvartal 2025", Some(date!(2025 - 03 - 31))),
    ]
    .into_iter()
    .map(|(t, d)| (t.to_owned(), d))
    .collect();
    assert_eq!(due, expected);
    let a = forloeb(&d, "20.1");
    let first = a.rapport.opfoelgning[0].frist().unwrap().unwrap();
    assert_eq!(first.art(), Fristart::VedFoerstkommendeLejlighed);
}

#[test]
fn actions_for_socialtilsynene_reach_every_tilsynskontakt() {
    // 19.2: "det foreslås, at de faglige ledelser i de fem socialtilsyn i 1. halvår 2020
    // konkretiserer ovenstående" is the tilsyn's to report on.
    let d = load();
    let t = forloeb(&d, "19.2")
        .rapport
        .opfoelgning
        .iter()
        .find(|t| t.id == "konkretisering")
        .unwrap();
    assert_eq!(t.tilsyn(), Tilsyn::ALL.to_vec());
}

// --- 25.1: the ongoing round --------------------------------------------------------------------

#[test]
fn the_ongoing_round_is_in_vurdering_with_a_future_deadline_on_any_day() {
    for today in [TODAY, date!(2024 - 01 - 01), date!(2040 - 12 - 31)] {
        let d = try_load(&files(), today).unwrap();
        let a = &forloeb(&d, "25.1").audit;
        assert_eq!(a.state, WorkflowState::Vurdering);
        assert_eq!(a.model_version, "2024");
        assert!(a.forms.iter().all(|f| f.scale == Scale::Drift));
        let deadline = a.deadline.unwrap();
        assert!(deadline > today, "{deadline} is not after {today}");
        assert!(a.meeting_date.unwrap() > deadline);
    }
}

#[test]
fn the_ongoing_round_has_submitted_draft_and_not_started_panelists() {
    let d = load();
    let demo = forloeb(&d, "25.1");
    let progress = visibility::progress(&demo.audit, &demo.ratings);
    let status = |s| progress.iter().filter(|p| p.status == s).count();
    assert_eq!(progress.len(), 10);
    assert_eq!(status(ProgressStatus::Submitted), 4);
    assert_eq!(status(ProgressStatus::Draft), 3);
    assert_eq!(status(ProgressStatus::NotStarted), 3);
    assert!(demo.ratings.iter().all(|r| r.round == Round::First));
    assert!(demo.ratings.iter().any(|r| r.status == RatingStatus::Draft));
}

#[test]
fn in_the_ongoing_round_nobody_sees_another_raters_values() {
    let d = load();
    let demo = forloeb(&d, "25.1");
    let a = &demo.audit;
    assert_eq!(
        visibility::rating_access(Viewer::Koordinator, a.state, a.reveal_rule),
        RatingAccess::ProgressOnly
    );
    assert!(visibility::visible_ratings(a, Viewer::Koordinator, &demo.ratings).is_empty());
    for m in a.raters() {
        let seen = visibility::visible_ratings(a, Viewer::Panelist(&m.username), &demo.ratings);
        assert!(seen.iter().all(|r| r.rater == m.username), "{}", m.username);
    }
}

// --- 25.2: the compliance sample ----------------------------------------------------------------

#[test]
fn the_compliance_sample_checks_four_reports_per_tilsyn_never_by_their_own_tilsyn() {
    // Faglig udtalelse: "Auditfunktionen vil i en stikprøve af tilsynsrapporter vurdere, om
    // anbefalingerne efterleves af alle fem socialtilsyn."
    let d = load();
    let demo = forloeb(&d, "25.2");
    let a = &demo.audit;
    assert_eq!(
        per_tilsyn(a, Materialetype::Tilsynsrapport),
        Tilsyn::ALL.iter().map(|t| (*t, 4)).collect()
    );
    assert!(a.forms.iter().all(|f| f.scale == Scale::Tjekliste));
    // One item per requirement of the statement (`audit::compliance::tjekliste`).
    assert_eq!(a.forms[0].items.len(), 12);
    // "Anbefalingen træder i kraft 1. januar 2024": every sampled report is dated from that day on.
    assert!(a.materials.iter().all(|m| m.dato.is_some()));
    assert!(audit::compliance::periode::rapporter_uden_for_perioden(a).is_empty());
    for r in &demo.ratings {
        assert!(
            !a.is_own_tilsyn(&r.rater, &r.unit),
            "{} checks own {}",
            r.rater,
            r.unit
        );
    }
    let mut checkers: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for r in &demo.ratings {
        let m = r.unit.material.as_ref().unwrap().to_string();
        checkers.entry(m).or_default().insert(r.rater.as_str());
    }
    assert_eq!(checkers.len(), 20, "every report is checked");
    let double = checkers.values().filter(|c| c.len() == 2).count();
    assert_eq!(double, 10, "two reports per tilsyn are checked twice");
    assert!(checkers.values().all(|c| (1..=2).contains(&c.len())));
}

#[test]
fn the_compliance_sample_shows_syd_least_unfolded() {
    // Faglig udtalelse: "kvalitetsvurderingerne i Socialtilsyn Syd [er] kun i lille grad udfoldede";
    // the synthetic answers carry that finding.
    let d = load();
    let demo = forloeb(&d, "25.2");
    let a = &demo.audit;
    let share_yes = |t: Tilsyn| {
        let vs: Vec<i32> = demo
            .ratings
            .iter()
            .filter(|r| r.unit.item.as_str() == "udfoldet-vurdering")
            .filter(|r| {
                a.material(r.unit.material.as_ref().unwrap())
                    .unwrap()
                    .tilsyn
                    == t
            })
            .filter_map(Rating::score)
            .collect();
        vs.iter().filter(|v| **v == 1).count() as f64 / vs.len() as f64
    };
    let syd = share_yes(Tilsyn::Syd);
    for t in Tilsyn::ALL.into_iter().filter(|t| *t != Tilsyn::Syd) {
        assert!(share_yes(t) > syd, "{t} {} vs Syd {syd}", share_yes(t));
    }
}

// --- The generator ------------------------------------------------------------------------------

#[test]
fn the_generator_is_deterministic_and_follows_its_seed() {
    let a = load();
    let b = try_load(&files(), date!(2030 - 01 - 01)).unwrap();
    for (x, y) in a.forloeb.iter().zip(&b.forloeb) {
        if x.audit.nr.as_str() != "25.1" {
            assert_eq!(x.ratings, y.ratings, "{}", x.fil);
        }
    }
    let reseeded = try_load(
        &files_with("20.1.toml", "seed = 20200305", "seed = 1"),
        TODAY,
    )
    .unwrap();
    assert_ne!(
        forloeb(&a, "20.1").ratings,
        forloeb(&reseeded, "20.1").ratings
    );
}

// --- Refusals name the file and the problem ----------------------------------------------------

#[test]
fn a_broken_seed_is_refused_with_its_file_and_problem() {
    let cases = [
        (
            files_with(
                "19.1.toml",
                "username = \"midt-2\"",
                "username = \"midt-9\"",
            ),
            "19.1.toml",
            "»midt-9« er ikke en demobruger",
        ),
        (
            files_with("20.1.toml", "indikator = \"3.d\"", "indikator = \"3.z\""),
            "20.1.toml",
            "indikator 3.z",
        ),
        (
            files_with(
                "19.2.toml",
                "frist = \"i efteråret 2019\"",
                "frist = \"snarest\"",
            ),
            "19.2.toml",
            "»snarest«",
        ),
        (
            files_with(
                "25.1.toml",
                "deadline = { om_dage = 14 }",
                "deadline = \"2020-01-01\"",
            ),
            "25.1.toml",
            "overskredet",
        ),
        (
            files_with("25.2.toml", "nr = \"25.2\"", "nr = \"25.1\""),
            "25.2.toml",
            "auditnummeret 25.1",
        ),
        (
            files_with("20.1.toml", "rapport-c = -1.1", "rapport-x = -1.1"),
            "20.1.toml",
            "»rapport-x« findes ikke",
        ),
        (
            files_with("19.2.toml", "sag = \"Sag B\"", "sag = \"Sag Z\""),
            "19.2.toml",
            "»Sag Z«",
        ),
        (
            files_with(
                "19.1.toml",
                "model_version = \"2017\"",
                "model_version = \"1999\"",
            ),
            "19.1.toml",
            "version 1999",
        ),
        (
            files_with(
                "20.1.toml",
                "navn = \"Konsulent Midt 1\"",
                "navn = \"Jens Hansen\"",
            ),
            "20.1.toml",
            "»Jens Hansen«",
        ),
        (
            files_with(
                "19.1.toml",
                "titel = \"Organisation og ledelse\"",
                "titel = 5",
            ),
            "19.1.toml",
            "ugyldig TOML i linje",
        ),
    ];
    for (files, file, needle) in cases {
        let err = try_load(&files, TODAY).unwrap_err();
        assert_eq!(err.fil, file, "{err}");
        let text = err.to_string();
        assert!(
            text.contains(file) && text.contains(needle),
            "{text} lacks {needle}"
        );
    }
    let without_users: Vec<(String, String)> = files()
        .into_iter()
        .filter(|(n, _)| n != demo::BRUGERFIL)
        .collect();
    let err = try_load(&without_users, TODAY).unwrap_err();
    assert!(err.to_string().contains("brugere.toml"), "{err}");
}

/// The import check (`audit::export::check_export`) over the demo's audits as an export carries them:
/// every demo audit passes, and an export edited at random — a rating's rater, round, score, status or
/// submission time, the audit's state, an added event with any payload, any leaf set to any value — is
/// answered without a panic; whatever it accepts reads back from its own JSON as the same export and is
/// accepted again, and whatever puts a score off the scale is refused.
mod import_check {
    use std::sync::LazyLock;

    use audit::export::{Event, ExportedRating, check_export};
    use audit::{Audit, RatingStatus, Username, WorkflowState};
    use proptest::prelude::*;
    use serde_json::{Value, json};
    use time::macros::datetime;

    use super::{Demo, load};

    static DEMO: LazyLock<Demo> = LazyLock::new(load);

    /// Demo audit `i` as its export's JSON: the audit, its ratings with timestamps (a submission
    /// time exactly for submitted ratings) and an event log from creation through each state.
    fn export(i: usize) -> Value {
        let a = &DEMO.forloeb[i];
        let at = datetime!(2025-01-06 09:00 UTC);
        let ratings: Vec<ExportedRating> = a
            .ratings
            .iter()
            .map(|r| ExportedRating {
                rating: r.clone(),
                created_at: at,
                updated_at: at,
                submitted_at: (r.status == RatingStatus::Submitted).then_some(at),
            })
            .collect();
        let mut events = vec![json!({"at": "2025-01-06T09:00:00Z", "actor": "koordinator",
            "kind": "audit_created", "before": null, "after": {"state": "planlaegning"}})];
        for pair in WorkflowState::ALL.windows(2) {
            if pair[0] >= a.audit.state {
                break;
            }
            events.push(json!({"at": "2025-01-06T09:00:00Z", "actor": "koordinator",
                "kind": "state_changed", "before": {"state": pair[0]}, "after": {"state": pair[1]}}));
        }
        json!({"audit": a.audit, "ratings": ratings, "events": events})
    }

    /// An export as read (audit, ratings, events) and the import check's answer.
    type Checked = (Audit, Vec<ExportedRating>, Vec<Event>, Result<(), String>);

    /// Reads an export's JSON as `import` does, and checks it against the demo's users.
    fn check(doc: &Value) -> Option<Checked> {
        let audit: Audit = serde_json::from_value(doc["audit"].clone()).ok()?;
        let ratings: Vec<ExportedRating> = serde_json::from_value(doc["ratings"].clone()).ok()?;
        let events: Vec<Event> = serde_json::from_value(doc["events"].clone()).ok()?;
        let is_user = |u: &Username| DEMO.bruger(u.as_str()).is_some();
        let result = check_export(&audit, &ratings, &events, is_user).map_err(|e| e.to_string());
        Some((audit, ratings, events, result))
    }

    #[test]
    fn every_demo_audit_passes_the_import_check() {
        for (i, a) in DEMO.forloeb.iter().enumerate() {
            let (_, _, _, result) = check(&export(i)).expect("the export reads back");
            assert_eq!(result, Ok(()), "{}", a.audit.nr);
        }
    }

    /// One edit of an export, as someone with a text editor might make it.
    #[derive(Debug, Clone)]
    enum Edit {
        Rater(usize, String),
        Round(usize, i64),
        Score(usize, i64),
        Status(usize, bool),
        DropSubmittedAt(usize),
        State(usize),
        Event(String, Value),
        Leaf(usize, Value),
    }

    fn any_json() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "\\PC{0,20}".prop_map(Value::from),
            ("[a-z]{1,8}", "\\PC{0,20}").prop_map(|(k, v)| json!({ k: v })),
        ]
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let kinds = prop_oneof![
            Just("ratings_submitted".to_owned()),
            Just("state_changed".to_owned()),
            Just("audit_updated".to_owned()),
            "[a-z_]{1,12}",
        ];
        prop_oneof![
            (any::<usize>(), "[a-z0-9-]{1,12}").prop_map(|(i, s)| Edit::Rater(i, s)),
            (any::<usize>(), -1i64..4).prop_map(|(i, r)| Edit::Round(i, r)),
            (any::<usize>(), -3i64..12).prop_map(|(i, v)| Edit::Score(i, v)),
            (any::<usize>(), any::<bool>()).prop_map(|(i, b)| Edit::Status(i, b)),
            any::<usize>().prop_map(Edit::DropSubmittedAt),
            (0usize..WorkflowState::ALL.len()).prop_map(Edit::State),
            (kinds, any_json()).prop_map(|(k, v)| Edit::Event(k, v)),
            (any::<usize>(), any_json()).prop_map(|(i, v)| Edit::Leaf(i, v)),
        ]
    }

    /// Every leaf of `doc` as a JSON pointer, in document order.
    fn leaves(doc: &Value, at: String, out: &mut Vec<String>) {
        match doc {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| leaves(v, format!("{at}/{k}"), out)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
            _ => out.push(at),
        }
    }

    fn apply(doc: &mut Value, edit: &Edit) {
        let n = doc["ratings"].as_array().map_or(0, Vec::len).max(1);
        let rating = |doc: &mut Value, i: usize| doc["ratings"][i % n].clone();
        match edit {
            Edit::Rater(i, s) => doc["ratings"][i % n]["rating"]["rater"] = s.as_str().into(),
            Edit::Round(i, r) => doc["ratings"][i % n]["rating"]["round"] = (*r).into(),
            Edit::Score(i, v) => {
                if rating(doc, *i)["rating"]["value"]["score"].is_i64() {
                    doc["ratings"][i % n]["rating"]["value"]["score"] = (*v).into();
                }
            }
            Edit::Status(i, submitted) => {
                doc["ratings"][i % n]["rating"]["status"] =
                    if *submitted { "submitted" } else { "draft" }.into();
            }
            Edit::DropSubmittedAt(i) => doc["ratings"][i % n]["submitted_at"] = Value::Null,
            Edit::State(s) => doc["audit"]["state"] = json!(WorkflowState::ALL[*s]),
            Edit::Event(kind, payload) => {
                if let Some(events) = doc["events"].as_array_mut() {
                    events.push(json!({"at": "2025-02-01T10:00:00Z", "actor": "koordinator",
                        "kind": kind, "before": null, "after": payload}));
                }
            }
            Edit::Leaf(i, v) => {
                let mut all = Vec::new();
                leaves(doc, String::new(), &mut all);
                if let Some(leaf) = doc.pointer_mut(&all[i % all.len()]) {
                    *leaf = v.clone();
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn an_edited_export_is_answered_and_what_is_accepted_round_trips(
            which in any::<usize>(),
            edits in prop::collection::vec(edit(), 1..4),
        ) {
            let i = which % DEMO.forloeb.len();
            let mut doc = export(i);
            for e in &edits {
                apply(&mut doc, e);
            }
            let Some((audit, ratings, events, result)) = check(&doc) else {
                return Ok(()); // refused while reading, as `import` refuses a file that does not parse
            };
            let off_scale = ratings.iter().any(|r| {
                audit.check_value(&r.rating.unit, r.rating.value.as_ref()).is_err()
            });
            if off_scale {
                prop_assert!(result.is_err(), "a value off the scale was accepted: {edits:?}");
            }
            if result.is_ok() {
                let again = json!({"audit": audit, "ratings": ratings, "events": events});
                let (a2, r2, e2, result2) = check(&again).expect("an accepted export reads back");
                prop_assert_eq!(&a2, &audit);
                prop_assert_eq!(&r2, &ratings);
                prop_assert_eq!(&e2, &events);
                prop_assert_eq!(result2, Ok(()));
            }
        }
    }
}

/// `seeds/demo/README.md` lists, for every demo audit, the generator's parameters of its synthetic
/// ratings: each scalar parameter of each file's `[syntetiske_bedoemmelser]` appears there as
/// `` `name = value` ``, so the README cannot drift from the files it documents.
#[test]
fn the_demo_readme_states_every_generator_parameter() {
    let readme = std::fs::read_to_string(seeds().join("demo/README.md")).unwrap();
    for (name, text) in files() {
        let file: toml::Table = toml::from_str(&text).unwrap();
        let Some(params) = file
            .get("syntetiske_bedoemmelser")
            .and_then(|p| p.as_table())
        else {
            continue;
        };
        for (key, value) in params {
            let shown = match value {
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                _ => continue,
            };
            let needle = format!("`{key} = {shown}`");
            assert!(readme.contains(&needle), "{name}: README lacks {needle}");
        }
    }
    // The contradiction the issue asks the README to note (003, "Deltagere": 15 vs 4 × 3 + 2 = 14).
    assert!(readme.contains("adds up to **14**"));
}

/// Every demo material item gets a file (the "material to read"): labelled fictitious, named
/// after its material, safe by the upload rules, and free of anything the CPR scan would flag.
#[test]
fn every_demo_material_has_a_fictitious_file_that_passes_the_upload_checks() {
    use audit::demo::materiale::{OVERSKRIFT, demofil};
    let d = load();
    let mut count = 0;
    for forloeb in &d.forloeb {
        for material in &forloeb.audit.materials {
            let fil = demofil(&forloeb.audit, material);
            assert!(fil.tekst.starts_with(OVERSKRIFT), "{}", fil.filnavn);
            assert!(fil.tekst.contains(&material.pseudonym));
            assert_eq!(fil.filnavn, format!("{}.txt", material.id));
            assert!(
                audit::file_name::check_upload(&fil.filnavn, fil.tekst.len()).is_ok(),
                "{}",
                fil.filnavn
            );
            assert!(
                audit::cpr::find_lines(&fil.tekst).is_empty(),
                "{}",
                fil.tekst
            );
            count += 1;
        }
    }
    // 19.1: 20, 19.2: 16, 20.1: 8, 25.1: 10, 25.2: 20 material items (count of [[materials]] in seeds/demo).
    assert_eq!(count, 74);
    // A process description of 19.2 lists its dated case steps.
    let sag = forloeb(&d, "19.2")
        .audit
        .materials
        .iter()
        .find(|m| m.sagsforloeb.is_some())
        .unwrap();
    let fil = demofil(&forloeb(&d, "19.2").audit, sag);
    assert!(fil.tekst.contains("Sagsforløb"), "{}", fil.tekst);
}

/// 19.2's selection rule as the domain models it: "udvalgt én sag fra hvert socialtilsyn" and "tre
/// sager, hvor der var udstedt påbud og to sager, hvor dialogforløbet resulterede i, at der ikke blev
/// udstedt påbud". The demo's votes follow it (its choice is the five cases the report discussed), and
/// when the most-picked five break it (two cases of one tilsyn on top), the rule still holds.
#[test]
fn the_19_2_selection_rule_picks_one_case_per_tilsyn_three_with_paabud() {
    use audit::optaelling::{Udvaelgelsesregel, udvaelg_til_droeftelse};
    let d = load();
    let demo = forloeb(&d, "19.2");
    let a = &demo.audit;
    let item: audit::ItemId = "sagsvalg".parse().unwrap();
    let valgt = udvaelg_til_droeftelse(
        a,
        &demo.ratings,
        &item,
        Round::First,
        Udvaelgelsesregel::AUDIT_19_2,
    )
    .unwrap();
    let ids: Vec<&str> = valgt.iter().map(|m| m.as_str()).collect();
    assert_eq!(ids, ["sag-a", "sag-b", "sag-c", "sag-e", "sag-j"]);

    let paabud = |id: &audit::MaterialId| {
        a.material(id)
            .unwrap()
            .sagsforloeb
            .as_ref()
            .is_some_and(|f| f.skridt().iter().any(|s| s.art.er_paabud()))
    };
    // Votes that put both of Syd's cases on top: every panelist picks them, then two more in turn.
    let syd: Vec<&audit::MaterialId> = a
        .materials
        .iter()
        .filter(|m| m.tilsyn == Tilsyn::Syd && m.sagsforloeb.is_some())
        .map(|m| &m.id)
        .collect();
    assert_eq!(syd.len(), 2, "two cases per tilsyn");
    let others: Vec<&audit::MaterialId> = a
        .materials
        .iter()
        .filter(|m| m.tilsyn != Tilsyn::Syd && m.sagsforloeb.is_some())
        .map(|m| &m.id)
        .collect();
    let ratings: Vec<Rating> = demo
        .ratings
        .iter()
        .filter(|r| r.unit.item == item)
        .enumerate()
        .map(|(i, r)| {
            let mut r = r.clone();
            let picks = vec![
                syd[0].clone(),
                syd[1].clone(),
                others[(2 * i) % others.len()].clone(),
                others[(2 * i + 1) % others.len()].clone(),
            ];
            r.value = Some(audit::RatingValue::Picks(picks));
            r
        })
        .collect();
    let naive: BTreeSet<String> = stemmer(a, &ratings, &item, Round::First)[..5]
        .iter()
        .map(|t| t.material.to_string())
        .collect();
    assert!(syd.iter().all(|s| naive.contains(s.as_str())), "{naive:?}");
    let valgt = udvaelg_til_droeftelse(
        a,
        &ratings,
        &item,
        Round::First,
        Udvaelgelsesregel::AUDIT_19_2,
    )
    .unwrap();
    let tilsyn: BTreeSet<Tilsyn> = valgt
        .iter()
        .map(|m| a.material(m).unwrap().tilsyn)
        .collect();
    assert_eq!(tilsyn.len(), 5, "one case from each tilsyn: {valgt:?}");
    assert_eq!(valgt.iter().filter(|m| paabud(m)).count(), 3, "{valgt:?}");
    // A rule the cases cannot meet (four cases from five tilsyn, one each) is refused in Danish.
    let umulig = Udvaelgelsesregel {
        med_paabud: 2,
        uden_paabud: 2,
    };
    let fejl = udvaelg_til_droeftelse(a, &demo.ratings, &item, Round::First, umulig).unwrap_err();
    assert!(
        fejl.to_string()
            .contains("de 5 socialtilsyn giver 2 sager med påbud og 2 uden"),
        "{fejl}"
    );
}

/// The published history is checked before anything is stored: a publication before the meeting, by
/// someone who is not a koordinator, or a follow-up event the status machine refuses (a tilsyn
/// reporting on the audit function's own action) is named with its file, and an audit in opfølgning
/// must say when its report was published.
#[test]
fn a_published_history_that_breaks_the_rules_is_refused() {
    let cases = [
        (
            files_with(
                "19.1.toml",
                "dato = \"2019-04-30\"",
                "dato = \"2019-03-01\"",
            ),
            "19.1.toml",
            "før auditmødet 2. april 2019",
        ),
        (
            files_with(
                "19.2.toml",
                "dato = \"2019-09-02\"\naf = \"koordinator\"",
                "dato = \"2019-09-02\"\naf = \"laeser\"",
            ),
            "19.2.toml",
            "ikke koordinator",
        ),
        (
            files_with(
                "20.1.toml",
                "tiltag = \"praesentation\"\ndato = \"2020-09-24\"\naf = \"koordinator\"",
                "tiltag = \"praesentation\"\ndato = \"2020-09-24\"\naf = \"tilsynskontakt-midt\"",
            ),
            "20.1.toml",
            "Auditfunktionen rapporterer selv",
        ),
    ];
    for (files, file, needle) in cases {
        let err = try_load(&files, TODAY).unwrap_err();
        assert_eq!(err.fil, file, "{err}");
        assert!(err.to_string().contains(needle), "{needle}: {err}");
    }
    // Without the table at all, an audit in opfølgning is refused for lacking it.
    let mut files = files();
    let (_, text) = files.iter_mut().find(|(n, _)| n == "19.2.toml").unwrap();
    let start = text.find("[offentliggoerelse]").unwrap();
    let end = text.find("# ---------------------------------------------------------------------------------------------------\n# SYNTETISKE").unwrap();
    text.replace_range(start..end, "");
    let err = try_load(&files, TODAY).unwrap_err();
    assert!(err.to_string().contains("[offentliggoerelse]"), "{err}");
}

/// The history as loaded (seeds/demo/*.toml `[offentliggoerelse]`): 19.x published in 2019 and 20.1 in
/// 2020, each after its meeting, by the koordinator; 25.1 and 25.2 are live rounds with no publication.
#[test]
fn the_historical_reports_are_published_in_their_own_year_and_the_live_rounds_are_not() {
    let d = load();
    for (nr, year) in [("19.1", 2019), ("19.2", 2019), ("20.1", 2020)] {
        let a = forloeb(&d, nr);
        let o = a.offentliggoerelse.as_ref().unwrap();
        assert_eq!(o.dato.year(), year, "{nr}");
        assert!(o.dato > a.audit.meeting_date.unwrap(), "{nr}");
        assert_eq!(o.af.as_str(), "koordinator");
        assert!(o.kilde.contains("udateret"), "{nr}: {}", o.kilde);
    }
    for nr in ["25.1", "25.2"] {
        assert!(forloeb(&d, nr).offentliggoerelse.is_none(), "{nr}");
    }
    // 25.2 keeps a draft report with recommendations and a follow-up plan for the editor.
    let draft = &forloeb(&d, "25.2").rapport;
    assert!(!draft.anbefalinger.is_empty() && !draft.opfoelgning.is_empty());
}
