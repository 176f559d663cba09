//! The `auditpanel` process as users and scripts call it: output formats, exit codes, Danish errors.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

fn auditpanel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn model_json_has_the_documented_shape_and_counts() {
    let model = stdout_json(&auditpanel(&["model", "--format", "json"]));
    assert_eq!(model["version"], "2024");
    let temaer = model["temaer"].as_array().unwrap();
    // Seed 004: 7 temaer, 11 kriterier, 32 indikatorer.
    assert_eq!(temaer.len(), 7);
    let kriterier: Vec<&serde_json::Value> = temaer
        .iter()
        .flat_map(|t| t["kriterier"].as_array().unwrap())
        .collect();
    assert_eq!(kriterier.len(), 11);
    let indikatorer: Vec<&serde_json::Value> = kriterier
        .iter()
        .flat_map(|k| k["indikatorer"].as_array().unwrap())
        .collect();
    assert_eq!(indikatorer.len(), 32);
    for key in ["id", "navn", "kriterier"] {
        assert!(temaer[0].get(key).is_some(), "tema lacks {key}");
    }
    for key in ["id", "tekst", "gaelder"] {
        assert!(indikatorer[0].get(key).is_some(), "indikator lacks {key}");
    }
    let c8 = indikatorer.iter().find(|i| i["id"] == "8.c").unwrap();
    assert_eq!(c8["gaelder"]["regel"], "kun-privat-med-bestyrelse");
}

#[test]
fn older_model_version_is_available() {
    let model = stdout_json(&auditpanel(&[
        "model",
        "--version",
        "2017",
        "--format",
        "json",
    ]));
    assert_eq!(model["version"], "2017");
}

#[test]
fn applicable_to_lists_indicator_ids() {
    let ids = |args: &[&str]| -> Vec<String> {
        let v = stdout_json(&auditpanel(args));
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect()
    };
    let krisecenter = ids(&[
        "model",
        "--applicable-to",
        "krisecenter",
        "--format",
        "json",
    ]);
    // Seed 004: 3.c, 6.a, 6.b and 14.c do not apply to § 109 krisecentre; 1.d, 1.e, 2.f only to children's
    // offers; 8.c only to private offers with a board. 32 − 8 = 24.
    assert_eq!(krisecenter.len(), 24);
    for excluded in ["3.c", "6.a", "6.b", "14.c", "1.d", "1.e", "2.f", "8.c"] {
        assert!(
            !krisecenter.iter().any(|i| i == excluded),
            "{excluded} must not apply to krisecentre"
        );
    }
    let private = ids(&[
        "model",
        "--applicable-to",
        "botilbud",
        "--private-with-board",
        "--format",
        "json",
    ]);
    assert!(private.iter().any(|i| i == "8.c"));
    assert_eq!(private.first().map(String::as_str), Some("1.a"));
}

#[test]
fn deadline_json_gives_period_and_due_date() {
    let v = stdout_json(&auditpanel(&[
        "deadline",
        "2. halvår 2019",
        "--format",
        "json",
    ]));
    assert_eq!(
        v,
        serde_json::json!({"from": "2019-07-01", "to": "2019-12-31", "due": "2019-12-31"})
    );
    // Meteorological autumn: September–November.
    let v = stdout_json(&auditpanel(&[
        "deadline",
        "efteråret 2019",
        "--format",
        "json",
    ]));
    assert_eq!(v["due"], "2019-11-30");
    let v = stdout_json(&auditpanel(&[
        "deadline",
        "ved førstkommende lejlighed",
        "--format",
        "json",
    ]));
    assert_eq!(
        v,
        serde_json::json!({"from": null, "to": null, "due": null})
    );
    let out = auditpanel(&["deadline", "15. marts 2025"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("15. marts 2025"));
}

#[test]
fn bad_input_is_a_danish_error_with_exit_code_2() {
    for (args, needle) in [
        (&["deadline", "snart"][..], "»snart«"),
        (&["model", "--applicable-to", "rumskib"][..], "»rumskib«"),
        (&["model", "--version", "1999"][..], "»1999«"),
    ] {
        let out = auditpanel(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("fejl: ") && stderr.contains(needle),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty());
    }
}
