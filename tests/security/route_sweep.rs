//! The route sweep: every route of the table (`route_table::ROUTES`) × every kind of viewer × every
//! workflow state, against the one table of expected answers. GETs must answer exactly what the table
//! says; POSTs are sent by every viewer the table refuses, with that viewer's own CSRF token, and must be
//! refused (403, 404 for what the viewer may not know exists, the login redirect or 401 without a
//! session) and change nothing in the database.
//!
//! The demo holds audits in vurdering (25.1), drøftelse (25.2, its report an unpublished draft) and
//! opfølgning (19.1, 20.1, their reports published by the demo); the sweep adds one in planlægning (a
//! copy of 25.1 as 26.1), and then moves 25.2 on through rapport, opfølgning and afsluttet, sweeping it
//! in each.

use std::collections::{BTreeMap, BTreeSet};

use audit::{AuditNr, ItemKind, Role, WorkflowState};
use reqwest::{Client, StatusCode};
use store::export::ExportDocument;

use super::route_table::{Facts, Method, ROUTES, Route, Status, Viewer};
use crate::helpers::{NOW, TestApp, client, csrf_token, get, on_each_engine};

/// The values that fill a route's parameters for one audit; `None` where the audit has no such thing.
#[derive(Debug, Default)]
pub(crate) struct Params {
    /// A material item with a stored file.
    pub(crate) material: Option<String>,
    /// A follow-up action of the audit.
    pub(crate) action: Option<String>,
    /// An evidence file of that action.
    pub(crate) evidence: Option<i64>,
    /// A discussion topic key (`indikator:8.a`).
    pub(crate) emne: Option<String>,
    /// The key of a discussion already written (the report editor edits only those).
    pub(crate) written_emne: Option<String>,
    /// The latest published version.
    pub(crate) version: Option<i32>,
}

/// One audit as the sweep sees it: its number, the facts that decide answers, who is a member and who
/// an outsider, and the parameter values.
#[derive(Debug)]
pub(crate) struct Target {
    /// The audit number.
    pub(crate) nr: String,
    /// State and publication.
    pub(crate) facts: Facts,
    /// A rating panelist on its panel.
    pub(crate) member: String,
    /// A panelist not on its panel.
    pub(crate) outsider: String,
    /// Values for the other path parameters.
    pub(crate) params: Params,
}

impl Target {
    /// Reads audit `nr` from the store.
    pub(crate) async fn load(app: &TestApp, nr: &str) -> Target {
        let audit_nr: AuditNr = nr.parse().unwrap();
        let db = app.db.db();
        let audit = store::audits::get_audit(db, &audit_nr).await.unwrap();
        let published = store::reports::published_reports(db, &audit_nr)
            .await
            .unwrap();
        let member = audit
            .raters()
            .next()
            .expect("the audit has a rater")
            .username
            .to_string();
        let outsider = store::users::list_users(db)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.role == Role::Panelist && audit.member(&u.username).is_none())
            .expect("a panelist outside the panel")
            .username
            .to_string();
        let material = store::files::material_files(db, &audit_nr)
            .await
            .unwrap()
            .first()
            .map(|f| f.material.to_string());
        let actions = store::follow_up_tracking::tracked_actions(db, &audit_nr)
            .await
            .unwrap();
        let action = actions.first().map(|a| a.sporet.tiltag.id.clone());
        let action_for_contact = actions
            .first()
            .is_some_and(|a| a.sporet.tiltag.tilsyn().contains(&audit::Tilsyn::Midt));
        let evidence = actions
            .first()
            .and_then(|a| a.evidence.first())
            .map(|e| e.id);
        let emne = audit
            .forms
            .iter()
            .flat_map(|f| &f.items)
            .find_map(|item| match &item.kind {
                ItemKind::Indikator { indikator } => Some(format!("indikator:{indikator}")),
                _ => None,
            });
        let scale_ratings = store::export::export_audit(db, &audit_nr)
            .await
            .unwrap()
            .ratings
            .iter()
            .any(|r| {
                r.rating.is_submitted()
                    && r.rating.round == audit::Round::First
                    && matches!(r.rating.value, Some(audit::RatingValue::Score(_)))
            });
        let written_emne = store::report_content::discussions(db, &audit_nr)
            .await
            .unwrap()
            .first()
            .map(|d| store::report_content::emne_key(&d.value.emne));
        Target {
            nr: nr.to_owned(),
            facts: Facts {
                state: audit.state,
                published: !published.is_empty(),
                scale_ratings,
                action_for_contact,
                contact_took_part: audit.panel.iter().any(|m| m.tilsyn == audit::Tilsyn::Midt),
            },
            member,
            outsider,
            params: Params {
                material,
                action,
                evidence,
                emne,
                written_emne,
                version: published.last().map(|p| p.version),
            },
        }
    }

    /// The URLs of `route` for this audit (several for the exports), or `None` when the audit has
    /// nothing to fill a parameter with.
    pub(crate) fn urls(&self, route: &Route) -> Option<Vec<String>> {
        let mut path = route.pattern.replace("{nr}", &self.nr);
        let p = &self.params;
        let fill = |path: &mut String, name: &str, value: Option<String>| -> Option<()> {
            if path.contains(name) {
                *path = path.replace(name, &value?);
            }
            Some(())
        };
        if path.starts_with("/opfoelgning/") {
            fill(&mut path, "{id}", p.action.clone())?;
        } else {
            fill(&mut path, "{id}", p.material.clone())?;
        }
        fill(&mut path, "{bilag}", p.evidence.map(|e| e.to_string()))?;
        fill(&mut path, "{emne}", p.emne.clone())?;
        // The editor's forms name what they edit in the query.
        if path.ends_with("/rapport/rediger/droeftelse") {
            path = format!("{path}?emne={}", p.written_emne.clone()?);
        }
        fill(&mut path, "{n}", p.version.map(|v| v.to_string()))?;
        if path.contains("{fil}") {
            let files = [
                "bedoemmelser.csv".to_owned(),
                "kodebog.csv".to_owned(),
                "enighed.csv".to_owned(),
                "opfoelgningsplan.csv".to_owned(),
                format!("auditpanel-{}.xlsx", self.nr),
            ];
            return Some(files.iter().map(|f| path.replace("{fil}", f)).collect());
        }
        Some(vec![path])
    }
}

/// The URLs of a route that names no audit.
pub(crate) fn global_urls(route: &Route) -> Vec<String> {
    if route.pattern == "/assets/{name}" {
        return ["style.css", "print.css", "favicon.svg"]
            .iter()
            .map(|name| format!("/assets/{name}"))
            .collect();
    }
    vec![route.pattern.to_owned()]
}

/// A logged-in client per username, made once.
pub(crate) struct Sessions<'a> {
    app: &'a TestApp,
    clients: BTreeMap<String, (Client, String)>,
    anonymous: Client,
}

impl<'a> Sessions<'a> {
    /// No sessions yet.
    pub(crate) fn new(app: &'a TestApp) -> Sessions<'a> {
        Sessions {
            app,
            clients: BTreeMap::new(),
            anonymous: client(),
        }
    }

    /// The client of `username` (logged in on first use) and its CSRF token.
    pub(crate) async fn of(&mut self, username: &str) -> (Client, String) {
        if !self.clients.contains_key(username) {
            let client = self.app.login_as(username).await;
            let (status, home) = get(&client, &self.app.url("/")).await;
            assert_eq!(status, StatusCode::OK);
            let token = csrf_token(&home);
            self.clients.insert(username.to_owned(), (client, token));
        }
        self.clients[username].clone()
    }

    /// The client of `viewer` for `target` (`None` for anonymous: no client is logged in), with its
    /// CSRF token (empty for anonymous).
    pub(crate) async fn viewer(
        &mut self,
        viewer: Viewer,
        target: Option<&Target>,
    ) -> (Client, String) {
        let username = match viewer {
            Viewer::Anonymous => return (self.anonymous.clone(), String::new()),
            Viewer::Koordinator => "koordinator".to_owned(),
            Viewer::Tilsynskontakt => "tilsynskontakt-midt".to_owned(),
            Viewer::Laeser => "laeser".to_owned(),
            Viewer::Member => target.map_or("midt-1".to_owned(), |t| t.member.clone()),
            Viewer::Outsider => target.map_or("hovedstaden-2".to_owned(), |t| t.outsider.clone()),
        };
        self.of(&username).await
    }
}

/// Everything the database holds that a refused write could change: every audit's full export and
/// the row count of every table but the sessions' and logins'.
async fn fingerprint(app: &TestApp) -> (Vec<ExportDocument>, Vec<(&'static str, i64)>) {
    let db = app.db.db();
    let mut documents = Vec::new();
    for audit in store::audits::list_audits(db).await.unwrap() {
        documents.push(store::export::export_audit(db, &audit.nr).await.unwrap());
    }
    let mut counts = Vec::new();
    for table in [
        "api_tokens",
        "audits",
        "blobs",
        "compliance_samples",
        "events",
        "follow_up_actions",
        "follow_up_events",
        "follow_up_evidence",
        "form_items",
        "materials",
        "panel_members",
        "ratings",
        "rating_forms",
        "reminders",
        "report_snapshots",
        "users",
        "user_emails",
    ] {
        counts.push((table, app.count(table).await));
    }
    (documents, counts)
}

/// A POST to `route` with a body of the right shape, so that the answer is the access rule's and not
/// the parser's: JSON for the API, a multipart form for the uploads, a URL-encoded form otherwise, with
/// the viewer's CSRF token.
fn post_request(client: &Client, url: &str, route: &Route, csrf: &str) -> reqwest::RequestBuilder {
    let request = client.post(url);
    let json = |body: &str| {
        client
            .post(url)
            .header("content-type", "application/json")
            .body(body.to_owned())
    };
    match route.pattern {
        "/api/v1/audits/{nr}/ratings" => json(r#"{"ratings": [], "submit": false}"#),
        "/api/v1/audits/{nr}/transition" => json(r#"{"to": "droeftelse"}"#),
        _ if route.is_api() => json("{}"),
        "/opfoelgning/{nr}/{id}/rapport"
        | "/audits/{nr}/material"
        | "/audits/{nr}/material/{id}/file" => {
            let form = reqwest::multipart::Form::new()
                .text("_csrf", csrf.to_owned())
                .text("tekst", "Gennemført.")
                .part(
                    "bilag",
                    reqwest::multipart::Part::bytes(b"bilag".to_vec()).file_name("bilag.txt"),
                );
            client.post(url).multipart(form)
        }
        "/opfoelgning/{nr}/{id}/haendelse" => {
            request.form(&[("_csrf", csrf), ("haendelse", "kvitter")])
        }
        _ => request.form(&[("_csrf", csrf)]),
    }
}

/// The answer a refused POST must get.
fn refusal(route: &Route, viewer: Viewer, facts: Facts) -> Status {
    if viewer == Viewer::Anonymous {
        // Without a session there is no CSRF token to match: the CSRF check refuses every page form.
        return if route.is_api() { 401 } else { 403 };
    }
    let hidden = matches!(route.access, super::route_table::Access::FollowUpAction)
        && route.access.get(viewer, facts, false) == 404;
    if hidden { 404 } else { 403 }
}

/// The sweep's findings: answers that differ from the table, and which routes it reached.
#[derive(Default)]
struct Findings {
    mismatches: Vec<String>,
    /// GET routes for which some viewer was expected (and checked) to get 200.
    granted: BTreeSet<&'static str>,
    /// POST routes for which some refusal was checked.
    refused: BTreeSet<&'static str>,
    /// Every state an audit was swept in.
    states: BTreeSet<&'static str>,
}

impl Findings {
    /// Sends `route`'s URLs of `target` (or the global ones) as every viewer and records what differs.
    async fn sweep(&mut self, app: &TestApp, sessions: &mut Sessions<'_>, target: Option<&Target>) {
        if let Some(t) = target {
            self.states.insert(t.facts.state.id());
        }
        let facts = target.map_or(
            Facts {
                state: WorkflowState::Planlaegning,
                published: false,
                scale_ratings: false,
                action_for_contact: false,
                contact_took_part: false,
            },
            |t| t.facts,
        );
        let before = fingerprint(app).await;
        for route in ROUTES
            .iter()
            .filter(|r| r.names_audit() == target.is_some())
        {
            let urls = match target {
                Some(t) => match t.urls(route) {
                    Some(urls) => urls,
                    None => continue,
                },
                None => global_urls(route),
            };
            for viewer in Viewer::ALL {
                let (client, csrf) = sessions.viewer(viewer, target).await;
                for url in &urls {
                    let (expected, response) = match route.method {
                        Method::Get => (
                            route.access.get(viewer, facts, route.is_api()),
                            client.get(app.url(url)).send().await.unwrap(),
                        ),
                        Method::Post => {
                            if !route.access.refuses(viewer, facts) || route.pattern == "/logout" {
                                continue;
                            }
                            let request = post_request(&client, &app.url(url), route, &csrf);
                            (refusal(route, viewer, facts), request.send().await.unwrap())
                        }
                    };
                    let got = response.status().as_u16();
                    let is_html = response
                        .headers()
                        .get("content-type")
                        .is_some_and(|v| v.to_str().unwrap_or_default().starts_with("text/html"));
                    if route.method == Method::Get && got == 200 && is_html {
                        // The CSRF token never rides in a URL (a form's `action`, a link): it would
                        // reach logs, history and `Referer` headers.
                        let page = response.text().await.unwrap();
                        if page.contains("_csrf=") {
                            self.mismatches.push(format!(
                                "GET {url} as {viewer:?}: `_csrf=` in the page's HTML"
                            ));
                        }
                    }
                    if got == expected {
                        match (route.method, got) {
                            (Method::Get, 200) => {
                                self.granted.insert(route.pattern);
                            }
                            (Method::Post, _) => {
                                self.refused.insert(route.pattern);
                            }
                            _ => {}
                        }
                    } else {
                        let state = target.map_or("-", |t| t.facts.state.id());
                        self.mismatches.push(format!(
                            "{:?} {url} as {viewer:?} ({state}, published: {}): expected {expected}, got {got}",
                            route.method, facts.published
                        ));
                    }
                }
            }
        }
        let after = fingerprint(app).await;
        if before != after {
            self.mismatches.push(format!(
                "a refused write changed the database while sweeping {}",
                target.map_or("the global routes", |t| t.nr.as_str())
            ));
        }
    }
}

/// Creates audit `nr` in planlægning as a copy of `from` (panel, material, forms, a small text file
/// per material item, no ratings) under `reveal_rule`, so that the sweeps have an audit before rating has
/// begun.
pub(crate) async fn planning_copy(
    app: &TestApp,
    nr: &str,
    from: &str,
    reveal_rule: audit::Afsloeringsregel,
) {
    let db = app.db.db();
    let koordinator: audit::Username = "koordinator".parse().unwrap();
    let mut copy = store::audits::get_audit(db, &from.parse().unwrap())
        .await
        .unwrap();
    copy.nr = nr.parse().unwrap();
    copy.state = WorkflowState::Planlaegning;
    copy.reveal_rule = reveal_rule;
    store::audits::create_audit(db, &copy, &koordinator, NOW)
        .await
        .unwrap();
    // The demo's material has no files; the copy gets one, so that the file routes are swept.
    for material in &copy.materials {
        let file = store::files::NewFile {
            file_name: format!("{}.txt", material.id),
            media_type: "text/plain".to_owned(),
            bytes: format!("Auditmateriale {} (testfil).", material.id).into_bytes(),
        };
        store::material_upload::replace_material_file(
            db,
            &copy.nr,
            &material.id,
            &file,
            &[],
            &koordinator,
            NOW,
        )
        .await
        .unwrap();
    }
}

/// Publishes audit `nr`'s report the way the koordinator does, by the button.
pub(crate) async fn publish(app: &TestApp, koordinator: &Client, nr: &str) {
    let (status, page) = get(koordinator, &app.url(&format!("/audits/{nr}/rapport"))).await;
    assert_eq!(status, StatusCode::OK);
    let response = koordinator
        .post(app.url(&format!("/audits/{nr}/rapport/offentliggoer")))
        .form(&[("_csrf", csrf_token(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "publishing {nr}: {}",
        response.text().await.unwrap_or_default()
    );
}

/// Moves audit `nr` to `to` as the koordinator, through the store's checked transition.
async fn transition(app: &TestApp, nr: &str, to: WorkflowState) {
    store::audits::transition_audit(
        app.db.db(),
        &nr.parse().unwrap(),
        to,
        None,
        &"koordinator".parse().unwrap(),
        NOW.date(),
        NOW,
    )
    .await
    .unwrap_or_else(|e| panic!("{nr} → {to}: {e}"));
}

#[tokio::test]
async fn every_route_answers_every_viewer_in_every_state_as_the_table_says() {
    on_each_engine(async |app| {
        let mut sessions = Sessions::new(app);
        let (koordinator, _) = sessions.of("koordinator").await;
        planning_copy(app, "26.1", "25.1", audit::Afsloeringsregel::VedMoedet).await;

        let mut findings = Findings::default();
        findings.sweep(app, &mut sessions, None).await;
        for nr in ["26.1", "25.1", "25.2", "19.1", "20.1"] {
            let target = Target::load(app, nr).await;
            findings.sweep(app, &mut sessions, Some(&target)).await;
        }
        // The states the demo does not hold, on 25.2: rapport (unpublished), then published and on.
        transition(app, "25.2", WorkflowState::Rapport).await;
        findings
            .sweep(app, &mut sessions, Some(&Target::load(app, "25.2").await))
            .await;
        publish(app, &koordinator, "25.2").await;
        transition(app, "25.2", WorkflowState::Opfoelgning).await;
        findings
            .sweep(app, &mut sessions, Some(&Target::load(app, "25.2").await))
            .await;

        assert!(
            findings.mismatches.is_empty(),
            "{} answers differ from tests/security/route_table.rs:\n{}",
            findings.mismatches.len(),
            findings.mismatches.join("\n")
        );
        let states: BTreeSet<&str> = findings.states.iter().copied().collect();
        assert_eq!(
            states,
            BTreeSet::from([
                "droeftelse",
                "opfoelgning",
                "planlaegning",
                "rapport",
                "vurdering"
            ]),
            "the sweep covers every state an audit is worked on in"
        );
        // Every route was reached: each GET granted to someone (so its URL exists), each POST refused.
        for route in ROUTES {
            let reached = match route.method {
                Method::Get => findings.granted.contains(route.pattern),
                Method::Post => findings.refused.contains(route.pattern),
            };
            // Logging in and out refuse no one; the feed answers only its token (tests/security/
            // tokens.rs); the demo has no evidence files (tests/security/followup_visibility.rs).
            let exempt = matches!(route.pattern, "/login" | "/logout" | "/opfoelgning.ics")
                || route.pattern.contains("{bilag}");
            assert!(
                reached || exempt,
                "the sweep never reached {:?} {} with an expected answer",
                route.method,
                route.pattern
            );
        }
    })
    .await;
}
