//! How long the report page takes to build and render for each demo audit: the koordinator's draft
//! (`build_draft`: ratings, content, calibration with its bootstrap, report model) and its HTML
//! (`report_render::article`), and the same report as a Word file (`report_render::docx`, figures
//! drawn as PNG), on a seeded SQLite database. A timing print, not an assertion:
//! `cargo bench -p web --bench report`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use store::testing::TestDb;
use time::macros::datetime;
use web::report_render::{self, Udgave};
use web::{AppState, Clock, WebConfig};

const ROUNDS: usize = 20;

fn demo_sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds/demo");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

/// Median, min and max of `times` in milliseconds.
fn summary(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.1} ms, min {:.1} ms, max {:.1} ms over {} runs",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        times.len()
    )
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let now = datetime!(2025-03-03 09:00 UTC);
        let db = TestDb::sqlite().await.unwrap();
        let files = demo_sources();
        let sources: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let models: Vec<_> = ["2017", "2024"]
            .iter()
            .map(|v| audit::builtin::kvalitetsmodel(v).unwrap())
            .collect();
        let demo = audit::demo::load(&sources, &models, now.date()).unwrap();
        web::demo::seed(db.db(), &demo, now).await.unwrap();
        let app = AppState::new(db.db().clone(), Clock::Fixed(now), WebConfig::default());
        let koordinator = store::users::get_user(db.db(), &"koordinator".parse().unwrap())
            .await
            .unwrap();
        for nr in ["19.1", "19.2", "20.1", "25.1", "25.2"] {
            let audit = store::audits::get_audit(db.db(), &nr.parse().unwrap())
                .await
                .unwrap();
            let mut times: Vec<Duration> = Vec::new();
            let mut docx_times: Vec<Duration> = Vec::new();
            let (mut bytes, mut docx_bytes) = (0, 0);
            for _ in 0..ROUNDS {
                let started = Instant::now();
                let rapport = web::report_source::build_draft(&app, &koordinator, &audit)
                    .await
                    .unwrap();
                let html = report_render::article(&rapport, Udgave::Kladde).into_string();
                times.push(started.elapsed());
                bytes = html.len();
                let started = Instant::now();
                let docx = report_render::docx(&rapport, Udgave::Kladde).unwrap();
                docx_times.push(started.elapsed());
                docx_bytes = docx.len();
            }
            println!(
                "rapport {nr}: {} ({} kB HTML)",
                summary(&mut times),
                bytes / 1024
            );
            println!(
                "rapport {nr} som Word: {} ({} kB DOCX)",
                summary(&mut docx_times),
                docx_bytes / 1024
            );
        }
    });
}
