//! Nothing acknowledged is lost under `kill -9` (issue 16, item 3): a real server process saves drafts
//! from six concurrent panelists, is killed with SIGKILL in the middle of the load, and is started
//! again on the same database; every save that got a 2xx must be there, value and reason.
//!
//! The server runs in a process of its own so that it can be killed: this test binary started again
//! with only [`child_server_until_killed`] selected, which runs `auditpanel::serve_until` (what
//! `auditpanel serve` runs) on the database and port named in its environment.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::process::{Child, Command};
use tokio::sync::Mutex;

use crate::helpers::{NOW, client, engines, spawn_app};

/// The environment that makes [`child_server_until_killed`] serve.
const DATABASE_ENV: &str = "E2E_CHILD_SERVER_DATABASE";
const ADDRESS_ENV: &str = "E2E_CHILD_SERVER_ADDRESS";

/// The panelists of demo audit 25.1 (in vurdering) who have submitted nothing yet, so every unit is
/// open to their drafts (`seeds/demo/25.1.toml`: the other four have submitted everything).
const RATERS: [&str; 6] = [
    "hovedstaden-3",
    "midt-3",
    "nord-1",
    "syd-1",
    "syd-3",
    "oest-3",
];

/// Acknowledged saves before the kill: enough that the load is well under way.
const ACKNOWLEDGED_BEFORE_KILL: usize = 150;

/// Not a test of its own: the server process of the test below (ignored, and without its environment
/// it returns at once).
#[tokio::test]
#[ignore = "the server process of a_server_killed_mid_load_keeps_every_acknowledged_save"]
async fn child_server_until_killed() {
    let (Ok(database_url), Ok(address)) = (std::env::var(DATABASE_ENV), std::env::var(ADDRESS_ENV))
    else {
        return;
    };
    let listener = tokio::net::TcpListener::bind(&address).await.unwrap();
    let config = auditpanel::Config {
        database_url,
        demo: true,
        clock: web::Clock::Fixed(NOW),
        web: web::WebConfig::default(),
    };
    auditpanel::serve_until(listener, config, std::future::pending::<()>())
        .await
        .unwrap();
}

/// Starts this test binary as a server process on `database_url`; returns it and its base URL once
/// it answers.
async fn start_child(database_url: &str) -> (Child, String) {
    let address = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().to_string()
    };
    let child = Command::new(std::env::current_exe().unwrap())
        .args([
            "durability::child_server_until_killed",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env(DATABASE_ENV, database_url)
        .env(ADDRESS_ENV, &address)
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let base = format!("http://{address}");
    let probe = client();
    for _ in 0..1200 {
        if let Ok(r) = probe.get(format!("{base}/healthz")).send().await
            && r.status() == StatusCode::OK
        {
            return (child, base);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server process did not answer /healthz within 60 s");
}

/// What one panelist's client knows: the last acknowledged (value, reason) per unit, and the save
/// that was under way when the server died.
#[derive(Debug, Default)]
struct Saves {
    acknowledged: BTreeMap<String, (i64, String)>,
    in_flight: Option<(String, i64, String)>,
}

/// Saves drafts as `token`'s panelist until the server stops answering: unit after unit of 25.1,
/// each save with a reason of its own, counting acknowledgements in `count`.
async fn save_until_dead(
    base: String,
    rater: &'static str,
    token: String,
    saves: Arc<Mutex<Saves>>,
    count: Arc<std::sync::atomic::AtomicUsize>,
) {
    let units: Vec<String> = ["8.a", "8.b", "9.a"]
        .iter()
        .flat_map(|item| ('a'..='j').map(move |m| format!("{item}/rapport-{m}")))
        .collect();
    let http = Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    for n in 0.. {
        let unit = units[n % units.len()].clone();
        let value = i64::try_from(n % 5).unwrap() + 1;
        let reason = format!("{rater}, gem nr. {n}");
        saves.lock().await.in_flight = Some((unit.clone(), value, reason.clone()));
        let answer = http
            .post(format!("{base}/api/v1/audits/25.1/ratings"))
            .bearer_auth(&token)
            .json(&json!({"ratings": [{"unit": unit, "value": value, "reason": reason}]}))
            .send()
            .await;
        match answer {
            Ok(response) if response.status().is_success() => {
                let mut s = saves.lock().await;
                s.acknowledged.insert(unit, (value, reason));
                s.in_flight = None;
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            Ok(response) => panic!(
                "{rater}: a save was refused while the server ran: {} {}",
                response.status(),
                response.text().await.unwrap_or_default()
            ),
            // The server is gone: the save may or may not have been committed.
            Err(_) => return,
        }
    }
}

#[tokio::test]
async fn a_server_killed_mid_load_keeps_every_acknowledged_save() {
    for engine in engines() {
        // A fresh database with the demo (seeded by an in-process server that is then stopped).
        let app = spawn_app(engine).await;
        let mut tokens = Vec::new();
        for rater in RATERS {
            let token = store::sessions::create_api_token(
                app.db.db(),
                &rater.parse().unwrap(),
                "durability",
                NOW,
            )
            .await
            .unwrap();
            tokens.push(token);
        }
        let (mut server, base) = start_child(app.db.url()).await;

        let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut clients = Vec::new();
        let mut all = Vec::new();
        for (rater, token) in RATERS.into_iter().zip(tokens.iter().cloned()) {
            let saves = Arc::new(Mutex::new(Saves::default()));
            all.push((rater, saves.clone(), token.clone()));
            clients.push(tokio::spawn(save_until_dead(
                base.clone(),
                rater,
                token,
                saves,
                count.clone(),
            )));
        }
        while count.load(std::sync::atomic::Ordering::SeqCst) < ACKNOWLEDGED_BEFORE_KILL {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        server.start_kill().unwrap(); // SIGKILL
        server.wait().await.unwrap();
        for c in clients {
            c.await.unwrap();
        }
        let acknowledged = count.load(std::sync::atomic::Ordering::SeqCst);

        let (_server, base) = start_child(app.db.url()).await;
        let http = client();
        let mut checked = 0;
        for (rater, saves, token) in &all {
            let saves = saves.lock().await;
            let listed: Value = http
                .get(format!("{base}/api/v1/audits/25.1/ratings"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let stored: BTreeMap<String, (i64, String)> = listed["ratings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["rater"] == *rater && r["round"] == 1)
                .map(|r| {
                    let unit = r["unit"].as_str().unwrap().to_owned();
                    let value = r["value"].as_i64().unwrap();
                    (unit, (value, r["reason"].as_str().unwrap().to_owned()))
                })
                .collect();
            for (unit, acked) in &saves.acknowledged {
                let found = stored.get(unit);
                // The save under way at the kill may have been committed without its answer arriving.
                let later = saves
                    .in_flight
                    .as_ref()
                    .filter(|(u, _, _)| u == unit)
                    .map(|(_, v, r)| (*v, r.clone()));
                assert!(
                    found == Some(acked) || (later.is_some() && found == later.as_ref()),
                    "{engine:?}: {rater}'s acknowledged save of {unit} {acked:?} is stored as {found:?}"
                );
                checked += 1;
            }
        }
        eprintln!(
            "{engine:?}: {acknowledged} saves acknowledged before SIGKILL; the latest of each of {checked} \
             (rater, unit) pairs is stored after the restart"
        );
        assert!(
            checked >= RATERS.len(),
            "every panelist got saves acknowledged"
        );
    }
}
