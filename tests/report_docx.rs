//! The published report as a Word file, read back independently: the DOCX is unzipped here (the
//! `zip` crate) and its parts read with roxmltree, not with the docx-rs that wrote it. It must be a
//! whole package (every part has a content type and is the target of a relationship), use Word's
//! heading styles for exactly the headings of the report's contents, carry the follow-up plan as a
//! Word table with a repeated head row, the figures as PNG pictures, the notes as Word footnotes,
//! Danish as its language, and every sentence of the published HTML article.
//! Where LibreOffice is installed (not in CI), it must also open the file and print it as PDF.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use reqwest::StatusCode;
use roxmltree::{Document, Node};

use crate::helpers::{get, on_each_engine};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Every file of the package, by its path.
pub(crate) fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the DOCX is a zip file");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn xml(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"))
            .clone(),
    )
    .unwrap()
}

fn is_w(n: &Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn w_attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}

/// The text of a node: its `w:t` in document order, a tab or break as a space.
fn text(n: &Node<'_, '_>) -> String {
    n.descendants()
        .filter_map(|d| {
            if is_w(&d, "t") {
                d.text().map(str::to_owned)
            } else if is_w(&d, "tab") || is_w(&d, "br") {
                Some(" ".to_owned())
            } else {
                None
            }
        })
        .collect()
}

/// The paragraphs of the body with their style and text.
fn paragraphs(doc: &Document<'_>) -> Vec<(String, String)> {
    doc.descendants()
        .filter(|n| is_w(n, "p"))
        .map(|p| {
            let style = p
                .descendants()
                .find(|d| is_w(d, "pStyle"))
                .and_then(|s| w_attr(&s, "val"))
                .unwrap_or("Normal")
                .to_owned();
            (style, text(&p).trim().to_owned())
        })
        .collect()
}

/// The article's text as a reader sees it, one block a line: the published HTML without its tags,
/// leaving out what the Word file carries otherwise — the SVG figures (pictures there), the
/// contents list (a field there), the footnote marks and the notes (Word footnotes there).
fn article_text(html: &str) -> String {
    let start = html.find("<!--rapport:start-->").unwrap();
    let end = html.find("<!--rapport:end-->").unwrap();
    let mut rest = &html[start..end];
    let skip = [
        ("<svg", "</svg>"),
        ("<nav", "</nav>"),
        ("<sup class=\"fodnote-ref\"", "</sup>"),
        ("<aside class=\"fodnoter\"", "</aside>"),
    ];
    let blocks = [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "td",
        "th",
        "caption",
        "figcaption",
        "div",
        "section",
        "header",
        "blockquote",
        "tr",
        "ul",
        "ol",
        "table",
        "br",
        "figure",
        "article",
    ];
    let mut out = String::new();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some((_, close)) = skip.iter().find(|(open, _)| rest.starts_with(open)) {
            // Skips to the end of the element (none of them nests in itself here).
            let end = rest.find(close).unwrap() + close.len();
            rest = &rest[end..];
            continue;
        }
        let gt = rest.find('>').unwrap();
        let name: String = rest[1..gt]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if blocks.contains(&name.as_str()) {
            out.push('\n');
        }
        rest = &rest[gt + 1..];
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// `t` without any whitespace, so line breaks and spacing around inline elements do not count.
fn squeeze(t: &str) -> String {
    t.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The sentences of a text: its lines, split after ".", "?" and "!" before whitespace.
fn sentences(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in t.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '?' | '!') && chars.peek().is_some_and(|n| n.is_whitespace()) {
                out.push(std::mem::take(&mut current));
            }
        }
        out.push(current);
    }
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

/// The package is whole: every part has a content type, and every part but the content types and
/// the relationships themselves is the target of a relationship.
fn check_package(parts: &BTreeMap<String, Vec<u8>>) {
    let types = xml(parts, "[Content_Types].xml");
    let types = Document::parse(&types).unwrap();
    let defaults: BTreeSet<&str> = types
        .descendants()
        .filter(|n| n.tag_name().name() == "Default")
        .filter_map(|n| n.attribute("Extension"))
        .collect();
    let overrides: BTreeSet<&str> = types
        .descendants()
        .filter(|n| n.tag_name().name() == "Override")
        .filter_map(|n| n.attribute("PartName"))
        .collect();
    let mut targets = BTreeSet::new();
    for (name, data) in parts {
        if !name.ends_with(".rels") {
            continue;
        }
        // `word/_rels/document.xml.rels` relates from `word/`; `_rels/.rels` from the root.
        let base = name.split("_rels/").next().unwrap().to_owned();
        let rels = String::from_utf8(data.clone()).unwrap();
        let rels = Document::parse(&rels).unwrap();
        for r in rels
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
        {
            if r.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = r.attribute("Target").unwrap();
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("{base}{target}"),
            };
            assert!(
                parts.contains_key(&path),
                "{name} relates to {path}, which is not in the package"
            );
            targets.insert(path);
        }
    }
    for name in parts.keys() {
        if name == "[Content_Types].xml" {
            continue;
        }
        let extension = name.rsplit('.').next().unwrap();
        assert!(
            overrides.contains(format!("/{name}").as_str()) || defaults.contains(extension),
            "{name} has no content type"
        );
        if !name.ends_with(".rels") {
            assert!(
                targets.contains(name),
                "{name} is the target of no relationship"
            );
        }
    }
}

#[tokio::test]
async fn the_published_report_as_word_has_its_headings_tables_pictures_notes_and_every_sentence() {
    on_each_engine(async |app| {
        // The demo publishes 20.1's report (version 1, in 2020) through the publish handler's code
        // path (`seeds/demo/20.1.toml`, `[offentliggoerelse]`).
        let version = 1;
        // A læser reads what is published (the same rule as the HTML file).
        let laeser = app.login_as("laeser").await;
        let response = laeser
            .get(app.url(&format!(
                "/api/v1/audits/20.1/rapport.docx?version={version}"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert!(
            response.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains(&format!("auditrapport-20.1-v{version}.docx"))
        );
        let docx = response.bytes().await.unwrap();
        let (status, html) = get(
            &laeser,
            &app.url(&format!(
                "/api/v1/audits/20.1/rapport.html?version={version}"
            )),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        // The model the version was frozen with, from the snapshot's data block.
        let marker = "id=\"rapportdata\">";
        let data_start = html.find(marker).unwrap() + marker.len();
        let data_end = data_start + html[data_start..].find("</script>").unwrap();
        let model: serde_json::Value = serde_json::from_str(&html[data_start..data_end]).unwrap();

        let parts = unzip(&docx);
        check_package(&parts);

        let document = xml(&parts, "word/document.xml");
        let doc = Document::parse(&document).unwrap();
        let paras = paragraphs(&doc);

        // The title page, as the printed one: the agency of the report's year (000 is signed
        // Socialstyrelsen), the demo's publication date of 20.1 (18 June 2020, `seeds/demo/20.1.toml`)
        // and the month capitalised as a line of its own (`audit::danske_datoer::maaned_og_aar`).
        let first: Vec<&str> = paras.iter().take(6).map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            first,
            [
                "Socialstyrelsen",
                "Auditrapport 20.1",
                "Godkendelse af døgntilbud",
                &format!("Version {version}, offentliggjort 18. juni 2020"),
                "Juni 2020",
                "Kvalitetsmodellen, version 2017",
            ]
        );

        // Heading 1–3 are exactly the report's numbered headings, in its order, and a TOC field
        // over them opens the contents page.
        let headings: Vec<String> = paras
            .iter()
            .filter(|(s, _)| ["Heading1", "Heading2", "Heading3"].contains(&s.as_str()))
            .map(|(_, t)| t.clone())
            .collect();
        let contents: Vec<String> = model["indholdsfortegnelse"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "{} {}",
                    p["nummer"].as_str().unwrap(),
                    p["overskrift"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(headings, contents);
        assert!(
            doc.descendants().filter(|n| is_w(n, "instrText")).any(|n| n
                .text()
                .unwrap_or_default()
                .trim_start()
                .starts_with("TOC \\o \"1-3\"")),
            "no TOC field"
        );
        let styles = xml(&parts, "word/styles.xml");
        let styles = Document::parse(&styles).unwrap();
        let style_names: BTreeMap<&str, &str> = styles
            .descendants()
            .filter(|n| is_w(n, "style"))
            .filter_map(|s| {
                let name = s.children().find(|c| is_w(c, "name"))?;
                Some((w_attr(&s, "styleId")?, w_attr(&name, "val")?))
            })
            .collect();
        for (id, name) in [
            ("Heading1", "heading 1"),
            ("Heading2", "heading 2"),
            ("Heading3", "heading 3"),
            ("Quote", "Quote"),
        ] {
            assert_eq!(style_names.get(id), Some(&name), "style {id}");
        }
        // 20.1 quotes the bekendtgørelse as a quotation.
        assert!(paras.iter().any(|(s, t)| s == "Quote"
            && t.starts_with("Ved godkendelse af tilbud skal socialtilsynet vurdere")));

        // Danish, on the document's default run properties.
        let lang = styles
            .descendants()
            .find(|n| is_w(n, "rPrDefault"))
            .and_then(|d| d.descendants().find(|n| is_w(n, "lang")))
            .and_then(|l| w_attr(&l, "val"));
        assert_eq!(lang, Some("da-DK"));

        // Tables, the follow-up plan among them with a head row Word repeats and a row per action.
        let tables: Vec<Node<'_, '_>> = doc.descendants().filter(|n| is_w(n, "tbl")).collect();
        assert!(tables.len() >= 5, "{} tables", tables.len());
        let plan = tables
            .iter()
            .find(|t| text(t).starts_with("Nr.TiltagAnsvarligFristForfaldsdato"))
            .expect("the follow-up plan as a table");
        let rows: Vec<Node<'_, '_>> = plan.children().filter(|n| is_w(n, "tr")).collect();
        assert!(
            rows[0].descendants().any(|n| is_w(&n, "tblHeader")),
            "the plan's head row is not repeated"
        );
        let actions = model["opfoelgningsplan"]["tiltag"].as_array().unwrap();
        assert_eq!(rows.len(), 1 + actions.len());
        for (row, action) in rows[1..].iter().zip(actions) {
            let cells: Vec<String> = row
                .children()
                .filter(|n| is_w(n, "tc"))
                .map(|c| text(&c))
                .collect();
            assert!(
                cells[1].starts_with(action["tekst"].as_str().unwrap()),
                "{cells:?}"
            );
            // The deadline as typed, or what the page says without one.
            assert_eq!(
                cells[3],
                action["frist"]["tekst"].as_str().unwrap_or("Ingen frist")
            );
        }

        // Pictures: each drawing embeds a PNG of the package that decodes as one.
        let rels = xml(&parts, "word/_rels/document.xml.rels");
        let rels = Document::parse(&rels).unwrap();
        let targets: BTreeMap<&str, &str> = rels
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
            .map(|r| (r.attribute("Id").unwrap(), r.attribute("Target").unwrap()))
            .collect();
        let drawings = doc.descendants().filter(|n| is_w(n, "drawing")).count();
        // 20.1 has one scale, so one colour chart (farvekort).
        assert!(drawings >= 1);
        let embeds: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "blip")
            .filter_map(|b| b.attribute((R, "embed")))
            .collect();
        assert_eq!(embeds.len(), drawings);
        for id in embeds {
            let target = targets[id];
            assert!(target.starts_with("media/") && target.ends_with(".png"));
            let decoder = png::Decoder::new(Cursor::new(&parts[&format!("word/{target}")]));
            let info = decoder
                .read_info()
                .expect("a PNG that decodes")
                .info()
                .clone();
            assert!(info.width > 100 && info.height > 100);
        }

        // The notes are Word footnotes, each referred to once from the text.
        let notes = xml(&parts, "word/footnotes.xml");
        let notes = Document::parse(&notes).unwrap();
        let footnotes: BTreeMap<String, String> = notes
            .descendants()
            .filter(|n| is_w(n, "footnote"))
            .map(|f| {
                (
                    w_attr(&f, "id").unwrap().to_owned(),
                    text(&f).trim().to_owned(),
                )
            })
            .collect();
        let expected = model["fodnoter"].as_array().unwrap();
        assert_eq!(expected.len(), 2, "20.1 has two notes");
        for note in expected {
            let id = note["nummer"].to_string();
            assert_eq!(
                footnotes.get(&id).map(String::as_str),
                note["tekst"].as_str()
            );
            let references = doc
                .descendants()
                .filter(|n| is_w(n, "footnoteReference") && w_attr(n, "id") == Some(id.as_str()))
                .count();
            assert_eq!(references, 1, "footnote {id}");
        }

        // Every sentence of the published article is in the Word file.
        let word = squeeze(&text(&doc.root()));
        let sentences = sentences(&article_text(&html));
        assert!(sentences.len() > 300, "{} sentences", sentences.len());
        let missing: Vec<&String> = sentences
            .iter()
            .filter(|s| !word.contains(&squeeze(s)))
            .collect();
        assert!(missing.is_empty(), "not in the Word file: {missing:#?}");

        libreoffice_prints(&docx);
    })
    .await;
}

/// Where LibreOffice is installed, it opens the file and prints it as a PDF with the title; without
/// it (CI) this says so and checks nothing more.
fn libreoffice_prints(docx: &[u8]) {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        eprintln!("LibreOffice is not installed: the Word file was not opened in it");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rapport.docx");
    std::fs::write(&path, docx).unwrap();
    let out = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("rapport.pdf")).expect("LibreOffice printed no PDF");
    assert!(pdf.starts_with(b"%PDF"));
}
