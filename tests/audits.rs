//! The start pages and the audit overview: who may open what, and that the koordinator's progress view
//! of an audit in vurdering shows who has submitted without showing any rating.

use reqwest::StatusCode;

use crate::helpers::{get, on_each_engine};

/// The labels of the drift scale: none may appear on a page before reveal.
const DRIFT_LABELS: [&str; 5] = [
    "i meget lav grad opfyldt",
    "i lav grad opfyldt",
    "i middel grad opfyldt",
    "i høj grad opfyldt",
    "i meget høj grad opfyldt",
];

#[tokio::test]
async fn the_koordinator_sees_every_audit_with_state_and_next_deadline() {
    on_each_engine(async |app| {
        let client = app.login_as("koordinator").await;
        let (status, page) = get(&client, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK);
        for nr in ["19.1", "19.2", "20.1", "25.1", "25.2"] {
            assert!(
                page.contains(&format!(r#"<a href="/audits/{nr}">{nr}</a>"#)),
                "{nr}"
            );
        }
        assert!(page.contains("Vurdering"));
        // 25.1's deadline is 14 days after the demo was seeded (the fixed clock: 3 March 2025).
        assert!(
            page.contains(
                r#"Frist for bedømmelser: <time datetime="2025-03-17">17. marts 2025</time>"#
            ),
            "{page}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_panelist_sees_only_their_own_audits_and_their_own_status() {
    on_each_engine(async |app| {
        // midt-3 sits on 25.1 only, and has a draft there.
        let client = app.login_as("midt-3").await;
        let (status, page) = get(&client, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<h1>Mine auditforløb</h1>"));
        assert!(page.contains(r#"href="/audits/25.1""#));
        for other in ["19.1", "19.2", "20.1", "25.2"] {
            assert!(
                !page.contains(&format!(r#"href="/audits/{other}""#)),
                "{other}"
            );
        }
        assert!(
            page.contains(r#"<span class="status draft">Kladde</span>"#),
            "{page}"
        );
    })
    .await;
}

#[tokio::test]
async fn laeser_and_tilsynskontakt_get_their_own_start_pages() {
    on_each_engine(async |app| {
        let client = app.login_as("laeser").await;
        let (status, page) = get(&client, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<h1>Auditrapporter</h1>"), "{page}");

        let client = app.login_as("tilsynskontakt-midt").await;
        let (status, page) = get(&client, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("<h1>Opfølgning for Socialtilsyn Midt</h1>"),
            "{page}"
        );
    })
    .await;
}

/// A tilsynskontakt opens the overview of the audits their tilsyn took part in, and nothing more of
/// them: no progress, no material file, no rating page, no draft report (`audit::access::Part::Overview`).
/// 25.1's panel has members from all five tilsyn (seeds/demo/25.1.toml); 25.2's draft is unpublished.
#[tokio::test]
async fn a_tilsynskontakt_opens_the_overview_of_their_tilsyns_audits_and_nothing_more() {
    on_each_engine(async |app| {
        let nord = app.login_as("tilsynskontakt-nord").await;
        let (status, home) = get(&nord, &app.url("/")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(home.contains("Auditforløb med Socialtilsyn Nord"), "{home}");
        assert!(home.contains("href=\"/audits/25.1\""), "{home}");
        let (status, page) = get(&nord, &app.url("/audits/25.1")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(
            page.contains("Materialet vises under pseudonymer"),
            "{page}"
        );
        assert!(!page.contains("Fremdrift"), "no progress: {page}");
        assert!(!page.contains("/download"), "no file links: {page}");
        assert!(!page.contains("/bedoemmelse"), "no rating page: {page}");
        for path in [
            "/audits/25.1/bedoemmelse",
            "/audits/25.1/panel",
            "/audits/25.1/enighed",
        ] {
            let (status, _) = get(&nord, &app.url(path)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        }
        let (status, _) = get(&nord, &app.url("/audits/25.2/rapport")).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "an unpublished draft is not shown"
        );
    })
    .await;
}

#[tokio::test]
async fn an_audit_is_forbidden_to_a_panelist_who_does_not_sit_on_it_and_to_readers() {
    on_each_engine(async |app| {
        // hovedstaden-2 is not on 25.1's panel; the læser reads published reports only.
        for username in ["hovedstaden-2", "laeser"] {
            let client = app.login_as(username).await;
            let (status, page) = get(&client, &app.url("/audits/25.1")).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
            assert!(
                page.contains("Du har ikke adgang til denne side."),
                "{username}: {page}"
            );
            assert!(!page.contains("Rapport A"), "{username} sees no material");
        }
        let client = app.login_as("koordinator").await;
        let (status, page) = get(&client, &app.url("/audits/99.9")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("Siden findes ikke."));
        let (status, _) = get(&client, &app.url("/audits/ikke-et-nummer")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn a_panelist_on_the_panel_sees_the_overview_with_pseudonyms_only() {
    on_each_engine(async |app| {
        let client = app.login_as("midt-1").await;
        let (status, page) = get(&client, &app.url("/audits/25.1")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Rapport A"));
        assert!(
            page.contains("Dit eget tilsyn"),
            "own tilsyn's material is marked"
        );
        assert!(
            !page.contains("driftsorienteret tilsyn 2025"),
            "no koordinator descriptions"
        );
        assert!(!page.contains("Fremdrift"), "progress is the koordinator's");
        assert!(page.contains(r#"aria-current="step""#));
    })
    .await;
}

#[tokio::test]
async fn the_koordinators_progress_of_25_1_shows_status_but_no_rating_or_reason() {
    on_each_engine(async |app| {
        let client = app.login_as("koordinator").await;
        let (status, page) = get(&client, &app.url("/audits/25.1")).await;
        assert_eq!(status, StatusCode::OK);
        for expected in [
            "Fremdrift",
            "Indsendt",
            "Kladde",
            "Ikke begyndt",
            "Konsulent Midt 1",
            "Faglig leder Hovedstaden",
            r#"<time datetime="2025-03-24">24. marts 2025</time>"#,
        ] {
            assert!(page.contains(expected), "missing {expected}");
        }
        // Every reason any panelist gave in 25.1 (drafts and submissions), read from the database.
        let nr: audit::AuditNr = "25.1".parse().unwrap();
        let stored = store::export::export_audit(app.db.db(), &nr).await.unwrap();
        assert!(stored.ratings.len() > 100, "the demo has ratings in 25.1");
        let mut checked = 0;
        for rating in &stored.ratings {
            let reason = rating.rating.reason.trim();
            if !reason.is_empty() {
                assert!(!page.contains(reason), "the page shows a reason: {reason}");
                checked += 1;
            }
        }
        assert!(checked > 100, "the demo ratings carry reasons");
        for label in DRIFT_LABELS {
            assert!(
                !page.to_lowercase().contains(label),
                "the page shows a scale label: {label}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn the_overview_links_to_the_pages_the_user_may_open() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        // (audit, link expected for the koordinator) — 19.2 has process descriptions with dated steps,
        // 25.2 is the revealed checklist audit, every audit has a report draft for the koordinator.
        for (nr, href) in [
            ("25.1", "/audits/25.1/rapport"),
            ("19.2", "/audits/19.2/sagsforloeb"),
            ("25.2", "/audits/25.2/stikproeve"),
        ] {
            let (status, page) = get(&koordinator, &app.url(&format!("/audits/{nr}"))).await;
            assert_eq!(status, StatusCode::OK);
            assert!(
                page.contains(&format!("href=\"{href}\"")),
                "{nr} lacks {href}"
            );
            let (status, _) = get(&koordinator, &app.url(href)).await;
            assert_eq!(status, StatusCode::OK, "{href} opens");
        }
        // The koordinator does not rate; a panelist of 25.1 in vurdering gets the rating form, but no report
        // link before the report stage.
        let (_, page) = get(&koordinator, &app.url("/audits/25.1")).await;
        assert!(!page.contains("href=\"/audits/25.1/bedoemmelse\""));
        let panelist = app.login_as("midt-1").await;
        let (_, page) = get(&panelist, &app.url("/audits/25.1")).await;
        assert!(page.contains("href=\"/audits/25.1/bedoemmelse\""));
        assert!(!page.contains("href=\"/audits/25.1/rapport\""));

        // 25.2's ratings are revealed, but its report is a draft: a panelist is offered no link to a
        // page that would answer 404 ("ikke offentliggjort endnu"); once it is published, the link is
        // there and opens the published version.
        let nord = app.login_as("nord-4").await;
        let (status, page) = get(&nord, &app.url("/audits/25.2")).await;
        assert_eq!(status, StatusCode::OK, "nord-4 sits on 25.2");
        assert!(!page.contains("href=\"/audits/25.2/rapport\""), "{page}");
        let (status, _) = get(&nord, &app.url("/audits/25.2/rapport")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        crate::security::route_sweep::publish(app, &koordinator, "25.2").await;
        let (_, page) = get(&nord, &app.url("/audits/25.2")).await;
        assert!(page.contains("href=\"/audits/25.2/rapport\""), "{page}");
        let (status, _) = get(&nord, &app.url("/audits/25.2/rapport")).await;
        assert_eq!(status, StatusCode::OK);
        // 19.1's report is published in the demo (in 2019), so its panel gets the link at once.
        let nord = app.login_as("nord-1").await;
        let (_, page) = get(&nord, &app.url("/audits/19.1")).await;
        assert!(page.contains("href=\"/audits/19.1/rapport\""), "{page}");
        let (status, _) = get(&nord, &app.url("/audits/19.1/rapport")).await;
        assert_eq!(status, StatusCode::OK);
    })
    .await;
}

/// The demo's ratings are synthetic (the sources publish none), and every page of a demo audit that shows
/// ratings or statistics says so: the dashboard, "Dig og panelet", the report and its calibration
/// appendix. An audit that is not the demo's is not marked.
#[tokio::test]
async fn demo_audits_say_their_ratings_are_synthetic_where_they_are_read() {
    on_each_engine(async |app| {
        const NOTICE: &str = "Bedømmelserne i dette demoforløb er syntetiske";
        let koordinator = app.login_as("koordinator").await;
        let panelist = app.login_as("hovedstaden-1").await;
        for (client, path) in [
            (&koordinator, "/audits/20.1/enighed"),
            (&panelist, "/audits/20.1/mig"),
            (&koordinator, "/audits/19.1/enighed"),
        ] {
            let (status, page) = get(client, &app.url(path)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(page.contains(NOTICE), "{path}: {page}");
        }
        // The report: once above the article, once in the calibration appendix.
        let (status, page) = get(&koordinator, &app.url("/audits/20.1/rapport")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page.matches(NOTICE).count(), 2, "{page}");
        // And the published version (the demo publishes 20.1) carries it in its frozen appendix.
        let (_, page) = get(&panelist, &app.url("/audits/20.1/rapport")).await;
        assert!(page.contains("Version 1, offentliggjort"), "{page}");
        assert_eq!(page.matches(NOTICE).count(), 2, "{page}");

        assert!(
            store::demo::is_demo_audit(app.db.db(), &"20.1".parse().unwrap())
                .await
                .unwrap()
        );
        assert!(
            !store::demo::is_demo_audit(app.db.db(), &"26.1".parse().unwrap())
                .await
                .unwrap()
        );
    })
    .await;
}
