//! The report editor over HTTP: a stale save shows both versions and loses neither, and a deadline the
//! Danish parser cannot read is refused next to its field with the entered text kept.

use reqwest::StatusCode;

use crate::helpers::{csrf_token, get, on_each_engine};

#[tokio::test]
async fn a_stale_save_shows_both_versions_and_keeps_the_first() {
    on_each_engine(async |app| {
        let nr: audit::AuditNr = "19.1".parse().unwrap();
        let recs = store::report_content::recommendations(app.db.db(), &nr)
            .await
            .unwrap();
        let rec = &recs[0];
        let path = format!(
            "/audits/19.1/rapport/rediger/anbefaling?id={}",
            rec.value.id
        );
        // Two koordinator sessions open the same form at the same version.
        let (a, b) = (
            app.login_as("koordinator").await,
            app.login_as("koordinator").await,
        );
        let (_, form_a) = get(&a, &app.url(&path)).await;
        let (status, form_b) = get(&b, &app.url(&path)).await;
        assert_eq!(status, StatusCode::OK);
        let version = rec.version.to_string();
        let post = async |client: &reqwest::Client, form: &str, text: &str| {
            client
                .post(app.url(&path))
                .form(&[
                    ("_csrf", csrf_token(form).as_str()),
                    ("version", version.as_str()),
                    ("overskrift", rec.value.overskrift.as_str()),
                    ("tekst", text),
                    ("punkter", ""),
                ])
                .send()
                .await
                .unwrap()
        };
        let first = post(&a, &form_a, "Første redaktørs tekst om ledelse.").await;
        assert_eq!(first.status(), StatusCode::SEE_OTHER);
        let second = post(&b, &form_b, "Anden redaktørs tekst om sparring.").await;
        assert_eq!(second.status(), StatusCode::CONFLICT);
        let body = second.text().await.unwrap();
        assert!(body.contains("Teksten er ændret af en anden"), "{body}");
        assert!(
            body.contains("Første redaktørs tekst om ledelse."),
            "the stored version is shown"
        );
        assert!(
            body.contains("Anden redaktørs tekst om sparring."),
            "the user's own text is kept"
        );
        // The form now rests on the stored version, so saving again is a deliberate overwrite.
        assert!(body.contains(&format!("name=\"version\" value=\"{}\"", rec.version + 1)));
        let stored = store::report_content::recommendations(app.db.db(), &nr)
            .await
            .unwrap();
        assert_eq!(
            stored[0].value.tekst,
            vec!["Første redaktørs tekst om ledelse."]
        );
        assert_eq!(stored[0].version, rec.version + 1);
    })
    .await;
}

#[tokio::test]
async fn an_unreadable_deadline_is_refused_next_to_the_field_and_nothing_changes() {
    on_each_engine(async |app| {
        let nr: audit::AuditNr = "20.1".parse().unwrap();
        let plan = store::follow_up_plan::follow_up_plan(app.db.db(), &nr)
            .await
            .unwrap();
        let action = &plan[0];
        let path = format!(
            "/audits/20.1/rapport/rediger/tiltag?id={}",
            action.action.tiltag.id
        );
        let k = app.login_as("koordinator").await;
        let (status, form) = get(&k, &app.url(&path)).await;
        assert_eq!(status, StatusCode::OK);
        let mut fields: Vec<(String, String)> = vec![
            ("_csrf".into(), csrf_token(&form)),
            ("version".into(), action.version.to_string()),
            ("tekst".into(), action.action.tiltag.tekst.clone()),
            ("punkter".into(), String::new()),
            ("frist".into(), "snarest muligt".into()),
        ];
        fields.extend(
            action
                .action
                .tiltag
                .ansvarlige
                .iter()
                .map(|a| ("ansvarlig".to_owned(), a.id())),
        );
        let response = k.post(app.url(&path)).form(&fields).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = response.text().await.unwrap();
        // The parser's message quotes the text, next to the field, and the text is kept.
        let field = body.find("id=\"frist\"").unwrap();
        let error = body.find("id=\"frist-fejl\"").unwrap();
        assert!(error > field, "the error follows the field");
        assert!(
            body[error..].contains("»snarest muligt«"),
            "{}",
            &body[error..error + 300]
        );
        assert!(body.contains("value=\"snarest muligt\""));
        let after = store::follow_up_plan::follow_up_plan(app.db.db(), &nr)
            .await
            .unwrap();
        assert_eq!(after[0], *action, "nothing changed");

        // A readable deadline is saved as typed, and the report shows its due date.
        fields[4].1 = "2. halvår 2026".into();
        let response = k.post(app.url(&path)).form(&fields).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let after = store::follow_up_plan::follow_up_plan(app.db.db(), &nr)
            .await
            .unwrap();
        assert_eq!(
            after[0].action.tiltag.frist.as_deref(),
            Some("2. halvår 2026")
        );
        assert_eq!(after[0].version, action.version + 1);
        let (_, report) = get(&k, &app.url("/audits/20.1/rapport")).await;
        assert!(report.contains("2. halvår 2026") && report.contains("31. december 2026"));
        // Only the koordinator may edit.
        let laeser = app.login_as("laeser").await;
        let (status, _) = get(&laeser, &app.url(&path)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}
