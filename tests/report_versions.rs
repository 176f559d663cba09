//! Publishing a new version: "Offentliggør" goes through a confirmation page (GET shows it, POST with
//! the CSRF field does it) that proposes today's date and lists what the draft changes against the
//! latest published version; the date is validated (not after today, not before the latest version)
//! and printed on the version; the version page shows the same changes, and the version's HTML and
//! Word file are made from one frozen model.

use reqwest::StatusCode;

use crate::helpers::{NOW, csrf_token, get, on_each_engine};
use crate::report_docx::unzip;

#[tokio::test]
async fn a_new_version_is_confirmed_with_its_date_and_changes_and_shows_them_when_published() {
    on_each_engine(async |app| {
        let nr: audit::AuditNr = "20.1".parse().unwrap();
        let koordinator: audit::Username = "koordinator".parse().unwrap();
        // Two changes after version 1 (published by the demo on 18 June 2020, seeds/demo/20.1.toml):
        // the audit's purpose (section 2.1) and the text of its one recommendation.
        let audit = store::audits::get_audit(app.db.db(), &nr).await.unwrap();
        let mut settings = store::audits::AuditSettings::of(&audit);
        settings.formaal.push_str(" Rettet efter høringen.");
        store::audits::update_settings(app.db.db(), &nr, &settings, &koordinator, NOW)
            .await
            .unwrap();
        let recs = store::report_content::recommendations(app.db.db(), &nr)
            .await
            .unwrap();
        let mut rec = recs[0].value.clone();
        rec.tekst.push("Et afsnit mere.".to_owned());
        store::report_content::save_recommendation(
            app.db.db(),
            &nr,
            &rec,
            recs[0].version,
            &koordinator,
            NOW,
        )
        .await
        .unwrap();

        let k = app.login_as("koordinator").await;
        let draft = get(&k, &app.url("/audits/20.1/rapport")).await.1;
        assert!(
            draft.contains(r#"href="/audits/20.1/rapport/offentliggoer""#),
            "the draft links to the confirmation instead of publishing on one click"
        );
        let path = app.url("/audits/20.1/rapport/offentliggoer");
        let (status, confirmation) = get(&k, &path).await;
        assert_eq!(status, StatusCode::OK);
        // Today's date proposed (the tests' clock, helpers::NOW).
        assert!(confirmation.contains(r#"type="date" id="dato" name="dato" value="2025-03-03""#), "{confirmation}");
        assert!(confirmation.contains("Offentliggør version 2"));
        assert!(confirmation.contains("Ændringer i forhold til version 1"));
        let changes = |html: &str| -> Vec<String> {
            html.match_indices("<li data-aendring=")
                .map(|(i, _)| {
                    let rest = &html[i..];
                    rest[..rest.find("</li>").unwrap()].to_owned()
                })
                .collect()
        };
        let listed = changes(&confirmation);
        assert!(
            listed.iter().any(|l| l.contains("2.1 Formålet med audit 20.1") && l.contains("ændret")),
            "{listed:?}"
        );
        assert!(
            listed.iter().any(|l| l.contains(&format!("({})", rec.id)) && l.contains("ændret")),
            "{listed:?}"
        );
        assert_eq!(listed.len(), 2, "nothing else changed: {listed:?}");

        // Refused dates: each a specific Danish message, and nothing published.
        let csrf = csrf_token(&confirmation);
        for (dato, message) in [
            ("2025-03-04", "Datoen 4. marts 2025 ligger efter i dag (3. marts 2025)."),
            (
                "2020-06-17",
                "Datoen 17. juni 2020 ligger før den seneste offentliggjorte version (18. juni 2020).",
            ),
            ("i morgen", "Datoen »i morgen« kan ikke læses."),
            ("", "Vælg den dato, versionen offentliggøres med."),
        ] {
            let response = k
                .post(&path)
                .form(&[("_csrf", csrf.as_str()), ("dato", dato)])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{dato}");
            let body = response.text().await.unwrap();
            assert!(body.contains(message), "{dato}: {body}");
            assert!(body.contains(r#"aria-invalid="true""#), "{dato}");
        }
        // Without the CSRF field the middleware refuses before the handler.
        let response = k.post(&path).form(&[("dato", "2025-01-15")]).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            store::reports::published_reports(app.db.db(), &nr).await.unwrap().len(),
            1,
            "nothing was published"
        );

        // Dated 15 January 2025, an earlier day than today.
        let response = k
            .post(&path)
            .form(&[("_csrf", csrf.as_str()), ("dato", "2025-01-15")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "/audits/20.1/rapport/v/2");
        let laeser = app.login_as("laeser").await;
        let v2 = get(&laeser, &app.url("/audits/20.1/rapport/v/2")).await.1;
        assert!(v2.contains(
            r#"Version 2, offentliggjort <time datetime="2025-01-15">15. januar 2025</time>"#
        ));
        assert_eq!(changes(&v2), listed, "the version page lists the confirmation's changes");
        let v1 = get(&laeser, &app.url("/audits/20.1/rapport/v/1")).await.1;
        assert!(v1.contains("Version 1 er den første offentliggjorte version."));

        // The HTML and the Word file of version 2 come from the one model frozen in its snapshot.
        let html = get(&laeser, &app.url("/api/v1/audits/20.1/rapport.html?version=2")).await.1;
        let frozen = web::report_render::snapshot_rapport(&html).unwrap();
        assert!(frozen.formaal.undersektioner[0].genereret.iter().any(|b| format!("{b:?}").contains("Rettet efter høringen.")));
        let docx = laeser
            .get(app.url("/api/v1/audits/20.1/rapport.docx?version=2"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let document = String::from_utf8(unzip(&docx)["word/document.xml"].clone()).unwrap();
        for text in ["Rettet efter høringen.", "Et afsnit mere."] {
            assert!(html.contains(text), "HTML: {text}");
            assert!(document.contains(text), "Word: {text}");
        }
        assert!(html.contains(
            r#"Version 2, offentliggjort <time datetime="2025-01-15">15. januar 2025</time>"#
        ));
        assert!(document.contains("Version 2, offentliggjort 15. januar 2025"));

        // The next version may not be dated before 15 January 2025 any more.
        settings.formaal.push_str(" Igen.");
        store::audits::update_settings(app.db.db(), &nr, &settings, &koordinator, NOW)
            .await
            .unwrap();
        let confirmation = get(&k, &path).await.1;
        let response = k
            .post(&path)
            .form(&[("_csrf", csrf_token(&confirmation).as_str()), ("dato", "2025-01-14")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(response.text().await.unwrap().contains("(15. januar 2025)"));
    })
    .await;
}
