//! The blindness sweep: before reveal, one rater's rating carries a sentinel text no one else can
//! guess, and every page, export and API answer the route table names — plus every same-site link
//! found on them — is fetched as every kind of viewer and searched for it (the .xlsx workbook cell by
//! cell, since its text is compressed). Only the rater may meet their own sentinel; a draft's sentinel
//! never reaches anyone else, under either reveal rule.
//!
//! Each URL's status is also checked against the table, so that a URL the sweep relies on is known
//! to exist (a 404 would prove nothing): every URL of the table answers something other than 404 to at
//! least one viewer (the one who may see it).

use std::collections::{BTreeSet, VecDeque};

use audit::{Afsloeringsregel, Audit, AuditNr, ItemKind, UnitKey, WorkflowState};
use reqwest::{Client, StatusCode};
use serde_json::json;

use super::route_sweep::{Sessions, Target, global_urls, planning_copy};
use super::route_table::{Method, ROUTES, Viewer};
use crate::blindness::links;
use crate::helpers::{NOW, TestApp, on_each_engine};

/// The sentinels planted in one audit: in a submitted rating and in a draft.
#[derive(Debug, Clone)]
struct Sentinels {
    submitted: String,
    draft: String,
}

impl Sentinels {
    /// The sentinels of audit `nr`, unlike anything else in the demo or in another audit's sentinels.
    fn of(nr: &str) -> Sentinels {
        Sentinels {
            submitted: format!("SENTINEL-INDSENDT-{nr}-7f3a91"),
            draft: format!("SENTINEL-KLADDE-{nr}-c24e08"),
        }
    }

    fn both(&self) -> [&str; 2] {
        [&self.submitted, &self.draft]
    }
}

/// At most this many answers per viewer (a guard against crawling in circles).
const MAX_ANSWERS: usize = 600;

/// A rater's answer to `unit` as the ratings API takes it: the middle of a 1–5 scale, or yes for a
/// checklist, with `reason`.
fn answer(audit: &Audit, unit: &UnitKey, reason: &str) -> serde_json::Value {
    let (_, item) = audit.item(&unit.item).expect("the unit's item");
    let value = match &item.kind {
        ItemKind::Indikator { .. } | ItemKind::Helhedsvurdering => json!(3),
        other => panic!("the sweep plants only on scale items, not {other:?}"),
    };
    json!({"unit": unit.to_string(), "value": value, "reason": reason})
}

/// The scale units of `material` in audit `audit`.
fn scale_units(audit: &Audit, material: &audit::MaterialId) -> Vec<UnitKey> {
    audit
        .units_of_material(material)
        .into_iter()
        .filter(|u| {
            matches!(
                audit.item(&u.item).map(|(_, i)| &i.kind),
                Some(ItemKind::Indikator { .. } | ItemKind::Helhedsvurdering)
            )
        })
        .collect()
}

/// Posts ratings to the API as `client`; asserts they were stored.
async fn post_ratings(app: &TestApp, client: &Client, nr: &str, body: serde_json::Value) {
    let response = client
        .post(app.url(&format!("/api/v1/audits/{nr}/ratings")))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        response.text().await.unwrap_or_default()
    );
}

/// As `rater`: submits every scale unit of `first` (the sentinel in the first unit's reason) and saves a
/// draft of the first unit of `second` with the draft sentinel.
async fn plant(
    app: &TestApp,
    rater: &Client,
    audit: &Audit,
    first: &audit::MaterialId,
    second: &audit::MaterialId,
) -> Sentinels {
    let nr = audit.nr.to_string();
    let sentinels = Sentinels::of(&nr);
    let submitted: Vec<_> = scale_units(audit, first)
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let reason = if i == 0 {
                sentinels.submitted.as_str()
            } else {
                "Passende."
            };
            answer(audit, unit, reason)
        })
        .collect();
    post_ratings(
        app,
        rater,
        &nr,
        json!({"ratings": submitted, "submit": true}),
    )
    .await;
    let draft = answer(audit, &scale_units(audit, second)[0], &sentinels.draft);
    post_ratings(app, rater, &nr, json!({"ratings": [draft]})).await;
    sentinels
}

/// The text of an answer: the cells of a workbook, the body of anything else.
async fn text_of(response: reqwest::Response) -> String {
    let is_xlsx = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("spreadsheetml"));
    let bytes = response.bytes().await.unwrap_or_default();
    if !is_xlsx {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            text.push_str(&cell.2.to_string());
            text.push('\n');
        }
    }
    text
}

/// Every URL the table names for audit `nr` and the global routes, with the status the table expects
/// for `viewer`.
fn table_urls(target: &Target, viewer: Viewer) -> Vec<(String, u16)> {
    let mut urls = Vec::new();
    for route in ROUTES.iter().filter(|r| r.method == Method::Get) {
        let expected = route.access.get(viewer, target.facts, route.is_api());
        let found = if route.names_audit() {
            target.urls(route).unwrap_or_default()
        } else {
            global_urls(route)
        };
        urls.extend(found.into_iter().map(|url| (url, expected)));
    }
    urls
}

/// Fetches, as `viewer` with `client`, every URL of the table and every same-site link found on the
/// answers; returns the URLs whose answer holds a sentinel, and the answers that differ from the table.
async fn sweep(
    app: &TestApp,
    client: &Client,
    viewer: Viewer,
    target: &Target,
    sentinels: &[&str],
) -> (Vec<String>, Vec<String>) {
    let table = table_urls(target, viewer);
    let mut queue: VecDeque<(String, Option<u16>)> =
        table.iter().map(|(u, s)| (u.clone(), Some(*s))).collect();
    let mut seen: BTreeSet<String> = queue.iter().map(|(u, _)| u.clone()).collect();
    let (mut found, mut wrong) = (Vec::new(), Vec::new());
    let mut answers = 0;
    while let Some((url, expected)) = queue.pop_front() {
        answers += 1;
        assert!(answers <= MAX_ANSWERS, "{viewer:?}: the crawl does not end");
        let response = client.get(app.url(&url)).send().await.unwrap();
        let status = response.status().as_u16();
        if let Some(expected) = expected
            && expected != status
        {
            wrong.push(format!(
                "{url} as {viewer:?}: expected {expected}, got {status}"
            ));
        }
        let body = text_of(response).await;
        for sentinel in sentinels {
            if body.contains(sentinel) {
                found.push(format!("{url} ({status}) holds {sentinel}"));
            }
        }
        for link in links(&body) {
            if seen.insert(link.clone()) {
                queue.push_back((link, None));
            }
        }
    }
    (found, wrong)
}

/// Sweeps audit `nr` as every kind of viewer and as `extra` panelists (all but `rater`, who planted
/// `sentinels`), and asserts that no one meets a sentinel, that `rater` meets both (so they were
/// planted where the sweep looks), and that the answers are the table's.
async fn assert_blind(
    app: &TestApp,
    sessions: &mut Sessions<'_>,
    nr: &str,
    rater: &str,
    sentinels: &Sentinels,
    extra: &[&str],
) {
    let target = Target::load(app, nr).await;
    assert!(!target.facts.state.is_revealed());
    assert_ne!(
        target.member, rater,
        "the member viewer is another panelist"
    );
    let mut leaks = Vec::new();
    let mut wrong = Vec::new();
    let mut viewers: Vec<(String, Viewer, Client)> = Vec::new();
    for viewer in Viewer::ALL {
        let (client, _) = sessions.viewer(viewer, Some(&target)).await;
        viewers.push((format!("{viewer:?}"), viewer, client));
    }
    for username in extra {
        let (client, _) = sessions.of(username).await;
        viewers.push(((*username).to_owned(), Viewer::Member, client));
    }
    for (name, viewer, client) in &viewers {
        let (found, differ) = sweep(app, client, *viewer, &target, &sentinels.both()).await;
        leaks.extend(found.into_iter().map(|f| format!("{name}: {f}")));
        wrong.extend(differ);
    }
    // Every URL of the table is one that exists: some viewer may see it and gets something else than
    // 404 (the answers were just checked against these expectations).
    let mut visible: BTreeSet<String> = BTreeSet::new();
    let mut all: BTreeSet<String> = BTreeSet::new();
    for viewer in Viewer::ALL {
        for (url, expected) in table_urls(&target, viewer) {
            if expected != 404 {
                visible.insert(url.clone());
            }
            all.insert(url);
        }
    }
    let nowhere: Vec<&String> = all.difference(&visible).collect();
    assert!(
        nowhere.is_empty(),
        "URLs the sweep visits that answer 404 to every viewer: {nowhere:?}"
    );
    assert!(
        all.len() > 20,
        "the table names the audit's routes: {all:?}"
    );
    assert!(
        leaks.is_empty(),
        "before reveal, sentinels reached others:\n{}",
        leaks.join("\n")
    );
    assert!(
        wrong.is_empty(),
        "answers differ from the route table:\n{}",
        wrong.join("\n")
    );

    let (client, _) = sessions.of(rater).await;
    let (own, _) = sweep(app, &client, Viewer::Member, &target, &sentinels.both()).await;
    for sentinel in sentinels.both() {
        assert!(
            own.iter().any(|f| f.ends_with(sentinel)),
            "the rater {rater} should see their own {sentinel} somewhere; found {own:?}"
        );
    }
}

/// The raters of audit `nr` who have not rated anything yet.
async fn not_started(app: &TestApp, audit: &Audit) -> Vec<String> {
    let ratings = store::export::export_audit(app.db.db(), &audit.nr)
        .await
        .unwrap()
        .ratings;
    audit
        .raters()
        .map(|m| m.username.to_string())
        .filter(|u| !ratings.iter().any(|r| r.rating.rater.as_str() == u))
        .collect()
}

#[tokio::test]
async fn before_reveal_no_answer_carries_a_sentinel_planted_in_one_raters_rating() {
    on_each_engine(async |app| {
        let db = app.db.db();
        let mut sessions = Sessions::new(app);

        // The demo's 25.1: revealed at the meeting, other panelists half-way.
        let nr: AuditNr = "25.1".parse().unwrap();
        let audit = store::audits::get_audit(db, &nr).await.unwrap();
        assert_eq!(audit.reveal_rule, Afsloeringsregel::VedMoedet);
        let target = Target::load(app, "25.1").await;
        let rater = not_started(app, &audit)
            .await
            .into_iter()
            .find(|u| *u != target.member)
            .expect("25.1 has a panelist who has not started");
        let (client, _) = sessions.of(&rater).await;
        let (first, second) = (&audit.materials[0].id, &audit.materials[1].id);
        let sentinels = plant(app, &client, &audit, first, second).await;
        assert_blind(app, &mut sessions, "25.1", &rater, &sentinels, &[]).await;

        // The same under the other rule, on a fresh copy in which a second panelist submits the same
        // material: they may then read the submitted sentinel (the rule), still never the draft.
        planning_copy(app, "26.2", "25.1", Afsloeringsregel::EfterEgenIndsendelse).await;
        let koordinator: audit::Username = "koordinator".parse().unwrap();
        let copy_nr: AuditNr = "26.2".parse().unwrap();
        store::audits::transition_audit(
            db,
            &copy_nr,
            WorkflowState::Vurdering,
            None,
            &koordinator,
            NOW.date(),
            NOW,
        )
        .await
        .unwrap();
        let copy = store::audits::get_audit(db, &copy_nr).await.unwrap();
        let target = Target::load(app, "26.2").await;
        let others: Vec<String> = copy
            .raters()
            .map(|m| m.username.to_string())
            .filter(|u| *u != target.member)
            .collect();
        let (rater, peer) = (&others[0], &others[1]);
        let (client, _) = sessions.of(rater).await;
        let sentinels = plant(app, &client, &copy, first, second).await;
        assert_blind(
            app,
            &mut sessions,
            "26.2",
            rater,
            &sentinels,
            &[peer.as_str()],
        )
        .await;

        let (peer_client, _) = sessions.of(peer).await;
        let theirs: Vec<_> = scale_units(&copy, first)
            .iter()
            .map(|u| answer(&copy, u, "Egen vurdering."))
            .collect();
        post_ratings(
            app,
            &peer_client,
            "26.2",
            json!({"ratings": theirs, "submit": true}),
        )
        .await;
        let target = Target::load(app, "26.2").await;
        let (seen, _) = sweep(
            app,
            &peer_client,
            Viewer::Member,
            &target,
            &sentinels.both(),
        )
        .await;
        assert!(
            seen.iter().any(|f| f.ends_with(&sentinels.submitted)),
            "after submitting the material, {peer} reads the others' ratings of it"
        );
        assert!(
            !seen.iter().any(|f| f.ends_with(&sentinels.draft)),
            "a draft is never shown to anyone but its author: {seen:?}"
        );
    })
    .await;
}
