//! Published reports name no panelist: the demo's published versions (19.1, 19.2 and 20.1, published
//! by the demo through the publish handler's code path), as the standalone HTML file and as the Word
//! file, hold none of the display names and logins of their panel (`seeds/demo/*.toml`, `[[panel]]`);
//! 20.1's raters appear as "Bedømmer A (Hovedstaden)" …, and a second version keeps every pseudonym.

use reqwest::StatusCode;

use crate::helpers::{get, on_each_engine, publish};
use crate::report_docx::unzip;

/// The heatmap's rater columns of a published version, from the JSON data block frozen in it.
fn raters(html: &str) -> Vec<serde_json::Value> {
    let data = web::report_render::snapshot_data(html).expect("the JSON data block");
    data["bilag"]["kalibrering"]["statistik"]["scales"][0]["heatmap"]["raters"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn the_published_reports_name_no_panelist_and_keep_their_pseudonyms_across_versions() {
    on_each_engine(async |app| {
        let laeser = app.login_as("laeser").await;
        for nr in ["19.1", "19.2", "20.1"] {
            let audit = store::audits::get_audit(app.db.db(), &nr.parse().unwrap())
                .await
                .unwrap();
            let (status, html) = get(
                &laeser,
                &app.url(&format!("/api/v1/audits/{nr}/rapport.html?version=1")),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            let docx = laeser
                .get(app.url(&format!("/api/v1/audits/{nr}/rapport.docx?version=1")))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            // Every XML part of the Word file, as text (document, footnotes, core properties …).
            let parts: Vec<(String, String)> = unzip(&docx)
                .into_iter()
                .filter(|(name, _)| name.ends_with(".xml") || name.ends_with(".rels"))
                .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
                .collect();
            assert!(parts.iter().any(|(n, _)| n == "word/document.xml"));
            let (_, page) = get(&laeser, &app.url(&format!("/audits/{nr}/rapport/v/1"))).await;
            for m in &audit.panel {
                // A login is looked for as a whole word: "midt-1" is in "midt-10" as well.
                let login = |text: &str| {
                    text.match_indices(m.username.as_str()).any(|(i, s)| {
                        !text[i + s.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                            && !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
                    })
                };
                for (what, text) in [("HTML", &html), ("page", &page)] {
                    assert!(!text.contains(&m.navn), "{nr} {what} names {}", m.navn);
                    assert!(!login(text), "{nr} {what} holds the login {}", m.username);
                }
                for (name, text) in &parts {
                    assert!(!text.contains(&m.navn), "{nr} {name} names {}", m.navn);
                    assert!(!login(text), "{nr} {name} holds the login {}", m.username);
                }
            }
        }

        // 20.1 rates on a scale, so its appendix has a rater per column, under pseudonyms by panel
        // seat: hovedstaden-1 is the first member of its panel (seeds/demo/20.1.toml).
        let (_, v1) = get(
            &laeser,
            &app.url("/api/v1/audits/20.1/rapport.html?version=1"),
        )
        .await;
        let before = raters(&v1);
        assert!(before.len() > 5, "{before:?}");
        assert_eq!(before[0]["navn"], "Bedømmer A");
        assert_eq!(before[0]["tilsyn"], "hovedstaden");
        assert!(
            v1.contains("Bedømmer A (Hovedstaden)"),
            "the heatmap's column label"
        );

        // The audit's purpose is corrected, and the next version keeps every rater's pseudonym.
        let nr: audit::AuditNr = "20.1".parse().unwrap();
        let audit = store::audits::get_audit(app.db.db(), &nr).await.unwrap();
        let mut settings = store::audits::AuditSettings::of(&audit);
        settings.formaal.push_str(" (rettet)");
        store::audits::update_settings(
            app.db.db(),
            &nr,
            &settings,
            &"koordinator".parse().unwrap(),
            crate::helpers::NOW,
        )
        .await
        .unwrap();
        let k = app.login_as("koordinator").await;
        assert_eq!(publish(app, &k, "20.1").await, "/audits/20.1/rapport/v/2");
        let (_, v2) = get(
            &laeser,
            &app.url("/api/v1/audits/20.1/rapport.html?version=2"),
        )
        .await;
        assert!(v2.contains("(rettet)"), "version 2 is the changed draft");
        assert_eq!(raters(&v2), before);
    })
    .await;
}
