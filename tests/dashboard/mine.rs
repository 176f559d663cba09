//! "Dig og panelet": a 20.1 panelist sees their own answer highlighted in the panel's distribution for
//! every unit, and their own severity — theirs and nobody else's.

use reqwest::StatusCode;

use super::{attribute_values, between, expected_report};
use crate::helpers::{get_with_intervals, on_each_engine};

#[tokio::test]
async fn a_panelist_sees_their_own_ratings_against_the_panel_and_only_their_own() {
    on_each_engine(async |app| {
        let report = expected_report(app, "20.1", "midt-1").await;
        let scale = &report.scales[0];
        let column = |username: &str| {
            scale
                .heatmap
                .raters
                .iter()
                .position(|r| r.username.as_str() == username)
                .unwrap()
        };
        for username in ["midt-1", "hovedstaden-1"] {
            let session = app.login_as(username).await;
            let (status, page) = get_with_intervals(&session, &app.url("/audits/20.1/mig")).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            // Expected: the user's own column of the report's heatmap, unit by unit.
            let c = column(username);
            let mut own_units = 0;
            for row in &scale.heatmap.rows {
                let tr = between(&page, &format!(r#"data-unit="{}""#, row.unit), "</tr>");
                let shown = attribute_values(tr, "data-value");
                match row.values[c] {
                    Some(code) => {
                        own_units += 1;
                        assert_eq!(shown, [code.to_string()], "{username} {}", row.unit);
                        // The others with the same answer, counted from the same row.
                        let others = row
                            .values
                            .iter()
                            .enumerate()
                            .filter(|(r, v)| *r != c && v.is_some())
                            .count();
                        let same = row
                            .values
                            .iter()
                            .enumerate()
                            .filter(|(r, v)| *r != c && **v == Some(code))
                            .count();
                        assert!(tr.contains(&format!("{same} af {others}")), "{tr}");
                        assert!(tr.contains("(heraf dig)"), "own answer marked: {tr}");
                    }
                    None => assert!(shown.is_empty(), "{tr}"),
                }
            }
            assert!(own_units > 25, "{username} rated most of 20.1's 32 units");
            // The own severity with its interval, as the report computes it.
            let severity = scale
                .raters
                .iter()
                .find(|r| r.username.as_str() == username)
                .unwrap();
            let sentence = between(&page, r#"class="own-severity""#, "</p>");
            assert!(
                sentence.contains(&format!(r#"value="{}""#, severity.severity.unwrap())),
                "{sentence}"
            );
            assert!(sentence.contains("95 %-interval"), "{sentence}");
            assert!(
                page.contains(r#"font-weight="bold""#),
                "own row highlighted in the chart"
            );
            // The colleagues are ranked under the published report's pseudonyms, never by name
            // (the names and logins are those of the live dashboard's report, `expected_report`).
            for r in scale
                .raters
                .iter()
                .filter(|r| r.username.as_str() != username)
            {
                assert!(
                    !page.contains(&r.navn),
                    "{username}'s page names {}",
                    r.navn
                );
                assert!(
                    !page.contains(r.username.as_str()),
                    "{username}'s page holds {}",
                    r.username
                );
            }
            if username == "midt-1" {
                // hovedstaden-1 holds the first seat of 20.1's panel (seeds/demo/20.1.toml).
                assert!(
                    page.contains("Bedømmer A (Hovedstaden)"),
                    "the first seat's pseudonym"
                );
            }
        }
    })
    .await;
}
