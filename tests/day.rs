//! One audit day, walked with the clock: the reminder job, the start pages of the koordinator and a
//! panelist, a submission through the "Indsend" confirmation, a week later on the same database, and
//! the reveal confirmation that names who is missing. Screenshots of the new pages at 1280 and 390 px
//! go to `target/screenshots/`.
//!
//! Expected values come from the demo (seeds/demo/25.1.toml): 25.1 is in vurdering with its rating
//! deadline 14 days after the demo's start (3 March 2025 → 17 March); of its ten panelists four have
//! submitted everything (hovedstaden-1, midt-1, nord-3, oest-1), three have drafts of 40 % of the 40
//! units (syd-1, midt-3, oest-3: 16 each) and three have not started (hovedstaden-3, nord-1, syd-3).
//! 19.1's follow-up action "status" is due 2019 and not reported done by four tilsyn
//! (seeds/demo/19.1.toml `[offentliggoerelse]`), so it is overdue.

use std::path::PathBuf;

use reqwest::StatusCode;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::cdp::{Browser, chromium_binary};
use crate::helpers::{NOW, PASSWORD, TestApp, engines, get, spawn_app};
use crate::rating::{FORM, confirm_submission, full_answer, login_at, send_form, server_at};

/// A week after the demo's start: the 7-day step of the rating deadline.
const WEEK_LATER: OffsetDateTime = datetime!(2025-03-10 09:00 UTC);

/// Runs the reminder job once at `at` against the app's database; returns how many it wrote.
async fn reminder_run(app: &TestApp, at: OffsetDateTime) -> u64 {
    let db = store::Db::connect(app.db.url()).await.unwrap();
    let state = web::AppState::new(db.clone(), web::Clock::Fixed(at), web::WebConfig::default());
    let written = web::reminders::run_once(&state).await.unwrap().written;
    db.close().await.unwrap();
    written
}

/// The rating reminders stored for 25.1, by step.
async fn rating_reminders(app: &TestApp, step: &str) -> usize {
    let db = store::Db::connect(app.db.url()).await.unwrap();
    let mut n = 0;
    for user in [
        "hovedstaden-1",
        "hovedstaden-3",
        "midt-1",
        "midt-3",
        "nord-1",
        "nord-3",
        "syd-1",
        "syd-3",
        "oest-1",
        "oest-3",
    ] {
        n += store::reminders::inbox(&db, &user.parse().unwrap())
            .await
            .unwrap()
            .iter()
            .filter(|r| r.audit == "25.1" && r.action == "bedoemmelse" && r.step == step)
            .count();
    }
    db.close().await.unwrap();
    n
}

/// The table row of audit `nr` on the koordinator's start page.
fn audit_row<'a>(page: &'a str, nr: &str) -> &'a str {
    let at = page
        .find(&format!("<td><a href=\"/audits/{nr}\">"))
        .unwrap_or_else(|| panic!("no row for {nr}"));
    let end = at + page[at..].find("</tr>").unwrap();
    &page[at..end]
}

#[tokio::test]
async fn an_audit_day_reminds_shows_what_to_do_and_names_who_is_missing_at_the_reveal() {
    for engine in engines() {
        eprintln!("running on {engine:?}");
        let app = spawn_app(engine).await;

        // Morning, 3 March: the job ran at the server's start. The six who have not submitted have the
        // 14-day reminder; a second run writes nothing.
        assert_eq!(rating_reminders(&app, "14-dage-foer").await, 6);
        assert_eq!(reminder_run(&app, NOW).await, 0);
        assert_eq!(rating_reminders(&app, "14-dage-foer").await, 6);

        // The koordinator's start page says what to do.
        let k = app.login_as("koordinator").await;
        let (status, home) = get(&k, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(home.contains("Det skal du nu"), "{home}");
        assert!(home.contains("Auditforløb 25.1 er i vurdering"), "{home}");
        assert!(
            home.contains("4 indsendt, 3 i kladde, 3 ikke startet"),
            "{home}"
        );
        assert!(
            home.contains("17. marts 2025</time> (om 14 dage)"),
            "{home}"
        );
        assert!(
            home.contains("Konsulent Nord 1 <span class=\"muted reminded\">påmindet"),
            "{home}"
        );
        assert!(home.contains("overskredet fristen"), "{home}");
        // 19.1's actions are years overdue: its row says so, not "Ingen kommende frist".
        let row = audit_row(&home, "19.1");
        assert!(row.contains("over fristen"), "{row}");
        assert!(!row.contains("Ingen kommende frist"), "{row}");
        // Counts and names only: the start page shows no rating value before the reveal.
        assert!(!home.contains("opfyldt ("), "{home}");

        // nord-1's start page: the audit to rate, own progress, the deadline; nobody else's progress.
        let nord1 = app.login_as("nord-1").await;
        let (_, home) = get(&nord1, &app.url("/")).await;
        assert!(home.contains("Bedøm 25.1"), "{home}");
        assert!(
            home.contains("0 indsendt, 0 i kladde, 40 ikke startet"),
            "{home}"
        );
        assert!(home.contains("(om 14 dage)"), "{home}");
        assert!(!home.contains("Konsulent Syd 1"), "{home}");
        let (_, inbox) = get(&nord1, &app.url("/indbakke")).await;
        assert!(
            inbox.contains("Påmindelse om bedømmelse i audit 25.1"),
            "{inbox}"
        );
        assert!(
            inbox.contains("href=\"/audits/25.1/bedoemmelse\""),
            "{inbox}"
        );

        // nord-1 rates everything; "Indsend" asks first, its confirmation submits.
        let (_, form) = get(&nord1, &app.url(FORM)).await;
        let (status, location, _) =
            send_form(&nord1, &app.url(FORM), &full_answer(&form, "4", "indsend")).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (confirmation, status, location) =
            confirm_submission(&nord1, &app.url(""), location.as_deref()).await;
        assert!(
            confirmation.contains("Du indsender 40 bedømmelser"),
            "{confirmation}"
        );
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            location.as_deref(),
            Some("/audits/25.1/bedoemmelse?gemt=indsendt")
        );

        // A week later: the 7-day step for the five still missing, once.
        assert_eq!(reminder_run(&app, WEEK_LATER).await, 5);
        assert_eq!(reminder_run(&app, WEEK_LATER).await, 0);
        assert_eq!(rating_reminders(&app, "7-dage-foer").await, 5);
        let (later, _stop) = server_at(&app, WEEK_LATER).await;
        let k = login_at(&later, "koordinator").await;
        let (_, home) = get(&k, &format!("{later}/")).await;
        assert!(
            home.contains("5 indsendt, 3 i kladde, 2 ikke startet"),
            "{home}"
        );
        assert!(home.contains("17. marts 2025</time> (om 7 dage)"), "{home}");
        let (_, home) = get(&login_at(&later, "nord-1").await, &format!("{later}/")).await;
        assert!(
            home.contains("Du har ingen bedømmelser, der venter."),
            "{home}"
        );

        // The reveal confirmation names who has not submitted; nord-1 is no longer among them.
        let (status, reveal) = get(&k, &format!("{later}/audits/25.1/reveal")).await;
        assert_eq!(status, StatusCode::OK);
        for missing in [
            "Faglig leder Hovedstaden (ikke startet)",
            "Faglig leder Syd (ikke startet)",
            "Konsulent Syd 1 (16 i kladde)",
        ] {
            assert!(reveal.contains(missing), "{missing}: {reveal}");
        }
        assert!(!reveal.contains("Konsulent Nord 1"), "{reveal}");
        assert!(
            reveal.contains("48 bedømmelser i kladde tæller ikke med"),
            "{reveal}"
        );
        assert!(reveal.contains("(om 7 dage)"), "{reveal}");

        if engine == crate::helpers::Engine::Sqlite {
            // hovedstaden-3 fills in everything and presses "Indsend", so that its confirmation has
            // something to show in the browser.
            let h3 = login_at(&later, "hovedstaden-3").await;
            let (_, form) = get(&h3, &format!("{later}{FORM}")).await;
            let (status, _, _) = send_form(
                &h3,
                &format!("{later}{FORM}"),
                &full_answer(&form, "3", "indsend"),
            )
            .await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            screenshots(&later).await;
        }
    }
}

fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
}

/// The new pages in chromium at 1280 and 390 px: the koordinator's start page and the reveal
/// confirmation, a panelist's start page, the "Indsend" confirmation.
async fn screenshots(base: &str) {
    let binary = chromium_binary()
        .expect("chromium is not installed: apt-get install -y --no-install-recommends chromium");
    for (user, pages) in [
        (
            "koordinator",
            &[
                ("/", "day-start-koordinator"),
                ("/audits/25.1/reveal", "day-reveal-confirm"),
            ][..],
        ),
        ("syd-1", &[("/", "day-start-panelist")][..]),
        (
            "hovedstaden-3",
            &[(
                "/audits/25.1/bedoemmelse/indsend?runde=1",
                "day-submit-confirm",
            )][..],
        ),
    ] {
        let mut browser = Browser::launch(&binary).await;
        browser.goto(&format!("{base}/login")).await;
        browser.type_into("#username", user).await;
        browser.type_into("#password", PASSWORD).await;
        browser.click("button[type=submit]").await;
        browser
            .wait_until("location.pathname === '/' && document.readyState === 'complete'")
            .await;
        for (path, name) in pages {
            for (width, mobile) in [(1280, false), (390, true)] {
                browser
                    .tab(
                        "Emulation.setDeviceMetricsOverride",
                        serde_json::json!({
                            "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile
                        }),
                    )
                    .await;
                browser.goto(&format!("{base}{path}")).await;
                let heading = browser
                    .eval("document.querySelector('h1').textContent")
                    .await;
                assert!(heading.as_str().is_some_and(|h| !h.is_empty()), "{path}");
                browser
                    .screenshot(&screenshot_dir().join(format!("{name}-{width}.png")))
                    .await;
            }
        }
    }
}
