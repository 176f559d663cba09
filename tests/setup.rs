//! The koordinator's set-up pages over HTTP: an audit created with its panel, material (an upload and
//! its download) and a form built from the quality model, then opened for vurdering by the button; the
//! workflow's refusals in Danish; and bad input, wrong roles and missing CSRF tokens, each checked in
//! the database to have changed nothing.

use reqwest::{Client, StatusCode, header};

use crate::helpers::{NOW, TestApp, csrf_token, get, on_each_engine};

/// The upload limit stated on the material page (`MAX_UPLOAD_BYTES` in `web/src/pages/setup/material.rs`).
const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

const BOUNDARY: &str = "auditpanel-test-7d3f0c";

/// A `multipart/form-data` body with text fields and, optionally, a file in the field `fil`:
/// `(file name, media type, bytes)`. Returns the content type and the body.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, media_type, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"{file_name}\"\r\nContent-Type: {media_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// The session's CSRF token, read from a page the user may open.
async fn token(app: &TestApp, client: &Client, page: &str) -> String {
    let (status, html) = get(client, &app.url(page)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    csrf_token(&html)
}

/// Posts a URL-encoded form with the CSRF token; returns status, `Location` and body.
pub(crate) async fn post(
    app: &TestApp,
    client: &Client,
    csrf: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, String) {
    let mut form: Vec<(&str, &str)> = vec![("_csrf", csrf)];
    form.extend_from_slice(fields);
    let response = client.post(app.url(path)).form(&form).send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, response.text().await.unwrap())
}

/// Posts a multipart upload with the CSRF token as its first field, as the page's form does.
pub(crate) async fn upload(
    app: &TestApp,
    client: &Client,
    csrf: Option<&str>,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> (StatusCode, String) {
    let with_token: Vec<(&str, &str)> = csrf
        .map(|csrf| ("_csrf", csrf))
        .into_iter()
        .chain(fields.iter().copied())
        .collect();
    let (content_type, body) = multipart(&with_token, file);
    let response = client
        .post(app.url(path))
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

pub(crate) async fn stored(app: &TestApp, nr: &str) -> audit::Audit {
    store::audits::get_audit(app.db.db(), &nr.parse().unwrap())
        .await
        .unwrap()
}

/// An audit in planlægning with nothing in it and no deadline, stored directly.
async fn bare_audit(app: &TestApp, nr: &str) {
    let audit = audit::Audit {
        nr: nr.parse().unwrap(),
        titel: "Tomt forløb".into(),
        formaal: "Afprøvning".into(),
        fokus: "Indikator 8.a.".into(),
        model_version: "2024".into(),
        state: audit::WorkflowState::Planlaegning,
        deadline: None,
        meeting_date: None,
        reveal_rule: audit::Afsloeringsregel::VedMoedet,
        panel: vec![],
        materials: vec![],
        forms: vec![],
    };
    store::audits::create_audit(app.db.db(), &audit, &"koordinator".parse().unwrap(), NOW)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_koordinator_sets_up_an_audit_and_opens_vurdering_by_the_button() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;

        // The form shows the 2024 model's indicators with their texts (seeds/kvalitetsmodel/2024.toml).
        let (status, page) = get(&k, &app.url("/audits/new")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Ledelsen har relevante kompetencer i forhold til at lede tilbuddet."));
        assert!(page.contains(r#"name="indikator" value="8.a""#));
        let csrf = csrf_token(&page);

        // 1. The audit: a future deadline from the date picker, the meeting typed the Danish way.
        let (status, location, body) = post(app, &k, &csrf, "/audits/new", &[
            ("model_version", "2024"),
            ("nr", "25.3"),
            ("titel", "Ledelse og supervision"),
            ("formaal", "At måle kalibreringen af indikator 8.a og 8.b."),
            ("fokus_art", "indikatorer"),
            ("indikator", "8.a"),
            ("indikator", "8.b"),
            ("fokus_tekst", "Særligt ledelseslag."),
            ("skala", "drift"),
            ("deadline", "2025-03-20"),
            ("meeting_date", "27. marts 2025"),
            ("reveal_rule", "ved-moedet"),
        ])
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location, "/audits/25.3");
        let audit = stored(app, "25.3").await;
        assert_eq!(audit.fokus, "Indikator 8.a og 8.b.\n\nSærligt ledelseslag.");
        assert_eq!(audit.deadline.unwrap().to_string(), "2025-03-20");
        assert_eq!(audit.meeting_date.unwrap().to_string(), "2025-03-27");
        assert_eq!(audit.forms.len(), 1, "one empty form holds the scale");
        assert_eq!(audit.forms[0].scale, audit::Scale::Drift);
        let (_, overview) = get(&k, &app.url("/audits/25.3")).await;
        assert!(overview.contains(r#"<time datetime="2025-03-20">20. marts 2025</time>"#));
        assert!(overview.contains("Opsætning og arbejdsgang"));

        // 2. The panel: three panelists from three tilsyn.
        for (username, tilsyn, rolle) in [
            ("midt-1", "midt", "tilsynskonsulent"),
            ("syd-1", "syd", "tilsynskonsulent"),
            ("oest-3", "oest", "faglig-leder"),
        ] {
            let (status, location, body) = post(app, &k, &csrf, "/audits/25.3/panel", &[
                ("username", username),
                ("tilsyn", tilsyn),
                ("rolle", rolle),
                ("deltagelse", "deltager"),
            ])
            .await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{username}: {body}");
            assert_eq!(location, "/audits/25.3/panel");
        }
        let audit = stored(app, "25.3").await;
        let names: Vec<&str> = audit.panel.iter().map(|m| m.navn.as_str()).collect();
        // The names are the users' (seeds/demo/brugere.toml).
        assert_eq!(names, ["Konsulent Midt 1", "Konsulent Syd 1", "Faglig leder Øst"]);

        // 3. Material: a file whose name gives away tilsyn and offer, and one item without a file.
        let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let (status, body) = upload(app, &k, Some(&csrf), "/audits/25.3/material", &[
            ("pseudonym", "Sag A"),
            ("tilsyn", "syd"),
            ("kind", "tilsynsrapport"),
            ("beskrivelse", "Bostedet Solsikken"),
            ("tilbudstype", "botilbud"),
            ("tilbudstype", "krisecenter"),
            ("original_scores", "8.a=4, 8.b=3"),
        ], Some(("Solsikken Syd 2025.pdf", "application/pdf", &bytes)))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let (status, body) = upload(app, &k, Some(&csrf), "/audits/25.3/material", &[
            ("pseudonym", "Sag B"),
            ("tilsyn", "hovedstaden"),
            ("kind", "tilsynsrapport"),
        ], Some(("", "application/octet-stream", b"")))
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let audit = stored(app, "25.3").await;
        let ids: Vec<&str> = audit.materials.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["sag-a", "sag-b"]);
        assert_eq!(audit.materials[0].original_scores["8.a"], 4);
        // Two checked types make one offer of both (seed 000_…: "godkendelse som flere tilbudstyper").
        assert_eq!(
            audit.materials[0].tilbud.map(|t| t.tilbudstyper().collect::<Vec<_>>()),
            Some(vec![audit::Tilbudstype::Botilbud, audit::Tilbudstype::Krisecenter])
        );

        // The koordinator downloads the file byte for byte, as an attachment under its own name.
        let response = k
            .get(app.url("/audits/25.3/material/sag-a/download"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            "attachment; filename=\"Solsikken Syd 2025.pdf\"; filename*=UTF-8''Solsikken%20Syd%202025.pdf"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(response.bytes().await.unwrap().as_ref(), bytes.as_slice());
        let (status, _) = get(&k, &app.url("/audits/25.3/material/sag-b/download")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "no file attached to Sag B");

        // 4. The form builder suggests the focus (8.a and 8.b, which apply to a botilbud).
        let (status, page) = get(&k, &app.url("/audits/25.3/forms")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(r#"id="indikator-8-a" name="indikator" value="8.a" checked"#), "{page}");
        assert!(!page.contains(r#"value="9.a" checked"#));
        let (status, location, body) = post(app, &k, &csrf, "/audits/25.3/forms", &[
            ("titel", "Vurderingsskema: ledelse"),
            ("skala", "drift"),
            ("materialer", "alle"),
            ("indikator", "8.a"),
            ("indikator", "8.b"),
            ("helhed", "ja"),
            ("nominering", "ja"),
            ("sager", "1"),
            ("refleksion", "Hvad kendetegner god praksis?"),
            ("tjekliste", "Rapporten er dateret"),
        ])
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location, "/audits/25.3/forms");
        let audit = stored(app, "25.3").await;
        let items: Vec<&str> = audit.forms.iter().flat_map(|f| &f.items).map(|i| i.id.as_str()).collect();
        assert_eq!(items, [
            "8.a", "8.b", "helhedsvurdering", "nominering-8.a", "nominering-8.b",
            "sagsudvaelgelse", "refleksion-hvad-kendetegner-god-praksis", "tjek-rapporten-er-dateret",
        ]);
        assert_eq!(audit.forms[1].scale, audit::Scale::Tjekliste);

        // 5. Open vurdering by the button on the overview.
        assert!(overview.contains(r#"<input type="hidden" name="to" value="vurdering">"#));
        let (status, location, body) =
            post(app, &k, &csrf, "/audits/25.3/transition", &[("to", "vurdering")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location, "/audits/25.3");
        assert_eq!(stored(app, "25.3").await.state, audit::WorkflowState::Vurdering);
        let (_, history) = get(&k, &app.url("/audits/25.3/workflow")).await;
        assert!(history.contains("Planlægning") && history.contains("koordinator"), "{history}");

        // A panelist of the audit downloads the same bytes under the pseudonym only.
        let midt = app.login_as("midt-1").await;
        let (_, overview) = get(&midt, &app.url("/audits/25.3")).await;
        assert!(overview.contains(r#"href="/audits/25.3/material/sag-a/download""#));
        let response = midt
            .get(app.url("/audits/25.3/material/sag-a/download"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let disposition = response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().to_owned();
        assert_eq!(disposition, "attachment; filename=\"sag-a.pdf\"; filename*=UTF-8''sag-a.pdf");
        assert_eq!(response.bytes().await.unwrap().as_ref(), bytes.as_slice());
        // Someone not on the panel may not.
        let other = app.login_as("hovedstaden-2").await;
        let (status, _) = get(&other, &app.url("/audits/25.3/material/sag-a/download")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn refused_transitions_show_the_domains_danish_reason_and_change_nothing() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let csrf = token(app, &k, "/audits/25.1/workflow").await;
        bare_audit(app, "25.4").await;
        let events = app.count("events").await;

        // The wording is audit::workflow's.
        let (status, _, page) =
            post(app, &k, &csrf, "/audits/25.4/transition", &[("to", "vurdering")]).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains(
            "Før vurdering mangler: et panel med mindst to bedømmere, auditmateriale, et vurderingsskema med mindst ét punkt, en frist for bedømmelserne."
        ), "{page}");
        assert_eq!(stored(app, "25.4").await.state, audit::WorkflowState::Planlaegning);

        // Going back needs a reason; the message sits next to the reason field.
        let (status, _, page) =
            post(app, &k, &csrf, "/audits/25.1/transition", &[("to", "planlaegning"), ("reason", " ")]).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains(
            r#"<p class="field-error" id="reason-fejl">Det kræver en begrundelse at gå tilbage fra vurdering til planlægning.</p>"#
        ), "{page}");

        // After planlægning the panel's composition is frozen (Audit::check_setup_change) …
        let members = app.count("panel_members").await;
        let (status, _, page) = post(app, &k, &csrf, "/audits/25.1/panel", &[
            ("username", "hovedstaden-2"),
            ("tilsyn", "hovedstaden"),
            ("rolle", "tilsynskonsulent"),
            ("deltagelse", "deltager"),
        ])
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains(
            "Panelets sammensætning kan kun ændres under planlægning; auditforløbet er i tilstanden vurdering."
        ), "{page}");
        assert!(page.contains(r#"value="hovedstaden-2""#), "the entered username is kept");
        assert_eq!(app.count("panel_members").await, members);
        // … and so are the material and the forms.
        let (status, page) = upload(app, &k, Some(&csrf), "/audits/25.1/material", &[
            ("pseudonym", "Sag Z"),
            ("tilsyn", "syd"),
            ("kind", "bilag"),
        ], None)
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains("Auditmaterialet kan kun ændres under planlægning"), "{page}");
        assert_eq!(app.count("events").await, events, "nothing was recorded");

        // Fremmoede may still change: an afbud on the day.
        let (status, _, body) = post(app, &k, &csrf, "/audits/25.1/panel/attendance", &[
            ("username", "midt-1"),
            ("deltagelse", "afbud"),
            ("grund", "sygdom"),
            ("paa_dagen", "ja"),
        ])
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let midt = stored(app, "25.1").await.panel.into_iter().find(|m| m.username.as_str() == "midt-1").unwrap();
        assert_eq!(midt.attendance, audit::Fremmoede::Afbud { grund: "sygdom".into(), paa_dagen: true });

        // The reveal asks first: a post without the confirmation is sent to the question.
        let (status, location, _) =
            post(app, &k, &csrf, "/audits/25.1/transition", &[("to", "droeftelse")]).await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/audits/25.1/reveal"));
        assert_eq!(stored(app, "25.1").await.state, audit::WorkflowState::Vurdering);
        let (status, page) = get(&k, &app.url("/audits/25.1/reveal")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Er du sikker? Bedømmelserne kan ikke gøres blinde igen."));
        // 25.1's demo (seeds/demo/25.1.toml): four panelists submitted everything, three have drafts of
        // 40 % of the 40 units (16 each), three have not started; the deadline is 14 days after 3 March.
        assert!(page.contains("4 indsendt, 3 i kladde, 3 ikke startet"), "{page}");
        assert!(page.contains("Konsulent Syd 1 (16 i kladde)"), "{page}");
        assert!(page.contains("Konsulent Nord 1 (ikke startet)"), "{page}");
        assert!(page.contains("48 bedømmelser i kladde tæller ikke med"), "{page}");
        assert!(page.contains("17. marts 2025</time> (om 14 dage)"), "{page}");
        let (status, _, _) = post(app, &k, &csrf, "/audits/25.1/transition", &[
            ("to", "droeftelse"),
            ("bekraeft", "ja"),
        ])
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(stored(app, "25.1").await.state, audit::WorkflowState::Droeftelse);
        // And it cannot be undone.
        let (status, _, page) = post(app, &k, &csrf, "/audits/25.1/transition", &[
            ("to", "vurdering"),
            ("reason", "fejl"),
        ])
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains("Bedømmelserne er afsløret og kan ikke gøres blinde igen"), "{page}");
        assert_eq!(stored(app, "25.1").await.state, audit::WorkflowState::Droeftelse);
    })
    .await;
}

#[tokio::test]
async fn bad_audit_input_is_refused_next_to_the_field_with_the_values_kept() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let csrf = token(app, &k, "/audits/new").await;
        let audits = app.count("audits").await;
        let good = [
            ("model_version", "2024"),
            ("nr", "25.5"),
            ("titel", "Ledelse"),
            ("formaal", "Et formål, der skal bevares"),
            ("fokus_art", "tema:organisation-og-ledelse"),
            ("skala", "godkendelse"),
            ("deadline", "2025-03-20"),
        ];
        let with = |field: &'static str, value: &'static str| {
            let mut fields = good.to_vec();
            fields.retain(|(k, _)| *k != field);
            fields.push((field, value));
            fields
        };
        for (fields, status, message) in [
            (
                with("titel", ""),
                StatusCode::UNPROCESSABLE_ENTITY,
                "Skriv en titel på auditforløbet.",
            ),
            (
                with("nr", "25.1"),
                StatusCode::CONFLICT,
                "Auditforløbet »25.1« findes allerede. Vælg et andet nummer.",
            ),
            (
                with("nr", "2025.1"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "Auditnummer »2025.1« er ugyldigt",
            ),
            // The fixed clock stands at 3 March 2025 (tests/helpers.rs).
            (
                with("deadline", "2025-03-01"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "Datoen 1. marts 2025 ligger før i dag (3. marts 2025).",
            ),
            (
                with("deadline", "i morgen"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "Datoen »i morgen« kan ikke læses.",
            ),
            (
                with("fokus_art", ""),
                StatusCode::UNPROCESSABLE_ENTITY,
                "Vælg fokus: et tema eller udvalgte indikatorer fra kvalitetsmodellen.",
            ),
            (
                with("skala", "ordinal"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "En egen ordinalskala skal have mindst to etiketter",
            ),
        ] {
            let (got, _, page) = post(app, &k, &csrf, "/audits/new", &fields).await;
            assert_eq!(got, status, "{message}");
            assert!(page.contains(message), "{message}:\n{page}");
            assert!(
                page.contains(r#"class="field-error""#),
                "{message}: next to the field"
            );
            assert!(
                page.contains("Et formål, der skal bevares"),
                "{message}: values kept"
            );
        }
        assert_eq!(app.count("audits").await, audits, "no audit was created");
        assert!(
            store::audits::get_audit(app.db.db(), &"25.5".parse().unwrap())
                .await
                .is_err()
        );

        // The panel: only existing panelists, and not twice.
        let csrf = token(app, &k, "/audits/25.1/panel").await;
        bare_audit(app, "25.6").await;
        for (username, message) in [
            (
                "findes-ikke",
                "Der findes ingen bruger med brugernavnet »findes-ikke«.",
            ),
            ("laeser", "»laeser« er ikke panelist (brugeren er læser)"),
        ] {
            let (status, _, page) = post(
                app,
                &k,
                &csrf,
                "/audits/25.6/panel",
                &[
                    ("username", username),
                    ("tilsyn", "midt"),
                    ("rolle", "jurist"),
                    ("deltagelse", "fritaget"),
                ],
            )
            .await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(page.contains(message), "{page}");
            assert!(
                page.contains("Skriv, hvorfor medlemmet er fritaget."),
                "{page}"
            );
        }
        assert!(stored(app, "25.6").await.panel.is_empty());

        // The form builder: a form without items.
        let (status, _, page) = post(
            app,
            &k,
            &csrf,
            "/audits/25.6/forms",
            &[
                ("titel", "Tomt skema"),
                ("skala", "drift"),
                ("materialer", "alle"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Skemaet har ingen punkter."), "{page}");
        assert!(stored(app, "25.6").await.forms.is_empty());

        // Material: a plejefamilie is not also a tilbud of another type.
        let (status, page) = upload(
            app,
            &k,
            Some(&csrf),
            "/audits/25.6/material",
            &[
                ("pseudonym", "Sag A"),
                ("tilsyn", "syd"),
                ("kind", "tilsynsrapport"),
                ("tilbudstype", "plejefamilie"),
                ("tilbudstype", "botilbud"),
            ],
            None,
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            page.contains(
                "En plejefamilie kan ikke samtidig være et tilbud af en anden type (Botilbud)."
            ),
            "{page}"
        );
        assert!(
            page.contains(r#"value="plejefamilie" checked"#),
            "the choice is kept: {page}"
        );
        assert!(stored(app, "25.6").await.materials.is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_oversized_upload_is_a_danish_413_and_stores_nothing() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let csrf = token(app, &k, "/audits/25.1/workflow").await;
        bare_audit(app, "25.7").await;
        let before = (
            app.count("materials").await,
            app.count("blobs").await,
            app.count("events").await,
        );
        let big = vec![b'x'; MAX_UPLOAD_BYTES + 1];
        let (status, page) = upload(
            app,
            &k,
            Some(&csrf),
            "/audits/25.7/material",
            &[
                ("pseudonym", "Sag Stor"),
                ("tilsyn", "nord"),
                ("kind", "bilag"),
            ],
            Some(("stor.pdf", "application/pdf", &big)),
        )
        .await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            page.contains(
                "Filen er for stor: den må højst fylde 20 MB. Intet er gemt; vælg en mindre fil."
            ),
            "{page}"
        );
        assert!(
            page.contains(r#"value="Sag Stor""#),
            "the pseudonym is kept"
        );
        let after = (
            app.count("materials").await,
            app.count("blobs").await,
            app.count("events").await,
        );
        assert_eq!(after, before, "nothing stored");
        // A file of exactly the limit is taken.
        let limit = vec![b'y'; MAX_UPLOAD_BYTES];
        let (status, page) = upload(
            app,
            &k,
            Some(&csrf),
            "/audits/25.7/material",
            &[
                ("pseudonym", "Sag Stor"),
                ("tilsyn", "nord"),
                ("kind", "bilag"),
            ],
            Some(("stor.pdf", "application/pdf", &limit)),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(app.count("blobs").await, before.1 + 1);
    })
    .await;
}

#[tokio::test]
async fn a_panelist_and_a_post_without_csrf_token_change_nothing() {
    on_each_engine(async |app| {
        // midt-1 sits on 25.1's panel, so may open its overview, but none of the set-up.
        let panelist = app.login_as("midt-1").await;
        let csrf = token(app, &panelist, "/audits/25.1").await;
        let counts = async || {
            (
                app.count("audits").await,
                app.count("panel_members").await,
                app.count("materials").await,
                app.count("form_items").await,
                app.count("events").await,
            )
        };
        let before = counts().await;
        for path in [
            "/audits/new",
            "/audits/25.1/edit",
            "/audits/25.1/panel",
            "/audits/25.1/material",
            "/audits/25.1/forms",
            "/audits/25.1/workflow",
            "/audits/25.1/reveal",
        ] {
            let (status, page) = get(&panelist, &app.url(path)).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "GET {path}");
            assert!(
                page.contains("Du har ikke adgang til denne side."),
                "{path}"
            );
        }
        let create = [
            ("nr", "25.8"),
            ("titel", "X"),
            ("formaal", "X"),
            ("model_version", "2024"),
            ("fokus_art", "indikatorer"),
            ("indikator", "8.a"),
            ("skala", "drift"),
        ];
        for (path, fields) in [
            ("/audits/new", create.to_vec()),
            ("/audits/25.1/edit", create.to_vec()),
            (
                "/audits/25.1/panel",
                vec![
                    ("username", "hovedstaden-2"),
                    ("tilsyn", "midt"),
                    ("rolle", "jurist"),
                    ("deltagelse", "deltager"),
                ],
            ),
            ("/audits/25.1/panel/remove", vec![("username", "midt-3")]),
            (
                "/audits/25.1/panel/attendance",
                vec![
                    ("username", "midt-1"),
                    ("deltagelse", "fritaget"),
                    ("grund", "x"),
                ],
            ),
            (
                "/audits/25.1/material/remove",
                vec![("material", "rapport-a")],
            ),
            (
                "/audits/25.1/forms",
                vec![("titel", "X"), ("skala", "drift"), ("indikator", "8.a")],
            ),
            (
                "/audits/25.1/transition",
                vec![("to", "droeftelse"), ("bekraeft", "ja")],
            ),
        ] {
            let (status, _, page) = post(app, &panelist, &csrf, path, &fields).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "POST {path}");
            assert!(
                page.contains("Du har ikke adgang til denne side."),
                "{path}"
            );
        }
        let (status, _) = upload(
            app,
            &panelist,
            Some(&csrf),
            "/audits/25.1/material",
            &[
                ("pseudonym", "Sag Z"),
                ("tilsyn", "midt"),
                ("kind", "bilag"),
            ],
            Some(("z.pdf", "application/pdf", b"z")),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(counts().await, before);
        assert_eq!(
            stored(app, "25.1").await.state,
            audit::WorkflowState::Vurdering
        );

        // The koordinator without the token: the CSRF middleware refuses before any handler.
        let k = app.login_as("koordinator").await;
        let response = k
            .post(app.url("/audits/new"))
            .form(&create)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("sikkerhedsnøglen mangler")
        );
        let (status, page) = upload(
            app,
            &k,
            None,
            "/audits/25.1/material",
            &[
                ("pseudonym", "Sag Z"),
                ("tilsyn", "midt"),
                ("kind", "bilag"),
            ],
            Some(("z.pdf", "application/pdf", b"z")),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(page.contains("sikkerhedsnøglen mangler"));
        assert_eq!(counts().await, before);
    })
    .await;
}

/// The CSRF token is read from an upload's body, never from its URL: a `?_csrf=` in the URL (with no
/// token in the body) is refused like a missing token, and so is a token that is not the form's first
/// field (the middleware reads only the start of the body); the same upload with the token first is
/// stored. The material page's upload forms carry the token as a field, not in their `action`.
#[tokio::test]
async fn an_upload_with_the_csrf_token_in_its_url_is_refused() {
    on_each_engine(async |app| {
        bare_audit(app, "25.7").await;
        let k = app.login_as("koordinator").await;
        let csrf = token(app, &k, "/audits/25.7/material").await;
        let (_, page) = get(&k, &app.url("/audits/25.7/material")).await;
        assert!(page.contains(r#"enctype="multipart/form-data""#), "{page}");
        assert!(
            !page.contains("_csrf="),
            "no URL on the page carries the token: {page}"
        );
        let fields = [
            ("pseudonym", "Sag Q"),
            ("tilsyn", "midt"),
            ("kind", "bilag"),
        ];
        let file = Some(("q.pdf", "application/pdf", &b"q"[..]));
        let before = app.count("materials").await;

        let in_url = format!("/audits/25.7/material?_csrf={csrf}");
        let (status, page) = upload(app, &k, None, &in_url, &fields, file).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
        assert!(page.contains("sikkerhedsnøglen mangler"), "{page}");

        let mut late = fields.to_vec();
        late.push(("_csrf", csrf.as_str()));
        let (status, page) = upload(app, &k, None, "/audits/25.7/material", &late, file).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{page}");
        assert_eq!(
            app.count("materials").await,
            before,
            "a refused upload stores nothing"
        );

        let (status, page) =
            upload(app, &k, Some(&csrf), "/audits/25.7/material", &fields, file).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(app.count("materials").await, before + 1);
    })
    .await;
}

#[tokio::test]
async fn editing_saves_what_may_change_and_keeps_what_may_not() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let csrf = token(app, &k, "/audits/25.1/edit").await;
        let before = stored(app, "25.1").await;

        // 25.1 is in vurdering and its focus is prose (seeds/demo/25.1.toml): the prose is kept as the
        // elaboration, the meeting may move; version and scale are not even offered.
        let (_, page) = get(&k, &app.url("/audits/25.1/edit")).await;
        assert!(
            !page.contains(r#"name="skala""#),
            "the scale is fixed after planlægning"
        );
        assert!(page.contains("Version 2024"));
        let (status, location, body) = post(
            app,
            &k,
            &csrf,
            "/audits/25.1/edit",
            &[
                ("model_version", "2024"),
                ("titel", &before.titel),
                ("formaal", &before.formaal),
                ("fokus_tekst", &before.fokus),
                ("deadline", "2025-03-17"),
                ("meeting_date", "26. marts 2025"),
                ("reveal_rule", "ved-moedet"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location, "/audits/25.1");
        let after = stored(app, "25.1").await;
        assert_eq!(after.meeting_date.unwrap().to_string(), "2025-03-26");
        assert_eq!(
            (after.fokus.as_str(), &after.forms),
            (before.fokus.as_str(), &before.forms)
        );
        // Another model version is refused after planlægning.
        let (status, _, page) = post(
            app,
            &k,
            &csrf,
            "/audits/25.1/edit",
            &[
                ("model_version", "2017"),
                ("titel", &before.titel),
                ("formaal", &before.formaal),
                ("fokus_tekst", &before.fokus),
            ],
        )
        .await;
        // The domain's freeze (Audit::check_setup_change), next to the field.
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(
            page.contains("Kvalitetsmodellens version kan kun ændres under planlægning; auditforløbet er i tilstanden vurdering."),
            "{page}"
        );
        assert_eq!(stored(app, "25.1").await.model_version, "2024");

        // In planlægning the scale goes into the forms: an own ordinal scale with its labels.
        bare_audit(app, "25.4").await;
        let (_, page) = get(&k, &app.url("/audits/25.4/edit")).await;
        assert!(
            page.contains(r#"id="fokus-indikatorer" name="fokus_art" value="indikatorer" checked"#),
            "{page}"
        );
        assert!(page.contains(r#"id="indikator-8-a" name="indikator" value="8.a" checked"#));
        let (status, _, body) = post(
            app,
            &k,
            &csrf,
            "/audits/25.4/edit",
            &[
                ("model_version", "2024"),
                ("titel", "Tomt forløb"),
                ("formaal", "Afprøvning"),
                ("fokus_art", "indikatorer"),
                ("indikator", "8.a"),
                ("indikator", "9.a"),
                ("skala", "ordinal"),
                ("skala_labels", "ikke opfyldt\ndelvist opfyldt\nopfyldt"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        let audit = stored(app, "25.4").await;
        assert_eq!(audit.fokus, "Indikator 8.a og 9.a.");
        assert_eq!(audit.forms.len(), 1);
        assert_eq!(
            audit.forms[0].scale,
            audit::Scale::Ordinal {
                labels: vec![
                    "ikke opfyldt".into(),
                    "delvist opfyldt".into(),
                    "opfyldt".into()
                ]
            }
        );
    })
    .await;
}

/// The audit function numbers some audits with a letter: 19.2 (seed 003) refers to "audit 16.a og 16.b".
/// Such a number is created through the form, and its pages open under it.
#[tokio::test]
async fn an_audit_numbered_with_a_letter_is_created_through_the_form() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let (_, page) = get(&k, &app.url("/audits/new")).await;
        let csrf = csrf_token(&page);
        let (status, location, body) = post(
            app,
            &k,
            &csrf,
            "/audits/new",
            &[
                ("model_version", "2017"),
                ("nr", "16.a"),
                ("titel", "Dialogforløb forud for påbud"),
                ("formaal", "At drøfte dialogforløb forud for påbud."),
                ("fokus_art", "indikatorer"),
                ("indikator", "8.a"),
                ("fokus_tekst", ""),
                ("skala", "drift"),
                ("deadline", ""),
                ("meeting_date", ""),
                ("reveal_rule", "ved-moedet"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
        assert_eq!(location, "/audits/16.a");
        assert_eq!(stored(app, "16.a").await.nr.as_str(), "16.a");
        let (status, overview) = get(&k, &app.url("/audits/16.a")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            overview.contains("Dialogforløb forud for påbud"),
            "{overview}"
        );
        // Two letters are not a number the audit function uses: refused next to the field.
        let (status, _, body) = post(
            app,
            &k,
            &csrf,
            "/audits/new",
            &[
                ("model_version", "2017"),
                ("nr", "16.ab"),
                ("titel", "Forkert nummer"),
                ("formaal", "x"),
                ("fokus_art", "indikatorer"),
                ("indikator", "8.a"),
                ("skala", "drift"),
                ("reveal_rule", "ved-moedet"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("»16.ab«"), "{body}");
    })
    .await;
}

/// The demo's material (issue "the demo … say what the source reports say", item 4): a panelist of the
/// running round 25.1 opens every material item's file from the audit's page, and each is the
/// clearly fictitious text the demo generates.
#[tokio::test]
async fn a_panelist_of_the_demo_round_opens_its_fictitious_material() {
    on_each_engine(async |app| {
        let midt = app.login_as("midt-1").await;
        let (status, overview) = get(&midt, &app.url("/audits/25.1")).await;
        assert_eq!(status, StatusCode::OK);
        let audit = stored(app, "25.1").await;
        assert_eq!(
            audit.materials.len(),
            10,
            "seeds/demo/25.1.toml has ten reports"
        );
        for material in &audit.materials {
            let path = format!("/audits/25.1/material/{}/download", material.id);
            assert!(
                overview.contains(&format!(r#"href="{path}""#)),
                "{overview}"
            );
            let response = midt.get(app.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            let text = response.text().await.unwrap();
            assert!(text.starts_with("FIKTIVT DEMOMATERIALE"), "{text}");
            assert!(text.contains(&material.pseudonym), "{text}");
        }
    })
    .await;
}
