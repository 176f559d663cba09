//! Security regression tests: material_scan (see `tests/security.rs`). Audit material is about citizens:
//! a CPR number in an uploaded file is found and shown to the koordinator masked, with its page or line;
//! the file is kept from the panel and vurdering cannot open until the koordinator confirms or replaces
//! it. Empty files are refused, and evidence file names are made safe.

use reqwest::{Client, StatusCode, header};

use crate::helpers::{NOW, TestApp, csrf_token, get, on_each_engine};
use crate::setup::{post, stored, upload};

/// A minimal PDF with one uncompressed content stream per page: `pages[i]` is the text of page i + 1.
/// The second string of each page is split like a kerned `TJ` array, as real PDFs write text.
fn pdf(pages: &[&str]) -> Vec<u8> {
    let n = pages.len();
    let font = 3 + 2 * n;
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 3 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    ];
    for (i, text) in pages.iter().enumerate() {
        let (head, tail) = text.split_at(text.len() / 2);
        let content = format!("BT /F1 12 Tf 72 720 Td [({head}) -12 ({tail})] TJ ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>",
            4 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned());
    let mut out = String::from("%PDF-1.4\n");
    for (i, object) in objects.iter().enumerate() {
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    out.push_str("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    out.into_bytes()
}

/// A file as the upload helper sends it: (file name, media type, bytes).
type Upload<'a> = (&'a str, &'a str, &'a [u8]);

/// Sets up audit 25.8 through the koordinator's pages, ready for vurdering but for its material: a
/// panel of two, a form rating 8.a, and the material items given as `(pseudonym, file)`.
pub(crate) async fn audit_with_material(
    app: &TestApp,
    k: &Client,
    csrf: &str,
    files: &[(&str, Upload<'_>)],
) {
    let (status, _, body) = post(
        app,
        k,
        csrf,
        "/audits/new",
        &[
            ("model_version", "2024"),
            ("nr", "25.8"),
            ("titel", "Ledelse"),
            ("formaal", "At måle kalibreringen af indikator 8.a."),
            ("fokus_art", "indikatorer"),
            ("indikator", "8.a"),
            ("fokus_tekst", ""),
            ("skala", "drift"),
            ("deadline", "2025-03-20"),
            ("meeting_date", "2025-03-27"),
            ("reveal_rule", "ved-moedet"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    for (username, tilsyn) in [("midt-1", "midt"), ("syd-1", "syd")] {
        let (status, _, body) = post(
            app,
            k,
            csrf,
            "/audits/25.8/panel",
            &[
                ("username", username),
                ("tilsyn", tilsyn),
                ("rolle", "tilsynskonsulent"),
                ("deltagelse", "deltager"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    }
    for (pseudonym, file) in files {
        let (status, body) = upload(
            app,
            k,
            Some(csrf),
            "/audits/25.8/material",
            &[
                ("pseudonym", pseudonym),
                ("tilsyn", "syd"),
                ("kind", "tilsynsrapport"),
            ],
            Some(*file),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{pseudonym}: {body}");
    }
    let (status, _, body) = post(
        app,
        k,
        csrf,
        "/audits/25.8/forms",
        &[
            ("titel", "Vurderingsskema"),
            ("skala", "drift"),
            ("materialer", "alle"),
            ("indikator", "8.a"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
}

/// Hole: personal data in material reached the panel unseen. A CPR number in a TXT file (line 3) and in
/// a PDF's text layer (page 2) is shown to the koordinator masked (`010203-XXXX`) with its line or page,
/// never in full; until the koordinator confirms the one and replaces the other, a panelist cannot
/// download either file and the transition to vurdering is refused naming the material.
#[tokio::test]
async fn a_cpr_number_in_material_is_flagged_masked_kept_from_the_panel_and_blocks_vurdering() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (_, page) = get(&k, &app.url("/audits/new")).await;
        let csrf = csrf_token(&page);
        let txt = "Referat af tilsynsbesøg\n\nBorgeren (cpr 010203-1234) deltog.\n".as_bytes();
        let with_cpr = pdf(&[
            "Side et handler om ledelse",
            "Borger nr. 1502851234 er omtalt",
        ]);
        audit_with_material(
            app,
            &k,
            &csrf,
            &[
                ("Sag A", ("referat.txt", "text/plain", txt)),
                ("Sag B", ("rapport.pdf", "application/pdf", &with_cpr)),
            ],
        )
        .await;

        let (status, page) = get(&k, &app.url("/audits/25.8/material")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("010203-XXXX"), "the masked excerpt: {page}");
        assert!(page.contains("linje 3"), "the line of the TXT hit: {page}");
        assert!(page.contains("150285XXXX"), "the masked PDF hit: {page}");
        assert!(page.contains("side 2"), "the page of the PDF hit: {page}");
        assert!(
            !page.contains("010203-1234") && !page.contains("1502851234"),
            "never in full"
        );

        // Not released: the panel may open the audit, but not these files.
        let midt = app.login_as("midt-1").await;
        for id in ["sag-a", "sag-b"] {
            let response = midt
                .get(app.url(&format!("/audits/25.8/material/{id}/download")))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{id}");
            assert!(!response.text().await.unwrap().contains("010203-1234"));
        }
        let (status, _, body) = post(
            app,
            &k,
            &csrf,
            "/audits/25.8/transition",
            &[("to", "vurdering")],
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(
            body.contains("mulige CPR-numre i materialet »Sag A«, »Sag B« bekræftes"),
            "{body}"
        );
        assert_eq!(
            stored(app, "25.8").await.state,
            audit::WorkflowState::Planlaegning
        );

        // Sag A is confirmed by the koordinator; Sag B replaced by a clean file.
        let (status, location, body) =
            post(app, &k, &csrf, "/audits/25.8/material/sag-a/cpr", &[]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location, "/audits/25.8/material");
        let (status, _, body) = post(
            app,
            &k,
            &csrf,
            "/audits/25.8/transition",
            &[("to", "vurdering")],
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT, "Sag B still waits: {body}");
        assert!(
            body.contains("mulige CPR-numre i materialet »Sag B« bekræftes"),
            "{body}"
        );
        let clean = pdf(&["Side et handler om ledelse", "Ingen personnumre her"]);
        let (status, body) = upload(
            app,
            &k,
            Some(&csrf),
            "/audits/25.8/material/sag-b/file",
            &[],
            Some(("rapport.pdf", "application/pdf", &clean)),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let (status, _, body) = post(
            app,
            &k,
            &csrf,
            "/audits/25.8/transition",
            &[("to", "vurdering")],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(
            stored(app, "25.8").await.state,
            audit::WorkflowState::Vurdering
        );
        let response = midt
            .get(app.url("/audits/25.8/material/sag-a/download"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "released in vurdering once confirmed"
        );
        assert_eq!(response.bytes().await.unwrap().as_ref(), txt);
    })
    .await;
}

/// Hole: an empty (0-byte) file was stored as material. It is refused with a Danish 422 naming the
/// file, both as a new item's file and as a replacement, and nothing is stored.
#[tokio::test]
async fn an_empty_material_file_is_refused() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (_, page) = get(&k, &app.url("/audits/new")).await;
        let csrf = csrf_token(&page);
        audit_with_material(
            app,
            &k,
            &csrf,
            &[("Sag A", ("a.txt", "text/plain", b"Ren tekst"))],
        )
        .await;
        let before = (
            app.count("materials").await,
            app.count("blobs").await,
            app.count("events").await,
        );
        let (status, body) = upload(
            app,
            &k,
            Some(&csrf),
            "/audits/25.8/material",
            &[
                ("pseudonym", "Sag C"),
                ("tilsyn", "syd"),
                ("kind", "tilsynsrapport"),
            ],
            Some(("tom.pdf", "application/pdf", b"")),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("Filen »tom.pdf« er tom"), "{body}");
        let (status, body) = upload(
            app,
            &k,
            Some(&csrf),
            "/audits/25.8/material/sag-a/file",
            &[],
            Some(("tom.pdf", "application/pdf", b"")),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("Filen »tom.pdf« er tom"), "{body}");
        let after = (
            app.count("materials").await,
            app.count("blobs").await,
            app.count("events").await,
        );
        assert_eq!(after, before, "a refused upload stores nothing");
    })
    .await;
}

/// Posts the report form of Midt's action in 19.1 with one evidence file. The body is written by hand,
/// so the file name reaches the server exactly as given (a client library would escape it).
async fn report_with(
    app: &TestApp,
    client: &Client,
    file_name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let (_, page) = get(client, &app.url("/")).await;
    let token = csrf_token(&page);
    let boundary = "auditpanel-bilag-51c2";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"tekst\"\r\n\r\nPraksis er beskrevet.\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"bilag\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    client
        .post(app.url("/opfoelgning/19.1/midt-sikkerhed/rapport"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Hole: evidence was stored under the name the browser sent (`../../etc/pass<wd>` with control
/// characters and reserved characters), and an empty evidence file was accepted. The empty file is
/// refused with a Danish 422 and nothing stored; the named one is stored as `passwd.pdf`: no directories,
/// no control or reserved characters. A NUL byte in the name (`passwd\0.pdf`) never reaches a handler:
/// the multipart parser refuses the header with a 400, which stores nothing either.
#[tokio::test]
async fn evidence_names_are_made_safe_and_empty_evidence_is_refused() {
    on_each_engine(async |app| {
        let tiltag = audit::Opfoelgningstiltag {
            id: "midt-sikkerhed".into(),
            tekst: "Socialtilsyn Midt beskriver sin praksis.".into(),
            punkter: vec![],
            anbefalinger: vec![],
            ansvarlige: vec![audit::Ansvarlig::Tilsyn(audit::Tilsyn::Midt)],
            frist: Some("2. halvår 2025".into()),
        };
        let nr: audit::AuditNr = "19.1".parse().unwrap();
        store::follow_up::add_follow_up_action(
            app.db.db(),
            &nr,
            &tiltag,
            &"koordinator".parse().unwrap(),
            NOW,
        )
        .await
        .unwrap();
        // The action reaches Midt's contact once the report holding it is published (19.1's version 1
        // is the demo's, of 2019).
        let koordinator = app.login_as("koordinator").await;
        crate::security::route_sweep::publish(app, &koordinator, "19.1").await;
        let midt = app.login_as("tilsynskontakt-midt").await;
        let before = (
            app.count("follow_up_evidence").await,
            app.count("follow_up_events").await,
        );
        let response = report_with(app, &midt, "tom.pdf", b"").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.unwrap();
        assert!(page.contains("Filen »tom.pdf« er tom"), "{page}");
        let after = (
            app.count("follow_up_evidence").await,
            app.count("follow_up_events").await,
        );
        assert_eq!(after, before, "a refused report stores nothing");

        let response =
            report_with(app, &midt, "../../etc/passwd\u{0}.pdf", b"%PDF-1.4 bilag").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let after = (
            app.count("follow_up_evidence").await,
            app.count("follow_up_events").await,
        );
        assert_eq!(after, before, "a refused report stores nothing");

        let response = report_with(
            app,
            &midt,
            "../../etc/pass<wd>\u{85}\t|?*:.pdf",
            b"%PDF-1.4 bilag",
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{}",
            response.text().await.unwrap()
        );
        let action = store::follow_up_tracking::tracked_action(app.db.db(), &nr, "midt-sikkerhed")
            .await
            .unwrap();
        let names: Vec<&str> = action
            .evidence
            .iter()
            .map(|e| e.file_name.as_str())
            .collect();
        assert_eq!(names, ["passwd.pdf"]);
    })
    .await;
}
