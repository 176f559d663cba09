//! The auditrapport over HTTP: the demo audits render every section with their generated paragraphs,
//! published versions never change, the exports are UTF-8 CSV and an .xlsx with the page's numbers,
//! and before reveal (25.1) there are no figures and no exports.
//! Expected phrases come from the seed reports (`000_…` 20.1, `002_…` 19.1) as the domain's tests
//! (`crates/audit/tests/rapport.rs`) pin them, and from the demo files in `seeds/demo/`.

use reqwest::{Client, StatusCode};

use crate::helpers::{TestApp, csrf_token, get, on_each_engine, publish};

/// The headings every report has, in order (`audit::report::document::Rapport`).
const HEADINGS: [&str; 11] = [
    "Indhold",
    "Indledning",
    "Formål med de lærende auditforløb",
    "Metodisk tilrettelæggelse",
    "Deltagere",
    "Auditmateriale",
    "Auditpanelets drøftelser",
    "Anbefaling",
    "Opfølgningsplan",
    "Bilag",
    "Kalibrering af bedømmelserne",
];

async fn page(client: &Client, app: &TestApp, path: &str) -> String {
    let (status, body) = get(client, &app.url(path)).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    body
}

#[tokio::test]
async fn the_demo_reports_render_every_section_with_their_generated_paragraphs() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        for nr in ["19.1", "19.2", "20.1"] {
            let html = page(&k, app, &format!("/audits/{nr}/rapport")).await;
            let mut from = 0;
            for h in HEADINGS {
                let at = html[from..]
                    .find(h)
                    .unwrap_or_else(|| panic!("{nr}: no heading »{h}« after byte {from}"));
                from += at;
            }
            // Every entry of the table of contents links to an anchor of the page.
            for href in html.split("href=\"#").skip(1) {
                let anchor = &href[..href.find('"').unwrap()];
                assert!(html.contains(&format!("id=\"{anchor}\"")), "{nr}: #{anchor} has no target");
            }
            assert!(html.contains("Socialstyrelsens anbefaling"), "{nr}: boxed recommendation");
            assert!(html.contains("id=\"kalibrering\""), "{nr}: calibration appendix");
            assert!(html.contains("Offentliggør"), "{nr}: the koordinator's publish button");
            assert!(!html.contains("NaN"), "{nr}: no NaN");
        }
        let t201 = page(&k, app, "/audits/20.1/rapport").await;
        // 000 p. 3, as `deltagere_20_1_names_nord_exempted_syd_cancelled_and_8_from_3` pins it.
        for phrase in [
            "Socialtilsyn Nord blev, på baggrund af en anmodning og en konkret vurdering, fritaget fra deltagelse i audit 20.1.",
            "Socialtilsyn Syd meldte afbud på dagen for auditmødet.",
            "I alt deltog 8 personer fra de tre socialtilsyn i audit 20.1.",
        ] {
            assert!(t201.contains(phrase), "20.1 Deltagere: {phrase}");
        }
        // 20.1 rated indicators on the approval scale: coefficient table and heatmap.
        assert!(t201.contains("class=\"koefficienter\"") && t201.contains("<svg class=\"heatmap\""));
        // The generated distribution paragraph beside each rated indicator (`fordelingsafsnit`).
        assert!(t201.contains("Bedømmelsernes fordeling og enighed"));
        assert!(t201.contains("»forventes at kunne opfylde«"));
        let t191 = page(&k, app, "/audits/19.1/rapport").await;
        // 002 p. 1.
        assert!(t191.contains("I alt deltog 15 personer fra de fem socialtilsyn i audit 19.1."));
        assert!(t191.contains("Alle fem socialtilsyn deltog i audit 19.1."));
        // The follow-up plan: the deadline as typed and its due date the Danish way (19.1's
        // "2. halvår 2019" runs to 31 December 2019).
        assert!(t191.contains("31. december 2019"), "a Danish due date");
    })
    .await;
}

#[tokio::test]
async fn before_reveal_the_draft_has_no_figures_and_nothing_can_be_exported_or_published() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        // The demo's published reports (19.1, 19.2, 20.1) are all there is.
        let snapshots = app.count("report_snapshots").await;
        assert_eq!(snapshots, 3);
        let draft = page(&k, app, "/audits/25.1/rapport").await;
        assert!(draft.contains("Bedømmelserne er endnu ikke afsløret"));
        assert!(!draft.contains("heatmap-svg"), "no heatmap before reveal");
        assert!(!draft.contains("Bedømmelsernes fordeling og enighed"));
        assert!(!draft.contains("class=\"koefficienter\""));
        assert!(!draft.contains("/eksport/"), "no export links");
        let panelist = app.login_as("midt-1").await;
        for client in [&k, &panelist] {
            for fil in [
                "bedoemmelser.csv",
                "kodebog.csv",
                "enighed.csv",
                "auditpanel-25.1.xlsx",
                "opfoelgningsplan.csv",
            ] {
                let (status, _) = get(
                    client,
                    &app.url(&format!("/audits/25.1/rapport/eksport/{fil}")),
                )
                .await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{fil}");
                let (status, _) = get(
                    client,
                    &app.url(&format!("/api/v1/audits/25.1/eksport/{fil}")),
                )
                .await;
                assert_eq!(status, StatusCode::FORBIDDEN, "api {fil}");
            }
        }
        let response = k
            .post(app.url("/audits/25.1/rapport/offentliggoer"))
            .form(&[("_csrf", csrf_token(&draft))])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CONFLICT);
        assert_eq!(
            app.count("report_snapshots").await,
            snapshots,
            "nothing is published"
        );
        let laeser = app.login_as("laeser").await;
        let (status, body) = get(&laeser, &app.url("/audits/25.1/rapport")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body.contains("ikke offentliggjort endnu"));
        let (status, _) = get(&laeser, &app.url("/api/v1/audits/25.1/rapport.html")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    })
    .await;
}

#[tokio::test]
async fn a_published_version_never_changes_and_the_next_publication_is_version_2() {
    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let laeser = app.login_as("laeser").await;
        // 25.2 is the demo's audit with a draft report (19.1, 19.2 and 20.1 are published in the demo).
        let (status, _) = get(&laeser, &app.url("/audits/25.2/rapport")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "nothing published yet");
        assert_eq!(publish(app, &k, "25.2").await, "/audits/25.2/rapport/v/1");
        let v1 = k
            .get(app.url("/api/v1/audits/25.2/rapport.html?version=1"))
            .send()
            .await
            .unwrap();
        assert_eq!(v1.status(), StatusCode::OK);
        assert!(
            v1.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let v1 = v1.bytes().await.unwrap();
        let stored = store::reports::published_reports(app.db.db(), &"25.2".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(
            stored[0].content.as_bytes(),
            &v1[..],
            "the file is the stored snapshot"
        );
        let v1_page = page(&laeser, app, "/audits/25.2/rapport").await;
        assert!(v1_page.contains(
            "Version 1, offentliggjort <time datetime=\"2025-03-03\">3. marts 2025</time>"
        ));
        // The snapshot carries the data it was built from.
        let text = String::from_utf8(v1.to_vec()).unwrap();
        let data = web::report_render::snapshot_data(&text).expect("the JSON data block");
        assert_eq!(data["auditnummer"], "25.2");

        // Edit a recommendation through the editor.
        let recs = store::report_content::recommendations(app.db.db(), &"25.2".parse().unwrap())
            .await
            .unwrap();
        let rec = &recs[0];
        let form_path = format!(
            "/audits/25.2/rapport/rediger/anbefaling?id={}",
            rec.value.id
        );
        let form = page(&k, app, &form_path).await;
        let new_text = "Ny anbefaling efter offentliggørelsen: æøå ÆØÅ.";
        let response = k
            .post(app.url(&form_path))
            .form(&[
                ("_csrf", csrf_token(&form).as_str()),
                ("version", &rec.version.to_string()),
                ("overskrift", &rec.value.overskrift),
                ("tekst", new_text),
                ("punkter", ""),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{}",
            response.text().await.unwrap()
        );

        let again = k
            .get(app.url("/api/v1/audits/25.2/rapport.html?version=1"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(again, v1, "version 1 is byte-identical after the edit");
        assert!(
            !page(&laeser, app, "/audits/25.2/rapport/v/1")
                .await
                .contains(new_text)
        );
        let draft = page(&k, app, "/audits/25.2/rapport").await;
        assert!(draft.contains(new_text), "the draft has the edit");
        let draft_file = k
            .get(app.url("/api/v1/audits/25.2/rapport.html"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_ne!(draft_file, v1, "a new draft differs");

        assert_eq!(publish(app, &k, "25.2").await, "/audits/25.2/rapport/v/2");
        let latest = page(&laeser, app, "/audits/25.2/rapport").await;
        assert!(latest.contains(new_text) && latest.contains("Version 2"));
        let versions = page(&laeser, app, "/audits/25.2/rapport/versioner").await;
        assert!(
            versions.contains("/audits/25.2/rapport/v/1")
                && versions.contains("/audits/25.2/rapport/v/2")
        );
        let published: Vec<_> =
            store::events::events_of_audit(app.db.db(), &"25.2".parse().unwrap())
                .await
                .unwrap()
                .into_iter()
                .filter(|e| e.kind == "report_published")
                .collect();
        assert_eq!(published.len(), 2, "each publication is in the event log");
        assert_eq!(published[1].after.as_ref().unwrap()["version"], 2);
    })
    .await;
}

/// The cells of one CSV line (no quoted commas in the lines read here).
fn cells(line: &str) -> Vec<&str> {
    line.split(',').collect()
}

#[tokio::test]
async fn the_exports_are_utf8_csv_and_an_xlsx_with_the_numbers_of_the_page() {
    use calamine::{Data, Reader, Xlsx};

    on_each_engine(async |app| {
        let k = app.login_as("koordinator").await;
        let base = app.url("/audits/20.1/rapport/eksport");
        let get_bytes = async |c: &Client, url: String| {
            let r = c.get(url).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.bytes().await.unwrap().to_vec()
        };
        let ratings =
            String::from_utf8(get_bytes(&k, format!("{base}/bedoemmelser.csv")).await).unwrap();
        assert!(!ratings.starts_with('\u{feff}'), "no byte-order mark");
        assert_eq!(
            ratings.lines().next().unwrap(),
            "audit,rater,tilsyn,own_tilsyn,material,item,indicator,round,value,label,reason,status"
        );
        // One row per rating the koordinator may see: every submitted rating of 20.1.
        let audit = store::audits::get_audit(app.db.db(), &"20.1".parse().unwrap())
            .await
            .unwrap();
        let koordinator = store::users::get_user(app.db.db(), &"koordinator".parse().unwrap())
            .await
            .unwrap();
        let visible = store::ratings::ratings_visible_to(app.db.db(), &audit, &koordinator)
            .await
            .unwrap();
        assert_eq!(ratings.lines().count(), visible.len() + 1);
        let codebook =
            String::from_utf8(get_bytes(&k, format!("{base}/kodebog.csv")).await).unwrap();
        assert!(codebook.starts_with("art,navn,kode,betydning\r\n"));
        assert!(codebook.contains("Socialtilsyn Øst"), "æøå intact");
        assert!(codebook.contains("Bedømmerens brugernavn"));
        let plan =
            String::from_utf8(get_bytes(&k, format!("{base}/opfoelgningsplan.csv")).await).unwrap();
        assert!(plan.starts_with(
            "audit,id,text,recommendations,responsible,deadline_as_typed,due_date,status\r\n"
        ));
        let agreement =
            String::from_utf8(get_bytes(&k, format!("{base}/enighed.csv")).await).unwrap();
        let overall = agreement.lines().find(|l| l.contains(",alle,")).unwrap();
        let header: Vec<&str> = cells(agreement.lines().next().unwrap());
        let ac1_col = header.iter().position(|h| *h == "gwet_ac1").unwrap();

        let xlsx = get_bytes(&k, format!("{base}/auditpanel-20.1.xlsx")).await;
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        assert_eq!(
            book.sheet_names(),
            vec!["Bedømmelser", "Kodebog", "Enighed", "Opfølgningsplan"]
        );
        let sheet = book.worksheet_range("Bedømmelser").unwrap();
        assert_eq!(sheet.height(), visible.len() + 1);
        let enighed = book.worksheet_range("Enighed").unwrap();
        let row = enighed
            .rows()
            .find(|r| r.get(1) == Some(&Data::String("alle".into())))
            .unwrap();
        let Data::Float(ac1) = row[ac1_col] else {
            panic!("AC1 is a number: {:?}", row[ac1_col])
        };
        let csv_ac1: f64 = cells(overall)[ac1_col].parse().unwrap();
        assert!(
            (ac1 - csv_ac1).abs() < 1e-12,
            "the workbook and the CSV agree"
        );
        // The page prints the same AC1 with two decimals, a decimal comma and (issue 12: one minus
        // sign everywhere) U+2212 for a negative value.
        let shown = format!("{ac1:.2}").replace('.', ",").replace('-', "−");
        let draft = page(&k, app, "/audits/20.1/rapport").await;
        assert!(
            draft.contains(&format!(
                "<th scope=\"row\">Gwets AC1</th><td class=\"num\">{shown}</td>"
            )),
            "the page shows AC1 = {shown}"
        );

        // The panel may export after reveal; a læser may not.
        let panelist = app.login_as("hovedstaden-1").await;
        let mine =
            String::from_utf8(get_bytes(&panelist, format!("{base}/bedoemmelser.csv")).await)
                .unwrap();
        assert_eq!(mine.lines().count(), ratings.lines().count());
        let laeser = app.login_as("laeser").await;
        let (status, _) = get(&laeser, &format!("{base}/bedoemmelser.csv")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}

/// The demo's history as a reader finds it: 19.1, 19.2 and 20.1 are published in their own time
/// (`[offentliggoerelse] dato` in seeds/demo/19.1.toml, 19.2.toml and 20.1.toml, plausible dates the
/// README explains, since the reports print none), through the publish handler's code path: a stored
/// version by the koordinator, a `report_published` event, and the date on the report. Their follow-up
/// actions stand where the files' history left them.
#[tokio::test]
async fn the_demos_historical_reports_are_published_in_their_own_time_for_a_reader() {
    on_each_engine(async |app| {
        let laeser = app.login_as("laeser").await;
        for (nr, iso, dansk) in [
            ("19.1", "2019-04-30", "30. april 2019"),
            ("19.2", "2019-09-02", "2. september 2019"),
            ("20.1", "2020-06-18", "18. juni 2020"),
        ] {
            let report = page(&laeser, app, &format!("/audits/{nr}/rapport")).await;
            assert!(
                report.contains(&format!(
                    "Version 1, offentliggjort <time datetime=\"{iso}\">{dansk}</time>"
                )),
                "{nr}: {report}"
            );
            // The authority as the report of its year names it (002, 003, 000: "Socialstyrelsen").
            assert!(
                report.contains(r#"<p class="afsender">Socialstyrelsen</p>"#),
                "{nr}: {report}"
            );
            assert!(report.contains("Socialstyrelsens anbefaling"), "{nr}");
            let versions = page(&laeser, app, &format!("/audits/{nr}/rapport/versioner")).await;
            assert!(
                versions.contains(&format!("/audits/{nr}/rapport/v/1")),
                "{versions}"
            );
            page(&laeser, app, &format!("/audits/{nr}/rapport/v/1")).await;

            let audit_nr: audit::AuditNr = nr.parse().unwrap();
            let stored = store::reports::published_reports(app.db.db(), &audit_nr)
                .await
                .unwrap();
            assert_eq!(stored.len(), 1, "{nr}");
            assert_eq!(stored[0].published_by, "koordinator");
            assert_eq!(stored[0].published_at.date().to_string(), iso);
            let published: Vec<_> = store::events::events_of_audit(app.db.db(), &audit_nr)
                .await
                .unwrap()
                .into_iter()
                .filter(|e| e.kind == "report_published")
                .collect();
            assert_eq!(
                published.len(),
                1,
                "{nr}: the publication is in the event log"
            );
            assert_eq!(published[0].at.date().to_string(), iso);
        }
        // A report of today, 25.2's draft, has the authority's present name (seeds/tekster/rapport.toml).
        let k = app.login_as("koordinator").await;
        let draft = page(&k, app, "/audits/25.2/rapport").await;
        assert!(
            draft
                .contains(r#"<p class="afsender">Social- og Boligstyrelsen · Auditfunktionen</p>"#),
            "{draft}"
        );

        // The follow-up history of the files: the audit function's own 2019 actions are done and
        // acknowledged; 19.1 status is reported by Midt alone and still open; 20.1's development work,
        // which was to begin »fra 2. halvår 2020«, is under way.
        let status = |nr: &'static str, id: &'static str| async move {
            store::follow_up_tracking::tracked_action(app.db.db(), &nr.parse().unwrap(), id)
                .await
                .unwrap()
                .sporet
                .tilstand
                .status
        };
        use audit::followup::Status;
        assert_eq!(status("19.1", "praesentation").await, Status::Kvitteret);
        assert_eq!(status("19.1", "forstaaelsesramme").await, Status::Kvitteret);
        assert_eq!(status("19.1", "status").await, Status::IGang);
        assert_eq!(status("19.2", "praesentation").await, Status::Kvitteret);
        assert_eq!(status("19.2", "forstaaelsesramme").await, Status::Planlagt);
        assert_eq!(status("20.1", "praesentation").await, Status::Kvitteret);
        assert_eq!(status("20.1", "udviklingsarbejde").await, Status::IGang);
        let (status, action) = get(&laeser, &app.url("/opfoelgning/19.1/praesentation")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(action.contains("Kvitteret af Auditfunktionen."), "{action}");

        // A restart with --demo finds the history there and adds nothing.
        let before = (
            app.count("report_snapshots").await,
            app.count("follow_up_events").await,
        );
        assert_eq!(before.0, 3);
        let (_, second) = crate::helpers::spawn_second_server(app).await;
        drop(second);
        let after = (
            app.count("report_snapshots").await,
            app.count("follow_up_events").await,
        );
        assert_eq!(after, before);
    })
    .await;
}
