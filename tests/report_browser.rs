//! The published report in headless chromium: the standalone HTML file makes no network request when
//! opened (every request the DevTools `Network` domain reports is the file itself), and it prints to
//! a PDF with page numbers "Side X af Y" whose text `pdftotext` (Debian's poppler-utils) reads back.
//! The PDF and a picture of its first page (`pdftoppm`) go to `target/screenshots/`.
//! Without chromium or poppler-utils this test fails (`.ci/run` installs both); it never skips.

use std::path::PathBuf;
use std::process::Command;

use base64::Engine as _;
use reqwest::StatusCode;
use serde_json::json;

use crate::cdp::{Browser, chromium_binary};
use crate::helpers::{Engine, spawn_app};

fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots")
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} did not start ({e}): apt-get install -y poppler-utils")
        });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_published_report_opens_without_network_requests_and_prints_with_page_numbers() {
    let binary = chromium_binary().expect(
        "chromium is not installed: apt-get install -y --no-install-recommends chromium \
         (or set CHROMIUM to the browser binary); the browser test does not skip",
    );
    let app = spawn_app(Engine::Sqlite).await;
    // The demo publishes 20.1's report (version 1, in 2020) through the publish handler's code path.
    let k = app.login_as("koordinator").await;
    let file = k
        .get(app.url("/api/v1/audits/20.1/rapport.html?version=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    let html = file.text().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("auditrapport-20.1-v1.html");
    std::fs::write(&path, &html).unwrap();
    let url = format!("file://{}", path.display());

    let mut browser = Browser::launch(&binary).await;
    browser.tab("Network.enable", json!({})).await;
    browser.goto(&url).await;
    // Give late loads (fonts, images) a moment to show up.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        browser
            .eval("document.querySelector('h1').textContent")
            .await,
        "Auditrapport 20.1"
    );
    let requested: Vec<String> = browser
        .take_events()
        .into_iter()
        .filter(|e| e["method"] == "Network.requestWillBeSent")
        .map(|e| {
            e["params"]["request"]["url"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert!(
        requested.contains(&url),
        "the DevTools events saw the file load: {requested:?}"
    );
    let outside: Vec<&String> = requested.iter().filter(|u| **u != url).collect();
    assert!(
        outside.is_empty(),
        "the standalone report requested {outside:?}"
    );
    // Nothing the page could load either: no external stylesheet, script, image or font reference.
    // (An address may stand in the text, as 20.1's note on bekendtgørelse nr. 1633 does; text loads
    // nothing.)
    for needle in [
        "<link ",
        "<script src",
        "<img ",
        "=\"http",
        "='http",
        "url(",
    ] {
        assert!(!html.contains(needle), "the file contains {needle}");
    }

    let pdf = browser
        .tab(
            "Page.printToPDF",
            json!({ "printBackground": true, "preferCSSPageSize": true }),
        )
        .await;
    let pdf = base64::engine::general_purpose::STANDARD
        .decode(pdf["data"].as_str().unwrap())
        .unwrap();
    std::fs::create_dir_all(screenshot_dir()).unwrap();
    let pdf_path = screenshot_dir().join("auditrapport-20.1.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let pdf_arg = pdf_path.to_str().unwrap();
    let text = run("pdftotext", &["-enc", "UTF-8", pdf_arg, "-"]);
    let pages = text.matches('\u{c}').count();
    // The seed report of 20.1 has 15 pages (000: »Side 4 af 15«); ours adds a title page, a contents
    // page and the calibration appendix (coefficients, the per-item table, the heatmap, severity and
    // tilsyn tables, about 8 pages), so it must stay below 26, not run to twice the seed's length.
    assert!((15..=26).contains(&pages), "{pages} pages");
    let page_texts: Vec<&str> = text.split('\u{c}').take(pages).collect();
    for (i, page) in page_texts.iter().enumerate().skip(1) {
        // Every page after the title page carries the running header with the audit's number.
        assert!(
            page.contains("Auditrapport 20.1"),
            "page {} has no running header",
            i + 1
        );
        // No nearly empty page, except the contents page and the page before the appendix.
        let lines = page.lines().filter(|l| !l.trim().is_empty()).count();
        let before_appendix = page_texts
            .get(i + 1)
            .is_some_and(|next| next.contains("7 Bilag"));
        assert!(
            i == 1 || before_appendix || lines >= 12,
            "page {} is nearly empty ({lines} lines): {page}",
            i + 1
        );
    }
    assert!(
        page_texts[1].contains("Indhold"),
        "the contents are on page 2"
    );
    assert!(
        !page_texts[0].contains("Side 1 af"),
        "the title page has no page number"
    );
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(&format!("Side 2 af {pages}")),
        "page numbers in the margin"
    );
    assert!(text.contains(&format!("Side {pages} af {pages}")));
    for phrase in [
        "Auditrapport 20.1",
        "Indhold",
        "Deltagere",
        "I alt deltog 8 personer fra de tre socialtilsyn",
        "Socialstyrelsens anbefaling",
        "Opfølgningsplan",
        "Kalibrering af bedømmelserne",
    ] {
        assert!(text.contains(phrase), "the PDF says »{phrase}«");
    }
    // No navigation chrome in print.
    assert!(!text.contains("Log ud") && !text.contains("Offentliggør"));
    // The κ paradox is explained once (the appendix's introduction cites Feinstein & Cicchetti 1990)
    // and referred to from the discussions and tables it concerns; no panelist is named, the raters
    // of the appendix are pseudonyms.
    assert_eq!(text.matches("Feinstein & Cicchetti").count(), 1, "{text}");
    assert!(text.matches("κ-paradokset; se forklaringen").count() >= 3);
    assert!(text.contains("Bedømmer A") && !text.contains("Konsulent Midt"));
    let prefix = screenshot_dir().join("auditrapport-20.1-side-1");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf_arg,
            prefix.to_str().unwrap(),
        ],
    );
    assert!(
        screenshot_dir()
            .join("auditrapport-20.1-side-1.png")
            .is_file()
    );
}
