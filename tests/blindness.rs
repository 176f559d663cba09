//! Blindness as a security boundary: before reveal, no page, export, API answer or error message reachable
//! by anyone may carry another rater's rating of the ongoing demo audit 25.1 — and after reveal the panel
//! and the koordinator do see them.
//!
//! The check does not list routes by hand, so that routes added later are covered too: for every kind of
//! viewer it crawls every same-site link reachable from the start page, the audit page and a list of known
//! entry points (pages, API, exports), and searches every answer, whatever its status, for the reasons
//! (begrundelser) that other raters wrote. The synthetic demo reasons are sentences specific to a rating,
//! so finding one means a value leaked with it. The API's rating list is also checked field by field.

use std::collections::{BTreeSet, VecDeque};

use audit::{Round, WorkflowState};
use reqwest::{Client, StatusCode};
use store::export::ExportedRating;

use crate::helpers::{NOW, TestApp, on_each_engine};

/// Entry points besides the links found on pages: routes that may not be linked from anywhere a given
/// viewer can reach, tried directly. Every one exists: the koordinator gets an answer other than 404 from
/// each (checked below), so that a route the crawl relies on cannot silently disappear or be misspelt.
const ENTRY_POINTS: &[&str] = &[
    "/",
    "/audits/25.1",
    "/audits/25.1/bedoemmelse",
    // The "Indsend" confirmation shows the viewer's own drafts, and the reveal confirmation names who
    // has not submitted: counts and names, never a value.
    "/audits/25.1/bedoemmelse/indsend?runde=1",
    "/audits/25.1/bedoemmelse/indsend?runde=2",
    "/audits/25.1/reveal",
    "/audits/25.1/enighed",
    "/audits/25.1/mig",
    "/audits/25.1/rapport",
    "/audits/25.1/rapport/versioner",
    "/audits/25.1/rapport/hoering",
    "/audits/25.1/droeftelser",
    "/audits/25.1/sagsforloeb",
    "/audits/25.1/rapport/eksport/bedoemmelser.csv",
    "/audits/25.1/rapport/eksport/kodebog.csv",
    "/audits/25.1/rapport/eksport/enighed.csv",
    "/audits/25.1/rapport/eksport/opfoelgningsplan.csv",
    "/audits/25.1/rapport/eksport/auditpanel-25.1.xlsx",
    NOT_FOUND_ON_PURPOSE,
    "/api/v1/audits",
    "/api/v1/audits/25.1",
    "/api/v1/audits/25.1/ratings",
    "/api/v1/audits/25.1/agreement",
    "/api/v1/audits/25.1/progress",
    "/api/v1/audits/25.1/rapport.html",
    "/api/v1/audits/25.1/eksport/bedoemmelser.csv",
    "/api/v1/audits/25.1/eksport/auditpanel-25.1.xlsx",
    "/opfoelgning",
    "/opfoelgning.csv",
    "/indbakke",
];

/// The one entry point that does not exist, on purpose: its 404 page must not leak either.
const NOT_FOUND_ON_PURPOSE: &str = "/audits/25.1/findes-ikke";

/// The exports among the entry points: refused before reveal, and there for the koordinator after.
const EXPORTS: &[&str] = &[
    "/audits/25.1/rapport/eksport/bedoemmelser.csv",
    "/audits/25.1/rapport/eksport/kodebog.csv",
    "/audits/25.1/rapport/eksport/enighed.csv",
    "/audits/25.1/rapport/eksport/opfoelgningsplan.csv",
    "/audits/25.1/rapport/eksport/auditpanel-25.1.xlsx",
    "/api/v1/audits/25.1/eksport/bedoemmelser.csv",
    "/api/v1/audits/25.1/eksport/auditpanel-25.1.xlsx",
];

/// At most this many answers per viewer: enough for every page of the demo, and a guard against loops.
const MAX_PAGES: usize = 400;

/// The ratings of 25.1 as stored (both rounds, drafts included).
async fn stored_ratings(app: &TestApp) -> Vec<ExportedRating> {
    ratings_of(app, "25.1").await
}

async fn ratings_of(app: &TestApp, nr: &str) -> Vec<ExportedRating> {
    let nr: audit::AuditNr = nr.parse().unwrap();
    store::export::export_audit(app.db.db(), &nr)
        .await
        .unwrap()
        .ratings
}

/// Reason texts that also occur in the other demo audits, which some viewers may legitimately see there
/// (generic sentences such as "Kan ikke vurderes ud fra materialet.").
async fn reasons_elsewhere(app: &TestApp) -> BTreeSet<String> {
    let mut texts = BTreeSet::new();
    for nr in ["19.1", "19.2", "20.1", "25.2"] {
        texts.extend(
            ratings_of(app, nr)
                .await
                .into_iter()
                .map(|r| r.rating.reason.trim().to_owned()),
        );
    }
    texts
}

/// Reasons that `viewer` must not see before reveal: every reason written by someone else, except texts
/// that the viewer also wrote themselves or that occur in other audits (a coincidence of wording is not a
/// leak) and short ones.
fn forbidden_reasons(
    ratings: &[ExportedRating],
    viewer: &str,
    elsewhere: &BTreeSet<String>,
) -> BTreeSet<String> {
    let own: BTreeSet<&str> = ratings
        .iter()
        .filter(|r| r.rating.rater.as_str() == viewer)
        .map(|r| r.rating.reason.trim())
        .collect();
    ratings
        .iter()
        .filter(|r| r.rating.rater.as_str() != viewer)
        .map(|r| r.rating.reason.trim())
        .filter(|reason| {
            reason.chars().count() >= 20 && !own.contains(reason) && !elsewhere.contains(*reason)
        })
        .map(str::to_owned)
        .collect()
}

/// Same-site links in a page: `href` and `src` values that start with `/`, without fragments, skipping
/// logout and the static assets.
pub(crate) fn links(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\"", "action=\""] {
        let mut rest = body;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let Some(end) = rest.find('"') else { break };
            let link = rest[..end].replace("&amp;", "&");
            let link = link.split('#').next().unwrap_or_default().to_owned();
            if link.starts_with('/')
                && !link.starts_with("//")
                && !link.contains("logout")
                && !link.starts_with("/assets")
            {
                found.push(link);
            }
        }
    }
    found
}

/// Crawls everything `client` can reach from the entry points and returns (path, status, body) of each
/// answer.
async fn crawl(app: &TestApp, client: &Client) -> Vec<(String, StatusCode, String)> {
    let mut queue: VecDeque<String> = ENTRY_POINTS.iter().map(|p| (*p).to_owned()).collect();
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut answers = Vec::new();
    while let Some(path) = queue.pop_front() {
        if answers.len() >= MAX_PAGES {
            break;
        }
        let response = client.get(app.url(&path)).send().await.unwrap();
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        for link in links(&body) {
            if seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        answers.push((path, status, body));
    }
    answers
}

/// Asserts that the koordinator, who may open every route of 25.1, got an answer other than 404 from every
/// entry point and every link the crawl found (but the one missing on purpose): the crawl visited only
/// URLs that exist, so a clean result means something.
fn assert_all_exist(answers: &[(String, StatusCode, String)]) {
    for entry in ENTRY_POINTS {
        assert!(
            answers.iter().any(|(path, _, _)| path == entry),
            "the crawl never reached {entry}"
        );
    }
    let missing: Vec<&str> = answers
        .iter()
        .filter(|(path, status, _)| {
            *status == StatusCode::NOT_FOUND && path != NOT_FOUND_ON_PURPOSE
        })
        .map(|(path, _, _)| path.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "the koordinator gets 404 from URLs the blindness crawl visits: {missing:?}"
    );
    let on_purpose = answers
        .iter()
        .find(|(path, _, _)| path == NOT_FOUND_ON_PURPOSE);
    assert_eq!(
        on_purpose.map(|(_, status, _)| *status),
        Some(StatusCode::NOT_FOUND)
    );
}

/// The status of `path` among `answers`.
fn status_of(answers: &[(String, StatusCode, String)], path: &str) -> StatusCode {
    answers
        .iter()
        .find(|(p, _, _)| p == path)
        .map(|(_, status, _)| *status)
        .unwrap_or_else(|| panic!("the crawl never reached {path}"))
}

/// Asserts that none of `answers` contains any of `forbidden`, naming the page and the text on failure.
fn assert_no_leak(
    viewer: &str,
    answers: &[(String, StatusCode, String)],
    forbidden: &BTreeSet<String>,
) {
    for (path, status, body) in answers {
        for reason in forbidden {
            assert!(
                !body.contains(reason.as_str()),
                "{viewer} sees another rater's reason on {path} ({status}): »{reason}«"
            );
        }
    }
}

/// The raters of 25.1 in the API's rating list, when the route exists.
async fn api_raters(app: &TestApp, client: &Client) -> Option<BTreeSet<String>> {
    let response = client
        .get(app.url("/api/v1/audits/25.1/ratings"))
        .send()
        .await
        .unwrap();
    if response.status() != StatusCode::OK {
        return None;
    }
    let json: serde_json::Value = response.json().await.unwrap();
    Some(
        json["ratings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["rater"].as_str().unwrap().to_owned())
            .collect(),
    )
}

#[tokio::test]
async fn before_reveal_no_route_leaks_another_raters_rating() {
    on_each_engine(async |app| {
        let ratings = stored_ratings(app).await;
        let elsewhere = reasons_elsewhere(app).await;
        let submitted_rater = ratings
            .iter()
            .find(|r| r.rating.is_submitted() && r.rating.round == Round::First)
            .map(|r| r.rating.rater.to_string())
            .expect("25.1 has a panelist who submitted");
        let drafting_rater = ratings
            .iter()
            .find(|r| !r.rating.is_submitted())
            .map(|r| r.rating.rater.to_string())
            .expect("25.1 has a panelist with a draft");
        // hovedstaden-2 does not sit on 25.1 (see tests/audits.rs).
        let viewers = [
            "koordinator",
            submitted_rater.as_str(),
            drafting_rater.as_str(),
            "hovedstaden-2",
            "laeser",
            "tilsynskontakt-midt",
        ];
        for viewer in viewers {
            let client = app.login_as(viewer).await;
            let answers = crawl(app, &client).await;
            assert!(
                answers.len() >= ENTRY_POINTS.len(),
                "{viewer}: the crawl reached too little"
            );
            if viewer == "koordinator" {
                assert_all_exist(&answers);
                // Before reveal the exports are refused (403), not missing.
                for export in EXPORTS {
                    assert_eq!(
                        status_of(&answers, export),
                        StatusCode::FORBIDDEN,
                        "{export}"
                    );
                }
            }
            let forbidden = forbidden_reasons(&ratings, viewer, &elsewhere);
            assert!(
                forbidden.len() > 50,
                "the demo's 25.1 has many reasons to look for"
            );
            assert_no_leak(viewer, &answers, &forbidden);
            if let Some(raters) = api_raters(app, &client).await {
                assert!(
                    raters.iter().all(|r| r == viewer),
                    "{viewer} gets others' ratings from the API before reveal: {raters:?}"
                );
            }
        }
        // Not logged in at all: nothing either.
        let anonymous = crate::helpers::client();
        assert_no_leak(
            "anonymous",
            &crawl(app, &anonymous).await,
            &forbidden_reasons(&ratings, "", &elsewhere),
        );
    })
    .await;
}
#[tokio::test]
async fn after_reveal_the_panel_and_the_koordinator_see_the_ratings_and_outsiders_still_do_not() {
    on_each_engine(async |app| {
        let nr: audit::AuditNr = "25.1".parse().unwrap();
        let koordinator: audit::Username = "koordinator".parse().unwrap();
        store::audits::transition_audit(
            app.db.db(),
            &nr,
            WorkflowState::Droeftelse,
            None,
            &koordinator,
            NOW.date(),
            NOW,
        )
        .await
        .unwrap();
        let ratings = stored_ratings(app).await;
        let elsewhere = reasons_elsewhere(app).await;
        let submitted_raters: BTreeSet<String> = ratings
            .iter()
            .filter(|r| r.rating.is_submitted() && r.rating.round == Round::First)
            .map(|r| r.rating.rater.to_string())
            .collect();
        assert!(
            submitted_raters.len() >= 2,
            "the demo has several submitters"
        );

        // Outsiders still see nothing of the ratings.
        for viewer in ["hovedstaden-2", "laeser", "tilsynskontakt-midt"] {
            let client = app.login_as(viewer).await;
            assert_no_leak(
                viewer,
                &crawl(app, &client).await,
                &forbidden_reasons(&ratings, viewer, &elsewhere),
            );
        }

        // The koordinator and a panelist now see every submitted rater in the API.
        let panelist = submitted_raters.iter().next().unwrap().clone();
        for viewer in ["koordinator", panelist.as_str()] {
            let client = app.login_as(viewer).await;
            let raters = api_raters(app, &client)
                .await
                .expect("the ratings API answers after reveal");
            assert!(
                submitted_raters.is_subset(&raters),
                "{viewer} should see every submitted rater after reveal; sees {raters:?}"
            );
            // And some page shows another rater's submitted reason.
            let answers = crawl(app, &client).await;
            if viewer == "koordinator" {
                assert_all_exist(&answers);
                // After reveal the koordinator downloads every export.
                for export in EXPORTS {
                    assert_eq!(status_of(&answers, export), StatusCode::OK, "{export}");
                }
            }
            let others_submitted: BTreeSet<&str> = ratings
                .iter()
                .filter(|r| r.rating.is_submitted() && r.rating.rater.as_str() != viewer)
                .map(|r| r.rating.reason.trim())
                .filter(|r| r.chars().count() >= 20)
                .collect();
            assert!(
                answers
                    .iter()
                    .any(|(_, _, body)| others_submitted.iter().any(|r| body.contains(r))),
                "{viewer} sees no other rater's reason on any page after reveal"
            );
        }
    })
    .await;
}
