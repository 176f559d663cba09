//! The material beside the rating form: each material of the form links its file, opened in a new tab
//! (with a visible hint) so that the form and what is typed in it stay; the link leads to the material
//! file route, which gives the panel the file under its pseudonym only and refuses everyone outside
//! the panel (`audit::access`, `Part::MaterialFile`). The audit page lists every file by pseudonym.

use reqwest::{StatusCode, header};

use crate::helpers::{csrf_token, get, on_each_engine};
use crate::security::material_scan::audit_with_material;
use crate::setup::post;

/// The file the koordinator uploads: its name says which offer it is about, which the panel must not
/// learn.
const UPLOADED_NAME: &str = "referat-bostedet-solsikken.txt";
const CONTENT: &[u8] = "Referat af tilsynsbesøg uden personoplysninger.\n".as_bytes();

#[tokio::test]
async fn the_rating_form_links_each_material_file_in_a_new_tab_under_its_pseudonym_for_the_panel_only()
 {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (_, page) = get(&k, &app.url("/audits/new")).await;
        let csrf = csrf_token(&page);
        // 25.8: a panel of midt-1 and syd-1, one material "Sag A" (id sag-a) with the file above.
        audit_with_material(app, &k, &csrf, &[("Sag A", (UPLOADED_NAME, "text/plain", CONTENT))]).await;
        let (status, _, body) =
            post(app, &k, &csrf, "/audits/25.8/transition", &[("to", "vurdering")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");

        let panelist = app.login_as("midt-1").await;
        let (status, form) = get(&panelist, &app.url("/audits/25.8/bedoemmelse")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            form.contains(
                r#"<a class="material-file" href="/audits/25.8/material/sag-a/download?vis=1" target="_blank" rel="noopener">Åbn Sag A <span class="new-window">(åbner i nyt vindue)</span></a>"#
            ),
            "{form}"
        );
        assert!(!form.contains("solsikken"), "the uploaded name stays with the koordinator");

        // The link shows the file in the new tab (plain text runs no script), named by the pseudonym.
        let response = panelist
            .get(app.url("/audits/25.8/material/sag-a/download?vis=1"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let disposition = response.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(disposition.starts_with("inline;"), "{disposition}");
        assert!(disposition.contains("sag-a.txt"), "{disposition}");
        assert!(!disposition.contains("solsikken"), "{disposition}");
        assert_eq!(response.bytes().await.unwrap().as_ref(), CONTENT);
        // Without ?vis=1 the same file is still downloaded.
        let response = panelist
            .get(app.url("/audits/25.8/material/sag-a/download"))
            .send()
            .await
            .unwrap();
        let disposition = response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(disposition.starts_with("attachment;"), "{disposition}");

        // The audit page lists the file by its pseudonym, with the same link.
        let (_, overview) = get(&panelist, &app.url("/audits/25.8")).await;
        assert!(
            overview.contains(r#"<a href="/audits/25.8/material/sag-a/download">Sag A</a>"#),
            "{overview}"
        );

        // Nobody outside the panel opens it: a panelist of other audits, the reader, a contact person.
        for outsider in ["nord-2", "laeser", "tilsynskontakt-syd"] {
            let client = app.login_as(outsider).await;
            let response = client
                .get(app.url("/audits/25.8/material/sag-a/download"))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{outsider}");
            let body = response.text().await.unwrap();
            assert!(!body.contains("Referat af tilsynsbesøg"), "{outsider}");
        }
    })
    .await;
}
