//! Security regression tests: followup_visibility (see `tests/security.rs`).
//!
//! Hole: the follow-up actions of an audit whose report was not published — and actions added to the
//! draft after publishing — were shown to læsere and tilsynskontakter on `/opfoelgning`, the action's
//! page, `/opfoelgning.csv`, the calendar feed, the start page and in reminders, and a tilsynskontakt
//! could even post to them. Follow-up is visible to a role exactly when the report edition it reads
//! holds the action (`audit::followup::follow_up_visible_to`).

use reqwest::{Client, StatusCode};

use crate::helpers::{
    TestApp, client, csrf_token, get, on_each_engine, publish, spawn_second_server,
};

/// A text no page shows unless it shows the action added to 25.2's unpublished draft.
const SECRET: &str = "HEMMELIGT-UTKAST-25-2";
/// The text of an action added to the draft after 25.2 was published.
const LATER: &str = "SENERE-KLADDE-25-2";

/// Adds action `id` with `tekst` to 25.2's draft plan, addressed to Midt, due 31 March 2025 (so the
/// reminder job, 28 days before, has something to remind of).
async fn add_draft_action(app: &TestApp, id: &str, tekst: &str) {
    let tiltag = audit::Opfoelgningstiltag {
        id: id.into(),
        tekst: format!("{tekst}: Socialtilsyn Midt beskriver sin brug af opmærksomhedspunkter."),
        punkter: vec![],
        anbefalinger: vec![],
        ansvarlige: vec![audit::Ansvarlig::Tilsyn(audit::Tilsyn::Midt)],
        frist: Some("i første kvartal 2025".into()),
    };
    store::follow_up::add_follow_up_action(
        app.db.db(),
        &"25.2".parse().unwrap(),
        &tiltag,
        &"koordinator".parse().unwrap(),
        crate::helpers::NOW,
    )
    .await
    .unwrap();
}

/// The calendar feed URL the page hands `user` ("Abonnér i din kalender").
pub(crate) async fn feed_path(app: &TestApp, user: &Client) -> String {
    let (status, page) = get(user, &app.url("/opfoelgning")).await;
    assert_eq!(status, StatusCode::OK);
    let response = user
        .post(app.url("/opfoelgning/kalender"))
        .form(&[("_csrf", csrf_token(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("Abonnér i din kalender"), "{page}");
    let at = page
        .find("/opfoelgning.ics?token=")
        .unwrap_or_else(|| panic!("no feed URL in the page:\n{page}"));
    let rest = &page[at..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// Everything `user` can read about follow-up: the overview, its CSV, the action's page, the feed, the
/// start page and the inbox, joined.
async fn everything(app: &TestApp, user: &Client, feed: &str, action: &str) -> String {
    let mut all = String::new();
    for path in ["/opfoelgning", "/opfoelgning.csv", "/", "/indbakke", action] {
        let (_, body) = get(user, &app.url(path)).await;
        all.push_str(&body);
    }
    let response = client().get(app.url(feed)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "the feed opens");
    all.push_str(&response.text().await.unwrap());
    all
}

/// 25.2's report is an unpublished draft: læser and tilsynskontakt-midt (whose tilsyn the added
/// action addresses) see none of its follow-up anywhere, nor are reminded of it; the koordinator sees
/// it. Once published they see it — but not an action added to the draft after that.
#[tokio::test]
async fn an_unpublished_report_shows_its_follow_up_to_the_koordinator_only() {
    on_each_engine(async |app| {
        add_draft_action(app, "hemmelig", SECRET).await;
        // A second server runs the reminder job at its start, now that the action exists.
        let (_, second) = spawn_second_server(app).await;
        drop(second);
        let k = app.login_as("koordinator").await;
        let laeser = app.login_as("laeser").await;
        let midt = app.login_as("tilsynskontakt-midt").await;
        let action = "/opfoelgning/25.2/hemmelig";

        for (name, user) in [("læser", &laeser), ("tilsynskontakt-midt", &midt)] {
            let (status, page) = get(user, &app.url(action)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{name}: {page}");
            let feed = feed_path(app, user).await;
            let all = everything(app, user, &feed, action).await;
            assert!(!all.contains(SECRET), "{name} sees the draft's action");
            assert!(!all.contains("25.2/stikproeve"), "{name} sees 25.2's plan");
        }
        let feed = feed_path(app, &k).await;
        let all = everything(app, &k, &feed, action).await;
        assert!(all.contains(SECRET), "the koordinator sees the draft");

        // After publishing, the plan as published is everyone's to read.
        publish(app, &k, "25.2").await;
        add_draft_action(app, "senere", LATER).await;
        for (name, user) in [("læser", &laeser), ("tilsynskontakt-midt", &midt)] {
            let feed = feed_path(app, user).await;
            let all = everything(app, user, &feed, action).await;
            assert!(all.contains(SECRET), "{name} sees the published action");
            assert!(
                !all.contains(LATER),
                "{name} sees an action only in the draft"
            );
            let (status, _) = get(user, &app.url("/opfoelgning/25.2/senere")).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{name}");
        }
        let all = everything(app, &k, &feed, "/opfoelgning/25.2/senere").await;
        assert!(all.contains(LATER), "the koordinator sees the draft");
    })
    .await;
}

/// A post to an action the viewer may not see is answered exactly as one to an action that does not
/// exist — same status, same body — and changes nothing.
#[tokio::test]
async fn posting_to_a_hidden_action_looks_like_posting_to_none() {
    on_each_engine(async |app| {
        add_draft_action(app, "hemmelig", SECRET).await;
        let midt = app.login_as("tilsynskontakt-midt").await;
        let (_, page) = get(&midt, &app.url("/opfoelgning")).await;
        let csrf = csrf_token(&page);
        let post = async |path: &str| {
            let response = midt
                .post(app.url(path))
                .form(&[("_csrf", csrf.as_str()), ("haendelse", "paabegynd")])
                .send()
                .await
                .unwrap();
            (response.status(), response.text().await.unwrap())
        };
        let hidden = post("/opfoelgning/25.2/hemmelig/haendelse").await;
        let missing = post("/opfoelgning/25.2/findes-ikke/haendelse").await;
        assert_eq!(hidden.0, StatusCode::NOT_FOUND, "{}", hidden.1);
        assert_eq!(hidden, missing);
        let report = |id: &str| {
            let form = reqwest::multipart::Form::new().text("tekst", "Gjort.");
            midt.post(app.url(&format!("/opfoelgning/25.2/{id}/rapport")))
                .header("x-csrf-token", csrf.as_str())
                .multipart(form)
                .send()
        };
        let hidden = report("hemmelig").await.unwrap();
        let missing = report("findes-ikke").await.unwrap();
        assert_eq!(hidden.status(), missing.status());
        assert_eq!(hidden.text().await.unwrap(), missing.text().await.unwrap());
        let (status, _) = get(&midt, &app.url("/opfoelgning/25.2/hemmelig/bilag/1")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // Nothing was recorded: the koordinator still sees it planlagt, with no history.
        let k = app.login_as("koordinator").await;
        let (_, page) = get(&k, &app.url("/opfoelgning/25.2/hemmelig")).await;
        assert!(page.contains("Planlagt"), "{page}");
        assert!(!page.contains("tilsynskontakt-midt"), "{page}");
    })
    .await;
}
