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

/// Seed 000_…: "tilbud, der søger om godkendelse som flere tilbudstyper fx § 66 og § 107". The union of the rules
/// (seed 004): krisecenter alone lacks 3.c, 6.a, 6.b, 14.c, which a botilbud has, so botilbud,krisecenter has the
/// botilbud's 28 (32 − 1.d, 1.e, 2.f, 8.c).
#[test]
fn applicable_to_several_types_gives_the_union_and_a_plejefamilie_a_danish_refusal() {
    let both = stdout_json(&auditpanel(&[
        "model",
        "--applicable-to",
        "botilbud,krisecenter",
        "--format",
        "json",
    ]));
    let both = both.as_array().unwrap();
    assert_eq!(both.len(), 28);
    for from_botilbud in ["3.c", "6.a", "6.b", "14.c"] {
        assert!(both.iter().any(|i| i == from_botilbud), "{from_botilbud}");
    }
    let table = auditpanel(&["model", "--applicable-to", "botilbud,krisecenter"]);
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.starts_with("28 af 32 indikatorer i kvalitetsmodel 2024 gælder for Botilbud (servicelovens § 107 og § 108) og Krisecenter (servicelovens § 109):"),
        "{text}"
    );
    let pleje = auditpanel(&["model", "--applicable-to", "plejefamilie"]);
    assert!(!pleje.status.success());
    let err = String::from_utf8(pleje.stderr).unwrap();
    assert!(
        err.contains("plejefamilier vurderes efter kvalitetsmodellen for plejefamilier"),
        "{err}"
    );
    let mixed = auditpanel(&["model", "--applicable-to", "plejefamilie,botilbud"]);
    let err = String::from_utf8(mixed.stderr).unwrap();
    assert!(
        err.contains(
            "en plejefamilie kan ikke samtidig være et tilbud af en anden type (Botilbud)"
        ),
        "{err}"
    );
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
        serde_json::json!({"kind": "due", "from": "2019-07-01", "to": "2019-12-31", "due": "2019-12-31"})
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
        serde_json::json!({"kind": "none", "from": null, "to": null, "due": null})
    );
    let out = auditpanel(&["deadline", "15. marts 2025"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("15. marts 2025"));
}

/// The three kinds the sources use: due ("i 2. halvår 2019", 002), a start ("fra 2. halvår 2020", 000:
/// "Socialstyrelsen vil fra 2. halvår 2020 initiere et udviklingsarbejde"), ongoing ("løbende"); and a
/// deadline counted from publication, resolved by `--published` (hand-counted: 15 June 2020 + 6 months).
#[test]
fn deadline_tells_a_due_date_from_a_start_and_resolves_relative_ones() {
    let json = |args: &[&str]| {
        let mut all = vec!["deadline"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        stdout_json(&auditpanel(&all))
    };
    assert_eq!(
        json(&["fra 2. halvår 2020"]),
        serde_json::json!({"kind": "start", "from": "2020-07-01", "to": null, "due": null})
    );
    assert_eq!(
        json(&["løbende"]),
        serde_json::json!({"kind": "ongoing", "from": null, "to": null, "due": null})
    );
    assert_eq!(
        json(&[
            "senest 6 måneder efter offentliggørelsen",
            "--published",
            "2020-06-15"
        ]),
        serde_json::json!({"kind": "relative", "from": "2020-06-15", "to": "2020-12-15", "due": "2020-12-15"})
    );
    assert_eq!(
        json(&["inden for et år"]),
        serde_json::json!({"kind": "relative", "from": null, "to": null, "due": null})
    );
    let out = auditpanel(&["deadline", "fra 2. halvår 2020"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Arbejdet begynder 1. juli 2020"), "{table}");
    let out = auditpanel(&["deadline", "inden for et år", "--published", "juni 2020"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--published"));
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

fn reference_csv(name: &str) -> String {
    format!(
        "{}/../agreement/tests/data/{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn agreement_json_reproduces_krippendorffs_published_values() {
    let file = reference_csv("krippendorff2011_C");
    for (level, alpha) in [
        // Krippendorff (2011) section C; full precision from R irr 0.84.1 (shared/reference/README.md).
        ("nominal", 0.743421052631579),
        ("ordinal", 0.815387503754881),
        ("interval", 0.849107142857143),
        ("ratio", 0.797402774711612),
    ] {
        let v = stdout_json(&auditpanel(&[
            "agreement",
            &file,
            "--level",
            level,
            "--format",
            "json",
        ]));
        let got = v["coefficients"]["krippendorff_alpha"]["estimate"]
            .as_f64()
            .unwrap();
        assert!((got - alpha).abs() < 1e-9, "{level}: {got}");
        assert_eq!(
            (
                v["units"].as_u64(),
                v["raters"].as_u64(),
                v["ratings"].as_u64()
            ),
            (Some(12), Some(4), Some(41))
        );
        assert_eq!(v["pairable_units"], 11);
    }
    let v = stdout_json(&auditpanel(&[
        "agreement",
        &file,
        "--level",
        "ordinal",
        "--format",
        "json",
    ]));
    // R irrCAC 1.0 on the same data: Fleiss 0.76117 (se from Gwet's variance), AC1 0.77544.
    assert!(
        (v["coefficients"]["fleiss_kappa"]["estimate"]
            .as_f64()
            .unwrap()
            - 0.76117)
            .abs()
            < 5e-6
    );
    assert_eq!(v["coefficients"]["fleiss_kappa"]["method"], "analytic");
    assert!((v["coefficients"]["gwet_ac1"]["estimate"].as_f64().unwrap() - 0.77544).abs() < 5e-6);
    assert_eq!(v["pairwise"].as_array().unwrap().len(), 6);
    assert!(v["rater_stats"][0].get("severity").is_some());
}

#[test]
fn agreement_reads_stdin_and_wide_files() {
    let out = with_stdin(
        &[
            "agreement",
            "-",
            "--wide",
            "--level",
            "nominal",
            "--format",
            "json",
        ],
        "unit,A,B\n1,x,x\n2,y,y\n3,x,y\n",
    );
    let v = stdout_json(&out);
    // 2 of 3 units agree: pairwise percent agreement 2/3.
    assert!(
        (v["coefficients"]["percent_agreement"]["estimate"]
            .as_f64()
            .unwrap()
            - 2.0 / 3.0)
            .abs()
            < 1e-12
    );
    assert!(
        v["coefficients"].get("icc1").is_none(),
        "ICC is absent at the nominal level"
    );
}

#[test]
fn agreement_bootstrap_is_reproducible_for_a_seed() {
    let file = reference_csv("krippendorff2011_C");
    let run = |seed: &str| {
        let v = stdout_json(&auditpanel(&[
            "agreement",
            &file,
            "--level",
            "interval",
            "--bootstrap",
            "300",
            "--seed",
            seed,
            "--format",
            "json",
        ]));
        v["coefficients"]["krippendorff_alpha"].clone()
    };
    let (a, b, c) = (run("5"), run("5"), run("6"));
    assert_eq!(a, b);
    assert_ne!(a["ci95"], c["ci95"]);
    assert_eq!(a["method"], "bootstrap");
}

/// Ordered text categories declared with `--categories` are scored by rank at the interval level (issue 16,
/// 5b), and two raters who rated the same units get Gwet's two-rater variance, named in every format (5a).
/// The expected values are hand-computed in `agreement::analysis`'s test
/// `ordered_text_categories_use_their_ranks_as_scores`: α interval 12/17, AC2 quadratic 11/14.
#[test]
fn agreement_scores_declared_text_categories_by_rank_and_names_the_variance_formula() {
    let input = "unit,rater,value\n1,a,lav\n1,b,middel\n2,a,middel\n2,b,middel\n3,a,høj\n3,b,høj\n";
    let args = |format: &'static str| {
        [
            "agreement",
            "-",
            "--level",
            "interval",
            "--categories",
            "lav,middel,høj",
            "--weights",
            "quadratic",
            "--format",
            format,
        ]
    };
    let v = stdout_json(&with_stdin(&args("json"), input));
    let c = &v["coefficients"];
    assert!((c["krippendorff_alpha"]["estimate"].as_f64().unwrap() - 12.0 / 17.0).abs() < 1e-12);
    assert!((c["gwet_ac2"]["estimate"].as_f64().unwrap() - 11.0 / 14.0).abs() < 1e-12);
    assert_eq!(c["gwet_ac1"]["variance"], "gwet_two_raters");
    assert_eq!(c["fleiss_kappa"]["variance"], "gwet_raw");
    assert!(
        v["notes"]
            .to_string()
            .contains("lav = 1, middel = 2, høj = 3")
    );

    let table = with_stdin(&args("table"), input);
    let table = String::from_utf8_lossy(&table.stdout);
    let ac1_line = table.lines().find(|l| l.starts_with("Gwets AC1")).unwrap();
    assert!(
        ac1_line.ends_with("analytisk (Gwet, to bedømmere)"),
        "{ac1_line}"
    );

    let csv = with_stdin(&args("csv"), input);
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(csv.starts_with("coefficient,estimate,se,ci95_lower,ci95_upper,method,variance"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("gwet_ac1,") && l.ends_with(",analytic,gwet_two_raters"))
    );

    // Text categories nobody put in order are still refused at the interval level.
    let out = with_stdin(&["agreement", "-", "--level", "interval"], input);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ikke et tal"));
}

#[test]
fn agreement_bad_input_names_the_line_and_exits_2() {
    for (input, level, needle) in [
        (
            "unit,rater,value\nu1,a,1\nu1,b,høj\n",
            "interval",
            "linje 3",
        ),
        (
            "unit,rater,value\nu1,a,1\nu2,b,2\nu1,a,3\n",
            "nominal",
            "linje 4",
        ),
        ("", "nominal", "linje 1"),
        ("unit,rater,value\n", "nominal", "tom"),
        (
            "unit,rater,value\nu1,a,1\nu2,a,2\n",
            "nominal",
            "kun 1 bedømmer",
        ),
    ] {
        let out = with_stdin(&["agreement", "-", "--level", level], input);
        assert_eq!(out.status.code(), Some(2), "{input:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{input:?}: {stderr}");
    }
    let out = auditpanel(&["agreement", "/findes/ikke.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("findes ikke"));
}

/// A SQLite URL in a fresh temporary directory (kept alive by the returned guard).
fn temp_database() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    (dir, url)
}

#[test]
fn user_add_reads_the_password_from_stdin_and_token_create_prints_only_the_token() {
    let (_dir, url) = temp_database();
    let out = with_stdin(
        &[
            "user",
            "add",
            "--role",
            "panelist",
            "--navn",
            "Konsulent Fyn",
            "fyn-1",
            "--database-url",
            &url,
        ],
        "hemmeligt\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "Brugeren »fyn-1« er oprettet med rollen panelist."
    );

    let out = auditpanel(&["token", "create", "fyn-1", "--database-url", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let token = stdout.trim_end();
    assert_eq!(stdout.lines().count(), 1, "only the token: {stdout}");
    assert_eq!(token.len(), 43, "32 random bytes in base64url: {token}");
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );

    // The same username again is refused in Danish.
    let out = with_stdin(
        &[
            "user",
            "add",
            "--role",
            "laeser",
            "fyn-1",
            "--database-url",
            &url,
        ],
        "x1234\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("brugernavnet »fyn-1« er allerede i brug")
    );
}

#[test]
fn a_tilsynskontakt_needs_a_tilsyn() {
    let (_dir, url) = temp_database();
    let out = with_stdin(
        &[
            "user",
            "add",
            "--role",
            "tilsynskontakt",
            "kontakt",
            "--database-url",
            &url,
        ],
        "hemmeligt\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("en tilsynskontakt skal have --tilsyn"));
    let out = with_stdin(
        &[
            "user",
            "add",
            "--role",
            "tilsynskontakt",
            "--tilsyn",
            "oest",
            "kontakt",
            "--database-url",
            &url,
        ],
        "hemmeligt\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn serve_demo_is_refused_in_danish_on_a_database_with_other_data() {
    let (_dir, url) = temp_database();
    let out = with_stdin(
        &[
            "user",
            "add",
            "--role",
            "koordinator",
            "anne",
            "--database-url",
            &url,
        ],
        "hemmeligt\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = auditpanel(&[
        "serve",
        "--demo",
        "--addr",
        "127.0.0.1:0",
        "--database-url",
        &url,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("demodata kan ikke indlæses"), "{stderr}");
    assert!(
        stderr.contains("»anne«"),
        "names what is in the way: {stderr}"
    );
}

/// Tokens have a scope and an expiry, are listed without the token itself, and are revoked by id or by
/// the token; mistakes are Danish and exit 2.
#[test]
fn tokens_are_scoped_listed_and_revoked() {
    let (_dir, url) = temp_database();
    let out = with_stdin(
        &[
            "user",
            "add",
            "--role",
            "laeser",
            "laeser-1",
            "--database-url",
            &url,
        ],
        "hemmeligt\n",
    );
    assert!(out.status.success());
    let create = |args: &[&str]| {
        let mut all = vec!["token", "create", "laeser-1", "--database-url", &url];
        all.extend_from_slice(args);
        auditpanel(&all)
    };
    let out = create(&[
        "--label",
        "statistik",
        "--scope",
        "write",
        "--expires",
        "30",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let write = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let out = create(&["--label", "læsning"]);
    assert!(out.status.success());
    let read = String::from_utf8(out.stdout).unwrap().trim().to_owned();

    let out = create(&["--expires", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--expires skal være et helt antal dage fra 1 til 36500, ikke »0«")
    );
    let out = create(&["--scope", "admin"]);
    assert_eq!(out.status.code(), Some(2));

    let list = || {
        let out = auditpanel(&["token", "list", "laeser-1", "--database-url", &url]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let listed = list();
    assert!(
        !listed.contains(&write) && !listed.contains(&read),
        "{listed}"
    );
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    let first: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(&first[1..4], ["laeser-1", "write", "aktiv"], "{listed}");
    assert_ne!(first[5], "aldrig", "it expires: {listed}");
    assert_eq!(first[6], "statistik");
    let second: Vec<&str> = lines[2].split('\t').collect();
    assert_eq!(
        &second[2..4],
        ["read", "aktiv"],
        "the default is read: {listed}"
    );
    assert_eq!(second[5], "aldrig");

    let out = auditpanel(&["token", "revoke", first[0], "--database-url", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = auditpanel(&["token", "revoke", &read, "--database-url", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = list();
    assert_eq!(listed.matches("\ttilbagekaldt\t").count(), 2, "{listed}");
    let out = auditpanel(&["token", "revoke", first[0], "--database-url", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("der er ingen nøgle med id"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = auditpanel(&["token", "list", "ingen-bruger", "--database-url", &url]);
    assert_eq!(out.status.code(), Some(2));
}

/// A demo database and the export of its audit 25.1 (blind, in vurdering) renumbered to 99.1, so that
/// it can be imported into the same database, whose users are the demo's.
fn demo_with_export() -> (tempfile::TempDir, String, serde_json::Value) {
    let (dir, url) = temp_database();
    let out = auditpanel(&["seed", "--demo", "--database-url", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut doc = stdout_json(&auditpanel(&[
        "export",
        "--audit",
        "25.1",
        "--database-url",
        &url,
    ]));
    doc["audit"]["nr"] = "99.1".into();
    (dir, url, doc)
}

/// The index of the first submitted rating with a score.
fn scored(doc: &serde_json::Value) -> usize {
    doc["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| {
            r["rating"]["value"]["score"].is_i64() && r["rating"]["status"] == "submitted"
        })
        .expect("25.1 has a submitted score")
}

/// Hole: `import` trusted its file. An export edited so that a rating's rater is not on the panel or is
/// no user, a value is off the scale, round 2 appears in a blind audit, a submitted rating has no
/// submission time, the event log carries a rating's value or reason, or the state does not follow
/// from the log, was written as it stood. Each is refused with exit code 2, a Danish message naming the
/// place in the file, and the database file is byte for byte as before; the untouched file imports.
#[test]
fn import_refuses_an_edited_export_naming_the_place_and_writes_nothing() {
    let (dir, url, doc) = demo_with_export();
    let db_file = dir.path().join("cli.db");
    let i = scored(&doc);
    let at = doc["ratings"][i]["created_at"].clone();
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit, Vec<String>)> = vec![
        (
            "rater not on the panel",
            Box::new(move |d| d["ratings"][i]["rating"]["rater"] = "midt-9".into()),
            vec![
                format!("ratings[{i}] (bedømmer »midt-9«"),
                "bedømmeren sidder ikke i panelet".into(),
            ],
        ),
        (
            "rater on the panel but no user",
            Box::new(move |d| {
                let mut member = d["audit"]["panel"][0].clone();
                member["username"] = "fyn-9".into();
                d["audit"]["panel"].as_array_mut().unwrap().push(member);
                d["ratings"][i]["rating"]["rater"] = "fyn-9".into();
            }),
            vec![
                format!("ratings[{i}] (bedømmer »fyn-9«"),
                "findes ikke som bruger".into(),
            ],
        ),
        (
            "value off the scale",
            Box::new(move |d| d["ratings"][i]["rating"]["value"]["score"] = 17.into()),
            vec![format!("ratings[{i}] (bedømmer »"), "17".into()],
        ),
        (
            "round 2 before reveal",
            Box::new(move |d| d["ratings"][i]["rating"]["round"] = 2.into()),
            vec![
                format!("ratings[{i}] "),
                "runde 2 åbner først i tilstanden drøftelse".into(),
            ],
        ),
        (
            "submitted without a time",
            Box::new(move |d| d["ratings"][i]["submitted_at"] = serde_json::Value::Null),
            vec![
                format!("ratings[{i}] "),
                "intet tidspunkt for indsendelse".into(),
            ],
        ),
        (
            "event with a value",
            Box::new({
                let at = at.clone();
                move |d| {
                    let rater = d["ratings"][i]["rating"]["rater"].clone();
                    let event = serde_json::json!({
                        "at": at, "actor": rater, "kind": "ratings_submitted", "before": null,
                        "after": { "rater": rater, "rounds": [1], "units": 1, "value": { "score": 4 } }
                    });
                    d["events"].as_array_mut().unwrap().push(event);
                }
            }),
            vec!["(»ratings_submitted«)".into(), "»value«".into()],
        ),
        (
            "event quoting a reason",
            Box::new(move |d| {
                let reason = "Tilsynet har ikke dokumenteret borgerens mål";
                d["ratings"][i]["rating"]["reason"] = reason.into();
                let event = serde_json::json!({
                    "at": at, "actor": "system", "kind": "audit_updated", "before": null,
                    "after": { "fokus": reason }
                });
                d["events"].as_array_mut().unwrap().push(event);
            }),
            vec![
                "(»audit_updated«)".into(),
                format!("gengiver teksten fra ratings[{i}]"),
            ],
        ),
        (
            "state the log never reached",
            Box::new(|d| d["audit"]["state"] = "droeftelse".into()),
            vec![
                "audit.state".into(),
                "hændelsesloggen ender i tilstanden vurdering".into(),
            ],
        ),
    ];
    for (case, edit, needles) in &cases {
        let mut edited = doc.clone();
        edit(&mut edited);
        let file = dir.path().join("redigeret.json");
        std::fs::write(&file, serde_json::to_string_pretty(&edited).unwrap()).unwrap();
        let before = std::fs::read(&db_file).unwrap();
        let out = auditpanel(&["import", file.to_str().unwrap(), "--database-url", &url]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{case}: {stderr}");
        for needle in needles {
            assert!(
                stderr.contains(needle.as_str()),
                "{case}: {stderr} lacks {needle}"
            );
        }
        assert!(
            std::fs::read(&db_file).unwrap() == before,
            "{case} wrote to the database"
        );
    }
    let out = auditpanel(&["export", "--audit", "99.1", "--database-url", &url]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no refused import left 99.1 behind"
    );

    let file = dir.path().join("uændret.json");
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let out = auditpanel(&["import", file.to_str().unwrap(), "--database-url", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("99.1"));
}
