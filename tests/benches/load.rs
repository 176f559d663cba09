//! Load run on loopback: requests per second and p50/p99 latency for saving a whole rating form and for
//! rendering the agreement dashboard of a demo audit, on SQLite and (when `DATABASE_URL` names one)
//! PostgreSQL. Prints figures; asserts nothing about time.
//!
//! Run with `cargo bench -p e2e --bench load` (the server and this client share the machine's cores, so
//! the figures are a floor, not a ceiling).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};

#[allow(dead_code)]
#[path = "../helpers.rs"]
mod helpers;

use helpers::{Engine, TestApp, engines, spawn_app};

/// Concurrent clients per scenario.
const CLIENTS: usize = 8;
/// How long each scenario runs.
const DURATION: Duration = Duration::from_secs(8);

/// Runs `request` once per context, all contexts concurrently, for `DURATION`, and prints throughput and
/// latency percentiles.
async fn measure<T, F, Fut>(name: &str, contexts: Vec<T>, request: F)
where
    T: Send + 'static,
    F: Fn(&T) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = StatusCode> + Send,
{
    let started = Instant::now();
    let mut tasks = Vec::new();
    for context in contexts {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while started.elapsed() < DURATION {
                let t = Instant::now();
                let status = request(&context).await;
                assert!(status.is_success(), "{status}");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    all.sort();
    let seconds = started.elapsed().as_secs_f64();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    println!(
        "{name:<52} {:>7.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   ({} requests, {CLIENTS} clients)",
        all.len() as f64 / seconds,
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.len()
    );
}

/// The 25.1 form of `username` as the API takes it: every unit the panelist may rate, with a value.
async fn whole_form(app: &TestApp, username: &str) -> serde_json::Value {
    let nr: audit::AuditNr = "25.1".parse().unwrap();
    let audit = store::audits::get_audit(app.db.db(), &nr).await.unwrap();
    let ratings: Vec<serde_json::Value> = audit
        .units()
        .iter()
        .map(|u| serde_json::json!({"unit": u.to_string(), "value": 3, "reason": format!("Belastningsprøve for {username}.")}))
        .collect();
    serde_json::json!({"ratings": ratings, "submit": false})
}

async fn run(engine: Engine) {
    let app = spawn_app(engine).await;
    println!("\n{engine:?}");

    // Panelists of 25.1 who have not submitted (drafts can be saved again and again).
    let nr: audit::AuditNr = "25.1".parse().unwrap();
    let audit = store::audits::get_audit(app.db.db(), &nr).await.unwrap();
    let progress = store::ratings::progress(app.db.db(), &audit).await.unwrap();
    let open: Vec<String> = progress
        .iter()
        .filter(|p| p.status != audit::visibility::ProgressStatus::Submitted)
        .map(|p| p.rater.to_string())
        .collect();
    let mut clients = Vec::new();
    for i in 0..CLIENTS {
        let username = &open[i % open.len()];
        let client = app.login_as(username).await;
        let body = whole_form(&app, username).await;
        let url = app.url("/api/v1/audits/25.1/ratings");
        clients.push((client, body, url));
    }
    let form_size = clients[0].1["ratings"].as_array().unwrap().len();
    let name = format!("save a whole 25.1 form ({form_size} ratings) via API");
    measure(
        &name,
        clients,
        |(client, body, url): &(Client, serde_json::Value, String)| {
            let request = client.post(url).json(body);
            async move { request.send().await.unwrap().status() }
        },
    )
    .await;

    let mut koordinators = Vec::new();
    for _ in 0..CLIENTS {
        koordinators.push(app.login_as("koordinator").await);
    }
    let url = app.url("/audits/20.1/enighed");
    measure(
        "render the 20.1 agreement dashboard (koordinator)",
        koordinators,
        move |client: &Client| {
            let request = client.get(&url);
            async move { request.send().await.unwrap().status() }
        },
    )
    .await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        for engine in engines() {
            run(engine).await;
        }
    });
}
