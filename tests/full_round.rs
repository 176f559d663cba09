//! A whole audit round over HTTP, as issue 5 describes it: the koordinator sets up an audit, its panel,
//! material and form and opens vurdering; three panelists submit; the koordinator reveals; the dashboard
//! and the agreement API show the coefficients `crates/agreement` computes on the same data; round 2.

use agreement::{AnalysisOptions, Level, RatingsBuilder, analyse};
use reqwest::{Client, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, csrf_token, get, on_each_engine};
use crate::setup::{post, stored, upload};

/// The round-1 values each panelist gives the four units (indicators 8.a and 8.b × Sag A and Sag B).
const VALUES: [(&str, [i64; 4]); 3] = [
    ("midt-1", [4, 3, 2, 5]),
    ("syd-1", [4, 2, 2, 4]),
    ("oest-3", [3, 3, 1, 5]),
];
pub(crate) const UNITS: [&str; 4] = ["8.a/sag-a", "8.a/sag-b", "8.b/sag-a", "8.b/sag-b"];

/// Sets up audit 25.9 through the koordinator's pages (indicators 8.a and 8.b on the drift scale, Sag A
/// and Sag B, panelists midt-1, syd-1 and oest-3), lets each panelist submit `values` for [`UNITS`]
/// through the API, checks that the agreement is closed before the reveal, and reveals; returns the
/// koordinator's client.
pub(crate) async fn revealed_round(app: &TestApp, values: &[(&str, [i64; 4])]) -> Client {
    let k = app.login_as("koordinator").await;
    let (_, page) = get(&k, &app.url("/audits/new")).await;
    let csrf = csrf_token(&page);

    // Set-up through the koordinator's pages.
    let (status, _, body) = post(
        app,
        &k,
        &csrf,
        "/audits/new",
        &[
            ("model_version", "2024"),
            ("nr", "25.9"),
            ("titel", "Kompetent ledelse"),
            ("formaal", "At måle kalibreringen af indikator 8.a og 8.b."),
            ("fokus_art", "indikatorer"),
            ("indikator", "8.a"),
            ("indikator", "8.b"),
            ("fokus_tekst", ""),
            ("skala", "drift"),
            ("deadline", "2025-03-20"),
            ("meeting_date", "2025-03-27"),
            ("reveal_rule", "ved-moedet"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    for (username, tilsyn) in [("midt-1", "midt"), ("syd-1", "syd"), ("oest-3", "oest")] {
        let rolle = if username == "oest-3" {
            "faglig-leder"
        } else {
            "tilsynskonsulent"
        };
        let (status, _, body) = post(
            app,
            &k,
            &csrf,
            "/audits/25.9/panel",
            &[
                ("username", username),
                ("tilsyn", tilsyn),
                ("rolle", rolle),
                ("deltagelse", "deltager"),
            ],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{username}: {body}");
    }
    for (pseudonym, tilsyn) in [("Sag A", "syd"), ("Sag B", "hovedstaden")] {
        let (status, body) = upload(
            app,
            &k,
            Some(&csrf),
            "/audits/25.9/material",
            &[
                ("pseudonym", pseudonym),
                ("tilsyn", tilsyn),
                ("kind", "tilsynsrapport"),
            ],
            Some(("rapport.pdf", "application/pdf", b"%PDF-1.4 demo")),
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{pseudonym}: {body}");
    }
    let (status, _, body) = post(
        app,
        &k,
        &csrf,
        "/audits/25.9/forms",
        &[
            ("titel", "Vurderingsskema: ledelse"),
            ("skala", "drift"),
            ("materialer", "alle"),
            ("indikator", "8.a"),
            ("indikator", "8.b"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let (status, _, body) = post(
        app,
        &k,
        &csrf,
        "/audits/25.9/transition",
        &[("to", "vurdering")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let audit = stored(app, "25.9").await;
    let units: Vec<String> = audit.units().iter().map(ToString::to_string).collect();
    assert_eq!(
        units, UNITS,
        "the form rates two indicators for both materials"
    );

    // Three panelists submit round 1 through the API, with their session cookies.
    for &(username, values) in values {
        let client = app.login_as(username).await;
        let ratings: Vec<_> = UNITS
            .iter()
            .zip(values)
            .map(|(unit, value)| json!({"unit": unit, "value": value, "reason": format!("{username} om {unit}")}))
            .collect();
        let response = client
            .post(app.url("/api/v1/audits/25.9/ratings"))
            .json(&json!({"ratings": ratings, "submit": true}))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{username}: {}",
            response.text().await.unwrap()
        );
    }
    // Before the reveal the agreement is closed to everyone, the koordinator included.
    let response = k
        .get(app.url("/api/v1/audits/25.9/agreement"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // The reveal, through the API.
    let response = k
        .post(app.url("/api/v1/audits/25.9/transition"))
        .json(&json!({"to": "droeftelse"}))
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "{}",
        response.text().await.unwrap()
    );
    k
}

#[tokio::test]
async fn a_whole_round_from_set_up_to_revealed_agreement_and_round_two() {
    on_each_engine(async |app| {
        let k = revealed_round(app, &VALUES).await;

        // The agreement API equals crates/agreement on the same 4 units × 3 raters, ordinal 1–5.
        let mut builder = RatingsBuilder::new(Level::Ordinal, Some((1..=5).map(|v| v.to_string()).collect())).unwrap();
        for (username, values) in VALUES {
            for (unit, value) in UNITS.iter().zip(values) {
                builder.add(unit, username, Some(&value.to_string())).unwrap();
            }
        }
        let expected = analyse(&builder.build().unwrap(), &AnalysisOptions::default(), &|_, _| {});
        let response = k.get(app.url("/api/v1/audits/25.9/agreement")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let got: serde_json::Value = response.json().await.unwrap();
        for name in ["percent_agreement", "krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "gwet_ac2", "icc2_1"] {
            let want = expected.coefficients.get(name).map(|e| e.estimate);
            let have = got["coefficients"][name]["estimate"].as_f64();
            assert_eq!(have, want, "{name}");
        }
        assert_eq!((got["units"].as_u64(), got["raters"].as_u64()), (Some(4), Some(3)));
        // And equals the coefficients computed by hand on these 12 ratings (units u1–u4 get 4 4 3, 3 2 3,
        // 2 2 1 and 5 4 5): one agreeing pair of three in each unit, so percent agreement = 1/3 (Fleiss
        // 1971, P̄); categories 1–5 used 1, 3, 3, 3 and 2 times of 12, Σp² = 32/144 = 2/9, so Fleiss'
        // κ = (1/3 − 2/9) / (1 − 2/9) = 1/7; Gwet's AC1 (Gwet 2008, q = 5): p_e = (1 − 2/9) / 4 = 7/36,
        // AC1 = (1/3 − 7/36) / (1 − 7/36) = 5/29.
        for (name, by_hand) in [("percent_agreement", 1.0 / 3.0), ("fleiss_kappa", 1.0 / 7.0), ("gwet_ac1", 5.0 / 29.0)] {
            let have = got["coefficients"][name]["estimate"].as_f64().unwrap();
            assert!((have - by_hand).abs() < 1e-12, "{name}: {have} ≠ {by_hand}");
        }

        // The dashboard shows Krippendorff's α with a decimal comma, as the agreement crate computed it.
        let alpha = expected.coefficients.get("krippendorff_alpha").unwrap().estimate;
        let (status, dashboard) = get(&k, &app.url("/audits/25.9/enighed")).await;
        assert_eq!(status, StatusCode::OK);
        let shown = agreement::interpretation::format_decimal(alpha, 2);
        assert!(dashboard.contains(&shown), "the dashboard shows α = {shown}");

        // Round 2: one panelist revises a rating with a reason; round 1 stays as it was.
        let midt = &app.login_as("midt-1").await;
        let response = midt
            .post(app.url("/api/v1/audits/25.9/ratings"))
            .json(&json!({
                "ratings": [{"unit": "8.b/sag-a", "value": 1, "reason": "Efter drøftelsen: ingen ekstern supervision."}],
                "submit": true,
                "round": 2
            }))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.text().await.unwrap());
        let all: serde_json::Value = k.get(app.url("/api/v1/audits/25.9/ratings")).send().await.unwrap().json().await.unwrap();
        let midt_8b_a: Vec<(u64, i64)> = all["ratings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["rater"] == "midt-1" && r["unit"] == "8.b/sag-a")
            .map(|r| (r["round"].as_u64().unwrap(), r["value"].as_i64().unwrap()))
            .collect();
        assert_eq!(midt_8b_a, [(1, 2), (2, 1)]);
    })
    .await;
}
