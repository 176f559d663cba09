//! The generated sections in the koordinator's words: 20.1's Deltagere is extended in the report
//! editor, carries the marker "redigeret", and after a panel change the editor says the generated
//! text now reads differently, keeps the koordinator's text until they choose, and takes the new
//! generated text back on request.

use reqwest::StatusCode;

use crate::helpers::{NOW, csrf_token, get, on_each_engine};

#[tokio::test]
async fn a_generated_section_is_extended_marked_and_warns_when_the_generated_text_changes() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let overview = get(&k, &app.url("/audits/20.1/rapport/rediger")).await.1;
        let marker = |page: &str| {
            let start = page.find(r#"data-afsnit="deltagere""#).unwrap();
            page[start..start + page[start..].find("</li>").unwrap()].to_owned()
        };
        assert!(
            marker(&overview).contains("(genereret)"),
            "{}",
            marker(&overview)
        );

        let path = app.url("/audits/20.1/rapport/rediger/genereret?afsnit=deltagere");
        let (status, form) = get(&k, &path).await;
        assert_eq!(status, StatusCode::OK);
        // The generated paragraph of seeds/demo/20.1.toml's panel (as report_browser prints it).
        let generated = "I alt deltog 8 personer fra de tre socialtilsyn";
        assert!(form.contains(generated), "{form}");

        // An empty text is refused next to its field, and nothing changes.
        let post = async |fields: &[(&str, &str)]| {
            let page = get(&k, &path).await.1;
            let mut all = vec![("_csrf", csrf_token(&page))];
            let version_at = page.find(r#"name="version" value=""#).unwrap() + 22;
            let version =
                page[version_at..version_at + page[version_at..].find('"').unwrap()].to_owned();
            all.push(("version", version));
            all.extend(fields.iter().map(|(n, v)| (*n, (*v).to_owned())));
            k.post(&path).form(&all).send().await.unwrap()
        };
        let refused = post(&[("handling", "gem"), ("maade", "tilfoej"), ("tekst", " ")]).await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().await.unwrap().contains("Skriv din tekst"));

        let own = "Derudover deltog en observatør fra Social- og Boligstyrelsen.";
        let saved = post(&[("handling", "gem"), ("maade", "tilfoej"), ("tekst", own)]).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let draft = get(&k, &app.url("/audits/20.1/rapport")).await.1;
        assert!(
            draft.contains(generated) && draft.contains(own),
            "extended, not replaced"
        );
        let overview = get(&k, &app.url("/audits/20.1/rapport/rediger")).await.1;
        assert!(
            marker(&overview).contains("(redigeret (udvidet))"),
            "{}",
            marker(&overview)
        );

        // The panel changes: a Midt member sends apologies, so the generated paragraph reads
        // differently; the koordinator's text stays, and the editor says so.
        let nr: audit::AuditNr = "20.1".parse().unwrap();
        let mut panel = store::audits::get_audit(app.db.db(), &nr)
            .await
            .unwrap()
            .panel;
        let member = panel
            .iter_mut()
            .find(|m| m.tilsyn == audit::Tilsyn::Midt)
            .unwrap();
        member.attendance = audit::Fremmoede::Afbud {
            grund: "sygdom".into(),
            paa_dagen: false,
        };
        store::audits::set_panel(
            app.db.db(),
            &nr,
            &panel,
            &"koordinator".parse().unwrap(),
            NOW,
        )
        .await
        .unwrap();
        let form = get(&k, &path).await.1;
        assert!(
            form.contains("Den genererede tekst lyder nu anderledes"),
            "{form}"
        );
        assert!(
            !form.contains(generated),
            "the new generated text is shown: {form}"
        );
        let overview = get(&k, &app.url("/audits/20.1/rapport/rediger")).await.1;
        assert!(marker(&overview).contains("den genererede tekst er ændret siden"));
        assert!(
            get(&k, &app.url("/audits/20.1/rapport"))
                .await
                .1
                .contains(own)
        );

        // Keep their own text: the notice goes, the text stays.
        let kept = post(&[("handling", "behold"), ("maade", "tilfoej"), ("tekst", own)]).await;
        assert_eq!(kept.status(), StatusCode::SEE_OTHER);
        let form = get(&k, &path).await.1;
        assert!(!form.contains("Den genererede tekst lyder nu anderledes"));
        assert!(
            get(&k, &app.url("/audits/20.1/rapport"))
                .await
                .1
                .contains(own)
        );

        // Back to the generated text.
        let reset = post(&[
            ("handling", "nulstil"),
            ("maade", "tilfoej"),
            ("tekst", own),
        ])
        .await;
        assert_eq!(reset.status(), StatusCode::SEE_OTHER);
        assert!(
            !get(&k, &app.url("/audits/20.1/rapport"))
                .await
                .1
                .contains(own)
        );
        let overview = get(&k, &app.url("/audits/20.1/rapport/rediger")).await.1;
        assert!(marker(&overview).contains("(genereret)"));
    })
    .await;
}
