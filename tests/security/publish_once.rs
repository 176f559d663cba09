//! Security regression tests: publish_once (see `tests/security.rs`).
//!
//! Hole 9 of the trust issue: six simultaneous "Offentliggør" made six published versions of the same
//! draft. Publishing is idempotent per draft state: the store compares the draft's fingerprint with
//! the latest published version's inside the transaction that holds the audit's row, so simultaneous
//! requests make exactly one version and the others answer "allerede offentliggjort".

use reqwest::{Client, StatusCode, header};

use crate::helpers::{TestApp, csrf_token, get, on_each_engine};

/// Sends "Offentliggør" for `nr` as `k` with `csrf`: status, `Location` and body.
async fn publish(
    app: &TestApp,
    k: &Client,
    csrf: &str,
    nr: &str,
) -> (StatusCode, Option<String>, String) {
    let response = k
        .post(app.url(&format!("/audits/{nr}/rapport/offentliggoer")))
        .form(&[("_csrf", csrf)])
        .send()
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, response.text().await.unwrap())
}

/// Whether an answer to "Offentliggør" is the new version or the clear Danish "already published".
fn published_or_already(
    status: StatusCode,
    location: Option<&str>,
    body: &str,
    version: i32,
) -> bool {
    let path = format!("/audits/25.2/rapport/v/{version}");
    match status {
        StatusCode::SEE_OTHER => location == Some(path.as_str()),
        StatusCode::OK => {
            body.contains("allerede offentliggjort") && body.contains(&format!("version {version}"))
        }
        _ => false,
    }
}

/// Six simultaneous publications of one draft make exactly one version; every answer is that version
/// or "allerede offentliggjort", never a 500. Publishing the unchanged draft again makes none; a
/// changed draft makes the next.
#[tokio::test]
async fn simultaneous_publications_of_one_draft_make_one_version() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (status, draft) = get(&k, &app.url("/audits/25.2/rapport")).await;
        assert_eq!(status, StatusCode::OK);
        let csrf = csrf_token(&draft);
        let snapshots = app.count("report_snapshots").await;
        let events = app.count("events").await;

        let answers =
            futures_util::future::join_all((0..6).map(|_| publish(app, &k, &csrf, "25.2"))).await;
        for (status, location, body) in &answers {
            assert!(
                published_or_already(*status, location.as_deref(), body, 1),
                "{status} {location:?}: {body}"
            );
        }
        assert_eq!(
            answers
                .iter()
                .filter(|(s, _, _)| *s == StatusCode::SEE_OTHER)
                .count(),
            1,
            "one request published, the others were told"
        );
        assert_eq!(
            app.count("report_snapshots").await,
            snapshots + 1,
            "exactly one version"
        );
        assert_eq!(
            app.count("events").await,
            events + 1,
            "one report_published event"
        );

        // Again, later, with nothing changed: no new version.
        let (status, location, body) = publish(app, &k, &csrf, "25.2").await;
        assert_eq!(status, StatusCode::OK, "{location:?} {body}");
        assert!(
            body.contains("Kladden er allerede offentliggjort som version 1"),
            "{body}"
        );
        assert_eq!(app.count("report_snapshots").await, snapshots + 1);

        // A changed draft is published as version 2.
        let path = "/audits/25.2/rapport/rediger/afsnit";
        let (_, form) = get(&k, &app.url(path)).await;
        let version = form
            .split(r#"name="version" value=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_owned();
        let stored = store::report_content::report_sections(app.db.db(), &"25.2".parse().unwrap())
            .await
            .unwrap()
            .map(|s| s.value.indledende_afsnit)
            .unwrap_or_default();
        let mut fields = vec![
            ("_csrf".to_owned(), csrf_token(&form)),
            ("version".to_owned(), version),
        ];
        for (i, a) in stored.iter().enumerate() {
            fields.push((format!("overskrift-{i}"), a.overskrift.clone()));
            fields.push((format!("afsnit-{i}"), a.afsnit.join("\n\n")));
            fields.push((format!("punkter-{i}"), a.punkter.join("\n")));
            fields.push((format!("afslutning-{i}"), a.afslutning.join("\n\n")));
        }
        let n = stored.len();
        fields.push((
            format!("overskrift-{n}"),
            "Tilføjet efter version 1".to_owned(),
        ));
        fields.push((format!("afsnit-{n}"), "Et nyt afsnit.".to_owned()));
        let response = k.post(app.url(path)).form(&fields).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (status, location, body) = publish(app, &k, &csrf, "25.2").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location.as_deref(), Some("/audits/25.2/rapport/v/2"));
        assert_eq!(app.count("report_snapshots").await, snapshots + 2);
    })
    .await;
}
