//! The faglig udtalelse's compliance sample (demo 25.2) and the case timelines of 19.2.

use reqwest::StatusCode;

use crate::helpers::{csrf_token, get, on_each_engine};

/// The compliance table's cell for the requirement whose text starts with `krav` and the `column`th tilsyn
/// (from 0, in the order Hovedstaden, Midt, Nord, Syd, Øst; 5 is "I alt").
fn cell(page: &str, krav: &str, column: usize) -> String {
    let row_start = page
        .find(&format!(r#"<th scope="row">{krav}"#))
        .unwrap_or_else(|| panic!("no row for {krav}"));
    let row = &page[row_start..];
    let row = &row[..row.find("</tr>").unwrap()];
    row.split("<td>")
        .nth(column + 1)
        .unwrap()
        .split("</td>")
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_demo_compliance_table_has_hand_computed_shares_and_wilson_intervals() {
    on_each_engine(async |app| {
        let client = app.login_as("koordinator").await;
        let (status, page) = get(&client, &app.url("/audits/25.2/stikproeve")).await;
        assert_eq!(status, StatusCode::OK);
        // Wilson 95 % intervals worked by hand in crates/audit/src/compliance/wilson.rs:
        // 3 of 4: [0,3006; 0,9544]; 0 of 4: [0; 0,4899]; 4 of 4: [0,5101; 1].
        // One row per requirement, one column per tilsyn.
        let udfoldet = "Udfoldet skriftlig vurdering inden for alle temaer";
        // Hovedstaden, »udfoldet vurdering«: 3 of 4 reports.
        assert_eq!(
            cell(&page, udfoldet, 0),
            r#"<span class="count">3 af 4</span><br><strong class="share">75 %</strong><br><span class="ci">95 %-KI 30,1–95,4 %</span>"#
        );
        // Syd, the same requirement: none of 4 (the statement found Syd's assessments barely unfolded).
        assert!(cell(&page, udfoldet, 3).contains("0 af 4</span><br><strong class=\"share\">0 %</strong><br><span class=\"ci\">95 %-KI 0,0–49,0 %"));
        // Midt, »scorer og spindelvæv«: all 4.
        assert!(cell(&page, "Scorer for alle kvalitetsmodellens indikatorer og spindelvæv", 1).contains("4 af 4</span><br><strong class=\"share\">100 %</strong><br><span class=\"ci\">95 %-KI 51,0–100,0 %"));
        // Two checkers on the double-checked reports.
        assert!(page.contains("Enighed mellem to tjekkere"));
        assert!(page.contains("Cohens κ = "), "{page}");
    })
    .await;
}

#[tokio::test]
async fn the_koordinator_draws_a_reproducible_sample_with_its_seed() {
    on_each_engine(async |app| {
        let client = app.login_as("koordinator").await;
        let (_, page) = get(&client, &app.url("/audits/25.2/stikproeve")).await;
        assert!(page.contains("Der er endnu ikke trukket en stikprøve"));
        let token = csrf_token(&page);
        let draw = async |k: &str, seed: &str, midt: &str| {
            client
                .post(app.url("/audits/25.2/stikproeve"))
                .form(&[
                    ("_csrf", token.as_str()),
                    ("k", k),
                    ("seed", seed),
                    ("rapporter_midt", midt),
                    (
                        "rapporter_syd",
                        "rapport-d\nrapport-f\nrapport-m\nrapport-t",
                    ),
                ])
                .send()
                .await
                .unwrap()
        };
        // Too few reports from Midt for k = 3: named at Midt's list, the lists kept, nothing stored.
        let response = draw("3", "42", "rapport-a\nrapport-g").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.unwrap();
        assert!(
            page.contains(r#"id="rapporter_midt-fejl""#) && page.contains("har kun 2 rapporter"),
            "{page}"
        );
        assert!(page.contains("rapport-a\nrapport-g</textarea>"));
        assert_eq!(app.count("compliance_samples").await, 0);

        let midt = "rapport-a\nrapport-g\nrapport-o\nrapport-r";
        assert_eq!(draw("2", "42", midt).await.status(), StatusCode::SEE_OTHER);
        let (_, first) = get(&client, &app.url("/audits/25.2/stikproeve")).await;
        assert!(first.contains("<code>42</code>"), "the seed is shown");
        let drawn = |page: &str| {
            let start = page.find("Udtrukket, i trækningens rækkefølge").unwrap();
            page[start..start + page[start..].find("</table>").unwrap()].to_owned()
        };
        // The same lists (in another order) and seed give the same sample.
        assert_eq!(
            draw("2", "42", "rapport-r\nrapport-o\nrapport-g\nrapport-a")
                .await
                .status(),
            StatusCode::SEE_OTHER
        );
        let (_, second) = get(&client, &app.url("/audits/25.2/stikproeve")).await;
        assert_eq!(drawn(&first), drawn(&second));
        assert_eq!(app.count("compliance_samples").await, 2);

        // A panelist of 25.2 sees the sample but gets no form; a læser may not open the audit.
        let panelist = app.login_as("midt-4").await;
        let (status, page) = get(&panelist, &app.url("/audits/25.2/stikproeve")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("Træk stikprøven"));
        let laeser = app.login_as("laeser").await;
        let (status, _) = get(&laeser, &app.url("/audits/25.2/stikproeve")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}

#[tokio::test]
async fn the_19_2_case_timelines_are_drawn_with_their_durations() {
    on_each_engine(async |app| {
        let client = app.login_as("koordinator").await;
        let (status, page) = get(&client, &app.url("/audits/19.2/sagsforloeb")).await;
        assert_eq!(status, StatusCode::OK);
        // One SVG per case, each with a title and a text alternative.
        assert_eq!(page.matches(r#"<svg role="img""#).count(), 10);
        assert!(
            page.contains("<title id=\"tidslinje-0-titel\">Tidslinje for Sag B</title>"),
            "{page}"
        );
        assert!(page.contains("(dag 0): <strong>Bekymring opstået</strong>"));
        // Sag A (Syd, seeds/demo/19.2.toml), counted by hand from the concern on 6 March 2018:
        // dialogue meeting 28 August: 25 + 30 + 31 + 30 + 31 + 28 = 175 days; agterskrivelse 16 October:
        // 175 + 3 + 30 + 16 = 224; påbud 27 November: 224 + 15 + 27 = 266; agterskrivelse → påbud 42.
        let row = {
            let start = page.find(r#"<th scope="row">Sag A</th>"#).unwrap();
            &page[start..start + page[start..].find("</tr>").unwrap()]
        };
        for days in ["175 dage", "224 dage", "266 dage", "42 dage"] {
            assert!(row.contains(days), "{days} in {row}");
        }
        assert!(page.contains("<th scope=\"row\" colspan=\"2\">Median</th>"));
        let laeser = app.login_as("laeser").await;
        let (status, _) = get(&laeser, &app.url("/audits/19.2/sagsforloeb")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    })
    .await;
}
