//! The dashboard's figures are right: on a small round whose coefficients are computed by hand (with the
//! arithmetic written out next to each expected value), the page shows exactly those numbers, items in
//! the order of their agreement and one heatmap cell per rating.
//!
//! On the demo's 20.1 (revealed, with round-2 ratings: 32 units × 10 raters, too many to compute by
//! hand) the tests check that the page renders the calibration report faithfully — every coefficient,
//! the item order, the heatmap's cells, both rounds, the severities — and that the agreement API returns
//! `agreement::analyse` on the audit's scored matrix, the shape of `auditpanel agreement --format json`.
//! Those compare the page with the report it was made from; the correctness of the numbers is the hand
//! computation's (here) and the agreement crate's own reference tests' (published values).

use std::collections::BTreeSet;

use agreement::AnalysisOptions;
use audit::Round;
use audit::calibration::{Items, Selection};
use reqwest::StatusCode;
use serde_json::Value;

use super::{
    attribute_values, audit_and_ratings, between, coefficient, danish, expected_report, fragment,
};
use crate::full_round::{UNITS, revealed_round};
use crate::helpers::{NOW, client, get, get_with_intervals, on_each_engine};

/// The small round's ratings of [`UNITS`] (8.a/sag-a, 8.a/sag-b, 8.b/sag-a, 8.b/sag-b) on the drift scale
/// 1–5: the panel disagrees on indicator 8.a and agrees fully on 8.b.
const SMALL_ROUND: [(&str, [i64; 4]); 3] = [
    ("midt-1", [1, 4, 2, 5]),
    ("syd-1", [2, 5, 2, 5]),
    ("oest-3", [3, 4, 2, 5]),
];

#[tokio::test]
async fn the_dashboard_of_a_small_round_shows_the_coefficients_computed_by_hand() {
    on_each_engine(async |app| {
        let koordinator = revealed_round(app, &SMALL_ROUND).await;
        let (status, page) = get(&koordinator, &app.url("/audits/25.9/enighed")).await;
        assert_eq!(status, StatusCode::OK, "{page}");

        // By hand, 4 units × 3 raters, 3 rater pairs per unit. The units get 1 2 3 (no pair agrees),
        // 4 5 4 (one pair of three), 2 2 2 and 5 5 5 (all three pairs).
        // - Percent agreement (mean share of agreeing pairs, Fleiss 1971's P̄):
        //   (0 + 1/3 + 1 + 1) / 4 = 7/12.
        // - Fleiss' κ (Fleiss 1971): category shares of the 12 ratings 1: 1, 2: 4, 3: 1, 4: 2, 5: 4, so
        //   P̄ₑ = Σp² = (1 + 16 + 1 + 4 + 16) / 144 = 19/72 and κ = (7/12 − 19/72) / (1 − 19/72) = 23/53.
        // - Gwet's AC1 (Gwet 2008, q = 5 categories of the scale): pₑ = Σπ(1 − π) / (q − 1)
        //   = (1 − 19/72) / 4 = 53/288, AC1 = (7/12 − 53/288) / (1 − 53/288) = 115/235 = 23/47.
        // - Brennan & Prediger (1981), chance 1/q: (7/12 − 1/5) / (1 − 1/5) = 23/48.
        let table = fragment(&page, "s0-koefficienter", "</table>");
        for (key, by_hand) in [
            ("percent_agreement", 7.0 / 12.0),
            ("fleiss_kappa", 23.0 / 53.0),
            ("gwet_ac1", 23.0 / 47.0),
            ("brennan_prediger", 23.0 / 48.0),
        ] {
            let shown = coefficient(table, key);
            assert!(
                (shown - by_hand).abs() < 1e-12,
                "{key}: {shown} ≠ {by_hand}"
            );
        }
        // As the page writes them: percent agreement in whole percent, the others with a decimal comma.
        assert!(table.contains(">58 %</data>"), "{table}");
        assert!(table.contains(">0,49</data>"), "{table}");
        assert!(table.contains(">0,43</data>"), "{table}");

        // "Drøft disse først": 8.a (units 1 2 3 and 4 5 4: (0 + 1/3) / 2 = 1/6 of the pairs agree) before
        // 8.b (every pair agrees: 1).
        let items = fragment(&page, "s0-punkter", "</table>");
        assert_eq!(attribute_values(items, "data-item"), ["8.a", "8.b"]);
        let shown: Vec<f64> =
            attribute_values(items, r#"data-koefficient="percent_agreement" value"#)
                .iter()
                .map(|v| v.parse().unwrap())
                .collect();
        assert_eq!(shown.len(), 2, "{items}");
        assert!((shown[0] - 1.0 / 6.0).abs() < 1e-12, "{shown:?}");
        assert!((shown[1] - 1.0).abs() < 1e-12, "{shown:?}");

        // The heatmap: one cell per rating, 4 units × 3 raters.
        let svg = fragment(&page, "s0-heatmap-figur-titel", "</svg>");
        assert_eq!(svg.matches(r#"class="cell""#).count(), 12, "{svg}");
        let units: BTreeSet<String> = attribute_values(svg, "data-unit").into_iter().collect();
        assert_eq!(units.len(), UNITS.len(), "{units:?}");
    })
    .await;
}

#[tokio::test]
async fn the_dashboard_of_20_1_shows_the_coefficients_of_the_agreement_crate() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        let (status, page) =
            get_with_intervals(&koordinator, &app.url("/audits/20.1/enighed")).await;
        assert_eq!(status, StatusCode::OK, "{page}");

        // Expected: the calibration report on the ratings the koordinator may see (every submitted rating
        // once revealed): the page must render the report it was made from, number for number.
        let report = expected_report(app, "20.1", "koordinator").await;
        assert_eq!(
            report.scales.len(),
            1,
            "20.1's three forms share the approval scale"
        );
        let scale = &report.scales[0];
        let overall = &scale.overall;
        let table = fragment(&page, "s0-koefficienter", "</table>");
        for (key, expected) in [
            ("percent_agreement", &overall.percent_agreement),
            ("gwet_ac1", &overall.gwet_ac1),
            ("fleiss_kappa", &overall.fleiss_kappa),
            ("krippendorff_alpha", &overall.krippendorff_alpha),
            ("brennan_prediger", &overall.brennan_prediger),
        ] {
            assert_eq!(coefficient(table, key), expected.value.unwrap(), "{key}");
        }
        // The numbers as the page writes them: decimal comma, and the 95 % interval beside them.
        let ac1 = overall.gwet_ac1.value.unwrap();
        let [lo, hi] = overall.gwet_ac1.ci95.unwrap();
        assert!(
            table.contains(&format!(">{}</data>", danish(ac1, 2))),
            "{table}"
        );
        assert!(
            table.contains(&format!("{} til {}", danish(lo, 2), danish(hi, 2))),
            "{table}"
        );
        assert!(
            table.contains("bootstrap over enheder"),
            "α has its bootstrap interval"
        );

        // The κ paradox: 20.1 is skewed towards "forventes at kunne opfylde" (seeds/demo/20.1.toml,
        // niveau 1.7), and the page explains why κ is so much lower than AC1.
        let paradox = fragment(&page, "s0-paradoks", "</div>");
        assert!(paradox.contains("κ-paradokset"), "{paradox}");
        assert!(paradox.contains("er langt lavere end AC1"), "{paradox}");

        // "Drøft disse først": the items in the report's order, least agreement first.
        let items = fragment(&page, "s0-punkter", "</table>");
        let order = attribute_values(items, "data-item");
        let expected: Vec<String> = scale.items.iter().map(|i| i.item.to_string()).collect();
        assert_eq!(order, expected);
        assert_eq!(order.len(), 8, "8 items in 20.1's three forms");
        let shown: Vec<f64> =
            attribute_values(items, r#"data-koefficient="percent_agreement" value"#)
                .iter()
                .map(|v| v.parse().unwrap())
                .collect();
        assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");

        // The heatmap: one cell per (unit, rater) with a value, no more.
        let svg = fragment(&page, "s0-heatmap-figur-titel", "</svg>");
        let cells: BTreeSet<(String, String)> = attribute_values(svg, "data-unit")
            .into_iter()
            .zip(attribute_values(svg, "data-rater"))
            .collect();
        let expected: BTreeSet<(String, String)> = scale
            .heatmap
            .rows
            .iter()
            .flat_map(|row| {
                row.values
                    .iter()
                    .zip(&scale.heatmap.raters)
                    .filter(|(v, _)| v.is_some())
                    .map(|(_, r)| (row.unit.clone(), r.username.to_string()))
            })
            .collect();
        assert_eq!(svg.matches(r#"class="cell""#).count(), expected.len());
        assert_eq!(cells, expected);
        // 32 units × the 8 participants (000: "I alt deltog 8 personer"), nearly all rated
        // (seeds/demo/20.1.toml: mangler = 0.02).
        assert!(expected.len() > 240, "{}", expected.len());
        assert!(
            page.contains("Konsulent Midt 1 (Midt)"),
            "raters by name and tilsyn"
        );

        // Round 1 vs round 2: both rounds on the same cells, from the report.
        let rounds = scale.rounds.as_ref().expect("20.1 has round-2 ratings");
        let table = fragment(&page, "s0-runde-tabel", "</table>");
        let row = between(table, r#"data-koefficient="percent_agreement""#, "</tr>");
        let values: Vec<f64> = attribute_values(row, "value")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        assert_eq!(
            values[..2],
            [
                rounds.first.percent_agreement.value.unwrap(),
                rounds.second.percent_agreement.value.unwrap()
            ]
        );
        assert!(page.contains(&format!(
            "Sammenligningen bruger kun de {} bedømmelser",
            rounds.paired_ratings
        )));

        // Severity and tilsyn effects are there, with the raters' severities of the report.
        let raters = fragment(&page, "s0-bedoemmere", "</table>");
        for r in scale.raters.iter().filter(|r| r.severity.is_some()) {
            let row = between(raters, &format!(r#"data-rater="{}""#, r.username), "</tr>");
            assert!(
                row.contains(&format!(r#"value="{}""#, r.severity.unwrap())),
                "{row}"
            );
        }
        assert!(page.contains(r#"id="s0-tilsynseffekter""#));
        assert!(
            page.contains(r#"class="zero""#),
            "the severity chart has its zero line"
        );
    })
    .await;
}

#[tokio::test]
async fn the_agreement_api_is_the_analysis_of_the_scored_matrix() {
    on_each_engine(async |app| {
        let (audit, ratings) = audit_and_ratings(app, "20.1", "koordinator").await;
        // What `auditpanel agreement --format json` prints for this matrix, serialised and read back
        // the same way the response is read.
        let expected = |round| {
            let selection = Selection {
                round,
                ..Selection::new(Items::Scored)
            };
            let matrix = audit::calibration::build(&audit, &ratings, &selection)
                .unwrap()
                .ratings;
            let analysis = agreement::analyse(&matrix, &AnalysisOptions::default(), &|_, _| {});
            serde_json::from_str::<Value>(&serde_json::to_string(&analysis).unwrap()).unwrap()
        };

        let koordinator = app.login_as("koordinator").await;
        let response = koordinator
            .get(app.url("/api/v1/audits/20.1/agreement"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(body, expected(Round::First));
        assert_eq!(body["units"], 32);
        // 20.1's graded scale (»i hvilken grad det var sandsynliggjort«) orders its steps.
        assert_eq!(body["level"], "ordinal");
        assert!(body["coefficients"]["gwet_ac1"]["estimate"].is_f64());

        // A panelist with a bearer token gets the same; round 2 on request.
        let token =
            store::sessions::create_api_token(app.db.db(), &"midt-1".parse().unwrap(), "test", NOW)
                .await
                .unwrap();
        let response = client()
            .get(app.url("/api/v1/audits/20.1/agreement?round=2"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        assert_eq!(body, expected(Round::Second));

        // A round that does not exist is a Danish 422 problem.
        let response = koordinator
            .get(app.url("/api/v1/audits/20.1/agreement?round=3"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = response.json().await.unwrap();
        assert!(
            problem["detail"].as_str().unwrap().contains("1 eller 2"),
            "{problem}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_other_revealed_demo_audits_have_their_dashboards_and_notes() {
    on_each_engine(async |app| {
        let koordinator = app.login_as("koordinator").await;
        // 19.1 nominates the best example per indicator and 19.2 selects cases (seeds/demo): no scale,
        // only choices; 25.2 rates a checklist.
        for (nr, scales, choices) in [("19.1", 0, 2), ("19.2", 0, 1), ("25.2", 1, 0)] {
            let report = expected_report(app, nr, "koordinator").await;
            assert_eq!(
                (report.scales.len(), report.choices.len()),
                (scales, choices),
                "{nr}"
            );
            let (status, page) =
                get(&koordinator, &app.url(&format!("/audits/{nr}/enighed"))).await;
            assert_eq!(status, StatusCode::OK, "{nr}: {page}");
            assert_eq!(page.contains(r#"<svg class="heatmap""#), scales > 0, "{nr}");
            assert_eq!(page.contains(r#"id="valg""#), choices > 0, "{nr}");
            for (i, choice) in report.choices.iter().enumerate() {
                let table = fragment(&page, &format!("valg-{i}-koefficienter"), "</table>");
                assert_eq!(
                    coefficient(table, "percent_agreement"),
                    choice.coefficients.percent_agreement.value.unwrap(),
                    "{nr}"
                );
            }
            let response = koordinator
                .get(app.url(&format!("/api/v1/audits/{nr}/agreement")))
                .send()
                .await
                .unwrap();
            if scales > 0 {
                assert_eq!(response.status(), StatusCode::OK, "{nr}");
            } else {
                // The API analyses scales; a round without scored items is a Danish 409.
                assert_eq!(response.status(), StatusCode::CONFLICT, "{nr}");
                let problem: Value = response.json().await.unwrap();
                assert!(
                    problem["detail"]
                        .as_str()
                        .unwrap()
                        .contains("ingen indsendte bedømmelser på en skala")
                );
            }
            // Every topic's notes open, also a tematik whose key has spaces and æøå (19.2).
            let (status, list) =
                get(&koordinator, &app.url(&format!("/audits/{nr}/droeftelser"))).await;
            assert_eq!(status, StatusCode::OK, "{nr}");
            let topics: Vec<String> = attribute_values(&list, "href")
                .into_iter()
                .filter(|h| h.contains("/droeftelser/"))
                .collect();
            // 25.2's checklist has no indicator to discuss.
            assert_eq!(topics.is_empty(), nr == "25.2", "{nr}");
            if topics.is_empty() {
                assert!(list.contains("har ingen indikatorer at drøfte"), "{list}");
            }
            for href in topics {
                let (status, form) = get(&koordinator, &app.url(&href)).await;
                assert_eq!(status, StatusCode::OK, "{href}");
                assert!(form.contains(r#"class="notes-form""#), "{href}");
            }
        }
    })
    .await;
}
