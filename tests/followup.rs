//! Follow-up across audits: the overview's groups and counts on a fixed day, the CSV export, the action
//! page's transitions by role (a tilsynskontakt of another tilsyn is refused and nothing changes), and
//! the iCalendar feed.
//!
//! The clock stands at 3 March 2025 (`helpers::NOW`). The demo's follow-up plans (seeds/demo/*.toml)
//! have seven dated actions; six fall due in 2019–2020. Their published history
//! (`[offentliggoerelse]`) closes three of them, the audit function's own (19.1 praesentation and
//! forstaaelsesramme, 19.2 praesentation: kvitteret); the other three, addressed to all five tilsyn, are
//! overdue (19.1 status, which Midt alone has reported; 19.2 konkretisering and forstaaelsesramme).
//! 25.2's »i første kvartal 2025« falls due on 31 March 2025, within 30 days. 20.1's »fra 2. halvår
//! 2020« is a start ("Socialstyrelsen vil fra 2. halvår 2020 initiere et udviklingsarbejde"), with no
//! due date.

use std::io::BufReader;

use reqwest::{Client, StatusCode, header, multipart};

use crate::helpers::{NOW, TestApp, client, csrf_token, get, on_each_engine};

/// An action of 19.1 addressed to Socialtilsyn Midt alone (the demo has none addressed to one tilsyn),
/// added to the draft of the report: the koordinator sees it at once, the tilsyn once the report is
/// published again ([`publish_19_1`]).
async fn add_midt_action(app: &TestApp, id: &str, frist: &str) {
    let tiltag = audit::Opfoelgningstiltag {
        id: id.into(),
        tekst: "Socialtilsyn Midt beskriver sin praksis for brug af ekstern supervision.".into(),
        punkter: vec![],
        anbefalinger: vec!["8.b".into()],
        ansvarlige: vec![audit::Ansvarlig::Tilsyn(audit::Tilsyn::Midt)],
        frist: Some(frist.into()),
    };
    store::follow_up::add_follow_up_action(
        app.db.db(),
        &"19.1".parse().unwrap(),
        &tiltag,
        &"koordinator".parse().unwrap(),
        NOW,
    )
    .await
    .unwrap();
}

/// Publishes 19.1's draft as its next version by the button, so that the actions added to it reach
/// those who read the published report (19.1's version 1 is the demo's, of 2019).
async fn publish_19_1(app: &TestApp) {
    let koordinator = app.login_as("koordinator").await;
    crate::security::route_sweep::publish(app, &koordinator, "19.1").await;
}

/// The part of `page` from `start` to the next `end`.
fn section<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in the page:\n{page}"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[tokio::test]
async fn overdue_actions_come_first_and_are_counted_per_tilsyn() {
    on_each_engine(async |app| {
        let client = app.login_as("koordinator").await;
        let (status, page) = get(&client, &app.url("/opfoelgning")).await;
        assert_eq!(status, StatusCode::OK);
        // Six dated demo actions fell due in 2019–2020; the three the audit function has done and
        // acknowledged are not overdue.
        let overdue = section(&page, r#"id="gruppe-overskredet""#, "</section>");
        assert!(overdue.contains("Overskredet (3)"), "{overdue}");
        assert!(!overdue.contains("udviklingsarbejde"), "{overdue}");
        assert!(!overdue.contains(r#"href="/opfoelgning/19.1/praesentation""#));
        assert!(overdue.contains(r#"href="/opfoelgning/19.1/status""#));
        assert!(overdue.contains(r#"<time datetime="2020-06-30">30. juni 2020</time>"#));
        // 25.2 falls due on 31 March 2025: 28 days after 3 March.
        let soon = section(&page, r#"id="gruppe-inden-30-dage""#, "</section>");
        assert!(soon.contains("Forfalder inden for 30 dage (1)"), "{soon}");
        assert!(soon.contains(r#"href="/opfoelgning/25.2/stikproeve""#));
        assert!(page.find("gruppe-overskredet") < page.find("gruppe-inden-30-dage"));
        // 19.1 status, 19.2 konkretisering and forstaaelsesramme are addressed to all five tilsyn, so
        // each tilsyn has three overdue actions, but Midt has reported its part of 19.1 status (20.1
        // udviklingsarbejde is a start, never overdue).
        assert!(
            page.contains("<strong>Midt: 2 overskredne</strong>"),
            "{page}"
        );
        assert!(page.contains("<strong>Nord: 3 overskredne</strong>"));

        // An action of Midt's alone, due yesterday, is overdue and counts for Midt only.
        add_midt_action(app, "midt-supervision", "2. marts 2025").await;
        let (_, page) = get(&client, &app.url("/opfoelgning")).await;
        assert!(page.contains("Overskredet (4)"));
        assert!(page.contains("<strong>Midt: 3 overskredne</strong>"));
        assert!(page.contains("<strong>Nord: 3 overskredne</strong>"));

        // Filters narrow the list (GET, no JavaScript); a bad value is named next to its field.
        let (status, page) = get(
            &client,
            &app.url("/opfoelgning?audit=25.2&ansvarlig=&status="),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Overskredet (0)") && page.contains("Forfalder inden for 30 dage (1)")
        );
        let (status, page) = get(&client, &app.url("/opfoelgning?status=snart")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains(r#"id="status-fejl""#) && page.contains("»snart«"),
            "{page}"
        );

        // The CSV has the same rows in the same order, with the deadline as typed and the due date.
        let response = client
            .get(app.url("/opfoelgning.csv?ansvarlig=midt"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/csv; charset=utf-8"
        );
        let csv = response.text().await.unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "\u{feff}audit;id;opfoelgningspunkt;ansvarlige;frist;forfalder;status;gruppe"
        );
        // Within a group by due date: 2 March 2025 comes after the 2019–2020 ones; the start without a
        // due date (20.1 »fra 2. halvår 2020«) comes last, in its own group.
        assert!(lines[4].starts_with("19.1;midt-supervision;"), "{csv}");
        assert!(
            lines[4].ends_with(";2. marts 2025;2025-03-02;planlagt;overskredet"),
            "{csv}"
        );
        // The demo's history has the development work begun (»i gang«) in August 2020.
        assert!(
            lines[5].starts_with("20.1;udviklingsarbejde;")
                && lines[5].ends_with(";fra 2. halvår 2020;;i gang;uden-dato"),
            "{csv}"
        );
        // Midt's own action and the four addressed to all five tilsyn.
        assert_eq!(lines.len(), 1 + 5, "{csv}");
    })
    .await;
}

/// Posts the multipart report form of `action` as `client`, with one evidence file.
async fn report_done(
    app: &TestApp,
    client: &Client,
    action: &str,
    tekst: &str,
) -> reqwest::Response {
    let (_, page) = get(client, &app.url("/")).await;
    let token = csrf_token(&page);
    let form = multipart::Form::new()
        .text("_csrf", token)
        .text("tekst", tekst.to_owned())
        .part(
            "bilag",
            multipart::Part::bytes(b"Referat af ledermoede".to_vec())
                .file_name("referat æ.txt")
                .mime_str("text/plain")
                .unwrap(),
        );
    client
        .post(app.url(&format!("/opfoelgning/{action}/rapport")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn post_event(
    app: &TestApp,
    client: &Client,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, page) = get(client, &app.url(&format!("/opfoelgning/{action}"))).await;
    let token = csrf_token(&page);
    let mut form = vec![("_csrf", token.as_str())];
    form.extend_from_slice(fields);
    client
        .post(app.url(&format!("/opfoelgning/{action}/haendelse")))
        .form(&form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn only_the_responsible_tilsyn_reports_and_only_the_koordinator_acknowledges() {
    on_each_engine(async |app| {
        add_midt_action(app, "midt-supervision", "2. halvår 2025").await;
        publish_19_1(app).await;
        let before = (
            app.count("follow_up_events").await,
            app.count("events").await,
            app.count("follow_up_evidence").await,
            app.count("blobs").await,
        );

        // Syd's contact may not see Midt's action, so it is answered as one that does not exist (404,
        // without naming it), and nothing is stored.
        let syd = app.login_as("tilsynskontakt-syd").await;
        let (status, _) = get(&syd, &app.url("/opfoelgning/19.1/midt-supervision")).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "Syd does not see Midt's action"
        );
        let response = report_done(app, &syd, "19.1/midt-supervision", "Gjort").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let page = response.text().await.unwrap();
        assert!(!page.contains("midt-supervision"), "{page}");
        let after = (
            app.count("follow_up_events").await,
            app.count("events").await,
            app.count("follow_up_evidence").await,
            app.count("blobs").await,
        );
        assert_eq!(after, before, "a refused report changes nothing");

        // Midt's contact sees the report form, and reports with evidence.
        let midt = app.login_as("tilsynskontakt-midt").await;
        let (_, page) = get(&midt, &app.url("/opfoelgning/19.1/midt-supervision")).await;
        assert!(page.contains(r#"enctype="multipart/form-data""#));
        assert!(
            page.contains("»2. halvår 2025«")
                && page.contains(r#"<time datetime="2025-12-31">31. december 2025</time>"#)
        );
        assert!(
            !page.contains("Kvittér for punktet"),
            "only the koordinator acknowledges"
        );
        let response =
            report_done(app, &midt, "19.1/midt-supervision", "Praksis er beskrevet.").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, page) = get(&midt, &app.url("/opfoelgning/19.1/midt-supervision")).await;
        assert!(page.contains("Rapporteret gennemført"));
        assert!(page.contains(r#"download>referat æ.txt</a>"#), "{page}");
        let href = section(&page, "/opfoelgning/19.1/midt-supervision/bilag/", "\"").to_owned();
        let file = midt.get(app.url(&href)).send().await.unwrap();
        assert!(
            file.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(
            file.bytes().await.unwrap().as_ref(),
            b"Referat af ledermoede"
        );

        // The koordinator: a send-back without a reason is refused next to the field (422) …
        let koordinator = app.login_as("koordinator").await;
        let response = post_event(
            app,
            &koordinator,
            "19.1/midt-supervision",
            &[("haendelse", "send-tilbage"), ("begrundelse", "  ")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.unwrap();
        assert!(
            page.contains(r#"id="send-tilbage-begrundelse-fejl""#),
            "{page}"
        );
        // … a postponement to a deadline that does not read keeps what was typed …
        let response = post_event(
            app,
            &koordinator,
            "19.1/midt-supervision",
            &[
                ("haendelse", "udskyd"),
                ("ny_frist", "snarest"),
                ("begrundelse", "Travlt"),
            ],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::CONFLICT,
            "udskyd is not allowed once reported"
        );
        // … and the acknowledgement closes the action.
        let response = post_event(
            app,
            &koordinator,
            "19.1/midt-supervision",
            &[("haendelse", "kvitter")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, page) = get(
            &koordinator,
            &app.url("/opfoelgning/19.1/midt-supervision?gemt=1"),
        )
        .await;
        assert!(page.contains("Ændringen er gemt"));
        assert!(page.contains(r#"<span class="status submitted">Kvitteret</span>"#));
        // Every change is in the event log.
        let events = store::events::events_of_audit(app.db.db(), &"19.1".parse().unwrap())
            .await
            .unwrap();
        let kinds: Vec<_> = events
            .iter()
            .filter(|e| {
                e.kind == "follow_up_status"
                    && e.after.as_ref().unwrap()["id"].as_str() == Some("midt-supervision")
            })
            .map(|e| {
                e.after.as_ref().unwrap()["status"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(kinds, ["rapporteret-gennemfoert", "kvitteret"]);
    })
    .await;
}

#[tokio::test]
async fn a_postponement_keeps_the_new_deadline_as_typed_and_a_bad_one_is_named_at_the_field() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        let response = post_event(
            app,
            &koordinator,
            "25.2/stikproeve",
            &[
                ("haendelse", "udskyd"),
                ("ny_frist", "snarest muligt"),
                ("begrundelse", "Afventer data"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.unwrap();
        assert!(
            page.contains(r#"id="udskyd-ny_frist-fejl""#) && page.contains("»snarest muligt«"),
            "{page}"
        );
        assert!(
            page.contains(r#"value="snarest muligt""#),
            "what was typed is kept"
        );
        let response = post_event(
            app,
            &koordinator,
            "25.2/stikproeve",
            &[
                ("haendelse", "udskyd"),
                ("ny_frist", "2. kvartal 2025"),
                ("begrundelse", "Afventer data"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (_, page) = get(&koordinator, &app.url("/opfoelgning/25.2/stikproeve")).await;
        assert!(
            page.contains("»2. kvartal 2025«")
                && page.contains("Oprindelig frist i planen: »i første kvartal 2025«"),
            "{page}"
        );
        assert!(page.contains(r#"<time datetime="2025-06-30">30. juni 2025</time>"#));
        // A læser sees published audits' follow-up but no forms.
        let laeser = app.login_as("laeser").await;
        let (status, page) = get(&laeser, &app.url("/opfoelgning/19.1/praesentation")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("Handlinger"));
    })
    .await;
}

fn parse_calendar(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("a calendar").unwrap();
    assert!(parser.next().is_none(), "exactly one calendar");
    calendar
}

fn value<'a>(props: &'a [ical::property::Property], name: &str) -> &'a str {
    let found: Vec<_> = props.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "exactly one {name}");
    found[0].value.as_deref().unwrap()
}

/// A feed token for `username`, as "Abonnér i din kalender" on `/opfoelgning` makes it.
async fn token_for(app: &TestApp, username: &str) -> String {
    store::sessions::renew_feed_token(app.db.db(), &username.parse().unwrap(), NOW)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_calendar_feed_is_valid_icalendar_filtered_to_the_token_user() {
    on_each_engine(async |app| {
        let anonymous = client();
        for url in ["/opfoelgning.ics", "/opfoelgning.ics?token=forkert"] {
            let response = anonymous.get(app.url(url)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{url}");
            assert!(!response.text().await.unwrap().contains("BEGIN:VCALENDAR"));
        }

        // A hundred more dated actions for Midt in 19.1.
        for i in 0..100 {
            add_midt_action(app, &format!("midt-{i:03}"), "2. halvår 2025").await;
        }
        publish_19_1(app).await;
        let token = token_for(app, "tilsynskontakt-midt").await;
        let response = anonymous
            .get(app.url(&format!("/opfoelgning.ics?token={token}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "text/calendar; charset=utf-8"
        );
        let text = response.text().await.unwrap();
        assert!(
            text.lines().all(|l| l.len() <= 76),
            "RFC 5545 folds lines at 75 octets"
        );
        let calendar = parse_calendar(&text);
        assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
        assert!(value(&calendar.properties, "PRODID").contains("auditpanel"));
        // Midt's 100 and the three dated demo actions addressed to all five tilsyn (20.1's start has no
        // date to put in a calendar); nothing else.
        assert_eq!(calendar.events.len(), 103);
        let mut uids = std::collections::BTreeSet::new();
        for event in &calendar.events {
            let uid = value(&event.properties, "UID");
            assert!(uids.insert(uid.to_owned()), "UIDs are unique: {uid}");
            value(&event.properties, "DTSTAMP");
            value(&event.properties, "DTSTART");
            value(&event.properties, "SUMMARY");
            assert!(value(&event.properties, "DESCRIPTION").contains("Status: "));
            assert_eq!(event.alarms.len(), 1, "a VALARM on every open action");
            assert_eq!(value(&event.alarms[0].properties, "TRIGGER"), "-P7D");
        }
        let ours = calendar
            .events
            .iter()
            .find(|e| value(&e.properties, "UID") == "opfoelgning-19.1-midt-042@auditpanel")
            .unwrap();
        assert_eq!(value(&ours.properties, "DTSTART"), "20251231");
        assert!(
            value(&ours.properties, "DESCRIPTION")
                .starts_with("Frist: 2. halvår 2025 (forfalder 31. december 2025)")
        );
        assert!(
            !uids.iter().any(|u| u.contains("praesentation")),
            "the audit function's own actions are not Midt's"
        );

        // The koordinator's feed has every dated action: the demo's seven and the hundred.
        let token = token_for(app, "koordinator").await;
        let text = anonymous
            .get(app.url(&format!("/opfoelgning.ics?token={token}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(parse_calendar(&text).events.len(), 107);
    })
    .await;
}

#[tokio::test]
async fn each_role_sees_only_the_actions_it_may_see() {
    on_each_engine(async |app| {
        // A læser sees the actions of published reports (the demo publishes 19.1, 19.2 and 20.1), not
        // those of 25.2, whose report is a draft.
        let laeser = app.login_as("laeser").await;
        let (status, page) = get(&laeser, &app.url("/opfoelgning")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(r#"href="/opfoelgning/19.1/praesentation""#));
        assert!(!page.contains("/opfoelgning/25.2/"), "{page}");
        // An action it may not see is answered as one that does not exist.
        let (status, _) = get(&laeser, &app.url("/opfoelgning/25.2/stikproeve")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // A tilsynskontakt sees the actions addressed to their tilsyn, not the audit function's own.
        let nord = app.login_as("tilsynskontakt-nord").await;
        let (_, page) = get(&nord, &app.url("/opfoelgning")).await;
        assert!(page.contains(r#"href="/opfoelgning/19.2/konkretisering""#));
        assert!(!page.contains(r#"href="/opfoelgning/19.1/praesentation""#));
        let (_, csv) = get(&nord, &app.url("/opfoelgning.csv")).await;
        assert!(!csv.contains("praesentation"), "{csv}");
    })
    .await;
}

/// Each tilsyn reports the status of its own part of an action addressed to all five. In the demo,
/// 19.2's "konkretisering" was begun by Syd and no one has reported (seeds/demo/README.md). Midt's
/// contact may not report or meld i gang for Syd (403, nothing stored); Midt's own påbegynd and report
/// leave Syd i gang and the other three planlagt, the action stays i gang as a whole (not every tilsyn
/// has reported), and the koordinator's overview shows each tilsyn's status.
#[tokio::test]
async fn each_tilsyn_reports_its_own_status_and_the_overview_shows_each() {
    on_each_engine(async |app| {
        let action = "19.2/konkretisering";
        let midt = app.login_as("tilsynskontakt-midt").await;
        let (_, page) = get(&midt, &app.url(&format!("/opfoelgning/{action}"))).await;
        assert!(page.contains(r#"name="tilsyn" value="midt""#), "{page}");
        assert!(page.contains("<li>Syd: i gang</li>"), "{page}");
        assert!(page.contains("<li>Midt: planlagt</li>"), "{page}");

        let before = app.count("follow_up_events").await;
        let response = post_event(
            app,
            &midt,
            action,
            &[("haendelse", "paabegynd"), ("tilsyn", "syd")],
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let token = csrf_token(&page);
        let form = multipart::Form::new()
            .text("_csrf", token)
            .text("tilsyn", "syd")
            .text("tekst", "Gjort for Syd.");
        let response = midt
            .post(app.url(&format!("/opfoelgning/{action}/rapport")))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            app.count("follow_up_events").await,
            before,
            "a refused report stores nothing"
        );

        // The action is i gang through Syd, yet Midt may still meld its own part i gang, then report.
        let response = post_event(
            app,
            &midt,
            action,
            &[("haendelse", "paabegynd"), ("tilsyn", "midt")],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{}",
            response.text().await.unwrap()
        );
        let response = report_done(app, &midt, action, "Midt har konkretiseret.").await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{}",
            response.text().await.unwrap()
        );

        let koordinator = app.login_as("koordinator").await;
        let (_, overview) = get(&koordinator, &app.url("/opfoelgning")).await;
        let row = section(
            &overview,
            r#"href="/opfoelgning/19.2/konkretisering""#,
            "</tr>",
        );
        for expected in [
            "<li>Midt: rapporteret gennemført</li>",
            "<li>Syd: i gang</li>",
            "<li>Nord: planlagt</li>",
            "<li>Hovedstaden: planlagt</li>",
            "<li>Øst: planlagt</li>",
        ] {
            assert!(row.contains(expected), "{expected} in {row}");
        }
        assert!(
            row.contains(">I gang</span>"),
            "the whole is i gang until all five report: {row}"
        );
    })
    .await;
}
