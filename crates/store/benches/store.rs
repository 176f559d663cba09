//! Store benchmark: submitting one rating, submitting a whole form of 40 ratings, and loading every
//! rating of a 20-panelist × 40-item × 10-material audit (8 000 ratings), on SQLite and, when
//! `DATABASE_URL` names a server, on PostgreSQL. Run with `cargo bench -p store`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use audit::{
    Afsloeringsregel, Audit, FormItem, Fremmoede, ItemKind, Material, Materialetype, PanelMember,
    Panelrolle, Rating, RatingStatus, RatingValue, Role, Round, Scale, Tilsyn, User, Username,
    WorkflowState,
};
use store::Db;
use store::testing::{TestDb, postgres_server_url, warn_postgres_not_run};
use time::macros::{date, datetime};

const PANELISTS: usize = 20;
const ITEMS: usize = 40;
const MATERIALS: usize = 10;

fn name(s: &str) -> Username {
    s.parse().unwrap()
}

fn big_audit() -> Audit {
    Audit {
        nr: "24.1".parse().unwrap(),
        titel: "Benchmark".into(),
        formaal: String::new(),
        fokus: String::new(),
        model_version: "2024".into(),
        state: WorkflowState::Planlaegning,
        deadline: Some(date!(2025 - 12 - 31)),
        meeting_date: None,
        reveal_rule: Afsloeringsregel::VedMoedet,
        panel: (0..PANELISTS)
            .map(|p| PanelMember {
                username: name(&format!("p-{p}")),
                navn: format!("Panelist {p}"),
                tilsyn: Tilsyn::ALL[p % 5],
                rolle: Panelrolle::Tilsynskonsulent,
                attendance: Fremmoede::Deltager,
            })
            .collect(),
        materials: (0..MATERIALS)
            .map(|m| Material {
                id: format!("m{m}").parse().unwrap(),
                pseudonym: format!("Rapport {m}"),
                tilsyn: Tilsyn::ALL[m % 5],
                kind: Materialetype::Tilsynsrapport,
                beskrivelse: String::new(),
                original_scores: Default::default(),
                tilbud: None,
                sagsforloeb: None,
                dato: None,
            })
            .collect(),
        forms: vec![audit::RatingForm {
            titel: "Skema".into(),
            scale: Scale::Drift,
            materials: vec![],
            items: (0..ITEMS)
                .map(|i| FormItem {
                    id: format!("i{i}").parse().unwrap(),
                    tekst: format!("Indikator {i}"),
                    kind: ItemKind::Indikator {
                        indikator: format!("{i}.a"),
                    },
                })
                .collect(),
        }],
    }
}

fn rating(p: usize, item: usize, material: usize) -> Rating {
    Rating {
        rater: name(&format!("p-{p}")),
        unit: format!("i{item}/m{material}").parse().unwrap(),
        value: Some(RatingValue::Score(1 + ((p + item + material) % 5) as i32)),
        reason: "En begrundelse på et par linjer, som en panelist ville skrive den.".into(),
        round: Round::First,
        status: RatingStatus::Submitted,
    }
}

fn report(engine: &str, what: &str, mut times: Vec<Duration>) {
    times.sort();
    let n = times.len();
    let total: Duration = times.iter().sum();
    let mean = total / u32::try_from(n).unwrap();
    let p50 = times[n / 2];
    let p95 = times[(n * 95 / 100).min(n - 1)];
    println!(
        "{engine:<10} {what:<44} n={n:<4} mean {mean:>9.2?}  p50 {p50:>9.2?}  p95 {p95:>9.2?}"
    );
}

async fn run(engine: &str, db: &Db) {
    let koordinator = name("koordinator");
    let now = datetime!(2025-06-01 10:00 UTC);
    let today = date!(2025 - 06 - 01);
    let audit = big_audit();
    store::audits::create_audit(db, &audit, &koordinator, now)
        .await
        .unwrap();
    store::audits::transition_audit(
        db,
        &audit.nr,
        WorkflowState::Vurdering,
        None,
        &koordinator,
        today,
        now,
    )
    .await
    .unwrap();

    // Every rater submits their own ratings (`ratings[0].rater`).
    let submit = async |ratings: &[Rating]| {
        let rater = &ratings[0].rater;
        let status = audit::RatingStatus::Submitted;
        store::ratings::save_ratings(db, &audit.nr, rater, ratings, status, today, now)
            .await
            .unwrap();
    };

    // One rating per call: panelist p-0 rates material m0..m4, item by item (200 calls).
    let mut one = Vec::new();
    for m in 0..5 {
        for i in 0..ITEMS {
            let r = [rating(0, i, m)];
            let start = Instant::now();
            submit(&r).await;
            one.push(start.elapsed());
        }
    }
    report(engine, "submit one rating", one);

    // A whole form (40 items of one material) per call: every other panelist, every material (190 calls).
    let mut form = Vec::new();
    for p in 1..PANELISTS {
        for m in 0..MATERIALS {
            let ratings: Vec<Rating> = (0..ITEMS).map(|i| rating(p, i, m)).collect();
            let start = Instant::now();
            submit(&ratings).await;
            form.push(start.elapsed());
        }
    }
    report(engine, "submit a form of 40 ratings", form);
    let rest: Vec<Rating> = (5..MATERIALS)
        .flat_map(|m| (0..ITEMS).map(move |i| rating(0, i, m)))
        .collect();
    submit(&rest).await;

    store::audits::transition_audit(
        db,
        &audit.nr,
        WorkflowState::Droeftelse,
        None,
        &koordinator,
        today,
        now,
    )
    .await
    .unwrap();
    let audit = store::audits::get_audit(db, &audit.nr).await.unwrap();
    let viewer = User {
        username: koordinator,
        navn: "K".into(),
        role: Role::Koordinator,
    };
    let mut load = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let all = store::ratings::ratings_visible_to(db, &audit, &viewer)
            .await
            .unwrap();
        load.push(start.elapsed());
        assert_eq!(all.len(), PANELISTS * ITEMS * MATERIALS);
    }
    report(engine, "load all 8 000 ratings (after reveal)", load);
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let sqlite = TestDb::sqlite().await.unwrap();
        run("SQLite", sqlite.db()).await;
        match postgres_server_url() {
            Some(url) => {
                let pg = TestDb::postgres(&url).await.unwrap();
                run("PostgreSQL", pg.db()).await;
            }
            None => warn_postgres_not_run(),
        }
    });
}
