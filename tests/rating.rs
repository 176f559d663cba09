//! The panelist's rating page `/audits/{nr}/bedoemmelse` on the demo audit 25.1 (vurdering, deadline
//! 17 March 2025 under the fixed clock of 3 March, reveal "ved mødet"; seed `seeds/demo/25.1.toml`: 10
//! reports × indicators 8.a, 8.b, 9.a, 9.d = 40 units; hovedstaden-1, midt-1, nord-3 and oest-1 have
//! submitted everything, syd-1, midt-3 and oest-3 have drafts, hovedstaden-3, nord-1 and syd-3 have not
//! begun). Every refused post is checked to change nothing in the database.

use reqwest::{Client, StatusCode, header};
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::{date, datetime};
use tokio::sync::oneshot;

use crate::helpers::{NOW, PASSWORD, TestApp, client, csrf_token, get, on_each_engine};

/// The rating page of 25.1.
pub(crate) const FORM: &str = "/audits/25.1/bedoemmelse";

/// 25.1's items and material ids, from `seeds/demo/25.1.toml`.
pub(crate) const ITEMS: [&str; 4] = ["8.a", "8.b", "9.a", "9.d"];
pub(crate) const MATERIALS: [&str; 10] = [
    "rapport-a",
    "rapport-b",
    "rapport-c",
    "rapport-d",
    "rapport-e",
    "rapport-f",
    "rapport-g",
    "rapport-h",
    "rapport-i",
    "rapport-j",
];

/// Every unit of 25.1 (`item/material`).
pub(crate) fn all_units() -> Vec<String> {
    MATERIALS
        .iter()
        .flat_map(|m| ITEMS.iter().map(move |i| format!("{i}/{m}")))
        .collect()
}

/// The units of one material of 25.1.
pub(crate) fn units_of(material: &str) -> Vec<String> {
    ITEMS.iter().map(|i| format!("{i}/{material}")).collect()
}

/// The HTML id of a unit's block (`pages::rating::sheet::dom_id`).
fn dom(unit: &str) -> String {
    format!("u-{}", unit.replace('.', "_").replace('/', "__"))
}

/// Everything stored about audit `nr`'s ratings: the export's ratings (values, reasons, statuses,
/// timestamps) and the row counts of `ratings` and `events`. Equal before and after means that nothing
/// changed.
pub(crate) async fn snapshot(app: &TestApp, nr: &str) -> Value {
    let doc = store::export::export_audit(app.db.db(), &nr.parse().unwrap())
        .await
        .unwrap();
    serde_json::json!({
        "ratings": serde_json::to_value(&doc.ratings).unwrap(),
        "state": doc.audit.state.id(),
        "rating_rows": app.count("ratings").await,
        "event_rows": app.count("events").await,
    })
}

/// The response of a post: status, `Location` and body.
pub(crate) async fn send_form(
    client: &Client,
    url: &str,
    fields: &[(String, String)],
) -> (StatusCode, Option<String>, String) {
    let response = client.post(url).form(fields).send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, response.text().await.unwrap())
}

/// Answers the "Indsend" confirmation (`GET` the page at `location`, which an "Indsend" post redirects
/// to, then its `POST` with the CSRF token): returns the confirmation page and the post's status and
/// redirect.
pub(crate) async fn confirm_submission(
    client: &Client,
    base: &str,
    location: Option<&str>,
) -> (String, StatusCode, Option<String>) {
    let location = location.expect("an Indsend post redirects to its confirmation");
    let (path, query) = location.split_once('?').expect("the round is in the query");
    assert!(path.ends_with("/bedoemmelse/indsend"), "{location}");
    let page = client
        .get(format!("{base}{location}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Når du indsender, kan bedømmelserne ikke ændres bagefter."),
        "{page}"
    );
    let round = query.trim_start_matches("runde=");
    let post = fields(&page, &[("runde", round)]);
    let (status, location, _) = send_form(client, &format!("{base}{path}"), &post).await;
    (page, status, location)
}

/// Fields as owned pairs, with the CSRF token of `page` first.
pub(crate) fn fields(page: &str, pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    std::iter::once(("_csrf".to_owned(), csrf_token(page)))
        .chain(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        )
        .collect()
}

/// A whole round-1 answer of 25.1: every unit rated `value` with a reason.
pub(crate) fn full_answer(page: &str, value: &str, action: &str) -> Vec<(String, String)> {
    let mut f = fields(page, &[("runde", "1"), ("handling", action)]);
    for unit in all_units() {
        f.push((format!("v:{unit}"), value.to_owned()));
        f.push((format!("r:{unit}"), format!("Begrundelse for {unit}.")));
    }
    f
}

/// Whether the input with HTML id `id` carries `checked`.
pub(crate) fn is_checked(page: &str, id: &str) -> bool {
    let at = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = page[..at].rfind('<').unwrap();
    let end = at + page[at..].find('>').unwrap();
    page[start..end].contains(" checked")
}

/// The part of the page inside the block of `unit`, up to the next unit's block.
fn block<'a>(page: &'a str, unit: &str) -> &'a str {
    let marker = format!("<div class=\"unit-block\" id=\"{}\">", dom(unit));
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no block for {unit}"));
    let rest = &page[start + marker.len()..];
    let end = rest.find("<div class=\"unit-block\"").unwrap_or(rest.len());
    &rest[..end]
}

/// The pseudonyms of the material headings, in page order.
fn material_order(page: &str) -> Vec<String> {
    page.match_indices("<h3 id=\"materiale-1-")
        .map(|(at, _)| {
            let text = &page[at + page[at..].find('>').unwrap() + 1..];
            text[..text.find('<').unwrap()].trim().to_owned()
        })
        .collect()
}

/// A bearer token of demo user `username`.
pub(crate) async fn token(app: &TestApp, username: &str) -> String {
    store::sessions::create_api_token(app.db.db(), &username.parse().unwrap(), "test", NOW)
        .await
        .unwrap()
}

/// Another server on the same database whose fixed clock reads `now` (no demo seeding); stops when the
/// sender is dropped.
pub(crate) async fn server_at(app: &TestApp, now: OffsetDateTime) -> (String, oneshot::Sender<()>) {
    crate::helpers::start_server_with(app.db.url(), false, now).await
}

/// A client logged in as `username` on the server at `base`.
pub(crate) async fn login_at(base: &str, username: &str) -> Client {
    let client = client();
    let (_, page) = get(&client, &format!("{base}/login")).await;
    let response = client
        .post(format!("{base}/login"))
        .form(&[
            ("_csrf", csrf_token(&page).as_str()),
            ("username", username),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "login as {username}"
    );
    client
}

/// Moves 25.1 (or `nr`) on to drøftelse: the reveal at the meeting.
pub(crate) async fn reveal(app: &TestApp, nr: &str) {
    store::audits::transition_audit(
        app.db.db(),
        &nr.parse().unwrap(),
        audit::WorkflowState::Droeftelse,
        None,
        &"koordinator".parse().unwrap(),
        NOW.date(),
        NOW,
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_panelist_saves_a_draft_then_submits_and_the_ratings_become_read_only() {
    on_each_engine(async |app| {
        let syd3 = app.login_as("syd-3").await;
        let (status, page) = get(&syd3, &app.url(FORM)).await;
        assert_eq!(status, StatusCode::OK);
        // Every unit is a fieldset; indicator texts come from the quality model (seed 004, 8.a).
        assert_eq!(page.matches("<fieldset class=\"unit\"").count(), 40);
        assert!(page.contains(
            "Indikator 8.a: Ledelsen har relevante kompetencer i forhold til at lede tilbuddet."
        ));
        // The operation scale's Danish labels (audit::Scale::Drift) and the explicit "cannot rate".
        assert!(page.contains("I meget høj grad opfyldt (5)"));
        assert!(page.contains("Kan ikke bedømmes"));
        assert!(page.contains("0 indsendt, 0 i kladde, 40 ikke startet"));

        let rows = app.count("ratings").await;
        let draft = fields(
            &page,
            &[
                ("runde", "1"),
                ("v:8.a/rapport-a", "4"),
                (
                    "r:8.a/rapport-a",
                    "Lederen har en relevant diplomuddannelse.",
                ),
                ("v:8.b/rapport-a", "kan-ikke-bedoemmes"),
                ("handling", "kladde"),
            ],
        );
        let (status, location, _) = send_form(&syd3, &app.url(FORM), &draft).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            location.as_deref(),
            Some("/audits/25.1/bedoemmelse?gemt=kladde")
        );
        assert_eq!(app.count("ratings").await, rows + 2);

        // Reloaded: the values are kept, the drafts are marked as drafts.
        let (_, page) = get(&syd3, &app.url(&location.unwrap())).await;
        assert!(page.contains("Din kladde er gemt."));
        assert!(is_checked(&page, &format!("{}-v4", dom("8.a/rapport-a"))));
        assert!(!is_checked(&page, &format!("{}-v3", dom("8.a/rapport-a"))));
        assert!(is_checked(&page, &format!("{}-kbb", dom("8.b/rapport-a"))));
        assert!(
            block(&page, "8.a/rapport-a").contains("Lederen har en relevant diplomuddannelse.")
        );
        assert!(block(&page, "8.a/rapport-a").contains("Kladde"));

        // Submit everything.
        let answer = full_answer(&page, "3", "indsend");
        let (status, location, _) = send_form(&syd3, &app.url(FORM), &answer).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        // "Indsend" keeps the answers as drafts and asks first: nothing is submitted yet.
        assert_eq!(
            location.as_deref(),
            Some("/audits/25.1/bedoemmelse/indsend?runde=1")
        );
        let (_, page) = get(&syd3, &app.url(FORM)).await;
        assert!(
            page.contains("0 indsendt, 40 i kladde, 0 ikke startet"),
            "{page}"
        );
        let (confirmation, status, location) =
            confirm_submission(&syd3, &app.url(""), location.as_deref()).await;
        // It shows what will be submitted: all 40 units with the value chosen above.
        assert!(
            confirmation.contains("Du indsender 40 bedømmelser"),
            "{confirmation}"
        );
        assert_eq!(
            confirmation.matches("I middel grad opfyldt (3)").count(),
            40
        );
        assert!(confirmation.contains("Begrundelse for 9.d/rapport-j."));
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            location.as_deref(),
            Some("/audits/25.1/bedoemmelse?gemt=indsendt")
        );
        assert_eq!(app.count("ratings").await, rows + 40);
        let (_, page) = get(&syd3, &app.url(FORM)).await;
        assert!(page.contains("Du har indsendt alle dine bedømmelser. De kan ikke ændres."));
        assert!(page.contains("40 indsendt, 0 i kladde, 0 ikke startet"));
        assert!(
            !page.contains("<form class=\"rating\""),
            "read-only: no form"
        );
        assert!(!page.contains("name=\"v:"), "read-only: no inputs");
        assert!(block(&page, "9.d/rapport-j").contains("I middel grad opfyldt (3)"));
        assert!(block(&page, "9.d/rapport-j").contains("Indsendt"));
        // Under "ved mødet" nothing of the others before the reveal.
        assert!(!page.contains("Panelets bedømmelser"));

        // The same submission again (a double click, a retry): a success that stores nothing.
        let before = snapshot(app, "25.1").await;
        let (status, _, _) = send_form(&syd3, &app.url(FORM), &answer).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(snapshot(app, "25.1").await, before);

        // A different value after submission: refused, nothing changes.
        for action in ["indsend", "kladde"] {
            let changed = fields(
                &page,
                &[
                    ("runde", "1"),
                    ("v:8.a/rapport-a", "5"),
                    ("r:8.a/rapport-a", "Ny"),
                    ("handling", action),
                ],
            );
            let (status, _, body) = send_form(&syd3, &app.url(FORM), &changed).await;
            assert_eq!(status, StatusCode::CONFLICT, "{action}");
            assert!(
                body.contains(
                    "Bedømmelsen af »8.a/rapport-a« er allerede indsendt og kan ikke ændres."
                ),
                "{body}"
            );
            assert!(body.contains("Intet er gemt eller ændret."));
            assert_eq!(snapshot(app, "25.1").await, before);
        }
    })
    .await;
}

#[tokio::test]
async fn bad_input_is_shown_next_to_the_field_with_the_values_kept_and_changes_nothing() {
    on_each_engine(async |app| {
        let nord1 = app.login_as("nord-1").await;
        let (_, page) = get(&nord1, &app.url(FORM)).await;
        let before = snapshot(app, "25.1").await;

        // A score outside the scale, next to a good value and a typed reason.
        let post = fields(
            &page,
            &[
                ("runde", "1"),
                ("v:8.a/rapport-a", "7"),
                ("r:8.a/rapport-a", "Min begrundelse <b>med tegn</b>"),
                ("v:8.b/rapport-a", "2"),
                ("handling", "kladde"),
            ],
        );
        let (status, _, body) = send_form(&nord1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let unit = block(&body, "8.a/rapport-a");
        // The scale's own message (audit::ScaleError).
        assert!(
            unit.contains("Værdien 7 findes ikke på skalaen »driftsskala 1–5«"),
            "{unit}"
        );
        assert!(unit.contains("class=\"field-error\""));
        assert!(
            unit.contains("Min begrundelse &lt;b&gt;med tegn&lt;/b&gt;"),
            "kept and escaped"
        );
        assert!(
            is_checked(&body, &format!("{}-v2", dom("8.b/rapport-a"))),
            "the other value is kept"
        );
        assert!(
            body.contains(&format!("href=\"#{}\"", dom("8.a/rapport-a"))),
            "the summary links to the field"
        );
        assert!(body.contains("Bedømmelserne er ikke gemt"));
        assert_eq!(snapshot(app, "25.1").await, before);

        // An unknown item, and an unknown material.
        for unit in ["9.z/rapport-a", "8.a/rapport-z"] {
            let post = fields(
                &page,
                &[
                    ("runde", "1"),
                    (&format!("v:{unit}"), "3"),
                    ("handling", "kladde"),
                ],
            );
            let (status, _, body) = send_form(&nord1, &app.url(FORM), &post).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{unit}");
            assert!(
                body.contains(&format!(
                    "Enheden »{unit}« findes ikke i auditforløbets vurderingsskemaer."
                )),
                "{body}"
            );
            assert_eq!(snapshot(app, "25.1").await, before);
        }

        // "Indsend" with units left open: each is named next to its field.
        let mut post = full_answer(&page, "4", "indsend");
        post.retain(|(k, _)| !k.ends_with("/rapport-j"));
        let (status, _, body) = send_form(&nord1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            block(&body, "9.a/rapport-j")
                .contains("Vælg en bedømmelse, eller vælg »Kan ikke bedømmes«.")
        );
        assert!(is_checked(&body, &format!("{}-v4", dom("9.a/rapport-a"))));
        assert_eq!(snapshot(app, "25.1").await, before);

        // A reason without a value.
        let post = fields(
            &page,
            &[
                ("runde", "1"),
                ("r:8.a/rapport-c", "Kun tekst"),
                ("handling", "kladde"),
            ],
        );
        let (status, _, body) = send_form(&nord1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(block(&body, "8.a/rapport-c").contains("før begrundelsen kan gemmes"));
        assert!(block(&body, "8.a/rapport-c").contains("Kun tekst"));
        assert_eq!(snapshot(app, "25.1").await, before);

        // Without the CSRF token: the middleware's 403, before the handler.
        let mut post = full_answer(&page, "4", "indsend");
        post.retain(|(k, _)| k != "_csrf");
        let (status, _, body) = send_form(&nord1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("sikkerhedsnøglen mangler"), "{body}");
        assert_eq!(snapshot(app, "25.1").await, before);

        // Nobody but a rating panelist of the audit posts: the koordinator, a panelist of another audit.
        for username in ["koordinator", "hovedstaden-2"] {
            let other = app.login_as(username).await;
            let (status, own_page) = get(&other, &app.url(FORM)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
            let (_, home) = get(&other, &app.url("/")).await;
            let post = fields(&home, &[("v:8.a/rapport-a", "3"), ("handling", "kladde")]);
            let (status, _, _) = send_form(&other, &app.url(FORM), &post).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
            assert!(!own_page.contains("Rapport A"));
        }
        assert_eq!(snapshot(app, "25.1").await, before);
    })
    .await;
}

/// Audit `from` copied as `to` in vurdering (deadline 31 March 2025), so that its forms can be rated;
/// returns a rater of it.
pub(crate) async fn copy_in_vurdering(app: &TestApp, from: &str, to: &str) -> String {
    let mut audit = store::audits::get_audit(app.db.db(), &from.parse().unwrap())
        .await
        .unwrap();
    audit.nr = to.parse().unwrap();
    audit.state = audit::WorkflowState::Vurdering;
    audit.deadline = Some(date!(2025 - 03 - 31));
    store::audits::create_audit(app.db.db(), &audit, &"koordinator".parse().unwrap(), NOW)
        .await
        .unwrap();
    audit.raters().next().unwrap().username.to_string()
}

/// 19.2's forms (a case selection of 4 and reflection questions) in a copy 26.2 in vurdering; returns a
/// rater of it.
pub(crate) async fn case_selection_audit(app: &TestApp) -> String {
    copy_in_vurdering(app, "19.2", "26.2").await
}

#[tokio::test]
async fn a_case_selection_with_the_wrong_count_is_refused_and_reflections_render() {
    on_each_engine(async |app| {
        let rater = case_selection_audit(app).await;
        let audit = store::audits::get_audit(app.db.db(), &"26.2".parse().unwrap())
            .await
            .unwrap();
        let case_item = audit
            .forms
            .iter()
            .flat_map(|f| &f.items)
            .find(|i| matches!(i.kind, audit::ItemKind::Sagsudvaelgelse { antal: 4 }))
            .unwrap();
        let client = app.login_as(&rater).await;
        let (status, page) = get(&client, &app.url("/audits/26.2/bedoemmelse")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("type=\"checkbox\""),
            "case selection as checkboxes"
        );
        assert!(page.contains("(vælg 4)"));
        assert!(
            page.contains("Dit svar"),
            "reflection questions as text areas"
        );

        let before = snapshot(app, "26.2").await;
        let name = format!("v:{}", case_item.id);
        let (a, b) = (
            audit.materials[0].id.to_string(),
            audit.materials[1].id.to_string(),
        );
        let post = fields(
            &page,
            &[
                ("runde", "1"),
                (&name, &a),
                (&name, &b),
                ("handling", "kladde"),
            ],
        );
        let (status, _, body) =
            send_form(&client, &app.url("/audits/26.2/bedoemmelse"), &post).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // The domain's message (Audit::check_value).
        assert!(
            body.contains("Vælg præcis 4 sager (der er valgt 2)."),
            "{body}"
        );
        assert!(
            is_checked(&body, &format!("{}-{a}", dom(case_item.id.as_str()))),
            "the choice is kept"
        );
        assert_eq!(snapshot(app, "26.2").await, before);

        // Four cases are a valid draft.
        let ids: Vec<String> = audit
            .materials
            .iter()
            .take(4)
            .map(|m| m.id.to_string())
            .collect();
        let mut post = fields(&page, &[("runde", "1"), ("handling", "kladde")]);
        post.extend(ids.iter().map(|id| (name.clone(), id.clone())));
        let (status, _, _) = send_form(&client, &app.url("/audits/26.2/bedoemmelse"), &post).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = get(&client, &app.url("/audits/26.2/bedoemmelse")).await;
        for id in &ids {
            assert!(is_checked(
                &page,
                &format!("{}-{id}", dom(case_item.id.as_str()))
            ));
        }
    })
    .await;
}

#[tokio::test]
async fn posting_after_the_deadline_is_refused_in_danish_and_changes_nothing() {
    on_each_engine(async |app| {
        // 25.1's deadline is 14 days after the demo was loaded (3 March): 17 March 2025.
        let (later, _stop) = server_at(app, datetime!(2025-03-20 10:00 UTC)).await;
        let syd3 = login_at(&later, "syd-3").await;
        let (status, page) = get(&syd3, &format!("{later}{FORM}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Fristen for bedømmelserne var"));
        assert!(!page.contains("<form class=\"rating\""), "no form after the deadline");

        let before = snapshot(app, "25.1").await;
        let post = full_answer(&page, "3", "indsend");
        let (status, _, body) = send_form(&syd3, &format!("{later}{FORM}"), &post).await;
        assert_eq!(status, StatusCode::CONFLICT);
        // audit::RatingError::PastDeadline.
        assert!(
            body.contains("Fristen for bedømmelserne var 17. marts 2025; der kan ikke længere bedømmes."),
            "{body}"
        );
        assert_eq!(snapshot(app, "25.1").await, before);

        let token = token(app, "syd-3").await;
        let response = client()
            .post(format!("{later}/api/v1/audits/25.1/ratings"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"ratings": [{"unit": "8.a/rapport-a", "value": 3}], "submit": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let problem: Value = response.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("17. marts 2025"), "{problem}");
        assert_eq!(snapshot(app, "25.1").await, before);
    })
    .await;
}

#[tokio::test]
async fn after_reveal_round_one_is_sealed_and_round_two_is_kept_apart_with_its_reason() {
    on_each_engine(async |app| {
        let h1 = app.login_as("hovedstaden-1").await;
        let (_, vurdering_page) = get(&h1, &app.url(FORM)).await;
        reveal(app, "25.1").await;

        // A round-1 post after the reveal (from the page loaded before it).
        let before = snapshot(app, "25.1").await;
        let post = fields(
            &vurdering_page,
            &[
                ("runde", "1"),
                ("v:8.a/rapport-a", "2"),
                ("handling", "kladde"),
            ],
        );
        let (status, _, body) = send_form(&h1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::CONFLICT);
        // audit::RatingError::RoundClosed: the state is checked before anything else.
        assert!(
            body.contains(
                "Runde 1 kan ikke bedømmes, når auditforløbet er i tilstanden drøftelse."
            ),
            "{body}"
        );
        assert_eq!(snapshot(app, "25.1").await, before);
        // syd-1 only has drafts: the round is closed for those too.
        let syd1 = app.login_as("syd-1").await;
        let (_, home) = get(&syd1, &app.url("/")).await;
        let post = fields(
            &home,
            &[
                ("runde", "1"),
                ("v:8.a/rapport-a", "2"),
                ("handling", "indsend"),
            ],
        );
        let (status, _, body) = send_form(&syd1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(
            body.contains(
                "Runde 1 kan ikke bedømmes, når auditforløbet er i tilstanden drøftelse."
            ),
            "{body}"
        );
        assert_eq!(snapshot(app, "25.1").await, before);

        // The revealed page: the panel's distribution and the others' reasons, round 2 open.
        let (status, page) = get(&h1, &app.url(FORM)).await;
        assert_eq!(status, StatusCode::OK);
        let unit = block(&page, "8.a/rapport-a");
        assert!(unit.contains("Panelets bedømmelser"));
        assert!(unit.contains("<table class=\"distribution\">"));
        // midt-1, nord-3 and oest-1 submitted everything (seed); their ratings are listed with names.
        for name in [
            "Konsulent Midt 1 (Midt)",
            "Faglig leder Nord (Nord)",
            "Konsulent Øst 1 (Øst)",
        ] {
            assert!(unit.contains(name), "{name}: {unit}");
        }
        assert!(unit.contains("Din bedømmelse i runde 2"));
        assert!(unit.contains("Begrundelse for ændringen"));
        assert!(unit.contains("Uændret – ingen ny bedømmelse"));

        // A revised rating without a reason: refused next to the field.
        let post = fields(
            &page,
            &[
                ("runde", "2"),
                ("v:8.a/rapport-a", "1"),
                ("handling", "indsend"),
            ],
        );
        let (status, _, body) = send_form(&h1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(block(&body, "8.a/rapport-a").contains("Skriv en begrundelse for ændringen"));
        assert!(is_checked(&body, &format!("{}-v1", dom("8.a/rapport-a"))));
        assert_eq!(snapshot(app, "25.1").await, before);

        // With a reason: stored as round 2; round 1 stays as it was.
        let token = token(app, "hovedstaden-1").await;
        let own = |ratings: &Value, round: u64| -> Vec<Value> {
            ratings["ratings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| {
                    r["rater"] == "hovedstaden-1"
                        && r["unit"] == "8.a/rapport-a"
                        && r["round"] == round
                })
                .cloned()
                .collect()
        };
        let read = async || -> Value {
            client()
                .get(app.url("/api/v1/audits/25.1/ratings"))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap()
        };
        let first_before = own(&read().await, 1);
        assert_eq!(first_before.len(), 1);
        let post = fields(
            &page,
            &[
                ("runde", "2"),
                ("v:8.a/rapport-a", "1"),
                (
                    "r:8.a/rapport-a",
                    "Drøftelsen viste, at ledelsens kompetencer ikke er dokumenteret.",
                ),
                ("v:8.b/rapport-a", ""),
                ("handling", "indsend"),
            ],
        );
        let (status, location, _) = send_form(&h1, &app.url(FORM), &post).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (confirmation, status, location) =
            confirm_submission(&h1, &app.url(""), location.as_deref()).await;
        assert!(
            confirmation.contains("Du indsender 1 bedømmelser"),
            "{confirmation}"
        );
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(
            location.as_deref(),
            Some("/audits/25.1/bedoemmelse?gemt=runde2-indsendt")
        );
        let after = read().await;
        assert_eq!(own(&after, 1), first_before, "round 1 is sealed");
        let second = own(&after, 2);
        assert_eq!(second.len(), 1);
        assert_eq!(second[0]["value"], 1);
        assert_eq!(second[0]["status"], "submitted");
        assert_eq!(
            second[0]["reason"],
            "Drøftelsen viste, at ledelsens kompetencer ikke er dokumenteret."
        );
        assert!(
            own(&after, 2).iter().all(|r| r["unit"] != "8.b/rapport-a"),
            "unchanged units are not sent"
        );
        let (_, page) = get(&h1, &app.url(FORM)).await;
        let unit = block(&page, "8.a/rapport-a");
        assert!(unit.contains("Runde 2 (ændrede bedømmelser)"));
        assert!(
            !unit.contains("name=\"v:8.a/rapport-a\""),
            "a submitted round-2 rating is read-only"
        );
    })
    .await;
}

#[tokio::test]
async fn the_material_order_is_stable_per_panelist_and_differs_between_panelists() {
    on_each_engine(async |app| {
        let syd3 = app.login_as("syd-3").await;
        let (_, first) = get(&syd3, &app.url(FORM)).await;
        let (_, again) = get(&syd3, &app.url(FORM)).await;
        let order = material_order(&first);
        assert_eq!(order, material_order(&again), "stable across reloads");
        let mut sorted = order.clone();
        sorted.sort();
        let expected: Vec<String> = ('A'..='J').map(|c| format!("Rapport {c}")).collect();
        assert_eq!(sorted, expected, "every report once");
        assert_ne!(order, expected, "not the stored order for syd-3");

        let nord1 = app.login_as("nord-1").await;
        let (_, other) = get(&nord1, &app.url(FORM)).await;
        assert_ne!(
            material_order(&other),
            order,
            "another panelist, another order"
        );
    })
    .await;
}

#[tokio::test]
async fn material_from_the_panelists_own_tilsyn_is_marked() {
    on_each_engine(async |app| {
        // Seed: Rapport A and G are Syd's, Rapport E and H Nord's.
        for (username, own) in [("syd-3", ["Rapport A", "Rapport G"]), ("nord-1", ["Rapport E", "Rapport H"])] {
            let client = app.login_as(username).await;
            let (_, page) = get(&client, &app.url(FORM)).await;
            assert_eq!(page.matches("Materiale fra dit eget tilsyn").count(), 2, "{username}");
            for pseudonym in own {
                assert!(
                    page.contains(&format!(
                        "{pseudonym} <span class=\"tag own-tilsyn\">Materiale fra dit eget tilsyn</span>"
                    )),
                    "{username}: {pseudonym}"
                );
            }
        }
    })
    .await;
}

/// The rating page of 26.1, 25.1's copy under the reveal rule "efter egen indsendelse".
const COPY_FORM: &str = "/audits/26.1/bedoemmelse";

/// 25.1 copied as 26.1 under the reveal rule "efter egen indsendelse", with 25.1's round-1 ratings
/// (drafts and submissions) copied rater by rater through the store.
async fn per_material_copy(app: &TestApp) {
    let from: audit::AuditNr = "25.1".parse().unwrap();
    let to: audit::AuditNr = "26.1".parse().unwrap();
    let koordinator: audit::Username = "koordinator".parse().unwrap();
    let mut audit = store::audits::get_audit(app.db.db(), &from).await.unwrap();
    audit.nr = to.clone();
    audit.reveal_rule = audit::Afsloeringsregel::EfterEgenIndsendelse;
    store::audits::create_audit(app.db.db(), &audit, &koordinator, NOW)
        .await
        .unwrap();
    let doc = store::export::export_audit(app.db.db(), &from)
        .await
        .unwrap();
    let mut by_rater: std::collections::BTreeMap<(String, bool), Vec<audit::Rating>> =
        std::collections::BTreeMap::new();
    for r in doc.ratings.into_iter().map(|r| r.rating) {
        by_rater
            .entry((r.rater.to_string(), r.is_submitted()))
            .or_default()
            .push(r);
    }
    for ((rater, submitted), ratings) in by_rater {
        let rater: audit::Username = rater.parse().unwrap();
        let status = if submitted {
            audit::RatingStatus::Submitted
        } else {
            audit::RatingStatus::Draft
        };
        store::ratings::save_ratings(app.db.db(), &to, &rater, &ratings, status, NOW.date(), NOW)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn under_the_per_material_rule_the_others_ratings_appear_only_after_ones_own_submission() {
    on_each_engine(async |app| {
        // The reveal rule is frozen once 25.1 has ratings (Audit::check_setup_change), so the rule is
        // set on a copy, 26.1, before its ratings are copied from 25.1.
        per_material_copy(app).await;

        let syd3 = app.login_as("syd-3").await;
        let token = token(app, "syd-3").await;
        let (_, page) = get(&syd3, &app.url(COPY_FORM)).await;
        assert!(!page.contains("Panelets bedømmelser"), "nothing before one's own submission");

        // A draft of Rapport A unlocks nothing.
        let mut draft = fields(&page, &[("runde", "1"), ("handling", "kladde")]);
        for unit in units_of("rapport-a") {
            draft.push((format!("v:{unit}"), "4".to_owned()));
        }
        let (status, _, _) = send_form(&syd3, &app.url(COPY_FORM), &draft).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = get(&syd3, &app.url(COPY_FORM)).await;
        assert!(!page.contains("Panelets bedømmelser"), "a draft unlocks nothing");

        // Submitting Rapport A's four units (the API submits part of the form) unlocks Rapport A only.
        let body = serde_json::json!({
            "ratings": units_of("rapport-a").iter().map(|u| serde_json::json!({"unit": u, "value": 4, "reason": "Godt"})).collect::<Vec<_>>(),
            "submit": true,
        });
        let response = client()
            .post(app.url("/api/v1/audits/26.1/ratings"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let (_, page) = get(&syd3, &app.url(COPY_FORM)).await;
        assert_eq!(page.matches("<p class=\"reveal-title\">").count(), 4, "Rapport A's four units");
        for unit in units_of("rapport-a") {
            let b = block(&page, &unit);
            assert!(b.contains("Panelets bedømmelser"), "{unit}");
            assert!(b.contains("Konsulent Hovedstaden 1 (Hovedstaden)"), "{unit}: a submitted rater");
            assert!(!b.contains("Konsulent Syd 1"), "{unit}: syd-1's drafts stay hidden");
        }
        assert!(!block(&page, "8.a/rapport-b").contains("Panelets bedømmelser"));

        // The API shows the same: the others' submitted round-1 ratings of Rapport A, nothing else.
        let list: Value = client()
            .get(app.url("/api/v1/audits/26.1/ratings"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let others: Vec<&Value> = list["ratings"].as_array().unwrap().iter().filter(|r| r["rater"] != "syd-3").collect();
        // hovedstaden-1, midt-1, nord-3 and oest-1 submitted all four units of Rapport A (seed).
        assert_eq!(others.len(), 16, "{others:?}");
        for r in others {
            assert!(r["unit"].as_str().unwrap().ends_with("/rapport-a"), "{r}");
            assert_eq!(r["status"], "submitted");
            assert_eq!(r["round"], 1);
        }
    })
    .await;
}

#[tokio::test]
async fn the_start_page_links_each_audit_to_the_rating_page_with_the_panelists_progress() {
    on_each_engine(async |app| {
        // Seed: syd-1 has drafts of 40 % of the units and submitted none; hovedstaden-1 submitted all.
        let syd1 = app.login_as("syd-1").await;
        let (_, home) = get(&syd1, &app.url("/")).await;
        assert!(home.contains("href=\"/audits/25.1/bedoemmelse\""), "{home}");
        // 40 % of 40 units are drafts (seeds/demo/25.1.toml, kladde_andel).
        assert!(
            home.contains("0 indsendt, 16 i kladde, 24 ikke startet"),
            "{home}"
        );
        assert!(home.contains("Kladde"));
        let h1 = app.login_as("hovedstaden-1").await;
        let (_, home) = get(&h1, &app.url("/")).await;
        assert!(
            home.contains("40 indsendt, 0 i kladde, 0 ikke startet"),
            "{home}"
        );
        // 25.2 is in drøftelse (seed): its panel is offered round 2.
        let h4 = app.login_as("hovedstaden-4").await;
        let (_, home) = get(&h4, &app.url("/")).await;
        assert!(home.contains("href=\"/audits/25.2/bedoemmelse\""), "{home}");
        assert!(home.contains("Se bedømmelserne og giv runde 2"));
        let (status, page) = get(&h4, &app.url("/audits/25.2/bedoemmelse")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Din bedømmelse i runde 2"));
        // The checklist's answers (audit::Scale::Tjekliste).
        assert!(page.contains("Ikke relevant"));
    })
    .await;
}

#[tokio::test]
async fn a_nomination_is_a_radio_list_of_the_material_and_a_reflection_a_text_both_kept_as_drafts()
{
    on_each_engine(async |app| {
        // 19.1's forms (seed `seeds/demo/19.1.toml`): per indicator a nomination ("8.a-bedst") of the
        // best of ten reports and four reflection questions.
        let rater = copy_in_vurdering(app, "19.1", "26.1").await;
        let audit = store::audits::get_audit(app.db.db(), &"26.1".parse().unwrap())
            .await
            .unwrap();
        let reflection = audit
            .forms
            .iter()
            .flat_map(|f| &f.items)
            .find(|i| matches!(i.kind, audit::ItemKind::Refleksion))
            .unwrap();
        let client = app.login_as(&rater).await;
        let url = app.url("/audits/26.1/bedoemmelse");
        let (status, page) = get(&client, &url).await;
        assert_eq!(status, StatusCode::OK);
        let nomination = block(&page, "8.a-bedst");
        assert!(
            nomination
                .contains("Identificér det bedste eksempel på en bedømmelse af indikator 8.a.")
        );
        // The form names its ten reports; 19.1's other material (the practice descriptions) is not
        // offered.
        let form = audit
            .forms
            .iter()
            .find(|f| f.items.iter().any(|i| i.id.as_str() == "8.a-bedst"))
            .unwrap();
        for m in &audit.materials {
            let radio = format!(
                "type=\"radio\" id=\"{}-{}\" name=\"v:8.a-bedst\" value=\"{}\"",
                dom("8.a-bedst"),
                m.id,
                m.id
            );
            assert_eq!(
                nomination.contains(&radio),
                form.materials.contains(&m.id),
                "{}",
                m.id
            );
        }
        assert_eq!(
            nomination.matches("type=\"radio\"").count(),
            11,
            "ten reports and »Kan ikke bedømmes«"
        );
        assert!(nomination.contains("Kan ikke bedømmes"));

        let reflection_field = format!("v:{}", reflection.id);
        let post = fields(
            &page,
            &[
                ("runde", "1"),
                ("v:8.a-bedst", "rapport-c"),
                (
                    "r:8.a-bedst",
                    "Tydelig sammenhæng mellem data og vurdering.",
                ),
                (&reflection_field, "Vi bruger for lidt tid på bestyrelsen."),
                ("handling", "kladde"),
            ],
        );
        let (status, _, _) = send_form(&client, &url, &post).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page) = get(&client, &url).await;
        assert!(is_checked(
            &page,
            &format!("{}-rapport-c", dom("8.a-bedst"))
        ));
        assert!(block(&page, "8.a-bedst").contains("Tydelig sammenhæng mellem data og vurdering."));
        assert!(
            block(&page, reflection.id.as_str()).contains("Vi bruger for lidt tid på bestyrelsen.")
        );
    })
    .await;
}

/// 20.1's graded scale has no »Kan ikke bedømmes« (000: "socialtilsynet skal foretage en bedømmelse
/// af alle indikatorer i kvalitetsmodellen"): on a copy of 20.1 in vurdering the form offers the four
/// steps only, and a post that answers »kan ikke bedømmes« anyway is refused at its field and changes
/// nothing. (25.1's operation scale keeps it: the tests above.)
#[tokio::test]
async fn the_graded_scale_offers_its_four_steps_and_no_kan_ikke_bedoemmes() {
    on_each_engine(async |app| {
        let koordinator: audit::Username = "koordinator".parse().unwrap();
        let mut copy = store::audits::get_audit(app.db.db(), &"20.1".parse().unwrap())
            .await
            .unwrap();
        copy.nr = "26.2".parse().unwrap();
        copy.state = audit::WorkflowState::Vurdering;
        copy.deadline = Some(date!(2025 - 03 - 17));
        copy.meeting_date = Some(date!(2025 - 03 - 24));
        store::audits::create_audit(app.db.db(), &copy, &koordinator, NOW)
            .await
            .unwrap();
        let form = "/audits/26.2/bedoemmelse";
        let panelist = app.login_as("hovedstaden-1").await;
        let (status, page) = get(&panelist, &app.url(form)).await;
        assert_eq!(status, StatusCode::OK);
        let unit = block(&page, "3.a/rapport-a");
        for step in ["I høj grad", "I nogen grad", "I mindre grad", "Slet ikke"] {
            assert!(unit.contains(step), "{step}: {unit}");
        }
        assert!(!unit.contains("Kan ikke bedømmes"), "{unit}");

        let before = snapshot(app, "26.2").await;
        let post = fields(
            &page,
            &[
                ("runde", "1"),
                ("v:3.a/rapport-a", "kan-ikke-bedoemmes"),
                ("r:3.a/rapport-a", "Kunne ikke vurderes."),
                ("handling", "kladde"),
            ],
        );
        let (status, _, body) = send_form(&panelist, &app.url(form), &post).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            block(&body, "3.a/rapport-a").contains("har ikke svaret »kunne ikke bedømmes«"),
            "{body}"
        );
        assert_eq!(snapshot(app, "26.2").await, before);
    })
    .await;
}
