//! The database subcommands as a process: `seed --demo`, `export`, `import`, on temporary SQLite files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn auditpanel(args: &[&str], database: &Path) -> Output {
    let url = format!("sqlite://{}?mode=rwc", database.display());
    Command::new(env!("CARGO_BIN_EXE_auditpanel"))
        .args(args)
        .args(["--database-url", &url])
        .env_remove("DATABASE_URL")
        .output()
        .expect("the binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Adds every rater of the exported audit `json` to `database` as a panelist, as an administrator
/// does before importing into another database: `import` refuses ratings by people who are no users.
fn add_raters(json: &str, database: &Path) {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut raters: Vec<&str> = doc["ratings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rating"]["rater"].as_str().unwrap())
        .collect();
    raters.sort_unstable();
    raters.dedup();
    assert!(!raters.is_empty(), "the export has ratings");
    for rater in raters {
        let url = format!("sqlite://{}?mode=rwc", database.display());
        let mut child = Command::new(env!("CARGO_BIN_EXE_auditpanel"))
            .args([
                "user",
                "add",
                "--role",
                "panelist",
                rater,
                "--database-url",
                &url,
            ])
            .env_remove("DATABASE_URL")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs");
        std::io::Write::write_all(child.stdin.as_mut().unwrap(), b"hemmeligt\n").unwrap();
        ok(&child.wait_with_output().unwrap());
    }
}

#[test]
fn seed_export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.db"), dir.path().join("b.db"));
    ok(&auditpanel(&["seed", "--demo"], &first));
    // Seeding the same demo again is a no-op, not an error.
    ok(&auditpanel(&["seed", "--demo"], &first));
    let exported = ok(&auditpanel(&["export", "--audit", "20.1"], &first));
    let file = dir.path().join("20.1.json");
    std::fs::write(&file, &exported).unwrap();
    add_raters(&exported, &second);
    ok(&auditpanel(&["import", file.to_str().unwrap()], &second));
    let again = ok(&auditpanel(&["export", "--audit", "20.1"], &second));
    assert_eq!(
        exported, again,
        "export → import → export must be byte-identical"
    );
    assert!(exported.contains("\"format_version\""));
}

#[test]
fn damaged_or_duplicate_imports_fail_in_danish_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok(&auditpanel(&["seed", "--demo"], &db));
    let exported = ok(&auditpanel(&["export", "--audit", "19.1"], &db));

    let damaged = dir.path().join("damaged.json");
    std::fs::write(&damaged, &exported[..exported.len() / 2]).unwrap();
    let out = auditpanel(&["import", damaged.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("fejl: "));

    // 19.1 already exists in this database: refused, and the existing audit is untouched.
    let whole = dir.path().join("whole.json");
    std::fs::write(&whole, &exported).unwrap();
    let out = auditpanel(&["import", whole.to_str().unwrap()], &db);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("19.1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        ok(&auditpanel(&["export", "--audit", "19.1"], &db)),
        exported
    );
}

#[test]
fn demo_seed_is_refused_on_a_database_with_other_data() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, other) = (dir.path().join("demo.db"), dir.path().join("other.db"));
    ok(&auditpanel(&["seed", "--demo"], &demo));
    let file = dir.path().join("19.2.json");
    let exported = ok(&auditpanel(&["export", "--audit", "19.2"], &demo));
    std::fs::write(&file, &exported).unwrap();
    add_raters(&exported, &other);
    ok(&auditpanel(&["import", file.to_str().unwrap()], &other));
    let out = auditpanel(&["seed", "--demo"], &other);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("fejl: "));
}

#[test]
fn unknown_audit_is_a_danish_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = auditpanel(&["export", "--audit", "99.9"], &dir.path().join("empty.db"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("99.9"));
}
