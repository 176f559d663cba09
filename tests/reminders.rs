//! The daily reminder job: each reminder written once at each threshold (30, 7 and 1 days before and the
//! day after), across a restart and with two server processes on one database, the inbox with its
//! unread count, and the e-mails a local SMTP sink receives — exactly one per reminder with an address.
//!
//! Expected counts come from the demo's follow-up plans and their published history (seeds/demo/*.toml,
//! `[offentliggoerelse]`) on 3 March 2025: seven actions have a due date. The audit function's own three
//! of 2019 (19.1 praesentation and forstaaelsesramme, 19.2 praesentation) are done and acknowledged, so
//! nobody is reminded of them; 25.2 stikproeve is the audit function's too: the koordinator gets one.
//! 19.1 status, 19.2 konkretisering and forstaaelsesramme are addressed to all five tilsyn, and Midt has
//! reported its part of 19.1 status: Midt's tilsynskontakt gets two, the other four get three each.
//! 1 + 2 + 4 × 3 = 15. (20.1 udviklingsarbejde, "fra 2. halvår 2020", is a start with no due date, so
//! nobody is reminded of it.) Beside them the rating deadline: 25.1's lies 14 days after the demo's
//! start (seeds/demo/25.1.toml), so its six panelists who have not submitted (three with drafts, three
//! not started) get the 14-day reminder at once: 15 + 6 = 21. And one message that is no reminder:
//! Nord, exempted from 20.1, is oriented about its publication (`tests/orientering.rs`): 22.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use store::testing::TestDb;
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::oneshot;

use crate::helpers::{NOW, client, csrf_token, engines, get, on_each_engine, spawn_second_server};

/// Reminders the demo gives on 3 March 2025 (see the module documentation).
const DEMO_REMINDERS: i64 = 22;

/// Starts `auditpanel::serve_until` with the demo, the fixed clock and `web` on `url`, and waits until it
/// answers; the job's first run is done by then. Dropping the sender stops it.
async fn start(url: &str, web: web::WebConfig) -> (String, oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = auditpanel::Config {
        database_url: url.to_owned(),
        demo: true,
        clock: web::Clock::Fixed(NOW),
        web,
    };
    let (shutdown, stop) = oneshot::channel::<()>();
    let server = tokio::spawn(auditpanel::serve_until(listener, config, async move {
        let _ = stop.await;
    }));
    let probe = client();
    for _ in 0..600 {
        assert!(!server.is_finished(), "the server stopped at start");
        if let Ok(r) = probe.get(format!("{base}/healthz")).send().await
            && r.status() == StatusCode::OK
        {
            return (base, shutdown);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not answer /healthz");
}

#[tokio::test]
async fn each_reminder_is_written_once_across_restarts_and_two_servers() {
    on_each_engine(async |app| {
        // `spawn_app` ran the job once at start.
        assert_eq!(app.count("reminders").await, DEMO_REMINDERS);
        // A second server on the same database runs it at its start too: nothing new.
        let (_, second) = spawn_second_server(app).await;
        assert_eq!(app.count("reminders").await, DEMO_REMINDERS);
        // Restarting it (stop, start again) adds nothing either.
        drop(second);
        let (_, third) = spawn_second_server(app).await;
        assert_eq!(app.count("reminders").await, DEMO_REMINDERS);
        drop(third);
        // Both processes running the job at the same moment still write each reminder once.
        let db = store::Db::connect(app.db.url()).await.unwrap();
        let state = web::AppState::new(
            db.clone(),
            web::Clock::Fixed(NOW),
            web::WebConfig::default(),
        );
        let (a, b) = tokio::join!(
            web::reminders::run_once(&state),
            web::reminders::run_once(&state)
        );
        assert_eq!(a.unwrap().written + b.unwrap().written, 0);
        assert_eq!(app.count("reminders").await, DEMO_REMINDERS);
        db.close().await.unwrap();

        // The inbox shows them with the unread count in the header; marking read lowers it.
        let midt = app.login_as("tilsynskontakt-midt").await;
        let (status, page) = get(&midt, &app.url("/indbakke")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains(
                r#"<span class="badge">2<span class="visually-hidden"> ulæste</span></span>"#
            ),
            "{page}"
        );
        assert!(page.contains("har overskredet fristen"), "{page}");
        let response = midt
            .post(app.url("/indbakke/laest"))
            .form(&[("_csrf", csrf_token(&page).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, page) = get(&midt, &app.url("/indbakke")).await;
        assert!(page.contains("Du har ingen ulæste påmindelser."));
        assert!(!page.contains(r#"class="badge""#));
    })
    .await;
}

/// Runs the job on `day` (09:00 UTC) against `db`.
async fn run_on(db: &store::Db, day: OffsetDateTime) -> u64 {
    let state = web::AppState::new(
        db.clone(),
        web::Clock::Fixed(day),
        web::WebConfig::default(),
    );
    web::reminders::run_once(&state).await.unwrap().written
}

#[tokio::test]
async fn each_threshold_gives_one_reminder() {
    on_each_engine(async |app| {
        let db = store::Db::connect(app.db.url()).await.unwrap();
        let koordinator: audit::Username = "koordinator".parse().unwrap();
        let steps = async || -> Vec<String> {
            let mut steps: Vec<String> = store::reminders::inbox(&db, &koordinator)
                .await
                .unwrap()
                .into_iter()
                .filter(|r| r.audit == "25.2")
                .map(|r| r.step)
                .collect();
            steps.reverse();
            steps
        };
        // 25.2 falls due on 31 March 2025; the server's start on 3 March wrote the 30-day reminder.
        assert_eq!(steps().await, ["30-dage-foer"]);
        for (day, expected) in [
            (datetime!(2025-03-23 09:00 UTC), vec!["30-dage-foer"]),
            (
                datetime!(2025-03-24 09:00 UTC),
                vec!["30-dage-foer", "7-dage-foer"],
            ),
            (
                datetime!(2025-03-25 09:00 UTC),
                vec!["30-dage-foer", "7-dage-foer"],
            ),
            (
                datetime!(2025-03-30 09:00 UTC),
                vec!["30-dage-foer", "7-dage-foer", "1-dag-foer"],
            ),
            (
                datetime!(2025-03-31 09:00 UTC),
                vec!["30-dage-foer", "7-dage-foer", "1-dag-foer"],
            ),
            (
                datetime!(2025-04-01 09:00 UTC),
                vec!["30-dage-foer", "7-dage-foer", "1-dag-foer", "dagen-efter"],
            ),
            (
                datetime!(2025-04-02 09:00 UTC),
                vec!["30-dage-foer", "7-dage-foer", "1-dag-foer", "dagen-efter"],
            ),
        ] {
            run_on(&db, day).await;
            run_on(&db, day).await;
            assert_eq!(steps().await, expected, "on {day}");
        }
        // The other actions' reminders were written on 3 March and are not repeated; 25.1's six
        // panelists without a submission got the day-after reminder of its 17 March rating deadline.
        assert_eq!(app.count("reminders").await, DEMO_REMINDERS + 3 + 6);
        db.close().await.unwrap();
    })
    .await;
}

/// One message the sink received: the RCPT TO address and the data.
type Received = Arc<Mutex<Vec<(String, String)>>>;

/// A tiny SMTP server on 127.0.0.1:0 that accepts everything and records each message.
async fn smtp_sink() -> (String, Received) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let received: Received = Arc::default();
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let (mut to, mut data, mut in_data) = (String::new(), String::new(), false);
                while let Ok(Some(line)) = lines.next_line().await {
                    if in_data {
                        if line == "." {
                            in_data = false;
                            store
                                .lock()
                                .unwrap()
                                .push((to.clone(), std::mem::take(&mut data)));
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            data.push_str(&line);
                            data.push('\n');
                        }
                        continue;
                    }
                    let reply: &[u8] =
                        match line.get(..4).unwrap_or("").to_ascii_uppercase().as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "RCPT" => {
                                to = line
                                    .trim_start_matches("RCPT TO:<")
                                    .trim_end_matches('>')
                                    .to_owned();
                                b"250 ok\r\n"
                            }
                            "DATA" => {
                                in_data = true;
                                b"354 go on\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"250 ok\r\n",
                        };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (url, received)
}

#[tokio::test]
async fn the_smtp_sink_receives_each_reminder_once() {
    for engine in engines() {
        eprintln!("running on {engine:?}");
        let db = match engine {
            crate::helpers::Engine::Sqlite => TestDb::sqlite().await.unwrap(),
            crate::helpers::Engine::Postgres => {
                TestDb::postgres(&store::testing::postgres_server_url().unwrap())
                    .await
                    .unwrap()
            }
        };
        // Midt's contact, the koordinator and nord-1 (a panelist of 25.1 who has not started) want
        // reminders by e-mail (set before the first run).
        for (user, email) in [
            ("tilsynskontakt-midt", "midt@tilsyn.example"),
            ("koordinator", "audit@sbst.example"),
            ("nord-1", "nord1@tilsyn.example"),
        ] {
            store::reminders::set_email(db.db(), &user.parse().unwrap(), Some(email), NOW)
                .await
                .unwrap();
        }
        let (smtp_url, received) = smtp_sink().await;
        let config = || web::WebConfig {
            mail: Some(web::mail::MailSettings {
                smtp_url: smtp_url.clone(),
                from: "auditpanel@sbst.example".into(),
            }),
            ..web::WebConfig::default()
        };
        let (_, first) = start(db.url(), config()).await;
        // Two servers with SMTP on one database, and a restart: still one mail per reminder.
        let (_, second) = start(db.url(), config()).await;
        drop(first);
        let (_, third) = start(db.url(), config()).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        drop((second, third));

        let mails = received.lock().unwrap().clone();
        let to = |who: &str| mails.iter().filter(|(t, _)| t == who).count();
        // Two reminders for Midt, one for the audit function and nord-1's 14-day rating reminder (see
        // the module documentation); the others have no address.
        assert_eq!(
            (
                to("midt@tilsyn.example"),
                to("audit@sbst.example"),
                to("nord1@tilsyn.example")
            ),
            (2, 1, 1),
            "{mails:#?}"
        );
        assert_eq!(mails.len(), 4);
        let ids: std::collections::BTreeSet<&str> = mails
            .iter()
            .filter_map(|(_, data)| data.lines().find(|l| l.starts_with("Message-ID:")))
            .collect();
        assert_eq!(ids.len(), 4, "four different reminders");
        // The subject is an RFC 2047 encoded word, whose charset and encoding are case-insensitive.
        assert!(
            mails.iter().all(
                |(_, d)| d.to_ascii_lowercase().contains("subject: =?utf-8?b?")
                    && d.contains("Content-Type: text/plain; charset=utf-8")
            ),
            "{mails:#?}"
        );
        assert_eq!(db.count("reminders").await.unwrap(), DEMO_REMINDERS);
    }
}

#[tokio::test]
async fn mails_that_cannot_be_sent_are_left_for_the_next_run() {
    for engine in engines() {
        eprintln!("running on {engine:?}");
        let db = match engine {
            crate::helpers::Engine::Sqlite => TestDb::sqlite().await.unwrap(),
            crate::helpers::Engine::Postgres => {
                TestDb::postgres(&store::testing::postgres_server_url().unwrap())
                    .await
                    .unwrap()
            }
        };
        store::reminders::set_email(
            db.db(),
            &"tilsynskontakt-midt".parse().unwrap(),
            Some("midt@tilsyn.example"),
            NOW,
        )
        .await
        .unwrap();
        // A port nobody listens on.
        let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let smtp_url = format!("smtp://{}", closed.local_addr().unwrap());
        drop(closed);
        let web = web::WebConfig {
            mail: Some(web::mail::MailSettings {
                smtp_url,
                from: "auditpanel@sbst.example".into(),
            }),
            ..web::WebConfig::default()
        };
        let (_, server) = start(db.url(), web).await;
        drop(server);
        // The inbox has them; Midt's two mails are unclaimed again, so the next run can send them.
        assert_eq!(db.count("reminders").await.unwrap(), DEMO_REMINDERS);
        let again = store::reminders::claim_mails(db.db(), NOW).await.unwrap();
        assert_eq!(again.len(), 2);
    }
}
